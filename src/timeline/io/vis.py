"""vis-timeline items and groups (the JSON its ``DataSet`` takes): an export.

`to_vis` gives ``{"items": [...], "groups": [...]}`` for ``new vis.Timeline(container,
items, groups, options)``. Each event is one item:

==============  ==========================================================================
``id``          the event's id
``content``     the title, HTML-escaped (vis renders ``content`` as HTML)
``start``       the first day of the date's literal (core) bounds, ``"YYYY-MM-DD"``
``end``         for a range, the day *after* its last day: vis draws up to that instant, so
                the last day is drawn whole ("1642" runs from 1642-01-01 to 1643-01-01)
``type``        ``"range"`` for an event with an end or a date coarser than a day (a year,
                a decade), ``"point"`` for a single day
``group``       the event's kind (groups are written only when some event has a kind; then
                an event without one is in the group ``""``, shown as "(no kind)")
``title``       the hover text, HTML-escaped: the title, the date's label, and for a fuzzy
                date its outer bounds and EDTF
``className``   ``"fuzzy"`` and what makes it so for a date that is not certain, else
                ``"certain"``: ``"approximate"``, ``"uncertain"``, ``"open"`` (a bound of
                its start or end is open: "after 1600", "before 1650", "ongoing"), and
                ``"open-start"`` / ``"open-end"`` when that bound is the event's own first
                or last; ``"julian"`` too when a date was written in the Julian calendar
``outerStart``  for a fuzzy date, the outer bounds (the first day it can have begun, the day
``outerEnd``    after the last day it can have lasted to; absent when open): fields vis keeps
                for templates and ``dataAttributes``
==============  ==========================================================================

So that a fuzzy date is never drawn as certain, each approximate or uncertain event also gets
a ``"background"`` item (id ``"<id>/outer"``, className ``"outer-bounds"``, in the same group)
over its outer bounds, behind the item itself. An open side cannot be drawn: the item starts
(ends) at the side that is known, a point when nothing else is, and its className says
``open-start`` or ``open-end``. A span whose start or end is open inside it ("1600" to "before
1650") is drawn over what is known, marked ``fuzzy open``. The days are Gregorian (the Julian
wording is in the title). Style the classes in your page's CSS, for example
``.vis-item.fuzzy { border-style: dashed; }``.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from timeline.collection import Timeline
from timeline.dates import MAX_DATE, Calendar, Date
from timeline.io.exports import date_notes, fact_notes
from timeline.model import Event

__all__ = ["dumps_vis", "to_vis", "write_vis"]

NO_KIND = "(no kind)"
"""The shown name of the group of events without a kind."""


def _day(day: Date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _after(day: Date) -> str:
    """The instant a range ending on ``day`` (included) ends at: the next day's start."""
    if day >= MAX_DATE:
        return f"{_day(day)}T23:59:59.999"
    return _day(day.add(days=1))


def _classes(event: Event) -> list[str]:
    dates = [event.start] if event.end is None else [event.start, event.end]
    found = []
    if any(d.approximate for d in dates):
        found.append("approximate")
    if any(d.uncertain for d in dates):
        found.append("uncertain")
    if any(d.is_open for d in dates):
        found.append("open")
    if event.start.core_earliest is None:
        found.append("open-start")
    closing = event.end if event.end is not None else event.start
    if closing.core_latest is None:
        found.append("open-end")
    classes = ["fuzzy", *found] if found else ["certain"]
    if any(d.calendar is Calendar.JULIAN for d in dates):
        classes.append("julian")
    return classes


def _hover(event: Event) -> str:
    lines = [event.title, event.date_label(), *date_notes(event), *fact_notes(event)]
    return "<br>".join(html.escape(line) for line in lines if line)


def _known(event: Event) -> list[Date]:
    """Every core day the event's dates name, in order (open sides name none)."""
    closing = event.end if event.end is not None else event.start
    days = [event.start.core_earliest, event.start.core_latest]
    days += [closing.core_earliest, closing.core_latest]
    return [d for d in days if d is not None]


def to_vis(timeline: Timeline) -> dict[str, list[Any]]:
    """The timeline as vis-timeline items and groups (a dict ready for `json.dumps`).

    See the module's documentation for each field. An event that names no day at all (open
    at every side) cannot be placed: its id is listed under ``"unplaced"`` instead.

    >>> from timeline import Event
    >>> data = to_vis(Timeline([Event(id="a", title="<b>A</b>", start="c. 1641")]))
    >>> item, outer = data["items"]
    >>> item["content"], item["start"], item["end"], item["className"]
    ('&lt;b&gt;A&lt;/b&gt;', '1641-01-01', '1642-01-01', 'fuzzy approximate')
    >>> outer["type"], outer["start"], outer["end"]
    ('background', '1640-01-01', '1643-01-01')
    """
    grouped = any(e.kind for e in timeline)
    items: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    unplaced: list[str] = []
    for event in timeline:
        known = _known(event)
        if not known:
            unplaced.append(event.id)
            continue
        classes = _classes(event)
        item: dict[str, Any] = {"id": event.id, "content": html.escape(event.title)}
        # an end whose core lies before the start ("1800" to "17XX?": only its outer bounds
        # reach the start) is drawn ending on the start's day, never before it began
        first, last = known[0], max(known[-1], known[0])
        whole = event.start.core_earliest is not None and (
            (event.end or event.start).core_latest is not None
        )
        if whole and (event.end is not None or first != last):
            item |= {"start": _day(first), "end": _after(last), "type": "range"}
        else:  # a single day, or a side open: stand on the known side
            on = first if event.start.core_earliest is not None else last
            item |= {"start": _day(on), "type": "point"}
        item["title"] = _hover(event)
        item["className"] = " ".join(classes)
        if "fuzzy" in classes:
            if event.earliest is not None:
                item["outerStart"] = _day(event.earliest)
            if event.latest is not None:
                item["outerEnd"] = _after(event.latest)
        if grouped:
            item["group"] = event.kind
            content = html.escape(event.kind or NO_KIND)
            groups.setdefault(event.kind, {"id": event.kind, "content": content})
        items.append(item)
        if "approximate" in classes or "uncertain" in classes:
            items.append(_background(event, item))
    data: dict[str, list[Any]] = {"items": items, "groups": list(groups.values())}
    if unplaced:
        data["unplaced"] = unplaced
    return data


def _background(event: Event, item: dict[str, Any]) -> dict[str, Any]:
    """The outer bounds of a qualified event, drawn behind it (an open side: its item's)."""
    outer: dict[str, Any] = {
        "id": f"{event.id}/outer",
        "content": "",
        "start": item.get("outerStart", item["start"]),
        "end": item.get("outerEnd", item.get("end", _after(Date.fromisoformat(item["start"])))),
        "type": "background",
        "className": "outer-bounds",
        "title": item["title"],
    }
    if "group" in item:
        outer["group"] = item["group"]
    return outer


def dumps_vis(timeline: Timeline) -> str:
    """The vis-timeline items and groups of a timeline as JSON text (see `to_vis`)."""
    return json.dumps(to_vis(timeline), ensure_ascii=False, indent=2)


def write_vis(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write the vis-timeline items and groups of a timeline to a JSON file, atomically."""
    from timeline.io.formats import atomic_write

    text = dumps_vis(timeline) + "\n"
    atomic_write(Path(path), lambda stream: stream.write(text.encode("utf-8")))
