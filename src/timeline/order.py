"""Order under uncertainty: Allen's interval relations and the certain (partial) order.

An event occupies the days from its outer ``earliest`` to its outer ``latest`` bound, both
included. Relations compare those intervals as half-open day ranges, so an event ending on
4 May and one starting on 5 May *meet*. An open end counts as minus or plus infinity: two
events both open at the start start together, and an event with an open end never ends
before anything.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Final

from timeline.dates import OPEN_END, OPEN_START
from timeline.model import Event

__all__ = ["Relation", "certain_order", "relation"]

_NEG: Final = OPEN_START
_POS: Final = OPEN_END


class Relation(enum.Enum):
    """Allen's thirteen relations between two intervals (a relative to b)."""

    BEFORE = "before"
    MEETS = "meets"
    OVERLAPS = "overlaps"
    STARTS = "starts"
    DURING = "during"
    FINISHES = "finishes"
    EQUALS = "equals"
    FINISHED_BY = "finished by"
    CONTAINS = "contains"
    STARTED_BY = "started by"
    OVERLAPPED_BY = "overlapped by"
    MET_BY = "met by"
    AFTER = "after"

    @property
    def inverse(self) -> Relation:
        """The relation of b to a when this is the relation of a to b."""
        return _INVERSE[self]

    def __str__(self) -> str:
        return self.value


_INVERSE: Final = {
    Relation.BEFORE: Relation.AFTER,
    Relation.MEETS: Relation.MET_BY,
    Relation.OVERLAPS: Relation.OVERLAPPED_BY,
    Relation.STARTS: Relation.STARTED_BY,
    Relation.DURING: Relation.CONTAINS,
    Relation.FINISHES: Relation.FINISHED_BY,
    Relation.EQUALS: Relation.EQUALS,
}
_INVERSE.update({v: k for k, v in list(_INVERSE.items())})


def _span(event: Event) -> tuple[int, int]:
    lo = event.earliest.toordinal() if event.earliest is not None else _NEG
    hi = event.latest.toordinal() + 1 if event.latest is not None else _POS
    return lo, hi


def relation(a: Event, b: Event) -> Relation:
    """Allen's relation of a to b on their outer bounds (see the module docstring).

    ``relation(b, a)`` is always ``relation(a, b).inverse``.
    """
    a0, a1 = _span(a)
    b0, b1 = _span(b)
    if a1 < b0:
        return Relation.BEFORE
    if b1 < a0:
        return Relation.AFTER
    if a1 == b0 and a0 != b0:
        return Relation.MEETS
    if b1 == a0 and a0 != b0:
        return Relation.MET_BY
    if a0 == b0:
        if a1 == b1:
            return Relation.EQUALS
        return Relation.STARTS if a1 < b1 else Relation.STARTED_BY
    if a1 == b1:
        return Relation.FINISHES if a0 > b0 else Relation.FINISHED_BY
    if b0 < a0 and a1 < b1:
        return Relation.DURING
    if a0 < b0 and b1 < a1:
        return Relation.CONTAINS
    return Relation.OVERLAPS if a0 < b0 else Relation.OVERLAPPED_BY


def certain_order(events: Iterable[Event]) -> list[tuple[Event, ...]]:
    """Events in groups: every event of a group is certainly before every event of later groups.

    Within a group the evidence cannot settle the order of every pair (their bounds chain
    together by overlaps); groups keep the deterministic iteration order.
    """
    groups: list[list[Event]] = []
    reach = _NEG
    for event in sorted(events, key=Event.sort_key):
        lo, hi = _span(event)
        if not groups or lo >= reach:
            groups.append([event])
            reach = hi
        else:
            groups[-1].append(event)
            reach = max(reach, hi)
    return [tuple(g) for g in groups]
