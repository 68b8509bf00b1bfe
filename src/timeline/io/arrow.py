"""The columnar form: a timeline as an Apache Arrow table, and Parquet files.

One row per event version (for a timeline that was never merged, one row per event). The
outer bounds of the whole event are the date columns ``earliest`` and ``latest``; each of the
``start`` and ``end`` dates is a group of typed columns (``start_earliest``, ``start_latest``,
``start_core_earliest``, ``start_core_latest`` as dates, each side's precision and qualifier
``start_first_precision``, ``start_last_precision``, ``start_first_qualifier``,
``start_last_qualifier`` as the integers of `Precision` and `Qualifier`, ``start_text``,
``start_edtf``, ``start_calendar``, ``start_reference``, ``start_fuzziness``,
``start_year_start``), tuples are list columns and citations a list of structs (`schema`).
Sources, eras and resolutions travel in the schema's metadata (`header_metadata`, as the TOML
of an event-less timeline). Reading gives back exactly the same timeline.

Reading checks a table as fully as the TOML loader checks a file, and reports every problem
at once in one `timeline.ValidationError` (named after the file, or ``"arrow table"``):

* the columns first: a missing column, a column the schema does not have (refused: its data
  would be lost silently; drop it, or keep the text in ``note``) and a column of another type
  (a date column of strings, a string ``actors`` column) are each one `Problem` naming the
  column. A column of the same kind in another Arrow type is accepted (``large_string``,
  ``int64``, ``date64``, dictionary-encoded strings; an all-null column of type ``null``);
* then every row, each problem naming the row (``row 0`` is the first) and the event's id,
  the column, the value and what was expected. Values are checked by the model's own rules
  (`timeline.model.check_slug`, `to_status`, `check_strings`, `check_end`, `Citation`,
  `FuzzyDate`), codes against `Precision`, `Qualifier` and `Calendar`, and every derived
  column (``earliest``, ``latest``, each date's ``earliest``, ``latest`` and ``edtf``,
  ``has_end``) must be what the other columns give: a table is read only if it is exactly
  what `to_arrow` writes for the timeline it holds, so the table can stand for it (see
  `timeline.Timeline.arrow_table`);
* the metadata: text that is not UTF-8 or not a valid TOML header, and events in it.

Tables of schema 1 (one precision and two qualifier flags per date) and tables from before
the ``fuzziness`` and ``year_start`` columns are read too.

Needs the optional extra ``timeline[scale]`` (pyarrow).
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from timeline.collection import Timeline, check_consistency
from timeline.dates import EPOCH_ORDINAL, Calendar, Fuzziness, FuzzyDate, Precision, Qualifier
from timeline.errors import (
    _MISSING,
    DateParseError,
    FieldError,
    Problem,
    ValidationError,
    shorten,
)
from timeline.model import (
    Citation,
    Event,
    Source,
    Status,
    check_end,
    check_slug,
    check_strings,
    check_text,
    date_expected,
    is_slug,
    to_status,
)
from timeline.parsing.fuzziness import fuzziness_from_json, fuzziness_to_json

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "SCHEMA_VERSION",
    "events_table",
    "from_arrow",
    "header_metadata",
    "read_header",
    "read_parquet",
    "schema",
    "table_events",
    "to_arrow",
    "write_parquet",
]

SCHEMA_VERSION: Final = "2"
"""2: each side's precision and qualifier (1 had one precision and two qualifier flags)."""
_SCHEMA_KEY: Final = b"timeline.schema"
_HEADER_KEY: Final = b"timeline.sources_and_eras"
_DATE_PARTS: Final = (
    "earliest",
    "latest",
    "core_earliest",
    "core_latest",
    "first_precision",
    "last_precision",
    "first_qualifier",
    "last_qualifier",
    "text",
    "edtf",
    "calendar",
    "reference",
    "fuzziness",
    "year_start",
)
TABLE: Final = "arrow table"
"""The name a `timeline.ValidationError` gives a table that is not read from a file."""


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the columnar form needs pyarrow: pip install 'timeline[scale]'"
        ) from None
    return pyarrow


def _pyarrow_compute() -> Any:
    _pyarrow()
    import pyarrow.compute

    return pyarrow.compute


def schema() -> pa.Schema:
    """The Arrow schema of an events table: what `to_arrow` writes and `from_arrow` reads."""
    pa = _pyarrow()
    date_fields = []
    for prefix in ("start", "end"):
        date_fields += [
            pa.field(f"{prefix}_earliest", pa.date32()),
            pa.field(f"{prefix}_latest", pa.date32()),
            pa.field(f"{prefix}_core_earliest", pa.date32()),
            pa.field(f"{prefix}_core_latest", pa.date32()),
            pa.field(f"{prefix}_first_precision", pa.int8()),
            pa.field(f"{prefix}_last_precision", pa.int8()),
            pa.field(f"{prefix}_first_qualifier", pa.int8()),
            pa.field(f"{prefix}_last_qualifier", pa.int8()),
            pa.field(f"{prefix}_text", pa.string()),
            pa.field(f"{prefix}_edtf", pa.string()),
            pa.field(f"{prefix}_calendar", pa.string()),
            pa.field(f"{prefix}_reference", pa.string()),
            pa.field(f"{prefix}_fuzziness", pa.string()),
            pa.field(f"{prefix}_year_start", pa.string()),
        ]
    citation = pa.struct(
        [("source", pa.string()), ("locator", pa.string()), ("wording", pa.string())]
    )
    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("title", pa.string()),
            pa.field("earliest", pa.date32()),
            pa.field("latest", pa.date32()),
            *date_fields,
            pa.field("has_end", pa.bool_()),
            pa.field("description", pa.string()),
            pa.field("kind", pa.string()),
            pa.field("actors", pa.list_(pa.string())),
            pa.field("places", pa.list_(pa.string())),
            pa.field("tags", pa.list_(pa.string())),
            pa.field("status", pa.string()),
            pa.field("citations", pa.list_(citation)),
            pa.field("note", pa.string()),
            pa.field("same_as", pa.list_(pa.string())),
        ]
    )


def _date_columns(dates: Sequence[FuzzyDate | None], prefix: str) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {f"{prefix}_{part}": [] for part in _DATE_PARTS}
    for date in dates:
        if date is None:
            for values in columns.values():
                values.append(None)
            continue
        columns[f"{prefix}_earliest"].append(date.earliest)
        columns[f"{prefix}_latest"].append(date.latest)
        columns[f"{prefix}_core_earliest"].append(date.core_earliest)
        columns[f"{prefix}_core_latest"].append(date.core_latest)
        columns[f"{prefix}_first_precision"].append(int(date.first_precision))
        columns[f"{prefix}_last_precision"].append(int(date.last_precision))
        columns[f"{prefix}_first_qualifier"].append(int(date.first_qualifier))
        columns[f"{prefix}_last_qualifier"].append(int(date.last_qualifier))
        columns[f"{prefix}_text"].append(date.text)
        columns[f"{prefix}_edtf"].append(date.edtf)
        columns[f"{prefix}_calendar"].append(date.calendar.value)
        columns[f"{prefix}_reference"].append(
            None if date.reference is None else date.reference.text
        )
        columns[f"{prefix}_fuzziness"].append(fuzziness_to_json(date.fuzziness))
        columns[f"{prefix}_year_start"].append(date.year_start)
    return columns


def events_table(events: Iterable[Event], metadata: dict[bytes, bytes] | None = None) -> pa.Table:
    """An Arrow table of these events, one row each, in the order given (`schema`)."""
    pa = _pyarrow()
    rows = list(events)
    columns: dict[str, list[Any]] = {
        "id": [e.id for e in rows],
        "title": [e.title for e in rows],
        "earliest": [e.earliest for e in rows],
        "latest": [e.latest for e in rows],
    }
    columns |= _date_columns([e.start for e in rows], "start")
    columns |= _date_columns([e.end for e in rows], "end")
    columns |= {
        "has_end": [e.end is not None for e in rows],
        "description": [e.description for e in rows],
        "kind": [e.kind for e in rows],
        "actors": [list(e.actors) for e in rows],
        "places": [list(e.places) for e in rows],
        "tags": [list(e.tags) for e in rows],
        "status": [e.status.value for e in rows],
        "citations": [
            [{"source": c.source, "locator": c.locator, "wording": c.wording} for c in e.citations]
            for e in rows
        ],
        "note": [e.note for e in rows],
        "same_as": [list(e.same_as) for e in rows],
    }
    return pa.table(columns, schema=schema().with_metadata(metadata or {}))


def header_metadata(timeline: Timeline) -> dict[bytes, bytes]:
    """The schema metadata of a table of this timeline: the schema version and the TOML of its
    sources, eras and resolutions (its events travel as the rows). `read_header` reads it."""
    from timeline.io.toml import dumps

    header = Timeline([], timeline.sources, timeline.eras, timeline.resolutions)
    return {
        _SCHEMA_KEY: SCHEMA_VERSION.encode(),
        _HEADER_KEY: dumps(header).encode("utf-8"),
    }


def to_arrow(timeline: Timeline) -> pa.Table:
    """The timeline as an Arrow table: one row per event version, sources in the metadata.

    ``from_arrow(to_arrow(tl)) == tl`` for every timeline.
    """
    return events_table(timeline.versions, header_metadata(timeline))


def _header(metadata: Mapping[bytes, bytes] | None) -> tuple[Timeline, list[Problem]]:
    """The sources, eras and resolutions a table's metadata carries, and its problems."""
    from timeline.io.toml import loads

    where = f"schema metadata {_HEADER_KEY.decode()!r}"
    metadata = metadata or {}
    problems = []
    version = metadata.get(_SCHEMA_KEY)
    if version is not None and version not in (b"1", SCHEMA_VERSION.encode()):
        expected = f"a schema version this library reads ('1' or {SCHEMA_VERSION!r})"
        problems.append(Problem("schema metadata", _SCHEMA_KEY.decode(), version, expected))
    raw = metadata.get(_HEADER_KEY, b"")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        expected = f"UTF-8 text (a bad byte at {error.start}): the TOML of the sources and eras"
        return Timeline(), [*problems, Problem(where, "(text)", raw, expected)]
    try:
        header = loads(text, name=where) if text else Timeline()
    except ValidationError as error:
        found = [
            Problem(f"{where}, {p.where}", p.field, p.value, p.expected) for p in error.problems
        ]
        return Timeline(), [*problems, *found]
    except RecursionError:  # pragma: no cover - the TOML loader reports deep nesting itself
        expected = "TOML nested at most a few hundred levels deep"
        return Timeline(), [*problems, Problem(where, "(syntax)", raw, expected)]
    if header.versions:
        problems.append(
            Problem(
                where,
                "events",
                [e.id for e in header.versions],
                "no events: a table's events are its rows, and these would be lost",
            )
        )
    return header, problems


def read_header(metadata: Mapping[bytes, bytes] | None, *, name: str = TABLE) -> Timeline:
    """The sources, eras and resolutions of a table's schema metadata (`header_metadata`), as
    an event-less timeline; every problem raises one `timeline.ValidationError` named ``name``.
    """
    header, problems = _header(metadata)
    if problems:
        raise ValidationError(name, problems)
    return header


class _References:
    """Reference dates by text, parsed once each."""

    def __init__(self) -> None:
        self.cache: dict[str, FuzzyDate | DateParseError] = {}

    def get(self, text: str | None) -> FuzzyDate | None:
        """The date of this text (None for None); `DateParseError` if it is not a date."""
        if text is None:
            return None
        found = self.cache.get(text)
        if found is None:
            try:
                found = FuzzyDate.parse(text)
            except DateParseError as error:
                found = error
            self.cache[text] = found
        if isinstance(found, DateParseError):
            raise found
        return found


_PRECISIONS: Final = {int(p): p for p in Precision}
_QUALIFIERS: Final = {int(q): Qualifier(q) for q in range(4)}
_CALENDARS: Final = {c.value: c for c in Calendar}
_STATUSES: Final = {s.value: s for s in Status}
_YEAR_STARTS: Final = (None, "03-25")
_EXPECTED: Final = {
    "precision": "a Precision code: "
    + ", ".join(f"{int(p)} ({p.name.lower()})" for p in Precision),
    "qualifier": "a Qualifier code: 0 (none), 1 (approximate), 2 (uncertain), 3 (both)",
    "calendar": f"one of {', '.join(repr(c) for c in _CALENDARS)}",
    "year_start": "null, or '03-25' for Old Style years counted from Lady Day",
}


def _dates(columns: dict[str, list[Any]], prefix: str, refs: _References) -> list[FuzzyDate | None]:
    """The dates of checked columns (the trusted path)."""
    parts = [columns[f"{prefix}_{part}"] for part in _DATE_PARTS]
    dates: list[FuzzyDate | None] = []
    # the outer bounds and the EDTF are derived: the date computes them again
    for _, _, clo, chi, first, last, first_q, last_q, text, _, cal, ref, fuzz, start in zip(
        *parts, strict=True
    ):
        if text is None:
            dates.append(None)
            continue
        sides = (clo, chi, first, last, first_q, last_q)
        fuzziness = fuzziness_from_json(fuzz)
        dates.append(_date_of_cells(sides, text, cal, refs.get(ref), fuzziness, start))
    return dates


def _date_of_cells(
    sides: tuple[Any, Any, Any, Any, Any, Any],
    text: str,
    calendar: Any,
    reference: FuzzyDate | None,
    fuzziness: Any,
    year_start: Any,
) -> FuzzyDate:
    """The date a row's cells give: core bounds, each side's precision and qualifier codes,
    wording, calendar code, reference, fuzziness and year start (a `KeyError` for an unknown
    code, the model's errors for the rest)."""
    clo, chi, first, last, first_q, last_q = sides
    return FuzzyDate(
        core_earliest=clo,
        core_latest=chi,
        first_precision=_PRECISIONS[first],
        last_precision=_PRECISIONS[last],
        first_qualifier=_QUALIFIERS[first_q],
        last_qualifier=_QUALIFIERS[last_q],
        text=text,
        calendar=_CALENDARS[calendar],
        reference=reference,
        fuzziness=fuzziness,
        year_start=year_start,
    )


_T = TypeVar("_T")


def _trusted(cls: type[_T], **values: Any) -> _T:
    """An attrs value built from fields already checked, without running its converters and
    validators again (the columnar merge's hot path)."""
    value: _T = object.__new__(cls)
    for name, field in values.items():
        object.__setattr__(value, name, field)
    return value


def _trusted_events(table: pa.Table) -> list[Event]:
    """The events of a table whose every value is known to be valid (no check at all)."""
    columns = table.to_pydict()
    refs = _References()
    starts = _dates(columns, "start", refs)
    ends = _dates(columns, "end", refs)
    make: Any = functools.partial(_trusted, Event)
    cite: Any = functools.partial(_trusted, Citation)
    return [
        make(
            id=ident,
            title=columns["title"][i],
            start=starts[i],
            end=ends[i],
            description=columns["description"][i],
            kind=columns["kind"][i],
            actors=tuple(columns["actors"][i]),
            places=tuple(columns["places"][i]),
            tags=tuple(columns["tags"][i]),
            status=_STATUSES[columns["status"][i]],
            citations=tuple(cite(**c) for c in columns["citations"][i]),
            note=columns["note"][i],
            same_as=tuple(columns["same_as"][i]),
        )
        for i, ident in enumerate(columns["id"])
    ]


# -- checking a table: its columns, then its rows ---------------------------------------------


def _kind(type_: pa.DataType) -> object:
    """What a column holds, whatever its Arrow type: None for the null type (it fits any)."""
    pa = _pyarrow()
    t = pa.types
    if t.is_null(type_):
        return None
    if t.is_dictionary(type_):
        return _kind(type_.value_type)
    if t.is_string(type_) or t.is_large_string(type_) or t.is_string_view(type_):
        return "string"
    if t.is_integer(type_):
        return "integer"
    if t.is_date(type_):
        return "date"
    if t.is_boolean(type_):
        return "boolean"
    if t.is_list(type_) or t.is_large_list(type_) or t.is_list_view(type_):
        return ("list", _kind(type_.value_type))
    if t.is_struct(type_):
        return ("struct", tuple(sorted((f.name, _kind(f.type)) for f in type_)))
    return str(type_)


def _fits(kind: object, expected: object) -> bool:
    if kind is None or kind == expected:
        return True
    if isinstance(kind, tuple) and isinstance(expected, tuple) and kind[0] == expected[0]:
        if kind[0] == "list":
            return _fits(kind[1], expected[1])
        names = [name for name, _ in kind[1]]
        return names == [name for name, _ in expected[1]] and all(
            _fits(k, e) for (_, k), (_, e) in zip(kind[1], expected[1], strict=True)
        )
    return False


def _column_problems(table: pa.Table) -> tuple[list[Problem], set[str]]:
    """Missing, unknown and mistyped columns (one problem each), and the names of the
    columns whose values can be read."""
    expected = schema()
    problems = []
    readable = set()
    names = table.column_names
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(Problem("columns", name, f"{names.count(name)} columns", "one column"))
    for field in expected:
        if field.name in names and names.count(field.name) > 1:
            continue  # reported above: which of them would be read is not known
        if field.name not in table.column_names:
            problems.append(
                Problem("columns", field.name, _MISSING, f"a {field.type} column (required)")
            )
            continue
        found = table.schema.field(field.name).type
        if _fits(_kind(found), _kind(field.type)):
            readable.add(field.name)
        else:
            problems.append(Problem("columns", field.name, str(found), f"a {field.type} column"))
    for name in dict.fromkeys(table.column_names):
        if expected.get_field_index(name) < 0 and names.count(name) == 1:
            problems.append(
                Problem(
                    "columns",
                    name,
                    str(table.schema.field(name).type),
                    "only the columns of timeline.io.arrow.schema(); this one's values would "
                    "be lost: drop it (or keep its text in 'note')",
                )
            )
    return problems, readable


_EVENT_COLUMNS: Final = (
    "id", "title", "description", "kind", "note", "actors", "places", "tags", "status",
    "citations", "same_as",
)  # fmt: skip
_UNREAD: Final = object()
"""The value of a cell in a column that could not be read (its problem is reported)."""
_FIRST_DAY: Final = _dt.date(1, 1, 1).toordinal() - EPOCH_ORDINAL  # in date32 days
_LAST_DAY: Final = _dt.date(9999, 12, 31).toordinal() - EPOCH_ORDINAL


def _dates_of(column: pa.ChunkedArray) -> tuple[list[Any], list[tuple[int, str, str]]]:
    """The dates of a date column, ``_UNREAD`` for a day Python cannot hold (before the year 1
    or after 9999, which Arrow can) or a ``date64`` that is not a whole day, and those rows
    with the value found and what was expected."""
    pa = _pyarrow()
    pc = _pyarrow_compute()
    found: list[tuple[int, str, str]] = []
    if pa.types.is_date64(column.type):  # milliseconds: a date is a whole day
        ms = pc.cast(column, pa.int64())
        partial = pc.fill_null(
            pc.not_equal(pc.multiply(pc.divide(ms, 86_400_000), 86_400_000), ms), False
        )
        for i in pc.indices_nonzero(partial).to_pylist():
            found.append(
                (i, f"{ms[i].as_py()} ms from 1970-01-01", "a whole day (a date64 at midnight)")
            )
        ms = pc.if_else(partial, pa.scalar(None, pa.int64()), ms)
        column = pc.cast(pc.divide(ms, 86_400_000), pa.int32()).cast(pa.date32())
    days = pc.cast(column, pa.date32()).cast(pa.int32())
    inside = pc.and_(pc.greater_equal(days, _FIRST_DAY), pc.less_equal(days, _LAST_DAY))
    partial_rows = {i for i, _, _ in found}
    if pc.all(pc.fill_null(inside, True)).as_py() and not found:
        return column.to_pylist(), []
    keep = pc.fill_null(inside, True)
    values = pc.if_else(keep, column, None).to_pylist()
    for i in partial_rows:
        values[i] = _UNREAD
    expected = "a day from 0001-01-01 to 9999-12-31 (what this library can hold)"
    for i in pc.indices_nonzero(pc.invert(keep)).to_pylist():
        values[i] = _UNREAD
        found.append((i, f"{days[i].as_py()} days from 1970-01-01", expected))
    return values, sorted(found)


class _RowReader:
    """Reads the rows of a table into events with the model's rules, collecting every problem
    of every row (a cell of a column that could not be read is skipped, not reported again)."""

    def __init__(self, table: pa.Table, readable: set[str]) -> None:
        self.n = table.num_rows
        self.unread = [_UNREAD] * self.n
        self.problems: list[Problem] = []
        self.columns: dict[str, list[Any]] = {}
        outside: list[tuple[int, str, str, str]] = []
        for field in schema():
            name = field.name
            if name not in readable:
                self.columns[name] = self.unread
            elif _kind(field.type) == "date":
                self.columns[name], found = _dates_of(table.column(name))
                outside += [(i, name, value, expected) for i, value, expected in found]
            else:
                self.columns[name] = table.column(name).to_pylist()
        ids = self.columns["id"]
        for i, name, value, expected in outside:
            ident = f" ({shorten(ids[i])})" if is_slug(ids[i]) else ""
            self.add(f"row {i}{ident}", name, value, expected)
        self.refs = _References()
        self.fuzz = _Fuzziness()
        self.reads_back = _ReadsBack()

    def add(self, where: str, column: str, value: object, expected: str) -> None:
        self.problems.append(Problem(where, column, value, expected))

    def rule(self, where: str, column: str, value: object, check: Callable[..., Any]) -> Any:
        """``check(value)``, or ``_UNREAD`` with its `FieldError` as a problem of ``column``."""
        if value is _UNREAD:
            return _UNREAD
        try:
            return check(value)
        except FieldError as error:
            self.add(where, column, value, error.expected)
            return _UNREAD

    def events(self) -> list[Event | None]:
        """Each row's event, or None where the row has a problem.

        Every row is first read at once (`quick`), which tells only whether it is valid; a row
        that is not is read again field by field (`row`), to report each of its problems.
        """
        if any(values is self.unread for values in self.columns.values()):
            return [self.row(i) for i in range(self.n)]
        return [self.row(i) if e is None else e for i, e in enumerate(self.quick())]

    def quick(self) -> list[Event | None]:
        """Each row's event, or None where it has some problem (the same rules as `row`)."""
        c = self.columns
        starts, ends = self.quick_dates("start"), self.quick_dates("end")
        events: list[Event | None] = []
        rows = zip(
            *(c[name] for name in _EVENT_COLUMNS), starts, ends, c["earliest"], c["latest"],
            c["has_end"], strict=True,
        )  # fmt: skip
        for ident, title, desc, kind, note, actors, places, tags, status, cited, same_as, \
                start, end, earliest, latest, has_end in rows:  # fmt: skip
            if (
                start is None
                or start is _UNREAD
                or end is _UNREAD
                or has_end is not (end is not None)
            ):
                events.append(None)
                continue
            try:
                citations = tuple(Citation(**item) for item in cited)
                event = Event(
                    id=ident,
                    title=title,
                    start=start,
                    end=end,
                    description=desc,
                    kind=kind,
                    actors=actors,
                    places=places,
                    tags=tags,
                    status=status,
                    citations=citations,
                    note=note,
                    same_as=same_as,
                )
            except (FieldError, TypeError):  # TypeError: a null list of citations or citation
                events.append(None)
                continue
            exact = event.earliest == earliest and event.latest == latest
            events.append(event if exact else None)
        return events

    def quick_dates(self, side: str) -> list[Any]:
        """Each row's date of one side: a `FuzzyDate`, None (absent) or ``_UNREAD`` (some
        problem, found again by `date`)."""
        dates: list[Any] = []
        refs = self.refs
        fuzz = self.fuzz
        columns = zip(*(self.columns[f"{side}_{part}"] for part in _DATE_PARTS), strict=True)
        for lo, hi, clo, chi, fp, lp, fq, lq, text, edtf, cal, ref, fz, ys in columns:
            if text is None:
                absent = lo is hi is clo is chi is fp is lp is fq is lq is None
                dates.append(None if absent and edtf is cal is ref is fz is ys is None else _UNREAD)
                continue
            try:
                if not text or ys not in _YEAR_STARTS:
                    raise KeyError(ys)
                fuzziness = None if fz is None else fuzz[fz]
                sides = (clo, chi, fp, lp, fq, lq)
                date = _date_of_cells(sides, text, cal, refs.get(ref), fuzziness, ys)
            except (KeyError, FieldError, DateParseError):
                dates.append(_UNREAD)
                continue
            exact = date.earliest == lo and date.latest == hi and date.to_edtf() == edtf
            dates.append(date if exact and self.reads_back[date] else _UNREAD)
        return dates

    def row(self, i: int) -> Event | None:
        cell = {name: values[i] for name, values in self.columns.items()}
        before = len(self.problems)
        where = f"row {i}"
        ident = self.rule(where, "id", cell["id"], functools.partial(check_slug, "id"))
        if ident is not _UNREAD:
            where = f"row {i} ({shorten(ident)})"
        fields: dict[str, Any] = {"id": ident}
        for name in ("title", "description", "kind", "note"):
            fields[name] = self.rule(where, name, cell[name], functools.partial(check_text, name))
        for name in ("actors", "places", "tags", "same_as"):
            values = self.rule(where, name, cell[name], functools.partial(check_strings, name))
            fields[name] = values
        for other in () if fields["same_as"] is _UNREAD else fields["same_as"]:
            self.rule(where, "same_as", other, functools.partial(check_slug, "same_as"))
        fields["status"] = self.rule(where, "status", cell["status"], to_status)
        fields["citations"] = self.citations(where, cell["citations"])
        start = fields["start"] = self.date(where, cell, "start")
        end = fields["end"] = self.date(where, cell, "end")
        has_end, end_text = cell["has_end"], cell["end_text"]
        readable = has_end is not _UNREAD and end_text is not _UNREAD
        if readable and has_end is not (end_text is not None):
            told = "true" if end_text is not None else "false"
            self.add(where, "has_end", has_end, f"{told}: whether end_text is given")
        if isinstance(start, FuzzyDate) and (end is None or isinstance(end, FuzzyDate)):
            try:
                check_end(start, end)
            except FieldError as error:
                assert end is not None
                self.add(where, "end_latest", cell["end_latest"], error.expected)
            else:
                self.derived(where, cell, "earliest", start.earliest)
                self.derived(where, cell, "latest", (end or start).latest)
        if len(self.problems) > before or any(v is _UNREAD for v in fields.values()):
            return None
        try:  # the model checks everything once more: anything missed above is still caught
            return Event(**fields)
        except FieldError as error:  # pragma: no cover - every rule is checked above
            self.add(where, error.field, error.value, error.expected)
            return None

    def derived(self, where: str, cell: dict[str, Any], column: str, value: object) -> None:
        """A problem if a derived column does not hold what the other columns give."""
        found = cell[column]
        if found is not _UNREAD and found != value:
            shown = "null (open)" if value is None else repr(str(value))
            self.add(where, column, found, f"{shown}, what the other columns give (derived)")

    def citations(self, where: str, value: object) -> Any:
        if value is _UNREAD:
            return _UNREAD
        if value is None:
            self.add(where, "citations", None, "a list of citations (empty if none)")
            return _UNREAD
        assert isinstance(value, list)
        citations = []
        for item in value:
            if item is None:
                self.add(where, "citations", item, "a citation {source, locator, wording}")
                return _UNREAD
            try:
                citations.append(Citation(**item))
            except FieldError as error:
                expected = f"a citation whose {error.field} is {error.expected}"
                self.add(where, "citations", item, expected)
                return _UNREAD
        return tuple(citations)

    def date(self, where: str, cell: dict[str, Any], side: str) -> Any:
        """The date of one side: a `FuzzyDate`, None (absent) or ``_UNREAD``."""
        parts = {part: cell[f"{side}_{part}"] for part in _DATE_PARTS}
        text = parts["text"]
        if text is _UNREAD:
            return _UNREAD
        if text is None:
            if side == "start":
                self.add(where, "start_text", None, "the start date's wording (it is required)")
            for part, value in parts.items():
                if value is not None and value is not _UNREAD:
                    column = f"{side}_{part}"
                    self.add(where, column, value, f"null, as {side}_text is (no {side} date)")
            return _UNREAD if side == "start" else None
        before = len(self.problems)
        if text == "":
            expected = f"the {side} date's wording (null for no date, never empty)"
            self.add(where, f"{side}_text", text, expected)
        values: dict[str, Any] = {"text": text}
        for part in ("first_precision", "last_precision", "first_qualifier", "last_qualifier"):
            table = _PRECISIONS if part.endswith("precision") else _QUALIFIERS
            values[part] = self.code(where, side, part, parts[part], table)
        values["calendar"] = self.code(where, side, "calendar", parts["calendar"], _CALENDARS)
        year_start = parts["year_start"]
        if year_start is not _UNREAD and year_start not in _YEAR_STARTS:
            self.add(where, f"{side}_year_start", year_start, _EXPECTED["year_start"])
        values["year_start"] = year_start
        values["reference"] = self.reference(where, side, parts["reference"])
        values["fuzziness"] = self.fuzziness(where, side, parts["fuzziness"])
        values["core_earliest"] = parts["core_earliest"]
        values["core_latest"] = parts["core_latest"]
        if len(self.problems) > before or any(v is _UNREAD for v in values.values()):
            return _UNREAD
        try:
            date = FuzzyDate(**values)
        except FieldError as error:  # the core bounds in the wrong order
            column = f"{side}_{error.field}"
            self.add(where, column, parts[error.field], error.expected)
            return _UNREAD
        except DateParseError as error:  # qualifiers that widen it past the years 1 to 9999
            self.add(where, f"{side}_text", text, date_expected(error))
            return _UNREAD
        self.derived(where, cell, f"{side}_earliest", date.earliest)
        self.derived(where, cell, f"{side}_latest", date.latest)
        edtf = parts["edtf"]
        if edtf is not _UNREAD and edtf != date.to_edtf():
            expected = f"{date.to_edtf()!r}, the EDTF of the date's other columns (derived)"
            self.add(where, f"{side}_edtf", edtf, expected)
        elif not self.reads_back[date]:
            expected = (
                f"wording that reads ({date.calendar.value}, in some form) as the date the "
                f"other columns give ({date.to_edtf()!r}: precisions, qualifiers, core bounds), "
                "or the EDTF of a Gregorian date without a reference: no other format could "
                "hold it"
            )
            self.add(where, f"{side}_text", text, expected)
            return _UNREAD
        return date

    def code(
        self, where: str, side: str, part: str, value: object, table: Mapping[Any, Any]
    ) -> Any:
        if value is _UNREAD:
            return _UNREAD
        found = table.get(value)
        if found is None:
            self.add(where, f"{side}_{part}", value, _EXPECTED[part.rsplit("_", 1)[-1]])
            return _UNREAD
        return found

    def reference(self, where: str, side: str, text: object) -> Any:
        if text is _UNREAD or text is None:
            return text
        assert isinstance(text, str)
        try:
            return self.refs.get(text)
        except DateParseError as error:
            self.add(where, f"{side}_reference", text, date_expected(error))
            return _UNREAD

    def fuzziness(self, where: str, side: str, text: object) -> Any:
        if text is _UNREAD or text is None:
            return text
        assert isinstance(text, str)
        try:
            return self.fuzz[text]
        except KeyError as error:
            self.add(where, f"{side}_fuzziness", text, error.args[0])
            return _UNREAD


class _ReadsBack(dict[FuzzyDate, bool]):
    """Whether a date reads back from its TOML value (`timeline.io.toml`'s writer and reader):
    from its wording, in its calendar, with its reference, fuzziness and year start, in some
    form, or else from its EDTF. The parser makes every date so; a table's date columns that
    disagree with its wording make one no format could hold. Each distinct date read once."""

    def __missing__(self, date: FuzzyDate) -> bool:
        from timeline.io.toml import date_value, read_date

        value = date_value(date, None)
        # the writer gives text or a table only if it reads back as the date; its last
        # resort, the EDTF, may not
        found = not (isinstance(value, dict) and "edtf" in value)
        if not found:
            try:
                found = read_date("date", value, None) == date
            except FieldError:
                found = False
        self[date] = found
        return found


class _Fuzziness(dict[str, Fuzziness]):
    """Fuzziness by its JSON text, read once each; a `KeyError` saying what was expected for
    text that is not the canonical JSON of a fuzziness (`fuzziness_to_json`)."""

    def __missing__(self, text: str) -> Fuzziness:
        expected = 'JSON of amounts such as {"year": "2 years"} (timeline.Fuzziness)'
        try:
            fuzziness = fuzziness_from_json(text)
        except FieldError as error:
            expected = f"JSON of fuzziness amounts: {error.expected}"
        except (ValueError, RecursionError):  # not JSON, or nested too deep to read
            pass
        else:
            assert fuzziness is not None
            canonical = fuzziness_to_json(fuzziness)
            if canonical == text:
                self[text] = fuzziness
                return fuzziness
            expected = f"{canonical!r}, its canonical spelling"
        raise KeyError(expected)


_MARK_CODES: Final = {"~": 1, "?": 2, "%": 3}
_VERSION_1: Final = ("precision", "approximate", "uncertain")


def _sides_from_version_1(table: pa.Table) -> tuple[pa.Table, list[Problem], set[str]]:
    """A schema 1 table with each side's precision and qualifier (schema 2): version 1 kept
    one precision for both sides, two qualifier flags, and each side's own qualifier only as
    the mark of that side of an EDTF interval. Problems of its version 1 columns too, and the
    schema 2 columns that could not be made of them (their problems are the old columns')."""
    pa = _pyarrow()
    problems: list[Problem] = []
    unmade: set[str] = set()
    ids = table["id"].to_pylist() if "id" in table.column_names else [None] * table.num_rows
    kinds = {"precision": "an integer", "approximate": "a boolean", "uncertain": "a boolean"}
    for prefix in ("start", "end"):
        made = [f"{prefix}_{name}" for name in _SIDE_COLUMNS]
        broken = []
        for name, kind in kinds.items():
            column = f"{prefix}_{name}"
            if column not in table.column_names:
                broken.append(Problem("columns", column, _MISSING, f"{kind} column"))
            elif not _fits(_kind(table.schema.field(column).type), kind.split()[-1]):
                found = str(table.schema.field(column).type)
                broken.append(Problem("columns", column, found, f"{kind} column"))
        if broken or f"{prefix}_edtf" not in table.column_names:
            problems += broken
            unmade.update(made)
            old = [f"{prefix}_{n}" for n in _VERSION_1 if f"{prefix}_{n}" in table.column_names]
            table = table.drop_columns(old)
            for name in made:  # placeholders, not read: the old columns' problems are said
                table = table.append_column(name, pa.nulls(table.num_rows, pa.int8()))
            continue
        columns = table.select([f"{prefix}_{name}" for name in (*_VERSION_1, "edtf")])
        firsts: list[int | None] = []
        lasts: list[int | None] = []
        values = columns.to_pydict().values()
        for i, (_, approximate, uncertain, edtf) in enumerate(zip(*values, strict=True)):
            if not isinstance(edtf, str):
                firsts.append(None)
                lasts.append(None)
            elif "/" in edtf:
                lo, hi = edtf.split("/", 1)
                firsts.append(_MARK_CODES.get(lo[-1:], 0))
                lasts.append(_MARK_CODES.get(hi[-1:], 0))
            elif approximate is None or uncertain is None:
                name = "approximate" if approximate is None else "uncertain"
                expected = f"true or false (the {prefix} date is present)"
                ident = f" ({shorten(ids[i])})" if is_slug(ids[i]) else ""
                problems.append(Problem(f"row {i}{ident}", f"{prefix}_{name}", None, expected))
                firsts.append(0)  # said once, above; not again as a null qualifier
                lasts.append(0)
            else:
                firsts.append(int(approximate) | 2 * int(uncertain))
                lasts.append(firsts[-1])
        precision = table[f"{prefix}_precision"]
        for name, added in (
            ("first_precision", precision),
            ("last_precision", precision),
            ("first_qualifier", pa.array(firsts, pa.int8())),
            ("last_qualifier", pa.array(lasts, pa.int8())),
        ):
            table = table.append_column(f"{prefix}_{name}", added)
        table = table.drop_columns([f"{prefix}_{name}" for name in _VERSION_1])
    return table, problems, unmade


_SIDE_COLUMNS: Final = ("first_precision", "last_precision", "first_qualifier", "last_qualifier")


def _upgrade(table: pa.Table) -> tuple[pa.Table, list[Problem], set[str]]:
    """A table of an earlier schema in the current one, the problems of its old columns and
    the new columns that could not be made of them (not to be read or reported again)."""
    pa = _pyarrow()
    # files from before fuzziness and the Old Style year start were kept
    for name in ("start_fuzziness", "end_fuzziness", "start_year_start", "end_year_start"):
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
    if "start_first_precision" not in table.column_names and any(
        f"{prefix}_{name}" in table.column_names
        for prefix in ("start", "end")
        for name in _VERSION_1
    ):
        return _sides_from_version_1(table)
    return table, [], set()


def _read(
    table: pa.Table, sources: tuple[Source, ...] | None
) -> tuple[list[Event], list[Problem], pa.Table | None]:
    """The events of a table, every problem of its columns and rows (and of its citations of
    sources that are not among ``sources``, unless None), and the table in the exact `schema`
    (None if it has problems)."""
    pa = _pyarrow()
    table, problems, unmade = _upgrade(table)
    found, readable = _column_problems(table)
    problems += [p for p in found if p.field not in unmade]
    readable -= unmade
    reader = _RowReader(table, readable)
    rows = reader.events()
    problems += reader.problems
    events = [e for e in rows if e is not None]
    if problems:
        return events, problems, None
    if sources is not None:
        # citations of sources the metadata does not define, with the first row of the event
        first_row: dict[str, int] = {}
        for i, event in enumerate(events):
            first_row.setdefault(f"event {event.id!r}", i)
        for problem in check_consistency(tuple(events), sources, TABLE):
            if problem.field == "id":  # several versions of one event share an id
                continue
            row = first_row.get(problem.where)
            where = problem.where if row is None else f"row {row} ({shorten(events[row].id)})"
            problems.append(Problem(where, problem.field, problem.value, problem.expected))
    try:
        exact = table.select(schema().names).cast(schema().with_metadata(table.schema.metadata))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        exact = None  # pragma: no cover - the types were checked: a cast Arrow cannot do
    return events, problems, exact


def table_events(table: pa.Table, *, trusted: bool = False, name: str = TABLE) -> list[Event]:
    """The events of an Arrow table (in row order), without sources.

    Every column and value is checked as `from_arrow` checks them, every problem raised at
    once in a `timeline.ValidationError` named ``name`` (citations are not checked against
    sources: the table has none). ``trusted`` skips every check: for rows the caller has
    made itself from checked values, in exactly the `schema` (the columnar merge).
    """
    if trusted:
        return _trusted_events(table)
    events, problems, _ = _read(table, None)
    if problems:
        raise ValidationError(name, problems)
    return events


def from_arrow(table: pa.Table, *, name: str = TABLE) -> Timeline:
    """The timeline of an Arrow table made by `to_arrow` (or of the same schema); every problem
    of its columns, rows and metadata raises one `timeline.ValidationError` named ``name``.

    The timeline keeps the table (`timeline.Timeline.arrow_table`) when each row is exactly
    one of its events, so large figures can read its columns.
    """
    header, problems = _header(table.schema.metadata)
    # with no readable header, which sources the citations name cannot be told
    events, found, exact = _read(table, None if problems else header.sources)
    problems += found
    if problems:
        raise ValidationError(name, problems)
    return Timeline.from_versions(
        events, header.sources, header.eras, header.resolutions, checked=True, table=exact
    )


def write_parquet(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write a timeline as a Parquet file (atomically, as every writer: see
    `timeline.io.formats.atomic_write`)."""
    import pyarrow.parquet as pq

    from timeline.io.formats import atomic_write

    table = to_arrow(timeline)
    atomic_write(Path(path), lambda stream: pq.write_table(table, stream))


def read_parquet(path: str | os.PathLike[str]) -> Timeline:
    """Read a timeline from a Parquet file written by `write_parquet`, checked as `from_arrow`
    checks a table; a missing, unreadable or corrupt file, and every problem of its columns,
    rows and metadata, raise one `timeline.ValidationError` naming the file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from timeline.io.formats import unreadable

    try:  # one file, read as it is (not through the dataset layer, which renames nothing
        # but refuses a file with a repeated column before its problems can be reported)
        with pq.ParquetFile(path) as file:
            table = file.read()
    except OSError as error:  # pyarrow raises OSError for a missing file as well
        if isinstance(error, FileNotFoundError) or not Path(path).is_file():
            raise unreadable(Path(path), error) from None
        raise _not_parquet(path, error) from None
    except pa.ArrowException as error:
        raise _not_parquet(path, error) from None
    return from_arrow(table, name=str(path))


def _not_parquet(path: str | os.PathLike[str], error: Exception) -> ValidationError:
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    return ValidationError(
        str(path),
        [Problem("file", "(parquet)", first, "a Parquet file of the timeline schema")],
    )
