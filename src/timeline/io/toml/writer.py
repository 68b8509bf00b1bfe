"""The canonical TOML writer: the same timeline always gives the same text, and every value is
written in the shortest form that reads back as exactly itself (`timeline.io.toml.reader`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import tomli_w

from timeline.collection import Timeline
from timeline.dates import Calendar, FuzzyDate
from timeline.errors import DateParseError
from timeline.model import Event, Source
from timeline.parsing import YearStart
from timeline.parsing.fuzziness import spell_fuzziness

__all__ = ["date_value", "dumps"]


def date_value(date: FuzzyDate, reference: FuzzyDate | None) -> str | dict[str, Any]:
    """The shortest TOML value that reads back as exactly this date."""
    readers: tuple[tuple[Callable[[], FuzzyDate], Callable[[], str | dict[str, Any]]], ...] = (
        (lambda: FuzzyDate.parse(date.text, reference=reference), lambda: date.text),
        (
            lambda: FuzzyDate.parse(
                date.text,
                reference=date.reference,
                calendar=date.calendar,
                fuzziness=date.fuzziness,
                year_start=_year_start(date),
            ),
            lambda: _table(date),
        ),
        # text that two conventions read differently keeps the form that read it
        *(
            (
                lambda form=form: FuzzyDate.parse(
                    date.text,
                    reference=date.reference,
                    calendar=date.calendar,
                    form=form,
                    fuzziness=date.fuzziness,
                    year_start=_year_start(date),
                ),
                lambda form=form: _table(date) | {"form": form},
            )
            for form in ("english", "edtf")
        ),
    )
    for read, value in readers:
        try:
            if read() == date:
                return value()
        except DateParseError:
            pass
    fallback: dict[str, Any] = {"text": date.text, "edtf": date.to_edtf()}
    if date.fuzziness is not None:
        fallback["fuzziness"] = spell_fuzziness(date.fuzziness)
    return fallback


def _year_start(date: FuzzyDate) -> YearStart:
    return "03-25" if date.year_start == "03-25" else "01-01"


def _table(date: FuzzyDate) -> dict[str, Any]:
    table: dict[str, Any] = {"text": date.text}
    if date.year_start is not None:
        table["year_start"] = date.year_start
    if date.fuzziness is not None:
        table["fuzziness"] = spell_fuzziness(date.fuzziness)
    if date.calendar is not Calendar.GREGORIAN:
        table["calendar"] = date.calendar.value
    if date.reference is not None:
        table["reference"] = date.reference.text
    return table


def _source_table(source: Source) -> dict[str, Any]:
    table: dict[str, Any] = {"id": source.id, "title": source.title}
    if source.publisher:
        table["publisher"] = source.publisher
    if source.published is not None:
        table["published"] = date_value(source.published, None)
    if source.url is not None:
        table["url"] = source.url
    if source.kind:
        table["kind"] = source.kind
    if source.language != "en":
        table["language"] = source.language
    if source.rank:
        table["rank"] = source.rank
    return table


def _event_table(event: Event, published: Mapping[str, FuzzyDate | None]) -> dict[str, Any]:
    reference = published.get(event.citations[0].source) if event.citations else None
    table: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "start": date_value(event.start, reference),
    }
    if event.end is not None:
        table["end"] = date_value(event.end, reference)
    for key in ("kind", "description", "note"):
        if getattr(event, key):
            table[key] = getattr(event, key)
    table["status"] = event.status.value
    for key in ("actors", "places", "tags", "same_as"):
        if getattr(event, key):
            table[key] = list(getattr(event, key))
    if event.citations:
        table["citations"] = [
            {k: v for k, v in attrs.asdict(c).items() if v or k == "source"}
            for c in event.citations
        ]
    return table


def dumps(timeline: Timeline) -> str:
    """The canonical TOML text of a timeline: the same timeline always gives the same text,
    and ``loads(dumps(tl)) == tl``.

    A merged event is written as its merged fields (for reading) followed by every version
    it was merged from, as ``[[events.versions]]``; loading reads the versions.
    """
    published = {s.id: s.published for s in timeline.sources}
    events = []
    for event in timeline.events:
        table = _event_table(event, published)
        group = timeline.versions_of(event)
        if len(group) > 1 or group[0] != event:
            table["versions"] = [_event_table(v, published) for v in group]
        events.append(table)
    document: dict[str, Any] = {
        "sources": [_source_table(s) for s in timeline.sources],
        "events": events,
    }
    if timeline.eras:
        document["eras"] = [
            {"id": e.id, "title": e.title, "start": date_value(e.start, None)}
            | ({} if e.end is None else {"end": date_value(e.end, None)})
            for e in timeline.eras
        ]
    if timeline.resolutions:
        document["resolutions"] = [attrs.asdict(r) for r in timeline.resolutions]
    return tomli_w.dumps(document)
