"""`Timeline`: an immutable, ordered collection of events and the sources they cite."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator

import attrs

from timeline.errors import Problem, TimelineError, ValidationError
from timeline.model import Event, Source

__all__ = ["Timeline", "UnknownEventError"]


class UnknownEventError(TimelineError, KeyError):
    """A lookup by an id that is not in the timeline."""

    def __str__(self) -> str:
        return str(self.args[0])


def _sorted_events(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(sorted(events, key=Event.sort_key))


def _sorted_sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(sorted(sources, key=lambda s: s.id))


def check_consistency(
    events: tuple[Event, ...], sources: tuple[Source, ...], where: str
) -> list[Problem]:
    """Problems of a set of events and sources: duplicate ids, citations of unknown sources."""
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
                        f"the id of a defined source ({', '.join(sorted(seen)) or 'none defined'})",
                    )
                )
    return problems


@attrs.frozen(repr=False)
class Timeline:
    """An immutable collection of events and their sources, in a deterministic order.

    Iterating gives events by earliest bound, then latest bound, then id (open ends first and
    last). ``len``, ``in`` (an id or an event) and ``tl["event-id"]`` work as on a mapping.
    Event ids are unique and every citation names a source of the timeline, or the
    constructor raises `timeline.ValidationError`.

    >>> from timeline import Event, FuzzyDate
    >>> tl = Timeline([Event(id="b", title="B", start=FuzzyDate.parse("1945")),
    ...                Event(id="a", title="A", start=FuzzyDate.parse("late 16th century"))])
    >>> [e.id for e in tl], len(tl), "a" in tl, tl["b"].title
    (['a', 'b'], 2, True, 'B')
    """

    events: tuple[Event, ...] = attrs.field(default=(), converter=_sorted_events)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_sorted_sources)
    _by_id: dict[str, Event] = attrs.field(init=False, eq=False)
    _sources_by_id: dict[str, Source] = attrs.field(init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        problems = check_consistency(self.events, self.sources, "timeline")
        if problems:
            raise ValidationError("timeline", problems)
        object.__setattr__(self, "_by_id", {e.id: e for e in self.events})
        object.__setattr__(self, "_sources_by_id", {s.id: s for s in self.sources})

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Event):
            return self._by_id.get(item.id) == item
        return isinstance(item, str) and item in self._by_id

    def __getitem__(self, event_id: str) -> Event:
        try:
            return self._by_id[event_id]
        except KeyError:
            raise UnknownEventError(f"no event with id {event_id!r} in this timeline") from None

    def source(self, source_id: str) -> Source:
        """The source with this id (`UnknownEventError` if there is none)."""
        try:
            return self._sources_by_id[source_id]
        except KeyError:
            raise UnknownEventError(f"no source with id {source_id!r} in this timeline") from None

    def __repr__(self) -> str:
        return f"<Timeline: {len(self.events)} events, {len(self.sources)} sources>"

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
