"""Forms from a file of Russian expansion into Siberia (1555-1700): winters across the turn of
the year, abbreviated decade ends, dual-style days, alternatives, halves and quarters, a bare
``..``. Bounds worked out by hand; refusals say what to write; EDTF round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import DateParseError, FuzzyDate

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def core(d: FuzzyDate) -> tuple[str | None, str | None]:
    return (
        None if d.core_earliest is None else str(d.core_earliest),
        None if d.core_latest is None else str(d.core_latest),
    )


def outer(d: FuzzyDate) -> tuple[str | None, str | None]:
    return (
        None if d.earliest is None else str(d.earliest),
        None if d.latest is None else str(d.latest),
    )


# Each core is worked out by hand; none of these texts carries a qualifier, so outer == core.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # winter: December of the first year to the end of February of the next (1710 is not leap)
        ("winter 1709", ("1709-12-01", "1710-02-28")),
        ("winter 1709–10", ("1709-12-01", "1710-02-28")),
        ("winter 1709–1710", ("1709-12-01", "1710-02-28")),
        ("winter 1709-10", ("1709-12-01", "1710-02-28")),
        ("winter 1709/10", ("1709-12-01", "1710-02-28")),
        ("the winter of 1709/1710", ("1709-12-01", "1710-02-28")),
        ("winter 1699–1700", ("1699-12-01", "1700-02-28")),  # 1700: no Gregorian leap day
        ("winter 1695–6", ("1695-12-01", "1696-02-29")),  # 1696 is leap
        # abbreviated decade ends share the first decade's century
        ("1720s–30s", ("1720-01-01", "1739-12-31")),
        ("1720s-30s", ("1720-01-01", "1739-12-31")),
        ("1720s-1730s", ("1720-01-01", "1739-12-31")),
        ("1720s–1730s", ("1720-01-01", "1739-12-31")),
        ("the 1720s to the 30s", ("1720-01-01", "1739-12-31")),
        ("1690s–1700s", ("1690-01-01", "1709-12-31")),
        # dual style: Julian 1 March 1700 is 11 days behind (1700 was a Julian leap year)
        ("1 (12) March 1700", ("1700-03-12", "1700-03-12")),
        ("1 March (12 March) 1700", ("1700-03-12", "1700-03-12")),
        ("1 (12) March 1700 O.S.", ("1700-03-12", "1700-03-12")),
        ("20 February (2 March) 1700", ("1700-03-02", "1700-03-02")),  # before the Julian 29th
        ("29 February (11 March) 1700", ("1700-03-11", "1700-03-11")),  # Julian leap day
        ("22 December 1699 (1 January 1700)", ("1700-01-01", "1700-01-01")),  # 10 days in 1699
        ("5 (15) May 1582", ("1582-05-15", "1582-05-15")),  # 10 days before 1700
        # alternatives: the hull of the two
        ("1710 or 1711", ("1710-01-01", "1711-12-31")),
        ("either 1710 or 1711", ("1710-01-01", "1711-12-31")),
        ("1711 or 1710", ("1710-01-01", "1711-12-31")),
        ("5 or 6 May 1703", ("1703-05-05", "1703-05-06")),
        ("May or June 1703", ("1703-05-01", "1703-06-30")),
        ("1698 or 1701", ("1698-01-01", "1701-12-31")),
        # parts of a century (the 18th century is 1700-1799, as "18th century")
        ("first half of the 18th century", ("1700-01-01", "1749-12-31")),
        ("the second half of the 18th century", ("1750-01-01", "1799-12-31")),
        ("first quarter of the 17th century", ("1600-01-01", "1624-12-31")),
        ("second quarter of the 17th century", ("1625-01-01", "1649-12-31")),
        ("third quarter of the 17th century", ("1650-01-01", "1674-12-31")),
        ("fourth quarter of the 17th century", ("1675-01-01", "1699-12-31")),
        ("last quarter of the seventeenth century", ("1675-01-01", "1699-12-31")),
        ("1st half of 17th c.", ("1600-01-01", "1649-12-31")),
        ("last half of 16c", ("1550-01-01", "1599-12-31")),
        # ... of a year and halves of a decade
        ("first half of 1710", ("1710-01-01", "1710-06-30")),
        ("second quarter of 1710", ("1710-04-01", "1710-06-30")),
        ("second half of the 1720s", ("1725-01-01", "1729-12-31")),
        # open at both ends
        ("..", (None, None)),
        ("../..", (None, None)),
    ],
)
def test_historian_form_bounds(text: str, expected: tuple[str | None, str | None]) -> None:
    d = FuzzyDate.parse(text)
    assert core(d) == expected
    assert outer(d) == expected


def test_winter_across_the_year_is_the_edtf_season_of_its_first_year() -> None:
    season = FuzzyDate.parse("winter 1709")
    for text in ("winter 1709–10", "winter 1709–1710"):
        d = FuzzyDate.parse(text)
        assert (d.earliest, d.latest) == (season.earliest, season.latest)
        assert d.to_edtf() == "1709-24"


def test_alternatives_keep_qualifiers_as_written() -> None:
    plain = FuzzyDate.parse("1710 or 1711")
    assert not plain.approximate and not plain.uncertain
    d = FuzzyDate.parse("c. 1710 or 1711")
    assert core(d) == ("1710-01-01", "1711-12-31")
    assert outer(d) == ("1709-01-01", "1712-12-31")  # a year widened by a year each way
    assert d.approximate


def test_alternatives_write_the_hull_as_an_edtf_level_0_interval() -> None:
    assert FuzzyDate.parse("1710 or 1711").to_edtf() == "1710/1711"
    assert FuzzyDate.parse("5 or 6 May 1703").to_edtf() == "1703-05-05/1703-05-06"


def test_dual_style_day_is_never_converted_twice() -> None:
    d = FuzzyDate.parse("1 (12) March 1700", calendar="julian")
    assert outer(d) == ("1700-03-12", "1700-03-12")


def test_circa_dual_style_day_widens_by_a_week() -> None:
    d = FuzzyDate.parse("c. 1 (12) March 1700")
    assert core(d) == ("1700-03-12", "1700-03-12")
    assert outer(d) == ("1700-03-05", "1700-03-19")


def test_bare_open_is_not_edtf() -> None:
    with pytest.raises(DateParseError, match=r"'\.\./\.\.'"):
        FuzzyDate.parse("..", form="edtf")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        # a winter is two years that follow each other
        ("winter 1709–12", r"follow each other.*'winter 1709 – winter 1711'"),
        ("winter 1709–1711", r"follow each other.*'winter 1709 – winter 1710'"),
        ("winter 1709/08", r"follow each other"),
        # a decade end that would go backwards is not guessed into the next century
        ("1790s–00s", r"'1790s–1800s'"),
        ("1730s–20s", r"'1730s–1820s'"),
        # dual-style days that disagree name both days and the expected one
        (
            "1 (13) March 1700",
            r"Old Style day 1 March 1700 is the New Style day 12 March 1700, not 13 March 1700"
            r".*'1 \(12\) March 1700'",
        ),
        (
            "1 March (12 April) 1700",
            r"New Style day 12 March 1700, not 12 April 1700.*'1 March 1700 \(12 March 1700\)'",
        ),
        ("25 (7) February 1700", r"New Style day 7 March 1700, not 7 February 1700"),
        ("21 December 1699 (1 January 1700)", r"New Style day 31 December 1699"),
        ("30 February (12 March) 1700", r"day 30 does not exist in Julian 1700-02"),
        ("29 (12) February 1701", r"day 29 does not exist in Julian 1701-02"),
        ("before 1 (12) March 1700", r"dual-style day .* only on its own"),
        ("between 1 (12) March 1700 and 1701", r"dual-style day .* only on its own"),
        # parts
        ("first quarter of the 1720s", r"needs a century or a year"),
        ("first half of 1700/1799", r"needs a single period, not a range"),
        ("first half of May 1710", r"needs a century or a year"),
    ],
)
def test_historian_form_refused_with_advice(text: str, says: str) -> None:
    with pytest.raises(DateParseError, match=says):
        FuzzyDate.parse(text)


# --- laws: what to_edtf() writes reads back, as EDTF, to the same bounds --------------------


def _julian_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """Julian to Gregorian written out again here, so the law does not trust the code it tests:
    count days from Julian 1 March 4801 BC (every fourth year leap), then as an ordinal."""
    y, m = (year, month) if month > 2 else (year - 1, month + 12)
    julian_day = 365 * y + y // 4 + (153 * (m - 3) + 2) // 5 + day + 1721117
    return dt.date.fromordinal(julian_day - 1721425)


def test_independent_julian_conversion_agrees_with_known_days() -> None:
    # Britain's switch: Wednesday 2 September 1752 O.S. was followed by Thursday 14 September
    assert _julian_to_gregorian(1752, 9, 2) == dt.date(1752, 9, 13)
    assert _julian_to_gregorian(1700, 3, 1) == dt.date(1700, 3, 12)
    assert _julian_to_gregorian(1699, 12, 22) == dt.date(1700, 1, 1)


@st.composite
def historian_texts(draw: st.DrawFn) -> str:
    """One text of each new form, drawn over 1500-1900."""
    year = draw(st.integers(min_value=1500, max_value=1898))
    kind = draw(st.sampled_from(["winter", "decades", "dual", "or", "part", "open"]))
    if kind == "winter":
        written = draw(st.sampled_from([str(year + 1), f"{(year + 1) % 100:02d}"]))
        return f"winter {year}{draw(st.sampled_from(['–', '-', '/']))}{written}"
    if kind == "decades":
        first = year - year % 10
        last = draw(st.integers(min_value=first, max_value=first - first % 100 + 90))
        last -= last % 10
        second = draw(st.sampled_from([str(last), f"{last % 100:02d}"]))
        return f"{first}s{draw(st.sampled_from(['–', '-']))}{second}s"
    if kind == "dual":
        month = draw(st.integers(min_value=1, max_value=12))
        day = draw(st.integers(min_value=1, max_value=28))
        new = _julian_to_gregorian(year, month, day)
        if (new.year, new.month) == (year, month):
            return f"{day} ({new.day}) {MONTHS[month - 1]} {year}"
        return f"{day} {MONTHS[month - 1]} {year} ({new.day} {MONTHS[new.month - 1]} {new.year})"
    if kind == "or":
        if draw(st.booleans()):
            return f"{year} or {year + draw(st.integers(min_value=1, max_value=2))}"
        month = draw(st.integers(min_value=1, max_value=12))
        day = draw(st.integers(min_value=1, max_value=27))
        return f"{day} or {day + 1} {MONTHS[month - 1]} {year}"
    if kind == "part":
        part, ordinals = draw(
            st.sampled_from(
                [("half", ["first", "second", "last"]), ("quarter", ["first", "third", "last"])]
            )
        )
        century = year // 100 + 1
        return f"{draw(st.sampled_from(ordinals))} {part} of the {century}th century"
    return ".."


@settings(max_examples=100)
@given(historian_texts())
def test_edtf_of_historian_form_reads_back_to_the_same_bounds(text: str) -> None:
    d = FuzzyDate.parse(text)
    again = FuzzyDate.parse(d.to_edtf(), form="edtf")
    assert (again.earliest, again.latest) == (d.earliest, d.latest)
