"""ISO 8601 and EDTF (ISO 8601-2) levels 0 and 1.

Accepted, with the EDTF specification's strict bounds:

* days, months and years: ``1875-05-07``, ``1875-05``, ``1875`` (a time after ``T`` is
  accepted and ignored: the model counts days);
* seasons (level 1): ``1945-21`` spring, ``-22`` summer, ``-23`` autumn, ``-24`` winter;
* qualifiers (level 1) after a date: ``?`` uncertain, ``~`` approximate, ``%`` both;
* unspecified digits (level 1): ``156X`` (1560-1569), ``15XX`` (1500-1599), ``1985-XX``
  (the year 1985), ``1985-04-XX`` (April 1985), ``1985-XX-XX``;
* intervals ``A/B`` of any of the above, with open ends ``../1985`` and ``1985/..`` and
  unknown ends ``/1985`` and ``1985/`` (both read as unbounded on that side).

Years outside 1-9999 (``-0050``, ``Y170000002``) are rejected with a clear error.
"""

from __future__ import annotations

import re
from typing import Final

from timeline.errors import DateParseError
from timeline.parsing._spans import (
    End,
    Span,
    century_end,
    day_end,
    decade_end,
    month_end,
    season_end,
    year_end,
)

_DATE: Final = re.compile(
    r"""
    (?P<year>\d{4}|\d{3}X|\d{2}XX)
    (?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?
    (?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?
    (?P<qualifier>[?~%])?
    """,
    re.VERBOSE,
)
_FAR_YEAR: Final = re.compile(r"[+-]?Y?-?\d{5,}|-\d{4}.*|Y-?\d+.*")
_QUALIFIERS: Final = {
    None: (False, False),
    "?": (False, True),
    "~": (True, False),
    "%": (True, True),
}


def parse_edtf_date(text: str, whole: str) -> End:
    """One EDTF date (not an interval), or DateParseError; ``whole`` is quoted in errors."""
    match = _DATE.fullmatch(text)
    if match is None:
        if _FAR_YEAR.fullmatch(text):
            raise DateParseError(whole, "years before 1 or after 9999 are not supported")
        raise DateParseError(whole, f"{text!r} is not an EDTF date")
    year, month, day, qualifier = match.group("year", "month", "day", "qualifier")
    approximate, uncertain = _QUALIFIERS[qualifier]
    end = _period(whole, year, month, day)
    if approximate or uncertain:
        end = end.qualified(approximate=approximate, uncertain=uncertain)
    return end


def _period(whole: str, year: str, month: str | None, day: str | None) -> End:
    if "X" in year:
        if month is not None:
            raise DateParseError(
                whole, "EDTF level 1 allows unspecified year digits only in a bare year (156X)"
            )
        if year.endswith("XX"):
            return century_end(whole, int(year[:2]) * 100)
        return decade_end(whole, int(year[:3]) * 10)
    y = int(year)
    if y == 0:
        raise DateParseError(whole, "year 0000 (1 BCE) is outside the supported range 1 to 9999")
    if month is None or month == "XX":
        if day is not None and day != "XX":
            raise DateParseError(whole, "a day needs a known month (1985-XX-07 is level 2)")
        return year_end(whole, y)
    m = int(month)
    if 21 <= m <= 24:
        if day is not None:
            raise DateParseError(whole, f"a season ({month}) takes no day")
        return season_end(whole, y, m)
    if day is None or day == "XX":
        return month_end(whole, y, m)
    return day_end(whole, y, m, int(day))


def parse_edtf(text: str) -> Span:
    """An EDTF date or interval as a span, or DateParseError."""
    if text == "..":
        raise DateParseError(text, "'..' alone is not EDTF; expected '../..' (open at both ends)")
    if "/" not in text:
        end = parse_edtf_date(text, text)
        return end, end
    first, _, second = text.partition("/")
    if "/" in second:
        raise DateParseError(text, "an EDTF interval has exactly one '/'")
    start = None if first in ("", "..") else parse_edtf_date(first, text)
    finish = None if second in ("", "..") else parse_edtf_date(second, text)
    return start, finish


def looks_like_edtf(text: str) -> bool:
    """Whether text is written in EDTF's alphabet (digits, X, -, /, ., ?, ~, %, T, :)."""
    return _ALPHABET.fullmatch(text) is not None


_ALPHABET: Final = re.compile(r"[0-9XY\-/.?~%T:Z+]+")
