"""The formats a timeline is read from and written to, and the one way in and out: `load` and
`dump` (and the command line) choose the format by a file's suffix, or by ``format=``.

One table (`FORMATS`) says which format is which, what suffixes it claims and what reads and
writes it, so nothing is guessed:

* a suffix no format claims, or a ``format=`` no format has, is refused with an
  `UnsupportedFormatError` naming the file and the formats that are supported (a ``.json``
  is never silently written as TOML);
* where several formats share a suffix (``.json``: TimelineJS, Wikidata entities, Wikidata
  SPARQL results; ``.csv``: this library's layout, EDTF records and TimelineJS's
  spreadsheet), a file is read as the one format whose shape it has (its top-level JSON
  keys, its CSV header), and a file that has none of their shapes is refused naming the
  formats tried; a suffix is written as the one format it names by default (``.csv``: this
  library's layout, ``.json``: TimelineJS), any other only when ``format=`` names it;
* a file that is not what its suffix says (a CSV saved as ``.toml``) raises a
  `ValidationError` naming the file, the format tried and the formats supported.

Every writer writes atomically (`atomic_write`: a temporary file in the same folder, flushed to
disk, then one rename) through a symbolic link to the file it names, gives a new file the
permissions ``0o666`` less the umask and keeps those of a file it replaces; a file that cannot
be written raises `FileWriteError` naming it, and leaves nothing behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from timeline.errors import (
    ArgumentError,
    FileWriteError,
    LossyExportWarning,
    LossyFormatError,
    MergeConflictError,
    Problem,
    UnsupportedFormatError,
    ValidationError,
)

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = [
    "FORMATS",
    "Format",
    "atomic_write",
    "dump",
    "events_only_losses",
    "format_of",
    "load",
    "parse_json",
    "read_file",
    "refuse_losses",
    "warn_losses",
    "write_file",
]

Reader: TypeAlias = "Callable[[Path], Timeline]"
DataReader: TypeAlias = "Callable[[Any, str], Timeline]"
Writer: TypeAlias = "Callable[[Timeline, Path], None]"


@attrs.frozen
class Format:
    """A file format: its name (for ``format=``), what it is, its suffixes, and what reads and
    writes it (None: not supported).

    A format sharing its suffix with others says which files are its own with ``claims``: given
    the parsed JSON (``.json``) or the header row (``.csv``), whether the file has its shape.
    A JSON format reads the parsed JSON with ``read_data(data, file_name)``. A format with
    ``by_suffix`` False is written only when ``format=`` names it.
    """

    name: str
    description: str
    suffixes: tuple[str, ...]
    read: Reader | None = None
    write: Writer | None = None
    read_data: DataReader | None = None
    claims: Callable[[Any], bool] | None = None
    by_suffix: bool = True

    @property
    def readable(self) -> bool:
        """Whether this library reads the format."""
        return self.read is not None or self.read_data is not None

    def __str__(self) -> str:
        return f"{self.name} ({', '.join(self.suffixes)})"


def _read_toml(path: Path) -> Timeline:
    from timeline.io.toml import loads

    return loads(read_text(path), name=str(path))


def _write_text(text: str, path: Path) -> None:
    atomic_write(path, lambda stream: stream.write(text.encode("utf-8")))


def _write_toml(timeline: Timeline, path: Path) -> None:
    from timeline.io.toml import dumps

    _write_text(dumps(timeline), path)


def _read_parquet(path: Path) -> Timeline:
    from timeline.io.arrow import read_parquet

    return read_parquet(path)


def _write_parquet(timeline: Timeline, path: Path) -> None:
    from timeline.io.arrow import write_parquet

    write_parquet(timeline, path)


def _read_csv(path: Path) -> Timeline:
    from timeline.io.csv import loads_csv

    return loads_csv(read_text(path), name=str(path))


def refuse_losses(timeline: Timeline, path: str | os.PathLike[str], name: str, dumps: str) -> None:
    """Refuse (`LossyFormatError`) to write a timeline to a one-row-per-event data format
    ``name`` that cannot hold all of it (`events_only_losses`), saying what would be lost and
    how to keep it: another format, or ``dumps`` (the text function) for the events alone."""
    lost = events_only_losses(timeline)
    if lost:  # nothing is lost silently
        advice = f"write .toml or .parquet to keep them, or {dumps} to write the events alone"
        raise LossyFormatError(str(path), name, lost, advice)


def _write_csv(timeline: Timeline, path: Path) -> None:
    from timeline.io.csv import dumps_csv

    refuse_losses(timeline, path, "CSV", "timeline.io.csv.dumps_csv")
    _write_text(dumps_csv(timeline), path)


def events_only_losses(timeline: Timeline) -> list[str]:
    """What a file of one record per event (CSV, TimelineJS, ...) would not hold of this
    timeline: the versions of merged events, the details of sources, eras, resolutions."""
    from timeline.model import Source

    lost = []
    merged = sum(len(timeline.versions_of(e)) > 1 for e in timeline.events)
    if merged:
        lost.append(f"the versions of {merged} merged event{'s' * (merged != 1)}")
    detailed = [s.id for s in timeline.sources if s != Source(id=s.id, title=s.id)]
    if detailed:
        lost.append(f"the details of {len(detailed)} source{'s' * (len(detailed) != 1)}")
    if timeline.eras:
        lost.append(f"{len(timeline.eras)} era{'s' * (len(timeline.eras) != 1)}")
    if timeline.resolutions:
        lost.append(
            f"{len(timeline.resolutions)} resolution{'s' * (len(timeline.resolutions) != 1)}"
        )
    return lost


def _read_timelinejs(data: Any, name: str) -> Timeline:
    from timeline.io.timelinejs import from_timelinejs

    return from_timelinejs(data, name=name)


def warn_losses(
    timeline: Timeline,
    path: Path,
    name: str,
    holds: str = "",
    fields: tuple[str, ...] = (),
    fuzziness: bool = False,
) -> None:
    """Warn (`LossyExportWarning`) of what an export to a display format leaves out: what no
    one-record-per-event file holds (`events_only_losses`, but ``holds``), the event
    ``fields`` the format has no place for, and (``fuzziness``) dates' custom fuzziness."""
    lost = [item for item in events_only_losses(timeline) if not holds or holds not in item]
    sides = (d for e in timeline.events for d in (e.start, e.end)) if fuzziness else ()
    custom = sum(d is not None and d.fuzziness is not None for d in sides)
    if custom:
        lost.append(f"the custom fuzziness of {custom} date{'s' * (custom != 1)}")
    for field in fields:
        count = sum(1 for event in timeline.events if getattr(event, field))
        if count:
            lost.append(f"the {field} of {count} event{'s' * (count != 1)}")
    if lost:
        warnings.warn(
            LossyExportWarning(f"{path}: {name} leaves out {', '.join(lost)}"), stacklevel=4
        )


def _write_timelinejs(timeline: Timeline, path: Path) -> None:
    from timeline.io.timelinejs import to_timelinejs

    warn_losses(timeline, path, "TimelineJS", holds="era", fuzziness=True)
    _write_text(json.dumps(to_timelinejs(timeline), ensure_ascii=False, indent=1), path)


def _read_timelinejs_sheet(path: Path) -> Timeline:
    from timeline.io.timelinejs import loads_timelinejs_csv

    return loads_timelinejs_csv(read_text(path), name=str(path))


def _write_timelinejs_sheet(timeline: Timeline, path: Path) -> None:
    from timeline.io.timelinejs import to_timelinejs_csv

    warn_losses(timeline, path, "TimelineJS's sheet", holds="era", fuzziness=True)
    _write_text(to_timelinejs_csv(timeline), path)


def _read_wikidata(data: Any, name: str) -> Timeline:
    from timeline.io.wikidata import from_wikidata_entities

    return from_wikidata_entities(data, name=name)


def _read_wikidata_sparql(data: Any, name: str) -> Timeline:
    from timeline.io.wikidata import from_wikidata_sparql

    return from_wikidata_sparql(data, name=name)


def _read_edtf_records(path: Path) -> Timeline:
    from timeline.io.edtf_records import read_edtf_records

    return read_edtf_records(path)


def _write_edtf_records(timeline: Timeline, path: Path) -> None:
    from timeline.io.edtf_records import write_edtf_records

    write_edtf_records(timeline, path)


def _read_linked_art(path: Path) -> Timeline:
    from timeline.io.linkedart import read_linked_art

    return read_linked_art(path)


def _write_linked_art(timeline: Timeline, path: Path) -> None:
    from timeline.io.linkedart import write_linked_art

    warn_losses(timeline, path, "Linked Art", fields=("kind", "tags", "same_as"))
    write_linked_art(timeline, path)


def _write_vis(timeline: Timeline, path: Path) -> None:
    from timeline.io.vis import write_vis

    warn_losses(timeline, path, "vis-timeline")
    write_vis(timeline, path)


def _has(*keys: str) -> Callable[[Any], bool]:
    return lambda data: isinstance(data, Mapping) and all(k in data for k in keys)


def _header_has(*columns: str) -> Callable[[Any], bool]:
    return lambda header: all(c in header for c in columns)


_sheet = _header_has("Year", "Headline")
_edtf_records = _header_has("start_original", "end_original")

FORMATS: Final[tuple[Format, ...]] = (
    Format("toml", "this library's data format", (".toml",), _read_toml, _write_toml),
    Format("parquet", "the columnar form; needs timeline[scale]", (".parquet",),
           _read_parquet, _write_parquet),
    Format("csv", "one row per event; see README, 'Tables'", (".csv",), _read_csv, _write_csv,
           claims=lambda header: not _sheet(header) and not _edtf_records(header)),
    Format("edtf-csv", "EDTF records: the CSV layout with EDTF dates", (".csv",),
           _read_edtf_records, _write_edtf_records, claims=_edtf_records, by_suffix=False),
    Format("timelinejs-sheet", "TimelineJS's spreadsheet template as CSV", (".csv",),
           _read_timelinejs_sheet, _write_timelinejs_sheet,
           claims=_sheet, by_suffix=False),
    Format("timelinejs", "TimelineJS3 JSON", (".json",), None, _write_timelinejs,
           _read_timelinejs, _has("events")),
    Format("vis", "vis-timeline items and groups JSON", (".json",), write=_write_vis,
           by_suffix=False),
    Format("linkedart", "Linked Art (CIDOC-CRM) JSON-LD events with time spans", (".jsonld",),
           _read_linked_art, _write_linked_art),
    Format("wikidata", "Wikidata entity JSON (Special:EntityData, wbgetentities)", (".json",),
           read_data=_read_wikidata, claims=_has("entities")),
    Format("wikidata-sparql", "Wikidata Query Service SPARQL JSON results", (".json",),
           read_data=_read_wikidata_sparql, claims=_has("head", "results")),
)  # fmt: skip
"""Every supported format."""


def _names(formats: tuple[Format, ...] | list[Format]) -> list[str]:
    return [str(f) for f in formats]


def _able(writing: bool) -> list[Format]:
    return [f for f in FORMATS if (f.write is not None if writing else f.readable)]


def format_of(
    path: str | os.PathLike[str], *, writing: bool = False, format: str | None = None
) -> Format:
    """The format of a path: the one ``format`` names, else the one its suffix names; an
    `UnsupportedFormatError` if there is none, or (for writing) if several formats share the
    suffix. For reading a shared suffix, `read_file` chooses by the file's content.

    >>> format_of("data/events.toml").name
    'toml'
    >>> format_of("events.xlsx", writing=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    timeline.errors.UnsupportedFormatError: events.xlsx: cannot write '.xlsx' files; \
supported: toml (.toml), parquet (.parquet), csv (.csv), ...
    """
    action = "write" if writing else "read"
    able = _able(writing)
    suffix = Path(path).suffix.lower()
    if format is not None:
        format = format.lower()
        for candidate in able:
            if candidate.name == format:
                if writing and suffix not in candidate.suffixes:  # never JSON in a .csv
                    raise UnsupportedFormatError(
                        str(path),
                        f"cannot write {candidate} into a {suffix or 'suffix-less'!r} file",
                        _names(able),
                    )
                return candidate
        raise UnsupportedFormatError(
            str(path), f"cannot {action} the format {format!r}", _names(able)
        )
    candidates = [f for f in able if suffix in f.suffixes and (f.by_suffix or not writing)]
    if not candidates:
        what = f"{suffix!r} files" if suffix else "files without a suffix"
        raise UnsupportedFormatError(str(path), f"cannot {action} {what}", _names(able))
    if len(candidates) > 1 and writing:
        raise UnsupportedFormatError(
            str(path),
            f"several formats write {suffix!r} files; say which with format= "
            f"(--format on the command line): {', '.join(f.name for f in candidates)}",
            _names(able),
        )
    return candidates[0]


def read_file(path: str | os.PathLike[str], *, format: str | None = None) -> Timeline:
    """Read a timeline from a file in the format ``format`` names, or its suffix names (a
    suffix several formats share: the one whose shape the file has)."""
    chosen = format_of(path, format=format)
    target = Path(path)
    shared = [f for f in FORMATS if f.readable and set(f.suffixes) & set(chosen.suffixes)]
    tried = (
        chosen.name
        if format is not None or len(shared) == 1
        else " or ".join(f.name for f in shared)
    )
    try:
        if chosen.read_data is not None:  # JSON: parsed once, then recognised by its keys
            data = _read_json(target)
            if format is None:
                chosen = _recognise(target, data, [f for f in FORMATS if f.read_data is not None])
            assert chosen.read_data is not None
            return chosen.read_data(data, str(target))
        if format is None and len(shared) > 1:
            chosen = _recognise(target, _csv_header(target), shared)
        assert chosen.read is not None
        return chosen.read(target)
    except ValidationError as error:
        raise _not_this_format(error, tried, format) from None


_WHOLE_FILE: Final = frozenset({"(syntax)", "(parquet)", "(encoding)", "(header)"})


def _not_this_format(error: ValidationError, tried: str, asked: str | None) -> ValidationError:
    """A file that is not of the format tried at all (it does not parse, or has none of the
    format's header) says which format that was, why it was tried, and what else is read;
    problems within a file of the right format are kept as they are."""
    if not error.problems or any(
        p.where != "file" or p.field not in _WHOLE_FILE for p in error.problems
    ):
        return error
    why = "as asked (format=, --format)" if asked else "as its suffix says"
    also = ", ".join(str(f) for f in _able(False))
    problems = [
        attrs.evolve(p, expected=f"{p.expected}: read as {tried}, {why} (formats read: {also})")
        for p in error.problems
    ]
    return ValidationError(error.source, problems)


def _recognise(path: Path, shape: Any, candidates: list[Format]) -> Format:
    suffix = path.suffix.lower()
    tried = [f for f in candidates if suffix in f.suffixes]
    claimed = [f for f in tried if f.claims is not None and f.claims(shape)]
    if len(claimed) == 1:
        return claimed[0]
    names = " or ".join(f.name for f in tried)
    problem = (
        f"has the shape of {' and '.join(f.name for f in claimed)} alike; say which with format="
        if claimed
        else f"is not a file of {names} (tried each; none has its shape)"
    )
    raise UnsupportedFormatError(str(path), problem, _names(_able(False)))


def _read_json(path: Path) -> Any:
    return parse_json(read_text(path), str(path))


def parse_json(text: str, name: str) -> Any:
    """JSON text parsed (by Python's json: nothing in it runs), or a `ValidationError` naming
    ``name`` (the file) and where the text stops being JSON."""
    try:
        return json.loads(text.removeprefix("\ufeff"))  # the byte-order mark some editors write
    except (json.JSONDecodeError, RecursionError) as error:
        where = str(error)[:200] or "nested too deeply"
        raise ValidationError(name, [Problem("file", "(syntax)", where, "valid JSON")]) from None


def _csv_header(path: Path) -> list[str]:
    text = read_text(path).removeprefix("\ufeff")
    try:
        return next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error:
        return []


def write_file(
    timeline: Timeline, path: str | os.PathLike[str], *, format: str | None = None
) -> None:
    """Write a timeline to a file in the format ``format`` names, or its suffix names
    (atomically; see `atomic_write`)."""
    writer = format_of(path, writing=True, format=format).write
    assert writer is not None
    writer(timeline, Path(path))


def load(
    *paths: str | os.PathLike[str], strict: bool = False, format: str | None = None
) -> Timeline:
    """Read a timeline from one file, or several merged into one (see `timeline.merging`).

    Each file is read in the format its suffix names (`FORMATS`), or the one ``format`` names:
    ``.toml`` (this library's format), ``.parquet`` (the columnar form), ``.csv`` (one row
    per event, or TimelineJS's spreadsheet), ``.json`` (TimelineJS, ...); any other suffix
    raises `timeline.UnsupportedFormatError`.

    Errors name the file; a file with problems raises before any merge. As in `merge`,
    conflicts are recorded in ``.conflicts``; ``strict=True`` raises `MergeConflictError`
    listing every one instead (the conflicts between the files, and those among the versions
    a file holds).
    """
    from timeline.merging import undecided

    if not paths:
        raise ArgumentError("timeline.load", "paths", (), "at least one path")
    first, *rest = [read_file(p, format=format) for p in paths]
    timeline = first.merge(*rest) if rest else first
    if strict and undecided(timeline.conflicts):
        raise MergeConflictError(undecided(timeline.conflicts))
    return timeline


def dump(timeline: Timeline, path: str | os.PathLike[str], *, format: str | None = None) -> None:
    """Write a timeline to a file in the format its suffix names (`FORMATS`), or the one
    ``format`` names; a suffix no format writes raises `timeline.UnsupportedFormatError`
    rather than writing TOML under another name, and a format that cannot hold the whole
    timeline raises `timeline.LossyFormatError` saying what would be lost.

    The file is written atomically (a crash mid-write leaves the old file whole) with the
    permissions a new file gets (0o666 less the umask), or those of the file it replaces.
    """
    write_file(timeline, path, format=format)


def read_text(path: Path) -> str:
    """A file's UTF-8 text, or a `ValidationError` naming the file and what went wrong."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise unreadable(path, error) from None
    except UnicodeDecodeError as error:
        raise ValidationError(
            str(path), [Problem("file", "(encoding)", str(error), "UTF-8 text")]
        ) from None


def unreadable(path: Path, error: OSError) -> ValidationError:
    """The error for a file that cannot be opened (missing, a folder, not permitted)."""
    if isinstance(error, FileNotFoundError) or not path.exists():
        reason = "there is no such file"
    elif path.is_dir():
        reason = "it is a folder"
    else:
        reason = error.strerror or str(error)
    return ValidationError(
        str(path), [Problem("file", "(file)", str(path), f"a readable file ({reason})")]
    )


def atomic_write(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a file through ``write(binary_stream)`` atomically: a temporary file in the same
    folder, flushed to disk, then one rename; a crash mid-write leaves the old file whole, and
    a failed write leaves no temporary file. A symbolic link is written through (the file it
    points to is replaced, the link kept). The file gets the permissions of the file it
    replaces, or of a new file (0o666 less the umask). A target that cannot be written raises
    `FileWriteError` naming it."""
    real = Path(os.path.realpath(target))
    if real.is_dir():
        raise FileWriteError(str(target), "it is a folder")
    folder = real.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{real.name}.", dir=folder)
    except OSError as error:
        reason = "its folder does not exist" if not folder.exists() else error.strerror
        raise FileWriteError(str(target), reason or str(error)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(real))
        os.replace(temporary, real)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError) and not isinstance(error, FileWriteError):
            raise FileWriteError(str(target), error.strerror or str(error)) from error
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask: read from /proc where Linux gives it (setting it to read it, the
    only other way, is not safe while other threads create files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    umask = os.umask(0)
    os.umask(umask)
    return umask
