"""Julian (Old Style) dates against an independent calendar (convertdate), 1500-1918."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline import Calendar, DateParseError, FuzzyDate

julian = pytest.importorskip("convertdate.julian")

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@st.composite
def julian_days(draw: st.DrawFn) -> tuple[int, int, int]:
    """A day of the Julian calendar from 1500 to the Russian switch (31 January 1918 O.S.)."""
    start = julian.to_jd(1500, 1, 1)
    end = julian.to_jd(1918, 1, 31)
    jd = draw(st.integers(0, int(end - start))) + start
    year, month, day = julian.from_jd(jd)
    return int(year), int(month), int(day)


@given(julian_days())
def test_every_julian_day_converts_as_an_independent_calendar_says(
    day: tuple[int, int, int],
) -> None:
    year, month, number = day
    expected = dt.date(*julian.to_gregorian(year, month, number))
    for text, options in (
        (f"{number} {MONTHS[month - 1]} {year} O.S.", {}),
        (f"{year:04d}-{month:02d}-{number:02d}", {"calendar": "julian"}),
    ):
        d = FuzzyDate.parse(text, **options)  # type: ignore[arg-type]
        assert (d.earliest, d.latest) == (expected, expected), text
        assert d.calendar is Calendar.JULIAN and d.text == text


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("29 February 1700 O.S.", dt.date(1700, 3, 11)),
        ("29 February 1800 O.S.", dt.date(1800, 3, 12)),
        ("February 29, 1900 O.S.", dt.date(1900, 3, 13)),
        ("31 January 1918 O.S.", dt.date(1918, 2, 13)),
    ],
)
def test_julian_leap_days_the_gregorian_calendar_skips(text: str, gregorian: dt.date) -> None:
    d = FuzzyDate.parse(text)
    assert d.earliest == d.latest == gregorian


def test_a_julian_leap_day_in_a_range_moves_only_its_own_end() -> None:
    d = FuzzyDate.parse("29 February 1700 to 5 March 1700 O.S.")
    assert (d.earliest, d.latest) == (dt.date(1700, 3, 11), dt.date(1700, 3, 16))


def test_29_february_without_old_style_is_still_refused_in_a_gregorian_common_year() -> None:
    with pytest.raises(ValueError, match="day 29 does not exist"):
        FuzzyDate.parse("29 February 1700")


def test_the_conversion_agrees_with_the_independent_calendar_on_every_day_1500_to_1918() -> None:
    from timeline.parsing.calendars import julian_to_gregorian

    start, end = int(julian.to_jd(1500, 1, 1)), int(julian.to_jd(1918, 1, 31))
    wrong = []
    for jd in range(start, end + 1):
        year, month, day = julian.from_jd(jd + 0.5)
        if julian_to_gregorian(year, month, day) != dt.date(*julian.to_gregorian(year, month, day)):
            wrong.append((year, month, day))
    assert wrong == [] and end - start > 150_000


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("7 May 1875", "7 May 1875 (25 April O.S.)"),
        ("1 January 1700", "1 January 1700 (22 December 1699 O.S.)"),
        ("11 March 1700", "11 March 1700 (29 February O.S.)"),
        ("14 February 1918", "14 February 1918"),  # Russia's first New Style day
        ("1875", "1875"),  # only single days get both styles
    ],
)
def test_labels_show_both_styles_when_asked(text: str, label: str) -> None:
    d = FuzzyDate.parse(text)
    assert d.label(old_style=True) == label
    assert str(d) == d.label()  # the default label stays one style and reads back


def test_gregorian_to_julian_is_the_inverse_on_every_day_1582_to_1918() -> None:
    from timeline.parsing.calendars import gregorian_to_julian

    first, last = dt.date(1582, 10, 15).toordinal(), dt.date(1918, 2, 13).toordinal()
    wrong = [
        d
        for d in map(dt.date.fromordinal, range(first, last + 1))
        if gregorian_to_julian(d) != tuple(julian.from_gregorian(d.year, d.month, d.day))
    ]
    assert wrong == []


def test_leap_days_follow_the_lady_day_year_start() -> None:
    # civil 29 February 1675 is 29 February 1676 (Julian, a leap year): 10 March 1676
    d = FuzzyDate.parse("29 February 1675 O.S.", year_start="03-25")
    assert d.earliest == dt.date(*julian.to_gregorian(1676, 2, 29)) and d.year_start == "03-25"
    # civil 29 February 1700 would be 29 February 1701, which does not exist: refused
    with pytest.raises(ValueError, match="no 29 February"):
        FuzzyDate.parse("29 February 1700 O.S.", year_start="03-25")


def test_a_leap_day_that_is_not_a_day_alone_is_refused_rather_than_shifted() -> None:
    # "before 29 February 1700 O.S." ends on Julian 28 February: a day the field arithmetic
    # cannot name yet, so it is refused instead of being read a day off
    with pytest.raises(ValueError, match="day 29"):
        FuzzyDate.parse("before 29 February 1700 O.S.")
    assert FuzzyDate.parse("29 February 1700", calendar="julian").earliest == dt.date(1700, 3, 11)


@pytest.mark.parametrize(
    "text",
    [
        "after 28 February 1700 O.S.",  # the day after is Julian 29 February
        "late February 1700 O.S.",  # ends on Julian 29 February
        "before 1 March 1700 O.S.",  # the day before is Julian 29 February
        "after 28 February 1800 O.S.",
        "late February 1900 O.S.",
    ],
)
def test_a_computed_day_next_to_a_julian_only_leap_day_is_refused(text: str) -> None:
    with pytest.raises(DateParseError, match="29 February"):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("29 February 1700 O.S.", "1700-03-11", "1700-03-11"),
        ("28 February 1700 O.S.", "1700-03-10", "1700-03-10"),
        ("1 March 1700 O.S.", "1700-03-12", "1700-03-12"),
        ("early March 1700 O.S.", "1700-03-12", "1700-03-21"),  # 1-10 March O.S.
        ("February 1700 O.S.", "1700-02-11", "1700-03-11"),  # all 29 days
        ("late February 1704 O.S.", "1704-03-03", "1704-03-11"),  # 21-29 Feb, leap in both
        ("late February 1600 O.S.", "1600-03-02", "1600-03-10"),
    ],
)
def test_days_around_julian_leap_days_that_are_written_out(
    text: str, first: str, last: str
) -> None:
    d = FuzzyDate.parse(text)
    assert (str(d.core_earliest), str(d.core_latest)) == (first, last)
