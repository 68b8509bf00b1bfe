"""The forms museum and library cataloguers write: bounds worked out by hand, and round trips."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import DateParseError, FuzzyDate


def bounds(d: FuzzyDate) -> tuple[str | None, str | None, str | None, str | None]:
    """(earliest, latest, core_earliest, core_latest) as ISO text, None for an open end."""
    return tuple(  # type: ignore[return-value]
        None if b is None else str(b)
        for b in (d.earliest, d.latest, d.core_earliest, d.core_latest)
    )


# A year is widened by 1 year per qualifier, a decade by 5, a century by 25 (timeline.WIDENING).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # abbreviated centuries: the 18th century is 1700-1799, as "18th century"
        ("18c", ("1700-01-01", "1799-12-31", "1700-01-01", "1799-12-31")),
        ("16c.", ("1500-01-01", "1599-12-31", "1500-01-01", "1599-12-31")),
        ("16th c.", ("1500-01-01", "1599-12-31", "1500-01-01", "1599-12-31")),
        ("16th cent.", ("1500-01-01", "1599-12-31", "1500-01-01", "1599-12-31")),
        ("ca. 17c", ("1575-01-01", "1724-12-31", "1600-01-01", "1699-12-31")),
        ("mid-17c", ("1633-01-01", "1666-12-31", "1633-01-01", "1666-12-31")),
        # approximate: one year each way
        ("approx 1625", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        ("approx. 1625", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        ("circa. 1625", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        ("c1625", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        ("c 1625", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        # brackets: a date the cataloguer supplied is the date itself
        ("[1625]", ("1625-01-01", "1625-12-31", "1625-01-01", "1625-12-31")),
        ("[1625?]", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        ("[ca. 1625]", ("1624-01-01", "1626-12-31", "1625-01-01", "1625-12-31")),
        ("[May 1625]", ("1625-05-01", "1625-05-31", "1625-05-01", "1625-05-31")),
        # ranges of decades and centuries
        ("1850s-1880s", ("1850-01-01", "1889-12-31", "1850-01-01", "1889-12-31")),
        ("1850s–1880s", ("1850-01-01", "1889-12-31", "1850-01-01", "1889-12-31")),
        ("17th-18th century", ("1600-01-01", "1799-12-31", "1600-01-01", "1799-12-31")),
        ("17th–18th century", ("1600-01-01", "1799-12-31", "1600-01-01", "1799-12-31")),
        ("17th to 18th century", ("1600-01-01", "1799-12-31", "1600-01-01", "1799-12-31")),
        ("17th-18th c.", ("1600-01-01", "1799-12-31", "1600-01-01", "1799-12-31")),
        (
            "seventeenth-eighteenth century",
            ("1600-01-01", "1799-12-31", "1600-01-01", "1799-12-31"),
        ),
        # each end its own qualifiers
        ("1790-ca. 1810", ("1790-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        ("1790 - c. 1810", ("1790-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        ("1790?-1810", ("1789-01-01", "1810-12-31", "1790-01-01", "1810-12-31")),
        ("c. 1790 - 1810?", ("1789-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        ("c. 1790-1810?", ("1789-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        ("c. 1790 – 1810?", ("1789-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        # one qualifier around a whole range still qualifies both ends (as labels write it)
        ("c. 1790-1810", ("1789-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        # a mark after a range qualifies its end, as in library authority records
        ("1790-1810?", ("1790-01-01", "1811-12-31", "1790-01-01", "1810-12-31")),
        # open ranges
        ("earlier than 1600", (None, "1599-12-31", None, "1599-12-31")),
        ("later than 1600", ("1601-01-01", None, "1601-01-01", None)),
        ("not before 1600", ("1600-01-01", None, "1600-01-01", None)),
        ("not after 1600", (None, "1600-12-31", None, "1600-12-31")),
    ],
)
def test_catalogue_form_bounds(
    text: str, expected: tuple[str | None, str | None, str | None, str | None]
) -> None:
    assert bounds(FuzzyDate.parse(text)) == expected


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [("[1625?]", False, True), ("[ca. 1625]", True, False), ("[1625]", False, False)],
)
def test_brackets_keep_the_qualifier_inside(text: str, approximate: bool, uncertain: bool) -> None:
    d = FuzzyDate.parse(text)
    assert (d.approximate, d.uncertain) == (approximate, uncertain)


def test_abbreviated_century_is_the_spelled_out_century() -> None:
    for short in ("16c", "16c.", "16th c.", "16th cent."):
        assert FuzzyDate.parse(short).to_edtf() == FuzzyDate.parse("16th century").to_edtf()


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("1790-ca. 1810", "1790/1810~"),
        ("1790?-1810", "1790?/1810"),
        ("c. 1790 - 1810?", "1790~/1810?"),
    ],
)
def test_range_ends_keep_their_own_qualifiers(text: str, edtf: str) -> None:
    assert FuzzyDate.parse(text).to_edtf() == edtf


@pytest.mark.parametrize("text", ["n.d.", "N.D.", "n.d", "[n.d.]", "s.d.", "no date", "undated"])
def test_no_date_is_an_undated_item_error(text: str) -> None:
    with pytest.raises(DateParseError, match="undated item") as caught:
        FuzzyDate.parse(text)
    assert repr(text) in str(caught.value)
    assert "'../..'" in str(caught.value)


@pytest.mark.parametrize("text", ["cc 1875", "cc. 1875", "[1625]-[1630]"])
def test_lax_or_unsupported_catalogue_text_is_an_error(text: str) -> None:
    with pytest.raises(DateParseError):
        FuzzyDate.parse(text)


_APPROXIMATE = ["ca.", "c.", "circa", "circa.", "approx", "approx.", "about"]
_OPEN = ["earlier than", "later than", "not before", "not after"]


@st.composite
def catalogue_texts(draw: st.DrawFn) -> str:
    """A catalogue form whose label reads back (years 1500-1999)."""
    year = draw(st.integers(1500, 1999))
    later = draw(st.integers(year, 1999))
    century, later_century = year // 100 + 1, later // 100 + 1
    decade, later_decade = year // 10 * 10, later // 10 * 10
    approx = draw(st.sampled_from(_APPROXIMATE))
    forms = [
        f"{century}c",
        f"{century}c.",
        f"{century}th c.",
        f"{approx} {century}c",
        f"{approx} {year}",
        f"c{year}",
        f"[{year}]",
        f"[{year}?]",
        f"[{approx} {year}]",
        f"{decade}s{draw(st.sampled_from(['-', '–', ' - ']))}{later_decade}s",
        f"{century}th{draw(st.sampled_from(['-', '–', ' to ']))}{later_century}th century",
        # one year twice ("c. 1950 - 1950?") labels as one year, "c. 1950?", which is 1950%
        f"{approx} {year}{draw(st.sampled_from([' - ', '-', ' – ']))}{max(later, year + 1)}?",
        f"{draw(st.sampled_from(_OPEN))} {year}",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def own_qualifier_ranges(draw: st.DrawFn) -> str:
    """A range whose ends carry different qualifiers, or a qualified range of periods."""
    year = draw(st.integers(1500, 1998))
    later = draw(st.integers(year + 1, 1999))
    approx = draw(st.sampled_from(_APPROXIMATE))
    forms = [
        f"{year}-{approx} {later}",
        f"{year}?-{later}",
        f"{approx} {year // 10 * 10}s-{later // 10 * 10}s",
        f"{approx} {year // 100 + 1}th-{later // 100 + 1}th century",
    ]
    return draw(st.sampled_from(forms))


@settings(max_examples=100)
@given(catalogue_texts())
def test_catalogue_forms_round_trip_through_label_and_edtf(text: str) -> None:
    d = FuzzyDate.parse(text)
    again = FuzzyDate.parse(str(d))
    assert (again.earliest, again.latest) == (d.earliest, d.latest)
    machine = FuzzyDate.parse(d.to_edtf(), form="edtf")
    assert (machine.earliest, machine.latest) == (d.earliest, d.latest)


@settings(max_examples=100)
@given(own_qualifier_ranges())
def test_ranges_with_own_qualifiers_round_trip_through_edtf(text: str) -> None:
    d = FuzzyDate.parse(text)
    machine = FuzzyDate.parse(d.to_edtf(), form="edtf")
    assert (machine.earliest, machine.latest) == (d.earliest, d.latest)


@pytest.mark.parametrize(
    "text", ["1790-ca. 1810", "1790?-1810", "ca. 1850s-1880s", "ca. 17th-18th century"]
)
def test_label_of_a_range_with_own_qualifiers_reads_back(text: str) -> None:
    d = FuzzyDate.parse(text)
    again = FuzzyDate.parse(str(d))
    assert (again.earliest, again.latest) == (d.earliest, d.latest)
