"""`likely_duplicates` as it was before its candidate index: every pair whose dates overlap.

Kept verbatim (only renamed) as the reference that the indexed version must equal, pair for
pair, score for score, reason for reason and in the same order (tests/test_duplicates.py), and
as the reference of the duplicates benchmark (benchmarks/run.py). It is quadratic: 11.8 s at
2,000 events of the benchmark data file, more than 300 s at 100,000.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from timeline.model import Event
from timeline.query import DuplicateCandidate, _words


def brute_force_duplicates(
    events: Sequence[Event], *, threshold: float = 0.5
) -> list[DuplicateCandidate]:
    """Pairs of events whose titles, actors and dates suggest they are the same event."""
    ordered = sorted(events, key=Event.sort_key)
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.latest is not None and b.earliest is not None and b.earliest > a.latest:
                break  # sorted by earliest: no later event can overlap a
            if b.id in a.same_as or a.id in b.same_as:
                continue
            if b.latest is not None and a.earliest is not None and b.latest < a.earliest:
                continue
            wa, wb = _words(a.title), _words(b.title)
            jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
            chars = difflib.SequenceMatcher(None, a.title.lower(), b.title.lower()).ratio()
            title = (jaccard + chars) / 2
            shared = set(a.actors) & set(b.actors)
            everyone = set(a.actors) | set(b.actors)
            actors = len(shared) / len(everyone) if everyone else 0.0
            score = round(0.6 * title + 0.4 * actors, 3)
            if score >= threshold:
                names = ", ".join(sorted(shared)) or "none"
                reason = (
                    f"titles {title:.0%} alike; shared actors: {names}; "
                    f"dates overlap ({a.date_label()} / {b.date_label()})"
                )
                first, second = sorted((a.id, b.id))
                found.append(DuplicateCandidate(first, second, score, reason))
    return sorted(found, key=lambda c: (-c.score, c.first, c.second))
