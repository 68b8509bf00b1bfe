"""A segmented time axis: dense stretches get room, long empty stretches are cut and marked.

Dates map to axis units by a monotone piecewise-linear function. The dates events mention are
split into *segments* wherever two neighbouring dates are far apart: more than two years and
more than 8% of the whole span; then once more inside each segment, where a gap of more than
two years and 40% of that segment's span is cut too. Each segment
is linear, with room in proportion to how many dates it holds; the gap between two segments is
drawn as a narrow *break*, marked on the axis with the length of time it leaves out. Tick
labels are real dates, placed per segment at round steps (centuries down to days).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
from collections.abc import Sequence
from typing import Any, Final

import attrs
import numpy as np

__all__ = ["Axis", "Break", "build_axis"]

_MIN_GAP_DAYS: Final = 731
_GAP_SHARES: Final = (0.08, 0.4)
_BREAK_SHARE: Final = 0.035
_MIN_SEGMENT_SHARE: Final = 0.06
_STEPS_MONTHS: Final = (1, 3, 6, 12, 24, 60, 120, 240, 300, 600, 1200)
_MONTH_NAMES: Final = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


@attrs.frozen
class Break:
    """A cut in the axis: the days from ``start`` to ``end`` drawn in a narrow gap."""

    start: int
    end: int
    x0: float
    x1: float

    def label(self) -> str:
        """How much time the break leaves out, in words."""
        days = self.end - self.start
        if days >= 2 * 365:
            return f"{round(days / 365.25)} years cut"
        if days >= 60:
            return f"{round(days / 30.44)} months cut"
        return f"{days} days cut"


@attrs.frozen
class Axis:
    """A monotone map from day ordinals to axis units (0 to ``width``), with its breaks."""

    days: tuple[int, ...]
    xs: tuple[float, ...]
    breaks: tuple[Break, ...]
    width: float

    def xs_of(self, ordinals: Any) -> Any:
        """Axis units of many day ordinals at once (a NumPy array)."""
        return np.interp(ordinals, self.days, self.xs)

    def x(self, ordinal: float) -> float:
        """Axis units of a day ordinal (clamped to the axis)."""
        days, xs = self.days, self.xs
        if ordinal <= days[0]:
            return xs[0]
        if ordinal >= days[-1]:
            return xs[-1]
        i = bisect.bisect_right(days, ordinal) - 1
        d0, d1 = days[i], days[i + 1]
        return xs[i] + (xs[i + 1] - xs[i]) * (ordinal - d0) / (d1 - d0)

    def ticks(self, spacing: float = 70.0) -> tuple[list[float], list[str]]:
        """Tick positions and their date labels, chosen per segment at round steps, at least
        ``spacing`` units apart (a tick too close to the previous one is left out)."""
        values: list[float] = []
        labels: list[str] = []
        for first, last, x0, x1 in _segments_of(self):
            wanted = max(1, int((x1 - x0) / (spacing * 1.2)))
            for day in _round_dates(first, last, wanted):
                x = self.x(day.toordinal())
                if values and x - values[-1] < spacing:
                    continue
                values.append(x)
                labels.append(_tick_label(day, last - first))
        return values, labels


def _segments_of(axis: Axis) -> list[tuple[int, int, float, float]]:
    cuts = {(b.start, b.end) for b in axis.breaks}
    segments = []
    for i in range(len(axis.days) - 1):
        pair = (axis.days[i], axis.days[i + 1])
        if pair not in cuts:
            segments.append((pair[0], pair[1], axis.xs[i], axis.xs[i + 1]))
    return segments


def _round_dates(first: int, last: int, wanted: int) -> list[_dt.date]:
    span_months = max((last - first) / 30.44, 0.0)
    if span_months < 2:
        step_days = max(1, round((last - first) / wanted)) if last > first else 1
        return [_dt.date.fromordinal(d) for d in range(first, last + 1, step_days)][: wanted + 1]
    step = next((s for s in _STEPS_MONTHS if span_months / s <= wanted), _STEPS_MONTHS[-1])
    start = _dt.date.fromordinal(first)
    index = start.year * 12 + start.month - 1
    index += (-index) % step
    dates = []
    while True:
        year, month0 = divmod(index, 12)
        if year > 9999:
            break
        day = _dt.date(year, month0 + 1, 1)
        if day.toordinal() > last:
            break
        if day.toordinal() >= first:
            dates.append(day)
        index += step
    return dates or [start]


def _tick_label(day: _dt.date, span_days: int) -> str:
    if span_days > 3 * 365:
        return str(day.year)
    if span_days > 60:
        return f"{_MONTH_NAMES[day.month - 1]} {day.year}"
    return f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"


def _split(lo: Any, hi: Any, level: int = 0) -> list[tuple[int, int, int]]:
    """Split day ranges (sorted by start) where neighbours are far apart (see the module
    docstring); returns (first day, last day, number of ranges) per segment.

    A range is never cut through: only the empty time between ranges can be.
    """
    first, last = int(lo[0]), int(hi.max())
    if len(lo) < 2 or level >= len(_GAP_SHARES):
        return [(first, last, len(lo))]
    threshold = max(_MIN_GAP_DAYS, _GAP_SHARES[level] * (last - first))
    reach = np.maximum.accumulate(hi)
    cuts = np.flatnonzero(lo[1:] - reach[:-1] > threshold) + 1
    segments = []
    for a, b in itertools.pairwise([0, *cuts.tolist(), len(lo)]):
        segments += _split(lo[a:b], hi[a:b], level + 1)
    return segments


def build_axis(spans: Sequence[tuple[int, int]] | Any, width: float = 1000.0) -> Axis:
    """An axis for these day ranges (what events cover; a date alone is a one-day range),
    given as pairs or as an (n, 2) array; ``width`` is the axis length in units."""
    pairs = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    # distinct (start, end) pairs in order: one integer key each (day ordinals stay < 10**7)
    key = np.unique(pairs[:, 0] * 10**7 + (pairs[:, 1] - pairs[:, 0]))
    pairs = np.column_stack([key // 10**7, key // 10**7 + key % 10**7])
    if len(pairs) == 0:
        today = _dt.date.today().toordinal()
        pairs = np.array([[today - 365, today]], dtype=np.int64)
    groups = _split(pairs[:, 0], pairs[:, 1])
    # pad every segment a little so markers at its ends are not on the break
    bounds = []
    for first, last, _ in groups:
        pad = max(15, round((last - first) * 0.04))
        bounds.append([first - pad, last + pad])
    for left, right in itertools.pairwise(bounds):
        if left[1] >= right[0]:
            middle = (left[1] + right[0]) // 2
            left[1], right[0] = middle, middle + 1
    weights = [max(count, 1) ** 0.6 for _, _, count in groups]
    n_breaks = len(groups) - 1
    room = width * (1 - _BREAK_SHARE * n_breaks)
    total = sum(weights)
    shares = [max(w / total, _MIN_SEGMENT_SHARE) for w in weights]
    scale = room / sum(shares)
    days: list[int] = []
    xs: list[float] = []
    breaks: list[Break] = []
    x = 0.0
    for i, (lo, hi) in enumerate(bounds):
        if i:
            gap = width * _BREAK_SHARE
            breaks.append(Break(days[-1], lo, x, x + gap))
            x += gap
        days.extend([lo, max(hi, lo + 1)])
        xs.extend([x, x + shares[i] * scale])
        x += shares[i] * scale
    return Axis(tuple(days), tuple(xs), tuple(breaks), width)
