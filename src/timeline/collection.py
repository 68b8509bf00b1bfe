"""`Timeline`: an immutable, ordered collection of events and the sources they cite."""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Unpack

import attrs

from timeline.errors import (
    ArgumentError,
    MergeConflictError,
    Problem,
    SourceConflictError,
    UnknownEventError,
    UnknownSourceError,
    ValidationError,
    shorten,
)
from timeline.merging import (
    Conflict,
    Judge,
    group_ids,
    group_versions,
    resolve,
    sort_conflicts,
    undecided,
    version_key,
)
from timeline.model import Era, Event, Resolution, Source, Status
from timeline.order import certain_order
from timeline.query import (
    DateLike,
    DuplicateCandidate,
    between,
    likely_duplicates,
    matches,
    searcher,
)

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go
    import pyarrow as pa

    from timeline.plotting.options import PlotOptions

__all__ = ["Timeline"]

_Named = TypeVar("_Named", Source, Era)


def require_timelines(call: str, values: Iterable[object]) -> None:
    """An `ArgumentError` for the first value that is not a `Timeline` (a file path, most
    often: merging reads no files; `timeline.load` reads and merges them)."""
    for value in values:
        if not isinstance(value, Timeline):
            raise ArgumentError(
                call,
                "timelines",
                value,
                "Timeline values; to merge files, read them with timeline.load(path, ...), "
                "which merges several",
            )


def _sorted_events(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=Event.sort_key))


def _unique_by_id(items: Iterable[_Named], kind: str) -> tuple[_Named, ...]:
    """Items by id; one id defined twice differently is a `SourceConflictError`."""
    by_id: dict[str, _Named] = {}
    for item in items:
        known = by_id.setdefault(item.id, item)
        if known != item:
            raise SourceConflictError(
                f"{kind} {item.id!r} is defined twice, differently: {shorten(known)} and "
                f"{shorten(item)}; "
                "give one of them another id"
            )
    return tuple(sorted(by_id.values(), key=lambda x: x.id))


def _sorted_sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(sorted(sources, key=lambda s: s.id))


def check_consistency(
    events: tuple[Event, ...], sources: tuple[Source, ...], where: str
) -> list[Problem]:
    """Problems of a set of events and sources: values that are not events or sources,
    duplicate ids, citations of unknown sources."""
    wrong = [
        Problem(f"{kind} #{index + 1}", f"{kind}s", value, f"a timeline.{cls.__name__}")
        for kind, values, cls in (("source", sources, Source), ("event", events, Event))
        for index, value in enumerate(values)
        if not isinstance(value, cls)
    ]
    if wrong:  # nothing more can be checked of values that are not events or sources
        return wrong
    problems: list[Problem] = []
    seen: set[str] = set()
    for source in sources:
        if source.id in seen:
            problems.append(Problem(f"source {source.id!r}", "id", source.id, "a unique id"))
        seen.add(source.id)
    seen_events: set[str] = set()
    for event in events:
        if event.id in seen_events:
            problems.append(Problem(f"event {event.id!r}", "id", event.id, "a unique id"))
        seen_events.add(event.id)
        for citation in event.citations:
            if citation.source not in seen:
                problems.append(
                    Problem(
                        f"event {event.id!r}",
                        "citations.source",
                        citation.source,
                        "the id of a defined source "
                        f"({shorten(sorted(seen)) if seen else 'none defined'})",
                    )
                )
    return problems


def _id_of(event: Event) -> str:
    return event.id


def _resolutions(resolutions: Iterable[Resolution]) -> tuple[Resolution, ...]:
    """Distinct resolutions in their one order (a set: merging unions them)."""
    items = tuple(resolutions)
    if not all(isinstance(r, Resolution) for r in items):
        raise ArgumentError("Timeline", "resolutions", items, "timeline.model.Resolution values")
    return tuple(sorted(set(items), key=attrs.astuple))


def _unique_versions(versions: Iterable[Event]) -> tuple[Event, ...]:
    """Distinct versions by `version_key`; the costly full key only breaks ties of ids."""
    versions = list(versions)
    if len({v.id for v in versions}) == len(versions):
        return tuple(sorted(versions, key=_id_of))  # unique ids: no copies to look for
    by_id = sorted(set(versions), key=_id_of)
    ordered: list[Event] = []
    for _, run in itertools.groupby(by_id, key=_id_of):
        same = list(run)
        ordered.extend(same if len(same) == 1 else sorted(same, key=version_key))
    return tuple(ordered)


@attrs.frozen(repr=False, init=False)
class Timeline:
    """An immutable collection of events and their sources, in a deterministic order.

    Iterating gives events by earliest bound, then latest bound, then id (an open start first,
    an open end last). ``len``, ``in`` (an id or an event) and ``tl["event-id"]`` work as on a
    mapping. Event ids are unique and every citation names a source of the timeline, or the
    constructor raises `timeline.ValidationError`. Events that declare ``same_as`` another
    present event are joined into one (see `timeline.merging`); every original version stays
    available through `versions_of`.

    >>> from timeline import Event, FuzzyDate
    >>> tl = Timeline([Event(id="b", title="B", start=FuzzyDate.parse("1945")),
    ...                Event(id="a", title="A", start=FuzzyDate.parse("late 16th century"))])
    >>> [e.id for e in tl], len(tl), "a" in tl, tl["b"].title
    (['a', 'b'], 2, True, 'B')
    """

    versions: tuple[Event, ...]
    """Every distinct version of every event, in a deterministic order."""
    sources: tuple[Source, ...]
    """The sources, by id."""
    events: tuple[Event, ...] = attrs.field(eq=False)
    """The merged events, in chronological order."""
    conflicts: tuple[Conflict, ...] = attrs.field(eq=False)
    """What the versions disagree on (see `timeline.merging`)."""
    _by_id: dict[str, Event] = attrs.field(eq=False)
    _versions_by_id: dict[str, tuple[Event, ...]] = attrs.field(eq=False)
    _sources_by_id: dict[str, Source] = attrs.field(eq=False)
    eras: tuple[Era, ...] = attrs.field(default=())
    """Named periods drawn behind the events, by id."""
    resolutions: tuple[Resolution, ...] = attrs.field(default=())
    """A historian's decisions for fields where versions disagree (see `timeline.merging`),
    sorted; kept and applied by every merge."""
    _columns: pa.Table | None = attrs.field(default=None, eq=False, repr=False)
    """`arrow_table`; set only by `from_versions` (through `_build`), never changed."""

    def __init__(
        self,
        events: Iterable[Event] = (),
        sources: Iterable[Source] = (),
        eras: Iterable[Era] = (),
        resolutions: Iterable[Resolution] = (),
    ) -> None:
        events = tuple(events)
        sources = tuple(sources)
        problems = check_consistency(events, sources, "timeline")
        if problems:
            raise ValidationError("timeline", problems)
        self._build(events, sources, _unique_by_id(eras, "era"), _resolutions(resolutions))

    @classmethod
    def from_versions(
        cls,
        versions: Iterable[Event],
        sources: Iterable[Source] = (),
        eras: Iterable[Era] = (),
        resolutions: Iterable[Resolution] = (),
        *,
        checked: bool = False,
        table: pa.Table | None = None,
    ) -> Timeline:
        """A timeline of several versions per event id (as `merge` makes), merged by group.

        Sources (and eras) with one id must be defined identically (`SourceConflictError`);
        every citation must name a source, unless ``checked`` says the caller has made sure
        (the TOML loader has, and reports every problem itself).

        ``table`` is the Arrow table ``versions`` were read from, one row each in the same
        order, in the `timeline.io.arrow.schema` (as `timeline.io.arrow.from_arrow` reads
        them): the timeline keeps it as `arrow_table` if every version is one event as it is
        (none joined to another by ``same_as``, repeated or decided by a resolution). A table
        whose ids are not the versions' ids, row by row, raises `ArgumentError`: a figure
        must never draw another timeline's rows.
        """
        by_id = {s.id: s for s in _unique_by_id(sources, "source")}
        versions = tuple(versions)
        problems = [] if checked else [
            p
            for p in check_consistency(versions, tuple(by_id.values()), "timeline")
            if p.field != "id"
        ]  # fmt: skip
        if problems:
            raise ValidationError("timeline", problems)
        if table is not None and table["id"].to_pylist() != [v.id for v in versions]:
            raise ArgumentError(
                "Timeline.from_versions", "table", f"a table of {table.num_rows} rows",
                "the table the versions were read from (the same ids, row by row)",
            )  # fmt: skip
        timeline = cls.__new__(cls)
        timeline._build(
            versions,
            tuple(by_id.values()),
            _unique_by_id(eras, "era"),
            _resolutions(resolutions),
            table,
        )
        return timeline

    def _build(
        self,
        versions: tuple[Event, ...],
        sources: tuple[Source, ...],
        eras: tuple[Era, ...],
        resolutions: tuple[Resolution, ...] = (),
        table: pa.Table | None = None,
    ) -> None:
        unique = _unique_versions(versions)
        as_read = table is not None and table.num_rows == len(unique) == len(versions)
        judge = Judge({s.id: s.rank for s in sources if s.rank}, resolutions)
        resolved = {r.event for r in resolutions}
        merged: list[Event] = []
        conflicts: list[Conflict] = []
        by_id: dict[str, Event] = {}
        versions_by_id: dict[str, tuple[Event, ...]] = {}
        for group in group_versions(unique):
            if len(group) == 1 and not (resolved and group_ids(group) & resolved):
                # most events: one version, no resolution, nothing to decide
                event = group[0]
                by_id[event.id] = event
                versions_by_id[event.id] = (event,)
                merged.append(event)
                continue
            as_read = False  # an event made of its versions: not one row as it is
            event, found = resolve(group, judge)
            merged.append(event)
            conflicts.extend(found)
            for version in group:
                by_id[version.id] = event
            by_id[event.id] = event
            versions_by_id[event.id] = tuple(group)
        self.__attrs_init__(
            versions=unique,
            sources=_sorted_sources(sources),
            events=_sorted_events(merged),
            conflicts=sort_conflicts(conflicts),
            by_id=by_id,
            versions_by_id=versions_by_id,
            sources_by_id={s.id: s for s in sources},
            eras=eras,
            resolutions=resolutions,
            columns=table if as_read else None,
        )

    @property
    def arrow_table(self) -> pa.Table | None:
        """The Arrow table this timeline was read from, if each of its rows is exactly one of
        its events (as `to_arrow` writes it, in the table's own row order); else None.

        `timeline.io.arrow.from_arrow` (and so a Parquet file) keeps it after checking every
        cell; a large figure reads its columns instead of the events. A timeline derived from
        another (merged, filtered, searched, ``between``) has None: its events are not the
        rows of any table read. A table whose versions were joined or resolved has None too.
        """
        return self._columns

    def versions_of(self, event: Event | str) -> tuple[Event, ...]:
        """Every original version of an event (one, unless merged), as its sources told it."""
        return self._versions_by_id[self[event if isinstance(event, str) else event.id].id]

    def merge(self, *others: Timeline, strict: bool = False) -> Timeline:
        """This timeline merged with others (also ``a | b``); see `timeline.merging`.

        Never raises on a conflict unless ``strict``, which raises `MergeConflictError` listing
        every conflict that no resolution settled.
        Raises `SourceConflictError` if a source id is defined differently in two timelines.
        """
        require_timelines("Timeline.merge", others)
        merged = Timeline.from_versions(
            [v for t in (self, *others) for v in t.versions],
            [s for t in (self, *others) for s in t.sources],
            [e for t in (self, *others) for e in t.eras],
            [r for t in (self, *others) for r in t.resolutions],
        )
        if strict and undecided(merged.conflicts):
            raise MergeConflictError(undecided(merged.conflicts))
        return merged

    def __or__(self, other: Timeline) -> Timeline:
        if not isinstance(other, Timeline):
            return NotImplemented
        return self.merge(other)

    def _subset(self, events: Iterable[Event]) -> Timeline:
        keep = {e.id for e in events}
        return Timeline.from_versions(
            [v for e in self.events if e.id in keep for v in self.versions_of(e)],
            self.sources,
            self.eras,
            self.resolutions,
        )

    def between(
        self,
        start: DateLike,
        end: DateLike,
        *,
        mode: Literal["overlaps", "within"] = "overlaps",
    ) -> Timeline:
        """The events that may overlap (or, with ``mode="within"``, certainly lie within) a range.

        ``start`` and ``end`` are dates, date texts ("1945", "late 16th century") or None (open).

        >>> from timeline import Event, FuzzyDate
        >>> tl = Timeline([Event(id="a", title="A", start=FuzzyDate.parse("1875")),
        ...                Event(id="b", title="B", start=FuzzyDate.parse("1945"))])
        >>> [e.id for e in tl.between("1900", None)]
        ['b']
        """
        return self._subset(between(self.events, start, end, mode))

    def filter(
        self,
        predicate: Callable[[Event], bool] | None = None,
        /,
        *,
        actors: str | Iterable[str] | None = None,
        places: str | Iterable[str] | None = None,
        tags: str | Iterable[str] | None = None,
        kind: str | Iterable[str] | None = None,
        status: Status | str | Iterable[Status | str] | None = None,
    ) -> Timeline:
        """The events that match every given criterion (each criterion: any of its values).

        Actors, places, tags and kind match whatever their case and accents ("sweden" finds
        "Sweden", "segur" finds "Ségur"; see `timeline.query.fold`). ``predicate``, a function
        of an event, must also hold.

        >>> from timeline import Event
        >>> tl = Timeline([Event(id="a", title="A", start="1631", actors=["Sweden"]),
        ...                Event(id="b", title="B", start="1648", actors=["Sweden", "France"])])
        >>> [e.id for e in tl.filter(actors="SWEDEN")]
        ['a', 'b']
        >>> [e.id for e in tl.filter(lambda e: len(e.actors) > 1, actors="sweden")]
        ['b']
        """
        keep = matches(predicate, actors=actors, places=places, tags=tags, kind=kind, status=status)
        return self._subset(e for e in self.events if keep(e))

    def search(self, text: str) -> Timeline:
        """The events whose titles, descriptions, notes or citation wordings (in any version)
        have every word of ``text``, each as the start of a word, whatever the case and accents.

        >>> from timeline import Event
        >>> tl = Timeline([Event(id="a", title="Treaty of Westphalia", start="1648"),
        ...                Event(id="b", title="Battle of Breitenfeld", start="1631")])
        >>> [e.id for e in tl.search("westphalia TREAT")], [e.id for e in tl.search("reaty")]
        (['a'], [])

        See `timeline.query.searcher` for the exact rule.
        """
        has = searcher(text)
        return self._subset(e for e in self.events if has(self.versions_of(e)))

    def sources_of(self, event: Event | str) -> tuple[Source, ...]:
        """The sources an event cites (all its versions' citations), by id."""
        merged = self[event if isinstance(event, str) else event.id]
        return tuple(self._sources_by_id[i] for i in sorted({c.source for c in merged.citations}))

    def certain_order(self) -> list[tuple[Event, ...]]:
        """The partial order: groups of events, each group certainly before the next.

        Within a group the evidence cannot settle every pair's order; see `timeline.order`.
        """
        return certain_order(self.events)

    def likely_duplicates(self, *, threshold: float = 0.5) -> list[DuplicateCandidate]:
        """Pairs of different ids that may be the same event, with a score and a reason.

        Nothing is merged: declare ``same_as`` on an event to join it.
        """
        return likely_duplicates(self.events, threshold=threshold)

    def to_arrow(self) -> pa.Table:
        """This timeline as an Arrow table (needs ``timeline[scale]``); see `timeline.io.arrow`."""
        from timeline.io.arrow import to_arrow

        return to_arrow(self)

    @classmethod
    def from_arrow(cls, table: pa.Table) -> Timeline:
        """The timeline of an Arrow table made by `to_arrow` (lossless)."""
        from timeline.io.arrow import from_arrow

        return from_arrow(table)

    def plot(self, **options: Unpack[PlotOptions]) -> go.Figure:
        """An interactive Plotly figure of this timeline (options: `timeline.plotting.plot`)."""
        from timeline.plotting import plot

        return plot(self, **options)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Event):
            return self._by_id.get(item.id) == item or item in self.versions
        return isinstance(item, str) and item in self._by_id

    def __getitem__(self, event_id: str) -> Event:
        try:
            return self._by_id[event_id]
        except KeyError:
            raise UnknownEventError(
                f"no event with id {shorten(event_id)} in this timeline"
            ) from None

    def source(self, source_id: str) -> Source:
        """The source with this id (`UnknownSourceError` if there is none)."""
        try:
            return self._sources_by_id[source_id]
        except KeyError:
            known = shorten(sorted(self._sources_by_id))
            raise UnknownSourceError(
                f"no source with id {shorten(source_id)} in this timeline (its sources: {known})"
            ) from None

    def __repr__(self) -> str:
        conflicts = f", {len(self.conflicts)} conflicts" if self.conflicts else ""
        return f"<Timeline: {len(self.events)} events, {len(self.sources)} sources{conflicts}>"

    def _repr_html_(self) -> str:
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (e.date_label(), e.title, e.status.value, e.id)
            )
            + "</tr>"
            for e in self.events
        )
        head = "".join(f"<th>{h}</th>" for h in ("when", "event", "status", "id"))
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    def to_pandas(self) -> pd.DataFrame:
        """One row per event in timeline order, bounds as ``datetime64[s]`` columns (needs
        ``timeline[tables]``); see `timeline.io.pandas`."""
        from timeline.io.pandas import to_pandas

        return to_pandas(self)

    @classmethod
    def from_pandas(cls, df: pd.DataFrame, **columns: Any) -> Timeline:
        """The timeline of a DataFrame's rows, read through a column mapping (``start="date"``)
        and ``sources``; every bad row reported at once. See `timeline.io.pandas.from_pandas`."""
        from timeline.io.pandas import from_pandas

        return from_pandas(df, **columns)
