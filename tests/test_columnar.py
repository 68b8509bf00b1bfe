"""The columnar merge gives exactly what Timeline.merge gives, and sorts the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import timeline
from tests.strategies import judged_timelines, overlapping_timelines, timelines
from timeline import Timeline

pytest.importorskip("pyarrow")

from timeline.columnar import merge_tables, order_indices
from timeline.io.arrow import events_table

ROOT = Path(__file__).resolve().parent.parent


def assert_same_merge(*parts: Timeline) -> None:
    expected = timeline.merge(*parts)
    result = merge_tables(*(p.to_arrow() for p in parts))
    assert result.events.to_pylist() == events_table(expected.events).to_pylist()
    assert result.conflicts == expected.conflicts
    assert result.to_timeline() == expected


@given(overlapping_timelines(), overlapping_timelines(), overlapping_timelines())
def test_columnar_merge_equals_the_object_merge(a: Timeline, b: Timeline, c: Timeline) -> None:
    assert_same_merge(a, b, c)


@given(judged_timelines, judged_timelines, judged_timelines)
def test_columnar_merge_equals_the_object_merge_with_ranks_and_resolutions(
    a: Timeline, b: Timeline, c: Timeline
) -> None:
    assert_same_merge(a, b, c)


def test_every_merge_rule_has_its_columnar_form_and_every_field_a_rule() -> None:
    import attrs

    from timeline.columnar import _COLUMNAR_RULES
    from timeline.merging import _OBJECT_RULES, FIELD_RULES, Rule

    assert set(FIELD_RULES) == set(attrs.fields_dict(timeline.Event))
    assert set(_COLUMNAR_RULES) == set(Rule) == set(_OBJECT_RULES)


def test_columnar_merge_of_the_article_and_the_record() -> None:
    assert_same_merge(
        timeline.load(ROOT / "data" / "events.toml"), timeline.load(ROOT / "data" / "record.toml")
    )


def test_a_timeline_merged_with_itself_keeps_one_copy_of_each_version() -> None:
    tl = timeline.load(ROOT / "data" / "events.toml")
    result = merge_tables(tl.to_arrow(), tl.to_arrow())
    assert result.versions.num_rows == len(tl)
    assert result.to_timeline() == tl


@given(timelines())
def test_order_indices_follow_the_iteration_order(tl: Timeline) -> None:
    table = events_table(reversed(tl.events))
    ordered = table.take(order_indices(table))
    assert ordered["id"].to_pylist() == [e.id for e in tl]


@given(overlapping_timelines(), overlapping_timelines(), overlapping_timelines())
def test_merging_in_small_chunks_changes_nothing(a: Timeline, b: Timeline, c: Timeline) -> None:
    tables = [t.to_arrow() for t in (a, b, c)]
    whole, chunked = merge_tables(*tables), merge_tables(*tables, chunk_groups=1)
    assert chunked.events.to_pylist() == whole.events.to_pylist()
    assert chunked.conflicts == whole.conflicts
