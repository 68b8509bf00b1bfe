"""Hypothesis profiles: `ci` (default) and `thorough` (HYPOTHESIS_PROFILE=thorough)."""

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
