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
    Period,
    Precision,
    Qualifier,
    month_length,
)
from timeline.errors import DateParseError

_SEASON_CODES: Final = {21: 3, 22: 6, 23: 9, 24: 12}
"""EDTF season codes (level 1) and the month each season starts: meteorological, northern."""
_QUALIFIER: Final = (
    (Qualifier.NONE, Qualifier.UNCERTAIN),
    (Qualifier.APPROXIMATE, Qualifier.APPROXIMATE | Qualifier.UNCERTAIN),
)
"""The `Qualifier` of (approximate, uncertain)."""


class End(NamedTuple):
    """One end of a span: the period lo..hi, its precision and its qualifiers.

    A whole `timeline.dates.Period` while parsing; after a calendar conversion its Gregorian
    days (a Julian month runs from the 12th to the 11th). A named tuple rather than an attrs
    class: parsing makes one or two per date, and a tuple is the cheapest immutable record.
    """

    lo: Date
    hi: Date
    precision: Precision
    approximate: bool = False
    uncertain: bool = False

    @classmethod
    def of(cls, period: Period) -> End:
        """An unqualified end that is this period."""
        return cls(period.first, period.last, period.precision)

    @property
    def period(self) -> Period:
        """The period this end covers."""
        return Period(self.lo, self.hi, self.precision)

    @property
    def qualifier(self) -> Qualifier:
        """Its qualifiers as one `Qualifier`."""
        return _QUALIFIER[self.approximate][self.uncertain]

    def qualified(self, *, approximate: bool = False, uncertain: bool = False) -> End:
        """A copy with extra qualifiers."""
        return End(
            self.lo, self.hi, self.precision,
            self.approximate or approximate, self.uncertain or uncertain,
        )  # fmt: skip

    def moved(self, lo: Date, hi: Date) -> End:
        """The same kind of end over another period."""
        return End(lo, hi, self.precision, self.approximate, self.uncertain)


Span = tuple[End | None, End | None]


def make_date(text: str, year: int, month: int, day: int) -> Date:
    """A Gregorian date, or a DateParseError that says why it does not exist."""
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise DateParseError(text, f"year {year} is outside the supported range 1 to 9999")
    if not 1 <= month <= 12:
        raise DateParseError(text, f"month {month} does not exist (expected 1 to 12)")
    last = month_length(year, month)
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
    make_date(text, year, month, 1)  # raises the range error
    return End.of(Period.month(year, month))


def year_end(text: str, year: int) -> End:
    """The whole year."""
    make_date(text, year, 1, 1)  # raises the range error
    return End.of(Period.year(year))


def decade_end(text: str, first_year: int) -> End:
    """The ten years first_year .. first_year + 9 (first_year ends in 0)."""
    make_date(text, first_year + 9, 12, 31)  # raises the range error
    return End.of(Period.decade(first_year))


def century_end(text: str, first_year: int) -> End:
    """The hundred years first_year .. first_year + 99 (the 1500s for the 16th century)."""
    make_date(text, first_year + 99, 12, 31)  # raises the range error
    return End.of(Period.century(first_year))


def season_end(text: str, year: int, code: int) -> End:
    """An EDTF season (21 spring, 22 summer, 23 autumn, 24 winter) of a year.

    Seasons are meteorological and northern: spring is March to May, summer June to August,
    autumn September to November, winter December to February of the next year.
    """
    month = _SEASON_CODES[code]
    make_date(text, year, month, 1)
    if month == 12:
        make_date(text, year + 1, 2, 1)  # winter 9999 ends in the year 10000
    return End.of(Period.season(year, month))


def build(
    span: Span,
    text: str,
    *,
    calendar: Calendar = Calendar.GREGORIAN,
    reference: FuzzyDate | None = None,
    fuzziness: Fuzziness = DEFAULT_FUZZINESS,
) -> FuzzyDate:
    """Turn a span into a FuzzyDate: each end becomes a side (its day, precision and
    qualifier); the date derives its outer bounds by ``fuzziness`` (`timeline.Fuzziness`)."""
    start, end = span
    if start is not None and end is not None and start.lo > end.hi:
        raise DateParseError(
            text, f"the range ends ({end.hi}) before it starts ({start.lo}); expected start <= end"
        )
    first = Precision.CENTURY if start is None else start.precision
    last = Precision.CENTURY if end is None else end.precision
    first_qualifier = Qualifier.NONE if start is None else start.qualifier
    last_qualifier = Qualifier.NONE if end is None else end.qualifier
    return FuzzyDate(
        core_earliest=None if start is None else start.lo,
        core_latest=None if end is None else end.hi,
        first_precision=first,
        last_precision=last,
        first_qualifier=first_qualifier,
        last_qualifier=last_qualifier,
        text=text,
        calendar=calendar,
        reference=reference,
        # only a qualified date is widened: for any other the fuzziness changes nothing
        fuzziness=None
        if not (first_qualifier or last_qualifier)
        or fuzziness is DEFAULT_FUZZINESS
        or fuzziness == DEFAULT_FUZZINESS
        else fuzziness,
    )


def shift_day(day: _dt.date, days: int) -> Date:
    """A day moved by a number of days, as a Date."""
    return Date.fromordinal(day.toordinal() + days)
