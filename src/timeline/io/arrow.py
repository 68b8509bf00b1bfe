"""The columnar form: a timeline as an Apache Arrow table, and Parquet files.

One row per event version (for a timeline that was never merged, one row per event). The
outer bounds of the whole event are the date columns ``earliest`` and ``latest``; each of the
``start`` and ``end`` dates is a group of typed columns (``start_earliest``, ``start_latest``,
``start_core_earliest``, ``start_core_latest`` as dates, each side's precision and qualifier
``start_first_precision``, ``start_last_precision``, ``start_first_qualifier``,
``start_last_qualifier`` as the integers of `Precision` and `Qualifier`, ``start_text``,
``start_edtf``, ``start_calendar``, ``start_reference``), tuples are
list columns and citations a list of structs. Sources and eras travel in the schema's metadata
(as the TOML of an event-less timeline). Reading gives back exactly the same timeline.

Needs the optional extra ``timeline[scale]`` (pyarrow).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from timeline.collection import Timeline
from timeline.dates import Calendar, FuzzyDate, Precision, Qualifier
from timeline.errors import Problem, ValidationError
from timeline.model import Citation, Event, Status
from timeline.parsing.fuzziness import fuzziness_from_json, fuzziness_to_json

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "SCHEMA_VERSION",
    "events_table",
    "from_arrow",
    "read_parquet",
    "to_arrow",
    "write_parquet",
]

SCHEMA_VERSION: Final = "2"
"""2: each side's precision and qualifier (1 had one precision and two qualifier flags)."""
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


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the columnar form needs pyarrow: pip install 'timeline[scale]'"
        ) from None
    return pyarrow


def schema() -> pa.Schema:
    """The Arrow schema of an events table."""
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
    """An Arrow table of these events, one row each."""
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


def _metadata(timeline: Timeline) -> dict[bytes, bytes]:
    from timeline.io.toml import dumps

    header = Timeline([], timeline.sources, timeline.eras, timeline.resolutions)
    return {
        b"timeline.schema": SCHEMA_VERSION.encode(),
        b"timeline.sources_and_eras": dumps(header).encode("utf-8"),
    }


def to_arrow(timeline: Timeline) -> pa.Table:
    """The timeline as an Arrow table: one row per event version, sources in the metadata.

    ``from_arrow(to_arrow(tl)) == tl`` for every timeline.
    """
    return events_table(timeline.versions, _metadata(timeline))


class _References:
    """Reference dates by text, parsed once each."""

    def __init__(self) -> None:
        self.cache: dict[str, FuzzyDate] = {}

    def get(self, text: str | None) -> FuzzyDate | None:
        if text is None:
            return None
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = FuzzyDate.parse(text)
        return found


_PRECISIONS: Final = {int(p): p for p in Precision}
_QUALIFIERS: Final = {int(q): Qualifier(q) for q in range(4)}


def _dates(columns: dict[str, list[Any]], prefix: str, refs: _References) -> list[FuzzyDate | None]:
    parts = [columns[f"{prefix}_{part}"] for part in _DATE_PARTS]
    calendars = {c.value: c for c in Calendar}
    dates: list[FuzzyDate | None] = []
    # the outer bounds and the EDTF are derived: the date computes them again
    for _, _, clo, chi, first, last, first_q, last_q, text, _, cal, ref, fuzz, start in zip(
        *parts, strict=True
    ):
        if text is None:
            dates.append(None)
            continue
        dates.append(
            FuzzyDate(
                core_earliest=clo,
                core_latest=chi,
                first_precision=_PRECISIONS[first],
                last_precision=_PRECISIONS[last],
                first_qualifier=_QUALIFIERS[first_q],
                last_qualifier=_QUALIFIERS[last_q],
                text=text,
                calendar=calendars[cal],
                reference=refs.get(ref),
                fuzziness=fuzziness_from_json(fuzz),
                year_start=start,
            )
        )
    return dates


_T = TypeVar("_T")


def _trusted(cls: type[_T], **values: Any) -> _T:
    """An attrs value built from fields already checked, without running its converters and
    validators again (the columnar merge's hot path)."""
    value: _T = object.__new__(cls)
    for name, field in values.items():
        object.__setattr__(value, name, field)
    return value


def table_events(table: pa.Table, *, trusted: bool = False) -> list[Event]:
    """The events of an Arrow table (in row order), without sources.

    Every value is checked as the model checks it, unless ``trusted``: the columnar merge
    reads rows it has already taken through the schema, as it does for the groups it merges
    on columns.
    """
    columns = table.to_pydict()
    refs = _References()
    starts = _dates(columns, "start", refs)
    ends = _dates(columns, "end", refs)
    statuses = {s.value: s for s in Status}
    make: Any = functools.partial(_trusted, Event) if trusted else Event
    cite: Any = functools.partial(_trusted, Citation) if trusted else Citation
    events = []
    for i, ident in enumerate(columns["id"]):
        start = starts[i]
        if start is None:
            raise ValidationError("arrow table", [Problem(f"row {i}", "start", None, "a date")])
        events.append(
            make(
                id=ident,
                title=columns["title"][i],
                start=start,
                end=ends[i],
                description=columns["description"][i],
                kind=columns["kind"][i],
                actors=tuple(columns["actors"][i]),
                places=tuple(columns["places"][i]),
                tags=tuple(columns["tags"][i]),
                status=statuses[columns["status"][i]],
                citations=tuple(cite(**c) for c in columns["citations"][i]),
                note=columns["note"][i],
                same_as=tuple(columns["same_as"][i]),
            )
        )
    return events


def from_arrow(table: pa.Table) -> Timeline:
    """The timeline of an Arrow table made by `to_arrow` (or of the same schema)."""
    from timeline.io.toml import loads

    metadata = table.schema.metadata or {}
    header_text = metadata.get(b"timeline.sources_and_eras", b"").decode("utf-8")
    header = loads(header_text, name="arrow metadata") if header_text else Timeline()
    pa = _pyarrow()
    # files from before fuzziness and the Old Style year start were kept
    for name in ("start_fuzziness", "end_fuzziness", "start_year_start", "end_year_start"):
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
    if (
        "start_first_precision" not in table.column_names
        and "start_precision" in table.column_names
    ):
        table = _sides_from_version_1(table)
    missing = [f.name for f in schema() if f.name not in table.column_names]
    if missing:
        problems = [
            Problem("table", name, None, "a column of the timeline schema") for name in missing
        ]
        raise ValidationError("arrow table", problems)
    timeline = Timeline.from_versions(
        table_events(table), header.sources, header.eras, header.resolutions
    )
    if len(timeline) == table.num_rows and not timeline.resolutions:
        # one event per row, as the row says it: large figures read the columns instead
        object.__setattr__(timeline, "_columns", table)
    return timeline


_MARK_CODES: Final = {"~": 1, "?": 2, "%": 3}


def _sides_from_version_1(table: pa.Table) -> pa.Table:
    """A schema 1 table with each side's precision and qualifier (schema 2): version 1 kept
    one precision for both sides, two qualifier flags, and each side's own qualifier only as
    the mark of that side of an EDTF interval."""
    pa = _pyarrow()
    for prefix in ("start", "end"):
        columns = table.select(
            [f"{prefix}_{name}" for name in ("precision", "approximate", "uncertain", "edtf")]
        ).to_pydict()
        firsts: list[int | None] = []
        lasts: list[int | None] = []
        for approximate, uncertain, edtf in zip(*list(columns.values())[1:], strict=True):
            if edtf is None:
                firsts.append(None)
                lasts.append(None)
            elif "/" in edtf:
                lo, hi = edtf.split("/", 1)
                firsts.append(_MARK_CODES.get(lo[-1:], 0))
                lasts.append(_MARK_CODES.get(hi[-1:], 0))
            else:
                firsts.append(int(approximate) | 2 * int(uncertain))
                lasts.append(firsts[-1])
        precision = table[f"{prefix}_precision"]
        for name, values in (
            ("first_precision", precision),
            ("last_precision", precision),
            ("first_qualifier", pa.array(firsts, pa.int8())),
            ("last_qualifier", pa.array(lasts, pa.int8())),
        ):
            table = table.append_column(f"{prefix}_{name}", values)
    return table


def write_parquet(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write a timeline as a Parquet file (atomically, as every writer: see
    `timeline.io.formats.atomic_write`)."""
    import pyarrow.parquet as pq

    from timeline.io.formats import atomic_write

    table = to_arrow(timeline)
    atomic_write(Path(path), lambda stream: pq.write_table(table, stream))


def read_parquet(path: str | os.PathLike[str]) -> Timeline:
    """Read a timeline from a Parquet file written by `write_parquet`; a missing, unreadable
    or corrupt file raises `timeline.ValidationError` naming it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from timeline.io.formats import unreadable

    try:
        table = pq.read_table(path)
    except OSError as error:  # pyarrow raises OSError for a missing file as well
        if isinstance(error, FileNotFoundError) or not Path(path).is_file():
            raise unreadable(Path(path), error) from None
        raise _not_parquet(path, error) from None
    except pa.ArrowException as error:
        raise _not_parquet(path, error) from None
    return from_arrow(table)


def _not_parquet(path: str | os.PathLike[str], error: Exception) -> ValidationError:
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    return ValidationError(
        str(path),
        [Problem("file", "(parquet)", first, "a Parquet file of the timeline schema")],
    )
