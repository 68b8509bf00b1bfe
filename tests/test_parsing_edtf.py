"""ISO 8601 and EDTF levels 0 and 1: bounds worked out by hand from the specification."""

from __future__ import annotations

import pytest

from timeline import DateParseError, FuzzyDate, Precision


def _as_text(day: object) -> str | None:
    """Dates are compared as ISO text, for readable tables."""
    return None if day is None else str(day)


@pytest.mark.parametrize(
    ("text", "core", "outer", "precision"),
    [
        ("1875-05-07", ("1875-05-07", "1875-05-07"), ("1875-05-07", "1875-05-07"), Precision.DAY),
        ("1875-05", ("1875-05-01", "1875-05-31"), ("1875-05-01", "1875-05-31"), Precision.MONTH),
        ("1876-02", ("1876-02-01", "1876-02-29"), ("1876-02-01", "1876-02-29"), Precision.MONTH),
        ("1875", ("1875-01-01", "1875-12-31"), ("1875-01-01", "1875-12-31"), Precision.YEAR),
        ("1875-05-07T10:30:00Z", ("1875-05-07",) * 2, ("1875-05-07",) * 2, Precision.DAY),
        ("156X", ("1560-01-01", "1569-12-31"), ("1560-01-01", "1569-12-31"), Precision.DECADE),
        ("15XX", ("1500-01-01", "1599-12-31"), ("1500-01-01", "1599-12-31"), Precision.CENTURY),
        ("1985-XX", ("1985-01-01", "1985-12-31"), ("1985-01-01", "1985-12-31"), Precision.YEAR),
        ("1985-04-XX", ("1985-04-01", "1985-04-30"), ("1985-04-01", "1985-04-30"), Precision.MONTH),
        ("1985-XX-XX", ("1985-01-01", "1985-12-31"), ("1985-01-01", "1985-12-31"), Precision.YEAR),
        ("1945-21", ("1945-03-01", "1945-05-31"), ("1945-03-01", "1945-05-31"), Precision.SEASON),
        ("1945-22", ("1945-06-01", "1945-08-31"), ("1945-06-01", "1945-08-31"), Precision.SEASON),
        ("1945-23", ("1945-09-01", "1945-11-30"), ("1945-09-01", "1945-11-30"), Precision.SEASON),
        ("1947-24", ("1947-12-01", "1948-02-29"), ("1947-12-01", "1948-02-29"), Precision.SEASON),
        # qualifiers widen the outer bounds by one step of WIDENING (two for %)
        ("1875~", ("1875-01-01", "1875-12-31"), ("1874-01-01", "1876-12-31"), Precision.YEAR),
        ("1875?", ("1875-01-01", "1875-12-31"), ("1874-01-01", "1876-12-31"), Precision.YEAR),
        ("1875%", ("1875-01-01", "1875-12-31"), ("1873-01-01", "1877-12-31"), Precision.YEAR),
        ("1875-05~", ("1875-05-01", "1875-05-31"), ("1875-04-01", "1875-06-30"), Precision.MONTH),
        ("1875-05-07?", ("1875-05-07",) * 2, ("1875-04-30", "1875-05-14"), Precision.DAY),
        ("156X~", ("1560-01-01", "1569-12-31"), ("1555-01-01", "1574-12-31"), Precision.DECADE),
        ("1945-21~", ("1945-03-01", "1945-05-31"), ("1945-02-01", "1945-06-30"), Precision.SEASON),
        # intervals: first day of the start to last day of the end; qualifiers per end
        ("1964/2008", ("1964-01-01", "2008-12-31"), ("1964-01-01", "2008-12-31"), Precision.YEAR),
        (
            "2004-06/2006-08",
            ("2004-06-01", "2006-08-31"),
            ("2004-06-01", "2006-08-31"),
            Precision.MONTH,
        ),
        ("1984?/2004~", ("1984-01-01", "2004-12-31"), ("1983-01-01", "2005-12-31"), Precision.YEAR),
        (
            "1984-06?/2004-08-02~",
            ("1984-06-01", "2004-08-02"),
            ("1984-05-01", "2004-08-09"),
            Precision.MONTH,
        ),
        ("../1985", (None, "1985-12-31"), (None, "1985-12-31"), Precision.YEAR),
        ("1985/..", ("1985-01-01", None), ("1985-01-01", None), Precision.YEAR),
        ("/1985-04", (None, "1985-04-30"), (None, "1985-04-30"), Precision.MONTH),
        ("1985-04-12/", ("1985-04-12", None), ("1985-04-12", None), Precision.DAY),
    ],
)
def test_edtf_bounds(
    text: str,
    core: tuple[str | None, str | None],
    outer: tuple[str | None, str | None],
    precision: Precision,
) -> None:
    d = FuzzyDate.parse(text)
    assert (_as_text(d.core_earliest), _as_text(d.core_latest)) == core
    assert (_as_text(d.earliest), _as_text(d.latest)) == outer
    assert d.precision is precision
    assert d.text == text


@pytest.mark.parametrize(
    ("text", "approximate", "uncertain"),
    [
        ("1875", False, False),
        ("1875~", True, False),
        ("1875?", False, True),
        ("1875%", True, True),
        ("1984?/2004~", True, True),
    ],
)
def test_qualifier_flags(text: str, approximate: bool, uncertain: bool) -> None:
    d = FuzzyDate.parse(text)
    assert (d.approximate, d.uncertain) == (approximate, uncertain)


@pytest.mark.parametrize(
    ("text", "edtf"),
    [
        ("1875-05-07", "1875-05-07"),
        ("1985-04-XX", "1985-04"),
        ("1984?/2004~", "1984?/2004~"),
        ("1945-21", "1945-21"),
        ("../1985", "../1985"),
        ("/1985", "../1985"),
        ("156X~", "156X~"),
    ],
)
def test_canonical_edtf(text: str, edtf: str) -> None:
    assert FuzzyDate.parse(text).to_edtf() == edtf


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2023-02-30", "day 30 does not exist in 2023-02"),
        ("1900-02-29", "day 29 does not exist in 1900-02"),
        ("1875-13", "month 13 does not exist"),
        ("1875-00", "month 0 does not exist"),
        ("2004/1984", "ends (1984-12-31) before it starts (2004-01-01)"),
        ("156X-05", "unspecified year digits only in a bare year"),
        ("1985-XX-07", "a day needs a known month"),
        ("1945-21-01", "a season (21) takes no day"),
        ("-0050", "years before 1 or after 9999"),
        ("Y170000002", "years before 1 or after 9999"),
        ("0000", "year 0000"),
        ("1875/1876/1877", "exactly one '/'"),
    ],
)
def test_edtf_errors_quote_text_and_reason(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as caught:
        FuzzyDate.parse(text)
    assert repr(text) in str(caught.value)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)
