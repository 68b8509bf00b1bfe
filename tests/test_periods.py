"""The one model of periods: `Period` laws, and a `FuzzyDate` whose derived fields are derived."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import FieldError, FieldTypeError, Fuzziness, FuzzyDate, Precision
from timeline.dates import Date, Period, Qualifier, add_months, month_length

days = st.dates(min_value=dt.date(400, 1, 1), max_value=dt.date(9500, 12, 31)).map(
    lambda d: Date(d.year, d.month, d.day)
)
precisions = st.sampled_from(list(Precision))


@settings(max_examples=300)
@given(days, precisions)
def test_the_period_at_a_day_contains_it_and_is_named_by_its_bounds(
    day: Date, precision: Precision
) -> None:
    period = Period.at(day, precision)
    assert period.first <= day <= period.last
    assert period.precision is precision
    # the same bounds name a period of the same length (the finest kind with those bounds)
    named = Period.of(period.first, period.last)
    assert named is not None and (named.first, named.last) == (period.first, period.last)


@settings(max_examples=300)
@given(days, precisions, st.integers(-3, 3))
def test_shifting_a_period_and_back_is_the_identity(
    day: Date, precision: Precision, n: int
) -> None:
    period = Period.at(day, precision)
    assert period.shift(n).shift(-n) == period


@settings(max_examples=300)
@given(days, precisions)
def test_the_next_period_starts_the_day_after_this_one_ends(
    day: Date, precision: Precision
) -> None:
    period = Period.at(day, precision)
    assert period.next().first == period.last.add(days=1)
    assert period.previous().last == period.first.subtract(days=1)
    assert period.next().previous() == period


def test_periods_of_the_calendar_worked_by_hand() -> None:
    assert Period.season(1709, 12) == (Date(1709, 12, 1), Date(1710, 2, 28), Precision.SEASON)
    assert Period.at(Date(1710, 2, 10), Precision.SEASON).first == Date(1709, 12, 1)
    assert Period.at(Date(1575, 6, 1), Precision.CENTURY) == Period.century(1500)
    assert Period.decade(1690).next() == Period.decade(1700)
    assert Period.month(1700, 2).last == Date(1700, 2, 28)  # Gregorian: no 29 February
    assert Period.of(Date(1945, 1, 1), Date(1945, 4, 30)) is None
    spring = Period.of(Date(1945, 3, 1), Date(1945, 5, 31))
    assert spring is not None and spring.precision is Precision.SEASON
    # the first decade and century start on 1 January 0001, and nothing comes before them
    assert Period.at(Date(1, 5, 1), Precision.DECADE).first == Date(1, 1, 1)
    assert Period.decade(0).next() == Period.decade(10)
    with pytest.raises(OverflowError):
        Period.decade(0).previous()
    with pytest.raises(OverflowError):
        Period.year(9999).next()


def test_month_arithmetic_and_lengths_are_the_gregorian_calendars() -> None:
    assert add_months(1709, 12, 2) == (1710, 2)
    assert add_months(1710, 1, -1) == (1709, 12)
    assert [month_length(y, 2) for y in (1600, 1700, 1704, 1900, 2000)] == [29, 28, 29, 28, 29]


def test_derived_fields_cannot_be_passed_in() -> None:
    for derived in ("edtf", "earliest", "latest", "precision", "approximate"):
        with pytest.raises(TypeError):
            FuzzyDate(core_earliest=None, core_latest=None, **{derived: "1999"})  # type: ignore[arg-type]


def test_outer_bounds_and_edtf_follow_from_the_sides() -> None:
    d = FuzzyDate(
        core_earliest=Date(1984, 1, 1),
        core_latest=Date(2004, 12, 31),
        first_precision=Precision.YEAR,
        last_precision=Precision.YEAR,
        first_qualifier=Qualifier.UNCERTAIN,
        last_qualifier=Qualifier.APPROXIMATE,
    )
    assert (d.earliest, d.latest) == (Date(1983, 1, 1), Date(2005, 12, 31))
    assert d.to_edtf() == "1984?/2004~" and d.text == "1984?/2004~"
    assert d == FuzzyDate.parse("1984?/2004~")
    # a changed copy derives its fields again
    wider = attrs.evolve(d, fuzziness=Fuzziness(year=(24, 0)))
    assert (wider.earliest, wider.latest) == (Date(1982, 1, 1), Date(2006, 12, 31))


def test_a_date_value_that_cannot_be_is_a_field_error() -> None:
    with pytest.raises(FieldError, match="not before core_earliest"):
        FuzzyDate.from_bounds(Date(1700, 1, 2), Date(1700, 1, 1))
    with pytest.raises(FieldTypeError, match="whole numbers"):
        Fuzziness(year=(1.5, 0))  # type: ignore[arg-type]
    with pytest.raises(FieldTypeError, match="pair"):
        Fuzziness(year=12)  # type: ignore[arg-type]
    with pytest.raises(FieldTypeError, match=r"datetime\.date"):
        FuzzyDate.from_bounds("1700", None)  # type: ignore[arg-type]


def test_from_bounds_names_whole_periods_but_writes_a_season_as_months() -> None:
    assert FuzzyDate.from_bounds(Date(1560, 1, 1), Date(1569, 12, 31)).to_edtf() == "156X"
    season = FuzzyDate.from_bounds(Date(1620, 3, 1), Date(1620, 5, 31))
    assert season.to_edtf() == "1620-03/1620-05"  # not "1620-21": that reads two ways
    assert FuzzyDate.parse(season.to_edtf()) == season
