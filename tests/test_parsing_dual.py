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


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("10 February 1675 O.S.", dt.date(1676, 2, 20), dt.date(1676, 2, 20)),
        ("26 March 1675 O.S.", dt.date(1675, 4, 5), dt.date(1675, 4, 5)),
        ("February 1675 O.S.", dt.date(1676, 2, 11), dt.date(1676, 3, 10)),
        # the civil year 1675: 25 March 1675 to 24 March 1676 (Julian)
        ("1675 O.S.", dt.date(1675, 4, 4), dt.date(1676, 4, 3)),
    ],
)
def test_old_style_years_that_begin_on_lady_day(text: str, first: dt.date, last: dt.date) -> None:
    d = FuzzyDate.parse(text, year_start="03-25")
    assert (d.earliest, d.latest) == (first, last)
    assert d.year_start == "03-25" and d.text == text
    again = FuzzyDate.parse(str(d))  # the label says which year it counts
    assert again == d
    assert FuzzyDate.parse(text).earliest != first or text.startswith("26 March")


def test_a_month_the_new_year_splits_is_refused() -> None:
    with pytest.raises(DateParseError, match="two stretches"):
        FuzzyDate.parse("March 1675 O.S.", year_start="03-25")
    with pytest.raises(DateParseError, match="year_start"):
        FuzzyDate.parse("1675 O.S.", year_start="09-01")  # type: ignore[arg-type]


def test_a_file_sets_the_year_start_and_a_date_overrides_it() -> None:
    text = """
[settings]
year_start = "03-25"

[[events]]
id = "letter"
title = "A letter"
start = "10 February 1675 O.S."

[[events]]
id = "diary"
title = "A diary entry"
start = { text = "10 February 1675 O.S.", year_start = "01-01" }
"""
    tl = timeline.loads(text)
    assert tl["letter"].start.earliest == dt.date(1676, 2, 20)
    assert tl["diary"].start.earliest == dt.date(1675, 2, 20)
    assert timeline.loads(timeline.dumps(tl)) == tl
    pytest.importorskip("pyarrow")
    assert timeline.Timeline.from_arrow(tl.to_arrow()) == tl
