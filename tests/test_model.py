"""Event, Source, Citation and Timeline: construction, invariants, order and lookup."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given

import timeline
from tests.strategies import timelines
from timeline import (
    ArgumentError,
    Citation,
    Event,
    FieldError,
    FieldTypeError,
    Fuzziness,
    FuzzyDate,
    Source,
    Status,
    Timeline,
    TimelineError,
    UnknownEventError,
    ValidationError,
)
from timeline.model import Era


def event(ident: str, start: str, end: str | None = None, **kw: object) -> Event:
    return Event(
        id=ident,
        title=ident.title(),
        start=FuzzyDate.parse(start),
        end=None if end is None else FuzzyDate.parse(end),
        **kw,  # type: ignore[arg-type]
    )


def test_event_is_frozen() -> None:
    e = event("treaty", "7 May 1875")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        e.title = "x"  # type: ignore[misc]


def test_event_bounds_cover_start_and_end() -> None:
    e = event("reign", "26 January 1547", "18 March 1584 O.S.")
    assert (str(e.earliest), str(e.latest)) == ("1547-01-26", "1584-03-28")


def test_ongoing_event_has_open_latest() -> None:
    e = event("tension", "1875", "ongoing")
    assert e.latest is None
    assert str(e.earliest) == "1875-01-01"


def test_status_accepts_its_value_text() -> None:
    assert event("x", "1875", status="claimed").status is Status.CLAIMED


def test_end_before_start_is_rejected() -> None:
    with pytest.raises(FieldError) as caught:
        event("x", "1875", "1870")
    assert isinstance(caught.value, ValueError)  # as before the hierarchy
    assert str(caught.value) == (
        "Event: field 'end': got '1870'; expected a date that is not before the start "
        "('1875', from 1875-01-01)"
    )


@pytest.mark.parametrize("bad", ["Not A Slug", "", "a--b", "-a"])
def test_ids_must_be_slugs(bad: str) -> None:
    with pytest.raises(FieldError) as caught:
        event(bad, "1875")
    assert str(caught.value) == (
        f"Event: field 'id': got {bad!r}; expected a slug: lowercase letters, digits, "
        "single hyphens"
    )


def test_a_source_is_in_english_unless_it_says_otherwise() -> None:
    assert Source(id="s", title="S").language == "en"
    assert Source(id="s", title="S", language="pt-BR").language == "pt-BR"


@pytest.mark.parametrize("bad", ["", "English", "EN", "p", "pt_BR", "pt-", "ru-Cyrl-"])
def test_a_source_language_must_be_a_language_tag(bad: str) -> None:
    with pytest.raises(ValueError, match="BCP 47 language tag"):
        Source(id="s", title="S", language=bad)


def test_tuple_fields_do_not_split_a_bare_string() -> None:
    assert event("x", "1875", actors="Russia").actors == ("Russia",)


def test_citation_str_names_source_locator_and_wording() -> None:
    c = Citation(source="article", locator="paragraph 5", wording="late 16th century")
    assert str(c) == 'article, paragraph 5: "late 16th century"'


def test_timeline_iterates_by_earliest_then_latest_then_id() -> None:
    tl = Timeline(
        [
            event("c", "1875"),
            event("b", "1875-05-07"),
            event("a", "1875"),
            event("d", "before 1600"),
            event("e", "1875", "ongoing"),
        ]
    )
    assert [e.id for e in tl] == ["d", "a", "c", "e", "b"]


def test_timeline_lookup_len_and_contains() -> None:
    e = event("treaty", "7 May 1875")
    tl = Timeline([e])
    assert len(tl) == 1
    assert tl["treaty"] is e
    assert "treaty" in tl and e in tl and "other" not in tl
    assert event("treaty", "1876") not in tl
    with pytest.raises(UnknownEventError, match="no event with id 'other'"):
        tl["other"]


def test_timeline_rejects_duplicate_ids_and_unknown_sources() -> None:
    with pytest.raises(ValidationError) as caught:
        Timeline(
            [
                event("x", "1875"),
                event("x", "1876", citations=[Citation(source="nowhere")]),
            ],
            [Source(id="article", title="A")],
        )
    message = str(caught.value)
    assert "field 'id': got 'x'; expected a unique id" in message
    assert "got 'nowhere'" in message and "article" in message


@given(timelines())
def test_order_is_total_and_consistent_with_bounds(tl: Timeline) -> None:
    keys = [e.sort_key() for e in tl]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)  # ids break every tie: a total order
    for a, b in zip(tl.events, tl.events[1:], strict=False):
        if a.earliest is not None and b.earliest is not None:
            assert a.earliest <= b.earliest
        if b.earliest is None:
            assert a.earliest is None


@given(timelines())
def test_order_does_not_depend_on_input_order(tl: Timeline) -> None:
    assert Timeline(reversed(tl.events), tl.sources) == tl
    assert list(Timeline(reversed(tl.events), tl.sources)) == list(tl)


def test_timeline_html_escapes_text() -> None:
    tl = Timeline([event("x", "1875", description="")])
    evil = attrs.evolve(tl.events[0], title="<script>alert(1)</script>")
    assert "<script>" not in Timeline([evil])._repr_html_()


# --- the model fails early: date text, and one rule for each problem, shared with the loader


def test_event_reads_date_text_as_the_loader_does() -> None:
    e = Event(id="x", title="X", start="1618", end="ongoing")
    assert e.start == FuzzyDate.parse("1618")
    assert e.end == FuzzyDate.parse("ongoing") and e.latest is None
    assert Timeline([e])["x"] is e  # no AttributeError later: the value is a real date


def test_event_takes_a_day_as_that_day() -> None:
    e = Event(id="x", title="X", start=datetime.date(1875, 5, 7))
    assert (str(e.earliest), str(e.latest)) == ("1875-05-07", "1875-05-07")


def test_era_and_source_read_date_text_too() -> None:
    assert Era(id="war", title="War", start="1618", end="1648").end == FuzzyDate.parse("1648")
    assert Source(id="s", title="S", published="2023").published == FuzzyDate.parse("2023")


_SLUG = "a slug: lowercase letters, digits, single hyphens"
_STATUSES = "one of 'reported', 'claimed', 'planned', 'disputed'"


@pytest.mark.parametrize(
    ("changes", "error", "field", "value", "expected"),
    [
        ({"id": "Thirty Years"}, FieldError, "id", "Thirty Years", _SLUG),
        ({"id": 7}, FieldTypeError, "id", 7, _SLUG),
        ({"title": 1618}, FieldTypeError, "title", 1618, "a string"),
        ({"start": "1618-02-30"}, FieldError, "start", "1618-02-30", "a date (day 30 does not"),
        ({"start": "last year"}, FieldError, "start", "last year", "a date (it is relative"),
        ({"start": 1618}, FieldTypeError, "start", 1618, "a FuzzyDate, a datetime.date or a"),
        ({"start": None}, FieldTypeError, "start", None, "a FuzzyDate, a datetime.date or a"),
        ({"end": "whenever"}, FieldError, "end", "whenever", "a date (expected ISO 8601"),
        ({"end": "1600"}, FieldError, "end", "1600", "a date that is not before the start"),
        ({"status": "bogus"}, FieldError, "status", "bogus", _STATUSES),
        ({"status": ["reported"]}, FieldTypeError, "status", ["reported"], _STATUSES),
        ({"actors": 3}, FieldTypeError, "actors", 3, "a list of strings"),
        ({"places": ["Prague", 1]}, FieldTypeError, "places", ["Prague", 1], "a list of strings"),
        ({"tags": {"war": 1}}, FieldTypeError, "tags", {"war": 1}, "a list of strings"),
        ({"same_as": ["Other Id"]}, FieldError, "same_as", "Other Id", _SLUG),
        ({"description": None}, FieldTypeError, "description", None, "a string"),
        ({"citations": ["article"]}, FieldTypeError, "citations", ["article"], "a list of Cit"),
    ],
)
def test_a_bad_event_field_raises_at_construction_naming_field_value_and_expectation(
    changes: dict[str, object],
    error: type[FieldError],
    field: str,
    value: object,
    expected: str,
) -> None:
    arguments: dict[str, object] = {"id": "x", "title": "X", "start": "1618"} | changes
    with pytest.raises(error) as caught:
        Event(**arguments)  # type: ignore[arg-type]
    assert type(caught.value) is error
    assert isinstance(caught.value, TimelineError) and isinstance(caught.value, ValueError)
    assert (caught.value.field, caught.value.value) == (field, value)
    assert caught.value.expected.startswith(expected)
    message = str(caught.value)
    assert message.startswith(f"Event: field {field!r}: got {value!r}; expected {expected}")


def test_a_wrong_type_is_also_a_type_error() -> None:
    with pytest.raises(TypeError):
        Event(id="x", title=3, start="1618")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "where", "field", "expected"),
    [
        (lambda: Source(id="Article", title="A"), "Source", "id", _SLUG),
        (lambda: Source(id="a", title="A", published="soon"), "Source", "published", "a date"),
        (lambda: Source(id="a", title="A", url=3), "Source", "url", "a string"),  # type: ignore[arg-type]
        (lambda: Citation(source="The Article"), "Citation", "source", _SLUG),
        (lambda: Citation(source="a", locator=5), "Citation", "locator", "a string"),  # type: ignore[arg-type]
        (lambda: Era(id="war", title="W", start="1648", end="1618"), "Era", "end", "a date that"),
        (
            lambda: FuzzyDate.from_bounds(datetime.date(1648, 1, 1), datetime.date(1618, 1, 1)),
            "FuzzyDate",
            "core_latest",
            "a day not before core_earliest (1648-01-01)",
        ),
        (lambda: Fuzziness(year=(-12, 0)), "Fuzziness", "year", "(months, days): whole"),
    ],
)
def test_every_model_value_fails_early_with_a_field_error(
    build: Callable[[], object], where: str, field: str, expected: str
) -> None:
    with pytest.raises(FieldError) as caught:
        build()
    assert (caught.value.where, caught.value.field) == (where, field)
    assert caught.value.expected.startswith(expected)
    assert str(caught.value).startswith(f"{where}: field {field!r}: got ")


# The same bad value, given to the model and written in a file, gives the same problem: the
# loader reuses the model's rule and only adds where in the file it was found.
_FILE_AND_MODEL = [
    ('id = "Bad Id"', {"id": "Bad Id"}),
    ('id = "x"\nstatus = "rumoured"', {"status": "rumoured"}),
    ('id = "x"\nstatus = ["reported"]', {"status": ["reported"]}),
    ('id = "x"\nend = "1600"', {"end": "1600"}),
    ('id = "x"\nend = "1618-02-30"', {"end": "1618-02-30"}),
    ('id = "x"\nsame_as = ["Not A Slug"]', {"same_as": ["Not A Slug"]}),
    ('id = "x"\nkind = 3', {"kind": 3}),
    ('id = "x"\nactors = [1, 2]', {"actors": [1, 2]}),
]


@pytest.mark.parametrize(("toml", "changes"), _FILE_AND_MODEL)
def test_the_loader_reports_the_models_problem_for_the_same_value(
    toml: str, changes: dict[str, object]
) -> None:
    text = f'[[events]]\ntitle = "X"\nstart = "1618"\n{toml}\n'
    with pytest.raises(ValidationError) as loaded:
        timeline.loads(text)
    [problem] = loaded.value.problems
    arguments: dict[str, object] = {"id": "x", "title": "X", "start": "1618"} | changes
    with pytest.raises(FieldError) as built:
        Event(**arguments)  # type: ignore[arg-type]
    assert (problem.field, problem.expected) == (built.value.field, built.value.expected)
    assert problem.value == built.value.value
    assert str(problem).endswith(str(built.value).removeprefix("Event: "))


def test_merge_refuses_a_path_and_says_to_load_it() -> None:
    tl = Timeline([event("x", "1875")])
    path: Any = "other.toml"
    calls: list[Callable[[], Timeline]] = [
        lambda: tl.merge(path),
        lambda: timeline.merge(tl, path),
    ]
    for call in calls:
        with pytest.raises(ArgumentError) as caught:
            call()
        assert isinstance(caught.value, TypeError)
        message = str(caught.value)
        assert "got 'other.toml'" in message and "timeline.load(path" in message


def test_load_needs_a_path() -> None:
    with pytest.raises(ArgumentError, match="expected at least one path"):
        timeline.load()


def test_a_timeline_of_values_that_are_not_events_is_a_validation_error() -> None:
    with pytest.raises(ValidationError) as caught:
        Timeline(["1618", event("x", "1875")], ["article"])  # type: ignore[list-item]
    assert [str(p) for p in caught.value.problems] == [
        "source #1: field 'sources': got 'article'; expected a timeline.Source",
        "event #1: field 'events': got '1618'; expected a timeline.Event",
    ]
