"""Build the Plotly figure of a timeline: lanes, rows, fuzzy bars, markers, eras, breaks.

What a reader sees:

* an instant is a marker at the middle of what its wording names; a span is a bar over what its
  wording names (its *core*); the part that only the qualifiers or the uncertainty of an end
  add (the outer bounds beyond the core) is a lighter bar around it, and an instant known only
  to a month, a year or a century also gets a lighter bar over that period; an open end runs to
  the edge of the axis;
* status is drawn, not only coloured: reported events are filled; claimed ones are hatched
  (markers: diamonds); planned ones are outlined (open markers); disputed ones are
  cross-hatched (markers: crosses). The status legend says so;
* lanes (by kind, actor or place) are colour-blind-safe colours (Okabe and Ito) and stacked on
  the y axis; inside a lane, events are packed into rows so that no two glyphs or labels
  overlap;
* eras are shaded bands with their names; the time axis is segmented (`timeline.plotting.axis`),
  with every cut marked.

Every text from the data is HTML-escaped before it enters the figure, so titles such as
``<script>`` show as text and never run.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
import plotly.graph_objects as go

from timeline.collection import Timeline
from timeline.model import Event, Status
from timeline.plotting.axis import Axis, build_axis
from timeline.plotting.large import (
    _HIGH,
    _LOW,
    event_arrays,
    large_traces,
    pack_rows,
    table_arrays,
)

__all__ = ["LaneKey", "Theme", "build_figure"]

LaneKey = Literal["kind", "actor", "place", "none"]
Theme = Literal["light", "dark"]

OKABE_ITO: Final = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""Okabe and Ito's colour-blind-safe palette (its yellow is only used on the dark theme)."""
_LIGHT_EXTRA: Final = ("#000000",)
_DARK_EXTRA: Final = ("#F0E442", "#BBBBBB")

STATUS_STYLE: Final = {
    Status.REPORTED: {"pattern": "", "symbol": "circle", "legend": "reported: filled"},
    Status.CLAIMED: {"pattern": "/", "symbol": "diamond", "legend": "claimed by a party: hatched"},
    Status.PLANNED: {"pattern": ".", "symbol": "circle-open", "legend": "planned: outlined"},
    Status.DISPUTED: {"pattern": "x", "symbol": "x", "legend": "disputed by the record: crossed"},
}
LARGE: Final = 3000
"""From this many events the figure uses WebGL traces, without labels."""

_ROW_PX: Final = 26
_LABEL_PX_PER_CHAR: Final = 6.6
_LABEL_CHARS: Final = 42
_MIN_BAR_PX: Final = 6.0
_PAD_PX: Final = 10.0


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _lane_of(event: Event, key: LaneKey) -> str:
    if key == "kind":
        return event.kind or "other"
    if key == "actor":
        return event.actors[0] if event.actors else "(no actor)"
    if key == "place":
        return event.places[0] if event.places else "(no place)"
    return "events"


def _label(event: Event) -> str:
    title = event.title
    return title if len(title) <= _LABEL_CHARS else title[: _LABEL_CHARS - 1] + "…"


@attrs.define
class _Glyph:
    """Where one event is drawn, in axis units (x) and rows (y)."""

    event: Event
    lane: str
    outer: tuple[float, float]
    core: tuple[float, float]
    instant: bool
    label_left: bool = False
    row: int = 0

    @property
    def extent(self) -> tuple[float, float]:
        """From the leftmost to the rightmost drawn part (labels go outside it)."""
        lo = min(self.outer[0], self.main[0])
        hi = max(self.outer[1], self.main[1])
        if self.instant:  # a marker is about 12 px wide
            lo, hi = min(lo, self.main[0] - 6), max(hi, self.main[1] + 6)
        return lo, hi

    @property
    def main(self) -> tuple[float, float]:
        if self.instant:
            # an instant with an open side ("before 1600") sits on its known bound
            start, end = self.event.start.core_earliest, self.event.start.core_latest
            if start is None and end is not None:
                return self.core[1], self.core[1]
            if end is None and start is not None:
                return self.core[0], self.core[0]
            middle = (self.core[0] + self.core[1]) / 2
            return middle, middle
        lo, hi = self.core
        if hi - lo < _MIN_BAR_PX:
            middle = (lo + hi) / 2
            return middle - _MIN_BAR_PX / 2, middle + _MIN_BAR_PX / 2
        return lo, hi


def _spans(timeline: Timeline) -> list[tuple[int, int]]:
    """What the axis must not cut through: every short closed event, every known date."""
    known = [
        day.toordinal()
        for event in timeline
        for day in (event.earliest, event.latest)
        if day is not None
    ]
    total = (max(known) - min(known)) if known else 0
    spans = []
    for event in timeline:
        lo, hi = event.earliest, event.latest
        if lo is not None and hi is not None and hi.toordinal() - lo.toordinal() <= total * 0.1:
            spans.append((lo.toordinal(), hi.toordinal()))
            continue
        for date in (event.start, event.end):
            if date is None:
                continue
            for day in (date.earliest, date.latest, date.core_earliest, date.core_latest):
                if day is not None:
                    spans.append((day.toordinal(), day.toordinal()))
    for era in timeline.eras:
        for date in (era.start, era.end):
            if date is not None and date.core_earliest is not None:
                spans.append((date.core_earliest.toordinal(), date.core_earliest.toordinal()))
    return spans


def _x(axis: Axis, day: Any, open_side: float) -> float:
    return open_side if day is None else axis.x(day.toordinal())


def _glyph(event: Event, axis: Axis, lane: str) -> _Glyph:
    end = event.end or event.start
    outer = (_x(axis, event.earliest, 0.0), _x(axis, event.latest, axis.width))
    core = (
        _x(axis, event.start.core_earliest, 0.0),
        _x(axis, end.core_latest, axis.width),
    )
    return _Glyph(event, lane, outer, core, instant=event.end is None)


def _pack(glyphs: list[_Glyph], width: float, labels: bool) -> int:
    """Give every glyph the first row of its lane where it and its label fit; returns rows."""
    rows_end: list[float] = []
    for glyph in glyphs:
        lo, hi = glyph.extent
        if labels:
            text_px = len(_label(glyph.event)) * _LABEL_PX_PER_CHAR + 8
            if hi + text_px <= width:
                hi += text_px
            else:
                glyph.label_left = True
                lo -= text_px
        for index, end in enumerate(rows_end):
            if end + _PAD_PX <= lo:
                glyph.row = index
                rows_end[index] = hi
                break
        else:
            glyph.row = len(rows_end)
            rows_end.append(hi)
    return len(rows_end)


def _hover(event: Event) -> list[str]:
    wording = "; ".join(
        f"“{c.wording}” ({c.source}{', ' + c.locator if c.locator else ''})"
        for c in event.citations
        if c.wording
    )
    cited = "; ".join(f"{c.source}{', ' + c.locator if c.locator else ''}" for c in event.citations)
    note = event.note if len(event.note) <= 160 else event.note[:159] + "…"
    about = event.description
    about = about if len(about) <= 160 else about[:159] + "…"
    return [
        _esc(event.title),
        _esc(event.date_label()),
        _esc(wording or "(none)"),
        _esc(cited or "(uncited)"),
        _esc(event.status.value),
        _esc(note),
        _esc(event.id),
        _esc(about),
    ]


HOVER: Final = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
    "source wording: %{customdata[2]}<br>cited: %{customdata[3]}<br>"
    "status: %{customdata[4]}<br>%{customdata[7]}<br><i>%{customdata[5]}</i><extra></extra>"
)


def _traces(
    glyphs: Sequence[_Glyph],
    lane: str,
    status: Status,
    colour: str,
    y_of: dict[str, int],
    large: bool,
) -> list[Any]:
    style = STATUS_STYLE[status]
    meta = {"lane": lane, "status": status.value}
    common: dict[str, Any] = {"legendgroup": f"lane:{lane}", "showlegend": False, "meta": meta}
    traces: list[Any] = []
    fuzzy = [g for g in glyphs if g.outer != g.core or (g.instant and g.core[1] > g.core[0])]
    if fuzzy and not large:
        traces.append(
            go.Bar(
                orientation="h",
                base=[g.outer[0] for g in fuzzy],
                x=[max(g.outer[1] - g.outer[0], 1.0) for g in fuzzy],
                y=[y_of[g.event.id] for g in fuzzy],
                width=0.5,
                marker={"color": colour, "opacity": 0.22, "line": {"width": 0}},
                hoverinfo="skip",
                name=f"{lane} (uncertain)",
                **common,
            )
        )
    spans = [g for g in glyphs if not g.instant]
    instants = [g for g in glyphs if g.instant]
    if spans:
        if large:
            xs: list[float | None] = []
            ys: list[int | None] = []
            for g in spans:
                xs += [g.main[0], g.main[1], None]
                ys += [y_of[g.event.id]] * 2 + [None]
            traces.append(
                go.Scattergl(
                    x=xs,
                    y=ys,
                    mode="lines",
                    line={"color": colour, "width": 4},
                    hoverinfo="skip",
                    name=lane,
                    **common,
                )
            )
        traces.append(
            go.Bar(
                orientation="h",
                base=[g.main[0] for g in spans],
                x=[g.main[1] - g.main[0] for g in spans],
                y=[y_of[g.event.id] for g in spans],
                width=0.5,
                marker={
                    "color": "rgba(0,0,0,0)" if status is Status.PLANNED else colour,
                    "line": {"color": colour, "width": 1.5},
                    "pattern": {"shape": style["pattern"], "fgcolor": "#ffffff", "size": 6}
                    if style["pattern"] not in ("", ".")
                    else {"shape": ""},
                },
                customdata=[_hover(g.event) for g in spans],
                hovertemplate=HOVER,
                name=lane,
                **(common | {"meta": meta | {"main": True, "ids": [g.event.id for g in spans]}}),
            )
            if not large
            else go.Scattergl(
                x=[(g.main[0] + g.main[1]) / 2 for g in spans],
                y=[y_of[g.event.id] for g in spans],
                mode="markers",
                marker={"color": colour, "size": 3, "symbol": style["symbol"]},
                customdata=[_hover(g.event) for g in spans],
                hovertemplate=HOVER,
                name=lane,
                **(common | {"meta": meta | {"main": True}}),
            )
        )
    if instants:
        scatter = go.Scattergl if large else go.Scatter
        traces.append(
            scatter(
                x=[g.main[0] for g in instants],
                y=[y_of[g.event.id] for g in instants],
                mode="markers",
                marker={
                    "color": colour,
                    "size": 6 if large else 11,
                    "symbol": style["symbol"],
                    "line": {"color": colour, "width": 2},
                },
                customdata=[_hover(g.event) for g in instants],
                hovertemplate=HOVER,
                name=lane,
                **(common | {"meta": meta | {"main": True, "ids": [g.event.id for g in instants]}}),
            )
        )
    return traces


def build_figure(
    timeline: Timeline,
    *,
    lanes: LaneKey = "kind",
    theme: Theme = "light",
    width: int = 1280,
    webgl: bool | None = None,
    title: str | None = None,
) -> go.Figure:
    """The figure of a timeline (see the module docstring for what it shows)."""
    if lanes not in ("kind", "actor", "place", "none"):
        raise ValueError(f"lanes must be 'kind', 'actor', 'place' or 'none', got {lanes!r}")
    if theme not in ("light", "dark"):
        raise ValueError(f"theme must be 'light' or 'dark', got {theme!r}")
    large = len(timeline) >= LARGE if webgl is None else webgl
    margin = {"l": 150, "r": 170, "t": 80, "b": 60}
    plot_px = float(max(width - margin["l"] - margin["r"], 300))
    if large:
        return _build_large(timeline, lanes, theme, width, title, margin, plot_px)
    axis = build_axis(_spans(timeline), width=plot_px)
    lane_names: list[str] = []
    by_lane: dict[str, list[_Glyph]] = {}
    for event in timeline:
        lane = _lane_of(event, lanes)
        if lane not in by_lane:
            lane_names.append(lane)
            by_lane[lane] = []
        by_lane[lane].append(_glyph(event, axis, lane))
    palette = [*OKABE_ITO, *(_DARK_EXTRA if theme == "dark" else _LIGHT_EXTRA)]
    colours = {lane: palette[i % len(palette)] for i, lane in enumerate(lane_names)}
    y_of: dict[str, int] = {}
    lane_ticks: list[tuple[float, str]] = []
    separators: list[float] = []
    top = 1  # row 0 is kept free for era names
    for lane in lane_names:
        rows = _pack(by_lane[lane], plot_px, labels=not large)
        for glyph in by_lane[lane]:
            y_of[glyph.event.id] = -(top + glyph.row)
        lane_ticks.append((-(top + (rows - 1) / 2), lane))
        top += rows
        separators.append(-(top - 0.5))
    figure = go.Figure()
    for lane in lane_names:
        for status in Status:
            group = [g for g in by_lane[lane] if g.event.status is status]
            if group:
                figure.add_traces(_traces(group, lane, status, colours[lane], y_of, large))
    if not large:
        for lane in lane_names:
            for glyph in by_lane[lane]:
                _add_label(figure, glyph, y_of[glyph.event.id], theme)
    _legends(figure, lane_names, colours, theme)
    _decorate(figure, timeline, axis, top, separators[:-1], lane_ticks, theme)
    height = max(420, top * _ROW_PX + margin["t"] + margin["b"] + 110)
    figure.update_layout(
        width=width,
        height=height,
        margin=margin,
        title={"text": _esc(title) if title else None, "x": 0.01},
        template="plotly_dark" if theme == "dark" else "plotly_white",
        barmode="overlay",
        bargap=0,
        hovermode="closest",
        meta={"axis": {"days": list(axis.days), "xs": list(axis.xs)}, "large": large},
    )
    return figure


def _add_label(figure: go.Figure, glyph: _Glyph, y: int, theme: Theme) -> None:
    """The event's (shortened, escaped) title beside its glyph, as an annotation: annotations
    stay out of the range slider, and the legend script hides them with their lane/status."""
    left = glyph.label_left
    figure.add_annotation(
        x=glyph.extent[0] - 3 if left else glyph.extent[1] + 3,
        y=y,
        xref="x",
        yref="y",
        xanchor="right" if left else "left",
        text=_esc(_label(glyph.event)),
        showarrow=False,
        font={"size": 11, "color": "#EEEEEE" if theme == "dark" else "#222222"},
        name=f"label|{glyph.lane}|{glyph.event.status.value}",
    )


def _build_large(
    timeline: Timeline,
    lanes: LaneKey,
    theme: Theme,
    width: int,
    title: str | None,
    margin: dict[str, int],
    plot_px: float,
) -> go.Figure:
    """The WebGL figure of a large timeline (see `timeline.plotting.large`)."""
    columns = timeline._columns
    if columns is not None and columns.num_rows == len(timeline):
        arrays = table_arrays(columns, lanes)  # read from the Arrow table: no objects
    else:
        arrays = event_arrays(timeline.events, lambda e: _lane_of(e, lanes))
    known = (arrays.earliest != _LOW) & (arrays.latest != _HIGH)
    points = np.r_[arrays.earliest[arrays.earliest != _LOW], arrays.latest[arrays.latest != _HIGH]]
    total = int(points.max() - points.min()) if len(points) else 0
    short = known & (arrays.latest - arrays.earliest <= total * 0.1)
    spans = np.r_[
        np.column_stack([arrays.earliest[short], arrays.latest[short]]),
        np.column_stack([points, points]),
    ]
    axis = build_axis(spans, width=plot_px)
    lane_names = list(dict.fromkeys(arrays.lane))
    code_of = {lane: k for k, lane in enumerate(lane_names)}
    codes = np.fromiter((code_of[x] for x in arrays.lane), dtype=np.int64, count=len(arrays.lane))
    palette = [*OKABE_ITO, *(_DARK_EXTRA if theme == "dark" else _LIGHT_EXTRA)]
    colours = {lane: palette[i % len(palette)] for i, lane in enumerate(lane_names)}
    figure = go.Figure()
    top = 1
    lane_ticks: list[tuple[float, str]] = []
    separators: list[float] = []
    for k, lane in enumerate(lane_names):
        index = np.flatnonzero(codes == k)
        x0 = axis.xs_of(np.maximum(arrays.earliest[index], arrays.core_lo[index]))
        x1 = axis.xs_of(arrays.latest[index])
        rows, count = pack_rows(x0, x1, pad=2.0)
        y = -(top + rows)
        figure.add_traces(
            large_traces(arrays, axis.xs_of, y, lane, index, colours[lane], STATUS_STYLE)
        )
        lane_ticks.append((-(top + (count - 1) / 2), lane))
        top += count
        separators.append(-(top - 0.5))
    _legends(figure, lane_names, colours, theme)
    _decorate(figure, timeline, axis, top, separators[:-1], lane_ticks, theme)
    figure.update_layout(
        width=width,
        height=max(420, top * 8 + margin["t"] + margin["b"] + 110),
        margin=margin,
        title={"text": _esc(title) if title else None, "x": 0.01},
        template="plotly_dark" if theme == "dark" else "plotly_white",
        hovermode="closest",
        meta={"axis": {"days": list(axis.days), "xs": list(axis.xs)}, "large": True},
    )
    figure.update_xaxes(rangeslider={"visible": False})  # a WebGL slider would redraw it all
    return figure


def _legends(
    figure: go.Figure, lane_names: Iterable[str], colours: dict[str, str], theme: Theme
) -> None:
    """Legend entries: one per lane (legend) and one per status (legend2); clicking hides."""
    for lane in lane_names:
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=_esc(lane),
                marker={"color": colours[lane], "size": 11, "symbol": "square"},
                legend="legend",
                legendgroup=f"lane:{lane}",
                showlegend=True,
                meta={"legend": "lane", "lane": lane},
            )
        )
    grey = "#DDDDDD" if theme == "dark" else "#444444"
    for status, style in STATUS_STYLE.items():
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=style["legend"],
                marker={
                    "color": grey,
                    "size": 11,
                    "symbol": style["symbol"],
                    "line": {"color": grey, "width": 2},
                },
                legend="legend2",
                legendgroup=f"status:{status.value}",
                showlegend=True,
                meta={"legend": "status", "status": status.value},
            )
        )
    figure.update_layout(
        legend={
            "title": {"text": "lanes<br>(click to hide)"},
            "y": 1.0,
            "x": 1.01,
            "xanchor": "left",
            "yanchor": "top",
        },
        legend2={
            "title": {"text": "status (click to hide):"},
            "y": 1.0,
            "x": 0.0,
            "xanchor": "left",
            "yanchor": "bottom",
            "orientation": "h",
        },
    )


def _decorate(
    figure: go.Figure,
    timeline: Timeline,
    axis: Axis,
    rows: int,
    separators: list[float],
    lane_ticks: list[tuple[float, str]],
    theme: Theme,
) -> None:
    band = "rgba(255,255,255,0.07)" if theme == "dark" else "rgba(0,0,0,0.06)"
    ink = "#DDDDDD" if theme == "dark" else "#555555"
    for era in timeline.eras:
        x0 = _x(axis, era.start.earliest, 0.0)
        x1 = _x(axis, era.end.latest if era.end else None, axis.width)
        x1 = max(x1, x0 + 4)
        figure.add_shape(
            type="rect",
            xref="x",
            yref="paper",
            x0=x0,
            x1=x1,
            y0=0,
            y1=1,
            fillcolor=band,
            line={"width": 0},
            layer="below",
        )
        figure.add_annotation(
            x=x0,
            y=1,
            xref="x",
            yref="paper",
            xanchor="left",
            yanchor="top",
            text=f"<i>{_esc(era.title)}</i>",
            showarrow=False,
            font={"size": 10, "color": ink},
            bgcolor="rgba(0,0,0,0)",
        )
    for cut in axis.breaks:
        figure.add_shape(
            type="rect",
            xref="x",
            yref="paper",
            x0=cut.x0,
            x1=cut.x1,
            y0=0,
            y1=1,
            fillcolor="rgba(128,128,128,0.18)",
            line={"width": 0},
            layer="below",
        )
        middle = (cut.x0 + cut.x1) / 2
        for shift in (-3.0, 3.0):  # the "//" break mark on the axis line
            figure.add_shape(
                type="line",
                xref="x",
                yref="paper",
                x0=middle + shift - 3,
                x1=middle + shift + 3,
                y0=-0.015,
                y1=0.015,
                line={"color": ink, "width": 2},
            )
        figure.add_annotation(
            x=middle,
            y=0.5,
            xref="x",
            yref="paper",
            text=cut.label(),
            textangle=-90,
            showarrow=False,
            font={"size": 9, "color": ink},
        )
    for y in separators:
        figure.add_shape(
            type="line",
            xref="paper",
            yref="y",
            x0=0,
            x1=1,
            y0=y,
            y1=y,
            line={"color": "rgba(128,128,128,0.35)", "width": 1, "dash": "dot"},
        )
    tickvals, ticktext = axis.ticks()
    figure.update_xaxes(
        range=[0, axis.width],
        tickvals=tickvals,
        ticktext=ticktext,
        showgrid=True,
        zeroline=False,
        rangeslider={"visible": True, "thickness": 0.06},
        title={"text": "date (segmented axis: shaded gaps cut empty stretches of time)"},
    )
    figure.update_yaxes(
        tickvals=[v for v, _ in lane_ticks],
        ticktext=[_esc(t) for _, t in lane_ticks],
        range=[-(rows - 0.4), 0.6],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
