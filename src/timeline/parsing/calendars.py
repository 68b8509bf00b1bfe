"""The Julian (Old Style) calendar: reading its dates and converting them to the Gregorian.

Russia kept the Julian calendar until 1918 (31 January 1918 O.S. was followed by 14 February
1918 N.S.), so Russian sources date events Old Style. A Julian date is converted to the same
day in the proleptic Gregorian calendar: 18 March 1584 O.S. is 28 March 1584; the difference
is 10 days from 1582, 11 from 1700, 12 from 1800 and 13 from 1900 (all from 1 March O.S.).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Final

from timeline.dates import MAX_DATE, Date, Precision
from timeline.errors import DateParseError
from timeline.parsing._spans import End, Span

RUSSIAN_SWITCH: Final = Date(1918, 2, 13)
"""Russia's first New Style day (14 February 1918 N.S. followed 31 January 1918 O.S.; this is
the Gregorian 13 February, the last Old Style day)."""


def gregorian_to_julian(day: _dt.date) -> tuple[int, int, int]:
    """The Julian (Old Style) year, month and day of a Gregorian date.

    >>> gregorian_to_julian(Date(1875, 5, 7))
    (1875, 4, 25)
    """
    jdn = day.toordinal() + 1721425  # Julian day number (ordinal 1 is JDN 1721426)
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1


def julian_days_in_month(year: int, month: int) -> int:
    """Days in a Julian month: every fourth year is a leap year, centuries included."""
    if month == 2:
        return 29 if year % 4 == 0 else 28
    return (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def julian_to_gregorian(year: int, month: int, day: int) -> Date:
    """The Gregorian date of a Julian (Old Style) calendar day.

    >>> str(julian_to_gregorian(1584, 3, 18))
    '1584-03-28'
    >>> str(julian_to_gregorian(1918, 1, 31))
    '1918-02-13'
    """
    return Date.fromordinal(_julian_ordinal(year, month, day))


def _julian_ordinal(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian ordinal (1 is 0001-01-01) of a Julian calendar day."""
    # Julian day number of the Julian calendar date (Richards' algorithm), then to an ordinal:
    # ordinal 1 (0001-01-01 Gregorian) is JDN 1721426.
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jdn - 1721425


def _to_gregorian(text: str, year: int, month: int, day: int) -> Date:
    """`julian_to_gregorian`, or a DateParseError if the day falls outside the years 1-9999
    (Julian 1-2 January 0001 are in 1 BC, Julian dates from 20 October 9999 in 10000)."""
    ordinal = _julian_ordinal(year, month, day)
    if not 1 <= ordinal <= _MAX_ORDINAL:
        side = "before the year 1" if ordinal < 1 else "after the year 9999"
        raise DateParseError(
            text,
            f"Julian {year:04d}-{month:02d}-{day:02d} falls {side} in the Gregorian calendar; "
            "years before 1 or after 9999 are not supported",
        )
    return Date.fromordinal(ordinal)


_MAX_ORDINAL: Final = MAX_DATE.toordinal()


def _convert_end(text: str, end: End) -> End:
    """Read an End that was built from Gregorian fields as Julian fields instead."""
    lo, hi = end.lo, end.hi
    # The parsers validate against Gregorian month lengths; Julian 29 February in century years
    # (1700, 1800, 1900) is valid only here, so it is checked against the Julian calendar too.
    last = julian_days_in_month(hi.year, hi.month)
    hi_day = last if end.precision is not Precision.DAY and hi.day >= 28 else hi.day
    if hi_day > last:
        raise DateParseError(text, f"day {hi_day} does not exist in Julian {hi.year}-{hi.month}")
    new_lo = _to_gregorian(text, lo.year, lo.month, lo.day)
    new_hi = _to_gregorian(text, hi.year, hi.month, hi_day)
    return End(new_lo, new_hi, end.precision, end.approximate, end.uncertain)


def _each_end(span: Span, convert: Callable[[End], End]) -> Span:
    """A span with ``convert`` applied to each end (an instant's one end once)."""
    start, finish = span
    new_start = None if start is None else convert(start)
    if finish is start:
        return new_start, new_start
    return new_start, None if finish is None else convert(finish)


def span_to_gregorian(text: str, span: Span) -> Span:
    """Convert both ends of a span written in the Julian calendar to the Gregorian."""
    return _each_end(span, lambda end: _convert_end(text, end))


def civil_to_historical(text: str, span: Span) -> Span:
    """Old Style fields of a year that began on 25 March (Lady Day) as years from 1 January.

    In that civil year "10 February 1675" is 10 February 1676; the year 1675 runs from
    25 March 1675 to 24 March 1676; a decade or century likewise from 25 March. A month or
    season that the change of year splits (March) is refused: it names two stretches.
    """
    return _each_end(span, lambda end: _historical(text, end))


def _historical(text: str, end: End) -> End:
    lo, hi = end.lo, end.hi
    if hi.year >= 9999:
        raise DateParseError(
            text,
            "with the year beginning on 25 March, 9999 runs into the year 10000, which "
            "is not supported; years before 1 or after 9999 are not supported",
        )
    if end.precision >= Precision.YEAR:
        new_lo, new_hi = Date(lo.year, 3, 25), Date(hi.year + 1, 3, 24)
    else:
        try:
            new_lo, new_hi = _moved(lo), _moved(hi)
        except ValueError:
            raise DateParseError(
                text,
                f"with the year beginning on 25 March, 29 February {lo.year} is in "
                f"{lo.year + 1}, which has no 29 February",
            ) from None
    if new_lo > new_hi:
        raise DateParseError(
            text,
            f"with the year beginning on 25 March, {lo.year}'s March is two stretches "
            f"(1-24 March {lo.year + 1} and 25-31 March {lo.year}); write the day",
        )
    return End(new_lo, new_hi, end.precision, end.approximate, end.uncertain)


def _moved(day: Date) -> Date:
    """A civil day before 25 March belongs to the next year counted from 1 January."""
    if (day.month, day.day) >= (3, 25):
        return day
    return Date(day.year + 1, day.month, day.day)  # ValueError for a 29 February it lacks
