"""English labels: the writing side of the English forms `timeline.parsing.phrases` reads.

A label names the Gregorian core of a date as a reader would say it: a whole period by its
name ("7 May 1875", "spring 1945", "1870s", "16th century"), a range as "A – B" with a shared
year said once, an open side as "before 1600" or "after 1874", qualifiers as "c. " and "?"
(each side of a range on its own: "between c. 1945 and 1947"). A Julian date adds its Old
Style wording ("28 March 1584 (Julian: 18 March 1584)"). Every label reads back, through
`timeline.FuzzyDate.parse`, to the same bounds; where words cannot say a date exactly, the
label is its EDTF.
"""

from __future__ import annotations

from typing import Final

from timeline.dates import MAX_DATE, MIN_DATE, Calendar, Date, FuzzyDate, Period, Precision
from timeline.dates import month_length as _month_length
from timeline.parsing.calendars import RUSSIAN_SWITCH, gregorian_to_julian

__all__ = ["MONTH_NAMES", "OPEN_LABEL", "label", "range_label"]

OPEN_LABEL: Final = "open (unknown or ongoing)"
"""The label of a date open at both ends (EDTF ``../..``)."""
MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_SEASON_NAMES: Final = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
_REFORM: Final = Date(1582, 10, 15)


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def period_label(period: Period) -> str:
    """The name of a whole period ("7 May 1875", "spring 1945", "1870s", "16th century")."""
    first, precision = period.first, period.precision
    if precision is Precision.DAY:
        return f"{first.day} {MONTH_NAMES[first.month - 1]} {first.year}"
    if precision is Precision.MONTH:
        return f"{MONTH_NAMES[first.month - 1]} {first.year}"
    if precision is Precision.SEASON:
        return f"{_SEASON_NAMES[first.month]} {first.year}"
    if precision is Precision.YEAR:
        return str(first.year)
    if precision is Precision.DECADE:
        return f"{period.last.year - 9}s"
    return f"{_ordinal(period.last.year // 100 + 1)} century"


def _label_at(day: Date, precision: Precision, *, end: bool) -> str | None:
    """One side's label at exactly its precision, or None if that precision cannot say it
    (a side that is not the edge of a whole period)."""
    try:
        period = Period.at(day, precision)
    except OverflowError:  # the winter of the year 0
        return None
    if (period.last if end else period.first) != day:
        return None
    # "the 16th century" inside a phrase: "16th century and 1 January" would read as days
    return ("the " if precision is Precision.CENTURY else "") + period_label(period)


def _bound_label(day: Date, *, end: bool) -> str:
    """A short label for one end of a range: a year, a month or a day."""
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return str(day.year)
    if day.day == (_month_length(day.year, day.month) if end else 1):
        return f"{MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def range_label(lo: Date, hi: Date, *, named: bool = True) -> str:
    """A human label for lo..hi: a named period (unless ``named=False``), or "A – B" with a
    shared year said once.

    >>> range_label(Date(1945, 1, 1), Date(1945, 4, 30))
    'January – April 1945'
    """
    period = Period.of(lo, hi) if named else None
    if period is not None:
        return period_label(period)
    month_aligned = lo.day == 1 and hi.day == _month_length(hi.year, hi.month)
    if month_aligned and (lo.month, hi.month) == (1, 12):
        return f"{lo.year} – {hi.year}"
    if month_aligned:
        first, last = MONTH_NAMES[lo.month - 1], f"{MONTH_NAMES[hi.month - 1]} {hi.year}"
    else:
        first, last = (
            f"{lo.day} {MONTH_NAMES[lo.month - 1]}",
            f"{hi.day} {MONTH_NAMES[hi.month - 1]} {hi.year}",
        )
    if lo.year != hi.year:
        first = f"{first} {lo.year}"
    return f"{first} – {last}"


def _qualified(text: str, code: int) -> str:
    # words before the date: a trailing "?" at the end of a range would qualify both ends
    return ("probably " if code & 2 else "") + ("c. " if code & 1 else "") + text


def _between(date: FuzzyDate, lo: Date, hi: Date) -> str | None:
    """ "between A and B" for a range whose sides carry their own qualifiers, each side said
    at its own precision; None if one cannot be."""
    first = _label_at(lo, date.first_precision, end=False)
    last = _label_at(hi, date.last_precision, end=True)
    if first is None or last is None:
        return None
    return (
        f"between {_qualified(first, date.first_qualifier)} "
        f"and {_qualified(last, date.last_qualifier)}"
    )


def _open(date: FuzzyDate, lo: Date | None, hi: Date | None, pre: str, post: str) -> str:
    """The label of a date open on one side ("before 1600", "from 7 May 1875")."""
    # a qualified side widens by its precision: name it at that precision, not as a year
    if (pre or post) and date.precision is not Precision.YEAR:
        day = hi if lo is None else lo
        assert day is not None
        exact = _label_at(day, date.precision, end=lo is None)
        if exact is None:
            return date.to_edtf()
        code = (1 if pre else 0) | (2 if post else 0)
        return f"{'until' if lo is None else 'from'} {_qualified(exact, code)}"
    if lo is None:
        assert hi is not None
        if (hi.month, hi.day) == (12, 31) and hi.year < MAX_DATE.year:
            return f"before {pre}{hi.year + 1}{post}"
        return f"until {pre}{_bound_label(hi, end=True)}{post}"
    if (lo.month, lo.day) == (1, 1) and lo.year > MIN_DATE.year:
        return f"after {pre}{lo.year - 1}{post}"
    return f"from {pre}{_bound_label(lo, end=False)}{post}"


def label(date: FuzzyDate, *, old_style: bool = False) -> str:
    """The label of a date (`timeline.FuzzyDate.label`).

    >>> label(FuzzyDate.parse("1984?/2004~"))
    'between probably 1984 and c. 2004'
    """
    lo, hi = date.core_earliest, date.core_latest
    pre = "c. " if date.approximate else ""
    post = "?" if date.uncertain else ""
    if lo is None and hi is None:
        core = OPEN_LABEL
    elif lo is None or hi is None:
        core = _open(date, lo, hi, pre, post)
    elif (pre or post) and date.period is None:
        # a qualified range: each side widens by its own qualifier and precision, so each is
        # said on its own ("between c. 1945 and 1947"); where words cannot, EDTF
        core = _between(date, lo, hi) or date.to_edtf()
    else:
        core = f"{pre}{range_label(lo, hi)}{post}"
    if date.calendar is Calendar.JULIAN:
        start = ", years from 25 March" if date.year_start == "03-25" else ""
        core = f"{core} (Julian{start}: {date.text})"
    elif old_style and lo is not None and lo == hi and _REFORM <= lo <= RUSSIAN_SWITCH:
        year, month, day = gregorian_to_julian(lo)
        same_year = "" if year == lo.year else f" {year}"
        core = f"{core} ({day} {MONTH_NAMES[month - 1]}{same_year} O.S.)"
    return core
