"""The uncertain-date model: `FuzzyDate`, its `Precision`, and the `Calendar` of its wording.

A `FuzzyDate` is an interval of days with two pairs of bounds:

* ``core_earliest`` / ``core_latest``: what the wording says, taken literally (EDTF calls these
  the *strict* bounds): ``1875`` is 1 January to 31 December 1875, ``156X`` is 1560 to 1569.
* ``earliest`` / ``latest``: the *outer* bounds, the core widened for the qualifiers "approximate"
  (``~``, "circa") and "uncertain" (``?``, "probably"), by the amounts in `WIDENING`. The item
  certainly lies within the outer bounds. ``None`` is an open end ("before 1600" has no earliest).

This module knows nothing about text: `timeline.parsing` turns wording into a `FuzzyDate`.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as _dt
import enum
from collections.abc import Iterable
from types import MappingProxyType
from typing import Final, Literal

import attrs
import pendulum

from timeline.errors import FieldError

__all__ = [
    "DEFAULT_FUZZINESS",
    "WIDENING",
    "Calendar",
    "Date",
    "Fuzziness",
    "FuzzyDate",
    "Precision",
]

Date = pendulum.Date
"""The date type of every bound: `pendulum.Date` (a `datetime.date` subclass), Gregorian."""

MIN_DATE: Final = Date(1, 1, 1)
MAX_DATE: Final = Date(9999, 12, 31)


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


class Calendar(enum.Enum):
    """The calendar a date was *written* in; bounds are always Gregorian."""

    GREGORIAN = "gregorian"
    JULIAN = "julian"

    def __str__(self) -> str:
        return self.value


OPEN_LABEL: Final = "open (unknown or ongoing)"
"""The label of a date open at both ends (EDTF ``../..``)."""
_QUALIFIER_CODES: Final = {(False, False): 0, (True, False): 1, (False, True): 2, (True, True): 3}
_MARK_CODES: Final = {"~": 1, "?": 2, "%": 3}


def qualifier_sides(edtf: str, approximate: bool, uncertain: bool) -> tuple[int, int]:
    """The qualifiers of a date's earlier and later side as codes (0 none, 1 approximate,
    2 uncertain, 3 both): an EDTF interval within one date (``1984?/2004~``) qualifies each
    end on its own; any other date, both sides alike.

    >>> qualifier_sides("1984?/2004~", True, True)
    (2, 1)
    """
    if "/" not in edtf:
        code = _QUALIFIER_CODES[approximate, uncertain]
        return code, code
    lo, hi = edtf.split("/", 1)
    return _MARK_CODES.get(lo[-1:], 0), _MARK_CODES.get(hi[-1:], 0)


def _between_label(lo: Date, hi: Date, edtf: str, sides: tuple[int, int]) -> str | None:
    """ "between A and B" for an interval whose ends carry their own qualifiers, each end
    labelled at its own precision (read from its EDTF side); None if one is coarser than a
    year or does not fill its period."""
    parts = edtf.split("/", 1)
    labels = []
    for day, part, code, end in ((lo, parts[0], sides[0], False), (hi, parts[1], sides[1], True)):
        precision = _precision_of_edtf(part.rstrip("?~%"))
        label = _label_at(day, precision, end=end)
        if label is None:
            return None
        labels.append(_qualified(label, code))
    return f"between {labels[0]} and {labels[1]}"


def _label_at(day: Date, precision: Precision, *, end: bool) -> str | None:
    """One end's label at exactly this precision, or None if that precision cannot say it."""
    if precision is Precision.DAY:
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    edge = _last_of_month(day.year, day.month).day if end else 1
    if precision is Precision.MONTH and day.day == edge:
        return f"{_MONTHS[day.month - 1]} {day.year}"
    if precision is Precision.YEAR and (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return str(day.year)
    return None


def _qualified(label: str, code: int) -> str:
    # words before the date: a trailing "?" at the end of a range would qualify both ends
    return ("probably " if code & 2 else "") + ("c. " if code & 1 else "") + label


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


_REFORM: Final = _dt.date(1582, 10, 15)
_RUSSIAN_SWITCH: Final = _dt.date(1918, 2, 13)
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _pair(value: Iterable[int]) -> tuple[int, int]:
    months, days = value
    return int(months), int(days)


@attrs.frozen
class Fuzziness:
    """How far one qualifier step widens an outer bound, per precision, as (months, days).

    Approximate (``~``) and uncertain (``?``) each widen by one step; both (``%``) by two
    steps. The default: a day by 7 days, a month or season by 1 month, a year by 1 year, a
    decade by 5 years, a century by 25 years. So ``1875~`` has outer bounds 1874-01-01 to
    1876-12-31 and ``1875%`` 1873 to 1877. A value, not a setting: pass one to
    `FuzzyDate.parse` (``fuzziness=``) or set it in a data file; it never changes globally.

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
refused (`widen` raises OverflowError, parsing a DateParseError), not clamped: a clamped outer
bound would claim more than is known.
"""


def _shift_months(day: _dt.date, months: int, *, end: bool) -> Date:
    """Move a bound by whole months to the same day of the target month.

    An end bound on the last day of its month stays on the last day of its month. A day the
    target month lacks (30 February) moves outwards, so the bound never narrows: a start to the
    month's last day, an end into the next month (as "the day after, moved, minus a day" would).
    Raises OverflowError past 0001-01-01 or 9999-12-31: a clamped bound would claim more than
    is known.
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise OverflowError(f"{day} moved by {months} months leaves the years 1 to 9999")
    length = _calendar.monthrange(year, month0 + 1)[1]
    if not end:
        return Date(year, month0 + 1, min(day.day, length))
    if day.day == _calendar.monthrange(day.year, day.month)[1]:
        return Date(year, month0 + 1, length)
    return _from_ordinal(_dt.date(year, month0 + 1, 1).toordinal() + day.day - 1)


def _from_ordinal(ordinal: int) -> Date:
    """The date of a proleptic Gregorian ordinal; OverflowError outside 0001-01-01..9999-12-31."""
    if not 1 <= ordinal <= _MAX_ORDINAL:
        raise OverflowError(f"day ordinal {ordinal} is outside 0001-01-01 to 9999-12-31")
    return Date.fromordinal(ordinal)


_MAX_ORDINAL: Final = MAX_DATE.toordinal()


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


def _last_of_month(year: int, month: int) -> Date:
    if month == 12:
        return Date(year, 12, 31)
    return Date.fromordinal(_dt.date(year, month + 1, 1).toordinal() - 1)


def _start_text(day: Date) -> str:
    """The shortest EDTF text whose first day is ``day``."""
    if day.day != 1:
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if day.month != 1:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _end_text(day: Date) -> str:
    """The shortest EDTF text whose last day is ``day``."""
    if day != _last_of_month(day.year, day.month):
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    if day.month != 12:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def edtf_from_bounds(earliest: Date | None, latest: Date | None) -> str:
    """The shortest unqualified EDTF text with exactly these bounds (``None`` gives ``..``).

    >>> edtf_from_bounds(Date(1875, 5, 7), Date(1875, 5, 7))
    '1875-05-07'
    >>> edtf_from_bounds(Date(1560, 1, 1), Date(1569, 12, 31))
    '156X'
    >>> edtf_from_bounds(None, Date(1599, 12, 31))
    '../1599'
    """
    if earliest is not None and latest is not None:
        single = _single_text(earliest, latest)
        if single is not None:
            return single
    start = ".." if earliest is None else _start_text(earliest)
    end = ".." if latest is None else _end_text(latest)
    return f"{start}/{end}"


def _named_period(lo: Date, hi: Date) -> Precision | None:
    """The kind of whole period lo..hi is exactly (a day, a month, a season, a year, a decade,
    a century), if any. Seasons are meteorological: three months from March, June,
    September or December."""
    if lo == hi:
        return Precision.DAY
    if lo.day != 1 or hi != _last_of_month(hi.year, hi.month):
        return None
    months = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if months == 1:
        return Precision.MONTH
    if months == 3 and lo.month in (3, 6, 9, 12):
        return Precision.SEASON
    if lo.month != 1 or hi.month != 12:
        return None
    if lo.year == hi.year:
        return Precision.YEAR
    if lo.year % 10 == 0 and hi.year == lo.year + 9:
        return Precision.DECADE
    if lo.year % 100 == 0 and hi.year == lo.year + 99:
        return Precision.CENTURY
    return None


def _single_text(lo: Date, hi: Date) -> str | None:
    """One EDTF date (not an interval) covering exactly lo..hi, if there is one (seasons are
    left to intervals: EDTF's season codes are a level-1 feature this text avoids)."""
    y = lo.year
    match _named_period(lo, hi):
        case Precision.DAY:
            return f"{y:04d}-{lo.month:02d}-{lo.day:02d}"
        case Precision.MONTH:
            return f"{y:04d}-{lo.month:02d}"
        case Precision.YEAR:
            return f"{y:04d}"
        case Precision.DECADE:
            return f"{y // 10:03d}X"
        case Precision.CENTURY:
            return f"{y // 100:02d}XX"
    return None


_MONTHS: Final = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SEASONS: Final = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _precision_of_edtf(edtf: str) -> Precision:
    """The precision `FuzzyDate.parse` gives an unqualified EDTF text of `edtf_from_bounds`."""
    ends = [part for part in edtf.split("/") if part != ".."]
    if not ends:
        return Precision.CENTURY
    return max(_END_PRECISION.get(len(p), Precision.DECADE) if "X" not in p[2:] else
               (Precision.CENTURY if p.endswith("XX") else Precision.DECADE)
               for p in ends)  # fmt: skip


_END_PRECISION: Final = {10: Precision.DAY, 7: Precision.MONTH, 4: Precision.YEAR}


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _period_label(lo: Date, hi: Date) -> str | None:
    """A human name for exactly lo..hi ("7 May 1875", "spring 1945", "1870s"), if it has one."""
    match _named_period(lo, hi):
        case Precision.DAY:
            return f"{lo.day} {_MONTHS[lo.month - 1]} {lo.year}"
        case Precision.MONTH:
            return f"{_MONTHS[lo.month - 1]} {lo.year}"
        case Precision.SEASON:
            return f"{_SEASONS[lo.month]} {lo.year}"
        case Precision.YEAR:
            return f"{lo.year}"
        case Precision.DECADE:
            return f"{lo.year}s"
        case Precision.CENTURY:
            return f"{_ordinal(lo.year // 100 + 1)} century"
    return None


def _bound_label(day: Date, *, end: bool) -> str:
    """A short human label for one end of a range: a year, a month or a day."""
    if (day.month, day.day) == ((12, 31) if end else (1, 1)):
        return str(day.year)
    if day.day == (_last_of_month(day.year, day.month).day if end else 1):
        return f"{_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def range_label(lo: Date, hi: Date, *, named: bool = True) -> str:
    """A human label for lo..hi: a named period (unless ``named=False``), or "A – B" with a
    shared year said once.

    >>> range_label(Date(1945, 1, 1), Date(1945, 4, 30))
    'January – April 1945'
    """
    period = _period_label(lo, hi) if named else None
    if period is not None:
        return period
    month_aligned = lo.day == 1 and hi == _last_of_month(hi.year, hi.month)
    if month_aligned and (lo.month, hi.month) == (1, 12):
        return f"{lo.year} – {hi.year}"
    if month_aligned:
        first, last = _MONTHS[lo.month - 1], f"{_MONTHS[hi.month - 1]} {hi.year}"
    else:
        first, last = (
            f"{lo.day} {_MONTHS[lo.month - 1]}",
            f"{hi.day} {_MONTHS[hi.month - 1]} {hi.year}",
        )
    if lo.year != hi.year:
        first = f"{first} {lo.year}"
    return f"{first} – {last}"


def _optional_date(value: _dt.date | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    return Date(value.year, value.month, value.day)


def _check_order(
    instance: FuzzyDate, attribute: attrs.Attribute[Date | None], _: Date | None
) -> None:
    lo, core_lo, core_hi, hi = chain = (
        instance.earliest, instance.core_earliest, instance.core_latest, instance.latest,
    )  # fmt: skip
    if (
        (lo is not None and core_lo is not None and lo > core_lo)
        or (core_hi is not None and hi is not None and core_hi > hi)
        or (core_lo is not None and core_hi is not None and core_lo > core_hi)
    ):
        raise FieldError(
            "bounds",
            tuple(None if d is None else str(d) for d in chain),
            "(earliest, core_earliest, core_latest, latest), each not after the next",
            where="FuzzyDate",
        )
    if (instance.earliest is None) != (instance.core_earliest is None) or (
        instance.latest is None
    ) != (instance.core_latest is None):
        raise FieldError(
            "bounds",
            tuple(None if d is None else str(d) for d in chain),
            "(earliest, core_earliest, core_latest, latest), outer and core bounds open (None) "
            "on the same sides",
            where="FuzzyDate",
        )


@attrs.frozen(eq=True, order=False, repr=False)
class FuzzyDate:
    """An uncertain date or date range: Gregorian outer and core bounds plus what was written.

    Build one with `FuzzyDate.parse` (see `timeline.parsing` for the accepted forms) or
    `FuzzyDate.from_bounds`. ``earliest``/``latest`` are the outer bounds (``None`` is an open
    end); ``core_earliest``/``core_latest`` the literal (EDTF "strict") bounds; ``precision``
    the coarsest unit an end is known to; ``approximate``/``uncertain`` the qualifiers; ``text``
    the original wording; ``calendar`` the calendar of that wording; ``reference`` the date a
    relative phrase ("last year") was resolved against.

    >>> d = FuzzyDate.parse("c. 1875")
    >>> (str(d.earliest), str(d.latest), d.approximate, d.to_edtf(), str(d))
    ('1874-01-01', '1876-12-31', True, '1875~', 'c. 1875')
    """

    earliest: Date | None = attrs.field(converter=_optional_date)
    latest: Date | None = attrs.field(converter=_optional_date)
    core_earliest: Date | None = attrs.field(converter=_optional_date)
    core_latest: Date | None = attrs.field(converter=_optional_date, validator=_check_order)
    precision: Precision = Precision.DAY
    approximate: bool = False
    uncertain: bool = False
    text: str = ""
    calendar: Calendar = Calendar.GREGORIAN
    reference: FuzzyDate | None = None
    edtf: str = attrs.field(default="")
    fuzziness: Fuzziness | None = None
    """The fuzziness its qualifiers were widened by, if not the default."""
    year_start: str | None = None
    """``"03-25"`` if its Old Style wording counts years from 25 March (Lady Day)."""

    def __attrs_post_init__(self) -> None:
        if not self.edtf:
            object.__setattr__(self, "edtf", edtf_from_bounds(self.earliest, self.latest))
        if not self.text:
            object.__setattr__(self, "text", self.edtf)

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
        from timeline.parsing import parse_date

        return parse_date(
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

        >>> FuzzyDate.from_bounds(Date(1945, 8, 18), Date(1945, 9, 5)).to_edtf()
        '1945-08-18/1945-09-05'
        """
        lo, hi = _optional_date(earliest), _optional_date(latest)
        if lo is not None and hi is not None and lo > hi:
            raise FieldError(
                "latest", str(hi), f"a day not before earliest ({lo})", where="FuzzyDate"
            )
        edtf = edtf_from_bounds(lo, hi)
        return cls(
            earliest=lo,
            latest=hi,
            core_earliest=lo,
            core_latest=hi,
            precision=_precision_of_edtf(edtf),
            text=text or edtf,
            edtf=edtf,
        )

    @property
    def is_open(self) -> bool:
        """Whether either end is open (unbounded)."""
        return self.earliest is None or self.latest is None

    def to_edtf(self) -> str:
        """The canonical EDTF (ISO 8601-2, level 0/1) text; parsing it gives the same bounds.

        Where EDTF cannot say what the wording said (a Julian month, a relative phrase), it
        gives the Gregorian outer bounds as an interval.
        """
        return self.edtf

    def label(self, *, old_style: bool = False) -> str:
        """A short human label for the Gregorian core ("c. 1875", "16th century", "before 1600").

        Qualifiers show as "c. " (approximate) and "?" (uncertain); a Julian date also shows
        its original wording. ``old_style=True`` adds the Julian day to a single day between
        the Gregorian reform (1582) and Russia's switch (1918), where a reader of Russian
        history expects both:

        >>> FuzzyDate.parse("7 May 1875").label(old_style=True)
        '7 May 1875 (25 April O.S.)'
        """
        lo, hi = self.core_earliest, self.core_latest
        pre = "c. " if self.approximate else ""
        post = "?" if self.uncertain else ""
        if lo is None and hi is None:
            core = OPEN_LABEL
        elif lo is None or hi is None:
            core = self._open_label(lo, hi, pre, post)
        else:
            if "/" in self.edtf and (pre or post):
                # a qualified interval: each end widens by its own qualifier and precision, so
                # each is said on its own ("between c. 1945 and 1947"); where words cannot, EDTF
                sides = qualifier_sides(self.edtf, self.approximate, self.uncertain)
                core = _between_label(lo, hi, self.edtf, sides) or self.edtf
            else:
                core = f"{pre}{range_label(lo, hi)}{post}"
        if self.calendar is Calendar.JULIAN:
            start = ", years from 25 March" if self.year_start == "03-25" else ""
            core = f"{core} (Julian{start}: {self.text})"
        elif old_style and lo is not None and lo == hi and _REFORM <= lo <= _RUSSIAN_SWITCH:
            year, month, day = gregorian_to_julian(lo)
            same_year = "" if year == lo.year else f" {year}"
            core = f"{core} ({day} {_MONTH_NAMES[month - 1]}{same_year} O.S.)"
        return core

    def _open_label(self, lo: Date | None, hi: Date | None, pre: str, post: str) -> str:
        """The label of a date open on one side ("before 1600", "from 7 May 1875")."""
        qualified = bool(pre or post)
        # a qualified end widens by its precision: name it at that precision, not as a year
        if qualified and self.precision is not Precision.YEAR:
            day = hi if lo is None else lo
            assert day is not None
            exact = _label_at(day, self.precision, end=lo is None)
            if exact is None:
                return self.edtf
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
