"""The formats a timeline is read from and written to, chosen by a file's suffix.

One table (`FORMATS`) says which suffix is which format and what reads and writes it, so
`timeline.load` and `timeline.dump` never guess: a suffix no format claims is refused with an
`UnsupportedFormatError` naming the file and the suffixes that are supported (a ``.json``
passed to `dump` is not silently written as TOML). Every writer writes atomically (a
temporary file in the same folder, flushed to disk, then one rename) and gives the file the
permissions a new file gets (``0o666`` less the umask), or keeps those of the file it
replaces.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final, TypeAlias

import attrs

from timeline.errors import LossyFormatError, Problem, UnsupportedFormatError, ValidationError

if TYPE_CHECKING:
    from timeline.collection import Timeline

__all__ = ["FORMATS", "Format", "atomic_write", "format_of", "read_file", "write_file"]

Reader: TypeAlias = "Callable[[Path], Timeline]"
Writer: TypeAlias = "Callable[[Timeline, Path], None]"


@attrs.frozen
class Format:
    """A file format: its name, suffixes, and what reads and writes it (None: not supported)."""

    name: str
    suffixes: tuple[str, ...]
    read: Reader | None
    write: Writer | None


def _read_toml(path: Path) -> Timeline:
    from timeline.io.toml import loads

    return loads(read_text(path), name=str(path))


def _write_toml(timeline: Timeline, path: Path) -> None:
    from timeline.io.toml import dumps

    text = dumps(timeline)
    atomic_write(path, lambda stream: stream.write(text.encode("utf-8")))


def _read_parquet(path: Path) -> Timeline:
    from timeline.io.arrow import read_parquet

    return read_parquet(path)


def _write_parquet(timeline: Timeline, path: Path) -> None:
    from timeline.io.arrow import write_parquet

    write_parquet(timeline, path)


def _read_csv(path: Path) -> Timeline:
    from timeline.io.csv import loads_csv

    return loads_csv(read_text(path), name=str(path))


def _write_csv(timeline: Timeline, path: Path) -> None:
    from timeline.io.csv import dumps_csv

    lost = csv_losses(timeline)
    if lost:  # nothing is lost silently: say what, and how to keep it
        advice = (
            "write .toml or .parquet to keep them, or timeline.io.csv.dumps_csv to write "
            "the events alone"
        )
        raise LossyFormatError(str(path), "CSV", lost, advice)
    text = dumps_csv(timeline)
    atomic_write(path, lambda stream: stream.write(text.encode("utf-8")))


def csv_losses(timeline: Timeline) -> list[str]:
    """What a CSV file of this timeline would not hold (its layout is one row per event)."""
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


FORMATS: Final[tuple[Format, ...]] = (
    Format("TOML (this library's data format)", (".toml",), _read_toml, _write_toml),
    Format("Parquet (the columnar form; needs timeline[scale])", (".parquet",), _read_parquet,
           _write_parquet),
    Format("CSV (one row per event; see README, 'Tables')", (".csv",), _read_csv, _write_csv),
)  # fmt: skip
"""Every supported format, by suffix."""


def format_of(path: str | os.PathLike[str], *, writing: bool = False) -> Format:
    """The format a path's suffix names, or an `UnsupportedFormatError`.

    >>> format_of("data/events.toml").suffixes
    ('.toml',)
    >>> format_of("events.json", writing=True)
    Traceback (most recent call last):
    ...
    timeline.errors.UnsupportedFormatError: events.json: cannot write '.json' files; expected \
a path ending in .toml or .parquet or .csv
    """
    suffix = Path(path).suffix.lower()
    for candidate in FORMATS:
        if suffix in candidate.suffixes and (candidate.write if writing else candidate.read):
            return candidate
    able = [s for f in FORMATS if (f.write if writing else f.read) for s in f.suffixes]
    raise UnsupportedFormatError(str(path), suffix, "write" if writing else "read", tuple(able))


def read_file(path: str | os.PathLike[str]) -> Timeline:
    """Read a timeline from a file in the format its suffix names."""
    reader = format_of(path).read
    assert reader is not None
    return reader(Path(path))


def write_file(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write a timeline to a file in the format its suffix names (atomically)."""
    writer = format_of(path, writing=True).write
    assert writer is not None
    writer(timeline, Path(path))


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
    folder, flushed to disk, then one rename; a crash mid-write leaves the old file whole. The
    file gets the permissions of the file it replaces, or of a new file (0o666 less the
    umask)."""
    folder = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
