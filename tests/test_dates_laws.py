"""Laws every FuzzyDate obeys, checked with hypothesis on every accepted form."""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tests.strategies import date_texts, edtf_texts, phrase_texts
from timeline import DateParseError, FuzzyDate


@given(date_texts)
def test_earliest_is_never_after_latest(text: str) -> None:
    d = FuzzyDate.parse(text)
    if d.earliest is not None and d.latest is not None:
        assert d.earliest <= d.latest


@given(date_texts)
def test_outer_bounds_contain_the_core(text: str) -> None:
    d = FuzzyDate.parse(text)
    if d.earliest is not None:
        assert d.core_earliest is not None and d.earliest <= d.core_earliest
    if d.latest is not None:
        assert d.core_latest is not None and d.core_latest <= d.latest


@given(date_texts)
def test_parse_of_to_edtf_gives_the_same_bounds(text: str) -> None:
    d = FuzzyDate.parse(text)
    again = FuzzyDate.parse(d.to_edtf())
    assert (again.earliest, again.latest) == (d.earliest, d.latest)


@given(edtf_texts())
def test_edtf_round_trip_keeps_core_and_qualifiers(text: str) -> None:
    d = FuzzyDate.parse(text)
    again = FuzzyDate.parse(d.to_edtf())
    assert (again.core_earliest, again.core_latest) == (d.core_earliest, d.core_latest)
    assert (again.approximate, again.uncertain) == (d.approximate, d.uncertain)
    assert again.to_edtf() == d.to_edtf()


@given(edtf_texts())
def test_circa_widens_every_closed_end(text: str) -> None:
    plain = FuzzyDate.parse(text.replace("?", "").replace("~", "").replace("%", ""))
    parts = plain.to_edtf().split("/")
    approximate = FuzzyDate.parse("/".join(p if p == ".." else p + "~" for p in parts))
    if plain.earliest is not None and plain.earliest.year > 1:
        assert approximate.earliest is not None and approximate.earliest < plain.earliest
    if plain.latest is not None and plain.latest.year < 9999:
        assert approximate.latest is not None and approximate.latest > plain.latest


@given(phrase_texts())
def test_phrases_round_trip_through_edtf(text: str) -> None:
    d = FuzzyDate.parse(text)
    assert FuzzyDate.parse(d.to_edtf()).latest == d.latest


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
    assert made == FuzzyDate.parse(made.to_edtf())
    assert (made.earliest, made.latest) == (lo, hi)
