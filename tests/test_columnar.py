"""The columnar merge gives exactly what Timeline.merge gives, and sorts the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import timeline
from tests.strategies import judged_timelines, overlapping_timelines, timelines
from timeline import Timeline

pytest.importorskip("pyarrow")

from timeline.columnar import (
    OPEN_END_DAYS,
    OPEN_START_DAYS,
    bound_days,
    date_days,
    merge_tables,
    order_indices,
)
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


def test_open_bounds_are_days_before_and_after_every_date() -> None:
    tl = timeline.loads(
        '[[events]]\nid = "a"\ntitle = "A"\nstart = "../1985"\n'
        '[[events]]\nid = "b"\ntitle = "B"\nstart = "1985/.."\n'
        '[[events]]\nid = "c"\ntitle = "C"\nstart = "1 January 1970"\n'
    )
    table = events_table(tl.events)
    earliest, latest = bound_days(table)
    assert earliest.tolist() == [OPEN_START_DAYS, 0, 5479]  # 1985-01-01: 15 years, 4 of them leap
    assert latest.tolist() == [5843, 0, OPEN_END_DAYS]  # 1985-12-31
    assert OPEN_START_DAYS < -719_162 and OPEN_END_DAYS > 2_932_896  # beyond years 1 and 9999
    assert date_days(table["end_latest"], -1).tolist() == [-1, -1, -1]  # no ends: all filled
