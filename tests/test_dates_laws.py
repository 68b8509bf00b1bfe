"""Laws every FuzzyDate obeys, checked with hypothesis on every accepted form."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import date_texts, edtf_texts, phrase_texts
from timeline import AmbiguousDateError, DateParseError, FuzzyDate


def readings(text: str) -> list[FuzzyDate]:
    """Every reading of a text: the one, or (for an ambiguous text) one per explicit form."""
    try:
        return [FuzzyDate.parse(text)]
    except AmbiguousDateError:
        return [FuzzyDate.parse(text, form="edtf"), FuzzyDate.parse(text, form="english")]


def edtf(text: str) -> FuzzyDate:
    """What EDTF text (`to_edtf`, machine data) means: read in the strict EDTF form."""
    return FuzzyDate.parse(text, form="edtf")


@given(date_texts)
def test_earliest_is_never_after_latest(text: str) -> None:
    for d in readings(text):
        if d.earliest is not None and d.latest is not None:
            assert d.earliest <= d.latest


@given(date_texts)
def test_outer_bounds_contain_the_core(text: str) -> None:
    for d in readings(text):
        if d.earliest is not None:
            assert d.core_earliest is not None and d.earliest <= d.core_earliest
        if d.latest is not None:
            assert d.core_latest is not None and d.core_latest <= d.latest


@given(date_texts)
def test_parse_of_to_edtf_gives_the_same_bounds(text: str) -> None:
    for d in readings(text):
        again = edtf(d.to_edtf())
        assert (again.earliest, again.latest) == (d.earliest, d.latest)


@given(edtf_texts())
def test_edtf_round_trip_keeps_core_and_qualifiers(text: str) -> None:
    d = edtf(text)
    again = edtf(d.to_edtf())
    assert (again.core_earliest, again.core_latest) == (d.core_earliest, d.core_latest)
    assert (again.approximate, again.uncertain) == (d.approximate, d.uncertain)
    assert again.to_edtf() == d.to_edtf()


@given(edtf_texts())
def test_circa_widens_every_closed_end(text: str) -> None:
    plain = edtf(text.replace("?", "").replace("~", "").replace("%", ""))
    parts = plain.to_edtf().split("/")
    approximate = edtf("/".join(p if p == ".." else p + "~" for p in parts))
    if plain.earliest is not None and plain.earliest.year > 1:
        assert approximate.earliest is not None and approximate.earliest < plain.earliest
    if plain.latest is not None and plain.latest.year < 9999:
        assert approximate.latest is not None and approximate.latest > plain.latest


@given(phrase_texts())
def test_phrases_round_trip_through_edtf(text: str) -> None:
    d = FuzzyDate.parse(text)
    assert edtf(d.to_edtf()).latest == d.latest


@given(st.text(max_size=40))
def test_arbitrary_text_raises_nothing_but_date_parse_error(text: str) -> None:
    with contextlib.suppress(DateParseError):
        FuzzyDate.parse(text)


@given(st.text(alphabet="0123456789X-/.?~%TZ:+Y ", max_size=25))
def test_edtf_alphabet_soup_raises_nothing_but_date_parse_error(text: str) -> None:
    with contextlib.suppress(DateParseError):
        FuzzyDate.parse(text)


_WORDS = [
    "c.",
    "circa",
    "before",
    "after",
    "between",
    "and",
    "early",
    "late",
    "mid-",
    "the",
    "1875",
    "1870s",
    "16th",
    "century",
    "May",
    "7",
    "O.S.",
    "?",
    "to",
    "–",
    "-",
    "since",
    "last year",
    "156X",
    "~",
    "/",
    "..",
]


@given(st.lists(st.sampled_from(_WORDS), max_size=8), st.sampled_from(["", " "]))
def test_word_soup_raises_nothing_but_date_parse_error(words: list[str], joiner: str) -> None:
    with contextlib.suppress(DateParseError):
        FuzzyDate.parse(joiner.join(words))


@given(
    st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
def test_from_bounds_equals_parsing_its_edtf(lo: dt.date | None, hi: dt.date | None) -> None:
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    made = FuzzyDate.from_bounds(lo, hi)
    assert made == edtf(made.to_edtf())
    assert (made.earliest, made.latest) == (lo, hi)


@given(
    st.integers(1, 99),
    st.integers(0, 98),
    st.sampled_from(["", "?", "~", "%"]),
    st.integers(1, 99),
)
def test_every_year_and_two_digits_text_is_ambiguous_exactly_when_it_has_two_readings(
    century: int, year: int, qualifier: str, suffix: int
) -> None:
    text = f"{century:02d}{year:02d}-{suffix:02d}{qualifier}"
    calendar_reading = 1 <= suffix <= 12 or 21 <= suffix <= 24
    years_reading = suffix > year
    if calendar_reading and years_reading:
        with pytest.raises(AmbiguousDateError) as caught:
            FuzzyDate.parse(text)
        assert len(caught.value.readings) == 2
        as_edtf = FuzzyDate.parse(text, form="edtf")
        as_years = FuzzyDate.parse(text, form="english")
        assert as_edtf.core_earliest is not None and as_years.core_latest is not None
        assert (as_edtf.core_earliest.year, as_years.core_latest.year) == (
            century * 100 + year,
            century * 100 + suffix,
        )
        assert as_years.core_earliest == dt.date(century * 100 + year, 1, 1)
    elif calendar_reading:
        d = FuzzyDate.parse(text)
        assert d.core_latest is not None and d.core_latest.year <= century * 100 + year + 1
    elif years_reading and not qualifier:
        d = FuzzyDate.parse(text)
        assert d.core_latest == dt.date(century * 100 + suffix, 12, 31)
    else:  # one reading or none: never called ambiguous
        with contextlib.suppress(DateParseError):
            try:
                FuzzyDate.parse(text)
            except AmbiguousDateError:
                pytest.fail(f"{text!r} has one reading but was called ambiguous")


@given(date_texts)
def test_every_label_reads_back_to_the_same_bounds(text: str) -> None:
    for d in readings(text):
        again = FuzzyDate.parse(str(d))
        assert (again.earliest, again.latest) == (d.earliest, d.latest), str(d)
        assert (again.core_earliest, again.core_latest) == (d.core_earliest, d.core_latest)


@pytest.mark.parametrize(
    "text",
    [
        "1984?/2004",
        "between c. 1945 and 1947",
        "../..",
        "0001/..",
        "../9999",
        "18 March 1584 O.S.",
        "29 February 1700 O.S.",
        "10 February 1675/6",
        "1984?/2004~",
    ],
)
def test_labels_that_did_not_read_back_now_do(text: str) -> None:
    d = FuzzyDate.parse(text)
    again = FuzzyDate.parse(str(d))
    assert (again.earliest, again.latest, again.core_earliest, again.core_latest) == (
        d.earliest,
        d.latest,
        d.core_earliest,
        d.core_latest,
    )
