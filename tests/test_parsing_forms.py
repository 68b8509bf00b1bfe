"""Text with two common readings is never resolved silently: the `form` of a date."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import timeline
from timeline import AmbiguousDateError, DateParseError, FuzzyDate


@pytest.mark.parametrize(
    ("text", "edtf_reading", "years"),
    [
        ("1620-21", (dt.date(1620, 3, 1), dt.date(1620, 5, 31)), (1620, 1621)),
        ("1621-22", (dt.date(1621, 6, 1), dt.date(1621, 8, 31)), (1621, 1622)),
        ("1622-23", (dt.date(1622, 9, 1), dt.date(1622, 11, 30)), (1622, 1623)),
        ("1623-24", (dt.date(1623, 12, 1), dt.date(1624, 2, 29)), (1623, 1624)),
        ("1608-09", (dt.date(1608, 9, 1), dt.date(1608, 9, 30)), (1608, 1609)),
        ("1600-01", (dt.date(1600, 1, 1), dt.date(1600, 1, 31)), (1600, 1601)),
    ],
)
def test_a_text_with_two_readings_is_refused_and_each_form_reads_its_own(
    text: str, edtf_reading: tuple[dt.date, dt.date], years: tuple[int, int]
) -> None:
    with pytest.raises(AmbiguousDateError) as caught:
        FuzzyDate.parse(text)
    message = str(caught.value)
    assert text in message and "form" in message
    assert f"the years {years[0]}–{years[1]}" in message
    assert f"'{years[0]}–{years[1]}'" in message  # the unambiguous spelling to write
    assert isinstance(caught.value, DateParseError) and isinstance(caught.value, ValueError)
    as_edtf = FuzzyDate.parse(text, form="edtf")
    assert (as_edtf.earliest, as_edtf.latest) == edtf_reading
    as_years = FuzzyDate.parse(text, form="english")
    assert (as_years.earliest, as_years.latest) == (
        dt.date(years[0], 1, 1),
        dt.date(years[1], 12, 31),
    )
    assert as_years.text == text  # the wording is kept as written


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1875-05", dt.date(1875, 5, 1), dt.date(1875, 5, 31)),  # 1805 is before 1875
        ("1945-47", dt.date(1945, 1, 1), dt.date(1947, 12, 31)),  # 47 is no month or season
        ("1925-21", dt.date(1925, 3, 1), dt.date(1925, 5, 31)),  # 1921 is before 1925
        ("1619-20", dt.date(1619, 1, 1), dt.date(1620, 12, 31)),
        ("1620–21", dt.date(1620, 1, 1), dt.date(1621, 12, 31)),  # an en dash is never EDTF
    ],
)
def test_a_text_with_one_plausible_reading_is_read_that_way(
    text: str, first: dt.date, last: dt.date
) -> None:
    d = FuzzyDate.parse(text)
    assert (d.earliest, d.latest) == (first, last)


def test_the_edtf_form_is_a_conforming_edtf_reader() -> None:
    assert FuzzyDate.parse("2001-21", form="edtf").earliest == dt.date(2001, 3, 1)
    with pytest.raises(DateParseError, match="form='edtf'"):
        FuzzyDate.parse("7 May 1875", form="edtf")
    with pytest.raises(DateParseError, match="form='edtf'"):
        FuzzyDate.parse("1619-20", form="edtf")


def test_an_unknown_form_is_an_error_naming_the_forms() -> None:
    with pytest.raises(DateParseError, match=r"unknown form 'british'.*'english'"):
        FuzzyDate.parse("1620", form="british")  # type: ignore[arg-type]


FILE = """
[settings]
date_form = "english"

[[events]]
id = "winters"
title = "Two winters"
start = "1620-21"

[[events]]
id = "season"
title = "A season"
start = { text = "1620-21", form = "edtf" }
"""


def test_a_data_file_sets_the_form_for_every_date_and_a_date_can_override_it() -> None:
    tl = timeline.loads(FILE)
    assert tl["winters"].start.latest == dt.date(1621, 12, 31)
    assert tl["season"].start.latest == dt.date(1620, 5, 31)
    again = timeline.loads(timeline.dumps(tl))
    assert again == tl


def test_a_file_without_a_form_reports_every_ambiguous_date_and_a_bad_form() -> None:
    text = FILE.replace('date_form = "english"', 'date_form = "british"')
    with pytest.raises(timeline.ValidationError) as caught:
        timeline.loads(text, name="war.toml")
    message = str(caught.value)
    assert "war.toml: 2 problems" in message
    assert "settings: field 'date_form': got 'british'" in message
    assert "event 'winters'" in message and "two readings" in message


@pytest.mark.parametrize(
    "text",
    [
        "c. 1608-09",
        "probably 1608-09",
        "[1608-09]",
        "before 1608-09",
        "after 1620-21",
        "1620-21 to 1625",
        "1620-21 or 1622",
        "between 1608-09 and 1612",
        "mid-1608-09",
        "1608-09 O.S.",
    ],
)
def test_the_two_readings_are_refused_inside_a_phrase_too(text: str) -> None:
    with pytest.raises(AmbiguousDateError):
        FuzzyDate.parse(text)


def test_inside_a_phrase_the_english_form_reads_two_years() -> None:
    d = FuzzyDate.parse("c. 1608-09", form="english")
    assert (d.core_earliest, d.core_latest) == (dt.date(1608, 1, 1), dt.date(1609, 12, 31))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("winter 1709-10", dt.date(1709, 12, 1), dt.date(1710, 2, 28)),  # a season's years
        ("2004-06/2006-08", dt.date(2004, 6, 1), dt.date(2006, 8, 31)),  # EDTF syntax
        ("2019/2020", dt.date(2019, 1, 1), dt.date(2020, 12, 31)),  # no dual years after 1752
        ("1711 or 1710", dt.date(1710, 1, 1), dt.date(1711, 12, 31)),
    ],
)
def test_texts_with_one_reading_in_context_are_read(
    text: str, first: dt.date, last: dt.date
) -> None:
    d = FuzzyDate.parse(text)
    assert (d.earliest, d.latest) == (first, last)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1710 or 11", "write both in full"),
        ("1703 or 04", "write both in full"),
        ("2019/20", "dual dating ended in 1752"),
        ("1875/76", "dual dating ended in 1752"),
    ],
)
def test_short_second_years_are_refused_not_misread(text: str, words: str) -> None:
    with pytest.raises(DateParseError, match=words):
        FuzzyDate.parse(text)


def test_only_date_parse_errors_escape_the_new_options() -> None:
    with pytest.raises(DateParseError, match="10000"):
        FuzzyDate.parse("9999 O.S.", year_start="03-25")
    with pytest.raises(DateParseError, match="Fuzziness"):
        FuzzyDate.parse("c. 1875", fuzziness={"year": "2 years"})  # type: ignore[arg-type]
    with pytest.raises(DateParseError, match="characters long"):
        FuzzyDate.parse("a (Julian: " + "b) (Julian: " * 80_000 + "c)")


@pytest.mark.parametrize("qualifier", ["", "?", "~", "%"])
@pytest.mark.parametrize("code", ["09", "12", "21", "24"])
def test_the_spellings_an_ambiguity_error_advises_read_as_each_reading(
    code: str, qualifier: str
) -> None:
    text = f"1608-{code}{qualifier}"
    with pytest.raises(AmbiguousDateError) as caught:
        FuzzyDate.parse(text)
    found = re.search(r"write '([^']+)' or '([^']+)'", str(caught.value))
    assert found is not None
    years, calendar = (FuzzyDate.parse(advice) for advice in found.groups())
    for advised, form in ((years, "english"), (calendar, "edtf")):
        chosen = FuzzyDate.parse(text, form=form)  # type: ignore[arg-type]
        assert (advised.earliest, advised.latest) == (chosen.earliest, chosen.latest)
