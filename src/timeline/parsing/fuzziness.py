"""A `Fuzziness` in words, both ways: ``{year = "2 years", day = "10 days"}``.

Each key is a precision (``day``, ``month``, ``season``, ``year``, ``decade``, ``century``);
each value an amount of whole days, months or years (``"7 days"``, ``"1 month"``,
``"25 years"``). Keys left out keep the default (see `timeline.dates.Fuzziness`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

from timeline.dates import DEFAULT_FUZZINESS, Fuzziness
from timeline.errors import FieldError, shorten

__all__ = ["fuzziness_from_json", "fuzziness_to_json", "read_fuzziness", "spell_fuzziness"]

_AMOUNT: Final = re.compile(r"\s*(\d{1,4})\s+(day|month|year)s?\s*")
_KEYS: Final = ("day", "month", "season", "year", "decade", "century")


def read_fuzziness(spelled: object) -> Fuzziness:
    """The `Fuzziness` a mapping spells; a `timeline.FieldError` (a ValueError) naming the key,
    the value and the form expected.

    >>> read_fuzziness({"year": "2 years"}).year
    (24, 0)
    """
    if not isinstance(spelled, Mapping):
        raise FieldError("fuzziness", spelled, "a table of amounts such as {year = '2 years'}")
    changes: dict[str, Any] = {}
    for key, value in spelled.items():
        if key not in _KEYS:
            raise FieldError(
                "fuzziness", spelled, f"keys among {', '.join(_KEYS)} (not {shorten(key)})"
            )
        match = _AMOUNT.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise FieldError(
                "fuzziness",
                spelled,
                f"whole days, months or years ('7 days', '1 month', '2 years') for {key}, "
                f"not {shorten(value)}",
            )
        number, unit = int(match.group(1)), match.group(2)
        changes[key] = {"day": (0, number), "month": (number, 0), "year": (12 * number, 0)}[unit]
    return attrs.evolve(DEFAULT_FUZZINESS, **changes)


def spell_fuzziness(fuzziness: Fuzziness) -> dict[str, str]:
    """The amounts of a `Fuzziness` that differ from the default, in words.

    >>> spell_fuzziness(read_fuzziness({"year": "2 years", "day": "10 days"}))
    {'day': '10 days', 'year': '2 years'}
    """
    spelled = {}
    for key in _KEYS:
        value: tuple[int, int] = getattr(fuzziness, key)
        if value == getattr(DEFAULT_FUZZINESS, key):
            continue
        months, days = value
        if days or not months:
            spelled[key] = f"{days} days"
        elif months % 12 == 0:
            spelled[key] = f"{months // 12} years"
        else:
            spelled[key] = f"{months} months"
    return spelled


def fuzziness_to_json(fuzziness: Fuzziness | None) -> str | None:
    """The spelled amounts as JSON text (None for the default): a column in Arrow."""
    return None if fuzziness is None else json.dumps(spell_fuzziness(fuzziness), sort_keys=True)


def fuzziness_from_json(text: str | None) -> Fuzziness | None:
    """The inverse of `fuzziness_to_json`."""
    return None if text is None else read_fuzziness(json.loads(text))
