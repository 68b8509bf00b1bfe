"""Merging: versions of one event from several sources become one event, losing nothing.

A timeline holds every *version* of every event it was built from, its sources (each with a
``rank``) and its `timeline.model.Resolution` values (a historian's decisions). Versions with
the same id, or linked by ``same_as``, form one group, and the group's event is a
deterministic function of the *set* of its versions, sources and resolutions. That is why
merge is a join (commutative, associative, idempotent): merging only unions the sets.

The rules, one per field, are declared once in `FIELD_RULES`; both engines (this module's
`resolve` and `timeline.columnar`) take their behaviour from that table:

* ``start`` and ``end`` (`Rule.DATES`, together): an instant's end is its start (it happened
  within that date). Where the versions agree (some start and end satisfy every version, the
  start not after the end), the merge is their tightest common reading: each date is the
  intersection of the versions' outer bounds ("1875" and "7 May 1875" give 7 May 1875), and a
  version's own date is kept when it has exactly those bounds. Where they conflict, the event
  covers every date any version claims: each date becomes the hull of the versions' dates (the
  earliest earliest to the latest latest), a `Conflict` records it, and the start is never
  after the end. The merged event is an instant if every version is one.
* ``title`` and ``kind`` (`Rule.VOTE`): where versions disagree, the value of the
  best-ranked source wins (`Decision.RANK`); among equally ranked values, the one more
  sources gave (`Decision.SOURCES`); a tie is taken in alphabetical order but recorded as
  *unresolved* (`Decision.UNRESOLVED`) until a resolution decides.
* ``status`` (`Rule.CAUTIOUS_VOTE`): the best-ranked sources' status; among equally ranked
  ones the most cautious (disputed, then claimed, then planned, then reported).
* ``description`` and ``note`` (`Rule.JOIN`): every distinct text, joined by a blank line.
* ``actors``, ``places``, ``tags``, ``citations``, ``same_as`` (`Rule.UNION`): the sorted union.
* ``id`` (`Rule.GROUP_ID`): the first id of the group in alphabetical order; the others go
  into ``same_as`` and still find the event (``tl["other-id"]``).

A resolution for a field of the event overrides the rule (`Decision.RESOLUTION`); two that
disagree are not applied, and the conflict says so. Every disagreement is a `Conflict` listing
every value with its sources, the value taken, and how it was decided. Every version stays
available through `timeline.Timeline.versions_of`.
"""

from __future__ import annotations

import enum
import functools
import sys
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import attrs

from timeline.dates import Date, FuzzyDate
from timeline.model import EVENT_FIELDS, Event, Resolution, Status

__all__ = [
    "FIELD_RULES",
    "Conflict",
    "Decision",
    "Rule",
    "group_ids",
    "group_versions",
    "join_links",
    "resolve",
    "sort_conflicts",
    "undecided",
]


class Rule(enum.Enum):
    """How the merge decides one field of an event (see the module docstring)."""

    GROUP_ID = "the first id of the group; the others go into same_as"
    VOTE = "the best-ranked sources' value, then the one more sources gave; a tie is unresolved"
    CAUTIOUS_VOTE = "the best-ranked sources' value, then the most cautious"
    DATES = "the tightest reading all versions allow; if none, every claimed date (a conflict)"
    JOIN = "every distinct text, joined by a blank line"
    UNION = "the sorted union"


FIELD_RULES: Final[Mapping[str, Rule]] = MappingProxyType(
    {
        "id": Rule.GROUP_ID,
        "title": Rule.VOTE,
        "start": Rule.DATES,
        "end": Rule.DATES,
        "description": Rule.JOIN,
        "kind": Rule.VOTE,
        "actors": Rule.UNION,
        "places": Rule.UNION,
        "tags": Rule.UNION,
        "status": Rule.CAUTIOUS_VOTE,
        "citations": Rule.UNION,
        "note": Rule.JOIN,
        "same_as": Rule.UNION,
    }
)
"""The merge rule of every field of `timeline.Event`: the one table both engines read."""

if tuple(FIELD_RULES) != EVENT_FIELDS:  # pragma: no cover - a developer's slip
    raise ImportError(f"FIELD_RULES must name every Event field, in order: {EVENT_FIELDS}")

CAUTION: Final = (Status.DISPUTED, Status.CLAIMED, Status.PLANNED, Status.REPORTED)
"""Statuses from the most cautious to the least."""


class Decision(enum.Enum):
    """How a conflicting field was decided."""

    RULE = "rule"
    """A fixed rule: dates cover every claim, the most cautious of equally ranked statuses."""
    RANK = "rank"
    """The value of the best-ranked source."""
    SOURCES = "sources"
    """The value more sources gave, among equally ranked ones."""
    RESOLUTION = "resolution"
    """A historian's `timeline.model.Resolution`."""
    UNRESOLVED = "unresolved"
    """A tie (or resolutions that disagree): the first value in alphabetical order stands in
    until a resolution decides."""


@attrs.frozen
class Conflict:
    """Versions of one event that cannot all be true about one field, and how it was decided.

    ``values`` lists every distinct value (as text) with the ids of the sources that gave it
    (``(uncited)`` for a version without citations); ``resolution`` is the value the merged
    event took; ``decision`` how (`Decision`); ``reason`` why, in words.
    """

    event_id: str
    field: str
    values: tuple[tuple[str, tuple[str, ...]], ...]
    resolution: str
    decision: Decision = Decision.RULE
    reason: str = ""

    @property
    def resolved(self) -> bool:
        """Whether the value taken was decided (by a rule, a rank or a resolution), not a tie."""
        return self.decision is not Decision.UNRESOLVED

    def __str__(self) -> str:
        from timeline.errors import shorten

        told = (
            "; ".join(f"{shorten(value)} ({', '.join(sources)})" for value, sources in self.values)
            or "(no version gives one)"
        )
        how = "UNRESOLVED" if not self.resolved else f"by {self.decision.value}"
        why = f": {self.reason}" if self.reason else ""
        return (
            f"{self.event_id}.{self.field}: {told} -> took {shorten(self.resolution)} [{how}{why}]"
        )

    def to_json(self) -> list[Any]:
        """The conflict as JSON-ready data (`from_json` reads it back)."""
        values = [[v, list(s)] for v, s in self.values]
        return [
            self.event_id,
            self.field,
            values,
            self.resolution,
            self.decision.value,
            self.reason,
        ]

    @classmethod
    def from_json(cls, data: Sequence[Any]) -> Conflict:
        """The conflict `to_json` wrote."""
        ident, field, values, resolution, decision, reason = data
        told = tuple((v, tuple(s)) for v, s in values)
        return cls(ident, field, told, resolution, Decision(decision), reason)


def undecided(conflicts: Iterable[Conflict]) -> tuple[Conflict, ...]:
    """The conflicts no resolution settled: what a strict merge refuses."""
    return tuple(c for c in conflicts if c.decision is not Decision.RESOLUTION)


def sort_conflicts(conflicts: Iterable[Conflict]) -> tuple[Conflict, ...]:
    """Conflicts in their one order: by event id, then field (every engine uses this)."""
    return tuple(sorted(conflicts, key=lambda c: (c.event_id, c.field)))


_DateKey = tuple[Any, ...]


def date_key(date: FuzzyDate) -> _DateKey:
    """A total order of dates: by EDTF, then wording, then everything else that tells two
    dates apart (bounds, sides, calendar, year start, fuzziness, reference), never by memory
    address or hash."""
    lo, hi = date.core_earliest, date.core_latest
    fuzziness = date.fuzziness
    return (
        date.to_edtf(),
        date.text,
        -1 if lo is None else lo.toordinal(),
        -1 if hi is None else hi.toordinal(),
        int(date.first_precision),
        int(date.last_precision),
        int(date.first_qualifier),
        int(date.last_qualifier),
        date.calendar.value,
        date.year_start or "",
        () if fuzziness is None else attrs.astuple(fuzziness),
        () if date.reference is None else date_key(date.reference),
    )


def _value_key(value: Any) -> Any:
    """An orderable stand-in for one field's value (None before any value)."""
    if value is None:
        return ()
    if isinstance(value, FuzzyDate):
        return (date_key(value),)
    if isinstance(value, Status):
        return value.value
    if isinstance(value, tuple):
        return tuple(attrs.astuple(v) if attrs.has(type(v)) else v for v in value)
    return value


def version_key(event: Event) -> tuple[Any, ...]:
    """A total, deterministic order of versions: by id, then by every field (in the order of
    `FIELD_RULES`, which names every field of an event)."""
    return tuple(_value_key(getattr(event, field)) for field in FIELD_RULES)


def group_versions(versions: Iterable[Event]) -> list[list[Event]]:
    """Group versions by id and by ``same_as`` links (to ids that are present); each group in
    `version_key` order (versions of one id keep the order they come in, which a `Timeline`
    makes that order)."""
    versions = list(versions)
    links = [(v.id, v.same_as) for v in versions if v.same_as]
    joined = join_links(links, {v.id for v in versions}) if links else {}
    groups: dict[str, list[Event]] = {}
    for v in versions:
        groups.setdefault(joined.get(v.id, v.id), []).append(v)
    return [
        g if len(g) == 1 or _one_id(g) else sorted(g, key=version_key)
        for _, g in sorted(groups.items())
    ]


def _one_id(group: list[Event]) -> bool:
    return all(v.id == group[0].id for v in group)


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
    return tuple((v, _sources_tuple(frozenset(s))) for v, s in sorted(by_value.items()))


@functools.lru_cache(maxsize=4096)
def _sources_tuple(sources: frozenset[str]) -> tuple[str, ...]:
    """One shared tuple per set of sources (a large merge repeats the same few)."""
    return tuple(sorted(sources))


@attrs.frozen
class Judge:
    """What a merge weighs besides the versions: each source's rank, and the resolutions."""

    ranks: Mapping[str, int] = attrs.field(factory=dict)
    resolutions: tuple[Resolution, ...] = ()

    def rank(self, sources: Iterable[str]) -> int:
        """The rank of a version: its best-ranked source's (0 if uncited or unranked)."""
        return max((self.ranks.get(s, 0) for s in sources), default=0)

    def for_group(self, ids: Iterable[str]) -> dict[str, list[Resolution]]:
        """The resolutions of an event (any of its ids), by field."""
        wanted = set(ids)
        found: dict[str, list[Resolution]] = {}
        for r in self.resolutions:
            if r.event in wanted:
                found.setdefault(r.field, []).append(r)
        return found


NO_JUDGE: Final = Judge()


@attrs.frozen
class _Group:
    """One group of versions as the rules see it."""

    ident: str
    versions: Sequence[Event]
    sources: list[list[str]]
    ranks: list[int]
    resolutions: dict[str, list[Resolution]]

    def told(self, value_of: Mapping[int, str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return told((value_of[i], self.sources[i]) for i in sorted(value_of))


@attrs.frozen
class _Decided:
    """What the resolutions of one field say: the value to apply (None: none, or they
    disagree) and the reason text (who decided and why, every one of them)."""

    value: Any
    text: str
    reason: str
    disagree: bool


def _same_choice(resolution: Resolution) -> Any:
    """What a resolution chooses, compared as a value ("1960" and "1960-01-01/1960-12-31"
    choose the same date)."""
    chosen = resolution.chosen()
    if isinstance(chosen, FuzzyDate):
        return (chosen.earliest, chosen.latest)
    return chosen


def _decided(group: _Group, field: str) -> _Decided | None:
    """The resolutions of this field of the group, if any."""
    found = sorted(set(group.resolutions.get(field, ())), key=attrs.astuple)
    if not found:
        return None
    said = "; ".join(f"{r.by}: {r.reason}" for r in found)
    if len({_same_choice(r) for r in found}) > 1:
        choices = "; ".join(f"{r.value!r} ({r.by}: {r.reason})" for r in found)
        return _Decided(None, "", f"resolutions disagree, none applied: {choices}", True)
    return _Decided(found[0].chosen(), found[0].value, said, False)


def _resolved(group: _Group, field: str, values: Mapping[int, str], d: _Decided) -> Conflict:
    return Conflict(group.ident, field, group.told(values), d.text, Decision.RESOLUTION, d.reason)


def _unsettled(conflict: Conflict | None, group: _Group, field: str, values: Mapping[int, str],
               taken: str, d: _Decided) -> Conflict:  # fmt: skip
    """The conflict of a field whose resolutions disagree: what the rule took, unresolved."""
    rule = f"; the rule took {taken!r}" + (f" ({conflict.reason})" if conflict else "")
    return Conflict(
        group.ident, field, group.told(values), taken, Decision.UNRESOLVED, d.reason + rule
    )


def vote(
    ident: str,
    field: str,
    told_as: Sequence[tuple[str, Sequence[str], int]],
) -> tuple[str, Conflict | None]:
    """`Rule.VOTE` or `Rule.CAUTIOUS_VOTE` (by ``field``) over the non-empty values versions
    gave, each as (value, its sources, its rank): the value taken and, if they disagree, the
    conflict. Both engines decide through this function."""
    distinct = sorted({value for value, _, _ in told_as})
    if len(distinct) <= 1:
        return (distinct[0] if distinct else ""), None
    rank = {v: max(r for value, _, r in told_as if value == v) for v in distinct}
    # an uncited version gives a value, but no source: it never outnumbers a cited one
    told_by = {
        v: {s for value, ss, _ in told_as if value == v for s in ss if s != UNCITED}
        for v in distinct
    }
    best = max(rank.values())
    top = [v for v in distinct if rank[v] == best]
    if FIELD_RULES[field] is Rule.CAUTIOUS_VOTE:
        chosen = min(top, key=lambda v: CAUTION.index(Status(v)))
        decision = Decision.RANK if len(top) == 1 else Decision.RULE
        reason = f"ranked {best}" if len(top) == 1 else "the most cautious"
    else:
        ordered = sorted(top, key=lambda v: (-len(told_by[v]), v))
        chosen = ordered[0]
        if len(top) == 1:
            decision, reason = Decision.RANK, f"ranked {best}, the others lower"
        elif len(told_by[ordered[0]]) > len(told_by[ordered[1]]):
            decision = Decision.SOURCES
            reason = f"told by {len(told_by[chosen])} sources, the others by fewer"
        else:
            decision = Decision.UNRESOLVED
            reason = "a tie (as many sources of equal rank): add a resolution"
    values = told((value, sources) for value, sources, _ in told_as)
    # a merge of millions of events records tens of thousands of these: share the texts
    return chosen, Conflict(ident, field, values, chosen, decision, sys.intern(reason))


def _vote(group: _Group, field: str, conflicts: list[Conflict]) -> Any:
    """`Rule.VOTE` and `Rule.CAUTIOUS_VOTE` for a group of versions: the value of one field."""
    cautious = FIELD_RULES[field] is Rule.CAUTIOUS_VOTE
    raw = {i: getattr(v, field) for i, v in enumerate(group.versions) if getattr(v, field)}
    values = {i: (x.value if isinstance(x, Status) else x) for i, x in raw.items()}
    decided = _decided(group, field)
    if decided is not None and not decided.disagree:
        conflicts.append(_resolved(group, field, values, decided))
        return decided.value
    chosen, conflict = vote(
        group.ident, field, [(v, group.sources[i], group.ranks[i]) for i, v in values.items()]
    )
    if decided is not None:
        conflict = _unsettled(conflict, group, field, values, chosen, decided)
    if conflict is not None:
        conflicts.append(conflict)
    if cautious:
        return Status(chosen)
    return chosen


def _bounds(dates: Sequence[FuzzyDate]) -> tuple[Date | None, Date | None]:
    """The intersection of the dates' outer bounds (None: open)."""
    lo = max((d.earliest for d in dates if d.earliest is not None), default=None)
    hi = min((d.latest for d in dates if d.latest is not None), default=None)
    return lo, hi


def _exactly(
    dates: Sequence[FuzzyDate], lo: Date | None, hi: Date | None, joiner: str
) -> FuzzyDate:
    """The first of these dates (in `date_key` order) with exactly these bounds, or a date
    made of them whose text joins the wordings."""
    exact = {d for d in dates if d.earliest == lo and d.latest == hi}
    if exact:
        return exact.pop() if len(exact) == 1 else min(exact, key=date_key)
    return FuzzyDate.from_bounds(lo, hi, text=joiner.join(sorted({d.text for d in dates})))


def _hull(dates: Sequence[FuzzyDate]) -> FuzzyDate:
    """The date covering all of these."""
    lows = [d.earliest for d in dates]
    highs = [d.latest for d in dates]
    lo = None if None in lows else min(d for d in lows if d is not None)
    hi = None if None in highs else max(d for d in highs if d is not None)
    return _exactly(dates, lo, hi, " or ")


def _before(lo: Date | None, hi: Date | None) -> bool:
    """Whether a start from ``lo`` can come no later than an end up to ``hi``."""
    return lo is None or hi is None or lo <= hi


def _ongoing(date: FuzzyDate | None) -> bool:
    """Whether an end says the event is still going on (open at both sides)."""
    return date is not None and date.core_earliest is None and date.core_latest is None


def merge_dates(
    starts: Sequence[FuzzyDate], ends: Sequence[FuzzyDate | None]
) -> tuple[FuzzyDate, FuzzyDate | None, bool]:
    """`Rule.DATES`: the merged start and end of versions with these starts and ends (None
    for an instant), and whether they conflict (the dates then cover every claim). An end
    still going on and an end that is given conflict: the merged end stays open."""
    instants = all(e is None for e in ends)
    closes = [s if e is None else e for s, e in zip(starts, ends, strict=True)]
    s_lo, s_hi = _bounds(starts)
    e_lo, e_hi = _bounds(closes)
    ongoing = [_ongoing(e) for e in closes]
    agree = (
        _before(s_lo, s_hi)
        and (instants or (_before(e_lo, e_hi) and _before(s_lo, e_hi)))
        and (all(ongoing) or not any(ongoing))
    )
    if agree:
        start = _exactly(starts, s_lo, s_hi, " and ")
        end = None if instants else _exactly(closes, e_lo, e_hi, " and ")
        return start, end, False
    return _hull(starts), None if instants else _hull(closes), True


def _wordings(dates: Mapping[int, FuzzyDate], suffix: Mapping[int, str]) -> dict[int, str]:
    """How a conflict shows each version's date: its wording, or with its EDTF where two
    different dates share a wording ("last year" of two sources published years apart)."""
    by_text: dict[str, set[_DateKey]] = {}
    for d in dates.values():
        by_text.setdefault(d.text, set()).add(date_key(d))
    return {
        i: (d.text if len(by_text[d.text]) == 1 else f"{d.text} [{d.to_edtf()}]") + suffix[i]
        for i, d in dates.items()
    }


def _dates(group: _Group, conflicts: list[Conflict]) -> dict[str, FuzzyDate | None]:
    """`Rule.DATES` for a group: the start and end, with their conflicts and resolutions."""
    versions = group.versions
    starts = [v.start for v in versions]
    ends = [v.end for v in versions]
    start, end, conflict = merge_dates(starts, ends)
    none = {i: "" for i in range(len(versions))}
    start_told = _wordings(dict(enumerate(starts)), none)
    end_told = _wordings(
        {i: v.start if v.end is None else v.end for i, v in enumerate(versions)},
        {i: " (an instant)" if v.end is None else "" for i, v in enumerate(versions)},
    )
    told_by = {"start": start_told, "end": end_told}
    found: dict[str, Conflict] = {}
    if conflict:
        for field, merged in (("start", start), ("end", end)):
            if merged is not None and len(set(told_by[field].values())) > 1:
                reason = "no reading makes every version true: the dates cover every claim"
                found[field] = Conflict(
                    group.ident, field, group.told(told_by[field]), merged.label(),
                    Decision.RULE, reason,
                )  # fmt: skip
    chosen: dict[str, FuzzyDate | None] = {"start": start, "end": end}
    decided = {f: d for f in ("start", "end") if (d := _decided(group, f)) is not None}
    applied = {f: d for f, d in decided.items() if not d.disagree}
    trial = chosen | {f: d.value for f, d in applied.items()}
    trial_start, trial_end = trial["start"], trial["end"]
    assert trial_start is not None
    fits = trial_end is None or _before(trial_start.earliest, trial_end.latest)
    for field, d in decided.items():
        values = told_by[field]
        taken = chosen[field]
        shown = "" if taken is None else taken.label()
        if d.disagree:
            found[field] = _unsettled(found.get(field), group, field, values, shown, d)
        elif not fits:  # the resolutions are applied together, or not at all
            refused = _Decided(None, "", f"{d.reason}; not applied: the start would fall after "
                               "the end", True)  # fmt: skip
            found[field] = _unsettled(found.get(field), group, field, values, shown, refused)
        else:
            found[field] = _resolved(group, field, values, d)
    conflicts.extend(found[f] for f in ("start", "end") if f in found)
    return trial if applied and fits else chosen


def _group_id(group: _Group, field: str, conflicts: list[Conflict]) -> str:
    return group.ident


def _join(group: _Group, field: str, conflicts: list[Conflict]) -> str:
    return "\n\n".join(sorted({getattr(v, field) for v in group.versions if getattr(v, field)}))


def _union(group: _Group, field: str, conflicts: list[Conflict]) -> tuple[Any, ...]:
    items = {x for v in group.versions for x in getattr(v, field)}
    if field == "same_as":
        items |= {v.id for v in group.versions}
        items.discard(group.ident)
    if field == "citations":
        return tuple(sorted(items, key=lambda c: (c.source, c.locator, c.wording)))
    return tuple(sorted(items))


_FieldRule = Callable[[_Group, str, list[Conflict]], Any]
_OBJECT_RULES: Final[Mapping[Rule, _FieldRule | None]] = MappingProxyType(
    {
        Rule.GROUP_ID: _group_id,
        Rule.VOTE: _vote,
        Rule.CAUTIOUS_VOTE: _vote,
        Rule.DATES: None,  # both date fields at once: `_dates`
        Rule.JOIN: _join,
        Rule.UNION: _union,
    }
)
if set(_OBJECT_RULES) != set(Rule):  # pragma: no cover - a developer's slip
    raise ImportError("every merge Rule needs its object form in timeline.merging")


def group_ids(group: Iterable[Event]) -> set[str]:
    """Every id an event goes by: its versions' ids and the ids they are joined to."""
    return {i for v in group for i in (v.id, *v.same_as)}


def resolve(group: Sequence[Event], judge: Judge = NO_JUDGE) -> tuple[Event, list[Conflict]]:
    """The merged event of one group of versions, and the conflicts among them.

    ``judge`` brings the sources' ranks and the resolutions (none by default).
    """
    resolutions = judge.for_group(group_ids(group)) if judge.resolutions else {}
    if len(group) == 1 and not resolutions:
        return group[0], []
    sources = [sources_of(c.source for c in v.citations) for v in group]
    state = _Group(
        ident=min(v.id for v in group),
        versions=group,
        sources=sources,
        ranks=[judge.rank(s) for s in sources],
        resolutions=resolutions,
    )
    conflicts: list[Conflict] = []
    fields: dict[str, Any] = _dates(state, conflicts)
    for field, rule in FIELD_RULES.items():
        kernel = _OBJECT_RULES[rule]
        if kernel is not None:
            fields[field] = kernel(state, field, conflicts)
    return Event(**fields), conflicts
