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

from timeline.plotting.geometry import HIGH, LOW, Columns, Scale

__all__ = ["PIECES", "Marks", "marks"]

PIECES: Final = ("certain", "faint", "period", "approximate", "uncertain", "both", "open")
"""The kinds of line piece, in drawing order."""
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
    keep = keep & (x1 > x0)
    return glyph[keep], x0[keep].astype(np.float64), x1[keep].astype(np.float64)


def _cat(*parts: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def marks(c: Columns, event: Any, scale: Scale) -> Marks:
    """The marks of the glyphs whose events are ``event`` (indices into ``c``)."""
    g = np.arange(len(event))
    s_lo, s_clo, s_chi, s_hi = c.s_lo[event], c.s_clo[event], c.s_chi[event], c.s_hi[event]
    e_clo, e_chi, e_hi = c.e_clo[event], c.e_chi[event], c.e_hi[event]
    has_end, ongoing = c.has_end[event], c.ongoing[event]
    now = np.minimum(c.now[event], scale.hi)  # no source date: to the axis's end
    faint = c.status[event] == 2  # Status.PLANNED
    edge_lo, edge_hi = float(scale.lo), float(scale.hi)
    s_open_lo, s_open_hi = s_clo == LOW, s_chi == HIGH
    e_open_lo, e_open_hi = e_clo == LOW, e_chi == HIGH
    after = np.where(e_open_lo, np.where(ongoing, now, edge_hi), e_clo)  # an end's first day
    s_end = np.where(s_open_hi, after, s_chi + 1)
    e_start = np.where(e_open_lo, np.where(s_open_hi, s_clo, s_chi + 1), e_clo)
    e_stop = np.where(ongoing, now, np.where(e_open_hi, e_clo, e_chi + 1))

    # the certain part of a span: from the end of its start period to the start of its end's
    span = has_end
    c0 = np.where(s_open_hi, e_start, s_end).astype(np.float64)
    c1 = np.where(ongoing, now, e_start).astype(np.float64)
    certain = _piece(g, c0, c1, span & ~faint)
    faint_part = _piece(g, c0, c1, span & faint)

    # the periods an end is only known to
    start_period = _piece(g, s_clo, s_end, has_end & ~s_open_lo & (s_chi > s_clo))
    end_period = _piece(
        g, e_start, e_stop, span & ~e_open_lo & ~e_open_hi & ~ongoing & (e_chi > e_clo)
    )
    period = _cat(start_period, end_period)

    # qualifiers: the outer bounds beyond the core, each end by its own qualifier
    qualifier: dict[str, list[tuple[Any, ...]]] = {k: [] for k in _QUALIFIER_PIECE.values()}
    s_q, e_q = c.s_q[event], c.e_q[event]
    for code, kind in _QUALIFIER_PIECE.items():
        qualifier[kind].append(_piece(g, s_lo, s_clo, (s_q == code) & (s_lo > LOW) & ~s_open_lo))
        end_q = np.where(has_end, e_q, s_q)
        upper = np.where(has_end, e_chi, s_chi) + 1
        outer = np.where(has_end, e_hi, s_hi) + 1
        known = (end_q == code) & (outer < HIGH) & (upper < HIGH)
        qualifier[kind].append(_piece(g, upper, outer, known))

    # open ends: to the edge of the axis, with an arrow
    open_lo = s_open_lo
    open_hi = np.where(has_end, e_open_hi & ~ongoing, s_open_hi)
    lo_from = np.where(s_chi < HIGH, s_chi + 1, edge_hi)
    hi_from = np.where(has_end, e_clo, s_clo)
    open_pieces = _cat(
        _piece(g, np.full(len(g), edge_lo), lo_from.astype(np.float64), open_lo),
        _piece(g, hi_from.astype(np.float64), np.full(len(g), edge_hi), open_hi & (hi_from > LOW)),
    )

    # the marker: the middle of an instant's period, or the start of a span's certain part
    middle = (s_clo + s_chi + 1) / 2
    instant_x = np.where(s_open_lo, s_chi + 1, np.where(s_open_hi, s_clo, middle))
    span_x = np.where(s_open_lo, s_chi + 1, s_clo)
    marker = np.where(has_end, span_x, instant_x).astype(np.float64)
    marker = np.clip(marker, edge_lo, edge_hi)

    instant_period = ~has_end & ~s_open_lo & ~s_open_hi & (s_chi > s_clo)
    known_to = (
        np.where(instant_period, s_clo, np.nan).astype(np.float64),
        np.where(instant_period, s_chi + 1, np.nan).astype(np.float64),
    )

    pieces = {
        "certain": certain,
        "faint": faint_part,
        "period": period,
        **{k: _cat(*v) for k, v in qualifier.items()},
        "open": open_pieces,
    }
    left = np.where(s_lo > LOW, s_lo, edge_lo).astype(np.float64)
    right_known = np.where(has_end, e_hi, s_hi)
    right = np.where(right_known < HIGH, right_known + 1, edge_hi).astype(np.float64)
    right = np.where(ongoing, now, right)
    left = np.minimum(left, marker)
    right = np.maximum(right, marker)
    return Marks(
        pieces={k: pieces[k] for k in PIECES},
        period=known_to,
        arrows_left=(g[open_lo], np.full(int(open_lo.sum()), edge_lo)),
        arrows_right=(g[open_hi], np.full(int(open_hi.sum()), edge_hi)),
        now=(g[ongoing], now[ongoing].astype(np.float64)),
        marker=marker,
        left=left,
        right=right,
    )
