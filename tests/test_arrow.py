"""The columnar form: Arrow tables and Parquet files round-trip every timeline losslessly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import timeline
from tests.strategies import overlapping_timelines, timelines
from timeline import Timeline, ValidationError

pa = pytest.importorskip("pyarrow")

from timeline.io.arrow import header_metadata, read_header  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@given(timelines())
def test_from_arrow_of_to_arrow_is_the_identity(tl: Timeline) -> None:
    assert Timeline.from_arrow(tl.to_arrow()) == tl


@given(overlapping_timelines(), overlapping_timelines())
def test_merged_timelines_round_trip_with_their_versions(a: Timeline, b: Timeline) -> None:
    merged = a | b
    back = Timeline.from_arrow(merged.to_arrow())
    assert back == merged
    assert back.conflicts == merged.conflicts


def test_one_row_per_event_with_typed_columns() -> None:
    tl = timeline.load(ROOT / "data" / "events.toml")
    table = tl.to_arrow()
    assert table.num_rows == len(tl)
    assert table.schema.field("earliest").type == pa.date32()
    assert table.schema.field("actors").type == pa.list_(pa.string())
    assert pa.types.is_struct(table.schema.field("citations").type.value_type)
    row = table.filter(pa.compute.equal(table["id"], "ivan-iv-reign")).to_pylist()[0]
    assert str(row["earliest"]) == "1547-01-26" and row["start_calendar"] == "julian"
    assert row["end_text"] == "18 March 1584 O.S." and row["end_calendar"] == "julian"


def test_parquet_files_load_and_dump_by_suffix(tmp_path: Path) -> None:
    tl = timeline.load(ROOT / "data" / "events.toml", ROOT / "data" / "record.toml")
    path = tmp_path / "merged.parquet"
    timeline.dump(tl, path)
    assert timeline.load(path) == tl
    assert [p.name for p in tmp_path.iterdir()] == ["merged.parquet"]


def test_the_metadata_carries_sources_eras_and_resolutions_and_reads_back() -> None:
    tl = timeline.load(ROOT / "data" / "events.toml")
    metadata = header_metadata(tl)
    assert metadata == tl.to_arrow().schema.metadata
    header = read_header(metadata)
    assert header.sources == tl.sources and header.eras == tl.eras and len(header) == 0
    assert header.resolutions == tl.resolutions


def test_a_table_read_keeps_itself_for_figures_and_a_timeline_made_otherwise_does_not() -> None:
    tl = timeline.load(ROOT / "data" / "events.toml")
    assert tl.arrow_table is None
    back = Timeline.from_arrow(tl.to_arrow())
    assert back.arrow_table is not None and back.arrow_table.num_rows == len(back)


def test_a_table_without_the_timeline_columns_is_a_clear_error() -> None:
    with pytest.raises(ValidationError, match="field 'title'"):
        Timeline.from_arrow(pa.table({"id": ["a"]}))


def _schema_1() -> tuple[Timeline, Any]:
    """A timeline and its table as schema 1 wrote it: one precision and two flags per date,
    and a side's own qualifier only as the mark of its side of an EDTF interval."""
    tl = timeline.loads(
        '[[events]]\nid = "a"\ntitle = "A"\nstart = "1984?/2004~"\nend = "c. 2010"\n'
        '[[events]]\nid = "b"\ntitle = "B"\nstart = "spring 1620"\n'
    )
    table = tl.to_arrow()
    for prefix in ("start", "end"):
        first = table[f"{prefix}_first_precision"]
        flags = [d is not None and (d.approximate, d.uncertain) for d in
                 (getattr(e, prefix) for e in tl.versions)]  # fmt: skip
        for side in ("first_precision", "last_precision", "first_qualifier", "last_qualifier"):
            table = table.drop_columns(f"{prefix}_{side}")
        table = table.append_column(f"{prefix}_precision", first)
        for i, name in enumerate(("approximate", "uncertain")):
            column = [None if f is False else f[i] for f in flags]
            table = table.append_column(f"{prefix}_{name}", pa.array(column, pa.bool_()))
    return tl, table


def test_a_schema_1_table_reads_each_sides_qualifier_from_its_edtf() -> None:
    tl, table = _schema_1()
    assert Timeline.from_arrow(table) == tl


def test_a_schema_1_problem_is_said_once_and_alone() -> None:
    _, table = _schema_1()
    flags = table["start_approximate"].to_pylist()
    flags[1] = None  # 'b' has a start: its flag must be true or false
    one = table.set_column(
        table.schema.get_field_index("start_approximate"), "start_approximate",
        pa.array(flags, pa.bool_()),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        Timeline.from_arrow(one)
    found = [(p.where, p.field) for p in caught.value.problems]
    assert found == [("row 1 ('b')", "start_approximate")]
    index = table.schema.get_field_index("start_precision")
    text = table.set_column(index, "start_precision", pa.array(["year", "season"]))
    with pytest.raises(ValidationError) as caught:
        Timeline.from_arrow(text)
    found = [(p.where, p.field) for p in caught.value.problems]
    assert found == [("columns", "start_precision")]
    assert "an integer column" in str(caught.value)


def test_a_table_that_is_not_the_versions_own_is_refused() -> None:
    from timeline import ArgumentError, Event
    from timeline.io.arrow import to_arrow

    alpha = Timeline([Event(id="alpha", title="Alpha", start="1600")])
    beta = [Event(id="beta", title="Beta", start="1900")]
    with pytest.raises(ArgumentError, match="the same ids, row by row"):
        Timeline.from_versions(beta, table=to_arrow(alpha))
    assert Timeline.from_versions(alpha.versions, table=to_arrow(alpha)).arrow_table is not None
