"""The uncertain-date model: `Period`, `FuzzyDate`, its `Precision`, `Qualifier` and `Calendar`.

A `Period` is one whole unit of the calendar: a day, a month, a season, a year, a decade or a
century, with its first and last day. A `FuzzyDate` has two sides, each a day, a precision and
a qualifier; from them it derives two pairs of bounds:

* ``core_earliest`` / ``core_latest``: what the wording says, taken literally (EDTF calls these
  the *strict* bounds): ``1875`` is 1 January to 31 December 1875, ``156X`` is 1560 to 1569.
* ``earliest`` / ``latest``: the *outer* bounds, each side widened for its qualifiers
  "approximate" (``~``, "circa") and "uncertain" (``?``, "probably") by its `Fuzziness`. The
  item certainly lies within the outer bounds. ``None`` is an open end ("before 1600").

This module knows nothing about text. Each text form owns both directions in `timeline.parsing`:
`timeline.parsing.edtf` reads and writes EDTF, `timeline.parsing.english` writes the labels
that `timeline.parsing.phrases` reads, `timeline.parsing.calendars` converts the Julian
calendar both ways. `FuzzyDate.to_edtf` and `FuzzyDate.label` hand over to them.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

import attrs
import pendulum

from timeline.errors import DateParseError, FieldError, FieldTypeError

__all__ = [
    "DEFAULT_FUZZINESS",
    "WIDENING",
    "Calendar",
    "Date",
    "Fuzziness",
    "FuzzyDate",
    "Period",
    "Precision",
    "Qualifier",
]

Date = pendulum.Date
"""The date type of every bound: `pendulum.Date` (a `datetime.date` subclass), Gregorian."""

MIN_DATE: Final = Date(1, 1, 1)
MAX_DATE: Final = Date(9999, 12, 31)
_MAX_ORDINAL: Final = MAX_DATE.toordinal()
OPEN_START: Final = MIN_DATE.toordinal() - 2
"""The day ordinal that stands in for an open earliest bound in every module that counts days
(ordering, the columnar engine, figures): before every date."""
OPEN_END: Final = MAX_DATE.toordinal() + 2
"""The day ordinal that stands in for an open latest bound: after every date, and after the
day after the last date too (half-open ranges end there)."""
EPOCH_ORDINAL: Final = 719163
"""The ordinal of 1970-01-01, day 0 of Arrow's date32 and of Plotly's milliseconds."""


class Precision(enum.IntEnum):
    """How finely a date is known, from the day to the century; larger is coarser."""

    DAY = 1
    MONTH = 2
    SEASON = 3
    YEAR = 4
    DECADE = 5
    CENTURY = 6

    def __str__(self) -> str:
        return self.name.lower()


class Qualifier(enum.IntFlag):
    """What is said of one side of a date: approximate (``~``, "circa"), uncertain (``?``,
    "probably"), both (``%``) or neither. Each widens the side's outer bound by one step."""

    NONE = 0
    APPROXIMATE = 1
    UNCERTAIN = 2

    @property
    def steps(self) -> int:
        """How many widening steps this qualifier asks for (both is two)."""
        return _STEPS[self]


_STEPS: Final = (0, 1, 1, 2)


class Calendar(enum.Enum):
    """The calendar a date was *written* in; bounds are always Gregorian."""

    GREGORIAN = "gregorian"
    JULIAN = "julian"

    def __str__(self) -> str:
        return self.value


_DAYS_IN_MONTH: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """The number of days in a Gregorian month: the one rule every module uses.

    >>> month_length(1900, 2), month_length(2000, 2)
    (28, 29)
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """The (year, month) ``months`` months after (before, if negative) year-month.

    >>> add_months(1709, 12, 2)
    (1710, 2)
    """
    year, month0 = divmod(year * 12 + month - 1 + months, 12)
    return year, month0 + 1


_SEASON_MONTHS: Final = (3, 6, 9, 12)
"""The first months of the meteorological (northern) seasons: spring, summer, autumn, winter."""
_MONTHS_OF: Final = {Precision.MONTH: 1, Precision.SEASON: 3, Precision.YEAR: 12}


def _date(year: int, month: int, day: int) -> Date:
    if not 1 <= year <= 9999:
        raise OverflowError(f"year {year} is outside the supported years 1 to 9999")
    return Date(year, month, day)


class Period(NamedTuple):
    """One whole period of the Gregorian calendar: its first day, last day and kind.

    A decade is ten years from a year ending in 0, a century a hundred years from a year
    ending in 00 (the 16th century is 1500-1599); seasons are meteorological and northern
    (spring is March to May, winter December to February). The decade and century that
    contain the year 1 start on 1 January 0001. A named tuple: parsing makes many of them.

    >>> Period.year(1875)
    Period(first=Date(1875, 1, 1), last=Date(1875, 12, 31), precision=<Precision.YEAR: 4>)
    >>> Period.season(1709, 12).next().first
    Date(1710, 3, 1)
    """

    first: Date
    last: Date
    precision: Precision

    @classmethod
    def day(cls, day: _dt.date) -> Period:
        """The single day."""
        d = day if isinstance(day, Date) else Date(day.year, day.month, day.day)
        return cls(d, d, Precision.DAY)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The whole month."""
        return cls(
            _date(year, month, 1), Date(year, month, month_length(year, month)), Precision.MONTH
        )

    @classmethod
    def season(cls, year: int, first_month: int) -> Period:
        """The season of ``year`` that begins in ``first_month`` (3, 6, 9 or 12)."""
        end_year, end_month = add_months(year, first_month, 2)
        last = _date(end_year, end_month, month_length(end_year, end_month))
        return cls(_date(year, first_month, 1), last, Precision.SEASON)

    @classmethod
    def year(cls, year: int) -> Period:
        """The whole year."""
        return cls(_date(year, 1, 1), _date(year, 12, 31), Precision.YEAR)

    @classmethod
    def decade(cls, first_year: int) -> Period:
        """The ten years from ``first_year`` (a multiple of 10)."""
        first = _date(max(first_year, 1), 1, 1)
        return cls(first, _date(first_year + 9, 12, 31), Precision.DECADE)

    @classmethod
    def century(cls, first_year: int) -> Period:
        """The hundred years from ``first_year`` (a multiple of 100)."""
        first = _date(max(first_year, 1), 1, 1)
        return cls(first, _date(first_year + 99, 12, 31), Precision.CENTURY)

    @classmethod
    def at(cls, day: _dt.date, precision: Precision) -> Period:
        """The period of this precision that contains ``day``; OverflowError for the
        winter that began in December of the year 0.

        >>> Period.at(Date(1710, 1, 15), Precision.SEASON).first
        Date(1709, 12, 1)
        """
        if precision is Precision.DAY:
            return cls.day(day)
        if precision is Precision.MONTH:
            return cls.month(day.year, day.month)
        if precision is Precision.SEASON:
            year = day.year - 1 if day.month < 3 else day.year
            return cls.season(year, _SEASON_MONTHS[(day.month - 3) % 12 // 3])
        if precision is Precision.YEAR:
            return cls.year(day.year)
        if precision is Precision.DECADE:
            return cls.decade(day.year - day.year % 10)
        return cls.century(day.year - day.year % 100)

    @classmethod
    def of(cls, first: _dt.date, last: _dt.date) -> Period | None:
        """The whole period that is exactly first..last, if there is one (the finest).

        >>> Period.of(Date(1560, 1, 1), Date(1569, 12, 31)).precision
        <Precision.DECADE: 5>
        >>> Period.of(Date(1560, 1, 1), Date(1561, 12, 31)) is None
        True
        """
        for precision in Precision:
            try:
                period = cls.at(first, precision)
            except OverflowError:  # the winter of the year 0
                continue
            if period.first == first:
                if period.last == last:
                    return period
                if period.last > last:
                    return None
        return None

    def shift(self, periods: int) -> Period:
        """The period of the same kind ``periods`` later (earlier if negative).

        Raises OverflowError past the years 1 to 9999.

        >>> Period.month(1700, 1).shift(-1).first
        Date(1699, 12, 1)
        """
        precision = self.precision
        if precision is Precision.DAY:
            return Period.day(_from_ordinal(self.first.toordinal() + periods))
        # a decade or century is named by its last year: the first may be clipped at the year 1
        if precision is Precision.DECADE:
            return Period.decade(self.last.year - 9 + 10 * periods)
        if precision is Precision.CENTURY:
            return Period.century(self.last.year - 99 + 100 * periods)
        year, month = add_months(self.first.year, self.first.month, _MONTHS_OF[precision] * periods)
        if precision is Precision.MONTH:
            return Period.month(year, month)
        if precision is Precision.SEASON:
            return Period.season(year, month)
        return Period.year(year)

    def next(self) -> Period:
        """The period of the same kind just after this one."""
        return self.shift(1)

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return self.shift(-1)


def _pair(value: Iterable[int]) -> tuple[int, int]:
    expected = "a pair (months, days) of whole numbers"
    try:
        months, days = value
    except (TypeError, ValueError):
        raise FieldTypeError("step", value, expected, where="Fuzziness") from None
    if type(months) is not int or type(days) is not int:
        raise FieldTypeError("step", value, expected, where="Fuzziness")
    return months, days


@attrs.frozen
class Fuzziness:
    """How far one qualifier step widens an outer bound, per precision, as (months, days).

    Approximate (``~``) and uncertain (``?``) each widen by one step; both (``%``) by two
    steps. The default: a day by 7 days, a month or season by 1 month, a year by 1 year, a
    decade by 5 years, a century by 25 years. So ``1875~`` has outer bounds 1874-01-01 to
    1876-12-31 and ``1875%`` 1873 to 1877. A value, not a setting: pass one to
    `FuzzyDate.parse` (``fuzziness=``) or set it in a data file; it never changes globally.
    A step that is not whole months or whole days raises `timeline.FieldError`.

    >>> Fuzziness(year=(24, 0)).step(Precision.YEAR)
    (24, 0)
    """

    day: tuple[int, int] = attrs.field(default=(0, 7), converter=_pair)
    month: tuple[int, int] = attrs.field(default=(1, 0), converter=_pair)
    season: tuple[int, int] = attrs.field(default=(1, 0), converter=_pair)
    year: tuple[int, int] = attrs.field(default=(12, 0), converter=_pair)
    decade: tuple[int, int] = attrs.field(default=(60, 0), converter=_pair)
    century: tuple[int, int] = attrs.field(default=(300, 0), converter=_pair)

    def __attrs_post_init__(self) -> None:
        for name in _PRECISION_NAMES:
            months, days = getattr(self, name)
            if months < 0 or days < 0 or (months and days):
                raise FieldError(
                    name,
                    (months, days),
                    "(months, days): whole months or whole days, not negative",
                    where="Fuzziness",
                )

    def step(self, precision: Precision) -> tuple[int, int]:
        """One step for an end of this precision, as (months, days)."""
        result: tuple[int, int] = getattr(self, precision.name.lower())
        return result


_PRECISION_NAMES: Final = ("day", "month", "season", "year", "decade", "century")
DEFAULT_FUZZINESS: Final = Fuzziness()
"""The fuzziness the README documents; used wherever none is given."""

WIDENING: Final = MappingProxyType({p: DEFAULT_FUZZINESS.step(p) for p in Precision})
"""The default fuzziness as a read-only mapping (precision to (months, days)), for reading;
to widen differently, pass a `Fuzziness`. A bound widened past 0001-01-01 or 9999-12-31 is
refused (`widen` raises OverflowError, a `FuzzyDate` a DateParseError), not clamped: a clamped
outer bound would claim more than is known.
"""


def _from_ordinal(ordinal: int) -> Date:
    """The date of a proleptic Gregorian ordinal; OverflowError outside 0001-01-01..9999-12-31."""
    if not 1 <= ordinal <= _MAX_ORDINAL:
        raise OverflowError(f"day ordinal {ordinal} is outside 0001-01-01 to 9999-12-31")
    return Date.fromordinal(ordinal)


def _shift_months(day: _dt.date, months: int, *, end: bool) -> Date:
    """Move a bound by whole months to the same day of the target month.

    An end bound on the last day of its month stays on the last day of its month. A day the
    target month lacks (30 February) moves outwards, so the bound never narrows: a start to the
    month's last day, an end into the next month (as "the day after, moved, minus a day" would).
    Raises OverflowError past 0001-01-01 or 9999-12-31.
    """
    year, month = add_months(day.year, day.month, months)
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise OverflowError(f"{day} moved by {months} months leaves the years 1 to 9999")
    length = month_length(year, month)
    if not end:
        return Date(year, month, min(day.day, length))
    if day.day == month_length(day.year, day.month):
        return Date(year, month, length)
    return _from_ordinal(_dt.date(year, month, 1).toordinal() + day.day - 1)


def widen(
    day: Date,
    precision: Precision,
    steps: int,
    *,
    end: bool,
    fuzziness: Fuzziness = DEFAULT_FUZZINESS,
) -> Date:
    """Widen one bound outwards by ``steps`` steps of ``fuzziness`` for ``precision``.

    Raises OverflowError if the widened bound would fall before 0001-01-01 or after 9999-12-31.
    """
    if steps == 0:
        return day
    months, days = fuzziness.step(precision)
    sign = 1 if end else -1
    if months:
        return _shift_months(day, sign * months * steps, end=end)
    return _from_ordinal(day.toordinal() + sign * days * steps)


def _optional_date(value: _dt.date | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise FieldTypeError("bound", value, "a datetime.date or None", where="FuzzyDate")
    return Date(value.year, value.month, value.day)


def _check_order(instance: FuzzyDate, attribute: attrs.Attribute[Date | None], _: object) -> None:
    lo, hi = instance.core_earliest, instance.core_latest
    if lo is not None and hi is not None and lo > hi:
        raise FieldError(
            "core_latest", str(hi), f"a day not before core_earliest ({lo})", where="FuzzyDate"
        )


def side_precision(day: Date, *, end: bool) -> Precision:
    """The coarsest of year, month and day whose period starts (ends) on ``day``: the
    precision of an unqualified side known only by its day."""
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return Precision.YEAR
    if day.day == (month_length(day.year, day.month) if end else 1):
        return Precision.MONTH
    return Precision.DAY


def _parse_date() -> Callable[..., FuzzyDate]:
    """`timeline.parsing.parse_date`, imported on first use (parsing builds on this module)."""
    global _PARSE_DATE
    if _PARSE_DATE is None:
        from timeline.parsing import parse_date

        _PARSE_DATE = parse_date
    return _PARSE_DATE


_PARSE_DATE: Callable[..., FuzzyDate] | None = None


@attrs.frozen(kw_only=True, eq=True, order=False, repr=False)
class FuzzyDate:
    """An uncertain date or date range: two sides, each a day, a precision and a qualifier.

    Build one with `FuzzyDate.parse` (see `timeline.parsing` for the accepted forms) or
    `FuzzyDate.from_bounds`. What is given: ``core_earliest``/``core_latest``, the literal
    (EDTF "strict") bounds, ``None`` for an open end; ``first_precision``/``last_precision``
    and ``first_qualifier``/``last_qualifier``, what is said of each side (an instant's two
    sides are alike); ``text``, the original wording; ``calendar``, the calendar of that
    wording; ``reference``, the date a relative phrase ("last year") was resolved against;
    ``fuzziness``, how far its qualifiers widen it, if not the default; ``year_start``.

    What is derived, never given: the outer bounds ``earliest``/``latest``, ``precision``
    (the coarser side), ``approximate``/``uncertain`` (either side), `period`, `to_edtf` and
    `label`.

    >>> d = FuzzyDate.parse("c. 1875")
    >>> (str(d.earliest), str(d.latest), d.approximate, d.to_edtf(), str(d))
    ('1874-01-01', '1876-12-31', True, '1875~', 'c. 1875')
    """

    core_earliest: Date | None = attrs.field(converter=_optional_date)
    core_latest: Date | None = attrs.field(converter=_optional_date, validator=_check_order)
    first_precision: Precision = Precision.DAY
    last_precision: Precision = Precision.DAY
    first_qualifier: Qualifier = Qualifier.NONE
    last_qualifier: Qualifier = Qualifier.NONE
    text: str = ""
    calendar: Calendar = Calendar.GREGORIAN
    reference: FuzzyDate | None = None
    fuzziness: Fuzziness | None = None
    """The fuzziness its qualifiers were widened by, if not the default."""
    year_start: str | None = None
    """``"03-25"`` if its Old Style wording counts years from 25 March (Lady Day)."""
    earliest: Date | None = attrs.field(init=False, eq=False)
    """The outer earliest bound: ``core_earliest`` widened for its side's qualifier."""
    latest: Date | None = attrs.field(init=False, eq=False)
    """The outer latest bound: ``core_latest`` widened for its side's qualifier."""
    _edtf: str | None = attrs.field(init=False, default=None, eq=False, repr=False)
    _label: str | None = attrs.field(init=False, default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        earliest, latest = self.core_earliest, self.core_latest
        # an unqualified side is its core day: only a qualified one is widened
        if earliest is not None and self.first_qualifier:
            try:
                steps = _STEPS[self.first_qualifier]
                fuzziness = self.fuzziness or DEFAULT_FUZZINESS
                earliest = widen(
                    earliest, self.first_precision, steps, end=False, fuzziness=fuzziness
                )
            except OverflowError:
                raise self._overflow("earliest bound before the year 1") from None
        if latest is not None and self.last_qualifier:
            try:
                steps = _STEPS[self.last_qualifier]
                fuzziness = self.fuzziness or DEFAULT_FUZZINESS
                latest = widen(latest, self.last_precision, steps, end=True, fuzziness=fuzziness)
            except OverflowError:
                raise self._overflow("latest bound past the year 9999") from None
        object.__setattr__(self, "earliest", earliest)
        object.__setattr__(self, "latest", latest)
        if not self.text:
            object.__setattr__(self, "text", self.to_edtf())

    def _overflow(self, side: str) -> DateParseError:
        # clamping to 0001-01-01 or 9999-12-31 would claim the date certainly lies inside
        # bounds it may not: refuse instead
        return DateParseError(
            self.text or f"{self.core_earliest}..{self.core_latest}",
            f"its qualifiers widen its {side} (see timeline.Fuzziness), and years before 1 or "
            "after 9999 are not supported; expected the date without 'circa', '?', '~' or '%'",
        )

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        reference: FuzzyDate | _dt.date | str | None = None,
        calendar: Calendar | str = Calendar.GREGORIAN,
        form: Literal["mixed", "edtf", "english"] = "mixed",
        fuzziness: Fuzziness | None = None,
        year_start: Literal["01-01", "03-25"] = "01-01",
    ) -> FuzzyDate:
        """Read a date from ISO 8601, EDTF (levels 0 and 1) or an English phrase.

        ``reference`` (a source's publication date) resolves relative phrases such as
        "last year"; ``calendar="julian"`` reads the text as an Old Style date. ``form``
        chooses between readings of text two conventions read differently: ``"edtf"``
        (strict EDTF/ISO, for machine data), ``"english"`` (the historian's reading) or
        ``"mixed"`` (the default: anything, and text with two plausible readings raises
        `timeline.AmbiguousDateError` naming both). ``fuzziness`` (a `Fuzziness`) sets how
        far its qualifiers widen it. Raises `timeline.DateParseError` for anything else. See
        `timeline.parsing` for every form.

        >>> str(FuzzyDate.parse("18 March 1584 O.S.").earliest)
        '1584-03-28'
        >>> FuzzyDate.parse("1620-21", form="english").label()
        '1620 – 1621'
        >>> FuzzyDate.parse("1620-21", form="edtf").label()
        'spring 1620'
        """
        return _parse_date()(
            text,
            reference=reference,
            calendar=calendar,
            form=form,
            fuzziness=fuzziness,
            year_start=year_start,
        )

    @classmethod
    def from_bounds(
        cls, earliest: _dt.date | None, latest: _dt.date | None, *, text: str = ""
    ) -> FuzzyDate:
        """A date known to lie within ``earliest``..``latest`` (inclusive; ``None`` is open).

        Its precision is that of the whole period it is (a month, a year, ...), else of its
        sides. Raises `timeline.FieldError` if earliest is after latest.

        >>> FuzzyDate.from_bounds(Date(1945, 8, 18), Date(1945, 9, 5)).to_edtf()
        '1945-08-18/1945-09-05'
        >>> FuzzyDate.from_bounds(Date(1560, 1, 1), Date(1569, 12, 31)).precision
        <Precision.DECADE: 5>
        """
        lo, hi = _optional_date(earliest), _optional_date(latest)
        period = None if lo is None or hi is None else Period.of(lo, hi)
        first: Precision
        last: Precision
        if period is not None and period.precision is not Precision.SEASON:
            # a season is written as its months: EDTF's season codes read two ways
            first = last = period.precision
        else:
            first = Precision.CENTURY if lo is None else side_precision(lo, end=False)
            last = Precision.CENTURY if hi is None else side_precision(hi, end=True)
        return cls(
            core_earliest=lo,
            core_latest=hi,
            first_precision=first,
            last_precision=last,
            text=text,
        )

    @property
    def precision(self) -> Precision:
        """The coarsest unit a side is known to (a century for a date open at both ends)."""
        if self.core_earliest is None:
            return Precision.CENTURY if self.core_latest is None else self.last_precision
        if self.core_latest is None:
            return self.first_precision
        return max(self.first_precision, self.last_precision)

    @property
    def qualifier(self) -> Qualifier:
        """Every qualifier said of either side."""
        first = Qualifier.NONE if self.core_earliest is None else self.first_qualifier
        last = Qualifier.NONE if self.core_latest is None else self.last_qualifier
        return first | last

    @property
    def approximate(self) -> bool:
        """Whether either side is approximate ("circa", ``~``)."""
        return bool(self.qualifier & Qualifier.APPROXIMATE)

    @property
    def uncertain(self) -> bool:
        """Whether either side is uncertain ("probably", ``?``)."""
        return bool(self.qualifier & Qualifier.UNCERTAIN)

    @property
    def period(self) -> Period | None:
        """The one whole period this date is (both sides alike), if it is one: the
        instant that "1875", "spring 1945" or "c. 16th century" names."""
        lo, hi, precision = self.core_earliest, self.core_latest, self.first_precision
        if (
            lo is None
            or hi is None
            or precision is not self.last_precision
            or self.first_qualifier != self.last_qualifier
        ):
            return None
        try:
            period = Period.at(lo, precision)
        except OverflowError:
            return None
        return period if period.first == lo and period.last == hi else None

    @property
    def is_open(self) -> bool:
        """Whether either end is open (unbounded)."""
        return self.core_earliest is None or self.core_latest is None

    @property
    def edtf(self) -> str:
        """`to_edtf`, as an attribute."""
        return self.to_edtf()

    def to_edtf(self) -> str:
        """The canonical EDTF (ISO 8601-2, level 0/1) text; parsing it (with the same
        fuzziness) gives the same outer bounds.

        Where EDTF cannot say what the wording said (a Julian month, a qualified part of a
        century), it gives the Gregorian outer bounds as an unqualified interval. Written by
        `timeline.parsing.edtf`.
        """
        if self._edtf is None:  # derived once, when first asked for
            from timeline.parsing.edtf import format_edtf

            object.__setattr__(self, "_edtf", format_edtf(self))
        assert self._edtf is not None
        return self._edtf

    def label(self, *, old_style: bool = False) -> str:
        """A short human label for the Gregorian core ("c. 1875", "16th century", "before 1600").

        Qualifiers show as "c. " (approximate) and "?" (uncertain); a Julian date also shows
        its original wording. ``old_style=True`` adds the Julian day to a single day between
        the Gregorian reform (1582) and Russia's switch (1918), where a reader of Russian
        history expects both. Every label reads back (`FuzzyDate.parse`) to the same bounds.
        Written by `timeline.parsing.english`.

        >>> FuzzyDate.parse("7 May 1875").label(old_style=True)
        '7 May 1875 (25 April O.S.)'
        """
        from timeline.parsing.english import label

        if old_style:
            return label(self, old_style=True)
        if self._label is None:  # derived once, when first asked for (tables, hovers)
            object.__setattr__(self, "_label", label(self))
        assert self._label is not None
        return self._label

    def __str__(self) -> str:
        return self.label()

    def __repr__(self) -> str:
        return f"<FuzzyDate {self.text!r} {self.earliest}..{self.latest} edtf={self.edtf!r}>"

    def _repr_html_(self) -> str:
        import html

        return (
            f"<span title='{html.escape(self.to_edtf(), quote=True)}'>"
            f"{html.escape(self.label())}</span>"
        )
