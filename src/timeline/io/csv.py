"""The CSV layout: one row per event, read with whole-file validation and written losslessly.

The first row names the columns (any order, any case; surrounding spaces ignored):

=============  ==========================================================================
column         cell
=============  ==========================================================================
id             the event's id, a slug (required)
title          text (required column; the cell may be empty)
start          a date (required): text in any form `FuzzyDate.parse` reads, or a JSON
               object, the date table of the TOML format (``{"text": "16 January 1547",
               "calendar": "julian"}``), for a date whose wording alone does not give it
end            a date as for start; empty for an instant
description    text
kind           text
actors         a list: items separated by ``;`` (``Russia; Japan``), each item stripped of
places         surrounding spaces, empty items skipped; or, when an item holds a ``;``, has
tags           surrounding spaces, is empty or the cell would begin with ``[``, a JSON array
same_as        of strings (``["Hall; Son", "Japan"]``)
status         reported (when empty), claimed, planned or disputed
citations      source ids separated by ``;`` (citations without locator or wording), or a
               JSON array of citations, each an object ``{"source": "article", "locator":
               "paragraph 11", "wording": "late 16th century"}`` (or a bare source id)
note           text
=============  ==========================================================================

A cell that begins with ``{`` (a date) or ``[`` (a list, citations) is JSON and nothing else:
no date text and no list begins so, which keeps the reading unambiguous. JSON is used where
free text meets structure (a citation's locator and wording may hold any punctuation, an
actor a ``;``): it is an escaping that every language reads and writes, where a home-made
separator would need escapes of its own. Data from a file is untrusted: cells are read by
`csv` and `json` only, nothing is evaluated. A cell that a spreadsheet would run as a formula
(one beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written after a
quote mark (``'=HYPERLINK(...)``), which spreadsheets read as "text follows" and which reading
takes off again (a cell of quote marks then such a character loses one quote mark: the
writing is lossless).

A CSV file holds events only. A citation names its source by id; the sources themselves
(title, publisher, published date, rank...) are given to `loads_csv` as ``sources``; a cited
id that is not among them becomes a `Source` known only by its id (its title is the id).
As in TOML, a relative date ("last year") is read against the ``published`` date of the
first cited source, when it is given. Not held by a CSV file: sources' details, eras,
resolutions and the versions of a merged event (its merged fields are written, one row).

Row numbers count as a spreadsheet shows them: the header is row 1, the first event row 2.

EDTF records (``dates="edtf"`` in `dumps_csv` and `loads_csv`): the same layout, but the
``start`` and ``end`` cells hold EDTF (ISO 8601-2, levels 0 and 1: `FuzzyDate.to_edtf`), read
back as strict EDTF (``1620-21`` is spring 1620, not 1620-1621), for catalogues and users of
python-edtf. Two more columns, ``start_original`` and ``end_original``, keep what EDTF alone
cannot say: when the EDTF does not read back as exactly the date held, the date's own cell
(its wording, or its JSON date table) is written there. What they keep: the original wording
("c. 1641", "21 July 1667 O.S."), the Julian calendar (a Julian month's or year's EDTF is its
Gregorian days, not a month or a year), a fuzziness other than the default (``1641~`` would be
widened differently), the reference a relative date ("last year") was resolved against and an
Old Style year's start. On reading, a non-empty original cell is the date, and it must agree
with the EDTF cell (the same outer bounds when the EDTF is read with the original's fuzziness):
when they disagree, both readings are reported and nothing is guessed. A file whose original
columns are left out (or empty) is read from its EDTF alone, and then the list above is lost.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

from timeline.collection import Timeline
from timeline.dates import FuzzyDate
from timeline.errors import (
    _MISSING,
    ArgumentError,
    DateParseError,
    FieldError,
    Problem,
    ValidationError,
    shorten,
)
from timeline.io import toml
from timeline.model import (
    EVENT_FIELDS,
    Citation,
    Event,
    Source,
    Status,
    check_end,
    check_slug,
    check_text,
    to_date,
    to_status,
)

if TYPE_CHECKING:
    from timeline.parsing import Form

__all__ = ["COLUMNS", "EDTF_COLUMNS", "DateCells", "dumps_csv", "loads_csv"]

DateCells = Literal["text", "edtf"]
"""How a CSV file writes its dates: ``"text"`` (this library's wording, the default) or
``"edtf"`` (EDTF, with the original columns; see the module's documentation)."""

COLUMNS: Final = EVENT_FIELDS
"""The columns of the layout, in the order `dumps_csv` writes them."""
ORIGINALS: Final = ("start_original", "end_original")
"""The columns of EDTF records that keep what a date's EDTF cannot say."""
EDTF_COLUMNS: Final = (*COLUMNS, *ORIGINALS)
"""The columns of EDTF records (``dates="edtf"``), in the order `dumps_csv` writes them."""
REQUIRED: Final = ("id", "title", "start")
"""The columns a table must have."""
SEPARATOR: Final = ";"
"""What separates the items of a list cell."""
LIST_EXPECTED: Final = f"items separated by {SEPARATOR!r}, or a JSON array of strings"
CITATIONS_EXPECTED: Final = (
    f"source ids separated by {SEPARATOR!r}, or a JSON array of citations, each a source id "
    'or an object {"source": ..., "locator": ..., "wording": ...}'
)
_TEXT_FIELDS: Final = ("description", "kind", "note")
_LIST_FIELDS: Final = ("actors", "places", "tags", "same_as")
_CITATION_KEYS: Final = frozenset(("source", "locator", "wording"))


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> object:
    return "" if value is None else value


def _json(text: str) -> object:
    """Parsed JSON, or a `ValueError` (bad JSON, or nested too deep to read)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deep") from None


def read_list(field: str, value: object) -> tuple[str, ...]:
    """A list cell as a tuple of strings: ``None`` or blank is empty; text is split at ``;``
    (each item stripped, empty items skipped) unless it begins with ``[``, a JSON array of
    strings; a list or tuple of strings is kept. Anything else raises `FieldError`.

    >>> read_list("actors", " Russia;Japan ; "), read_list("actors", '["Hall; Son"]')
    (('Russia', 'Japan'), ('Hall; Son',))
    """
    if _blank(value):
        return ()
    if isinstance(value, str):
        if not value.lstrip().startswith("["):
            return tuple(p for part in value.split(SEPARATOR) if (p := part.strip()))
        try:
            value = _json(value)
        except ValueError:
            raise FieldError(field, value, LIST_EXPECTED) from None
    if isinstance(value, list | tuple) and all(type(v) is str for v in value):
        return tuple(value)
    raise FieldError(field, value, LIST_EXPECTED)


def write_list(values: tuple[str, ...]) -> str:
    """The cell of a list: items joined by ``"; "`` when that reads back exactly, else JSON."""
    plain = values and not values[0].startswith("[")
    plain = plain and all(v and v == v.strip() and SEPARATOR not in v for v in values)
    if plain or not values:
        return f"{SEPARATOR} ".join(values)
    return json.dumps(list(values), ensure_ascii=False)


def _citation(value: object) -> Citation:
    if isinstance(value, Citation):
        return value
    if isinstance(value, str):
        return Citation(source=value.strip())
    if isinstance(value, Mapping) and "source" in value and value.keys() <= _CITATION_KEYS:
        fields = {k: value[k] for k in ("source", "locator", "wording") if k in value}
        if all(type(v) is str for v in fields.values()):
            return Citation(**fields)
    raise ValueError("not a citation")


def read_citations(field: str, value: object) -> tuple[Citation, ...]:
    """A citations cell as citations: ``None`` or blank is none; text is source ids separated
    by ``;`` unless it begins with ``[``, a JSON array of citations (objects with ``source``,
    ``locator``, ``wording``, or source ids); a list of such values or `Citation` is read the
    same way. Anything else (a source id that is not a slug too) raises `FieldError`.

    >>> read_citations("citations", "article; record")[1]
    Citation(source='record', locator='', wording='')
    >>> str(read_citations("citations", '[{"source": "a", "locator": "p. 3"}]')[0])
    'a, p. 3'
    """
    if _blank(value):
        return ()
    found = value
    try:
        if isinstance(value, str):
            if not value.lstrip().startswith("["):
                return tuple(
                    Citation(source=p) for part in value.split(SEPARATOR) if (p := part.strip())
                )
            found = _json(value)
        if not isinstance(found, list | tuple):
            raise ValueError("not a list")
        return tuple(_citation(item) for item in found)
    except (ValueError, FieldError):
        raise FieldError(field, value, CITATIONS_EXPECTED) from None


def write_citations(citations: tuple[Citation, ...]) -> str:
    """The cell of citations: source ids joined by ``"; "`` when no citation has a locator or
    wording, else a JSON array of objects (empty locator and wording left out)."""
    if all(not c.locator and not c.wording for c in citations):
        return f"{SEPARATOR} ".join(c.source for c in citations)
    return json.dumps(
        [
            {"source": c.source}
            | ({"locator": c.locator} if c.locator else {})
            | ({"wording": c.wording} if c.wording else {})
            for c in citations
        ],
        ensure_ascii=False,
    )


def read_date(
    field: str, value: object, reference: FuzzyDate | None, *, form: Form = "mixed"
) -> FuzzyDate:
    """A date cell as a `FuzzyDate`: text beginning with ``{`` is a JSON date table (the TOML
    format's: ``text``, ``calendar``, ``reference``, ``edtf``, ``form``, ``fuzziness``,
    ``year_start``); other text, a `FuzzyDate` or a `datetime.date` is read by the model's
    `to_date` (``reference`` resolves relative phrases, ``form`` chooses the reading of text
    two conventions read differently). Else `FieldError`.

    >>> read_date("start", '{"text": "16 January 1547", "calendar": "julian"}', None).earliest
    Date(1547, 1, 26)
    """
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            table = _json(value)
        except ValueError:
            table = None
        if not isinstance(table, dict):
            raise FieldError(field, value, "a JSON object with a 'text' string (a date table)")
        try:
            return toml.read_date(field, table, reference)
        except FieldError as error:
            raise FieldError(field, value, error.expected) from None
    return to_date(field, value, reference=reference, form=form)


@functools.lru_cache(maxsize=1 << 16)
def write_date(date: FuzzyDate) -> str:
    """The cell of a date: its text when that alone reads back as exactly this date, else
    its JSON date table (which needs no source to read: a relative date carries its
    reference). Remembered for the last 65,536 dates: a table repeats its dates ("1875")."""
    value = toml.date_value(date, None)
    if isinstance(value, str) and not value.lstrip().startswith("{"):
        return value
    if isinstance(value, str):
        value = {"text": value}
    return json.dumps(value, ensure_ascii=False)


class RowReader:
    """Reads rows of cells (a CSV file's, a DataFrame's) into events, collecting every
    problem of every row; shared by `loads_csv` and `timeline.io.pandas.from_pandas`.

    ``columns`` maps each field to the column it is read from (for the messages); ``sources``
    are the known sources, whose ``published`` dates resolve relative phrases; ``dates`` is
    how the date cells are written (``"edtf"``: EDTF, with ``start_original`` and
    ``end_original`` cells, which ``columns`` then names too).
    """

    def __init__(
        self, columns: Mapping[str, str], sources: Iterable[Source] = (), *,
        dates: DateCells = "text",
    ) -> None:  # fmt: skip
        self.columns = columns
        self.dates = dates
        self.sources = {s.id: s for s in sources}
        self.problems: list[Problem] = []
        self.events: list[Event] = []
        self.rows: dict[str, str] = {}  # event id -> where it was first seen

    def _rule(self, where: str, field: str, value: object, read: Any, *args: Any) -> Any:
        try:
            return read(*args)
        except FieldError as error:
            self.problems.append(Problem(where, self.columns[field], value, error.expected))
            return None

    def read(self, cells: Mapping[str, object], where: str) -> None:
        """Read one row: ``cells`` maps fields to values (absent or None: empty cell)."""
        before = len(self.problems)
        get = cells.get
        ident = get("id")
        ident = ident.strip() if isinstance(ident, str) else ident
        ident = self._rule(where, "id", ident, check_slug, "id", ident)
        if ident is not None:
            where = f"{where} ({shorten(ident)})"
            if ident in self.rows:
                expected = f"a unique id ({self.rows[ident]} has it already)"
                self.problems.append(Problem(where, self.columns["id"], ident, expected))
            else:
                self.rows[ident] = where
        raw_title = get("title")
        title = self._rule(where, "title", raw_title, check_text, "title", _text(raw_title))
        texts = {}
        for field in _TEXT_FIELDS:
            value = get(field)
            texts[field] = self._rule(where, field, value, check_text, field, _text(value))
        lists = {f: self._rule(where, f, get(f), read_list, f, get(f)) for f in _LIST_FIELDS}
        for other in lists["same_as"] or ():
            self._rule(where, "same_as", other, check_slug, "same_as", other)
        cited = get("citations")
        citations = self._rule(where, "citations", cited, read_citations, "citations", cited)
        first = self.sources.get(citations[0].source) if citations else None
        reference = first.published if first is not None else None
        status_cell = get("status")
        status_value = status_cell.strip() if isinstance(status_cell, str) else status_cell
        status = self._rule(
            where, "status", status_cell, to_status, Status.REPORTED if _blank(status_value)
            else status_value
        )  # fmt: skip
        start_cell, end_cell = get("start"), get("end")
        start = end = None
        if _blank(start_cell):
            expected = "a date (this field is required)"
            self.problems.append(Problem(where, self.columns["start"], start_cell, expected))
        else:
            start = self._date(where, "start", start_cell, get("start_original"), reference)
        if not _blank(end_cell):
            end = self._date(where, "end", end_cell, get("end_original"), reference)
        if start is not None and end is not None:
            self._rule(where, "end", end_cell, check_end, start, end)
        if len(self.problems) > before or start is None:
            return
        self.events.append(
            Event(
                id=ident,
                title=title,
                start=start,
                end=end,
                status=status,
                citations=citations,
                **texts,
                **lists,
            )
        )

    def _date(
        self, where: str, field: str, cell: object, original: object, ref: FuzzyDate | None
    ) -> FuzzyDate | None:
        """A date cell as a date (None: a problem was recorded); in EDTF records, the original
        cell, when given, is the date and must agree with the EDTF."""
        if self.dates == "text":
            read: FuzzyDate | None = self._rule(where, field, cell, read_date, field, cell, ref)
            return read
        if isinstance(cell, str) and cell.lstrip().startswith("{"):
            expected = "EDTF text (the date's table belongs in the original column)"
            self.problems.append(Problem(where, self.columns[field], cell, expected))
            return None
        date: FuzzyDate | None = self._rule(where, field, cell, _read_edtf, field, cell)
        if date is None or _blank(original):
            return date
        column = f"{field}_original"
        held: FuzzyDate | None = self._rule(
            where, column, original, read_date, column, original, ref
        )
        if held is None:
            return None
        try:
            edtf = FuzzyDate.parse(str(cell).strip(), form="edtf", fuzziness=held.fuzziness)
        except DateParseError:
            edtf = date
        if (edtf.earliest, edtf.latest) != (held.earliest, held.latest):
            expected = (
                f"a date that agrees with the {self.columns[field]!r} cell's EDTF {cell!r} "
                f"(which reads {_bounds(edtf)}; this reads {_bounds(held)}): correct one of "
                f"them, or empty this cell to take the EDTF"
            )
            self.problems.append(Problem(where, self.columns[column], original, expected))
            return None
        return held

    def missing(self, where: str, present: Iterable[str]) -> None:
        """Report the required columns that are not among ``present``."""
        for field in REQUIRED:
            if self.columns[field] not in present:
                expected = "a column (it is required)"
                self.problems.append(Problem(where, self.columns[field], _MISSING, expected))

    def timeline(self, name: str) -> Timeline:
        """The timeline of every row read, or a `ValidationError` listing every problem.

        A cited source that is not known becomes a `Source` with its id as its title.
        """
        if self.problems:
            raise ValidationError(name, self.problems)
        cited = {c.source for e in self.events for c in e.citations}
        stubs = [Source(id=i, title=i) for i in sorted(cited - self.sources.keys())]
        return Timeline(self.events, [*self.sources.values(), *stubs])


def _read_edtf(field: str, value: object) -> FuzzyDate:
    return read_date(field, value, None, form="edtf")


def _bounds(date: FuzzyDate) -> str:
    lo = "open" if date.earliest is None else str(date.earliest)
    hi = "open" if date.latest is None else str(date.latest)
    return f"{lo} to {hi}"


def _check_dates(call: str, dates: object) -> None:
    if dates not in ("text", "edtf"):
        raise ArgumentError(call, "dates", dates, "'text' (the default) or 'edtf'")


def loads_csv(
    text: str, *, name: str = "<string>", sources: Iterable[Source] = (), dates: DateCells = "text"
) -> Timeline:
    """Read a timeline from CSV text in the layout of this module; ``name`` (a file name)
    appears in error messages, ``sources`` are the sources the rows cite, ``dates="edtf"``
    reads EDTF records (date cells in strict EDTF, and the optional original columns).

    Raises `ValidationError` listing every problem of every row at once, each with its row,
    column, bad value and what was expected.

    >>> tl = loads_csv("id,title,start,end\\nthirty-years,Thirty Years' War,1618,1648\\n")
    >>> tl["thirty-years"].date_label()
    '1618 to 1648'
    """
    _check_dates("loads_csv", dates)
    columns = EDTF_COLUMNS if dates == "edtf" else COLUMNS
    text = text.removeprefix("\ufeff")  # the byte order mark spreadsheets write
    lines = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = [[_unguard(cell) for cell in line] for line in lines]
    except csv.Error as error:  # a cell over the csv module's limit, most often
        where = f"line {lines.line_num}"
        expected = (
            f"CSV: every quoted cell closed, each cell of at most "
            f"{csv.field_size_limit():,} characters"
        )
        raise ValidationError(name, [Problem(where, "(syntax)", str(error), expected)]) from None
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValidationError(
            name,
            [
                Problem(
                    "row 1",
                    "(header)",
                    text[:80],
                    f"a header naming the columns: {', '.join(columns)}",
                )
            ],
        )
    header = [cell.strip().lower() for cell in rows[0]]
    reader = RowReader({f: f for f in columns}, sources, dates=dates)
    known = set(columns)
    seen: set[str] = set()
    for number, cell in enumerate(header, start=1):
        where = f"row 1, column {number}"
        if cell not in known:
            expected = f"one of the columns {', '.join(columns)}"
            reader.problems.append(Problem(where, "(header)", rows[0][number - 1], expected))
        elif cell in seen:
            expected = "each column once (this one is named before)"
            reader.problems.append(Problem(where, "(header)", rows[0][number - 1], expected))
        seen.add(cell)
    reader.missing("row 1", seen)
    if reader.problems:
        raise ValidationError(name, reader.problems)
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        where = f"row {number}"
        if len(row) > len(header):
            extra = row[len(header) :]
            if any(cell.strip() for cell in extra):
                expected = f"at most {len(header)} cells, one per column of the header"
                reader.problems.append(Problem(where, "(cells)", extra, expected))
        reader.read(dict(zip(header, row, strict=False)), where)
    return reader.timeline(name)


def _edtf_cells(date: FuzzyDate | None) -> tuple[str, str]:
    """A date's EDTF cell, and its original cell: empty when the EDTF reads back as it."""
    if date is None:
        return "", ""
    edtf = date.to_edtf()
    try:
        same = FuzzyDate.parse(edtf, form="edtf") == date
    except DateParseError:  # widening a bound past the years 1 to 9999
        same = False
    return edtf, "" if same else write_date(date)


_FORMULA: Final = re.compile("'*[=+\\-@\t\r]")
"""A cell a spreadsheet would run as a formula: one starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return, after any number of quote marks."""


def _guard(cell: str) -> str:
    """A cell no spreadsheet runs: a quote mark before one that would be a formula (the mark
    spreadsheets read as "this is text"; `_unguard` takes it off again)."""
    return "'" + cell if _FORMULA.match(cell) else cell


def _unguard(cell: str) -> str:
    """A cell as written before `_guard`: lossless, as ``'=`` is only ever written by it."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell) else cell


def dumps_csv(timeline: Timeline, *, dates: DateCells = "text") -> str:
    """The CSV text of a timeline: a header of `COLUMNS`, then one row per event in timeline
    order (a merged event as its merged fields). ``loads_csv(dumps_csv(tl),
    sources=tl.sources) == tl`` for a timeline without merged versions, eras or resolutions.

    ``dates="edtf"`` writes EDTF records: the header is `EDTF_COLUMNS`, the date cells EDTF,
    and the original columns keep what EDTF cannot say (see the module's documentation);
    ``loads_csv(text, dates="edtf", ...)`` reads them back to the same timeline.

    >>> from timeline import Event
    >>> print(dumps_csv(Timeline([Event(id="a", title="A", start="c. 1641", tags=["VOC"])])))
    id,title,start,end,description,kind,actors,places,tags,status,citations,note,same_as
    a,A,c. 1641,,,,,,VOC,reported,,,
    <BLANKLINE>
    """
    _check_dates("dumps_csv", dates)
    edtf = dates == "edtf"
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EDTF_COLUMNS if edtf else COLUMNS)
    for e in timeline:
        if edtf:
            (start, start_original), (end, end_original) = _edtf_cells(e.start), _edtf_cells(e.end)
        else:
            start, end = write_date(e.start), "" if e.end is None else write_date(e.end)
        cells = (
            e.id,
            e.title,
            start,
            end,
            e.description,
            e.kind,
            write_list(e.actors),
            write_list(e.places),
            write_list(e.tags),
            e.status.value,
            write_citations(e.citations),
            e.note,
            write_list(e.same_as),
            *((start_original, end_original) if edtf else ()),
        )
        writer.writerow([_guard(cell) for cell in cells])
    return out.getvalue()
