"""Fuzziness is a value: per call, per file, per date; never a global; round-trips."""

from __future__ import annotations

import datetime as dt

import pytest

import timeline
from timeline import WIDENING, Fuzziness, FuzzyDate, Precision
from timeline.parsing.fuzziness import read_fuzziness, spell_fuzziness


def test_the_default_is_what_the_readme_documents_and_cannot_be_changed() -> None:
    assert WIDENING[Precision.YEAR] == (12, 0) and WIDENING[Precision.DAY] == (0, 7)
    with pytest.raises(TypeError):
        WIDENING[Precision.YEAR] = (0, 0)  # type: ignore[index]
    d = FuzzyDate.parse("c. 1875")
    assert (d.earliest, d.latest) == (dt.date(1874, 1, 1), dt.date(1876, 12, 31))
    assert d.fuzziness is None


def test_a_fuzziness_widens_one_parse_and_no_other() -> None:
    wide = FuzzyDate.parse("c. 1875", fuzziness=Fuzziness(year=(24, 0)))
    assert (wide.earliest, wide.latest) == (dt.date(1873, 1, 1), dt.date(1877, 12, 31))
    assert (wide.core_earliest, wide.core_latest) == (dt.date(1875, 1, 1), dt.date(1875, 12, 31))
    again = FuzzyDate.parse("c. 1875")
    assert again.earliest == dt.date(1874, 1, 1) and wide != again
    # a date without qualifiers is not widened, whatever the fuzziness: it equals the default
    assert FuzzyDate.parse("1875", fuzziness=Fuzziness(year=(24, 0))) == FuzzyDate.parse("1875")


def test_both_qualifiers_widen_by_two_steps_of_the_given_fuzziness() -> None:
    d = FuzzyDate.parse("1875-05-07%", fuzziness=Fuzziness(day=(0, 3)))
    assert (d.earliest, d.latest) == (dt.date(1875, 5, 1), dt.date(1875, 5, 13))


@pytest.mark.parametrize(
    ("spelled", "field", "value"),
    [
        ({"year": "2 years"}, "year", (24, 0)),
        ({"day": "10 days"}, "day", (0, 10)),
        ({"month": "3 months"}, "month", (3, 0)),
        ({"century": "50 years"}, "century", (600, 0)),
    ],
)
def test_amounts_read_and_spell_back(spelled: dict[str, str], field: str, value: object) -> None:
    fuzziness = read_fuzziness(spelled)
    assert getattr(fuzziness, field) == value
    assert read_fuzziness(spell_fuzziness(fuzziness)) == fuzziness


@pytest.mark.parametrize(
    "bad", [{"year": "two years"}, {"era": "1 year"}, {"year": 2}, "2 years", {"day": "-1 days"}]
)
def test_a_bad_amount_is_an_error_that_says_what_to_write(bad: object) -> None:
    with pytest.raises(ValueError, match="expected"):
        read_fuzziness(bad)


FILE = """
[settings]
fuzziness = { year = "2 years" }

[[events]]
id = "file-wide"
title = "Circa, as the file says"
start = "c. 1875"

[[events]]
id = "own"
title = "Circa, its own way"
start = { text = "c. 1875", fuzziness = { year = "3 years" } }
"""


def test_a_file_sets_the_fuzziness_and_a_date_overrides_it_and_both_round_trip() -> None:
    tl = timeline.loads(FILE)
    assert tl["file-wide"].start.earliest == dt.date(1873, 1, 1)
    assert tl["own"].start.earliest == dt.date(1872, 1, 1)
    assert timeline.loads(timeline.dumps(tl)) == tl
    pytest.importorskip("pyarrow")
    assert timeline.Timeline.from_arrow(tl.to_arrow()) == tl


def test_a_bad_fuzziness_in_a_file_is_reported_with_the_others() -> None:
    text = FILE.replace('"2 years"', '"two years"').replace('"3 years"', '"3 eons"')
    with pytest.raises(timeline.ValidationError) as caught:
        timeline.loads(text, name="notes.toml")
    message = str(caught.value)
    assert "notes.toml: 2 problems" in message
    assert "settings: field 'fuzziness'" in message and "event 'own'" in message
