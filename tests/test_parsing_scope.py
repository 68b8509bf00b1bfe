"""What a qualifier or a year start applies to: the date it follows, and Old Style text."""

from __future__ import annotations

import pytest

import timeline
from timeline import DateParseError, FuzzyDate


@pytest.mark.parametrize("mark", ["?", "~", "%"])
@pytest.mark.parametrize("dash", ["–", "-", " to ", " – "])
def test_a_mark_after_a_range_qualifies_its_end_whatever_the_mark(mark: str, dash: str) -> None:
    d = FuzzyDate.parse(f"1620{dash}1621{mark}")
    steps = 2 if mark == "%" else 1
    assert str(d.earliest) == "1620-01-01"  # the start is as written
    assert str(d.latest) == f"{1621 + steps}-12-31"
    assert d.to_edtf() == f"1620/1621{mark}"


def test_a_word_before_a_range_qualifies_both_ends_unless_the_end_has_its_own() -> None:
    assert FuzzyDate.parse("c. 1620 – 1621").to_edtf() == "1620~/1621~"
    assert FuzzyDate.parse("c. 1620 – 1621?").to_edtf() == "1620~/1621?"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("1850s-1880s?", "between 1850s and probably 1880s"),
        ("15XX~/16XX", "between c. the 16th century and the 17th century"),
        ("1620-21/1621-22?", "between spring 1620 and probably summer 1621"),
        ("../1945-24?", "until probably winter 1945"),
    ],
)
def test_sides_of_any_period_are_labelled_and_read_back(text: str, label: str) -> None:
    d = FuzzyDate.parse(text, form="edtf" if "/" in text else "mixed")
    assert d.label() == label
    back = FuzzyDate.parse(label)
    assert (back.earliest, back.latest) == (d.earliest, d.latest)


def test_a_year_start_given_for_text_that_is_not_old_style_is_refused() -> None:
    with pytest.raises(DateParseError, match="applies to Old Style dates"):
        FuzzyDate.parse("10 February 1675", year_start="03-25")
    # marked, or read as Julian: 10 February 1675 (civil) is 10 February 1676 Julian
    for d in (
        FuzzyDate.parse("10 February 1675 O.S.", year_start="03-25"),
        FuzzyDate.parse("10 February 1675", year_start="03-25", calendar="julian"),
    ):
        assert str(d.core_earliest) == "1676-02-20"


def test_a_files_year_start_applies_to_its_old_style_dates_only() -> None:
    tl = timeline.loads(
        '[settings]\nyear_start = "03-25"\n'
        '[[events]]\nid = "a"\ntitle = "A"\nstart = "10 February 1675 O.S."\n'
        '[[events]]\nid = "b"\ntitle = "B"\nstart = "22 March 2023"\n'
    )
    assert [str(e.start.core_earliest) for e in tl] == ["1676-02-20", "2023-03-22"]
    with pytest.raises(timeline.ValidationError, match="applies to Old Style dates"):
        timeline.loads(
            '[[events]]\nid = "a"\ntitle = "A"\n'
            'start = {text = "10 February 1675", year_start = "03-25"}\n'
        )


def test_a_leap_day_a_lady_day_year_lacks_says_which_year_february_is_in() -> None:
    # civil February 1700, years from 25 March, is February 1701 Julian: no 29th
    with pytest.raises(DateParseError, match=r"February 1701 \(Julian\).*29 February 1699/1700"):
        FuzzyDate.parse("29 February 1700 O.S.", year_start="03-25")
    leap = FuzzyDate.parse("29 February 1699 O.S.", year_start="03-25")
    assert leap.core_earliest == FuzzyDate.parse("29 February 1699/1700").core_earliest


def test_a_century_beside_a_day_in_a_label_reads_back() -> None:
    # found by the read-back law: "16th century and ... 1 January" once read as two days
    d = FuzzyDate.parse("15XX/1500-01-01?", form="edtf")
    assert d.label() == "between the 16th century and probably 1 January 1500"
    back = FuzzyDate.parse(d.label())
    assert (back.earliest, back.latest) == (d.earliest, d.latest)
