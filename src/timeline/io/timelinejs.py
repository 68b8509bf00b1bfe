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
``end_date`` (at the precision their fields give, or as ``display_date`` says when that is a
date label that gives exactly those fields, so "c. 1875" comes back approximate),
``text.headline``, ``text.text``, ``group`` and ``unique_id`` (a missing or non-slug id is
made from the headline); HTML in the text is kept as text, and everything else (media,
backgrounds) is not read.

TimelineJS's Google Sheets template is also written and read as CSV (`to_timelinejs_csv`,
`loads_timelinejs_csv`): one row per slide in the template's columns (``Year``, ``Month``,
``Day``, ``End Year``, ... ``Display Date``, ``Headline``, ``Text``, ``Type``, ``Group``), the
title as a row of ``Type`` ``title`` and eras as rows of ``Type`` ``era``. The template has no
column for an id, so ids are made from the headlines when a sheet is read. A cell that a
spreadsheet would run as a formula (one starting with ``=``, ``+``, ``-`` or ``@``) starts
with that character as an HTML entity instead, which TimelineJS shows as the character.
"""

from __future__ import annotations

import csv
import html
import io
import re
import warnings
from collections.abc import Mapping
from typing import Any, Final

import attrs

from timeline.collection import Timeline
from timeline.dates import FuzzyDate, Precision
from timeline.errors import (
    DateParseError,
    FieldError,
    LossyExportWarning,
    Problem,
    ValidationError,
    shorten,
)
from timeline.io.exports import date_notes, fact_notes
from timeline.model import Era, Event, is_slug, slug_of
from timeline.plotting.options import Lanes
from timeline.plotting.reading import lanes_of

__all__ = [
    "SHEET_COLUMNS",
    "from_timelinejs",
    "loads_timelinejs",
    "loads_timelinejs_csv",
    "to_timelinejs",
    "to_timelinejs_csv",
]


def _fields(day: Any, precision: Precision) -> dict[str, int]:
    fields = {"year": day.year}
    if precision <= Precision.MONTH:
        fields["month"] = day.month
    if precision is Precision.DAY:
        fields["day"] = day.day
    return fields


_Fields = dict[str, Any]


def _dates(date: FuzzyDate, end: FuzzyDate | None) -> tuple[_Fields, _Fields | None] | None:
    """The TimelineJS start and end of a date (and an event's end); None when no day of it is
    known ("../.."): TimelineJS cannot place it, and no day is made up for it."""
    closing = end if end is not None else date
    known = [
        (day, precision)
        for side in (date, closing)
        for day, precision in (
            (side.core_earliest, side.first_precision),
            (side.core_latest, side.last_precision),
        )
        if day is not None
    ]
    if not known:
        return None
    # open at the start: begin where it is first known
    lo, first_precision = known[0]
    hi = closing.core_latest
    start = _fields(lo, first_precision)
    finish = None
    spans = end is not None or date.precision is not Precision.DAY
    if hi is not None and spans and hi != lo:
        finish = _fields(hi, closing.last_precision)
    if finish == start:  # a month or year ends where it starts: TimelineJS drops such ends
        finish = None
    return start, finish


def _slide_text(event: Event) -> str:
    parts = [event.description] if event.description else []
    parts += date_notes(event) + fact_notes(event)
    if event.citations:
        parts.append("Sources: " + "; ".join(str(c) for c in event.citations))
    return "<br>".join(html.escape(part) for part in parts)


def to_timelinejs(timeline: Timeline, *, title: str = "", lanes: Lanes = "kind") -> dict[str, Any]:
    """The timeline as TimelineJS3 JSON data (a dict ready for `json.dumps`).

    ``group`` (TimelineJS's rows) is the event's lane as `timeline.plot` draws it with the
    same ``lanes``: its kind by default (no group for an event without one), or its actors,
    places, tags, cited sources or status. TimelineJS shows a slide in one row only, so an
    event in several lanes gets the row named by all of them ("Russia; Japan"). Reading a
    file back takes the group as the kind.

    >>> from timeline import Event, Timeline
    >>> data = to_timelinejs(Timeline([Event(id="a", title="A", start="c. 1875")]))
    >>> slide = data["events"][0]
    >>> slide["start_date"], slide["display_date"], slide["unique_id"]
    ({'year': 1875}, 'c. 1875', 'a')
    """
    events = []
    unplaced = []
    for event in timeline:
        dates = _dates(event.start, event.end)
        if dates is None:
            unplaced.append(event.id)
            continue
        start, end = dates
        slide: dict[str, Any] = {
            "start_date": start,
            "display_date": event.date_label(),
            "text": {"headline": html.escape(event.title), "text": _slide_text(event)},
            "unique_id": event.id,
        }
        if end is not None:
            slide["end_date"] = end
        group = event.kind if lanes == "kind" else "; ".join(lanes_of(event, lanes))
        if group:  # TimelineJS writes a group's name as HTML
            slide["group"] = html.escape(group)
        events.append(slide)
    data: dict[str, Any] = {"events": events}
    if title:
        data["title"] = {"text": {"headline": html.escape(title), "text": ""}}
    eras = []
    for era in timeline.eras:
        dates = _dates(era.start, era.end)
        if dates is None:
            unplaced.append(era.id)
            continue
        start, end = dates
        eras.append(
            {
                "start_date": start,
                "end_date": end or start,
                "text": {"headline": html.escape(era.title)},
            }
        )
    if eras:
        data["eras"] = eras
    if unplaced:  # said, not dropped in silence
        warnings.warn(
            LossyExportWarning(
                f"TimelineJS cannot place what has no known day; left out: {', '.join(unplaced)}"
            ),
            stacklevel=2,
        )
    return data


_TAGS: Final = re.compile(r"<[^>]*>")


def _date_of(value: object, where: str, field: str) -> FuzzyDate:
    """A TimelineJS date (year, month, day fields) at the precision its fields give."""
    if not isinstance(value, Mapping) or "year" not in value:
        raise FieldError(field, value, "a TimelineJS date: a table with a 'year'", where=where)
    parts: list[str] = []
    for key, width in (("year", 4), ("month", 2), ("day", 2)):
        found = value.get(key)
        if found in ("", None):
            continue
        if len(parts) < ("year", "month", "day").index(key):
            raise FieldError(field, value, f"a {key} only with the fields above it", where=where)
        text = found.strip() if isinstance(found, str) else found
        if isinstance(text, bool) or not isinstance(text, int | str) or not str(text).isdigit():
            raise FieldError(field, value, f"a whole number for {key!r}", where=where)
        parts.append(f"{int(text):0{width}d}")
    text = "-".join(parts)
    try:  # the fields are numbers: read them as EDTF, never as an English range ("1700-13")
        return FuzzyDate.parse(text, form="edtf")
    except DateParseError as error:
        raise FieldError(field, value, f"a real date ({error})", where=where) from None


def _with_display_date(
    display: object, start: FuzzyDate, end: FuzzyDate | None
) -> tuple[FuzzyDate, FuzzyDate | None]:
    """The slide's dates, read from its ``display_date`` where that is a date label that
    gives exactly the slide's own fields ("c. 1699" over ``{"year": 1699}``: the export of this
    library, or a careful sheet): so a fuzzy date survives a trip through TimelineJS. "X to Y"
    is read as a start and an end where it can be, as `Event.date_label` writes them. A label
    that is not a date, or does not agree with the fields, or splits into start and end in
    more than one way, is not used; the fields are."""
    if not isinstance(display, str) or not display.strip():
        return start, end
    fields = _dates(start, end)
    words = display.split(" to ")
    # a start and an end ("X to Y", as `Event.date_label` writes them), else one date
    # ("between 1698 and 1700" spans its slide too)
    for cuts in (range(1, len(words)), (len(words),)):
        readings = []
        for cut in cuts:
            first, last = " to ".join(words[:cut]), " to ".join(words[cut:])
            try:
                candidate = (FuzzyDate.parse(first), FuzzyDate.parse(last) if last else None)
            except DateParseError:
                continue
            if _dates(*candidate) == fields:
                readings.append(candidate)
        if readings:
            return readings[0] if len(readings) == 1 else (start, end)
    return start, end


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
        if "text" in slide and not isinstance(slide["text"], Mapping):
            problems.append(
                Problem(where, "text", shorten(slide["text"]), "a table with headline and text")
            )
            continue
        text: Mapping[str, Any] = slide.get("text") or {}
        title = _plain(text.get("headline", "")) or f"Slide {index + 1}"
        ident = str(slide.get("unique_id") or "")
        ident = slug_of(ident if is_slug(ident) else ident or title, seen)
        seen.add(ident)
        try:
            start = _date_of(slide.get("start_date"), where, "start_date")
            end = _date_of(slide["end_date"], where, "end_date") if slide.get("end_date") else None
            start, end = _with_display_date(_plain(slide.get("display_date")), start, end)
            events.append(
                Event(
                    id=ident,
                    title=title,
                    start=start,
                    end=end,
                    description=_plain(text.get("text", "")),
                    kind=_plain(slide.get("group")),
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
                    id=slug_of(_plain(text.get("headline", "")), default=f"era-{index + 1}"),
                    title=_plain(text.get("headline", "")) or f"Era {index + 1}",
                    start=_date_of(era.get("start_date"), where, "start_date"),
                    end=_date_of(era["end_date"], where, "end_date")
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
    from timeline.io.formats import parse_json

    data = parse_json(text, name)
    return from_timelinejs(data, name=name)


SHEET_COLUMNS: Final = (
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Type", "Group", "Background",
)  # fmt: skip
"""The columns of TimelineJS's spreadsheet template, in its order."""

_FORMULA_STARTS: Final = {
    "=": "&#61;", "+": "&#43;", "-": "&#45;", "@": "&#64;", "\t": "&#9;", "\r": "&#13;",
}  # fmt: skip


def _cell(text: str) -> str:
    """A text cell no spreadsheet runs as a formula (the HTML entity shows the same text)."""
    entity = _FORMULA_STARTS.get(text[:1])
    return entity + text[1:] if entity else text


def _date_cells(date: Mapping[str, Any] | None, prefix: str) -> dict[str, str]:
    date = date or {}
    return {
        f"{prefix}{key.capitalize()}": str(date.get(key, "")) for key in ("year", "month", "day")
    }


def to_timelinejs_csv(timeline: Timeline, *, title: str = "", lanes: Lanes = "kind") -> str:
    """The timeline as a CSV of TimelineJS's spreadsheet template (the same slides as
    `to_timelinejs`; ids are not kept: the template has no column for them).

    >>> from timeline import Event, Timeline
    >>> text = to_timelinejs_csv(Timeline([Event(id="a", title="=A", start="c. 1875")]))
    >>> row = text.splitlines()[1].split(",")
    >>> row[0], row[4], row[8], row[9]  # Year, End Year (none: the year), Display Date, Headline
    ('1875', '', 'c. 1875', '&#61;A')
    """
    data = to_timelinejs(timeline, title=title, lanes=lanes)
    rows: list[dict[str, str]] = []
    if "title" in data:
        rows.append({"Headline": data["title"]["text"]["headline"], "Type": "title"})
    for kind, slides in (("", data["events"]), ("era", data.get("eras", []))):
        for slide in slides:
            rows.append(
                {
                    **_date_cells(slide["start_date"], ""),
                    **_date_cells(slide.get("end_date"), "End "),
                    "Display Date": _cell(slide.get("display_date", "")),
                    "Headline": _cell(slide["text"]["headline"]),
                    "Text": _cell(slide["text"].get("text", "")),
                    "Type": kind,
                    "Group": _cell(slide.get("group", "")),
                }
            )
    out = io.StringIO()
    writer = csv.DictWriter(out, SHEET_COLUMNS, restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _sheet_date(row: Mapping[str, str], prefix: str) -> dict[str, str] | None:
    fields = {
        key: row.get(f"{prefix}{key.capitalize()}", "").strip() for key in ("year", "month", "day")
    }
    return {k: v for k, v in fields.items() if v} if fields["year"] else None


def loads_timelinejs_csv(text: str, *, name: str = "<TimelineJS sheet>") -> Timeline:
    """A timeline from a CSV of TimelineJS's spreadsheet template, read as `from_timelinejs`
    reads slides (every bad row reported at once). A row without a ``Year`` is refused, as
    TimelineJS refuses it; the ``title`` row is skipped, ``era`` rows become eras; media,
    times and backgrounds are not read."""
    text = text.removeprefix("\ufeff")  # spreadsheets write a byte-order mark
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        header = reader.fieldnames or []
        table = list(reader)
    except csv.Error as error:  # a cell over the csv module's limit, most often
        expected = (
            f"CSV: every quoted cell closed, each cell of at most "
            f"{csv.field_size_limit():,} characters"
        )
        where = f"line {reader.line_num}"
        raise ValidationError(name, [Problem(where, "(syntax)", str(error), expected)]) from None
    missing = [c for c in ("Year", "Headline") if c not in header]
    if missing:
        raise ValidationError(
            name,
            [
                Problem("file", "(header)", shorten(",".join(header)),
                        f"TimelineJS's sheet columns, with {' and '.join(missing)}")
            ],
        )  # fmt: skip
    slides: list[dict[str, Any]] = []
    eras: list[dict[str, Any]] = []
    rows: dict[str, list[int]] = {"slide": [], "era": []}
    for number, row in enumerate(table, start=2):
        kind = (row.get("Type") or "").strip().lower()
        if kind == "title" or not any((v or "").strip() for v in row.values()):
            continue
        slide: dict[str, Any] = {
            "start_date": _sheet_date(row, "") or row.get("Year", ""),
            "text": {"headline": row.get("Headline", ""), "text": row.get("Text", "")},
            "display_date": row.get("Display Date", ""),
            "group": row.get("Group", ""),
        }
        end = _sheet_date(row, "End ")
        if end is not None:
            slide["end_date"] = end
        (eras if kind == "era" else slides).append(slide)
        rows["era" if kind == "era" else "slide"].append(number)
    try:
        return from_timelinejs({"events": slides, "eras": eras}, name=name)
    except ValidationError as error:  # name the sheet's rows, not the slides made of them
        problems = [_sheet_problem(p, rows) for p in error.problems]
        raise ValidationError(name, problems) from None


_SHEET_FIELDS: Final = {"start_date": "Year", "end_date": "End Year"}


def _sheet_problem(problem: Problem, rows: dict[str, list[int]]) -> Problem:
    found = re.fullmatch(r"(slide|era) #(\d+)", problem.where)
    if found is None:
        return problem
    return attrs.evolve(
        problem,
        where=f"row {rows[found[1]][int(found[2]) - 1]}",
        field=_SHEET_FIELDS.get(problem.field, problem.field),
    )
