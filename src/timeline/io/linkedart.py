"""Linked Art (CIDOC-CRM) JSON-LD: every event a record with its time span, and back.

Each event becomes a Linked Art record (``"type": "Event"``, or ``"Activity"`` when it has
actors, who are its ``carried_out_by``). Its dates become one ``TimeSpan`` (CIDOC-CRM E52)
of up to four ``xsd:dateTime`` instants, written as Linked Art writes them (a whole day:
``"1667-07-31T00:00:00Z"`` to ``"1667-07-31T23:59:59Z"``; the end is included):

=======================  =====================================================================
``begin_of_the_begin``   the start's outer ``earliest`` day, at 00:00:00Z
``end_of_the_begin``     the start's outer ``latest`` day, at 23:59:59Z   (events with an end)
``begin_of_the_end``     the end's outer ``earliest`` day, at 00:00:00Z   (events with an end)
``end_of_the_end``       the end's outer ``latest`` day (the start's, for an instant), 23:59:59Z
=======================  =====================================================================

An event cannot begin after it ended nor end before it began, so ``end_of_the_begin`` is the
end's latest day when that is earlier than the start's ("1600/1700" to "1650": 1650-12-31),
and ``begin_of_the_end`` the start's earliest when that is later than the end's (an open
bound stays open: nothing is inferred for it).
An instant (an event without an end) is written as Linked Art writes "1642": only
``begin_of_the_begin`` and ``end_of_the_end``, from its start date alone; the inner two would
add nothing (its beginning and its end both lie between them). An open bound ("before 1600",
an end still ongoing) leaves its property out instead of inventing a day. The bounds are the
outer ones: an approximate or uncertain date ("c. 1641") is written as the whole range it
certainly lies in (1640-01-01 to 1642-12-31), never as its literal year; the span's name (its
``identified_by`` Name, classified as Display Title, and its ``_label``) is the library's label
("c. 1641", "before 1600"), and a Note in the span's ``referred_to_by`` says in words which
side is approximate, uncertain, open or written in the Julian calendar, with its literal
bounds and its EDTF. Every instant is Gregorian (proleptic before 1582), whatever calendar
the date was written in; the Note keeps the Old Style wording.

The record also holds: ``id`` (``base`` + the event's id; the default ``urn:timeline:event:``
base is no web address: a museum publishing records passes its own), the title as
``_label`` and Primary Name, the event's id as an Identifier (Owner-Assigned Number), places
as ``took_place_at`` Places, actors as ``carried_out_by`` Actors (E39: whether each is a
person or a group is not known), and as statements (``referred_to_by``): the description
(Description), each citation (Citation: the source's title, the locator, the wording), the
note and a status other than "reported" (Notes). Not written: kind, tags, same_as, sources'
other details, eras, resolutions and the versions of a merged event.

Text is written as the plain text it is: Linked Art's ``content`` is plain text unless the
statement's ``format`` says otherwise, so escaping it here would double-escape it in every
consumer that follows the model. A consumer that renders ``content`` as HTML must escape it
(this module never writes HTML).

Reading (`from_linked_art`) takes a record, a list of records or a ``@graph`` of them back
to events: the id from the Identifier (else the record's ``id``), the title, the description,
and the dates from the four instants (the day of each, as written): ``begin_of_the_begin`` ..
``end_of_the_begin`` is the start and ``begin_of_the_end`` .. ``end_of_the_end`` the end; a
span without the inner two is an instant. What comes back is what the span says, the outer
bounds, unqualified: "c. 1641" is read as "1640 to 1642", which is true, if less than the
note says.

cromulent (the Linked Art team's library) was tried and is not used at run time: it needs
its module-wide factory reconfigured (by default it gives every embedded node an id of its
own under ``http://lod.example.org/museum/``), brings rdflib, PyLD and lxml, and its reader
imports requests without declaring it; the few dictionaries here need none of that. The tests
check every record this module writes with cromulent's own reader.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from timeline.collection import Timeline
from timeline.dates import Calendar, Date, FuzzyDate
from timeline.errors import ArgumentError, FieldError, Problem, ValidationError, shorten
from timeline.model import Event, Source, Status, is_slug, slug_of

__all__ = [
    "CONTEXT",
    "DEFAULT_BASE",
    "dates_from_timespan",
    "dumps_linked_art",
    "from_linked_art",
    "instant",
    "loads_linked_art",
    "read_linked_art",
    "timespan",
    "to_linked_art",
    "to_linked_art_graph",
    "write_linked_art",
]

CONTEXT: Final = "https://linked.art/ns/v1/linked-art.json"
"""The Linked Art JSON-LD context every record names."""
DEFAULT_BASE: Final = "urn:timeline:event:"
"""The base of records' ids when none is given: a URN, honestly not a web address."""

_AAT: Final = "http://vocab.getty.edu/aat/"
_PRIMARY_NAME: Final = ("300404670", "Primary Name")
_DISPLAY_TITLE: Final = ("300404669", "Display Title")
_LOCAL_NUMBER: Final = ("300404621", "Owner-Assigned Number")
_DESCRIPTION: Final = ("300435416", "Description")
_CITATION: Final = ("300311705", "Citation")
_NOTE: Final = ("300027200", "Note")
_BRIEF_TEXT: Final = ("300418049", "Brief Text")
_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*")
_INSTANT: Final = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_INSTANT_EXPECTED: Final = (
    "an xsd:dateTime such as '1667-07-31T00:00:00Z' (or a date such as '1667-07-31'), "
    "years 0001 to 9999"
)
_PROPERTIES: Final = (
    "begin_of_the_begin",
    "end_of_the_begin",
    "begin_of_the_end",
    "end_of_the_end",
)


def _type(term: tuple[str, str], *, brief: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {"id": _AAT + term[0], "type": "Type", "_label": term[1]}
    if brief:  # a statement's type is itself classified as a kind of brief text
        found["classified_as"] = [_type(_BRIEF_TEXT)]
    return found


def _name(content: str, term: tuple[str, str] | None = None) -> dict[str, Any]:
    name: dict[str, Any] = {"type": "Name"}
    if term is not None:
        name["classified_as"] = [_type(term)]
    name["content"] = content
    return name


def _statement(content: str, term: tuple[str, str]) -> dict[str, Any]:
    return {"type": "LinguisticObject", "classified_as": [_type(term, brief=True)],
            "content": content}  # fmt: skip


def instant(day: _dt.date, *, end: bool) -> str:
    """The ``xsd:dateTime`` of a day's first second (its last, if ``end``), in UTC.

    >>> instant(Date(1667, 7, 31), end=False), instant(Date(1667, 7, 31), end=True)
    ('1667-07-31T00:00:00Z', '1667-07-31T23:59:59Z')
    """
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}T{'23:59:59' if end else '00:00:00'}Z"


def _side_note(date: FuzzyDate, side: str) -> str:
    """What a span's instants do not say of one date, as a sentence ("" if nothing)."""
    said = []
    if date.approximate or date.uncertain:
        kinds = " and ".join(
            k for k, on in (("approximate", date.approximate), ("uncertain", date.uncertain)) if on
        )
        lo = "open" if date.core_earliest is None else str(date.core_earliest)
        hi = "open" if date.core_latest is None else str(date.core_latest)
        said.append(f"{kinds}, literally {lo} to {hi}, so the instants give its outer bounds")
    if date.is_open:
        said.append("open, its unknown bound left out")
    if date.calendar is Calendar.JULIAN:
        said.append(
            f"written in the Julian calendar (Old Style) as {date.text!r}, the instants Gregorian"
        )
    if not said:
        return ""
    return f"{side} {date.label()}: {'; '.join(said)} (EDTF {date.to_edtf()})."


def _first(a: Date | None, b: Date | None) -> Date | None:
    """``a``, or ``b`` if both are known and ``b`` is earlier (an open ``a`` stays open)."""
    return a if a is None or b is None else min(a, b)


def _last(a: Date | None, b: Date | None) -> Date | None:
    """``a``, or ``b`` if both are known and ``b`` is later (an open ``a`` stays open)."""
    return a if a is None or b is None else max(a, b)


def timespan(start: FuzzyDate, end: FuzzyDate | None = None) -> dict[str, Any]:
    """The Linked Art ``TimeSpan`` of an event from ``start`` to ``end`` (None: an instant).

    See the module's documentation for the mapping. Its name is the date's label; a Note
    says what is approximate, uncertain, open or Julian.

    >>> span = timespan(FuzzyDate.parse("1618"), FuzzyDate.parse("c. 1648"))
    >>> [span[p] for p in ("begin_of_the_begin", "end_of_the_begin")]
    ['1618-01-01T00:00:00Z', '1618-12-31T23:59:59Z']
    >>> [span[p] for p in ("begin_of_the_end", "end_of_the_end")]
    ['1647-01-01T00:00:00Z', '1649-12-31T23:59:59Z']
    >>> span["identified_by"][0]["content"]
    '1618 to c. 1648'
    >>> "end_of_the_begin" in timespan(FuzzyDate.parse("before 1600"))
    False
    """
    label = start.label() if end is None else f"{start.label()} to {end.label()}"
    span: dict[str, Any] = {
        "type": "TimeSpan",
        "_label": label,
        "identified_by": [_name(label, _DISPLAY_TITLE)],
    }
    notes = [_side_note(start, "Date" if end is None else "Start")]
    notes.append("" if end is None else _side_note(end, "End"))
    if any(notes):
        span["referred_to_by"] = [_statement(" ".join(n for n in notes if n), _NOTE)]
    closing = start if end is None else end
    begun, ending = None, None
    if end is not None:  # an event cannot begin after it ended, nor end before it began
        begun = _first(start.latest, end.latest)
        ending = _last(end.earliest, start.earliest)
    days = (start.earliest, begun, ending, closing.latest)
    for prop, day in zip(_PROPERTIES, days, strict=True):
        if day is not None:
            span[prop] = instant(day, end=prop.startswith("end_"))
    return span


def _check_base(base: str) -> None:
    if not isinstance(base, str) or _SCHEME.fullmatch(base) is None:
        raise ArgumentError(
            "to_linked_art", "base", base, "an absolute URI to put before each event's id, "
            "such as 'https://example.org/event/' or 'urn:timeline:event:'"
        )  # fmt: skip


def _citation_text(source: Source | None, locator: str, wording: str, ident: str) -> str:
    text = source.title if source is not None and source.title else ident
    if locator:
        text += f", {locator}"
    if wording:
        text += f": \u201c{wording}\u201d"
    return text


def to_linked_art(
    event: Event, *, base: str = DEFAULT_BASE, sources: Iterable[Source] = ()
) -> dict[str, Any]:
    """The Linked Art JSON-LD record of one event (a dict ready for `json.dumps`).

    ``base`` goes before the event's id to make the record's ``id``; ``sources`` give the
    titles of the sources its citations name. See the module's documentation.

    >>> from timeline import Event
    >>> record = to_linked_art(Event(id="breda", title="Peace of Breda",
    ...                              start="21 July 1667 O.S."))
    >>> record["id"], record["type"], record["timespan"]["end_of_the_end"]
    ('urn:timeline:event:breda', 'Event', '1667-07-31T23:59:59Z')
    """
    _check_base(base)
    known = {s.id: s for s in sources}
    record: dict[str, Any] = {
        "@context": CONTEXT,
        "id": base + event.id,
        "type": "Activity" if event.actors else "Event",
        "_label": event.title or event.id,
    }
    names = [_name(event.title, _PRIMARY_NAME)] if event.title else []
    record["identified_by"] = [
        *names,
        {"type": "Identifier", "classified_as": [_type(_LOCAL_NUMBER)], "content": event.id},
    ]
    statements = []
    if event.description:
        statements.append(_statement(event.description, _DESCRIPTION))
    for c in event.citations:
        text = _citation_text(known.get(c.source), c.locator, c.wording, c.source)
        statements.append(_statement(text, _CITATION))
    if event.note:
        statements.append(_statement(event.note, _NOTE))
    if event.status is not Status.REPORTED:
        statements.append(_statement(f"Status: {event.status.value}.", _NOTE))
    if statements:
        record["referred_to_by"] = statements
    record["timespan"] = timespan(event.start, event.end)
    if event.places:
        record["took_place_at"] = [
            {"type": "Place", "_label": p, "identified_by": [_name(p)]} for p in event.places
        ]
    if event.actors:
        record["carried_out_by"] = [
            {"type": "Actor", "_label": a, "identified_by": [_name(a)]} for a in event.actors
        ]
    return record


def to_linked_art_graph(timeline: Timeline, *, base: str = DEFAULT_BASE) -> dict[str, Any]:
    """Every event's record in one JSON-LD document: ``{"@context": ..., "@graph": [...]}``,
    in timeline order (each record without its own ``@context``)."""
    graph = []
    for event in timeline:
        record = to_linked_art(event, base=base, sources=timeline.sources)
        del record["@context"]
        graph.append(record)
    return {"@context": CONTEXT, "@graph": graph}


def dumps_linked_art(timeline: Timeline, *, base: str = DEFAULT_BASE) -> str:
    """The timeline as Linked Art JSON-LD text: one document with a ``@graph`` of records.

    >>> from timeline import Event
    >>> text = dumps_linked_art(Timeline([Event(id="a", title="A", start="c. 1641")]))
    >>> json.loads(text)["@graph"][0]["timespan"]["_label"]
    'c. 1641'
    """
    return json.dumps(to_linked_art_graph(timeline, base=base), ensure_ascii=False, indent=2)


def _day(value: object, prop: str) -> Date:
    if isinstance(value, str) and (match := _INSTANT.fullmatch(value.strip())):
        try:
            day = _dt.date.fromisoformat(match.group("date"))
        except ValueError:
            pass
        else:
            if day.year >= 1:
                return Date(day.year, day.month, day.day)
    raise FieldError(prop, value, _INSTANT_EXPECTED)


def dates_from_timespan(span: object) -> tuple[FuzzyDate, FuzzyDate | None]:
    """The start and end (None: an instant) that a Linked Art ``TimeSpan`` says.

    Each instant is read as its day as written; ``begin_of_the_begin`` ..
    ``end_of_the_begin`` is the start, ``begin_of_the_end`` .. ``end_of_the_end`` the end,
    and a span with neither inner instant is an instant from ``begin_of_the_begin`` to
    ``end_of_the_end``. A missing instant is an open bound. Raises `timeline.FieldError`
    (the property, the value, what was expected) for a bad instant or an impossible order.

    >>> start, end = dates_from_timespan({"type": "TimeSpan",
    ...     "begin_of_the_begin": "1642-01-01T00:00:00Z", "end_of_the_end": "1642-12-31T23:59:59Z"})
    >>> start.label(), end
    ('1642', None)
    """
    if not isinstance(span, Mapping):
        raise FieldError("timespan", span, "a TimeSpan: a JSON object with its instants")
    days = {p: _day(span[p], p) for p in _PROPERTIES if span.get(p) is not None}
    bb, eb, be, ee = (days.get(p) for p in _PROPERTIES)
    for (a, pa), (b, pb) in (
        ((bb, "begin_of_the_begin"), (eb, "end_of_the_begin")),
        ((be, "begin_of_the_end"), (ee, "end_of_the_end")),
        ((bb, "begin_of_the_begin"), (ee, "end_of_the_end")),
        ((bb, "begin_of_the_begin"), (be, "begin_of_the_end")),
        ((eb, "end_of_the_begin"), (ee, "end_of_the_end")),
    ):
        if a is not None and b is not None and b < a:
            raise FieldError(pb, span[pb], f"an instant not before {pa} ({span[pa]})")
    if eb is None and be is None:
        return FuzzyDate.from_bounds(bb, ee), None
    return FuzzyDate.from_bounds(bb, eb), FuzzyDate.from_bounds(be, ee)


def _classified(node: Mapping[str, Any], term: tuple[str, str]) -> bool:
    found = node.get("classified_as")
    return isinstance(found, list) and any(
        isinstance(t, Mapping) and t.get("id") in (_AAT + term[0], f"aat:{term[0]}") for t in found
    )


def _contents(record: Mapping[str, Any], prop: str, kind: str) -> list[Mapping[str, Any]]:
    found = record.get(prop)
    items = found if isinstance(found, list) else [found] if isinstance(found, Mapping) else []
    return [
        i for i in items if isinstance(i, Mapping) and i.get("type") == kind
        and isinstance(i.get("content"), str)
    ]  # fmt: skip


def _event(record: Mapping[str, Any], index: int, seen: set[str]) -> Event:
    """One record as an event (FieldError for a bad one)."""
    identifiers = [i["content"] for i in _contents(record, "identified_by", "Identifier")]
    ident = next((i for i in identifiers if is_slug(i)), "")
    if not ident:
        uri = record.get("id")
        tail = re.split(r"[/#:]", uri.rstrip("/#"))[-1] if isinstance(uri, str) else ""
        ident = slug_of(tail, default=f"event-{index}")
    ident = slug_of(ident, seen)
    names = _contents(record, "identified_by", "Name")
    primary = [n for n in names if _classified(n, _PRIMARY_NAME)] or names
    label = record.get("_label")
    title = primary[0]["content"] if primary else label if isinstance(label, str) else ""
    statements = _contents(record, "referred_to_by", "LinguisticObject")
    description = "\n\n".join(s["content"] for s in statements if _classified(s, _DESCRIPTION))
    if "timespan" not in record:
        raise FieldError("timespan", record.get("timespan"), "a TimeSpan (the event's dates)")
    start, end = dates_from_timespan(record["timespan"])
    seen.add(ident)
    return Event(id=ident, title=title, start=start, end=end, description=description)


def from_linked_art(data: object, *, name: str = "<Linked Art>") -> Timeline:
    """A timeline from Linked Art JSON-LD data (parsed JSON): one record, a list of records,
    or a document with a ``@graph`` of them. Every bad record is reported at once in one
    `timeline.ValidationError` (record, property, value, what was expected).

    What is read: see the module's documentation.
    """
    if isinstance(data, Mapping) and "@graph" in data:
        if not isinstance(data["@graph"], list):
            expected = "a list of Linked Art records"
            raise ValidationError(
                name, [Problem("file", "@graph", shorten(data["@graph"]), expected)]
            )
        records = data["@graph"]
    elif isinstance(data, Mapping):
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        expected = "a Linked Art record, a list of records or a JSON-LD @graph of them"
        raise ValidationError(name, [Problem("file", "(document)", shorten(data), expected)])
    problems: list[Problem] = []
    events: list[Event] = []
    seen: set[str] = set()
    for index, record in enumerate(records, start=1):
        where = f"record #{index}"
        if not isinstance(record, Mapping):
            problems.append(Problem(where, "(record)", shorten(record), "a JSON object"))
            continue
        if isinstance(record.get("id"), str):
            where += f" ({shorten(record['id'])})"
        try:
            events.append(_event(record, index, seen))
        except FieldError as error:
            problems.append(error.at(where))
    if problems:
        raise ValidationError(name, problems)
    return Timeline(events)


def loads_linked_art(text: str, *, name: str = "<Linked Art>") -> Timeline:
    """A timeline from Linked Art JSON-LD text (see `from_linked_art`)."""
    from timeline.io.formats import parse_json

    data = parse_json(text, name)
    return from_linked_art(data, name=name)


def read_linked_art(path: str | os.PathLike[str]) -> Timeline:
    """Read a timeline from a Linked Art JSON-LD file (for the format dispatcher)."""
    from timeline.io.formats import read_text

    return loads_linked_art(read_text(Path(path)), name=str(path))


def write_linked_art(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write a timeline to a Linked Art JSON-LD file, atomically (for the format
    dispatcher); what is not written is listed in the module's documentation."""
    from timeline.io.formats import atomic_write

    text = dumps_linked_art(timeline) + "\n"
    atomic_write(Path(path), lambda stream: stream.write(text.encode("utf-8")))
