"""The TOML format: whole-file validation, canonical dumps, round trips, atomic dump."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given

import timeline
from tests.strategies import timelines
from timeline import FuzzyDate, ValidationError

GOOD = """
[[sources]]
id = "article"
title = "Russia is Making a Move in Asia"
published = "2023-03-22/2023-04-30"

[[events]]
id = "upgrades"
title = "Weapons delivered"
start = "over the past year"
status = "claimed"
actors = ["Russia"]

[[events.citations]]
source = "article"
locator = "paragraph 12"
wording = "Over the past year"

[[events]]
id = "reign"
title = "Ivan IV"
start = {text = "16 January 1547", calendar = "julian"}
end = "18 March 1584 O.S."
"""


def test_loads_resolves_relative_dates_against_the_cited_source() -> None:
    tl = timeline.loads(GOOD)
    upgrades = tl["upgrades"]
    assert (str(upgrades.earliest), str(upgrades.latest)) == ("2022-03-22", "2023-04-30")
    assert upgrades.citations[0].wording == "Over the past year"
    assert str(tl["reign"].earliest) == "1547-01-26"


def test_dumps_is_canonical_and_round_trips() -> None:
    tl = timeline.loads(GOOD)
    text = timeline.dumps(tl)
    assert timeline.loads(text) == tl
    assert timeline.dumps(timeline.loads(text)) == text
    assert 'start = "over the past year"' in text


def problems_of(text: str) -> str:
    with pytest.raises(ValidationError) as caught:
        timeline.loads(text, name="events.toml")
    return str(caught.value)


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    message = problems_of(
        """
[[sources]]
id = "article"
title = "A"

[[events]]
id = "one"
title = "One"
start = "2023-02-30"
colour = "red"

[[events.citations]]
source = "nowhere"

[[events]]
id = "one"
title = "Two"
start = "1875"
end = "1870"
status = "rumoured"

[[events]]
title = "Three"
start = "last year"
"""
    )
    assert message.startswith("events.toml: 8 problems:")
    for expected in [
        "event 'one' (#1): field 'start': got '2023-02-30'; expected a date (day 30 does not exist",
        "event 'one' (#1): field 'colour': got 'red'; expected one of the fields",
        "event 'one' (#1), citation #1: field 'source': got 'nowhere'; expected the id of a source",
        "event 'one' (#2): field 'end': got '1870'; expected a date that is not before the start",
        "event 'one' (#2): field 'status': got 'rumoured'; expected one of 'reported', 'claimed'",
        "event 'one' (#2): field 'id': got 'one'; expected a unique id (event #1 has it already)",
        "event #3: field 'id': got (missing); expected a value",
        "event #3: field 'start': got 'last year'; expected a date (it is relative",
    ]:
        assert expected in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[events]]\nid = "x"\ntitle = "X"\nstart = 1875\n', "field 'start': got 1875; expected"),
        ('[[events]]\nid = "Bad Id"\ntitle = "X"\nstart = "1875"\n', "expected a slug"),
        (
            '[[events]]\nid = "x"\ntitle = "X"\nstart = "1875"\nactors = "Russia"\n',
            "field 'actors': got 'Russia'; expected a list of strings",
        ),
        ("events = 3\n", "field 'events': got 3; expected an array of tables"),
        ('[[sources]]\nid = "s"\n', "source 's' (#1): field 'title': got (missing)"),
        (
            '[[sources]]\nid = "s"\ntitle = "S"\n[[sources]]\nid = "s"\ntitle = "T"\n',
            "source 's' (#2): field 'id': got 's'; expected a unique id",
        ),
        (
            '[[sources]]\nid = "s"\ntitle = "S"\nlanguage = "Portuguese"\n',
            "source 's' (#1): field 'language': got 'Portuguese'; expected a BCP 47 language tag",
        ),
        (
            '[[events]]\nid = "x"\ntitle = "X"\nstart = {text = "1875", colour = "red"}\n',
            "expected a date table with string fields",
        ),
        ("title = [", "expected valid TOML"),
        ("[[events]]\nid = 'x'\ntitle = 'X'\nstart = '1875'\n[extras]\n", "field 'extras'"),
    ],
)
def test_single_problems_name_event_field_value_and_expectation(text: str, expected: str) -> None:
    assert expected in problems_of(text)


def test_load_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[events]]\nid = "x"\ntitle = "X"\nstart = "1875-13"\n', encoding="utf-8")
    with pytest.raises(ValidationError, match=str(path)):
        timeline.load(path)
    with pytest.raises(ValidationError, match="a readable file"):
        timeline.load(tmp_path / "missing.toml")


@given(timelines())
def test_loads_of_dumps_is_the_identity(tl: timeline.Timeline) -> None:
    assert timeline.loads(timeline.dumps(tl)) == tl


@given(timelines())
def test_dumps_is_deterministic(tl: timeline.Timeline) -> None:
    again = timeline.Timeline(reversed(tl.events), reversed(tl.sources))
    assert timeline.dumps(again) == timeline.dumps(tl)


def test_a_source_language_is_written_only_when_it_is_not_english() -> None:
    tl = timeline.Timeline(
        [],
        [timeline.Source(id="en", title="E"), timeline.Source(id="pt", title="P", language="pt")],
    )
    text = timeline.dumps(tl)
    assert text.count("language") == 1 and 'language = "pt"' in text
    assert timeline.loads(text) == tl


def test_dates_that_need_a_table_round_trip() -> None:
    custom = FuzzyDate.from_bounds(
        FuzzyDate.parse("1945-08-18").earliest,
        FuzzyDate.parse("1945-09-05").latest,
        text="in the aftermath of World War II",
    )
    tl = timeline.Timeline(
        [
            timeline.Event(id="kurils", title="K", start=custom),
            timeline.Event(
                id="ivan", title="I", start=FuzzyDate.parse("16 January 1547", calendar="julian")
            ),
            timeline.Event(
                id="rel", title="R", start=FuzzyDate.parse("last year", reference="2023")
            ),
        ]
    )
    text = timeline.dumps(tl)
    assert 'edtf = "1945-08-18/1945-09-05"' in text
    assert 'calendar = "julian"' in text
    assert 'reference = "2023"' in text
    assert timeline.loads(text) == tl


def test_dump_writes_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "events.toml"
    tl = timeline.loads(GOOD)
    timeline.dump(tl, path)
    before = path.read_text(encoding="utf-8")
    assert timeline.load(path) == tl

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        timeline.dump(timeline.Timeline(), path)
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.toml"]
