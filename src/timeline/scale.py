"""Merge and order beyond one machine, on Dask.

A Dask dataframe of event versions (the `timeline.io.arrow` schema, one partition per time
bucket) is shuffled so that every version of an event lands in one partition, each partition
is merged by `timeline.columnar.merge_tables` (the same join as `Timeline.merge`), and the
merged events are sorted by the timeline's key (earliest, latest, id) across partitions.
The result equals the in-memory merge of the same input.

Point it at a real cluster with a ``distributed.Client("tcp://scheduler:8786")`` before
calling; read Parquet from object storage with `read_parquet` (``s3://``, ``gs://``, ...;
``storage_options`` go to fsspec). Needs the optional extra ``timeline[scale]``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import Any, Final

import attrs
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa

from timeline.columnar import (
    OPEN_START_DAYS,
    bound_days,
    date_days,
    merge_tables,
    sources_of_tables,
)
from timeline.io.arrow import header_metadata, schema
from timeline.merging import Conflict, join_links, sort_conflicts

__all__ = ["EventFrame", "ScaledMerge", "from_tables", "merge", "read_parquet", "write_parquet"]

_GROUP: Final = "_group"
_CONFLICTS: Final = "_conflicts"


@attrs.frozen
class EventFrame:
    """A Dask dataframe of event versions with the sources and eras they cite (as the Arrow
    schema metadata of `timeline.io.arrow`)."""

    frame: dd.DataFrame
    metadata: dict[bytes, bytes] = attrs.field(factory=dict)


@attrs.frozen
class ScaledMerge:
    """The merged events (an Arrow table in the timeline's order) and the conflicts."""

    events: pa.Table
    conflicts: tuple[Conflict, ...]


def from_tables(tables: Sequence[pa.Table], npartitions: int = 8) -> EventFrame:
    """A Dask dataframe of these tables' rows, partitioned by time bucket (the decade of
    each version's earliest bound), with the tables' sources."""
    table = pa.concat_tables([t.cast(schema()) for t in tables])
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    decade = date_days(table["earliest"], OPEN_START_DAYS) // 3653
    frame = frame.iloc[np.argsort(decade, kind="stable")].reset_index(drop=True)
    ddf = dd.from_pandas(frame, npartitions=npartitions, sort=False)
    return EventFrame(ddf, header_metadata(sources_of_tables(list(tables))))


def write_parquet(
    tables: Sequence[pa.Table], folder: str, npartitions: int = 8, **options: Any
) -> list[str]:
    """Write event versions as ``npartitions`` Parquet files in ``folder`` (local or object
    storage), one per time bucket (equal shares of the rows ordered by earliest bound), each
    carrying the sources in its metadata; `read_parquet` reads them back as partitions."""
    import pyarrow.parquet as pq
    from fsspec.core import url_to_fs

    table = pa.concat_tables([t.cast(schema()) for t in tables])
    earliest = date_days(table["earliest"], OPEN_START_DAYS)
    table = table.take(pa.array(np.argsort(earliest, kind="stable")))
    table = table.replace_schema_metadata(header_metadata(sources_of_tables(list(tables))))
    fs, where = url_to_fs(folder, **options.get("storage_options", {}))
    fs.makedirs(where, exist_ok=True)
    bounds = np.linspace(0, table.num_rows, npartitions + 1).astype(int)
    paths = []
    for i, (a, b) in enumerate(itertools.pairwise(bounds)):
        path = f"{where.rstrip('/')}/part-{i:05d}.parquet"
        with fs.open(path, "wb") as stream:
            pq.write_table(table.slice(a, b - a), stream)
        paths.append(path)
    return paths


def read_parquet(path: str | list[str], **options: Any) -> EventFrame:
    """Read Parquet files written by `timeline.dump(tl, "x.parquet")` (local or object
    storage: ``storage_options={...}`` go to fsspec) as a Dask dataframe."""
    import pyarrow.parquet as pq
    from fsspec.core import url_to_fs

    ddf = dd.read_parquet(path, dtype_backend="pyarrow", **options)
    first = path[0] if isinstance(path, list) else path
    fs, where = url_to_fs(first, **options.get("storage_options", {}))
    files = [where] if fs.isfile(where) else sorted(fs.glob(f"{where.rstrip('/')}/*.parquet"))
    with fs.open(files[0], "rb") as stream:
        metadata = pq.read_schema(stream).metadata or {}
    return EventFrame(ddf, dict(metadata))


def _with_groups(ddf: dd.DataFrame) -> dd.DataFrame:
    """Add the group column: the id, or for ids joined by ``same_as`` the first of them."""
    lengths = ddf["same_as"].map_partitions(
        lambda s: s.list.len() if hasattr(s, "list") else s.str.len(), meta=("n", "int64")
    )
    linked = ddf[lengths > 0][["id", "same_as"]].compute()
    mapping: dict[str, str] = {}
    if len(linked):
        table = pa.Table.from_pandas(linked, preserve_index=False)
        targets = sorted({x for xs in table["same_as"].to_pylist() for x in xs})
        present = set(ddf["id"][ddf["id"].isin(targets)].compute().tolist())
        present |= set(table["id"].to_pylist())
        links = zip(table["id"].to_pylist(), table["same_as"].to_pylist(), strict=True)
        mapping = join_links(links, present)

    def assign(frame: pd.DataFrame) -> pd.DataFrame:
        ids = frame["id"].astype(object)
        return frame.assign(
            **{_GROUP: ids.map(lambda x: mapping.get(x, x)).astype("string[pyarrow]")}
        )

    meta = ddf._meta.assign(**{_GROUP: pd.Series(dtype="string[pyarrow]")})
    return ddf.map_partitions(assign, meta=meta)


def _merge_partition(frame: pd.DataFrame, metadata: dict[bytes, bytes]) -> pd.DataFrame:
    """Merge one partition (it holds every version of its events) with the in-memory kernel."""
    table = pa.Table.from_pandas(frame.drop(columns=[_GROUP]), preserve_index=False)
    result = merge_tables(table.cast(schema()).replace_schema_metadata(metadata))
    events = result.events.to_pandas(types_mapper=pd.ArrowDtype)
    by_event: dict[str, list[list[Any]]] = {}
    for c in result.conflicts:
        by_event.setdefault(c.event_id, []).append(c.to_json())
    notes = [json.dumps(by_event[i]) if i in by_event else "" for i in events["id"].astype(object)]
    lo, hi = bound_days(result.events)
    return events.assign(
        **{_CONFLICTS: pd.array(notes, dtype="string[pyarrow]"), "_lo": lo, "_hi": hi}
    )


def merge(*frames: EventFrame, npartitions: int | None = None) -> ScaledMerge:
    """Merge Dask dataframes of event versions as `Timeline.merge` would, and sort them.

    Runs on the current Dask scheduler (a ``distributed.Client`` if one is active).
    """
    headers = [pa.table({"x": []}).replace_schema_metadata(f.metadata) for f in frames]
    metadata = header_metadata(sources_of_tables(headers))
    ddf = dd.concat([f.frame for f in frames]) if len(frames) > 1 else frames[0].frame
    ddf = _with_groups(ddf)
    # task-based shuffle: the P2P shuffle cannot carry Arrow list columns
    ddf = ddf.shuffle(on=_GROUP, npartitions=npartitions or ddf.npartitions, shuffle_method="tasks")
    meta = schema().empty_table().to_pandas(types_mapper=pd.ArrowDtype).assign(
        **{_CONFLICTS: pd.Series(dtype="string[pyarrow]"), "_lo": pd.Series(dtype="int32"),
           "_hi": pd.Series(dtype="int32")}
    )  # fmt: skip
    merged = ddf.map_partitions(_merge_partition, metadata, meta=meta)
    ordered = merged.sort_values(["_lo", "_hi", "id"], shuffle_method="tasks").compute()
    conflicts = [
        Conflict.from_json(item)
        for notes in ordered[_CONFLICTS].astype(object)
        if notes
        for item in json.loads(notes)
    ]
    events = pa.Table.from_pandas(
        ordered.drop(columns=[_CONFLICTS, "_lo", "_hi"]), preserve_index=False
    ).cast(schema())
    return ScaledMerge(
        events=events.replace_schema_metadata(metadata),
        conflicts=sort_conflicts(conflicts),
    )
