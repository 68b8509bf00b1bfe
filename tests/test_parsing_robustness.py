"""Robustness of `FuzzyDate.parse`: any text gives a FuzzyDate or a DateParseError, never another
exception, and long or deeply nested text is refused at once (issue 9, part 6).

Speed is not asserted here (tests never time themselves): the parser refuses phrases longer than
`MAX_LENGTH` or nested deeper than `MAX_NESTING` before doing any work that grows faster than
the text, and strips qualifiers without copying the text per word.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from timeline import Calendar, DateParseError, FuzzyDate, ValidationError
from timeline.parsing.phrases import MAX_LENGTH, MAX_NESTING

REFERENCE = "2023-03-22"
"""The publication date relative phrases are read against."""

README_FORMS = [
    # every example of README.md's table "Dates: what each form means", row by row
    *("1875-05-07", "1875-05", "1875"),
    *("1945-21", "1945-22", "1945-23", "1945-24"),
    *("156X", "15XX", "1985-XX", "1985-04-XX"),
    *("1964/2008", "1984?/2004~", "../1985", "1985/..", "/1985", "1985/"),
    *("7 May 1875", "May 7, 1875", "7th of May 1875", "May 1875"),
    *("spring 1945", "the summer of 1945"),
    *("the 1870s", "16th century", "the sixteenth century"),
    *("early 1945", "mid-1945", "late 1870s", "late 16th century", "mid-19th century"),
    *("circa 1875", "c. 1875", "ca. 1875", "about 1875", "around 1875", "1875 or so", "1875~"),
    *("probably 1875", "possibly 1875", "1875?", "1875%"),
    *("before 1600", "after 1875", "by 1600", "since 24 February 2022", "ongoing"),
    *("between 1945 and 1947", "from 1945 to 1947", "1945-1947", "1945-47", "7-9 May 1875"),
    "March to May 1945",
    *("18 March 1584 O.S.", "18 March 1584 (O.S.)", "18 March 1584 Old Style"),
    "18 March 1584 Julian",
    *("this year", "last year", "next year", "two years ago", "this month"),
    *("over the past year", "in recent years", "now"),
]

_MONTHS = ["January", "May", "Sept.", "february", "dec"]
_VOCABULARY = [
    *("before", "after", "c.", "circa", "early", "late", "mid-", "mid", "to", "–", "-"),
    *("between", "and", "from", "until", "since", "by", "the", "of", "in", "century", "1870s"),
    *("O.S.", "(O.S.)", "N.S.", "?", "~", "%", "/", "..", "X", "years ago", "or so", "ago"),
    *("0", "1", "7", "12", "21", "0001", "1875", "9999", "10000", "16th"),
    *_MONTHS,
]
tokens = st.sampled_from(_VOCABULARY) | st.integers(0, 99_999).map(str)
"""One word of date phrases, or a number (a day, a year, a count, or one out of range)."""

references = st.sampled_from([None, REFERENCE])
calendars = st.sampled_from(list(Calendar))


@st.composite
def mutated_forms(draw: st.DrawFn) -> str:
    """A README form with words inserted, deleted or duplicated."""
    words = draw(st.sampled_from(README_FORMS)).split(" ")
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if edit == "insert" or not words:
            words.insert(draw(st.integers(0, len(words))), draw(tokens))
            continue
        index = draw(st.integers(0, len(words) - 1))
        if edit == "delete":
            del words[index]
        else:
            words.insert(index, words[index])
    return " ".join(words)


token_soups = st.builds(
    lambda words, joiner: joiner.join(words),
    st.lists(tokens, max_size=30),
    st.sampled_from([" ", ""]),
)
"""Date words in any order, spaced or run together, up to deep nestings."""


def read(
    text: str, reference: str | None = None, calendar: Calendar = Calendar.GREGORIAN
) -> FuzzyDate | None:
    """Parse; None for a DateParseError. Any other exception fails the calling test."""
    try:
        date = FuzzyDate.parse(text, reference=reference, calendar=calendar)
    except DateParseError:
        return None
    assert isinstance(str(date), str)
    assert isinstance(date.to_edtf(), str)
    return date


def bounds(date: FuzzyDate) -> tuple[str | None, str | None]:
    return (
        None if date.earliest is None else str(date.earliest),
        None if date.latest is None else str(date.latest),
    )


@pytest.mark.parametrize("text", README_FORMS)
def test_every_readme_form_still_parses(text: str) -> None:
    assert read(text, reference=REFERENCE) is not None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("before 0001", "nothing comes before the year 1"),
        ("before 1st century", "nothing comes before the year 1"),
        ("after 9999", "nothing comes after the year 9999"),
        # Julian 1 January 1 is 30 December 1 BC; Julian 31 December 9999 is in 10000
        ("0001 O.S.", "Julian 0001-01-01 falls before the year 1"),
        ("9999 O.S.", "Julian 9999-12-31 falls after the year 9999"),
        # the outer bound would leave the supported years: clamping it would claim too much
        ("c. 9999", "widen its latest bound past the year 9999"),
        ("9999%", "widen its latest bound past the year 9999"),
        ("9998%", "widen its latest bound past the year 9999"),
        ("c. 0001", "widen its earliest bound before the year 1"),
        ("1st century?", "widen its earliest bound before the year 1"),
    ],
)
def test_dates_past_the_supported_years_are_refused(text: str, reason: str) -> None:
    with pytest.raises(DateParseError, match=re.escape(reason)) as caught:
        FuzzyDate.parse(text)
    assert "years before 1 or after 9999 are not supported" in caught.value.reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one year either side of 9998 reaches exactly the last supported day
        ("c. 9998", ("9997-01-01", "9999-12-31")),
        ("before 0002", (None, "0001-12-31")),
        ("after 9998", ("9999-01-01", None)),
        # Julian dates of year 1 lag the Gregorian by 2 days, of 9999 lead by 73
        ("3 January 0001 O.S.", ("0001-01-01", "0001-01-01")),
        ("19 October 9999 O.S.", ("9999-12-31", "9999-12-31")),
        # Julian April 50 is Gregorian 30 March to 28 April; a month earlier than 30 March is
        # "30 February", moved outwards to 28 February
        ("c. April 50 O.S.", ("0050-02-28", "0050-05-28")),
        # Julian January 150 is Gregorian 31 December 149 to 30 January 150: "31 November"
        # moves out to 30 November, "30 February" to 2 March (150 is not a leap year)
        ("c. January 150 O.S.", ("0149-11-30", "0150-03-02")),
    ],
)
def test_dates_at_the_edges_of_the_supported_years_parse(
    text: str, expected: tuple[str | None, str | None]
) -> None:
    assert bounds(FuzzyDate.parse(text)) == expected


def test_a_count_of_thousands_of_digits_years_ago_is_refused() -> None:
    with pytest.raises(DateParseError, match="characters long"):
        FuzzyDate.parse("9" * 5000 + " years ago", reference=REFERENCE)
    with pytest.raises(DateParseError, match="reaches before the year 1"):
        FuzzyDate.parse("9" * 900 + " years ago", reference=REFERENCE)


def test_a_count_that_reaches_the_year_1_exactly_parses() -> None:
    date = FuzzyDate.parse("2022 years ago", reference=REFERENCE)
    assert bounds(date) == ("0001-01-01", "0001-12-31")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1 to " * 500 + "1", "characters long"),
        ("before " * 500 + "1875", "characters long"),
        ("early " * 330 + "1945", "characters long"),
        ("–" * 1000, "too deeply nested"),
        ("1 to " * 20 + "1", "too deeply nested"),
        ("before " * 20 + "1875", "too deeply nested"),
        ("early " * 20 + "1945", "too deeply nested"),
        ("between 1 and " * 20 + "1", "too deeply nested"),
    ],
)
def test_long_or_deeply_nested_text_is_refused(text: str, reason: str) -> None:
    with pytest.raises(DateParseError, match=reason):
        FuzzyDate.parse(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nested phrases within MAX_NESTING still read: early May is 1-10 May
        ("before early May 1875", (None, "1875-04-30")),
        ("from early May to late August 1945", ("1945-05-01", "1945-08-31")),
        # three deep: the start of early 1945 is January 1945, the month before it December 1944
        ("before between early 1945 and late 1947", (None, "1944-12-31")),
    ],
)
def test_nested_phrases_within_the_limit_parse(
    text: str, expected: tuple[str | None, str | None]
) -> None:
    assert MAX_NESTING >= 3
    assert bounds(FuzzyDate.parse(text)) == expected


def test_a_phrase_of_the_longest_accepted_length_parses() -> None:
    text = "c." + " " * (MAX_LENGTH - len("c.1875")) + "1875"  # spaces inside are collapsed
    assert bounds(FuzzyDate.parse(text)) == ("1874-01-01", "1876-12-31")


@pytest.mark.parametrize(
    "text",
    ["c" * 10**6 + " 1875", "1875" + "?" * 10**6, "1 to " * 200_000 + "1"],
    ids=["c-times-a-million", "question-marks", "one-to-one-chain"],
)
def test_a_megabyte_of_text_returns_or_raises_date_parse_error(text: str) -> None:
    read(text)


@settings(max_examples=300)
@given(st.text(), references, calendars)
def test_any_text_gives_a_date_or_date_parse_error(
    text: str, reference: str | None, calendar: Calendar
) -> None:
    read(text, reference, calendar)


@settings(max_examples=300)
@given(mutated_forms(), references, calendars)
def test_mutated_forms_give_a_date_or_date_parse_error(
    text: str, reference: str | None, calendar: Calendar
) -> None:
    read(text, reference, calendar)


@settings(max_examples=300)
@given(token_soups, references, calendars)
def test_token_soup_gives_a_date_or_date_parse_error(
    text: str, reference: str | None, calendar: Calendar
) -> None:
    read(text, reference, calendar)


def test_a_data_file_reports_unreadable_dates_as_problems(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text(
        "\n".join(
            f'[[events]]\nid = "e{i}"\ntitle = "E"\nstart = "{text}"\n'
            for i, text in enumerate(["c. 9999", "before 0001", "before " * 500 + "1875"])
        ),
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        timeline.load(path)
    problems = caught.value.problems
    assert [(p.where.split()[1], p.field) for p in problems] == [
        ("'e0'", "start"),
        ("'e1'", "start"),
        ("'e2'", "start"),
    ]
    assert "widen its latest bound past the year 9999" in problems[0].expected
    assert "nothing comes before the year 1" in problems[1].expected
    assert "characters long" in problems[2].expected
