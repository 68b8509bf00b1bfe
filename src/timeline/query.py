"""Queries over a timeline: by date range, by actors/places/tags/kind/status, text, duplicates.

Names and words are compared as `fold` gives them: case-folded (``Sweden``, ``SWEDEN`` and
``sweden`` are one name; ``Straße`` is ``strasse``) and without accents (``Ségur`` is
``Segur``). Accents are the marks Unicode's compatibility decomposition (NFKD) separates from
their letter (é, ö, å, ñ, ç, ő); letters that are letters of their own (ø, ł, đ, æ, ı) are
kept, and nothing is transliterated (``Бородино`` is not ``Borodino``).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Final, Literal

import attrs

from timeline.dates import FuzzyDate
from timeline.errors import QueryError, shorten
from timeline.model import Event, Status

__all__ = ["DuplicateCandidate", "between", "fold", "likely_duplicates", "matches", "searcher"]

DateLike = FuzzyDate | _dt.date | str | None
_WORD: Final = re.compile(r"[a-z0-9]+")
_TOKEN: Final = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text as every query compares it: case-folded and without accents.

    Unicode's caseless matching (NFKD, case fold, NFKD) with the combining marks dropped, so
    "Moskva" matches "moskva" and "Ségur" matches "SEGUR".

    >>> fold("Ségur"), fold("MOSKVA"), fold("Straße"), fold("Łódź")
    ('segur', 'moskva', 'strasse', 'łodz')
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _as_date(value: DateLike, name: str) -> FuzzyDate | None:
    if value is None or isinstance(value, FuzzyDate):
        return value
    if isinstance(value, _dt.date):
        return FuzzyDate.from_bounds(value, value)
    if isinstance(value, str):
        return FuzzyDate.parse(value)
    raise QueryError(f"{name} must be a date, a date text or None, got {shorten(value)}")


def between(
    events: Iterable[Event],
    start: DateLike,
    end: DateLike,
    mode: Literal["overlaps", "within"] = "overlaps",
) -> list[Event]:
    """Events that may overlap (``overlaps``) or certainly lie within (``within``) a range.

    The range runs from the first day of ``start`` to the last day of ``end``; ``None`` is
    open. ``overlaps`` keeps an event whose outer bounds touch the range at all; ``within``
    only one whose outer bounds both lie inside it (an open-ended event never does).
    """
    if mode not in ("overlaps", "within"):
        raise QueryError(f"unknown mode {shorten(mode)}; expected 'overlaps' or 'within'")
    lo_date, hi_date = _as_date(start, "start"), _as_date(end, "end")
    lo = lo_date.earliest if lo_date is not None else None
    hi = hi_date.latest if hi_date is not None else None
    if lo is not None and hi is not None and hi < lo:
        raise QueryError(f"the range ends ({hi}) before it starts ({lo})")
    chosen = []
    for event in events:
        e_lo, e_hi = event.earliest, event.latest
        if mode == "overlaps":
            keep = (hi is None or e_lo is None or e_lo <= hi) and (
                lo is None or e_hi is None or e_hi >= lo
            )
        else:
            keep = (lo is None or (e_lo is not None and e_lo >= lo)) and (
                hi is None or (e_hi is not None and e_hi <= hi)
            )
        if keep:
            chosen.append(event)
    return chosen


def _wanted(name: str, value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    names = list(items) if isinstance(items, Iterable) else None
    if names is None or not all(isinstance(v, str) for v in names):
        raise QueryError(f"{name} must be a name or a list of names, got {shorten(value)}")
    return frozenset(fold(v) for v in names)


def matches(
    predicate: Callable[[Event], bool] | None = None,
    *,
    actors: str | Iterable[str] | None = None,
    places: str | Iterable[str] | None = None,
    tags: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    status: Status | str | Iterable[Status | str] | None = None,
) -> _Filter:
    """A predicate for `Timeline.filter`: every given criterion must hold (any of its values).

    Actors, places, tags and kind match case- and accent-insensitively (see `fold`);
    ``predicate``, a function of an event, must also return true.

    >>> from timeline import Event
    >>> keep = matches(actors="segur", predicate=None)
    >>> keep(Event(id="x", title="X", start="1812", actors=["Philippe-Paul de Ségur"]))
    False
    >>> keep(Event(id="x", title="X", start="1812", actors=["Ségur"]))
    True
    """
    if predicate is not None and not callable(predicate):
        raise QueryError(
            f"a filter predicate must be a function of an event, got {shorten(predicate)}"
        )
    statuses: frozenset[Status] | None = None
    if status is not None:
        items = [status] if isinstance(status, str | Status) else list(status)
        try:
            statuses = frozenset(Status(s) for s in items)
        except (ValueError, TypeError):
            expected = ", ".join(repr(s.value) for s in Status)
            raise QueryError(f"unknown status in {shorten(items)}; expected {expected}") from None
    return _Filter(
        _wanted("actors", actors),
        _wanted("places", places),
        _wanted("tags", tags),
        _wanted("kind", kind),
        statuses,
        predicate,
    )


def _any_of(wanted: frozenset[str], names: Iterable[str]) -> bool:
    return any(fold(name) in wanted for name in names)


@attrs.frozen
class _Filter:
    actors: frozenset[str] | None
    places: frozenset[str] | None
    tags: frozenset[str] | None
    kinds: frozenset[str] | None
    statuses: frozenset[Status] | None
    predicate: Callable[[Event], bool] | None = None

    def __call__(self, event: Event) -> bool:
        return (
            (self.actors is None or _any_of(self.actors, event.actors))
            and (self.places is None or _any_of(self.places, event.places))
            and (self.tags is None or _any_of(self.tags, event.tags))
            and (self.kinds is None or fold(event.kind) in self.kinds)
            and (self.statuses is None or event.status in self.statuses)
            and (self.predicate is None or bool(self.predicate(event)))
        )


def _texts(event: Event) -> Iterable[str]:
    yield event.title
    yield event.description
    yield event.note
    for citation in event.citations:
        yield citation.wording


def searcher(text: str) -> Callable[[Iterable[Event]], bool]:
    """A predicate for `Timeline.search`: whether an event (given as its versions) has every
    word of ``text``.

    A word of the query matches a word of the event's titles, descriptions, notes or citation
    wordings (of any of its versions) that begins with it, compared as `fold` gives them:
    "treat" finds "Treaty" and "treaties", "moskva" finds "Moskva", "reaty" finds nothing. Words
    are runs of letters and digits. Every word must match, each anywhere in those texts.

    >>> from timeline import Event
    >>> has = searcher("battle MOSKVA")
    >>> has([Event(id="x", title="Battle of the Moskva", start="7 September 1812")])
    True
    >>> has([Event(id="x", title="Battle of Borodino", start="7 September 1812")])
    False
    """
    if not isinstance(text, str):
        raise QueryError(f"search text must be a string, got {shorten(text)}")
    wanted = tuple(dict.fromkeys(_TOKEN.findall(fold(text))))
    if not wanted:
        raise QueryError(f"search text {shorten(text)} has no words (letters or digits)")

    def has(versions: Iterable[Event]) -> bool:
        words = {w for v in versions for t in _texts(v) if t for w in _TOKEN.findall(fold(t))}
        return all(any(w.startswith(q) for w in words) for q in wanted)

    return has


@attrs.frozen
class DuplicateCandidate:
    """Two events with different ids that may describe the same thing; never merged by itself.

    ``score`` is between 0 and 1; ``reason`` says what is alike.
    """

    first: str
    second: str
    score: float
    reason: str


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def likely_duplicates(
    events: Sequence[Event], *, threshold: float = 0.5
) -> list[DuplicateCandidate]:
    """Pairs of events whose titles, actors and dates suggest they are the same event.

    The score weighs title likeness (0.6: the mean of word overlap and character likeness) and
    shared actors (0.4); only pairs whose dates overlap are considered. Pairs at or above
    ``threshold`` are returned, best first. Events already joined (``same_as``) are skipped.
    """
    ordered = sorted(events, key=Event.sort_key)
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.latest is not None and b.earliest is not None and b.earliest > a.latest:
                break  # sorted by earliest: no later event can overlap a
            if b.id in a.same_as or a.id in b.same_as:
                continue
            if b.latest is not None and a.earliest is not None and b.latest < a.earliest:
                continue
            wa, wb = _words(a.title), _words(b.title)
            jaccard = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
            chars = difflib.SequenceMatcher(None, a.title.lower(), b.title.lower()).ratio()
            title = (jaccard + chars) / 2
            shared = set(a.actors) & set(b.actors)
            everyone = set(a.actors) | set(b.actors)
            actors = len(shared) / len(everyone) if everyone else 0.0
            score = round(0.6 * title + 0.4 * actors, 3)
            if score >= threshold:
                names = ", ".join(sorted(shared)) or "none"
                reason = (
                    f"titles {title:.0%} alike; shared actors: {names}; "
                    f"dates overlap ({a.date_label()} / {b.date_label()})"
                )
                first, second = sorted((a.id, b.id))
                found.append(DuplicateCandidate(first, second, score, reason))
    return sorted(found, key=lambda c: (-c.score, c.first, c.second))
