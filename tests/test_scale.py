"""The Dask path: merge and order on a 2-worker LocalCluster equal the in-memory merge."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import pyarrow as pa  # noqa: E402

import timeline  # noqa: E402
from timeline import Citation, Event, FuzzyDate, Source, Timeline  # noqa: E402
from timeline.columnar import merge_tables  # noqa: E402
from timeline.scale import from_tables, merge, read_parquet, write_parquet  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def linked() -> pa.Table:
    """A few events joined by same_as across ids, with a conflicting date."""
    sources = [Source(id="source-0", title="Source 0")]
    events = [
        Event(id="treaty-a", title="Treaty", start=FuzzyDate.parse("1875"),
              citations=[Citation(source="source-0")], same_as=("treaty-b",)),
        Event(id="treaty-b", title="Treaty", start=FuzzyDate.parse("7 May 1875"),
              citations=[Citation(source="source-0", locator="p. 2")]),
        Event(id="treaty-c", title="Exchange", start=FuzzyDate.parse("1880"),
              citations=[Citation(source="source-0")], same_as=("treaty-a",)),
    ]  # fmt: skip
    return Timeline(events, sources).to_arrow()


def test_dask_merge_of_200k_events_in_8_partitions_equals_the_in_memory_merge(
    client: Any, tmp_path: Path
) -> None:
    tables = [*generate.arrow_tables(67_000), linked()]
    assert sum(t.num_rows for t in tables) >= 200_000
    write_parquet(tables, str(tmp_path / "versions"), npartitions=8)
    frame = read_parquet(str(tmp_path / "versions"))
    assert frame.frame.npartitions == 8
    result = merge(frame)
    expected = merge_tables(*tables)
    assert len(result.conflicts) > 1000
    assert result.conflicts == expected.conflicts
    assert result.events.num_rows == expected.events.num_rows
    assert result.events.equals(expected.events.cast(result.events.schema))
    assert result.events.schema.metadata == expected.events.schema.metadata


def test_dask_merge_equals_timeline_merge_on_the_article(client: Any, tmp_path: Path) -> None:
    article = timeline.load(ROOT / "data" / "events.toml")
    record = timeline.load(ROOT / "data" / "record.toml")
    timeline.dump(article, tmp_path / "article.parquet")
    timeline.dump(record, tmp_path / "record.parquet")
    result = merge(read_parquet(str(tmp_path / "article.parquet")),
                   read_parquet(str(tmp_path / "record.parquet")))  # fmt: skip
    merged = article | record
    assert result.conflicts == merged.conflicts
    assert result.events["id"].to_pylist() == [e.id for e in merged]
    from timeline.io.arrow import events_table

    assert result.events.to_pylist() == events_table(merged.events).to_pylist()


def test_in_memory_tables_partitioned_by_time_bucket(client: Any) -> None:
    tables = [*generate.arrow_tables(2_000), linked()]
    frame = from_tables(tables, npartitions=4)
    assert frame.frame.npartitions == 4
    result = merge(frame)
    expected = merge_tables(*tables)
    assert result.conflicts == expected.conflicts
    assert result.events.equals(expected.events.cast(result.events.schema))
