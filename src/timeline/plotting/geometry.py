"""What the figure draws, as arrays: the bounds of every event's ends, the axis cuts, rows.

Everything here is in *day ordinals* (``date.toordinal()``; a bound's day is covered whole, so
a span drawn from day ``a`` to day ``b`` runs from ``a`` to ``b + 1``). One pass over the
events (or one vectorised read of an Arrow table) gives the `Columns`; both the SVG and the
WebGL figure are built from them.

Cuts (the rule the README states): the days that events mention are gathered (a closed event
shorter than a quarter of the whole span as its whole extent; a longer one, and every open one,
as the periods its ends name). The empty gaps between them are considered longest first: a gap
is cut while it is longer than `CUT_SHARE` of the time still shown and longer than
`MIN_CUT_DAYS`. Each cut keeps a margin of `CUT_MARGIN` of the whole span (at least
`MIN_MARGIN_DAYS`) on both sides, so nothing is drawn on a cut. Time keeps one scale across
the whole axis: a year is as wide before a cut as after it.
"""

from __future__ import annotations

import datetime as _dt
import heapq
import math
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs
import numpy as np

from timeline.dates import EPOCH_ORDINAL, OPEN_END, OPEN_START, FuzzyDate
from timeline.model import Event, Status

__all__ = [
    "CUT_SHARE",
    "HIGH",
    "LOW",
    "ROUND_ROBIN",
    "Columns",
    "Cut",
    "Scale",
    "columns_from_events",
    "columns_from_table",
    "iso",
    "pack_rows",
    "scale_for",
]

LOW: Final = OPEN_START
"""The ordinal of an open start (before every date): `timeline.dates.OPEN_START`."""
HIGH: Final = OPEN_END
"""The ordinal of an open end (after every date): `timeline.dates.OPEN_END`."""
CUT_SHARE: Final = 0.2
MIN_CUT_DAYS: Final = 3 * 365
CUT_MARGIN: Final = 0.01
MIN_MARGIN_DAYS: Final = 30
ROUND_ROBIN: Final = 20_000
MARGIN_PX: Final = 45.0
"""Room kept on each side of a cut, so the tick labels beside it never meet."""
EDGE_SHARE: Final = 0.03
"""The room left beyond the first and last dates; open ends run into it."""

_EPOCH: Final = EPOCH_ORDINAL
_MAX_ORDINAL: Final = _dt.date(9999, 12, 31).toordinal()


_STATUS_CODE: Final = {s: i for i, s in enumerate(Status)}
_NAMES: Final = ("s_lo", "s_clo", "s_chi", "s_hi", "e_lo", "e_clo", "e_chi", "e_hi")


@attrs.define
class Columns:
    """One row per event: the four bounds of each end (start, and end or start again for an
    instant), qualifier codes, flags, status codes (in `Status` order), lanes and texts.

    ``ongoing`` marks an end left wholly open ("ongoing"): the event goes on to ``now``.
    ``s_q``/``s_q2`` are the qualifier codes of the start's earlier and later side, ``e_q2``/
    ``e_q`` those of the end's (an instant's end is its start).
    """

    s_lo: Any
    s_clo: Any
    s_chi: Any
    s_hi: Any
    e_lo: Any
    e_clo: Any
    e_chi: Any
    e_hi: Any
    s_q: Any
    s_q2: Any
    e_q2: Any
    e_q: Any
    has_end: Any
    ongoing: Any
    status: Any
    now: Any
    lanes: list[tuple[str, ...]]
    titles: list[str]
    hover: Any
    ids: list[str]
    lane_codes: Any = None
    """With one lane per event: its lane's index in ``lane_names`` (order of first appearance),
    when already known (an Arrow table's dictionary encoding)."""
    lane_names: list[str] | None = None

    def __len__(self) -> int:
        return len(self.ids)


def _ord(day: _dt.date | None, fill: int) -> int:
    return fill if day is None else day.toordinal()


def _ends(date: FuzzyDate) -> tuple[int, int, int, int, int, int]:
    return (
        _ord(date.earliest, LOW),
        _ord(date.core_earliest, LOW),
        _ord(date.core_latest, HIGH),
        _ord(date.latest, HIGH),
        int(date.first_qualifier),
        int(date.last_qualifier),
    )


def _is_ongoing(date: FuzzyDate | None) -> bool:
    return date is not None and date.core_earliest is None and date.core_latest is None


def columns_from_events(
    events: Sequence[Event],
    lanes_of: Callable[[Event], tuple[str, ...]],
    hover_of: Callable[[Event], str],
    now_of: Callable[[Event], int],
) -> Columns:
    """The columns of these events, in one pass."""
    rows = []
    for e in events:
        start = _ends(e.start)
        end = start if e.end is None else _ends(e.end)
        ongoing = _is_ongoing(e.end)
        rows.append(
            (
                *start[:4],
                *end[:4],
                start[4],
                start[5],
                end[4],
                end[5],
                e.end is not None,
                ongoing,
                _STATUS_CODE[e.status],
                now_of(e) if ongoing else 0,
            )
        )
    table = np.asarray(rows, dtype=np.int64).reshape(-1, 16)
    bounds: dict[str, Any] = dict(zip(_NAMES, (table[:, k] for k in range(8)), strict=True))
    return Columns(
        **bounds,
        s_q=table[:, 8].astype(np.int8),
        s_q2=table[:, 9].astype(np.int8),
        e_q2=table[:, 10].astype(np.int8),
        e_q=table[:, 11].astype(np.int8),
        has_end=table[:, 12].astype(bool),
        ongoing=table[:, 13].astype(bool),
        status=table[:, 14].astype(np.int8),
        now=table[:, 15],
        lanes=[lanes_of(e) for e in events],
        titles=[e.title for e in events],
        hover=np.asarray([hover_of(e) for e in events], dtype=object),
        ids=[e.id for e in events],
    )


def columns_from_table(table: Any, lanes: Any, hover: Any, now: Any) -> Columns:
    """The same columns read from an events table of `timeline.io.arrow` (no objects);
    ``lanes`` is an Arrow string column: one lane per event."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def days(name: str, fill: int) -> Any:
        column = table[name]
        ints = pc.fill_null(pc.cast(column, pa.int32()), 0).to_numpy(zero_copy_only=False)
        valid = pc.is_valid(column).to_numpy(zero_copy_only=False)
        return np.where(valid, ints.astype(np.int64) + _EPOCH, fill)

    def flag(name: str) -> Any:
        return np.asarray(
            pc.fill_null(table[name], False).to_numpy(zero_copy_only=False), dtype=bool
        )

    has_end = flag("has_end")
    start = [days(f"start_{k}", f) for k, f in _BOUNDS]
    end = [
        np.where(has_end, days(f"end_{k}", f), s) for (k, f), s in zip(_BOUNDS, start, strict=True)
    ]
    s_q, s_q2 = _sides(table, "start")
    e_q2, e_q = _sides(table, "end")
    e_q2, e_q = np.where(has_end, e_q2, s_q), np.where(has_end, e_q, s_q2)
    ongoing = has_end & (end[1] == LOW) & (end[2] == HIGH)
    encoded_lanes = pc.dictionary_encode(lanes)  # codes in order of first appearance
    if isinstance(encoded_lanes, pa.ChunkedArray):
        encoded_lanes = encoded_lanes.combine_chunks()
    names_in_order = encoded_lanes.dictionary.to_pylist()
    names = lanes.to_pylist()
    codes = {s.value: i for i, s in enumerate(Status)}
    encoded = pc.dictionary_encode(table["status"]).combine_chunks()
    mapping = np.asarray([codes[s] for s in encoded.dictionary.to_pylist()], dtype=np.int8)
    bounds: dict[str, Any] = dict(zip(_NAMES, (*start, *end), strict=True))
    return Columns(
        **bounds,
        s_q=s_q,
        s_q2=s_q2,
        e_q2=e_q2.astype(np.int8),
        e_q=e_q.astype(np.int8),
        has_end=has_end,
        ongoing=ongoing,
        status=mapping[np.asarray(encoded.indices)],
        now=np.where(ongoing, now, 0),
        lanes=list(zip(names, strict=True)),
        titles=table["title"].to_pylist(),
        hover=hover,
        ids=table["id"].to_pylist(),
        lane_codes=np.asarray(encoded_lanes.indices, dtype=np.int64),
        lane_names=names_in_order,
    )


def _sides(table: Any, prefix: str) -> tuple[Any, Any]:
    """The qualifier codes of the two sides of a date column of an events table."""
    import pyarrow.compute as pc

    def codes(name: str) -> Any:
        column = pc.fill_null(table[f"{prefix}_{name}"], 0)
        return np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.int8)

    return codes("first_qualifier"), codes("last_qualifier")


_BOUNDS: Final = (
    ("earliest", LOW),
    ("core_earliest", LOW),
    ("core_latest", HIGH),
    ("latest", HIGH),
)


@attrs.frozen
class Cut:
    """Days ``start`` (inclusive) to ``end`` (exclusive) left out of the axis."""

    start: int
    end: int

    def label(self) -> str:
        """What the cut hides, in words: "1601 – 1849 not shown (249 years)"."""
        first = _dt.date.fromordinal(self.start)
        last = _dt.date.fromordinal(self.end - 1)
        days = self.end - self.start
        if days >= 2 * 365:
            return f"{first.year}–{last.year} not shown ({round(days / 365.25)} years)"
        if days >= 60:
            return f"{first:%b %Y}–{last:%b %Y} not shown ({round(days / 30.44)} months)"
        return f"{first:%-d %b %Y}–{last:%-d %b %Y} not shown ({days} days)"


@attrs.frozen
class Scale:
    """The axis: the days shown (``lo`` to ``hi``, exclusive), its cuts, and the pixels a day
    takes at ``width`` pixels, with every cut taken out."""

    lo: int
    hi: int
    cuts: tuple[Cut, ...]
    width: float
    edge: int = 1
    """The days of room beyond the first and last dates (open ends and arrows end inside it)."""

    @property
    def ends(self) -> tuple[float, float]:
        """Where open ends stop and arrows sit: inside the room at each end of the axis."""
        return self.lo + self.edge * 0.45, self.hi - self.edge * 0.45

    @property
    def shown_days(self) -> int:
        """Days on the axis, not counting the cuts."""
        return max(self.hi - self.lo - sum(c.end - c.start for c in self.cuts), 1)

    def px(self, ordinals: Any) -> Any:
        """Pixels from the left edge of these day ordinals (clamped to the axis)."""
        days = np.clip(np.asarray(ordinals, dtype=np.float64), self.lo, self.hi)
        shift = np.zeros_like(days)
        for cut in self.cuts:
            shift += np.clip(days - cut.start, 0, cut.end - cut.start)
        return (days - self.lo - shift) * (self.width / self.shown_days)


def scale_for(columns: Columns, eras: Sequence[tuple[int, int]], width: float, cut: bool) -> Scale:
    """The axis of these events (and eras, as (first, last) ordinals) at ``width`` pixels."""
    c = columns
    known = [a[(a > LOW) & (a < HIGH)] for a in (c.s_lo, c.s_hi, c.e_lo, c.e_hi, c.s_clo, c.e_chi)]
    now = c.now[c.ongoing & (c.now < HIGH)]
    era_days = np.asarray([d for pair in eras for d in pair if LOW < d < HIGH], dtype=np.int64)
    points = np.concatenate([*known, now, era_days])
    if len(points) == 0:
        today = _dt.date.today().toordinal()
        points = np.asarray([today - 365, today])
    first, last = int(points.min()), int(points.max()) + 1
    total = max(last - first, 1)
    cuts: list[Cut] = []
    if cut:
        cuts = _cuts(c, era_days, now, first, last, 0)
        if cuts:  # widen the margins to MARGIN_PX at the scale the cut axis has
            shown = total - sum(x.end - x.start for x in cuts)
            step = max(1, 10 ** math.floor(math.log10(max(shown / 365.25 / 8, 1))))
            margin = round(MARGIN_PX * shown / width)
            cuts = _cuts(c, era_days, now, first, last, margin, step)
    shown = total - sum(x.end - x.start for x in cuts)
    edge = max(round(shown * EDGE_SHARE), 2)
    # the axis stays within the dates Python (and Plotly) can name: 0001-01-01 to 9999-12-31
    lo, hi = max(first - edge, 1), min(last + edge, _MAX_ORDINAL)
    return Scale(lo, max(hi, lo + 2), tuple(cuts), width, edge)


def _cuts(
    c: Columns, era_days: Any, now: Any, first: int, last: int, min_margin: int, step: int = 1
) -> list[Cut]:
    total = last - first
    closed = (c.s_lo > LOW) & (c.e_hi < HIGH)
    whole = closed & (c.e_hi - c.s_lo <= total / 4)
    pieces = [np.column_stack([c.s_lo[whole], c.e_hi[whole] + 1])]
    for lo, hi in ((c.s_lo, c.s_hi), (c.e_lo, c.e_hi), (c.s_clo, c.s_chi), (c.e_clo, c.e_chi)):
        part = ~whole
        lo_part, hi_part = lo[part], hi[part]
        lo_known, hi_known = lo_part > LOW, hi_part < HIGH
        both = lo_known & hi_known
        short = both & (hi_part - lo_part <= total / 4)
        pieces.append(np.column_stack([lo_part[short], hi_part[short] + 1]))
        for days in (lo_part[lo_known], hi_part[hi_known]):
            pieces.append(np.column_stack([days, days + 1]))
    # an instant's marker sits at the middle of its period: never on a cut
    whole_instant = ~c.has_end & (c.s_clo > LOW) & (c.s_chi < HIGH)
    middles = (c.s_clo[whole_instant] + c.s_chi[whole_instant] + 1) // 2
    for days in (now, era_days, middles):
        pieces.append(np.column_stack([days, days + 1]))
    spans = np.concatenate(pieces).astype(np.int64)
    spans = spans[np.argsort(spans[:, 0], kind="stable")]
    reach = np.maximum.accumulate(spans[:, 1])
    gap_starts = reach[:-1]
    gap_ends = spans[1:, 0]
    open_gap = gap_ends > gap_starts
    gaps = sorted(
        zip((gap_ends - gap_starts)[open_gap].tolist(), gap_starts[open_gap].tolist(), strict=True),
        reverse=True,
    )
    margin = max(round(total * CUT_MARGIN), MIN_MARGIN_DAYS, min_margin)
    shown = total
    cuts = []
    for length, start in gaps:
        hidden = length - 2 * margin
        if hidden <= MIN_CUT_DAYS or hidden <= CUT_SHARE * shown:
            break
        # a cut runs from one round year to another (a multiple of ``step`` years), so the
        # ticks beside it are round too
        lo = _year_start(start + margin, up=True, step=step)
        hi = _year_start(start + length - margin, up=False, step=step)
        if hi - lo <= MIN_CUT_DAYS:
            continue
        cuts.append(Cut(lo, hi))
        shown -= hi - lo
    return sorted(cuts, key=lambda x: x.start)


def _year_start(ordinal: int, *, up: bool, step: int) -> int:
    day = _dt.date.fromordinal(ordinal)
    year = day.year + (1 if up and (day.month, day.day) != (1, 1) else 0)
    year = -(-year // step) * step if up else year // step * step
    return _dt.date(min(max(year, 1), 9999), 1, 1).toordinal()


def iso(ordinal: int) -> str:
    """A day ordinal as an ISO date ("1632-11-16"), as Plotly's date axis reads it."""
    return _dt.date.fromordinal(ordinal).isoformat()


def pack_rows(left: Any, right: Any, pad: float, max_rows: int | None = None) -> tuple[Any, int]:
    """Rows for intervals given in pixels (any order): in order of their left edge, each takes
    the row that frees up first if it is free by then, else a new row; past ``max_rows`` rows,
    the row that frees up first even if busy. Returns the row of each and the row count.

    O(n log n): one heap of row ends. Capped, and beyond `ROUND_ROBIN` intervals, neighbours
    in time simply take the rows in turn (the same picture once the rows are full).
    """
    order = np.argsort(left, kind="stable")
    rows = np.empty(len(left), dtype=np.int64)
    if max_rows is not None and len(left) > ROUND_ROBIN:
        # so many that the rows are full anyway: neighbours in time take the rows in turn
        rows[order] = np.arange(len(left)) % max_rows
        return rows, min(len(left), max_rows)
    free: list[tuple[float, int]] = []
    count = 0
    lefts, rights = left[order].tolist(), right[order].tolist()
    for i, (lo, hi) in enumerate(zip(lefts, rights, strict=True)):
        if free and (free[0][0] + pad <= lo or (max_rows is not None and count >= max_rows)):
            _, row = heapq.heappop(free)
        else:
            row = count
            count += 1
        rows[order[i]] = row
        heapq.heappush(free, (max(hi, lo), row))
    return rows, count
