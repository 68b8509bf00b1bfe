"""The marks of every event, as arrays of line pieces and points, computed from `Columns`.

How each kind of knowledge is drawn (the figure's key repeats it):

* the part of a span that certainly happened is a thick bar in its lane's colour (faint for a
  planned event);
* the period that a start or an end of a span is only known to ("late 1620s") is a lighter
  thick bar over that period; the period an instant is only known to ("May 1875", "1630s") is
  a whisker with caps ``|`` at both ends (Plotly's error bars), taller than its marker, so it
  shows even where the period is narrower than a pixel;
* what a qualifier adds beyond the wording is a thin line: dotted for approximate, dashed for
  uncertain, dash-dotted for both;
* an open end ("after 1635", "before 1600") is a thin solid line to the edge of the axis ending
  in an arrow; an event still going on ("ongoing") keeps its thick bar up to the present (the
  publication date of its source, else today) and ends in a triangle;
* an instant is a marker at the middle of its period (on its known bound when one side is
  open); a span has the same marker at its start. The marker's shape is the status.
"""

from __future__ import annotations

from typing import Any, Final

import attrs
import numpy as np

from timeline.model import Status
from timeline.plotting.geometry import HIGH, LOW, Columns, Scale
from timeline.plotting.style import STATUS_STYLE

__all__ = ["PIECES", "Marks", "marks"]

PIECES: Final = ("certain", "faint", "period", "approximate", "uncertain", "both", "open")
"""The kinds of line piece, in drawing order."""
_FAINT_CODES: Final = [i for i, s in enumerate(Status) if STATUS_STYLE[s].faint]
"""The status codes (in `Status` order) whose certain part is drawn faint."""
_QUALIFIER_PIECE: Final = {1: "approximate", 2: "uncertain", 3: "both"}


@attrs.define
class Marks:
    """Everything to draw, by glyph index (one glyph per event and lane it is drawn in).

    ``pieces[kind]`` is (glyph, x0, x1) arrays in day ordinals; ``arrows_left``,
    ``arrows_right`` and ``now`` are (glyph, x); ``marker`` is the x of each glyph's marker and
    ``period`` the (first, end) of the period an instant is known to (NaN: none); ``left`` and
    ``right`` are the day extents of everything drawn.
    """

    pieces: dict[str, tuple[Any, Any, Any]]
    period: tuple[Any, Any]
    arrows_left: tuple[Any, Any]
    arrows_right: tuple[Any, Any]
    now: tuple[Any, Any]
    marker: Any
    left: Any
    right: Any


def _piece(glyph: Any, x0: Any, x1: Any, keep: Any) -> tuple[Any, Any, Any]:
    """The pieces [x0, x1) of the kept glyphs that have a length (open sides are infinite)."""
    keep = keep & np.isfinite(x0) & np.isfinite(x1) & (x1 > x0)
    return glyph[keep], x0[keep], x1[keep]


def _cat(*parts: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def _days(values: Any, fill: float, plus: int = 0) -> Any:
    """Day ordinals as floats, an open bound (LOW/HIGH) as ``fill`` (an infinity)."""
    out = values.astype(np.float64) + plus
    return np.where((values == LOW) | (values == HIGH), fill, out)


def marks(c: Columns, event: Any, scale: Scale) -> Marks:
    """The marks of the glyphs whose events are ``event`` (indices into ``c``).

    Bounds are in days, half-open: a start is ``[lo, core_lo, core_hi, hi]`` with ``hi`` the
    day after its last possible day; open sides are infinite until drawn to the axis's ends.
    A span certainly goes on only from the day after its start's latest possible day to its
    end's earliest possible day; every other part is drawn as fuzzy, and nothing is drawn
    outside the event's outer bounds.
    """
    inf = np.inf
    g = np.arange(len(event))
    s_lo, s_clo = _days(c.s_lo[event], -inf), _days(c.s_clo[event], -inf)
    s_chi, s_hi = _days(c.s_chi[event], inf, 1), _days(c.s_hi[event], inf, 1)
    e_lo, e_clo = _days(c.e_lo[event], -inf), _days(c.e_clo[event], -inf)
    e_chi, e_hi = _days(c.e_chi[event], inf, 1), _days(c.e_hi[event], inf, 1)
    span, ongoing = c.has_end[event], c.ongoing[event]
    faint = np.isin(c.status[event], _FAINT_CODES)
    end_lo, end_hi = scale.ends
    # the earliest day it can have begun, as far as the axis goes
    first = np.where(np.isfinite(s_lo), s_lo, np.where(np.isfinite(s_clo), s_clo, end_lo))
    # "ongoing" runs to when its source was written (else the axis's end), never before it began
    now = np.where(c.now[event] >= HIGH, end_hi, c.now[event].astype(np.float64))
    now = np.maximum(now, np.where(np.isfinite(s_chi), s_chi, first))
    e_lo = np.where(ongoing, now, e_lo)
    # the day after the last it can have lasted to, as far as the axis goes
    last = np.where(ongoing, now, np.where(np.isfinite(e_hi), e_hi, end_hi))
    last = np.maximum(last, first)

    def clip(x: Any) -> Any:
        return np.clip(x, first, last)

    pieces: dict[str, list[tuple[Any, Any, Any]]] = {k: [] for k in PIECES}
    # the certain part of a span: after its start's latest day, before its end's earliest
    c0, c1 = s_hi, e_lo
    pieces["certain"].append(_piece(g, c0, c1, span & ~faint))
    pieces["faint"].append(_piece(g, c0, c1, span & faint))

    # the period a start is known to; open on its later side ("after 1600"): up to the end
    start_to = np.where(np.isfinite(s_chi), s_chi, np.minimum(last, np.where(span, e_chi, inf)))
    pieces["period"].append(_piece(g, s_clo, clip(start_to), span & (start_to - s_clo > 1)))
    # the period an end is known to; open on its earlier side ("before 1640"): from the start
    end_from = np.where(np.isfinite(e_clo), np.maximum(e_clo, first), np.minimum(s_chi, e_chi))
    end_from = np.where(np.isfinite(end_from), end_from, first)
    pieces["period"].append(
        _piece(g, end_from, clip(e_chi), span & ~ongoing & (e_chi - end_from > 1))
    )

    # what qualifiers add beyond each core, drawn by the qualifier of that side
    sides = (
        (s_lo, s_clo, c.s_q[event]),  # before the start's core
        (s_chi, s_hi, c.s_q2[event]),  # after the start's core
        (e_lo, e_clo, c.e_q2[event]),  # before the end's core
        (e_chi, e_hi, c.e_q[event]),  # after the end's core
    )
    for index, (a, b, code) in enumerate(sides):
        if index in (2, 3):
            a, b = np.where(span, a, -inf), np.where(span, b, -inf)
        elif index == 1:  # an instant's later side is its own "after the core"
            pass
        for number, kind in _QUALIFIER_PIECE.items():
            pieces[kind].append(_piece(g, clip(a), clip(b), code == number))

    # open sides: a thin line to the axis's end, with an arrow
    open_lo = ~np.isfinite(s_clo) & ~np.isfinite(s_lo)
    open_hi = np.where(span, ~np.isfinite(e_chi) & ~ongoing, ~np.isfinite(s_chi))
    lo_to = np.where(np.isfinite(s_chi), np.minimum(s_chi, last), last)
    hi_from = np.where(span, np.maximum(np.where(np.isfinite(e_clo), e_clo, first), first), s_clo)
    hi_from = np.where(np.isfinite(hi_from), hi_from, first)
    pieces["open"].append(_piece(g, np.full(len(g), end_lo), lo_to, open_lo))
    pieces["open"].append(_piece(g, hi_from, np.full(len(g), end_hi), open_hi))

    # the marker: the middle of an instant's period (its known bound if one side is open);
    # a span's at its start (the start's known bound), never after its end
    with np.errstate(invalid="ignore"):  # an open side makes the middle NaN: handled below
        middle = (s_clo + s_chi) / 2
    instant_x = np.where(np.isfinite(middle), middle, np.where(np.isfinite(s_chi), s_chi, s_clo))
    span_x = np.where(np.isfinite(s_clo), s_clo, s_chi)
    marker = np.where(span, span_x, instant_x)
    marker = np.where(np.isfinite(marker), marker, first)
    marker = np.clip(np.minimum(marker, last), end_lo, end_hi)

    instant_period = ~span & np.isfinite(s_clo) & np.isfinite(s_chi) & (s_chi - s_clo > 1)
    known_to = (np.where(instant_period, s_clo, np.nan), np.where(instant_period, s_chi, np.nan))

    left = np.where(open_lo, end_lo, first)
    right = np.where(open_hi, end_hi, last)
    return Marks(
        pieces={k: _cat(*v) for k, v in pieces.items()},
        period=known_to,
        arrows_left=(g[open_lo], np.full(int(open_lo.sum()), end_lo)),
        arrows_right=(g[open_hi], np.full(int(open_hi.sum()), end_hi)),
        now=(g[ongoing], now[ongoing]),
        marker=marker,
        left=np.minimum(left, marker),
        right=np.maximum(right, marker),
    )
