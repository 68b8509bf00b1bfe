"""Merging: versions of one event from several sources become one event, losing nothing.

A timeline holds every *version* of every event it was built from. Versions with the same id,
or linked by ``same_as``, form one group, and the group's event is a deterministic function of
the *set* of its versions. That is why merge is a join (commutative, associative, idempotent):
merging only unions the sets. The resolution of a group:

* ``start`` and ``end``: the tightest bounds consistent with every version, the intersection of
  their outer bounds ("1875" and "7 May 1875" give 7 May 1875). A version's own date is kept
  when it has exactly those bounds. When the intersection is empty the versions cannot all be
  true: a `Conflict` is recorded and the date becomes the hull of all of them (from the
  earliest earliest to the latest latest), so the event is drawn over every claimed date.
* ``title`` and ``kind``: different non-empty values are a `Conflict`; the value given by the
  most versions wins, ties going to the first in alphabetical order.
* ``status``: different values are a `Conflict`; the most cautious wins
  (disputed, then claimed, then planned, then reported).
* ``description`` and ``note``: every distinct text is kept, joined by a blank line.
* ``actors``, ``places``, ``tags``, ``citations``, ``same_as``: the sorted union.
* ``id``: the first id of the group in alphabetical order; the others go into ``same_as`` and
  still find the event (``tl["other-id"]``).

Every version stays available through `timeline.Timeline.versions_of`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable, Sequence
from typing import Final

import attrs

from timeline.dates import FuzzyDate
from timeline.model import Citation, Event, Status

__all__ = [
    "Conflict", "group_versions", "join_links", "merge_dates", "resolve",
]  # fmt: skip

_CAUTION: Final = (Status.DISPUTED, Status.CLAIMED, Status.PLANNED, Status.REPORTED)


@attrs.frozen
class Conflict:
    """Versions of one event that cannot all be true about one field.

    ``values`` lists every distinct value (as text) with the ids of the sources that gave it
    (``(uncited)`` for a version without citations); ``resolution`` is the value the merged
    event took (see `timeline.merging` for the rules).
    """

    event_id: str
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]
    resolution: str

    def __str__(self) -> str:
        told = "; ".join(f"{value!r} ({', '.join(sources)})" for value, sources in self.values)
        return f"{self.event_id}.{self.field}: {told} -> took {self.resolution!r}"


def version_key(event: Event) -> tuple[str, str]:
    """A total, deterministic order of versions: by id, then by their full repr."""
    return event.id, repr(event)


def group_versions(versions: Iterable[Event]) -> list[list[Event]]:
    """Group versions by id and by ``same_as`` links (to ids that are present)."""
    versions = list(versions)
    links = [(v.id, v.same_as) for v in versions if v.same_as]
    joined = join_links(links, {v.id for v in versions}) if links else {}
    groups: dict[str, list[Event]] = {}
    for v in versions:
        groups.setdefault(joined.get(v.id, v.id), []).append(v)
    return [g if len(g) == 1 else sorted(g, key=version_key) for _, g in sorted(groups.items())]


def join_links(
    links: Iterable[tuple[str, Iterable[str]]], present: Container[str]
) -> dict[str, str]:
    """The group of every id that ``same_as`` links join to others: the first id of its
    group in alphabetical order. Links to ids that are not present are ignored."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ident, others in links:
        for other in others:
            if other in present:
                a, b = find(ident), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {x: root for x in parent if (root := find(x)) != x}


UNCITED: Final = "(uncited)"
"""What a `Conflict` names as the source of a version without citations."""


def sources_of(sources: Iterable[str]) -> list[str]:
    """The sorted distinct source ids of a version's citations, or [`UNCITED`]."""
    return sorted(set(sources)) or [UNCITED]


def told(pairs: Iterable[tuple[str, Iterable[str]]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every distinct value with the sources that gave it, as a `Conflict` lists them."""
    by_value: dict[str, set[str]] = {}
    for value, sources in pairs:
        by_value.setdefault(value, set()).update(sources)
    return tuple((v, tuple(sorted(s))) for v, s in sorted(by_value.items()))


def _told(
    group: Sequence[Event], value_of: dict[int, str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return told(
        (value_of[i], sources_of(c.source for c in e.citations))
        for i, e in enumerate(group)
        if i in value_of
    )


def merge_dates(
    dates: list[FuzzyDate],
) -> tuple[FuzzyDate, bool]:
    """The tightest date consistent with all of these (and False), or their hull (and True)."""
    distinct = sorted(set(dates), key=lambda d: (d.to_edtf(), d.text))
    if len(distinct) == 1:
        return distinct[0], False
    lows = [d.earliest for d in distinct]
    highs = [d.latest for d in distinct]
    lo = max((d for d in lows if d is not None), default=None)
    hi = min((d for d in highs if d is not None), default=None)
    if lo is None or hi is None or lo <= hi:
        exact = [d for d in distinct if (d.earliest, d.latest) == (lo, hi)]
        if exact:
            return exact[0], False
        text = " and ".join(sorted({d.text for d in distinct}))
        return FuzzyDate.from_bounds(lo, hi, text=text), False
    low = None if None in lows else min(d for d in lows if d is not None)
    high = None if None in highs else max(d for d in highs if d is not None)
    text = " or ".join(sorted({d.text for d in distinct}))
    return FuzzyDate.from_bounds(low, high, text=text), True


def _most_told(values: list[str]) -> str:
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))


def resolve(group: Sequence[Event]) -> tuple[Event, list[Conflict]]:
    """The merged event of one group of versions, and the conflicts among them."""
    if len(group) == 1:
        return group[0], []
    ident = min(v.id for v in group)
    conflicts: list[Conflict] = []

    def text_field(name: str) -> str:
        values = {i: getattr(v, name) for i, v in enumerate(group) if getattr(v, name)}
        if not values:
            return ""
        chosen = _most_told(list(values.values()))
        if len(set(values.values())) > 1:
            conflicts.append(Conflict(ident, name, _told(group, values), chosen))
        return chosen

    def date_field(name: str) -> FuzzyDate | None:
        values = {i: getattr(v, name) for i, v in enumerate(group) if getattr(v, name) is not None}
        if not values:
            return None
        merged, disjoint = merge_dates(list(values.values()))
        if disjoint:
            told = _told(group, {i: d.text for i, d in values.items()})
            conflicts.append(Conflict(ident, name, told, merged.label()))
        return merged

    title = text_field("title")
    kind = text_field("kind")
    statuses = {i: v.status.value for i, v in enumerate(group)}
    status = min({v.status for v in group}, key=_CAUTION.index)
    if len(set(statuses.values())) > 1:
        conflicts.append(Conflict(ident, "status", _told(group, statuses), status.value))
    start = date_field("start")
    assert start is not None
    end = date_field("end")
    if end is not None and start.earliest is not None and end.latest is not None:
        reversed_ = end.latest < start.earliest
        if reversed_:
            told = _told(group, {i: v.date_label() for i, v in enumerate(group)})
            conflicts.append(Conflict(ident, "end", told, "no end (it would precede the start)"))
            end = None

    def joined(name: str) -> str:
        return "\n\n".join(sorted({getattr(v, name) for v in group if getattr(v, name)}))

    def union(name: str) -> tuple[str, ...]:
        return tuple(sorted({x for v in group for x in getattr(v, name)}))

    citations: set[Citation] = {c for v in group for c in v.citations}
    same_as = sorted(({v.id for v in group} | set(union("same_as"))) - {ident})
    merged = Event(
        id=ident,
        title=title,
        start=start,
        end=end,
        description=joined("description"),
        kind=kind,
        actors=union("actors"),
        places=union("places"),
        tags=union("tags"),
        status=status,
        citations=sorted(citations, key=lambda c: (c.source, c.locator, c.wording)),
        note=joined("note"),
        same_as=same_as,
    )
    return merged, conflicts
