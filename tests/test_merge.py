"""Merge: refinement, conflicts, same_as, and the join laws (commutative, associative,
idempotent, lossless) on generated timelines with conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import timeline
from tests.strategies import SHARED_SOURCES, overlapping_timelines
from timeline import (
    Citation,
    Event,
    FuzzyDate,
    MergeConflictError,
    Source,
    SourceConflictError,
    Status,
    Timeline,
)
from timeline.merging import Decision

ROOT = Path(__file__).resolve().parent.parent


def one(ident: str, start: str, *, source: str = "article", **kw: object) -> Timeline:
    event = Event(
        id=ident,
        title=str(kw.pop("title", "Treaty")),
        start=FuzzyDate.parse(start),
        citations=[Citation(source=source, locator="p1", wording=start)],
        **kw,  # type: ignore[arg-type]
    )
    return Timeline([event], SHARED_SOURCES)


def bounds(event: Event) -> tuple[str, str]:
    return str(event.earliest), str(event.latest)


def test_a_year_and_a_day_in_it_give_the_day() -> None:
    merged = one("treaty", "1875") | one("treaty", "1875-05-07", source="record")
    assert bounds(merged["treaty"]) == ("1875-05-07", "1875-05-07")
    assert merged["treaty"].start.text == "1875-05-07"
    assert merged.conflicts == ()


def test_overlapping_phrases_give_their_intersection() -> None:
    merged = timeline.merge(one("ivan", "late 16th century"), one("ivan", "before 1584"))
    assert bounds(merged["ivan"]) == ("1566-01-01", "1583-12-31")
    assert merged["ivan"].start.text == "before 1584 and late 16th century"


def test_disjoint_dates_are_a_conflict_resolved_to_their_hull() -> None:
    merged = one("x", "1875") | one("x", "1880", source="record")
    assert bounds(merged["x"]) == ("1875-01-01", "1880-12-31")
    (conflict,) = merged.conflicts
    assert (conflict.event_id, conflict.field) == ("x", "start")
    assert conflict.values == (("1875", ("article",)), ("1880", ("record",)))


def test_titles_and_statuses_conflict_and_resolve_deterministically() -> None:
    a = one("x", "1875", title="Annexation", status=Status.DISPUTED)
    b = one("x", "1875", source="record", title="Exchange", status=Status.REPORTED)
    c = one("x", "1875", source="record", title="Exchange", status=Status.CLAIMED)
    merged = timeline.merge(a, b, c)
    event = merged["x"]
    # one source each (two versions of "Exchange" are still one source): a tie, shown as
    # unresolved, and the first title in alphabetical order stands in
    assert event.title == "Annexation"
    assert event.status is Status.DISPUTED  # the most cautious of equally ranked statuses
    fields = {c.field: c for c in merged.conflicts}
    assert set(fields) == {"title", "status"}
    assert fields["title"].values == (("Annexation", ("article",)), ("Exchange", ("record",)))
    assert fields["title"].decision is Decision.UNRESOLVED and not fields["title"].resolved
    assert "UNRESOLVED" in str(fields["title"])
    assert fields["status"].decision is Decision.RULE
    assert timeline.merge(c, b, a) == merged


def test_strict_merge_raises_listing_every_conflict() -> None:
    a = one("x", "1875", title="A")
    b = one("x", "1880", source="record", title="B")
    with pytest.raises(MergeConflictError) as caught:
        a.merge(b, strict=True)
    assert len(caught.value.conflicts) == 2
    assert "x.start" in str(caught.value) and "x.title" in str(caught.value)


def test_citations_actors_and_tags_are_unioned() -> None:
    a = one("x", "1875", actors=("Russia",), tags=("kurils",))
    b = one("x", "1875", source="record", actors=("Japan",), tags=("kurils", "treaty"))
    event = (a | b)["x"]
    assert event.actors == ("Japan", "Russia")
    assert event.tags == ("kurils", "treaty")
    assert {c.source for c in event.citations} == {"article", "record"}


def test_same_as_joins_different_ids_and_both_ids_find_the_event() -> None:
    a = one("treaty-1875", "1875")
    b = one("st-petersburg-treaty", "7 May 1875", source="record", same_as=("treaty-1875",))
    merged = a | b
    assert len(merged) == 1
    assert merged["treaty-1875"] is merged["st-petersburg-treaty"]
    assert merged["st-petersburg-treaty"].id == "st-petersburg-treaty"  # first in order
    assert len(merged.versions_of("treaty-1875")) == 2


def test_likely_duplicates_suggest_but_never_merge() -> None:
    a = one("treaty-a", "1875", title="Treaty of Saint Petersburg", actors=("Russia", "Japan"))
    b = one(
        "treaty-b",
        "May 1875",
        source="record",
        title="Saint Petersburg treaty",
        actors=("Japan", "Russia"),
    )
    c = one("war", "1904", title="Russo-Japanese War", actors=("Russia", "Japan"))
    merged = timeline.merge(a, b, c)
    (candidate,) = merged.likely_duplicates()
    assert (candidate.first, candidate.second) == ("treaty-a", "treaty-b")
    assert 0.5 <= candidate.score <= 1
    assert "shared actors: Japan, Russia" in candidate.reason
    assert len(merged) == 3


def test_a_source_defined_twice_differently_is_refused() -> None:
    a = Timeline([], [Source(id="article", title="One")])
    b = Timeline([], [Source(id="article", title="Two")])
    with pytest.raises(SourceConflictError, match="'article' is defined twice"):
        a | b


def test_load_of_several_files_merges_them() -> None:
    merged = timeline.load(ROOT / "data" / "events.toml", ROOT / "data" / "record.toml")
    assert merged == timeline.load(ROOT / "data" / "events.toml") | timeline.load(
        ROOT / "data" / "record.toml"
    )


def test_merging_the_article_with_the_record_refines_and_surfaces_its_errors() -> None:
    article = timeline.load(ROOT / "data" / "events.toml")
    merged = timeline.load(ROOT / "data" / "events.toml", ROOT / "data" / "record.toml")
    # the article's "over the past year" and Sputnik's "last year" would intersect to
    # 22 March - 31 December 2022; the record's resolution takes Shoigu's period, 2022
    weapons_before = article["eastern-weaponry-400-claim"]
    weapons = merged["eastern-weaponry-400-claim"]
    assert bounds(weapons_before) == ("2022-03-22", "2023-04-30")
    assert bounds(weapons) == ("2022-01-01", "2022-12-31")
    without = timeline.Timeline.from_versions(merged.versions, merged.sources, merged.eras)
    assert bounds(without["eastern-weaponry-400-claim"]) == ("2022-03-22", "2022-12-31")
    # the article's "in 1875" becomes the treaty's day, and its account is a conflict
    assert bounds(article["sakhalin-kurils-1875"]) == ("1875-01-01", "1875-12-31")
    assert bounds(merged["sakhalin-kurils-1875"]) == ("1875-05-07", "1875-05-07")
    fields = {c.field: c for c in merged.conflicts if c.event_id == "sakhalin-kurils-1875"}
    assert set(fields) == {"title", "kind", "status"}
    assert all(c.decision is Decision.RESOLUTION for c in fields.values())
    assert merged["sakhalin-kurils-1875"].status is Status.REPORTED  # the record's, resolved
    # without the resolutions the status is the most cautious, the title a count of sources
    assert without["sakhalin-kurils-1875"].status is Status.DISPUTED
    assert timeline.loads(timeline.dumps(merged)) == merged


# --- the laws ---


@given(overlapping_timelines(), overlapping_timelines())
def test_merge_is_commutative(a: Timeline, b: Timeline) -> None:
    assert a | b == b | a
    assert timeline.dumps(a | b) == timeline.dumps(b | a)


@given(overlapping_timelines(), overlapping_timelines(), overlapping_timelines())
def test_merge_is_associative(a: Timeline, b: Timeline, c: Timeline) -> None:
    assert (a | b) | c == a | (b | c)
    assert timeline.dumps((a | b) | c) == timeline.dumps(a | (b | c))


@given(overlapping_timelines(), overlapping_timelines())
def test_merge_is_idempotent(a: Timeline, b: Timeline) -> None:
    assert a | a == a
    assert timeline.dumps(a | a) == timeline.dumps(a)
    assert (a | b) | b == a | b


@given(overlapping_timelines(), overlapping_timelines())
def test_merge_loses_no_event_citation_or_conflicting_value(a: Timeline, b: Timeline) -> None:
    merged = a | b
    for part in (a, b):
        for version in part.versions:
            assert version in merged.versions
            event = merged[version.id]
            assert set(version.citations) <= set(event.citations)
            assert set(version.actors) <= set(event.actors)
    for conflict in merged.conflicts:
        group = merged.versions_of(conflict.event_id)
        told = {value for value, _ in conflict.values}
        if conflict.field in ("title", "kind"):
            assert told == {getattr(v, conflict.field) for v in group if getattr(v, conflict.field)}
        if conflict.field == "status":
            assert told == {v.status.value for v in group}


@given(overlapping_timelines(), overlapping_timelines())
def test_merged_dates_are_the_tightest_consistent_bounds(a: Timeline, b: Timeline) -> None:
    merged = a | b
    conflicted = {(c.event_id, c.field) for c in merged.conflicts}
    for event in merged:
        if (event.id, "start") in conflicted:
            continue
        for version in merged.versions_of(event):
            if version.start.earliest is not None:
                assert event.start.earliest is not None
                assert event.start.earliest >= version.start.earliest
            if version.start.latest is not None:
                assert event.start.latest is not None
                assert event.start.latest <= version.start.latest


@given(overlapping_timelines(), overlapping_timelines())
def test_merged_timelines_round_trip_through_toml(a: Timeline, b: Timeline) -> None:
    merged = a | b
    assert timeline.loads(timeline.dumps(merged)) == merged
