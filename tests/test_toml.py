"""The TOML format: whole-file validation, canonical dumps, round trips, atomic dump."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import attrs
import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline
from tests.strategies import edtf_texts, timelines
from timeline import FuzzyDate, MergeConflictError, Problem, ValidationError

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


# --- a loader that reports instead of crashing


def only_problem(text: str) -> Problem:
    with pytest.raises(ValidationError) as caught:
        timeline.loads(text, name="events.toml")
    [problem] = caught.value.problems
    return problem


EVENT = '[[events]]\nid = "x"\ntitle = "X"\nstart = "1875"\n'


@pytest.mark.parametrize("status", ['["reported"]', "{}", "3"])
def test_a_status_of_the_wrong_type_is_a_problem_not_a_type_error(status: str) -> None:
    problem = only_problem(f"{EVENT}status = {status}\n")
    assert (problem.where, problem.field) == ("event 'x' (#1)", "status")
    assert problem.expected == "one of 'reported', 'claimed', 'planned', 'disputed'"


def test_values_nested_too_deep_for_tomllib_are_a_problem() -> None:
    problem = only_problem(f"{EVENT}tags = {'[' * 1000}{']' * 1000}\n")
    assert problem.field == "(syntax)" and "nested" in problem.expected


def test_values_nested_deep_are_quoted_shortened() -> None:
    problem = only_problem(f"{EVENT}tags = {'[' * 300}{']' * 300}\n")
    assert problem.field == "tags" and len(str(problem)) < 120


def test_versions_with_another_id_than_their_event_are_a_problem() -> None:
    text = f'{EVENT}[[events.versions]]\nid = "y"\ntitle = "X"\nstart = "1875"\n'
    problem = only_problem(text)
    assert (problem.where, problem.field, problem.value) == ("event 'x' (#1)", "versions", ["y"])
    assert "versions of the event 'x'" in problem.expected


def test_an_era_that_ends_before_it_starts_is_a_problem() -> None:
    problem = only_problem('[[eras]]\nid = "war"\ntitle = "W"\nstart = "1648"\nend = "1618"\n')
    assert (problem.where, problem.field, problem.value) == ("era 'war' (#1)", "end", "1618")
    assert problem.expected.startswith("a date that is not before the start ('1648'")


_HUGE = '"' + "X" * 10_000_000 + '"'  # a TOML string of 10 MB


@pytest.mark.parametrize(
    "line",
    [
        f"title = [{_HUGE}]",
        f"start = {_HUGE}",
        f"id = {_HUGE}",
        f"colour = {_HUGE}",
    ],
    ids=["title", "start", "id", "unknown field"],
)
def test_a_ten_megabyte_value_is_quoted_shortened(line: str) -> None:
    fields = {"id": 'id = "x"', "title": 'title = "X"', "start": 'start = "1875"'}
    fields[line.split(" = ")[0]] = line
    with pytest.raises(ValidationError) as caught:
        timeline.loads("[[events]]\n" + "\n".join(fields.values()) + "\n")
    assert len(str(caught.value)) < 1_000
    assert "XXX...XXX" in str(caught.value)


@pytest.mark.parametrize("text", ["before 0001", "after 9999", "c. 9999", "0001~", "1875-02-30"])
def test_a_date_table_whose_text_is_not_a_date_survives_merge_and_dump(text: str) -> None:
    first = f'[[events]]\nid = "x"\ntitle = "X"\nstart = {{text = "{text}", edtf = "1875"}}\n'
    second = '[[events]]\nid = "x"\ntitle = "Y"\nstart = "c. 1875"\n'
    merged = timeline.loads(first).merge(timeline.loads(second))
    assert merged["x"].start.text == text
    assert timeline.loads(timeline.dumps(merged)) == merged


@settings(max_examples=60)
@given(
    st.text(max_size=30).filter(lambda t: t.strip() and "\x00" not in t),
    edtf_texts(),
)
def test_a_date_table_with_any_text_and_edtf_round_trips(text: str, edtf: str) -> None:
    event = timeline.Event(
        id="x", title="X", start=attrs.evolve(FuzzyDate.parse(edtf, form="edtf"), text=text)
    )
    tl = timeline.Timeline([event])
    assert timeline.loads(timeline.dumps(tl)) == tl


_VALUES = st.recursive(
    st.none().map(lambda _: "")
    | st.booleans()
    | st.integers(-10, 3000)
    | st.text(max_size=12)
    | st.sampled_from(["1875", "ongoing", "reported", "Bad Id", "x", "last year", "1875/1870"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=150)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "id",
                "title",
                "start",
                "end",
                "status",
                "actors",
                "same_as",
                "kind",
                "citations",
                "versions",
                "note",
                "colour",
            ]
        ),
        _VALUES,
        max_size=6,
    )
)
def test_the_loader_never_crashes_on_values_of_any_type(event: dict[str, object]) -> None:
    text = tomli_w.dumps({"events": [event]})
    with contextlib.suppress(ValidationError):  # a problem reported is fine; a crash is not
        timeline.loads(text)


def test_load_strict_raises_on_conflicts_like_merge(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(EVENT, encoding="utf-8")
    b.write_text(EVENT.replace('title = "X"', 'title = "Y"'), encoding="utf-8")
    assert [c.field for c in timeline.load(a, b).conflicts] == ["title"]
    with pytest.raises(MergeConflictError) as caught:
        timeline.load(a, b, strict=True)
    assert [c.field for c in caught.value.conflicts] == ["title"]
    assert timeline.load(a, a, strict=True) == timeline.load(a)


def test_load_strict_raises_on_the_conflicts_among_a_files_versions(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text(EVENT, encoding="utf-8")
    b.write_text(EVENT.replace('title = "X"', 'title = "Y"'), encoding="utf-8")
    merged = tmp_path / "merged.toml"
    timeline.dump(timeline.load(a, b), merged)
    assert timeline.load(merged).conflicts
    with pytest.raises(MergeConflictError):
        timeline.load(merged, strict=True)
