"""Judgement at the edges: dates that share a wording, aliases, resolutions together, uncited
versions, ongoing ends, and a loader that reports every problem of a resolution."""

from __future__ import annotations

import pytest

import timeline
from timeline import Citation, Event, Resolution, Source, Timeline, ValidationError
from timeline.columnar import merge_tables
from timeline.merging import Decision


def tl(ident: str, start: str, *, source: str | None, title: str = "T", **kw: object) -> Timeline:
    citations = [Citation(source=source)] if source else []
    event = Event(id=ident, title=title, start=start, citations=citations, **kw)  # type: ignore[arg-type]
    sources = [Source(id=s, title=s) for s in ("x", "y")]
    resolutions = kw.pop("resolutions", ()) if "resolutions" in kw else ()
    return Timeline([event], sources, resolutions=resolutions)  # type: ignore[arg-type]


def test_dates_with_one_wording_but_different_days_are_a_conflict() -> None:
    a = timeline.loads(
        '[[sources]]\nid = "a"\ntitle = "A"\npublished = "2023"\n'
        '[[events]]\nid = "raid"\ntitle = "R"\nstart = "last year"\ncitations = [{source = "a"}]\n'
    )
    b = timeline.loads(
        '[[sources]]\nid = "b"\ntitle = "B"\npublished = "1990"\n'
        '[[events]]\nid = "raid"\ntitle = "R"\nstart = "last year"\ncitations = [{source = "b"}]\n'
    )
    merged = a | b
    (conflict,) = merged.conflicts
    assert conflict.field == "start"
    assert [v for v, _ in conflict.values] == ["last year [1989]", "last year [2022]"]
    with pytest.raises(timeline.MergeConflictError, match="1 conflict that no resolution"):
        a.merge(b, strict=True)


def test_a_resolution_naming_an_alias_applies_in_both_engines() -> None:
    pytest.importorskip("pyarrow")
    a = Timeline(
        [Event(id="a", title="A", start="1875", citations=[Citation("x")], same_as=["b"])],
        [Source(id="x", title="x"), Source(id="y", title="y")],
    )
    decision = Resolution(event="b", field="title", value="B", reason="r", by="me")
    b = Timeline(
        [Event(id="a", title="B", start="1875", citations=[Citation("y")])],
        [Source(id="x", title="x"), Source(id="y", title="y")],
        resolutions=[decision],
    )
    merged = timeline.merge(a, b)
    columns = merge_tables(a.to_arrow(), b.to_arrow())
    assert merged["a"].title == "B" == columns.events["title"].to_pylist()[0]
    assert merged.conflicts == columns.conflicts
    # and with one version only, a resolution naming its alias still applies
    alone = Timeline(a.events, a.sources, resolutions=[decision])
    assert alone["a"].title == "B"


def test_start_and_end_resolutions_apply_together() -> None:
    def span(start: str, end: str, source: str) -> Timeline:
        event = Event(id="e", title="E", start=start, end=end, citations=[Citation(source)])
        return Timeline([event], [Source(id="x", title="x"), Source(id="y", title="y")])

    decided = Timeline(
        [],
        [Source(id="x", title="x"), Source(id="y", title="y")],
        resolutions=[
            Resolution(event="e", field="start", value="1890", reason="r", by="me"),
            Resolution(event="e", field="end", value="1895", reason="r", by="me"),
        ],
    )
    merged = timeline.merge(span("1875", "1880", "x"), span("1876", "1881", "y"), decided)
    assert merged["e"].date_label() == "1890 to 1895"
    assert all(c.decision is Decision.RESOLUTION for c in merged.conflicts)


def test_uncited_versions_add_no_sources_to_a_vote() -> None:
    merged = timeline.merge(
        tl("e", "1875", source="x", title="A"),
        tl("e", "1875", source=None, title="A"),
        tl("e", "1875", source="y", title="B"),
    )
    (conflict,) = merged.conflicts
    assert conflict.decision is Decision.UNRESOLVED  # one source each: a tie


def test_an_end_still_going_on_against_a_given_end_is_a_conflict_kept_open() -> None:
    pytest.importorskip("pyarrow")
    a = Timeline([Event(id="e", title="E", start="1945", end="ongoing", citations=[Citation("x")])],
                 [Source(id="x", title="x"), Source(id="y", title="y")])  # fmt: skip
    b = Timeline([Event(id="e", title="E", start="1945", end="1950", citations=[Citation("y")])],
                 [Source(id="x", title="x"), Source(id="y", title="y")])  # fmt: skip
    merged = a | b
    assert merged["e"].latest is None  # still possibly going on
    assert [c.field for c in merged.conflicts] == ["end"]
    assert merge_tables(a.to_arrow(), b.to_arrow()).conflicts == merged.conflicts


def test_resolutions_that_choose_the_same_date_agree_and_keep_every_decider() -> None:
    decided = Timeline(
        [Event(id="e", title="E", start="1960-05", citations=[Citation("x")])],
        [Source(id="x", title="x")],
        resolutions=[
            Resolution(event="e", field="start", value="1960", reason="one", by="me"),
            Resolution(event="e", field="start", value="1960-01-01/1960-12-31", reason="two",
                       by="you"),
        ],
    )  # fmt: skip
    (conflict,) = decided.conflicts
    assert conflict.decision is Decision.RESOLUTION
    assert "me: one" in conflict.reason and "you: two" in conflict.reason


def test_a_resolutions_problems_are_all_reported() -> None:
    with pytest.raises(ValidationError) as caught:
        timeline.loads(
            '[[resolutions]]\nevent = "A b"\nfield = "start"\nvalue = "last year"\n'
            'reason = ""\nby = "me"\n'
        )
    fields = {p.field for p in caught.value.problems}
    assert fields == {"event", "reason", "value"}
    assert "cites no source" in str(caught.value)


def test_a_large_figure_never_reads_a_row_a_resolution_overrides() -> None:
    pytest.importorskip("pyarrow")
    t = Timeline(
        [Event(id="a", title="Old title", start="1875")],
        resolutions=[Resolution(event="a", field="title", value="New title", reason="r", by="me")],
    )
    back = Timeline.from_arrow(t.to_arrow())
    assert back["a"].title == "New title"
    assert back.arrow_table is None  # the figure reads the merged events, not the raw rows
