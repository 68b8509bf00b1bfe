"""Shared building blocks of the parsers: the ends of a span and how a span becomes a FuzzyDate.

Every parser reduces its text to a `Span`: a start `End` and an end `End` (the same object for a
single date such as ``1875``; ``None`` for an open end). An `End` is a whole period (a day, a
month, a season, a year, a decade, a century) with its qualifiers; a span uses the first day of
its start and the last day of its end. This is the EDTF model, so every parser shares one
definition of bounds, qualifier widening and canonical EDTF text.
"""

from __future__ import annotations

import datetime as _dt
from typing import Final, NamedTuple

from timeline.dates import (
    DEFAULT_FUZZINESS,
    MAX_DATE,
    MIN_DATE,
    Calendar,
    Date,
    Fuzziness,
    FuzzyDate,
    Precision,
    edtf_from_bounds,
    widen,
)
from timeline.errors import DateParseError

_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_SEASON_CODES: Final = {21: 3, 22: 6, 23: 9, 24: 12}
"""EDTF season codes (level 1) and the month each season starts: meteorological, northern."""


class End(NamedTuple):
    """One end of a span: the whole period lo..hi, its precision and its qualifiers.

    A named tuple rather than an attrs class: parsing makes one or two per date, and a tuple
    is the cheapest immutable record Python has.
    """

    lo: Date
    hi: Date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False

    @property
    def steps(self) -> int:
        """How many widening steps the qualifiers ask for (``%`` is both, so two)."""
        return int(self.approximate) + int(self.uncertain)

    def qualified(self, *, approximate: bool = False, uncertain: bool = False) -> End:
        """A copy with extra qualifiers."""
        return End(
            self.lo, self.hi, self.precision,
            self.approximate or approximate, self.uncertain or uncertain,
        )  # fmt: skip

    def moved(self, lo: Date, hi: Date) -> End:
        """The same kind of end over another period."""
        return End(lo, hi, self.precision, self.approximate, self.uncertain)

    def edtf(self) -> str | None:
        """This end as EDTF text with its qualifier, or None if EDTF cannot say it exactly."""
        text = _period_text(self.lo, self.hi, self.precision)
        if text is None:
            return None
        if self.approximate and self.uncertain:
            return text + "%"
        if self.approximate:
            return text + "~"
        if self.uncertain:
            return text + "?"
        return text


Span = tuple[End | None, End | None]


def days_in_month(year: int, month: int) -> int:
    """The number of days in a Gregorian month."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def make_date(text: str, year: int, month: int, day: int) -> Date:
    """A Gregorian date, or a DateParseError that says why it does not exist."""
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise DateParseError(text, f"year {year} is outside the supported range 1 to 9999")
    if not 1 <= month <= 12:
        raise DateParseError(text, f"month {month} does not exist (expected 1 to 12)")
    last = days_in_month(year, month)
    if not 1 <= day <= last:
        raise DateParseError(
            text, f"day {day} does not exist in {year:04d}-{month:02d} (it has {last} days)"
        )
    return Date(year, month, day)


def day_end(text: str, year: int, month: int, day: int) -> End:
    """The single day year-month-day."""
    d = make_date(text, year, month, day)
    return End(d, d, Precision.DAY)


def month_end(text: str, year: int, month: int) -> End:
    """The whole month."""
    lo = make_date(text, year, month, 1)
    return End(lo, Date(year, month, days_in_month(year, month)), Precision.MONTH)


def year_end(text: str, year: int) -> End:
    """The whole year."""
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        make_date(text, year, 1, 1)  # raises the range error
    return End(Date(year, 1, 1), Date(year, 12, 31), Precision.YEAR)


def decade_end(text: str, first_year: int) -> End:
    """The ten years first_year .. first_year + 9 (first_year ends in 0)."""
    lo = make_date(text, max(first_year, 1), 1, 1)
    return End(lo, make_date(text, first_year + 9, 12, 31), Precision.DECADE)


def century_end(text: str, first_year: int) -> End:
    """The hundred years first_year .. first_year + 99 (the 1500s for the 16th century)."""
    lo = make_date(text, max(first_year, 1), 1, 1)
    return End(lo, make_date(text, first_year + 99, 12, 31), Precision.CENTURY)


def season_end(text: str, year: int, code: int) -> End:
    """An EDTF season (21 spring, 22 summer, 23 autumn, 24 winter) of a year.

    Seasons are meteorological and northern: spring is March to May, summer June to August,
    autumn September to November, winter December to February of the next year.
    """
    month = _SEASON_CODES[code]
    lo = make_date(text, year, month, 1)
    end_year, end_month = (year + 1, 2) if month == 12 else (year, month + 2)
    hi = make_date(text, end_year, end_month, days_in_month(end_year, end_month))
    return End(lo, hi, Precision.SEASON)


def _period_text(lo: Date, hi: Date, precision: Precision) -> str | None:
    """The EDTF text of exactly the period lo..hi at this precision, if there is one."""
    y = lo.year
    if precision is Precision.DAY:
        return f"{y:04d}-{lo.month:02d}-{lo.day:02d}" if lo == hi else None
    if precision is Precision.SEASON:
        for code, month in _SEASON_CODES.items():
            if lo.month == month and lo.day == 1 and season_end("", y, code).hi == hi:
                return f"{y:04d}-{code}"
        return None
    if lo.day != 1 or hi.day != days_in_month(hi.year, hi.month):
        return None
    if precision is Precision.MONTH:
        return f"{y:04d}-{lo.month:02d}" if (lo.year, lo.month) == (hi.year, hi.month) else None
    if lo.month != 1 or hi.month != 12:
        return None
    if precision is Precision.YEAR:
        return f"{y:04d}" if hi.year == y else None
    if precision is Precision.DECADE:
        return f"{y // 10:03d}X" if y % 10 == 0 and hi.year == y + 9 else None
    return f"{y // 100:02d}XX" if y % 100 == 0 and hi.year == y + 99 else None


def build(
    span: Span,
    text: str,
    *,
    calendar: Calendar = Calendar.GREGORIAN,
    reference: FuzzyDate | None = None,
    fuzziness: Fuzziness = DEFAULT_FUZZINESS,
) -> FuzzyDate:
    """Turn a span into a FuzzyDate: core bounds, outer bounds widened by ``fuzziness``
    (`timeline.dates.Fuzziness`), EDTF."""
    start, end = span
    if start is not None and end is not None and start.lo > end.hi:
        raise DateParseError(
            text, f"the range ends ({end.hi}) before it starts ({start.lo}); expected start <= end"
        )
    earliest = None if start is None else _outer(start, text, fuzziness, end=False)
    latest = None if end is None else _outer(end, text, fuzziness, end=True)
    if start is end and start is not None:
        edtf = start.edtf()
        precision, approximate, uncertain = start.precision, start.approximate, start.uncertain
    else:
        parts = [".." if e is None else e.edtf() for e in (start, end)]
        edtf = None if None in parts else f"{parts[0]}/{parts[1]}"
        ends = [e for e in (start, end) if e is not None]
        precision = max((e.precision for e in ends), default=Precision.CENTURY)
        approximate = any(e.approximate for e in ends)
        uncertain = any(e.uncertain for e in ends)
    return FuzzyDate(
        earliest=earliest,
        latest=latest,
        core_earliest=None if start is None else start.lo,
        core_latest=None if end is None else end.hi,
        precision=precision,
        approximate=approximate,
        uncertain=uncertain,
        text=text,
        calendar=calendar,
        reference=reference,
        edtf=edtf or edtf_from_bounds(earliest, latest),
        # only a qualified date is widened: for any other the fuzziness changes nothing
        fuzziness=None
        if fuzziness == DEFAULT_FUZZINESS or not (approximate or uncertain)
        else fuzziness,
    )


def _outer(bound: End, text: str, fuzziness: Fuzziness, *, end: bool) -> Date:
    """One outer bound: the end's first or last day widened for its qualifiers."""
    day = bound.hi if end else bound.lo
    try:
        return widen(day, bound.precision, bound.steps, end=end, fuzziness=fuzziness)
    except OverflowError:
        # Clamping to 0001-01-01 or 9999-12-31 would claim the date certainly lies inside
        # bounds it may not: refuse instead.
        side = "latest bound past the year 9999" if end else "earliest bound before the year 1"
        raise DateParseError(
            text,
            f"its qualifiers widen its {side} (see timeline.Fuzziness), and years before 1 or "
            "after 9999 are not supported; expected the date without 'circa', '?', '~' or '%'",
        ) from None


def shift_day(day: _dt.date, days: int) -> Date:
    """A day moved by a number of days, as a Date."""
    return Date.fromordinal(day.toordinal() + days)
