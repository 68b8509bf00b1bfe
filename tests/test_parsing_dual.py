"""English dual dating (1675/6): Julian days of 1 January - 24 March, converted."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import AmbiguousDateError, Calendar, DateParseError, FuzzyDate

MONTHS = ("January", "February", "March")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1675/6", dt.date(1676, 1, 11), dt.date(1676, 4, 3)),
        ("1675/76", dt.date(1676, 1, 11), dt.date(1676, 4, 3)),
        ("10 February 1675/6", dt.date(1676, 2, 20), dt.date(1676, 2, 20)),
        ("Feb. 10, 1675/6", dt.date(1676, 2, 20), dt.date(1676, 2, 20)),
        ("24 March 1675/6", dt.date(1676, 4, 3), dt.date(1676, 4, 3)),
        ("1 January 1699/00", dt.date(1700, 1, 11), dt.date(1700, 1, 11)),
        # 1700 is a Julian leap year: its 29 February is the Gregorian 11 March
        ("29 February 1699/1700", dt.date(1700, 3, 11), dt.date(1700, 3, 11)),
    ],
)
def test_a_dual_date_is_the_julian_day_of_the_later_year(
    text: str, first: dt.date, last: dt.date
) -> None:
    d = FuzzyDate.parse(text)
    assert (d.earliest, d.latest) == (first, last)
    assert d.calendar is Calendar.JULIAN and d.text == text
    again = FuzzyDate.parse(d.to_edtf(), form="edtf")
    assert (again.earliest, again.latest) == (first, last)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("10 June 1675/6", "only for 1 January to 24 March"),
        ("25 March 1675/6", "only for 1 January to 24 March"),
        ("1675/7", "not a dual year"),
        ("30 February 1675/6", "does not exist"),
    ],
)
def test_what_dual_dating_cannot_mean_is_refused_with_a_reason(text: str, words: str) -> None:
    with pytest.raises(DateParseError, match=words):
        FuzzyDate.parse(text)


def test_a_bare_four_digit_pair_is_an_interval_or_a_dual_year_and_is_refused() -> None:
    with pytest.raises(AmbiguousDateError) as caught:
        FuzzyDate.parse("1699/1700")
    assert len(caught.value.readings) == 2 and "1699/0" in str(caught.value)
    assert FuzzyDate.parse("1699/1700", form="edtf").latest == dt.date(1700, 12, 31)
    assert FuzzyDate.parse("1699/1700", form="english").latest == dt.date(1700, 4, 4)
    assert FuzzyDate.parse("1699/1701").latest == dt.date(1701, 12, 31)  # only an interval


@given(st.integers(1500, 1750), st.sampled_from(MONTHS), st.integers(1, 31))
def test_dual_days_agree_with_an_independent_julian_calendar(
    year: int, month: str, day: int
) -> None:
    julian = pytest.importorskip("convertdate.julian")
    later = year + 1
    number = MONTHS.index(month) + 1
    dual = f"{day} {month} {year}/{str(later)[-1]}"
    try:
        legal = julian.legal_date(later, number, day)
    except ValueError:  # convertdate's way of saying "no such day"
        legal = False
    if not legal or (number == 3 and day > 24):
        with pytest.raises(DateParseError):
            FuzzyDate.parse(dual)
        return
    d = FuzzyDate.parse(dual)
    assert d.earliest == dt.date(*julian.to_gregorian(later, number, day)) == d.latest


def test_a_dual_date_round_trips_through_a_data_file() -> None:
    text = """
[[events]]
id = "letter"
title = "A letter"
start = "Feb. 10, 1675/6"
"""
    tl = timeline.loads(text)
    assert tl["letter"].start.earliest == dt.date(1676, 2, 20)
    assert timeline.loads(timeline.dumps(tl)) == tl
