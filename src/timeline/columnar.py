"""Merge and order in the columnar form: the same join as `Timeline.merge`, on Arrow tables.

`merge_tables` gives exactly what `Timeline.merge` gives (the same versions, merged events
and conflicts; a test checks it on generated timelines, ranks and resolutions included), but
works on whole columns: groups come from one integer sort, and every field follows its rule
in `timeline.merging.FIELD_RULES` through `_COLUMNAR_RULES` (a rule without a columnar form
fails at import). Unions, joins and group ids are computed on columns for every group; a group
whose dates agree and are stated exactly by a version, and that no resolution names, is merged
on columns too, its votes (title, kind, status) decided by `timeline.merging.vote` where
versions disagree; every other group goes through the object kernel
`timeline.merging.resolve`. Judgement is written once, in `timeline.merging`.
`order_indices` sorts by (earliest, latest, id) with open ends first and last, like the
timeline's iteration order.

Needs the optional extra ``timeline[scale]`` (pyarrow).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from timeline.collection import Timeline
from timeline.dates import EPOCH_ORDINAL, OPEN_END, OPEN_START
from timeline.io.arrow import events_table, header_metadata, read_header, schema, table_events
from timeline.merging import (
    FIELD_RULES,
    Conflict,
    Judge,
    Rule,
    join_links,
    resolve,
    sort_conflicts,
    sources_of,
    vote,
)

__all__ = [
    "OPEN_END_DAYS",
    "OPEN_START_DAYS",
    "ColumnarMerge",
    "bound_days",
    "date_days",
    "merge_tables",
    "order_indices",
    "sources_of_tables",
]

OPEN_START_DAYS: Final = OPEN_START - EPOCH_ORDINAL
"""An open earliest bound in the days of an Arrow ``date32`` column (days since 1970-01-01):
before every date, as `timeline.dates.OPEN_START` is among day ordinals."""
OPEN_END_DAYS: Final = OPEN_END - EPOCH_ORDINAL
"""An open latest bound in ``date32`` days: after every date (`timeline.dates.OPEN_END`)."""


@attrs.frozen
class ColumnarMerge:
    """The result of `merge_tables`: every distinct version, the merged events and the
    conflicts, as `Timeline.merge` would give them.

    The merged events are held as rows of ``pool`` in the order ``order``; `events`
    materialises them as one table, `batches` streams them in order with little memory.
    """

    versions: pa.Table
    pool: pa.Table
    order: np.ndarray[Any, Any] = attrs.field(eq=False)
    conflicts: tuple[Conflict, ...]

    @property
    def events(self) -> pa.Table:
        """The merged events as one table, in the timeline's order."""
        return self.pool.take(pa.array(self.order, pa.int64()))

    def batches(
        self, size: int = 65_536, columns: Sequence[str] | None = None
    ) -> Iterator[pa.Table]:
        """The merged events in the timeline's order, ``size`` rows at a time (only these
        ``columns`` if given: gathering fewer columns is much faster)."""
        pool = self.pool.select(list(columns)) if columns is not None else self.pool
        for first in range(0, len(self.order), size):
            yield pool.take(pa.array(self.order[first : first + size], pa.int64()))

    def to_timeline(self) -> Timeline:
        """The same merge as a `Timeline` (built from the versions)."""
        header = sources_of_tables([self.versions])
        return Timeline.from_versions(
            table_events(self.versions), header.sources, header.eras, header.resolutions
        )


def sources_of_tables(tables: Sequence[pa.Table]) -> Timeline:
    """The sources and eras of several tables, merged (`SourceConflictError` if they clash)."""
    headers = [read_header(table.schema.metadata) for table in tables]
    return headers[0].merge(*headers[1:]) if headers else Timeline()


def _codes(column: pa.ChunkedArray | pa.Array) -> pa.DictionaryArray:
    """Dictionary-encode a string column into one DictionaryArray."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    encoded: pa.DictionaryArray = pc.dictionary_encode(column)
    return encoded


def date_days(column: pa.ChunkedArray | pa.Array, fill: int) -> np.ndarray[Any, Any]:
    """A ``date32`` column as int32 days since 1970-01-01, each null (an open bound) replaced
    by ``fill`` (`OPEN_START_DAYS` for an earliest bound, `OPEN_END_DAYS` for a latest)."""
    ints = pc.cast(column, pa.int32())
    return np.asarray(pc.fill_null(ints, fill).to_numpy(zero_copy_only=False), dtype=np.int32)


def bound_days(table: pa.Table) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The outer bounds of every row of an events table as int32 days (`date_days`), an open
    earliest first and an open latest last: with the id, the keys of the timeline's order."""
    return (
        date_days(table["earliest"], OPEN_START_DAYS),
        date_days(table["latest"], OPEN_END_DAYS),
    )


def order_indices(
    table: pa.Table, rows: np.ndarray[Any, Any] | None = None
) -> np.ndarray[Any, Any]:
    """Indices that put an events table (or these of its rows) in the timeline's order:
    earliest, latest, id."""
    if rows is not None:
        table = table.select(["earliest", "latest", "id"]).take(pa.array(rows, pa.int64()))
    # the position of each id in id order (a stable sort: equal ids keep their row order)
    by_id = np.asarray(pc.sort_indices(table["id"]))
    id_rank = np.empty(len(by_id), dtype=np.int64)
    id_rank[by_id] = np.arange(len(by_id))
    del by_id
    earliest, latest = bound_days(table)
    order: np.ndarray[Any, Any] = np.lexsort((id_rank, latest, earliest))
    return order


def _group_keys(table: pa.Table) -> pa.Array:
    """The group of each row: its id, or for ids joined by ``same_as`` the first id in order."""
    ids = table["id"]
    links = pc.list_value_length(table["same_as"])
    linked_rows = pc.filter(table.select(["id", "same_as"]), pc.greater(links, 0))
    if linked_rows.num_rows == 0:
        return ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    present = set(pc.unique(ids).to_pylist())
    links = zip(linked_rows["id"].to_pylist(), linked_rows["same_as"].to_pylist(), strict=True)
    mapping = join_links(links, present)
    keys = [mapping.get(x, x) for x in ids.to_pylist()]
    return pa.array(keys, pa.string())


def _rank(column: pa.ChunkedArray | pa.Array) -> np.ndarray[Any, Any]:
    """Each value's rank in sorted order (equal values, equal ranks; null is -1)."""
    codes = _codes(column)
    dictionary = codes.dictionary
    rank = np.empty(len(dictionary) + 1, dtype=np.int64)
    rank[np.asarray(pc.sort_indices(dictionary))] = np.arange(len(dictionary))
    rank[-1] = -1
    indices = pc.fill_null(codes.indices, len(dictionary)).to_numpy(zero_copy_only=False)
    ranked: np.ndarray[Any, Any] = rank[np.asarray(indices, dtype=np.int64)]
    return ranked


def _mix(*codes: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """A 64-bit hash of several integer columns (a key for finding candidates, never trusted
    alone: candidates are compared in full)."""
    h = np.full(len(codes[0]), 1469598103934665603, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for c in codes:
            h = (h ^ c.astype(np.uint64)) * np.uint64(1099511628211)
    return h


def _row(table: pa.Table, index: int) -> dict[str, Any]:
    row: dict[str, Any] = table.slice(int(index), 1).to_pylist()[0]
    return row


def _copies(versions: pa.Table, rows: np.ndarray[Any, Any], group: np.ndarray[Any, Any]) -> Any:
    """Which of these rows (all in groups of several versions) are exact copies of another
    row of their group: the rows to drop. A cheap probe finds candidates; they are compared
    in full."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64)
    taken = pa.array(rows, pa.int64())

    def codes(name: str) -> np.ndarray[Any, Any]:
        # equal values get equal codes: all a probe needs (no sorting)
        encoded = _codes(pc.take(versions[name], taken)).indices
        return np.asarray(pc.fill_null(encoded, -1).to_numpy(zero_copy_only=False))

    cited = pc.list_value_length(pc.take(versions["citations"], taken))
    probe = _mix(
        group[rows], *(codes(name) for name in ("id", "title", "start_text", "start_edtf")),
        np.asarray(pc.fill_null(cited, 0).to_numpy(zero_copy_only=False)),
    )  # fmt: skip
    order = np.lexsort((probe, group[rows]))
    g, h = group[rows][order], probe[order]
    same = np.r_[False, (g[1:] == g[:-1]) & (h[1:] == h[:-1])]
    drop: list[int] = []
    for position in np.flatnonzero(same):
        back = position - 1
        while back >= 0 and g[back] == g[position] and h[back] == h[position]:
            a, b = rows[order[back]], rows[order[position]]
            if a not in drop and _row(versions, a) == _row(versions, b):
                drop.append(int(b))
                break
            back -= 1
    return np.asarray(drop, dtype=np.int64)


CHUNK_GROUPS: Final = 20_000
"""How many groups of several versions `merge_tables` merges at a time."""


def merge_tables(*tables: pa.Table, chunk_groups: int = CHUNK_GROUPS) -> ColumnarMerge:
    """Merge tables of the `timeline.io.arrow` schema as `Timeline.merge` would merge them.

    The inputs are not copied: versions are found and grouped through index arrays, and only
    the rows of groups of several versions are gathered to be merged.
    """
    header = sources_of_tables(tables)
    judge = Judge({s.id: s.rank for s in header.sources if s.rank}, header.resolutions)
    base = schema()
    metadata = header_metadata(header)
    versions = pa.concat_tables([t.cast(base) for t in tables]) if tables else base.empty_table()
    versions = versions.replace_schema_metadata(metadata)
    keys = _group_keys(versions)
    # any consistent integer per group will do (the events are ordered at the end): the
    # dictionary codes, without sorting two million strings
    group = np.asarray(_codes(keys).indices, dtype=np.int32)  # int32: millions of rows
    pool_memory = pa.default_memory_pool()
    pool_memory.release_unused()  # hand the encoder's scratch space back to the system
    kept = np.argsort(group, kind="stable").astype(np.int32)  # row indices, by group
    n = len(kept)
    ordered = group[kept]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if n else np.zeros(0, int)
    sizes = np.diff(np.r_[starts, n]).astype(np.int64)
    multi = sizes > 1
    drop = _copies(versions, kept[_ranges(starts[multi], sizes[multi])], group)
    named_rows = _named(versions, judge)
    if named_rows is not None:  # an event a resolution names is merged even with one version
        flags = named_rows.astype(np.int64)[kept]
        multi |= np.add.reduceat(flags, starts) > 0 if n else multi
    pool_memory.release_unused()
    if len(drop):
        keep = np.setdiff1d(np.arange(versions.num_rows), drop)
        # again, without the copies
        return merge_tables(versions.take(pa.array(keep, pa.int64())), chunk_groups=chunk_groups)
    single_rows = kept[starts[~multi]]
    conflicts: list[Conflict] = []
    pool = versions
    rows = single_rows
    if multi.any():
        # groups are merged a chunk at a time, so the working set stays small
        pieces = []
        group_starts, group_sizes = starts[multi], sizes[multi]
        for first in range(0, len(group_starts), chunk_groups):
            chunk = slice(first, first + chunk_groups)
            members = kept[_ranges(group_starts[chunk], group_sizes[chunk])]
            piece, found = _merge_groups(
                versions.take(pa.array(members, pa.int64())),
                group_sizes[chunk],
                pc.take(keys, pa.array(kept[group_starts[chunk]], pa.int64())),
                judge,
            )
            pieces.append(piece)
            conflicts.extend(found)
            pool_memory.release_unused()
        merged = pa.concat_tables(pieces)
        pool = pa.concat_tables([versions, merged.replace_schema_metadata(metadata)])
        rows = np.r_[single_rows, versions.num_rows + np.arange(merged.num_rows)]
    del group, kept, ordered, keys  # free the grouping arrays before ordering
    pool_memory.release_unused()
    return ColumnarMerge(
        versions=versions,
        pool=pool,
        order=rows[order_indices(pool, rows)],
        conflicts=sort_conflicts(conflicts),
    )


def _named(table: pa.Table, judge: Judge) -> np.ndarray[Any, Any] | None:
    """Which rows a resolution names, by their id or an id they are joined to (None: no
    resolutions at all), as `timeline.merging.group_ids` does."""
    if not judge.resolutions:
        return None
    named = pa.array(sorted({r.event for r in judge.resolutions}), pa.string())
    rows = np.asarray(pc.is_in(table["id"], named).to_numpy(zero_copy_only=False), dtype=bool)
    same_as = table["same_as"].combine_chunks()
    aliases = pc.is_in(pc.list_flatten(same_as), named).to_numpy(zero_copy_only=False)
    parents = pc.list_parent_indices(same_as).to_numpy(zero_copy_only=False)
    rows[np.asarray(parents)[np.asarray(aliases, dtype=bool)]] = True
    return rows


def _reduce(values: np.ndarray[Any, Any], starts: np.ndarray[Any, Any], op: Any) -> Any:
    return op.reduceat(values, starts)


def _first_per_group(group: np.ndarray[Any, Any], *keys: np.ndarray[Any, Any], n: int) -> Any:
    """For each group, the row (index into these arrays) with the smallest keys; -1 if none."""
    order = np.lexsort((*reversed(keys), group))
    g = group[order]
    first = np.r_[True, g[1:] != g[:-1]] if len(g) else np.zeros(0, bool)
    picks = np.full(n, -1, dtype=np.int64)
    picks[g[first]] = order[first]
    return picks


def _at(rows: np.ndarray[Any, Any], first: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """rows[first] where first >= 0, else -1."""
    if len(rows) == 0:
        return np.full(len(first), -1, dtype=np.int64)
    picked: np.ndarray[Any, Any] = np.where(first >= 0, rows[np.maximum(first, 0)], -1)
    return picked


def _lists_per_group(
    values: pa.Array, owner: np.ndarray[Any, Any], n_groups: int, *, sort_keys: list[Any]
) -> pa.Array:
    """The sorted distinct values of each group as a list array (``owner``: group of each)."""
    ranks = [_rank(k) for k in sort_keys]
    order = np.lexsort((*reversed(ranks), owner))
    g = owner[order]
    distinct = np.r_[True, g[1:] != g[:-1]] if len(g) else np.zeros(0, bool)
    for r in ranks:
        rr = r[order]
        distinct |= np.r_[True, rr[1:] != rr[:-1]] if len(rr) else np.zeros(0, bool)
    chosen = order[distinct]
    counts = np.bincount(owner[chosen], minlength=n_groups)
    offsets = np.r_[0, np.cumsum(counts)].astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), values.take(pa.array(chosen, pa.int64())))


def _flatten(part: pa.Table, name: str, group_index: np.ndarray[Any, Any]) -> tuple[Any, Any]:
    column = part[name].combine_chunks() if isinstance(part[name], pa.ChunkedArray) else part[name]
    values = pc.list_flatten(column)
    parents = np.asarray(pc.list_parent_indices(column).to_numpy(zero_copy_only=False), np.int64)
    return values, group_index[parents]


def _merge_groups(
    part: pa.Table, sizes: np.ndarray[Any, Any], keys: pa.Array, judge: Judge
) -> tuple[pa.Table, list[Conflict]]:
    """Merge groups of two or more distinct versions; ``part`` holds their rows, in order.

    Each field follows its rule in `FIELD_RULES` (through `_COLUMNAR_RULES`). A group whose
    dates agree (`Rule.DATES`, stated exactly by a version) and that no resolution names is
    merged here, on whole columns, its votes decided by `timeline.merging.vote`; any other
    goes to the object kernel `timeline.merging.resolve`.
    """
    n_groups = len(sizes)
    local = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
    gi = np.repeat(np.arange(n_groups), sizes)
    idents = keys.to_pylist()
    columns = _Columns(part, gi, local, sizes, n_groups, idents, judge)
    chosen: dict[str, pa.Array] = {}
    judged = np.zeros(n_groups, dtype=bool)  # groups that need the object kernel
    for field, rule in FIELD_RULES.items():
        kernel = _COLUMNAR_RULES[rule]
        if kernel is not None:
            value, needs_judgement = kernel(columns, field)
            chosen[field] = value
            judged |= needs_judgement
    start_pick, end_pick, n_ends, dates_judged = _dates_agreeing(columns)
    judged |= dates_judged
    named_rows = _named(part, judge)
    if named_rows is not None:
        judged[np.unique(gi[named_rows])] = True
    tables = []
    conflicts: list[Conflict] = []
    easy_groups = np.flatnonzero(~judged)
    if len(easy_groups):
        tables.append(_assemble(part, chosen, easy_groups, start_pick, end_pick, n_ends))
        for g in easy_groups.tolist():
            conflicts.extend(columns.pending.get(g, ()))
    hard_groups = np.flatnonzero(judged)
    if len(hard_groups):
        rows = _ranges(local[hard_groups], sizes[hard_groups])
        versions = table_events(part.take(pa.array(rows, pa.int64())), trusted=True)
        merged = []
        at = 0
        for g in hard_groups.tolist():
            size = int(sizes[g])
            event, found = resolve(versions[at : at + size], judge)
            at += size
            merged.append(event)
            conflicts.extend(found)
        tables.append(events_table(merged))
    return pa.concat_tables(tables), conflicts


@attrs.frozen
class _Columns:
    """The rows of the groups being merged, as the columnar rules see them."""

    part: pa.Table
    gi: np.ndarray[Any, Any]  # the group of each row
    local: np.ndarray[Any, Any]  # the first row of each group
    sizes: np.ndarray[Any, Any]  # the number of rows of each group
    n_groups: int
    idents: list[str]
    judge: Judge
    pending: dict[int, list[Conflict]] = attrs.field(factory=dict)
    """Conflicts decided on columns, by group: kept for the groups merged on columns."""

    def sources(self, rows: np.ndarray[Any, Any]) -> list[list[str]]:
        """The sorted source ids of these rows' citations (`timeline.merging.sources_of`)."""
        cited = self.part["citations"].take(pa.array(rows, pa.int64())).to_pylist()
        return [sources_of(c["source"] for c in cites) for cites in cited]


def _voted(columns: _Columns, field: str) -> tuple[pa.Array, np.ndarray[Any, Any]]:
    """`Rule.VOTE` and `Rule.CAUTIOUS_VOTE`: where a group's versions agree, the one non-empty
    value, on columns; where they disagree, `timeline.merging.vote` decides, with each
    version's sources and rank (the conflicts wait in ``columns.pending``)."""
    part, gi, n_groups = columns.part, columns.gi, columns.n_groups
    values = part[field].combine_chunks()
    rank = _rank(values)
    empty = np.asarray(pc.equal(values, "").to_numpy(zero_copy_only=False), dtype=bool)
    rows = np.flatnonzero(~empty)
    first = _first_per_group(gi[rows], rank[rows], n=n_groups)
    last = _first_per_group(gi[rows], -rank[rows], n=n_groups)
    winner = _at(rows, first)
    disagree = (first >= 0) & (rank[_at(rows, first)] != rank[_at(rows, last)])
    taken = values.take(pa.array(np.where(winner >= 0, winner, 0), pa.int64()))
    chosen = pc.if_else(pa.array(winner >= 0), taken, "")
    groups = np.flatnonzero(disagree)
    if len(groups) == 0:
        return chosen, np.zeros(n_groups, dtype=bool)
    members = _ranges(columns.local[groups], columns.sizes[groups])
    texts = values.take(pa.array(members, pa.int64())).to_pylist()
    sources = columns.sources(members)
    decided: list[str] = []
    at = 0
    for g in groups.tolist():
        size = int(columns.sizes[g])
        told_as = [
            (texts[i], sources[i], columns.judge.rank(sources[i]))
            for i in range(at, at + size)
            if texts[i]
        ]
        at += size
        value, conflict = vote(columns.idents[g], field, told_as)
        decided.append(value)
        if conflict is not None:
            columns.pending.setdefault(g, []).append(conflict)
    index = np.arange(n_groups)
    index[groups] = n_groups + np.arange(len(groups))
    merged = pa.concat_arrays([chosen, pa.array(decided, pa.string())])
    return merged.take(pa.array(index, pa.int64())), np.zeros(n_groups, dtype=bool)


def _joined(columns: _Columns, field: str) -> tuple[pa.Array, np.ndarray[Any, Any]]:
    """`Rule.JOIN`: every distinct text of each group, sorted, joined by a blank line."""
    values = columns.part[field].combine_chunks()
    rows = np.flatnonzero(np.asarray(pc.not_equal(values, "").to_numpy(zero_copy_only=False)))
    subset = values.take(pa.array(rows, pa.int64()))
    lists = _lists_per_group(subset, columns.gi[rows], columns.n_groups, sort_keys=[subset])
    return pc.binary_join(lists, "\n\n"), np.zeros(columns.n_groups, dtype=bool)


def _unioned(columns: _Columns, field: str) -> tuple[pa.Array, np.ndarray[Any, Any]]:
    """`Rule.UNION`: the sorted distinct items of each group (``same_as``: with the group's
    other ids, without its own)."""
    values, owner = _flatten(columns.part, field, columns.gi)
    keys = [values]
    if field == "citations":
        keys = [pc.struct_field(values, [k]) for k in range(3)]
    elif field == "same_as":
        ids = columns.part["id"].combine_chunks()
        values = pa.concat_arrays([values.cast(pa.string()), ids])
        owner = np.r_[owner, columns.gi]
        own = pa.array(columns.idents, pa.string()).take(pa.array(owner))
        rows = np.flatnonzero(
            ~np.asarray(pc.equal(values, own).to_numpy(zero_copy_only=False), dtype=bool)
        )
        values, owner = values.take(pa.array(rows, pa.int64())), owner[rows]
        keys = [values]
    lists = _lists_per_group(values, owner, columns.n_groups, sort_keys=keys)
    return lists, np.zeros(columns.n_groups, dtype=bool)


def _group_ids(columns: _Columns, field: str) -> tuple[pa.Array, np.ndarray[Any, Any]]:
    """`Rule.GROUP_ID`: the group's first id."""
    return pa.array(columns.idents, pa.string()), np.zeros(columns.n_groups, dtype=bool)


def _dates_agreeing(columns: _Columns) -> tuple[Any, Any, Any, np.ndarray[Any, Any]]:
    """`Rule.DATES` where a version states the merged dates exactly: the row of each group's
    start and end, its count of ends, and which groups need judgement (versions of mixed
    shapes, dates that conflict or that no version states exactly)."""
    part, gi, local, n_groups = columns.part, columns.gi, columns.local, columns.n_groups

    def bounds(prefix: str, present: np.ndarray[Any, Any]) -> tuple[Any, Any, Any]:
        lo = np.where(
            present, date_days(part[f"{prefix}_earliest"], OPEN_START_DAYS), OPEN_START_DAYS
        )
        hi = np.where(present, date_days(part[f"{prefix}_latest"], OPEN_END_DAYS), OPEN_END_DAYS)
        g_lo, g_hi = _reduce(lo, local, np.maximum), _reduce(hi, local, np.minimum)
        exact = present & (lo == g_lo[gi]) & (hi == g_hi[gi])
        return g_lo, g_hi, exact

    has_end = np.asarray(part["has_end"].to_numpy(zero_copy_only=False), dtype=bool)
    s_lo, s_hi, s_exact = bounds("start", np.ones(len(gi), dtype=bool))
    e_lo, e_hi, e_exact = bounds("end", has_end)
    n_ends = _reduce(has_end.astype(np.int64), local, np.add)
    sizes = np.diff(np.r_[local, len(gi)])

    def pick(prefix: str, exact: np.ndarray[Any, Any]) -> tuple[Any, Any]:
        """The exact row first in (EDTF, wording) order, and whether another exact row ties
        with it there but is a different date (its full order is the object kernel's)."""
        rows = np.flatnonzero(exact)
        edtf, text = _rank(part[f"{prefix}_edtf"])[rows], _rank(part[f"{prefix}_text"])[rows]
        chosen = _at(rows, _first_per_group(gi[rows], edtf, text, n=n_groups))
        tie = np.zeros(n_groups, dtype=bool)
        if len(rows) == 0:
            return chosen, tie
        first = edtf * (len(gi) + 1) + text
        lowest = np.full(n_groups, np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(lowest, gi[rows], first)
        level = rows[first == lowest[gi[rows]]]  # the rows tied first in each group
        shared = np.bincount(gi[level], minlength=n_groups) > 1
        level = level[shared[gi[level]]]  # only groups where several rows tie
        if len(level) == 0:
            return chosen, tie
        subset = part.select([f"{prefix}_{name}" for name in _DATE_IDENTITY]).take(
            pa.array(level, pa.int64())
        )
        whole = _dense([_rank(subset[f"{prefix}_{name}"]) for name in _DATE_IDENTITY])
        low = np.full(n_groups, np.iinfo(np.int64).max, dtype=np.int64)
        high = np.full(n_groups, -1, dtype=np.int64)
        np.minimum.at(low, gi[level], whole)
        np.maximum.at(high, gi[level], whole)
        tie = (high >= 0) & (low != high)
        return chosen, tie

    start_pick, start_tie = pick("start", s_exact)
    end_pick, end_tie = pick("end", e_exact)
    instants = n_ends == 0
    spans = n_ends == sizes
    # an end still going on (open at both sides) against a given one: a conflict to judge
    ongoing = has_end & pc.is_null(part["end_core_earliest"]).to_numpy(zero_copy_only=False)
    ongoing &= pc.is_null(part["end_core_latest"]).to_numpy(zero_copy_only=False)
    n_ongoing = _reduce(ongoing.astype(np.int64), local, np.add)
    mixed_ends = (n_ongoing > 0) & (n_ongoing < n_ends)
    agree = (s_lo <= s_hi) & (start_pick >= 0) & ~start_tie
    agree &= instants | ((e_lo <= e_hi) & (end_pick >= 0) & ~end_tie & (s_lo <= e_hi))
    judged = ~agree | ~(instants | spans) | mixed_ends
    return start_pick, end_pick, n_ends, judged


_DATE_IDENTITY: Final = (
    "text", "edtf", "reference", "fuzziness", "calendar", "year_start",
    "first_precision", "last_precision", "first_qualifier", "last_qualifier",
)  # fmt: skip
"""The columns that tell two dates with the same bounds apart."""


def _dense(ranks: Sequence[np.ndarray[Any, Any]]) -> np.ndarray[Any, Any]:
    """One integer per distinct combination of these rank columns (equal rows, equal codes)."""
    if len(ranks[0]) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(tuple(reversed(ranks)))
    changed = np.zeros(len(order), dtype=bool)
    for r in ranks:
        rr = r[order]
        changed[1:] |= rr[1:] != rr[:-1]
    codes = np.empty(len(order), dtype=np.int64)
    codes[order] = np.cumsum(changed)
    return codes


_ColumnarRule = Callable[[_Columns, str], tuple[pa.Array, np.ndarray[Any, Any]]]
_COLUMNAR_RULES: Final[Mapping[Rule, _ColumnarRule | None]] = MappingProxyType(
    {
        Rule.GROUP_ID: _group_ids,
        Rule.VOTE: _voted,
        Rule.CAUTIOUS_VOTE: _voted,
        Rule.DATES: None,  # both date fields at once: `_dates_agreeing`
        Rule.JOIN: _joined,
        Rule.UNION: _unioned,
    }
)
"""The columnar form of every merge rule: where versions disagree on a judged field, the
group goes to `timeline.merging.resolve`, so judgement is written once."""
if set(_COLUMNAR_RULES) != set(Rule):  # pragma: no cover - a developer's slip
    raise ImportError("every merge Rule needs its columnar form in timeline.columnar")


def _ranges(starts: np.ndarray[Any, Any], sizes: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """The concatenated ranges starts[i] .. starts[i] + sizes[i]."""
    total = int(sizes.sum())
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    ranges: np.ndarray[Any, Any] = np.repeat(starts, sizes) + np.arange(total) - offsets
    return ranges


def _assemble(
    part: pa.Table,
    chosen: dict[str, pa.Array],
    groups: np.ndarray[Any, Any],
    start_pick: np.ndarray[Any, Any],
    end_pick: np.ndarray[Any, Any],
    n_ends: np.ndarray[Any, Any],
) -> pa.Table:
    """Merged rows of groups whose dates a version states exactly."""
    base = schema()
    index = pa.array(groups, pa.int64())
    starts = part.take(pa.array(start_pick[groups], pa.int64()))
    end_rows = np.where(n_ends[groups] > 0, end_pick[groups], -1)
    ends = part.take(pa.array(np.where(end_rows >= 0, end_rows, 0), pa.int64()))
    has_end = pa.array(end_rows >= 0)
    columns: dict[str, Any] = {}
    for field in base:
        name = field.name
        if name.startswith("start_"):
            columns[name] = starts[name]
        elif name.startswith("end_"):
            columns[name] = pc.if_else(has_end, ends[name], pa.nulls(len(groups), field.type))
        elif name in chosen:
            columns[name] = chosen[name].take(index)
    columns["earliest"] = starts["start_earliest"]
    columns["latest"] = pc.if_else(has_end, ends["end_latest"], starts["start_latest"])
    columns["has_end"] = has_end
    return pa.table({f.name: columns[f.name] for f in base}, schema=base)
