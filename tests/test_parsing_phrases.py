"""English phrases, the Julian calendar and relative phrases: bounds worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import Calendar, DateParseError, FuzzyDate


def bounds(d: FuzzyDate) -> tuple[str | None, str | None]:
    return (
        None if d.earliest is None else str(d.earliest),
        None if d.latest is None else str(d.latest),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7 May 1875", ("1875-05-07", "1875-05-07")),
        ("7th of May, 1875", ("1875-05-07", "1875-05-07")),
        ("May 7, 1875", ("1875-05-07", "1875-05-07")),
        ("Sept. 3 1875", ("1875-09-03", "1875-09-03")),
        ("May 1875", ("1875-05-01", "1875-05-31")),
        ("in 1875", ("1875-01-01", "1875-12-31")),
        ("spring 1945", ("1945-03-01", "1945-05-31")),
        ("the summer of 1945", ("1945-06-01", "1945-08-31")),
        ("winter 1945", ("1945-12-01", "1946-02-28")),
        ("early 1945", ("1945-01-01", "1945-04-30")),
        ("mid-1945", ("1945-05-01", "1945-08-31")),
        ("late 1945", ("1945-09-01", "1945-12-31")),
        ("early May 1875", ("1875-05-01", "1875-05-10")),
        ("late February 1876", ("1876-02-21", "1876-02-29")),
        ("the 1870s", ("1870-01-01", "1879-12-31")),
        ("1870s", ("1870-01-01", "1879-12-31")),
        ("early 1870s", ("1870-01-01", "1873-12-31")),
        ("the mid-1870s", ("1873-01-01", "1876-12-31")),
        ("late 1870s", ("1876-01-01", "1879-12-31")),
        ("16th century", ("1500-01-01", "1599-12-31")),
        ("the sixteenth century", ("1500-01-01", "1599-12-31")),
        ("late 16th century", ("1566-01-01", "1599-12-31")),
        ("early 20th century", ("1900-01-01", "1933-12-31")),
        ("mid-19th century", ("1833-01-01", "1866-12-31")),
        ("circa 1875", ("1874-01-01", "1876-12-31")),
        ("c. 1875", ("1874-01-01", "1876-12-31")),
        ("ca. 1875", ("1874-01-01", "1876-12-31")),
        ("about 1875", ("1874-01-01", "1876-12-31")),
        ("around May 1875", ("1875-04-01", "1875-06-30")),
        ("1875 or so", ("1874-01-01", "1876-12-31")),
        ("probably 1875", ("1874-01-01", "1876-12-31")),
        ("c. the 1870s", ("1865-01-01", "1884-12-31")),
        ("before 1600", (None, "1599-12-31")),
        ("before 7 May 1875", (None, "1875-05-06")),
        ("before May 1875", (None, "1875-04-30")),
        ("after 1875", ("1876-01-01", None)),
        ("after the 1870s", ("1880-01-01", None)),
        ("by 1600", (None, "1600-12-31")),
        ("since 24 February 2022", ("2022-02-24", None)),
        ("between 1945 and 1947", ("1945-01-01", "1947-12-31")),
        ("from 1945 to 1947", ("1945-01-01", "1947-12-31")),
        ("1945–1947", ("1945-01-01", "1947-12-31")),
        ("1945-47", ("1945-01-01", "1947-12-31")),
        ("7–9 May 1875", ("1875-05-07", "1875-05-09")),
        ("March to May 1945", ("1945-03-01", "1945-05-31")),
        ("18 August – 5 September 1945", ("1945-08-18", "1945-09-05")),
        ("between c. 1580 and 1600", ("1579-01-01", "1600-12-31")),
        ("ongoing", (None, None)),
        ("  7   MAY   1875 ", ("1875-05-07", "1875-05-07")),
    ],
)
def test_phrase_bounds(text: str, expected: tuple[str | None, str | None]) -> None:
    assert bounds(FuzzyDate.parse(text)) == expected


def test_phrase_keeps_original_wording() -> None:
    d = FuzzyDate.parse("late 16th century")
    assert d.text == "late 16th century"
    assert d.to_edtf() == "1566/1599"


@pytest.mark.parametrize(
    ("text", "gregorian"),
    [
        ("18 March 1584 O.S.", "1584-03-28"),
        ("18 March 1584 (O.S.)", "1584-03-28"),
        ("18 March 1584 Old Style", "1584-03-28"),
        ("25 April 1875 O.S.", "1875-05-07"),
        ("16 January 1547 Julian", "1547-01-26"),
        ("31 January 1918 O.S.", "1918-02-13"),
        ("1 March 1700 O.S.", "1700-03-12"),
    ],
)
def test_julian_dates_convert_to_gregorian(text: str, gregorian: str) -> None:
    d = FuzzyDate.parse(text)
    assert bounds(d) == (gregorian, gregorian)
    assert d.calendar is Calendar.JULIAN
    assert d.text == text
    assert text in str(d)


def test_calendar_argument_reads_julian() -> None:
    d = FuzzyDate.parse("18 March 1584", calendar="julian")
    assert bounds(d) == ("1584-03-28", "1584-03-28")
    assert d.calendar is Calendar.JULIAN


def test_julian_month_is_a_shifted_range() -> None:
    d = FuzzyDate.parse("March 1584 O.S.")
    assert bounds(d) == ("1584-03-11", "1584-04-10")
    assert FuzzyDate.parse(d.to_edtf()).earliest == d.earliest


def test_new_style_mark_is_gregorian() -> None:
    assert bounds(FuzzyDate.parse("28 March 1584 N.S.")) == ("1584-03-28", "1584-03-28")


REFERENCE = FuzzyDate.parse("2023-03-22/2023-04-30")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("this year", ("2023-01-01", "2023-12-31")),
        ("This year", ("2023-01-01", "2023-12-31")),
        ("last year", ("2022-01-01", "2022-12-31")),
        ("next year", ("2024-01-01", "2024-12-31")),
        ("two years ago", ("2021-01-01", "2021-12-31")),
        ("this month", ("2023-03-01", "2023-04-30")),
        ("over the past year", ("2022-03-22", "2023-04-30")),
        ("Over the past year", ("2022-03-22", "2023-04-30")),
        ("in the last twelve months", ("2022-03-22", "2023-04-30")),
        ("in recent years", ("2018-01-01", "2023-04-30")),
        ("over the past few years", ("2018-01-01", "2023-04-30")),
        ("now", ("2023-03-22", "2023-04-30")),
    ],
)
def test_relative_phrases_resolve_against_reference(text: str, expected: tuple[str, str]) -> None:
    d = FuzzyDate.parse(text, reference=REFERENCE)
    assert bounds(d) == expected
    assert d.reference == REFERENCE


def test_reference_spanning_new_year_covers_both_years() -> None:
    d = FuzzyDate.parse("this year", reference="2022-12-20/2023-01-10")
    assert bounds(d) == ("2022-01-01", "2023-12-31")


def test_reference_may_be_a_plain_date() -> None:
    d = FuzzyDate.parse("last year", reference=dt.date(2023, 3, 22))
    assert bounds(d) == ("2022-01-01", "2022-12-31")


@pytest.mark.parametrize(
    "text", ["this year", "last year", "over the past year", "in recent years"]
)
def test_relative_phrase_without_reference_is_a_clear_error(text: str) -> None:
    with pytest.raises(DateParseError, match="reference"):
        FuzzyDate.parse(text)


def test_open_reference_is_rejected() -> None:
    with pytest.raises(DateParseError, match="open-ended"):
        FuzzyDate.parse("last year", reference="2023/..")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("sometime", "expected ISO 8601"),
        ("Smarch 1875", "'smarch' is not a month name"),
        ("31 February 1875", "day 31 does not exist in 1875-02"),
        ("early 7 May 1875", "'early' needs a month, year, decade or century"),
        ("between 1947 and 1945", "before it starts"),
    ],
)
def test_phrase_errors(text: str, message: str) -> None:
    with pytest.raises(DateParseError, match=message) as caught:
        FuzzyDate.parse(text)
    assert repr(text) in str(caught.value)


def test_unknown_calendar_is_a_parse_error() -> None:
    with pytest.raises(DateParseError, match="unknown calendar"):
        FuzzyDate.parse("1875", calendar="mayan")
