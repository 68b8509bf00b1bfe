"""Build the Plotly figure of a timeline: one pipeline for every size.

The x axis is a real Plotly date axis, so everything Plotly offers works on it with dates:
``fig.add_vline(x="1632-11-16")``, ``add_vrect``, ``add_annotation(x=...)``, zooming with
ticks at round dates, PNG/SVG export. Long empty stretches are cut with Plotly's own range
breaks (see `timeline.plotting.geometry` for the rule); each cut is marked on the axis and
labelled with what it hides above the plot. A date inside a cut has no place on the axis:
Plotly draws it on the cut's mark.

Every trace of a lane (its bars, marks, markers and labels) shares one legend group, so a
legend click hides the lane with its labels wherever the figure is shown (a page, Jupyter,
Dash): no script is needed. The second legend is a key to the marks and cannot be clicked.

Up to `LABELLED` events, each glyph has its title beside it, and rows are packed so that no
two glyphs or labels overlap at the figure's width; zooming in only spreads them apart. From
`timeline.plotting.options.LARGE` events on, traces are WebGL, without labels, on a plain
date axis.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Callable, Sequence
from typing import Any, Final

import numpy as np
import plotly.graph_objects as go

from timeline.collection import Timeline
from timeline.model import Event, Status
from timeline.plotting import style
from timeline.plotting.geometry import (
    HIGH,
    Columns,
    Scale,
    columns_from_events,
    columns_from_table,
    pack_rows,
    scale_for,
)
from timeline.plotting.glyphs import Marks, marks
from timeline.plotting.options import Options

__all__ = ["LABELLED", "MAX_ROWS", "build_figure", "lanes_of"]

LABELLED: Final = 600
"""Up to this many glyphs, each has its label beside it (beyond, hover and the page's table
name every event)."""
MAX_ROWS: Final = 40
"""Rows per lane in an unlabelled figure; beyond, glyphs share rows."""
ALT_ROWS: Final = 5000
"""Events listed in the text alternative of a page; the page says when there are more."""

_EPOCH: Final = 719163
_DAY_MS: Final = 86_400_000.0
_FONT_PX: Final = 11
_CHAR_PX: Final = 6.6
_MARKER_PX: Final = 7.0
_ROW_PX: Final = 22
_SMALL_ROW_PX: Final = 8
_PAD_PX: Final = 8.0
_MIN_LABEL_CHARS: Final = 8
_WIDE: Final = 900
_CAP_ROWS: Final = 0.36
_CAP_ROWS_WEBGL: Final = 0.45
"""Half the height of a whisker's caps, in rows: taller than the marker."""
_TICK_PX: Final = 75
"""About one tick per this many pixels of axis."""
_OFF_PLOT: Final = 1e6
"""Where legend-only traces put their points: far above the fixed y range (Plotly's range
slider fails on traces without any valid point)."""


def lanes_of(event: Event, lanes: str) -> tuple[str, ...]:
    """The lanes an event is drawn in under ``lanes`` (each of its actors, places, tags or
    cited sources; its kind or status; or the one lane ``"events"``)."""
    if lanes == "kind":
        return (event.kind or "other",)
    if lanes == "status":
        return (event.status.value,)
    if lanes == "none":
        return ("events",)
    if lanes == "source":
        names = tuple(sorted({c.source for c in event.citations}))
        return names or ("(uncited)",)
    values = {"actor": event.actors, "place": event.places, "tag": event.tags}[lanes]
    unique = tuple(dict.fromkeys(values))
    return unique or (f"(no {lanes})",)


def _when(event: Event) -> str:
    """When the event happened, in its own words (EDTF where it has none)."""
    start = event.start.text or event.start.to_edtf()
    if event.end is None:
        return start
    return f"{start} to {event.end.text or event.end.to_edtf()}"


def _hover(event: Event, lanes: tuple[str, ...]) -> str:
    """The hover text of an event: the same for every size of figure."""
    parts = [
        f"<b>{style.text(event.title)}</b>",
        style.text(_when(event)),
        f"cited: {style.text(style.cite_all(event.citations))}",
        f"status: {event.status.value}",
    ]
    if len(lanes) > 1:
        parts.append(f"shared by lanes: {style.text(', '.join(lanes))}")
    if event.description:
        parts.append(style.text(style.shorten(event.description, 160)))
    if event.note:
        parts.append(f"<i>{style.text(style.shorten(event.note, 160))}</i>")
    return "<br>".join(parts)


def _now_of(timeline: Timeline) -> Callable[[Event], int]:
    published = {
        s.id: s.published.latest.toordinal() + 1  # through its last day
        for s in timeline.sources
        if s.published is not None and s.published.latest is not None
    }

    def now(event: Event) -> int:
        # "ongoing" runs to when its sources were written; without a date, to the axis's end
        days = [published[c.source] for c in event.citations if c.source in published]
        return max(days) if days else HIGH

    return now


def _columns(timeline: Timeline, options: Options, webgl: bool) -> Columns:
    table = timeline._columns
    if (
        webgl
        and table is not None
        and table.num_rows == len(timeline)
        and options.lanes
        in (
            "kind",
            "none",
            "status",
        )
    ):
        return _columns_of_table(table, options.lanes)
    return columns_from_events(
        timeline.events,
        lambda e: lanes_of(e, options.lanes),
        lambda e: _hover(e, lanes_of(e, options.lanes)),
        _now_of(timeline),
    )


def _columns_of_table(table: Any, lanes: str) -> Columns:
    """Columns read from the timeline's Arrow table: the large-figure fast path."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if lanes == "kind":
        names = pc.if_else(pc.equal(table["kind"], ""), "other", table["kind"])
    elif lanes == "status":
        names = table["status"]
    else:
        names = pa.array(["events"] * table.num_rows)
    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    return columns_from_table(table, names, _table_hover(table), HIGH)


def _table_hover(table: Any) -> Any:
    """`_hover` of every row of an events table, vectorised with Arrow (same text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    esc = style.text_column

    # every citation formatted as `style.cite` does, on the flattened column, then joined
    # back per event (exactly "; ".join(...) of the object path)
    column = table["citations"].combine_chunks()
    offsets = np.asarray(column.offsets)
    flat = column.flatten()
    source, locator, wording = (flat.field(k) for k in ("source", "locator", "wording"))
    where = pc.if_else(
        pc.equal(locator, ""), source, pc.binary_join_element_wise(source, locator, ", ")
    )
    one = pc.if_else(
        pc.equal(wording, ""), where, pc.binary_join_element_wise(where, ": “", wording, "”", "")
    )

    def per_event(values: Any, starts: Any, empty: str) -> Any:
        lists = pa.ListArray.from_arrays(pa.array(starts, pa.int32()), values)
        joined = pc.binary_join(lists, "; ")
        return pc.if_else(pc.equal(joined, ""), empty, joined)

    cited = per_event(one, offsets, "(uncited)")
    has_end = table["has_end"]
    start = pc.if_else(pc.equal(table["start_text"], ""), table["start_edtf"], table["start_text"])
    end = pc.if_else(pc.equal(table["end_text"], ""), table["end_edtf"], table["end_text"])
    when = pc.if_else(has_end, pc.binary_join_element_wise(start, " to ", end, ""), start)
    joined = pc.binary_join_element_wise(
        "<b>",
        esc(table["title"]),
        "</b><br>",
        esc(when),
        "<br>cited: ",
        esc(cited),
        "<br>status: ",
        table["status"],
        "",
    )
    return joined.to_numpy(zero_copy_only=False)


def _eras(timeline: Timeline) -> list[tuple[int, int, str]]:
    """Eras as (first day, day after the last, title); an era without an end runs to the
    axis's end."""
    eras = []
    for era in timeline.eras:
        first = era.start.earliest or era.start.core_earliest
        if first is None:
            continue
        last = era.end.latest if era.end is not None else None
        eras.append((first.toordinal(), last.toordinal() + 1 if last else HIGH, era.title))
    return eras


def _label_side(left_px: Any, right_px: Any, chars: Any, width: float) -> tuple[Any, Any]:
    """Where each label goes (1 right, -1 left, 0 none) and how many characters it keeps."""
    room_right = width - right_px - _MARKER_PX - _PAD_PX
    room_left = left_px - _MARKER_PX - _PAD_PX
    need = chars * _CHAR_PX
    side = np.where(need <= room_right, 1, np.where(need <= room_left, -1, 0))
    best_room = np.maximum(room_right, room_left)
    fit = np.floor(best_room / _CHAR_PX).astype(np.int64)
    shortened = (side == 0) & (fit >= _MIN_LABEL_CHARS)
    side = np.where(shortened, np.where(room_right >= room_left, 1, -1), side)
    keep = np.where(shortened, fit, chars)
    return side, keep


def build_figure(timeline: Timeline, options: Options) -> go.Figure:
    """The figure of a timeline (see the module docstring for what it shows)."""
    webgl, axis_kind = options.resolved(len(timeline))
    look = style.look(options.theme)
    columns = _columns(timeline, options, webgl)
    eras = _eras(timeline)

    # lanes, in order of their first event; a glyph per event and lane
    if columns.lane_codes is not None and columns.lane_names is not None:
        lane_names = list(columns.lane_names)
        event_of = np.arange(len(columns))
        lane_of = columns.lane_codes
        shared = np.zeros(len(columns), dtype=bool)
    else:
        lengths = np.fromiter(map(len, columns.lanes), dtype=np.int64, count=len(columns))
        event_of = np.repeat(np.arange(len(columns)), lengths)
        lane_index: dict[str, int] = {}
        lane_of = np.fromiter(
            (lane_index.setdefault(n, len(lane_index)) for names in columns.lanes for n in names),
            dtype=np.int64,
            count=len(event_of),
        )
        lane_names = list(lane_index)
        shared = lengths[event_of] > 1
    glyph_event = event_of.tolist()

    wide = options.width >= _WIDE
    left_margin = _left_margin(lane_names, options.width)
    right_margin = 250 if wide else 24
    plot_px = float(max(options.width - left_margin - right_margin, 120))
    scale = scale_for(
        columns,
        [(a, b - 1 if b < HIGH else HIGH) for a, b, _ in eras],
        plot_px,
        cut=axis_kind == "segmented",
    )
    drawn = marks(columns, event_of, scale)
    labelled = not webgl and len(event_of) <= LABELLED

    left_px = scale.px(drawn.left) - _MARKER_PX
    right_px = scale.px(drawn.right) + _MARKER_PX
    label_text: list[str] = []
    side = np.zeros(len(event_of), dtype=np.int64)
    if labelled:
        titles = [
            columns.titles[i] + (" ⇄" if s else "")
            for i, s in zip(glyph_event, shared.tolist(), strict=True)
        ]
        chars = np.asarray([len(t) for t in titles], dtype=np.int64)
        side, keep = _label_side(left_px, right_px, chars, plot_px)
        label_text = [style.shorten(t, int(k)) for t, k in zip(titles, keep.tolist(), strict=True)]
        width_px = np.asarray([len(t) for t in label_text]) * _CHAR_PX + _PAD_PX
        right_px = np.where(side == 1, right_px + width_px, right_px)
        left_px = np.where(side == -1, left_px - width_px, left_px)

    # rows: packed per lane, lanes stacked top to bottom (row 0 is kept for era names)
    row_of = np.zeros(len(event_of), dtype=np.int64)
    lane_top: list[int] = []
    lane_rows: list[int] = []
    era_tiers = _tiers([(x, x + len(t) * 5.8 + 4) for x, t in _era_px(eras, scale)])
    top = math.ceil(0.8 * (max(era_tiers) + 1)) if era_tiers else 0
    order = np.argsort(lane_of, kind="stable")
    bounds = np.searchsorted(lane_of[order], np.arange(len(lane_names) + 1))
    for k in range(len(lane_names)):
        members = order[bounds[k] : bounds[k + 1]]
        rows, count = pack_rows(
            left_px[members], right_px[members], _PAD_PX, None if labelled else MAX_ROWS
        )
        row_of[members] = rows + top
        lane_top.append(top)
        lane_rows.append(count)
        top += count
    y_of = -row_of.astype(np.float32)  # rows are small whole numbers: 4 bytes are exact

    figure = go.Figure()
    colours: list[tuple[str, str]] = [
        style.lane_cue(k, dict(options.colors or {}), name) for k, name in enumerate(lane_names)
    ]
    specs: list[dict[str, Any]] = []
    for k, name in enumerate(lane_names):
        members = order[bounds[k] : bounds[k + 1]]
        specs.extend(
            _lane_traces(
                k,
                name,
                colours[k],
                members,
                drawn,
                columns,
                event_of,
                y_of,
                label_text,
                side,
                webgl,
                look,
                scale.lo,
            )
        )
    _add_traces(figure, specs)
    key = _key(look, webgl, scale.lo)
    figure.add_traces(key)
    _layout(
        figure,
        options,
        look,
        scale,
        eras,
        lane_names,
        colours,
        lane_top,
        lane_rows,
        top,
        left_margin,
        right_margin,
        webgl,
        len(key),
    )
    figure.update_layout(
        meta={
            "timeline": {
                "events": len(columns),
                "lanes": lane_names,
                "webgl": webgl,
                "axis": axis_kind,
                "cuts": [[_iso(c.start), _iso(c.end)] for c in scale.cuts],
                "table": _table_rows(timeline, columns),
            }
        }
    )
    return figure


def _iso(ordinal: int) -> str:
    return _dt.date.fromordinal(ordinal).isoformat()


def _table_rows(timeline: Timeline, columns: Columns) -> list[list[str]]:
    """The rows of the page's text alternative: date, title, status, sources (plain text)."""
    rows = []
    for event in timeline.events[:ALT_ROWS]:
        rows.append(
            [
                event.date_label(),
                event.title,
                event.status.value,
                style.cite_all(event.citations),
            ]
        )
    return rows


def _left_margin(lane_names: Sequence[str], width: int) -> int:
    longest = max((len(n) for n in lane_names), default=4)
    cap = int(width * (0.3 if width >= _WIDE else 0.28))
    return int(min(max(longest * _CHAR_PX + 34, 70), cap))


def _dates(ordinals: Any) -> Any:
    """Day ordinals (floats, NaN for a gap) as Plotly date values: milliseconds since 1970,
    which a date axis reads as dates and Plotly ships as a compact binary array."""
    return (np.asarray(ordinals, dtype=np.float64) - _EPOCH) * _DAY_MS


_ARRAYS: Final = ("x", "y", "hovertext", "text")


def _add_traces(figure: go.Figure, specs: list[dict[str, Any]]) -> None:
    """Add traces given as dicts, their data arrays set after adding: Plotly deep-copies what
    it adds (item by item for arrays of strings) but only validates what is set."""
    figure.add_traces([{k: v for k, v in spec.items() if k not in _ARRAYS} for spec in specs])
    for trace, spec in zip(figure.data[-len(specs) :], specs, strict=True):
        trace.update({k: spec[k] for k in _ARRAYS if k in spec})


def _ids(columns: Columns, events: Any) -> Any:
    """Event ids as one string ("id1 id2 ..."; ids are slugs): Plotly copies a string at
    once, a list or an object array item by item."""
    return " ".join(columns.ids[i] for i in events.tolist())


def _lines(x0: Any, x1: Any, y: Any) -> tuple[Any, Any]:
    n = len(x0)
    xs = np.column_stack([x0, x1, np.full(n, np.nan)]).ravel()
    ys = np.column_stack([y, y, np.full(n, np.nan, dtype=np.float32)]).ravel()
    return _dates(xs), ys


def _lane_traces(
    k: int,
    name: str,
    cue: tuple[str, str],
    members: Any,
    drawn: Marks,
    columns: Columns,
    event_of: Any,
    y_of: Any,
    label_text: list[str],
    side: Any,
    webgl: bool,
    look: style.Look,
    anchor_day: int,
) -> list[dict[str, Any]]:
    colour, _ = cue
    trace_type = "scattergl" if webgl else "scatter"

    def scatter(**props: Any) -> dict[str, Any]:
        return {"type": trace_type, **props}

    group = f"lane{k}"
    common: dict[str, Any] = {"legendgroup": group, "showlegend": False, "name": style.text(name)}
    traces: list[dict[str, Any]] = []
    inside = np.zeros(len(event_of), dtype=bool)
    inside[members] = True
    thick = 4 if webgl else 9
    piece_style = {
        "certain": {"width": thick, "color": colour},
        "faint": {"width": thick, "color": colour},
        "period": {"width": thick, "color": colour},
        "approximate": {"width": 2, "color": colour, "dash": style.DASH_OF_STEPS["approximate"]},
        "uncertain": {"width": 2, "color": colour, "dash": style.DASH_OF_STEPS["uncertain"]},
        "both": {"width": 2, "color": colour, "dash": style.DASH_OF_STEPS["both"]},
        "open": {"width": 2, "color": colour},
    }
    opacity = {"faint": 0.4, "period": 0.38, "open": 0.7}
    for kind, (glyph, x0, x1) in drawn.pieces.items():
        keep = inside[glyph]
        if not keep.any():
            continue
        xs, ys = _lines(x0[keep], x1[keep], y_of[glyph[keep]])
        line = dict(piece_style[kind])
        if webgl and "dash" in line:
            line["dash"] = "dot" if line["dash"] == "dot" else "dash"
        traces.append(
            scatter(
                x=xs,
                y=ys,
                mode="lines",
                line=line,
                opacity=opacity.get(kind, 1.0),
                hoverinfo="skip",
                meta={"lane": k, "part": kind},
                **common,
            )
        )
    for part, (glyph, x), symbol, size in (
        ("open-start", drawn.arrows_left, "arrow-left", 11),
        ("open-end", drawn.arrows_right, "arrow-right", 11),
        ("ongoing", drawn.now, "triangle-right", 12),
    ):
        keep = inside[glyph]
        if not keep.any():
            continue
        traces.append(
            scatter(
                x=_dates(x[keep]),
                y=y_of[glyph[keep]],
                mode="markers",
                marker={
                    "symbol": symbol,
                    "size": size,
                    "color": colour,
                    "line": {"color": colour, "width": 2},
                },
                hoverinfo="skip",
                meta={"lane": k, "part": part},
                **common,
            )
        )
    lo, hi = drawn.period[0][members], drawn.period[1][members]
    known = np.isfinite(lo)
    if known.any():
        # the period an instant is only known to: one stroke |—| with caps taller than the
        # marker, so it shows even where the period is narrower than a pixel
        cap = _CAP_ROWS_WEBGL if webgl else _CAP_ROWS
        y = y_of[members[known]]
        a, b = lo[known], hi[known]
        nan = np.full(len(a), np.nan)
        xs = np.column_stack([a, a, a, b, b, b, nan]).ravel()
        ys = np.column_stack([y - cap, y + cap, y, y, y + cap, y - cap, nan]).ravel()
        ys = ys.astype(np.float32)
        traces.append(
            scatter(
                x=_dates(xs),
                y=ys,
                mode="lines",
                line={"color": colour, "width": 2},
                hoverinfo="skip",
                meta={"lane": k, "part": "whiskers"},
                **common,
            )
        )
    status = columns.status[event_of[members]]
    for code, value in enumerate(Status):
        chosen = members[status == code]
        if len(chosen) == 0:
            continue
        look_of = style.STATUS_STYLE[value]
        traces.append(
            scatter(
                x=_dates(drawn.marker[chosen]),
                y=y_of[chosen],
                mode="markers",
                marker={
                    "symbol": look_of.symbol,
                    "size": 6 if webgl else 11,
                    "color": colour,
                    "line": {"color": colour, "width": 2},
                },
                hovertext=columns.hover[event_of[chosen]],
                hovertemplate="%{hovertext}<extra></extra>",
                meta={
                    "lane": k,
                    "part": "marker",
                    "status": value.value,
                    "ids": _ids(columns, event_of[chosen]),
                },
                **common,
            )
        )
    spans = members[columns.has_end[event_of[members]]]
    if len(spans) and not webgl:
        # more places to hover a long bar: its middle and its end
        a, b = drawn.left[spans], drawn.right[spans]
        traces.append(
            scatter(
                x=_dates(np.concatenate([(a + b) / 2, b])),
                y=np.concatenate([y_of[spans], y_of[spans]]),
                mode="markers",
                marker={"size": 10, "color": colour, "opacity": 0},
                hovertext=np.concatenate([columns.hover[event_of[spans]]] * 2),
                hovertemplate="%{hovertext}<extra></extra>",
                meta={"lane": k, "part": "hover"},
                **common,
            )
        )
    if label_text:
        for where, position, anchor in (
            (1, "middle right", drawn.right),
            (-1, "middle left", drawn.left),
        ):
            chosen = members[side[members] == where]
            if len(chosen) == 0:
                continue
            offset = " " if where == 1 else ""
            traces.append(
                dict(
                    type="scatter",
                    x=_dates(anchor[chosen]),
                    y=y_of[chosen],
                    mode="text",
                    text=[
                        offset + style.text(label_text[i]) + ("" if where == 1 else " ")
                        for i in chosen.tolist()
                    ],
                    textposition=position,
                    textfont={"size": _FONT_PX, "color": look.ink},
                    hoverinfo="skip",
                    xaxis="x2",
                    meta={
                        "lane": k,
                        "part": "label",
                        "ids": _ids(columns, event_of[chosen]),
                    },
                    **common,
                )
            )
    traces.append(
        scatter(
            x=[_iso(anchor_day)] * 2,
            y=[_OFF_PLOT] * 2,
            mode="markers",
            marker={"symbol": cue[1], "size": 12, "color": colour},
            legend="legend",
            legendrank=1000 + k,
            xaxis="x2",  # entries without data stay off the range slider (it fails on them)
            meta={"lane": k, "part": "legend"},
            **(common | {"showlegend": True}),
        )
    )
    return traces


def _key(look: style.Look, webgl: bool, anchor_day: int) -> list[Any]:
    """The key to the marks (the second legend; it cannot be clicked)."""
    ink = look.key
    entries: list[tuple[str, dict[str, Any]]] = [
        (
            s.legend,
            {
                "mode": "markers",
                "marker": {
                    "symbol": s.symbol,
                    "size": 11,
                    "color": ink,
                    "line": {"color": ink, "width": 2},
                },
            },
        )
        for s in style.STATUS_STYLE.values()
    ]
    entries += [
        ("certainly going on", {"mode": "lines", "line": {"width": 8, "color": ink}}),
        (
            "known only to a period",
            {"mode": "lines", "line": {"width": 8, "color": ink}, "opacity": 0.38},
        ),
        (
            "instant, with its period |●|",
            {
                "mode": "markers",
                "marker": {
                    "symbol": style.CAP_SYMBOL,
                    "size": 16,
                    "color": ink,
                    "line": {"color": ink, "width": 2},
                },
            },
        ),
        (
            "approximate (circa, ~)",
            {"mode": "lines", "line": {"width": 2, "color": ink, "dash": "dot"}},
        ),
        (
            "uncertain (probably, ?)",
            {"mode": "lines", "line": {"width": 2, "color": ink, "dash": "dash"}},
        ),
        (
            "approximate and uncertain (%)",
            {"mode": "lines", "line": {"width": 2, "color": ink, "dash": "dashdot"}},
        ),
        (
            "open end: after / before →",
            {
                "mode": "markers",
                "marker": {
                    "symbol": "arrow-right",
                    "size": 11,
                    "color": ink,
                    "line": {"color": ink, "width": 2},
                },
            },
        ),
        (
            "ongoing: to the present ▶",
            {"mode": "markers", "marker": {"symbol": "triangle-right", "size": 12, "color": ink}},
        ),
        (
            "shared by several lanes: ⇄",
            {"mode": "markers", "marker": {"symbol": "circle", "size": 1, "color": ink}},
        ),
    ]
    if webgl:
        entries = entries[:7]
    return [
        go.Scatter(
            x=[_iso(anchor_day)] * 2,
            y=[_OFF_PLOT] * 2,
            name=name,
            legend="legend",
            legendgroup="key",
            legendgrouptitle={"text": "key to the marks"} if i == 0 else None,
            legendrank=2000 + i,
            xaxis="x2",
            showlegend=True,
            hoverinfo="skip",
            meta={"part": "key"},
            **spec,
        )
        for i, (name, spec) in enumerate(entries)
    ]


def _fit(title: str, first: int, scale: Scale) -> str:
    """An era's name cut to the room between its start and the end of the axis."""
    room = scale.width - float(scale.px(max(first, scale.lo)))
    return style.shorten(title, max(int(room / 5.8) - 1, 4))


def _era_px(eras: list[tuple[int, int, str]], scale: Scale) -> list[tuple[float, str]]:
    return [(float(scale.px(max(first, scale.lo))), title) for first, _, title in eras]


def _tiers(spans: list[tuple[float, float]]) -> list[int]:
    """The first tier (row of text) where each (left, right) pixel span meets no other."""
    ends: list[float] = []
    tiers = []
    for left, right in spans:
        for tier, end in enumerate(ends):
            if end + 6 <= left:
                ends[tier] = right
                tiers.append(tier)
                break
        else:
            tiers.append(len(ends))
            ends.append(right)
    return tiers


_LEGEND_ROW_PX: Final = 20
_LEGEND_TITLE_PX: Final = 26


def _layout(
    figure: go.Figure,
    options: Options,
    look: style.Look,
    scale: Scale,
    eras: list[tuple[int, int, str]],
    lane_names: list[str],
    colours: list[tuple[str, str]],
    lane_top: list[int],
    lane_rows: list[int],
    rows: int,
    left_margin: int,
    right_margin: int,
    webgl: bool,
    key_entries: int,
) -> None:
    wide = options.width >= _WIDE
    plot_px = scale.width
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []

    # cut labels above the plot, in tiers so that none meets another or leaves the figure
    cut_text = [
        ("// " + (c.label() if wide else c.label().split(" (")[0]), float(scale.px(c.start)))
        for c in scale.cuts
    ]
    cut_spans = []
    for label, x in cut_text:
        w = len(label) * 6.0
        left = min(max(x - w / 2, -left_margin + 4), plot_px + right_margin - w - 4)
        cut_spans.append((left, left + w))
    cut_tiers = _tiers(cut_spans)
    for cut, (label, _), (left, _), tier in zip(
        scale.cuts, cut_text, cut_spans, cut_tiers, strict=True
    ):
        mark = _iso(cut.start)
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": mark,
                "x1": mark,
                "y0": 0,
                "y1": 1,
                "line": {"color": look.cut_line, "width": 1.5, "dash": "longdash"},
                "name": "cut",
            }
        )
        annotations.append(
            {
                "x": left / plot_px,
                "y": 1,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "left",
                "yanchor": "bottom",
                "yshift": 4 + 15 * tier,
                "text": label,
                "showarrow": False,
                "font": {"size": 10, "color": look.ink},
                "name": "cut",
            }
        )
    cut_px = (max(cut_tiers) + 1) * 15 + 8 if cut_tiers else 0

    # era bands, and their names in tiers at the top of the plot (rows 0, -1, ... are theirs)
    era_tiers = _tiers([(x, x + len(t) * 5.8 + 4) for x, t in _era_px(eras, scale)])
    for (first, last, title), tier in zip(eras, era_tiers, strict=True):
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": _iso(max(first, scale.lo)),
                "x1": _iso(min(last, scale.hi)),
                "y0": 0,
                "y1": 1,
                "fillcolor": look.era_fill,
                "line": {"width": 1, "color": look.era_line, "dash": "dot"},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": _iso(max(first, scale.lo)),
                "y": -tier * 0.8 + 0.35,
                "xref": "x",
                "yref": "y",
                "xanchor": "left",
                "yanchor": "middle",
                "text": f"<i>{style.text(_fit(title, first, scale))}</i>",
                "showarrow": False,
                "font": {"size": 10, "color": look.faint_ink},
                "name": "era",
            }
        )
    for lane_index in range(1, len(lane_names)):
        y = -(lane_top[lane_index] - 0.5)
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": y,
                "y1": y,
                "line": {"color": look.separator, "width": 1, "dash": "dot"},
            }
        )

    # heights: rows, then legends (beside the plot when wide, below it when narrow)
    row_px = _SMALL_ROW_PX if webgl else _ROW_PX
    slider = not webgl
    lanes_px = _LEGEND_TITLE_PX + _LEGEND_ROW_PX * len(lane_names)
    key_px = _LEGEND_TITLE_PX + 10 + _LEGEND_ROW_PX * key_entries
    plot_height = max(rows * row_px + row_px, 160)
    if wide:
        plot_height = max(plot_height, lanes_px + key_px + 10)
    slider_px = (0.07 * plot_height + 24) if slider else 0
    top_margin = 30 + (34 if options.title else 0) + cut_px
    # margins are fixed (no auto-expansion, which fails with the slider): they hold the tick
    # labels, the range slider and, below a narrow figure, the legend
    below = 48 + slider_px
    bottom = int(below + (0 if wide else lanes_px + key_px + 16))
    height = options.height or int(plot_height + top_margin + bottom)
    # the legend (lanes, then the key) in figure coordinates, which do not move with the plot
    if wide:
        placement: dict[str, Any] = {"xref": "paper", "x": 1.01, "y": 1 - top_margin / height}
    else:
        placement = {"xref": "container", "x": 0.01, "y": (lanes_px + key_px + 16) / height}
    legend = placement | {
        "xanchor": "left",
        "yanchor": "top",
        "yref": "container",
        "font": {"color": look.ink, "size": 11},
        "bgcolor": "rgba(0,0,0,0)",
        "orientation": "v",
        "tracegroupgap": 0,
        "itemsizing": "constant",
        "maxheight": height,
        "title": {"text": "lanes (click to hide)"},
    }

    label_chars = int((left_margin - 30) / _CHAR_PX)
    ticktext = [
        f'<span style="color:{colour}">{style.symbol_char(symbol)}</span> '
        + style.text(style.shorten(name, label_chars))
        for name, (colour, symbol) in zip(lane_names, colours, strict=True)
    ]
    tickvals = [-(t + (n - 1) / 2) for t, n in zip(lane_top, lane_rows, strict=True)]
    breaks = [{"bounds": [_iso(c.start), _iso(c.end)]} for c in scale.cuts]
    total = scale.hi - scale.lo
    # Plotly spaces ticks over the whole range, cuts included: ask for more where cuts take
    # much of it (at most 2.5 times, so that zooming in stays legible)
    denser = min(total / scale.shown_days, 2.5)
    x_range = [_iso(scale.lo), _iso(scale.hi)]
    figure.update_layout(
        xaxis={
            "type": "date",
            "range": x_range,
            "rangebreaks": breaks or None,
            "showgrid": True,
            "zeroline": False,
            "ticks": "outside",
            "tickfont": {"color": look.ink},
            "nticks": max(4, round(plot_px / _TICK_PX * denser)),
            "rangeslider": {"visible": slider, "thickness": 0.07, "range": x_range},
        },
        # labels live on a twin of the x axis: they follow it, and stay out of the slider
        xaxis2={
            "type": "date",
            "matches": "x",
            "overlaying": "x",
            "rangebreaks": breaks or None,
            "visible": False,
        },
    )
    figure.update_yaxes(
        tickvals=tickvals,
        ticktext=ticktext,
        tickfont={"color": look.ink},
        range=[-(rows - 0.4), 0.75],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    figure.update_layout(
        width=options.width,
        height=height,
        margin={
            "l": left_margin,
            "r": right_margin,
            "t": top_margin,
            "b": bottom,
            "autoexpand": False,
        },
        title={
            "text": style.text(options.title) if options.title else None,
            "x": 0.01,
            "y": 0.995,
            "yanchor": "top",
            "font": {"color": look.ink},
        },
        template=look.template,
        paper_bgcolor=look.paper,
        plot_bgcolor=look.paper,
        font={"color": look.ink},
        hovermode="closest",
        shapes=shapes,
        annotations=annotations,
        legend=legend,
    )
