"""The layout of a figure: the date axis with its cuts (Plotly range breaks) and their labels,
era bands, lane names, margins, height and the legend, placed for wide and narrow figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import plotly.graph_objects as go

from timeline.errors import PlotOptionError
from timeline.plotting import style
from timeline.plotting.geometry import Scale, iso
from timeline.plotting.options import Options

__all__ = ["CHAR_PX", "WIDE", "apply_layout", "era_px", "margin_for_lanes", "tiers"]

CHAR_PX: Final = 6.6

WIDE: Final = 900

_ROW_PX: Final = 22

_SMALL_ROW_PX: Final = 8

_TICK_PX: Final = 75
"""About one tick per this many pixels of axis."""

_LEGEND_ROW_PX: Final = 20

_LEGEND_TITLE_PX: Final = 26


def margin_for_lanes(lane_names: Sequence[str], width: int) -> int:
    """The left margin in pixels: room for the longest lane name, at most 30% of the width."""
    longest = max((len(n) for n in lane_names), default=4)
    cap = int(width * (0.3 if width >= WIDE else 0.28))
    return int(min(max(longest * CHAR_PX + 34, 70), cap))


def _fit(title: str, first: int, scale: Scale) -> str:
    """An era's name cut to the room between its start and the end of the axis."""
    room = scale.width - float(scale.px(max(first, scale.lo)))
    return style.shorten(title, max(int(room / 5.8) - 1, 4))


def era_px(eras: list[tuple[int, int, str]], scale: Scale) -> list[tuple[float, str]]:
    """Where each era's name starts, in pixels from the left of the plot, with the name."""
    return [(float(scale.px(max(first, scale.lo))), title) for first, _, title in eras]


def tiers(spans: list[tuple[float, float]]) -> list[int]:
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


def apply_layout(
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
    """Lay the figure out: axes, cuts and their labels, eras, lane names, margins, height and
    the legend (beside a wide figure, below a narrow one)."""
    wide = options.width >= WIDE
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
    cut_tiers = tiers(cut_spans)
    for cut, (label, _), (left, _), tier in zip(
        scale.cuts, cut_text, cut_spans, cut_tiers, strict=True
    ):
        mark = iso(cut.start)
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
                "layer": "below",  # under labels and glyphs
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
    era_tiers = tiers([(x, x + len(t) * 5.8 + 4) for x, t in era_px(eras, scale)])
    for (first, last, title), tier in zip(eras, era_tiers, strict=True):
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": iso(max(first, scale.lo)),
                "x1": iso(min(last, scale.hi)),
                "y0": 0,
                "y1": 1,
                "fillcolor": look.era_fill,
                "line": {"width": 1, "color": look.era_line, "dash": "dot"},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": iso(max(first, scale.lo)),
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
    needed = int(plot_height + top_margin + bottom)
    if options.height is not None and options.height < needed:
        # fewer pixels than the rows and the legend need would draw them over each other
        raise PlotOptionError(
            "height",
            options.height,
            f"at least {needed} pixels for {rows} rows and the legend at width "
            f"{options.width} (or no height: the figure takes what it needs)",
        )
    height = options.height or needed
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

    label_chars = int((left_margin - 30) / CHAR_PX)
    ticktext = [
        f'<span style="color:{colour}">{style.symbol_char(symbol)}</span> '
        + style.text(style.shorten(name, label_chars))
        for name, (colour, symbol) in zip(lane_names, colours, strict=True)
    ]
    tickvals = [-(t + (n - 1) / 2) for t, n in zip(lane_top, lane_rows, strict=True)]
    breaks = [{"bounds": [iso(c.start), iso(c.end)]} for c in scale.cuts]
    total = scale.hi - scale.lo
    # Plotly spaces ticks over the whole range, cuts included: ask for more where cuts take
    # much of it (at most 2.5 times, so that zooming in stays legible)
    denser = min(total / scale.shown_days, 2.5)
    x_range = [iso(scale.lo), iso(scale.hi)]
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
