"""The traces of a figure: each lane's line pieces, whiskers, marks, markers (with hover)
and labels, then the key to the marks. Traces are built as dicts; `add_traces` adds them with
their data arrays set afterwards (Plotly deep-copies what it adds, item by item for arrays of
strings, but only validates what is set).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import plotly.graph_objects as go

from timeline.dates import EPOCH_ORDINAL
from timeline.model import Status
from timeline.plotting import style
from timeline.plotting.geometry import Columns, iso
from timeline.plotting.glyphs import Marks

__all__ = ["add_traces", "dates", "key_traces", "lane_traces"]

_EPOCH: Final = EPOCH_ORDINAL

_DAY_MS: Final = 86_400_000.0

_FONT_PX: Final = 11

_CAP_ROWS: Final = 0.36

_CAP_ROWS_WEBGL: Final = 0.45
"""Half the height of a whisker's caps, in rows: taller than the marker."""

_OFF_PLOT: Final = 1e6
"""Where legend-only traces put their points: far above the fixed y range (Plotly's range
slider fails on traces without any valid point)."""


def dates(ordinals: Any) -> Any:
    """Day ordinals (floats, NaN for a gap) as Plotly date values: milliseconds since 1970,
    which a date axis reads as dates and Plotly ships as a compact binary array."""
    return (np.asarray(ordinals, dtype=np.float64) - _EPOCH) * _DAY_MS


_ARRAYS: Final = ("x", "y", "hovertext", "text")


def add_traces(figure: go.Figure, specs: list[dict[str, Any]]) -> None:
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
    return dates(xs), ys


def lane_traces(
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
    """The traces of one lane: its line pieces, whiskers, open-end and ongoing marks, one
    marker trace per status (with hover), hover points along spans, labels and its legend entry."""
    colour, _ = cue
    trace_type = "scattergl" if webgl else "scatter"

    def scatter(**props: Any) -> dict[str, Any]:
        return {"type": trace_type, **props}

    group = f"lane{k}"
    common: dict[str, Any] = {
        "legendgroup": group,
        "showlegend": False,
        "name": style.text(style.shorten(name, 40)),
    }
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
                x=dates(x[keep]),
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
                x=dates(xs),
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
                x=dates(drawn.marker[chosen]),
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
                x=dates(np.concatenate([(a + b) / 2, b])),
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
                    x=dates(anchor[chosen]),
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
            x=[iso(anchor_day)] * 2,
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


def key_traces(look: style.Look, anchor_day: int) -> list[Any]:
    """The key to the marks: a group at the end of the legend, one entry per kind of mark."""
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
    return [
        go.Scatter(
            x=[iso(anchor_day)] * 2,
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
