"""Merge and order in the columnar form: the same join as `Timeline.merge`, on Arrow tables.

`merge_tables` gives exactly what `Timeline.merge` gives (the same versions, merged events
and conflicts; a test checks it on generated timelines), but works on whole columns: groups
come from one integer sort, dates are intersected with NumPy reductions, and only the groups
that need judgement (conflicts, dates no version states exactly) go through the object kernel
`timeline.merge.resolve`. `order_indices` sorts by (earliest, latest, id) with open ends
first and last, like the timeline's iteration order.

Needs the optional extra ``timeline[scale]`` (pyarrow).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.collection import Timeline
from timeline.io.arrow import _metadata, events_table, schema, table_events
from timeline.merge import Conflict, resolve

__all__ = ["ColumnarMerge", "merge_tables", "order_indices", "sources_of_tables"]

_LOW: Final = np.iinfo(np.int32).min
_HIGH: Final = np.iinfo(np.int32).max
_CAUTION: Final = {"disputed": 0, "claimed": 1, "planned": 2, "reported": 3}


@attrs.frozen
class ColumnarMerge:
    """The result of `merge_tables`: every distinct version, the merged events (in the
    timeline's order) and the conflicts, as `Timeline.merge` would give them."""

    versions: pa.Table
    events: pa.Table
    conflicts: tuple[Conflict, ...]

    def to_timeline(self) -> Timeline:
        """The same merge as a `Timeline` (built from the versions)."""
        header = sources_of_tables([self.versions])
        return Timeline.from_versions(table_events(self.versions), header.sources, header.eras)


def sources_of_tables(tables: Sequence[pa.Table]) -> Timeline:
    """The sources and eras of several tables, merged (`SourceConflictError` if they clash)."""
    from timeline.io.toml import loads

    headers = []
    for table in tables:
        text = (table.schema.metadata or {}).get(b"timeline.sources_and_eras", b"")
        headers.append(loads(text.decode("utf-8"), name="arrow metadata") if text else Timeline())
    return headers[0].merge(*headers[1:]) if headers else Timeline()


def _codes(column: pa.ChunkedArray | pa.Array) -> pa.DictionaryArray:
    """Dictionary-encode a string column into one DictionaryArray."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded: pa.DictionaryArray = pc.dictionary_encode(column)
    return encoded


def _days(column: pa.ChunkedArray | pa.Array, fill: int) -> np.ndarray[Any, Any]:
    """A date32 column as int32 days, nulls replaced by ``fill``."""
    ints = pc.cast(column, pa.int32())
    return np.asarray(pc.fill_null(ints, fill).to_numpy(zero_copy_only=False), dtype=np.int32)


def order_indices(table: pa.Table) -> np.ndarray[Any, Any]:
    """Row indices of an events table in the timeline's order: earliest, latest, id."""
    earliest = _days(table["earliest"], _LOW)
    latest = _days(table["latest"], _HIGH)
    ids = _codes(table["id"])
    # dictionary codes are in first-seen order; rank the dictionary to sort by id text
    dictionary = ids.dictionary
    rank = np.empty(len(dictionary), dtype=np.int64)
    rank[np.asarray(pc.sort_indices(dictionary))] = np.arange(len(dictionary))
    id_rank = rank[np.asarray(ids.indices)]
    return np.lexsort((id_rank, latest, earliest))


def _group_keys(table: pa.Table) -> pa.Array:
    """The group of each row: its id, or for ids joined by ``same_as`` the first id in order."""
    ids = table["id"]
    links = pc.list_value_length(table["same_as"])
    linked_rows = pc.filter(table.select(["id", "same_as"]), pc.greater(links, 0))
    if linked_rows.num_rows == 0:
        return ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    present = set(pc.unique(ids).to_pylist())
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ident, others in zip(
        linked_rows["id"].to_pylist(), linked_rows["same_as"].to_pylist(), strict=True
    ):
        for other in others:
            if other in present:
                a, b = find(ident), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    mapping = {x: find(x) for x in parent}
    keys = [mapping.get(x, x) for x in ids.to_pylist()]
    return pa.array(keys, pa.string())


def merge_tables(*tables: pa.Table) -> ColumnarMerge:
    """Merge tables of the `timeline.io.arrow` schema as `Timeline.merge` would merge them."""
    header = sources_of_tables(tables)
    base = schema()
    versions = pa.concat_tables([t.cast(base) for t in tables]) if tables else base.empty_table()
    keys = _group_keys(versions)
    codes = _codes(keys)
    dictionary = codes.dictionary
    rank = np.empty(len(dictionary), dtype=np.int64)
    rank[np.asarray(pc.sort_indices(dictionary))] = np.arange(len(dictionary))
    group_of = rank[np.asarray(codes.indices)]
    order = np.argsort(group_of, kind="stable")
    versions = versions.take(pa.array(order))
    group_of = group_of[order]
    n = len(group_of)
    starts = np.flatnonzero(np.r_[True, group_of[1:] != group_of[:-1]]) if n else np.array([], int)
    sizes = np.diff(np.r_[starts, n])
    multi = sizes > 1
    single_rows = starts[~multi]
    merged_rows, conflicts, keep_versions = _merge_groups(versions, starts[multi], sizes[multi])
    singles = versions.take(pa.array(single_rows, pa.int64()))
    kept = versions.take(pa.array(np.sort(np.r_[single_rows, keep_versions]).astype(np.int64)))
    events = pa.concat_tables([singles, merged_rows]) if merged_rows.num_rows else singles
    events = events.take(pa.array(order_indices(events)))
    metadata = _metadata(header)
    return ColumnarMerge(
        versions=kept.replace_schema_metadata(metadata),
        events=events.replace_schema_metadata(metadata),
        conflicts=tuple(sorted(conflicts, key=lambda c: (c.event_id, c.field))),
    )


def _group_reduce(
    values: np.ndarray[Any, Any], starts: np.ndarray[Any, Any], op: Any
) -> np.ndarray[Any, Any]:
    return op.reduceat(values, starts) if len(starts) else values[:0]


def _merge_groups(
    versions: pa.Table, starts: np.ndarray[Any, Any], sizes: np.ndarray[Any, Any]
) -> tuple[pa.Table, list[Conflict], np.ndarray[Any, Any]]:
    """Merge the groups of more than one version (rows starts[i] .. starts[i]+sizes[i])."""
    if len(starts) == 0:
        return schema().empty_table(), [], np.array([], dtype=np.int64)
    rows = np.concatenate([np.arange(s, s + k) for s, k in zip(starts, sizes, strict=True)])
    part = versions.take(pa.array(rows, pa.int64()))
    local = np.r_[0, np.cumsum(sizes)[:-1]]  # group starts inside `part`
    group_index = np.repeat(np.arange(len(sizes)), sizes)

    # -- dates: intersection of outer bounds, per group (NumPy reductions) --
    def bounds(prefix: str, present: np.ndarray[Any, Any]) -> tuple[Any, Any, Any]:
        lo = np.where(present, _days(part[f"{prefix}_earliest"], _LOW), _LOW)
        hi = np.where(present, _days(part[f"{prefix}_latest"], _HIGH), _HIGH)
        g_lo = _group_reduce(lo, local, np.maximum)
        g_hi = _group_reduce(hi, local, np.minimum)
        exact = present & (lo == g_lo[group_index]) & (hi == g_hi[group_index])
        return g_lo, g_hi, exact

    has_end = np.asarray(part["has_end"].to_numpy(zero_copy_only=False), dtype=bool)
    everyone = np.ones(len(rows), dtype=bool)
    s_lo, s_hi, s_exact = bounds("start", everyone)
    e_lo, e_hi, e_exact = bounds("end", has_end)
    n_ends = _group_reduce(has_end.astype(np.int64), local, np.add)
    start_ok = (s_lo <= s_hi) & (_group_reduce(s_exact.astype(np.int64), local, np.add) > 0)
    end_ok = (n_ends == 0) | (
        (e_lo <= e_hi) & (_group_reduce(e_exact.astype(np.int64), local, np.add) > 0)
    )
    # an end that would precede the start needs judgement too
    end_ok &= (n_ends == 0) | (e_hi == _HIGH) | (s_lo == _LOW) | (e_hi >= s_lo)

    # -- titles, kinds, statuses: any disagreement needs judgement --
    def agree(column: str, skip_empty: bool) -> np.ndarray[Any, Any]:
        values = part[column]
        encoded = np.asarray(_codes(values).indices).astype(np.int64)
        if skip_empty:
            empty = np.asarray(pc.equal(values, "").to_numpy(zero_copy_only=False), dtype=bool)
            low = np.where(empty, np.iinfo(np.int64).max, encoded)
            high = np.where(empty, -1, encoded)
        else:
            low = high = encoded
        g_low = _group_reduce(low, local, np.minimum)
        g_high = _group_reduce(high, local, np.maximum)
        same: np.ndarray[Any, Any] = (g_high == -1) | (g_low == g_high)
        return same

    simple = start_ok & end_ok & agree("title", True) & agree("kind", True)
    simple &= agree("status", False)

    # -- the chosen date row: exact bounds, then the smallest (edtf, text) --
    def chosen(prefix: str, exact: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        edtf = part[f"{prefix}_edtf"].to_pylist()
        text = part[f"{prefix}_text"].to_pylist()
        picks = np.full(len(sizes), -1, dtype=np.int64)
        for i in np.flatnonzero(exact):
            g = group_index[i]
            j = picks[g]
            if j < 0 or (edtf[i], text[i]) < (edtf[j], text[j]):
                picks[g] = i
        return picks

    start_pick = chosen("start", s_exact)
    end_pick = chosen("end", e_exact)

    names = ("id", "title", "kind", "status", "description", "note", "actors", "places", "tags",
             "citations", "same_as")  # fmt: skip
    columns = {name: part[name].to_pylist() for name in names}
    merged: dict[str, list[Any]] = {name: [] for name in names}
    start_rows: list[int] = []
    end_rows: list[int | None] = []
    whole_rows: list[int] = []
    conflicts: list[Conflict] = []
    keep: list[int] = []
    hard_groups: list[int] = []
    for g, (first, size) in enumerate(zip(local, sizes, strict=True)):
        members = range(first, first + size)
        unique = _distinct_rows(part, members, columns)
        keep.extend(int(rows[i]) for i in unique)
        if len(unique) == 1:
            whole_rows.append(unique[0])
            continue
        if not simple[g]:
            hard_groups.append(g)
            continue
        ids = [columns["id"][i] for i in members]
        ident = min(ids)
        start_rows.append(int(start_pick[g]))
        end_rows.append(int(end_pick[g]) if n_ends[g] else None)
        merged["id"].append(ident)
        for name in ("title", "kind"):
            merged[name].append(next((columns[name][i] for i in members if columns[name][i]), ""))
        merged["status"].append(columns["status"][first])
        for name in ("description", "note"):
            merged[name].append("\n\n".join(sorted({columns[name][i] for i in members} - {""})))
        for name in ("actors", "places", "tags"):
            merged[name].append(sorted({x for i in members for x in columns[name][i]}))
        cites = {
            (c["source"], c["locator"], c["wording"])
            for i in members
            for c in columns["citations"][i]
        }
        merged["citations"].append(
            [{"source": a, "locator": b, "wording": c} for a, b, c in sorted(cites)]
        )
        others = {x for i in members for x in columns["same_as"][i]} | set(ids)
        merged["same_as"].append(sorted(others - {ident}))
    parts = [part.take(pa.array(whole_rows, pa.int64()))]
    if start_rows:
        parts.append(_assemble(part, merged, start_rows, end_rows))
    if hard_groups:
        # conflicts and dates no version states exactly: the object kernel decides
        hard_rows = np.concatenate([np.arange(local[g], local[g] + sizes[g]) for g in hard_groups])
        events = table_events(part.take(pa.array(hard_rows, pa.int64())))
        at = 0
        judged = []
        for g in hard_groups:
            group = events[at : at + sizes[g]]
            at += sizes[g]
            event, found = resolve(sorted(set(group), key=lambda e: (e.id, repr(e))))
            judged.append(event)
            conflicts.extend(found)
        parts.append(events_table(judged))
    table = pa.concat_tables([t.cast(schema()) for t in parts])
    return table, conflicts, np.asarray(keep, dtype=np.int64)


def _assemble(
    part: pa.Table, merged: dict[str, list[Any]], start_rows: list[int], end_rows: list[int | None]
) -> pa.Table:
    """The merged rows: date columns taken from the chosen versions, the rest as computed."""
    base = schema()
    starts = part.take(pa.array(start_rows, pa.int64()))
    ends = part.take(pa.array(end_rows, pa.int64()))
    has_end = pa.array([r is not None for r in end_rows], pa.bool_())
    columns: dict[str, Any] = {}
    for field in base:
        name = field.name
        if name.startswith("start_"):
            columns[name] = starts[name]
        elif name.startswith("end_"):
            columns[name] = ends[name]
        elif name in merged:
            columns[name] = pa.array(merged[name], field.type)
    columns["earliest"] = starts["start_earliest"]
    columns["latest"] = pc.if_else(has_end, ends["end_latest"], starts["start_latest"])
    columns["has_end"] = has_end
    return pa.table({f.name: columns[f.name] for f in base}, schema=base)


def _row(part: pa.Table, index: int) -> dict[str, Any]:
    row: dict[str, Any] = part.slice(int(index), 1).to_pylist()[0]
    return row


def _distinct_rows(part: pa.Table, members: range, columns: dict[str, list[Any]]) -> list[int]:
    """The members that are not an exact copy of an earlier member."""
    unique: list[int] = []
    for i in members:
        same = (
            j for j in unique
            if columns["citations"][i] == columns["citations"][j]
            and columns["id"][i] == columns["id"][j]
        )  # fmt: skip
        if not any(_row(part, i) == _row(part, j) for j in same):
            unique.append(i)
    return unique
