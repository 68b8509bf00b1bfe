"""The merge laws over versions of every shape (instants, spans, open ends, ongoing), ranked
sources and resolutions: a join that keeps every claim and is tightest where versions agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

import timeline
from tests.strategies import judged_timelines, overlapping_timelines
from timeline import Event, Timeline
from timeline.dates import Date
from timeline.merging import merge_dates

ROOT = Path(__file__).resolve().parent.parent
worlds = pytest.mark.parametrize("world", [overlapping_timelines(), judged_timelines])


def _bounds(version: Event) -> tuple[Date | None, Date | None]:
    return version.earliest, version.latest


@settings(max_examples=60)
@given(judged_timelines, judged_timelines)
def test_merge_with_ranks_and_resolutions_is_commutative(a: Timeline, b: Timeline) -> None:
    assert a | b == b | a
    assert timeline.dumps(a | b) == timeline.dumps(b | a)
    assert (a | b).conflicts == (b | a).conflicts


@settings(max_examples=40)
@given(judged_timelines, judged_timelines, judged_timelines)
def test_merge_with_ranks_and_resolutions_is_associative(
    a: Timeline, b: Timeline, c: Timeline
) -> None:
    assert (a | b) | c == a | (b | c)
    assert timeline.dumps((a | b) | c) == timeline.dumps(a | (b | c))
    assert ((a | b) | c).conflicts == (a | (b | c)).conflicts


@settings(max_examples=60)
@given(judged_timelines, judged_timelines)
def test_merge_with_ranks_and_resolutions_is_idempotent(a: Timeline, b: Timeline) -> None:
    assert a | a == a
    assert timeline.dumps(a | a) == timeline.dumps(a)
    assert (a | b) | b == a | b


@settings(max_examples=60)
@given(judged_timelines, judged_timelines)
def test_ranks_and_resolutions_round_trip_through_toml_and_arrow(a: Timeline, b: Timeline) -> None:
    merged = a | b
    back = timeline.loads(timeline.dumps(merged))
    assert back == merged and back.resolutions == merged.resolutions
    assert back.conflicts == merged.conflicts
    pytest.importorskip("pyarrow")
    columnar = Timeline.from_arrow(merged.to_arrow())
    assert columnar == merged and columnar.conflicts == merged.conflicts


@settings(max_examples=80)
@given(overlapping_timelines(), overlapping_timelines(), overlapping_timelines())
def test_every_conflicting_version_finds_the_merged_event_over_its_own_bounds(
    a: Timeline, b: Timeline, c: Timeline
) -> None:
    merged = timeline.merge(a, b, c)
    conflicted = {x.event_id for x in merged.conflicts if x.field in ("start", "end")}
    for ident in conflicted:
        event = merged[ident]
        for version in merged.versions_of(ident):
            lo, hi = _bounds(version)
            found = merged.between(lo, hi) if lo and hi else merged.events
            assert event in found, (version, event)
            # and the merged event covers the version's whole claim
            assert event.earliest is None or (lo is not None and event.earliest <= lo)
            assert event.latest is None or (hi is not None and event.latest >= hi)


@settings(max_examples=80)
@given(overlapping_timelines(), overlapping_timelines(), overlapping_timelines())
def test_agreeing_versions_merge_to_their_intersection(
    a: Timeline, b: Timeline, c: Timeline
) -> None:
    merged = timeline.merge(a, b, c)
    conflicted = {x.event_id for x in merged.conflicts if x.field in ("start", "end")}
    for event in merged:
        group = merged.versions_of(event)
        if len(group) == 1 or event.id in conflicted:
            continue
        lows = [v.earliest for v in group]
        highs = [v.latest for v in group]
        lo = max((d for d in lows if d is not None), default=None)
        hi = min((d for d in highs if d is not None), default=None)
        # tightest, not merely consistent: the bounds are the intersection itself
        assert (event.earliest, event.latest) == (lo, hi)


@settings(max_examples=80)
@given(judged_timelines, judged_timelines, judged_timelines)
def test_a_merged_start_is_never_after_its_end(a: Timeline, b: Timeline, c: Timeline) -> None:
    for event in timeline.merge(a, b, c):
        if event.end is not None:
            lo, hi = event.start.earliest, event.end.latest
            assert lo is None or hi is None or lo <= hi


@settings(max_examples=60)
@given(judged_timelines, judged_timelines)
def test_every_conflict_names_how_it_was_decided(a: Timeline, b: Timeline) -> None:
    for conflict in (a | b).conflicts:
        assert conflict.resolved or "UNRESOLVED" in str(conflict)
        if conflict.decision.value == "resolution":
            assert any(
                r.field == conflict.field and r.value == conflict.resolution
                for r in (a | b).resolutions
            )


def test_an_instant_and_a_span_that_disagree_cover_both_claims() -> None:
    # the example: a span spring-summer 1632 and an instant in autumn 1632
    span = timeline.loads(
        '[[events]]\nid = "x"\ntitle = "X"\nstart = "spring 1632"\nend = "summer 1632"\n'
    )
    instant = timeline.loads('[[events]]\nid = "x"\ntitle = "X"\nstart = "autumn 1632"\n')
    merged = span | instant
    event = merged["x"]
    assert list(merged.between("1632-09-01", "1632-11-30")) == [event]
    assert (str(event.earliest), str(event.latest)) == ("1632-03-01", "1632-11-30")
    assert event.end is not None and event.start.earliest is not None
    assert event.start.earliest <= event.end.latest  # type: ignore[operator]
    assert {c.field for c in merged.conflicts} == {"start", "end"}


def test_an_instant_inside_a_span_narrows_it_to_their_common_reading() -> None:
    start, end, conflict = merge_dates(
        [timeline.FuzzyDate.parse("1632"), timeline.FuzzyDate.parse("spring 1632")],
        [timeline.FuzzyDate.parse("1632"), None],
    )
    # the instant says the whole event lies in spring 1632; a span within 1632 agrees
    assert not conflict and end is not None
    assert (str(start.earliest), str(end.latest)) == ("1632-03-01", "1632-05-31")
    # a span that ends in 1633 does not: the event ends either in 1633 or in spring 1632
    start, end, conflict = merge_dates(
        [timeline.FuzzyDate.parse("1632"), timeline.FuzzyDate.parse("spring 1632")],
        [timeline.FuzzyDate.parse("1633"), None],
    )
    assert conflict and end is not None
    assert (str(start.earliest), str(end.latest)) == ("1632-01-01", "1633-12-31")


RANKED = """
[[sources]]
id = "article"
title = "Article"
[[sources]]
id = "record"
title = "Record"
rank = 1
"""


def test_the_better_ranked_source_wins_and_the_conflict_keeps_every_value() -> None:
    article = timeline.loads(
        RANKED + '[[events]]\nid = "treaty"\ntitle = "Treaty"\nstart = "1875"\n'
        'kind = "annexation"\ncitations = [{source = "article"}]\n'
    )
    record = timeline.loads(
        RANKED + '[[events]]\nid = "treaty"\ntitle = "Treaty"\nstart = "7 May 1875"\n'
        'kind = "treaty"\ncitations = [{source = "record"}]\n'
    )
    merged = article | record
    assert merged["treaty"].kind == "treaty"  # not the alphabet's 'annexation'
    (conflict,) = merged.conflicts
    assert conflict.decision.value == "rank" and conflict.resolved
    assert conflict.values == (("annexation", ("article",)), ("treaty", ("record",)))


def test_a_resolution_decides_a_tie_and_says_who_and_why() -> None:
    base = """
[[sources]]
id = "article"
title = "Article"
[[sources]]
id = "record"
title = "Record"
[[events]]
id = "treaty"
title = "Annexation"
start = "1875"
citations = [{source = "article"}]
"""
    other = base.replace('title = "Annexation"', 'title = "Treaty of Saint Petersburg"').replace(
        '{source = "article"}', '{source = "record"}'
    )
    tied = timeline.loads(base) | timeline.loads(other)
    (conflict,) = tied.conflicts
    assert not conflict.resolved and tied["treaty"].title == "Annexation"
    decision = timeline.loads(
        other
        + '[[resolutions]]\nevent = "treaty"\nfield = "title"\n'
        + 'value = "Treaty of Saint Petersburg"\nreason = "the treaty text"\nby = "ed."\n'
    )
    resolved = timeline.loads(base) | decision
    (conflict,) = resolved.conflicts
    assert resolved["treaty"].title == "Treaty of Saint Petersburg"
    assert conflict.resolved and "ed.: the treaty text" in str(conflict)
    assert resolved.resolutions == decision.resolutions


MERGE_A = """
[[sources]]
id = "paper"
title = "Paper"
published = "2023"
[[events]]
id = "e"
title = "E"
start = "last year"
citations = [{source = "paper"}]
"""
MERGE_B = MERGE_A.replace(
    'start = "last year"', 'start = {text = "last year", reference = "2023-06"}'
)


def test_the_merged_file_is_the_same_in_every_process(tmp_path: Path) -> None:
    # two dates with the same wording and EDTF but different references: a tie broken by
    # set order would depend on PYTHONHASHSEED
    (tmp_path / "a.toml").write_text(MERGE_A, encoding="utf-8")
    (tmp_path / "b.toml").write_text(MERGE_B, encoding="utf-8")
    outputs = set()
    for seed in range(4):
        for order in (("a.toml", "b.toml"), ("b.toml", "a.toml")):
            out = tmp_path / f"merged-{seed}-{order[0]}"
            subprocess.run(
                [sys.executable, "-m", "timeline", "merge", *order, "-o", str(out)],
                cwd=tmp_path, check=True, capture_output=True,
                env={"PYTHONHASHSEED": str(seed), "PATH": "/usr/bin:/bin"},
            )  # fmt: skip
            outputs.add(out.read_bytes())
            check = subprocess.run(
                [sys.executable, "-m", "timeline", "validate", str(out)],
                capture_output=True, text=True,
                env={"PYTHONHASHSEED": str(seed + 10), "PATH": "/usr/bin:/bin"},
            )  # fmt: skip
            assert check.returncode == 0, check.stdout + check.stderr
    assert len(outputs) == 1
