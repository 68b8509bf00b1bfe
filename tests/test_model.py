"""Event, Source, Citation and Timeline: construction, invariants, order and lookup."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given

from tests.strategies import timelines
from timeline import (
    Citation,
    Event,
    FuzzyDate,
    Source,
    Status,
    Timeline,
    UnknownEventError,
    ValidationError,
)


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
    with pytest.raises(ValueError, match=r"ends .* before it starts"):
        event("x", "1875", "1870")


@pytest.mark.parametrize("bad", ["Not A Slug", "", "a--b", "-a"])
def test_ids_must_be_slugs(bad: str) -> None:
    with pytest.raises(ValueError, match="slug"):
        event(bad, "1875")


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
