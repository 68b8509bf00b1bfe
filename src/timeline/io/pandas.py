"""Timelines as pandas DataFrames: `to_pandas` and `from_pandas` (the extra ``timeline[tables]``).

`to_pandas` gives one row per event in timeline order (by earliest bound, then latest, then id)
with these columns:

* ``id``, ``title``, ``label`` (`Event.date_label`);
* ``start``, ``end``: the dates' wording (``end`` missing for an instant), ``start_edtf``,
  ``end_edtf``: their EDTF;
* ``earliest``, ``core_earliest``, ``core_latest``, ``latest``: the event's outer and core
  bounds (see `timeline.dates`) as ``datetime64[s]`` columns, which hold any year from 1 to 9999
  (nanoseconds, pandas' old default, stop at 1677); an open bound is ``NaT``;
* ``description``, ``kind``, ``note``: text; ``status``: a categorical of the four statuses;
* ``actors``, ``places``, ``tags``, ``same_as``: lists of strings; ``citations``: lists of dicts
  ``{"source", "locator", "wording"}``.

`from_pandas` reads a DataFrame with a column mapping: each keyword names the column of a field
(``start="date"``), or ``None`` to leave it out. Columns of the other fields' own names are read
when present; a column named in the call must exist, and so must ``id``, ``title`` and
``start``. Other columns are ignored. A date cell holds date text (any form `FuzzyDate.parse`
reads, or a JSON date table as in `timeline.io.csv`), a `FuzzyDate`, a date, a datetime or a
pandas Timestamp (its day: the time of day is dropped); a list cell a list of strings or text
as in the CSV layout (``"Russia; Japan"``); a citations cell citations, dicts or source ids,
or text as in the CSV layout. A missing value (``None``, ``NaN``, ``NaT``) is an empty cell.

What ``from_pandas(to_pandas(tl), sources=tl.sources)`` keeps: everything its date wordings
say. A date whose wording alone does not give it (a custom fuzziness, ``calendar="julian"``
passed apart from the text) is read from its wording; sources' details, eras, resolutions and
the versions of a merged event are not in the frame (use Arrow or TOML for those).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any, Final

try:
    import numpy as np
    import pandas as pd
except ImportError as error:  # pandas is an optional extra
    raise ImportError(
        "timeline's DataFrame functions need pandas: pip install 'timeline[tables]'",
        name="pandas",
    ) from error

from timeline.collection import Timeline
from timeline.dates import EPOCH_ORDINAL, Date
from timeline.errors import _MISSING, ArgumentError, Problem
from timeline.io.csv import COLUMNS, REQUIRED, RowReader, write_date
from timeline.model import Source, Status

__all__ = ["from_pandas", "to_pandas"]

_NAT: Final = np.iinfo(np.int64).min


def _dates(days: Iterable[Date | None]) -> Any:
    """A ``datetime64[s]`` array of days (``NaT`` for None), through day numbers."""
    numbers = np.fromiter(
        (_NAT if d is None else d.toordinal() - EPOCH_ORDINAL for d in days), dtype=np.int64
    )
    return numbers.view("datetime64[D]").astype("datetime64[s]")


def to_pandas(timeline: Timeline) -> pd.DataFrame:
    """One row per event of the timeline, in its order (columns: see `timeline.io.pandas`).

    >>> from timeline import Event
    >>> tl = Timeline([Event(id="breda", title="Peace of Breda", start="21 July 1667 O.S."),
    ...                Event(id="malacca", title="Malacca taken", start="c. 1641")])
    >>> df = to_pandas(tl)
    >>> df[["id", "start", "earliest", "latest"]]
            id              start   earliest     latest
    0  malacca            c. 1641 1640-01-01 1642-12-31
    1    breda  21 July 1667 O.S. 1667-07-31 1667-07-31
    >>> str(df["earliest"].dtype)
    'datetime64[s]'
    """
    events = timeline.events
    last = [e.start if e.end is None else e.end for e in events]
    return pd.DataFrame(
        {
            "id": [e.id for e in events],
            "title": [e.title for e in events],
            "label": [e.date_label() for e in events],
            "start": [write_date(e.start) for e in events],
            "end": [None if e.end is None else write_date(e.end) for e in events],
            "start_edtf": [e.start.to_edtf() for e in events],
            "end_edtf": [None if e.end is None else e.end.to_edtf() for e in events],
            "earliest": _dates(e.earliest for e in events),
            "core_earliest": _dates(e.start.core_earliest for e in events),
            "core_latest": _dates(d.core_latest for d in last),
            "latest": _dates(e.latest for e in events),
            "description": [e.description for e in events],
            "kind": [e.kind for e in events],
            "actors": [list(e.actors) for e in events],
            "places": [list(e.places) for e in events],
            "tags": [list(e.tags) for e in events],
            "status": pd.Categorical(
                [e.status.value for e in events], categories=[s.value for s in Status]
            ),
            "citations": [
                [
                    {"source": c.source, "locator": c.locator, "wording": c.wording}
                    for c in e.citations
                ]
                for e in events
            ],
            "note": [e.note for e in events],
            "same_as": [list(e.same_as) for e in events],
        }
    )


def _cell(value: object) -> object:
    """A DataFrame value as the row reader takes it: missing values None, days as dates."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    if isinstance(value, _dt.datetime):  # pandas' Timestamp too: its day
        return value.date()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.str_):
        return str(value)
    return value


def from_pandas(
    df: pd.DataFrame,
    *,
    id: str | None = "id",
    title: str | None = "title",
    start: str | None = "start",
    end: str | None = "end",
    description: str | None = "description",
    kind: str | None = "kind",
    actors: str | None = "actors",
    places: str | None = "places",
    tags: str | None = "tags",
    status: str | None = "status",
    citations: str | None = "citations",
    note: str | None = "note",
    same_as: str | None = "same_as",
    sources: Iterable[Source] = (),
    name: str = "DataFrame",
) -> Timeline:
    """A timeline of the rows of a DataFrame, read through a column mapping (see
    `timeline.io.pandas`); ``sources`` are the sources the rows cite (a cited id not among
    them becomes a source known by its id); ``name`` appears in error messages.

    Raises `ValidationError` listing every problem of every row at once: the row (its index
    label), the column, the bad value and what was expected.

    >>> df = pd.DataFrame({"key": ["dejima", "breda"], "what": ["Dejima", "Peace of Breda"],
    ...                    "when": ["c. 1641", pd.Timestamp("1667-07-31")]})
    >>> tl = from_pandas(df, id="key", title="what", start="when")
    >>> [(e.id, e.date_label()) for e in tl]
    [('dejima', 'c. 1641'), ('breda', '31 July 1667')]
    """
    mapping = {
        "id": id,
        "title": title,
        "start": start,
        "end": end,
        "description": description,
        "kind": kind,
        "actors": actors,
        "places": places,
        "tags": tags,
        "status": status,
        "citations": citations,
        "note": note,
        "same_as": same_as,
    }
    if not isinstance(df, pd.DataFrame):
        raise ArgumentError("Timeline.from_pandas", "df", df, "a pandas DataFrame")
    present = set(df.columns)
    reader = RowReader({f: mapping[f] or f for f in COLUMNS}, sources)
    used: dict[str, str] = {}
    for field, column in mapping.items():
        if column is None:
            if field in REQUIRED:
                expected = f"a column for the field {field!r} (it is required)"
                reader.problems.append(Problem("arguments", field, None, expected))
            continue
        if column in present:
            used[field] = column
        elif field in REQUIRED or column != field:
            expected = f"a column of the DataFrame ({', '.join(map(str, df.columns))})"
            reader.problems.append(Problem("columns", column, _MISSING, expected))
    if reader.problems:
        return reader.timeline(name)  # raises
    fields = list(used)
    values = [[_cell(v) for v in df[used[f]].tolist()] for f in fields]
    for label, row in zip(df.index, zip(*values, strict=True), strict=True):
        reader.read(dict(zip(fields, row, strict=True)), f"row {label!r}")
    return reader.timeline(name)
