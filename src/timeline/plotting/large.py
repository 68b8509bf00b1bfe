"""The figure of a large timeline: the same reading as `timeline.plotting.figure`, computed on
arrays and drawn with WebGL traces, without labels (hover names every event).

Spans are thick lines over their core, instants markers at the middle of theirs; rows are
packed per lane (at most `MAX_ROWS`, then events share the row that frees up first).
"""

from __future__ import annotations

import heapq
import html
import re
from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np
import plotly.graph_objects as go

from timeline.model import Event, Status

__all__ = [
    "MAX_ROWS",
    "EventArrays",
    "event_arrays",
    "large_traces",
    "pack_rows",
    "table_arrays",
]

MAX_ROWS: Final = 40
ROUND_ROBIN: Final = 20_000
_LOW: Final = -(10**7)
_HIGH: Final = 10**7


_SPECIAL: Final = re.compile(r"[&<>\"']")
_STATUS_INDEX: Final = {s: i for i, s in enumerate(Status)}


def _esc(text: str) -> str:
    """HTML-escape, quickly when there is nothing to escape."""
    return html.escape(text) if _SPECIAL.search(text) else text


@attrs.define
class EventArrays:
    """The columns the figure needs: bounds as day ordinals (open ends far out), flags,
    status codes (in `Status` order), lanes and escaped hover texts."""

    earliest: Any
    latest: Any
    core_lo: Any
    core_hi: Any
    instant: Any
    status: Any
    lane: list[str]
    hover: Any


def _ordinals(values: Sequence[Any], fill: int) -> Any:
    return np.fromiter(
        (fill if d is None else d.toordinal() for d in values), dtype=np.int64, count=len(values)
    )


def event_arrays(events: Sequence[Event], lane_of: Any) -> EventArrays:
    """The arrays of these events, pulled out in one pass."""
    rows = [
        (
            e.start.earliest,
            (e.end or e.start).latest,
            e.start.core_earliest,
            (e.end or e.start).core_latest,
            e.end is None,
            _STATUS_INDEX[e.status],
            lane_of(e),
            _esc(e.title),
            _esc(e.start.text if e.end is None else f"{e.start.text} to {e.end.text}"),
            _esc(_cite(e.citations[0] if e.citations else None)),
        )
        for e in events
    ]
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [()] * 10
    hover = np.empty(len(rows), dtype=object)
    hover[:] = [f"<b>{t}</b><br>{w}<br>cited: {c}" for t, w, c in zip(*columns[7:10], strict=True)]
    return EventArrays(
        earliest=_ordinals(columns[0], _LOW),
        latest=_ordinals(columns[1], _HIGH),
        core_lo=_ordinals(columns[2], _LOW),
        core_hi=_ordinals(columns[3], _HIGH),
        instant=np.asarray(columns[4], dtype=bool),
        status=np.asarray(columns[5], dtype=np.int8),
        lane=list(columns[6]),
        hover=hover,
    )


def table_arrays(table: Any, lanes: str) -> EventArrays:
    """The same arrays straight from an events table of `timeline.io.arrow` (no objects)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def days(name: str, fill: int) -> Any:
        ints = pc.fill_null(pc.cast(table[name], pa.int32()), 0).to_numpy(zero_copy_only=False)
        valid = pc.is_valid(table[name]).to_numpy(zero_copy_only=False)
        epoch = 719163  # the ordinal of 1970-01-01
        return np.where(valid, ints.astype(np.int64) + epoch, fill)

    def esc(column: Any) -> Any:
        if not pc.any(pc.match_substring_regex(column, "[&<>\"']")).as_py():
            return column  # nothing to escape (the usual case): skip five passes
        for char, entity in (
            ("&", "&amp;"),
            ("<", "&lt;"),
            (">", "&gt;"),
            ('"', "&quot;"),
            ("'", "&#x27;"),
        ):
            column = pc.replace_substring(column, char, entity)
        return column

    has_end = np.asarray(table["has_end"].to_numpy(zero_copy_only=False), dtype=bool)
    core_hi = np.where(has_end, days("end_core_latest", _HIGH), days("start_core_latest", _HIGH))
    codes = {s.value: i for i, s in enumerate(Status)}
    encoded = pc.dictionary_encode(table["status"]).combine_chunks()
    mapping = np.asarray([codes[s] for s in encoded.dictionary.to_pylist()], dtype=np.int8)
    status = mapping[np.asarray(encoded.indices)]
    if lanes == "kind":
        lane = pc.if_else(pc.equal(table["kind"], ""), "other", table["kind"])
    elif lanes in ("actor", "place"):
        column = table["actors" if lanes == "actor" else "places"]
        first = pc.list_element(
            pc.if_else(
                pc.greater(pc.list_value_length(column), 0), column, pa.scalar([""], column.type)
            ),
            0,
        )
        empty = f"(no {lanes})"
        lane = pc.if_else(pc.equal(first, ""), empty, first)
    else:
        lane = pa.array(["events"] * table.num_rows)
    when = pc.if_else(
        pa.array(has_end),
        pc.binary_join_element_wise(table["start_text"], " to ", table["end_text"], ""),
        table["start_text"],
    )
    first = pc.list_element(
        pc.if_else(
            pc.greater(pc.list_value_length(table["citations"]), 0),
            table["citations"],
            pa.scalar(
                [{"source": "(uncited)", "locator": "", "wording": ""}], table["citations"].type
            ),
        ),
        0,
    )
    source, locator, wording = (pc.struct_field(first, [k]) for k in range(3))
    where = pc.if_else(
        pc.equal(locator, ""), source, pc.binary_join_element_wise(source, locator, ", ")
    )
    cite = pc.if_else(
        pc.equal(wording, ""), where, pc.binary_join_element_wise(where, ": “", wording, "”", "")
    )
    joined = pc.binary_join_element_wise(
        "<b>", esc(table["title"]), "</b><br>", esc(when), "<br>cited: ", esc(cite), ""
    )
    hover = joined.to_numpy(zero_copy_only=False)
    return EventArrays(
        earliest=days("earliest", _LOW),
        latest=days("latest", _HIGH),
        core_lo=days("start_core_earliest", _LOW),
        core_hi=core_hi,
        instant=~has_end,
        status=status,
        lane=lane.to_pylist(),
        hover=hover,
    )


def pack_rows(x0: Any, x1: Any, pad: float, max_rows: int = MAX_ROWS) -> tuple[Any, int]:
    """Rows for intervals (any order): in order of x0, the row that frees up first, a new one
    while it is still busy (up to ``max_rows``), then the earliest-freed row even if busy.

    Beyond `ROUND_ROBIN` intervals, neighbours in time simply take the rows in turn (the
    same picture when the rows are full, at NumPy speed).
    """
    order = np.argsort(x0, kind="stable")
    if len(x0) > ROUND_ROBIN:
        rows = np.empty(len(x0), dtype=np.int64)
        rows[order] = np.arange(len(x0)) % max_rows
        return rows, min(len(x0), max_rows)
    packed, count = _greedy(x0[order], x1[order], pad, max_rows)
    rows = np.empty(len(x0), dtype=np.int64)
    rows[order] = packed
    return rows, count


def _greedy(x0: Any, x1: Any, pad: float, max_rows: int) -> tuple[Any, int]:
    rows = np.empty(len(x0), dtype=np.int64)
    free: list[tuple[float, int]] = []
    count = 0
    for i in range(len(x0)):
        start = x0[i]
        if free and (free[0][0] + pad <= start or count >= max_rows):
            _, row = heapq.heappop(free)
        else:
            row = count
            count += 1
        rows[i] = row
        heapq.heappush(free, (max(x1[i], start), row))
    return rows, count


def large_traces(
    arrays: EventArrays,
    xs: Any,
    y: Any,
    lane: str,
    index: Any,
    colour: str,
    style: dict[Status, dict[str, str]],
) -> list[Any]:
    """WebGL traces of one lane: a line trace for its spans and a marker trace per status."""
    traces: list[Any] = []
    x_lo, x_hi = xs(arrays.core_lo[index]), xs(arrays.core_hi[index])
    status = arrays.status[index]
    spans = ~arrays.instant[index]
    hover = arrays.hover[index]
    statuses = list(Status)
    if spans.any():
        n = int(spans.sum())
        line_x = np.column_stack([x_lo[spans], x_hi[spans], np.full(n, np.nan)]).ravel()
        line_y = np.column_stack([y[spans], y[spans], np.full(n, np.nan)]).ravel()
        traces.append(
            go.Scattergl(
                x=line_x,
                y=line_y,
                mode="lines",
                line={"color": colour, "width": 4},
                hoverinfo="skip",
                name=lane,
                showlegend=False,
                legendgroup=f"lane:{lane}",
                meta={"lane": lane, "status": "any"},
            )
        )
    # a marker sits in the middle of its core, or on its known bound when one side is open
    open_lo, open_hi = arrays.core_lo[index] == _LOW, arrays.core_hi[index] == _HIGH
    middle = np.where(open_lo, x_hi, np.where(open_hi, x_lo, (x_lo + x_hi) / 2))
    for code, value in enumerate(statuses):
        chosen = status == code
        if not chosen.any():
            continue
        traces.append(
            go.Scattergl(
                x=middle[chosen],
                y=y[chosen],
                mode="markers",
                marker={"color": colour, "size": 5, "symbol": style[value]["symbol"]},
                hovertext=hover[chosen],
                hovertemplate=f"%{{hovertext}}<br>status: {value.value}<extra></extra>",
                name=lane,
                showlegend=False,
                legendgroup=f"lane:{lane}",
                meta={"lane": lane, "status": value.value, "main": True},
            )
        )
    return traces


def _cite(citation: Any) -> str:
    if citation is None:
        return "(uncited)"
    where = f"{citation.source}, {citation.locator}" if citation.locator else citation.source
    return f"{where}: “{citation.wording}”" if citation.wording else where
