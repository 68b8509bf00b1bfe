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

Writing (`format_edtf`) is the other direction: a date that is one whole period is written
as that period with its qualifier (``1875~``, ``156X``, ``1945-21``); any other as an interval
of its two sides, each the period of its precision at that day (``1984?/2004~``), or the
shortest text with that day where the side is not a whole period and unqualified. What EDTF
cannot say (a qualified side that is not a whole Gregorian period, as in a Julian month) is
written as the outer bounds, unqualified: the same outer bounds, the core lost.
"""

from __future__ import annotations

import re
from typing import Final

from timeline.dates import Date, FuzzyDate, Period, Precision, Qualifier, month_length
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


_MARKS: Final = ("", "~", "?", "%")
"""A qualifier's EDTF mark, by its value (approximate 1, uncertain 2, both 3)."""


def period_edtf(period: Period) -> str:
    """The EDTF text of a whole period.

    >>> period_edtf(Period.season(1945, 3)), period_edtf(Period.century(1500))
    ('1945-21', '15XX')
    """
    first, precision = period.first, period.precision
    y = first.year
    if precision is Precision.DAY:
        return f"{y:04d}-{first.month:02d}-{first.day:02d}"
    if precision is Precision.MONTH:
        return f"{y:04d}-{first.month:02d}"
    if precision is Precision.SEASON:
        return f"{y:04d}-{20 + first.month // 3}"
    if precision is Precision.YEAR:
        return f"{y:04d}"
    if precision is Precision.DECADE:
        return f"{period.last.year // 10:03d}X"
    return f"{period.last.year // 100:02d}XX"


def _side(day: Date, precision: Precision, qualifier: Qualifier, *, end: bool) -> str | None:
    """One side of an interval, or None if EDTF cannot say it exactly."""
    try:
        period = Period.at(day, precision)
    except OverflowError:  # the winter of the year 0
        return None if qualifier else _day_text(day, end=end)
    if (period.last if end else period.first) == day:
        return period_edtf(period) + _MARKS[qualifier]
    if qualifier:
        return None
    return _day_text(day, end=end)


def _day_text(day: Date, *, end: bool) -> str:
    """The shortest unqualified EDTF text whose first (last) day is ``day``."""
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return f"{day.year:04d}"
    if day.day == (month_length(day.year, day.month) if end else 1):
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def format_edtf(date: FuzzyDate) -> str:
    """The canonical EDTF text of a date; `parse_edtf` reads it back to the same bounds.

    >>> from timeline import FuzzyDate
    >>> format_edtf(FuzzyDate.parse("1984?/2004~")), format_edtf(FuzzyDate.parse("c. 1875"))
    ('1984?/2004~', '1875~')
    >>> format_edtf(FuzzyDate.parse("March 1700 O.S."))
    '1700-03-12/1700-04-11'
    """
    period = date.period
    if period is not None:
        return period_edtf(period) + _MARKS[date.first_qualifier]
    lo, hi = date.core_earliest, date.core_latest
    first = ".." if lo is None else _side(lo, date.first_precision, date.first_qualifier, end=False)
    last = ".." if hi is None else _side(hi, date.last_precision, date.last_qualifier, end=True)
    if first is None or last is None:
        outer_lo, outer_hi = date.earliest, date.latest
        first = ".." if outer_lo is None else _day_text(outer_lo, end=False)
        last = ".." if outer_hi is None else _day_text(outer_hi, end=True)
    if first == last != "..":  # both sides one period (of different kinds): say it once
        return first
    return f"{first}/{last}"
