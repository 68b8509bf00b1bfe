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
from typing import Any, Final

import numpy as np
import plotly.graph_objects as go

from timeline.collection import Timeline
from timeline.errors import PlotOptionError
from timeline.plotting import style
from timeline.plotting.geometry import HIGH, LOW, iso, pack_rows, scale_for
from timeline.plotting.glyphs import marks
from timeline.plotting.layout import CHAR_PX, WIDE, apply_layout, era_px, margin_for_lanes, tiers
from timeline.plotting.options import Options
from timeline.plotting.reading import columns_of, eras_of, table_rows
from timeline.plotting.traces import add_traces, key_traces, lane_traces

__all__ = ["LABELLED", "MAX_ROWS", "build_figure"]

LABELLED: Final = 600
"""Up to this many glyphs, each has its label beside it (beyond, hover and the page's table
name every event)."""

MAX_ROWS: Final = 40
"""Rows per lane in an unlabelled figure; beyond, glyphs share rows."""

_MARKER_PX: Final = 7.0

_PAD_PX: Final = 8.0

_MIN_LABEL_CHARS: Final = 8


def _years(columns: Any) -> list[int]:
    """The first and last years any event can fall in (empty if none is known)."""
    known = [
        a[(a > LOW) & (a < HIGH)]
        for a in (columns.s_lo, columns.s_clo, columns.e_hi, columns.e_chi, columns.s_chi)
    ]
    days = np.concatenate(known) if known else np.empty(0)
    if len(days) == 0:
        return []
    first, last = int(days.min()), int(days.max())
    return [_dt.date.fromordinal(first).year, _dt.date.fromordinal(last).year]


def _label_side(left_px: Any, right_px: Any, chars: Any, width: float) -> tuple[Any, Any]:
    """Where each label goes (1 right, -1 left, 0 none) and how many characters it keeps."""
    room_right = width - right_px - _MARKER_PX - _PAD_PX
    room_left = left_px - _MARKER_PX - _PAD_PX
    need = chars * CHAR_PX
    side = np.where(need <= room_right, 1, np.where(need <= room_left, -1, 0))
    best_room = np.maximum(room_right, room_left)
    fit = np.floor(best_room / CHAR_PX).astype(np.int64)
    shortened = (side == 0) & (fit >= _MIN_LABEL_CHARS)
    side = np.where(shortened, np.where(room_right >= room_left, 1, -1), side)
    keep = np.where(shortened, fit, chars)
    return side, keep


def build_figure(timeline: Timeline, options: Options) -> go.Figure:
    """The figure of a timeline (see the module docstring for what it shows)."""
    if not isinstance(timeline, Timeline):
        raise PlotOptionError("timeline", type(timeline).__name__, "a timeline.Timeline")
    webgl, axis_kind = options.resolved(len(timeline))
    look = style.look(options.theme)
    columns = columns_of(timeline, options, webgl)
    eras = eras_of(timeline)

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

    wide = options.width >= WIDE
    left_margin = margin_for_lanes(lane_names, options.width)
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
        width_px = np.asarray([len(t) for t in label_text]) * CHAR_PX + _PAD_PX
        right_px = np.where(side == 1, right_px + width_px, right_px)
        left_px = np.where(side == -1, left_px - width_px, left_px)

    # rows: packed per lane, lanes stacked top to bottom (row 0 is kept for era names)
    row_of = np.zeros(len(event_of), dtype=np.int64)
    lane_top: list[int] = []
    lane_rows: list[int] = []
    era_tiers = tiers([(x, x + len(t) * 5.8 + 4) for x, t in era_px(eras, scale)])
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
            lane_traces(
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
    add_traces(figure, specs)
    key = key_traces(look, scale.lo)
    figure.add_traces(key)
    apply_layout(
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
                "cuts": [[iso(c.start), iso(c.end)] for c in scale.cuts],
                "years": _years(columns),
                "table": table_rows(timeline, columns),
            }
        }
    )
    return figure
