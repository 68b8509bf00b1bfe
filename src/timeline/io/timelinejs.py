"""TimelineJS3 (Knight Lab) JSON: export for journalists' timelines, and import.

TimelineJS has no field for uncertainty, so a fuzzy date is never passed off as a certain one:

* ``start_date`` is the first day of the date's core at its own precision (a year is written
  as a year, a month as a month), ``end_date`` the last day of an event's end, or of a date
  coarser than a day ("the 1870s" runs 1870 to 1879 rather than standing on 1 January 1870);
* ``display_date`` is this library's label ("c. 1875", "late 16th century", "before 1600"),
  which TimelineJS shows instead of the numbers, and the slide's text says the date's bounds
  and its EDTF whenever the date is approximate, uncertain or open;
* an event open at the start ("before 1600") starts at its latest known day, with the label
  saying "before".

``group`` is the event's kind, ``unique_id`` its id, the citations are listed in the slide's
text (escaped: text from data files never runs as HTML), and eras become TimelineJS eras.
Media, backgrounds and autolinks are not written. Importing reads ``start_date``,
``end_date`` (at the precision their fields give), ``text.headline``, ``text.text``,
``group`` and ``unique_id`` (a missing or non-slug id is made from the headline); HTML in the
text is kept as text, and everything else (media, backgrounds) is not read.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any, Final

from timeline.collection import Timeline
from timeline.dates import FuzzyDate, Precision
from timeline.errors import FieldError, Problem, ValidationError, shorten
from timeline.model import Era, Event, is_slug

__all__ = ["from_timelinejs", "loads_timelinejs", "to_timelinejs"]


def _fields(day: Any, precision: Precision) -> dict[str, int]:
    fields = {"year": day.year}
    if precision <= Precision.MONTH:
        fields["month"] = day.month
    if precision is Precision.DAY:
        fields["day"] = day.day
    return fields


def _dates(date: FuzzyDate, end: FuzzyDate | None) -> tuple[dict[str, Any], dict[str, Any] | None]:
    lo = date.core_earliest
    first_precision = date.first_precision
    if lo is None:  # open at the start: begin where it is last known
        lo, first_precision = date.core_latest, date.last_precision
    closing = end if end is not None else date
    hi = closing.core_latest
    start = _fields(lo, first_precision) if lo is not None else {"year": 1}
    finish = None
    spans = end is not None or date.precision is not Precision.DAY
    if hi is not None and spans and hi != lo:
        finish = _fields(hi, closing.last_precision)
    return start, finish


def _fuzzy(date: FuzzyDate) -> bool:
    return date.approximate or date.uncertain or date.is_open


def _slide_text(event: Event) -> str:
    parts = [html.escape(event.description)] if event.description else []
    for date, name in ((event.start, "start"), (event.end, "end")):
        if date is not None and _fuzzy(date):
            lo = "open" if date.earliest is None else str(date.earliest)
            hi = "open" if date.latest is None else str(date.latest)
            parts.append(
                html.escape(
                    f"{name}: {date.label()} (between {lo} and {hi}; EDTF {date.to_edtf()})"
                )
            )
    if event.citations:
        cited = "; ".join(str(c) for c in event.citations)
        parts.append(html.escape(f"Sources: {cited}"))
    return "<br>".join(parts)


def to_timelinejs(timeline: Timeline, *, title: str = "") -> dict[str, Any]:
    """The timeline as TimelineJS3 JSON data (a dict ready for `json.dumps`).

    >>> from timeline import Event, Timeline
    >>> data = to_timelinejs(Timeline([Event(id="a", title="A", start="c. 1875")]))
    >>> slide = data["events"][0]
    >>> slide["start_date"], slide["display_date"], slide["unique_id"]
    ({'year': 1875}, 'c. 1875', 'a')
    """
    events = []
    for event in timeline:
        start, end = _dates(event.start, event.end)
        slide: dict[str, Any] = {
            "start_date": start,
            "display_date": event.date_label(),
            "text": {"headline": html.escape(event.title), "text": _slide_text(event)},
            "unique_id": event.id,
        }
        if end is not None:
            slide["end_date"] = end
        if event.kind:
            slide["group"] = event.kind
        events.append(slide)
    data: dict[str, Any] = {"events": events}
    if title:
        data["title"] = {"text": {"headline": html.escape(title), "text": ""}}
    eras = []
    for era in timeline.eras:
        start, end = _dates(era.start, era.end)
        eras.append(
            {
                "start_date": start,
                "end_date": end or start,
                "text": {"headline": html.escape(era.title)},
            }
        )
    if eras:
        data["eras"] = eras
    return data


_SLUG_CHARS: Final = re.compile(r"[^a-z0-9]+")
_TAGS: Final = re.compile(r"<[^>]*>")


def _slug(text: str) -> str:
    return _SLUG_CHARS.sub("-", text.lower()).strip("-") or "event"


def _date_text(value: object, where: str, field: str) -> str:
    if not isinstance(value, Mapping) or "year" not in value:
        raise FieldError(field, value, "a TimelineJS date: a table with a 'year'", where=where)
    parts = []
    for key, width in (("year", 4), ("month", 2), ("day", 2)):
        if key not in value or value[key] in ("", None):
            break
        try:
            number = int(value[key])
        except (TypeError, ValueError):
            raise FieldError(field, value, f"a whole number for {key!r}", where=where) from None
        parts.append(f"{number:0{width}d}")
    return "-".join(parts)


def _plain(text: object) -> str:
    """Slide text as plain text: tags dropped, entities read (kept as text, never run)."""
    return html.unescape(_TAGS.sub(" ", str(text or ""))).strip()


def from_timelinejs(data: object, *, name: str = "<TimelineJS>") -> Timeline:
    """A timeline from TimelineJS3 JSON data (the parsed JSON); every bad slide is reported at
    once in one `timeline.ValidationError`."""
    if not isinstance(data, Mapping) or not isinstance(data.get("events"), list):
        raise ValidationError(
            name,
            [Problem("file", "events", shorten(data), "TimelineJS JSON with an 'events' list")],
        )
    problems: list[Problem] = []
    events: list[Event] = []
    seen: set[str] = set()
    for index, slide in enumerate(data["events"]):
        where = f"slide #{index + 1}"
        if not isinstance(slide, Mapping):
            problems.append(Problem(where, "(slide)", shorten(slide), "a table"))
            continue
        text: Mapping[str, Any] = slide["text"] if isinstance(slide.get("text"), Mapping) else {}
        title = _plain(text.get("headline", "")) or f"Slide {index + 1}"
        ident = str(slide.get("unique_id") or "")
        if not is_slug(ident):
            ident = _slug(ident or title)
        while ident in seen:
            ident += "-2"
        seen.add(ident)
        try:
            start = _date_text(slide.get("start_date"), where, "start_date")
            end = (
                _date_text(slide["end_date"], where, "end_date") if slide.get("end_date") else None
            )
            events.append(
                Event(
                    id=ident,
                    title=title,
                    start=start,
                    end=end,
                    description=_plain(text.get("text", "")),
                    kind=str(slide.get("group") or ""),
                )
            )
        except FieldError as error:
            problems.append(error.at(where))
    if problems:
        raise ValidationError(name, problems)
    eras = []
    for index, era in enumerate(data.get("eras") or []):
        where = f"era #{index + 1}"
        try:
            found = era.get("text")
            text = found if isinstance(found, Mapping) else {}
            eras.append(
                Era(
                    id=_slug(_plain(text.get("headline", "")) or f"era-{index + 1}"),
                    title=_plain(text.get("headline", "")) or f"Era {index + 1}",
                    start=_date_text(era.get("start_date"), where, "start_date"),
                    end=_date_text(era["end_date"], where, "end_date")
                    if era.get("end_date")
                    else None,
                )
            )
        except (FieldError, AttributeError) as error:
            problems.append(
                error.at(where)
                if isinstance(error, FieldError)
                else Problem(where, "(era)", shorten(era), "a table")
            )
    if problems:
        raise ValidationError(name, problems)
    return Timeline(events, eras=eras)


def loads_timelinejs(text: str, *, name: str = "<TimelineJS>") -> Timeline:
    """A timeline from TimelineJS3 JSON text (see `from_timelinejs`)."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise ValidationError(
            name, [Problem("file", "(syntax)", str(error)[:200], "valid JSON")]
        ) from None
    return from_timelinejs(data, name=name)
