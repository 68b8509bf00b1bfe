"""EDTF records: a whole timeline as CSV rows whose date cells are EDTF, and back.

The layout is the CSV layout of `timeline.io.csv` read and written with ``dates="edtf"``:
``start`` and ``end`` hold EDTF (levels 0 and 1, read as strict EDTF), and two more columns,
``start_original`` and ``end_original``, hold the date as this library holds it whenever its
EDTF alone would not read back as exactly that date. See `timeline.io.csv` for the columns and
for what EDTF alone cannot say (the wording, a Julian month or year, a fuzziness other than
the default, a relative date's reference, an Old Style year start). `edtf_losses` lists, for a
timeline, what a reader of the EDTF columns alone would not get.

`write_edtf_records` refuses, like the CSV writer, a timeline that a CSV file cannot hold
(merged versions, sources' details, eras, resolutions), naming what would be lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from timeline.collection import Timeline
from timeline.dates import Calendar, FuzzyDate
from timeline.errors import DateParseError
from timeline.io.csv import dumps_csv, loads_csv
from timeline.model import Source

__all__ = [
    "dumps_edtf_records",
    "edtf_losses",
    "loads_edtf_records",
    "read_edtf_records",
    "write_edtf_records",
]


def dumps_edtf_records(timeline: Timeline) -> str:
    """The timeline as EDTF records (CSV text); `loads_edtf_records` reads it back whole.

    >>> from timeline import Event
    >>> text = dumps_edtf_records(Timeline([Event(id="a", title="A", start="c. 1641")]))
    >>> text.splitlines()[1]
    'a,A,1641~,,,,,,,reported,,,,c. 1641,'
    """
    return dumps_csv(timeline, dates="edtf")


def loads_edtf_records(
    text: str, *, name: str = "<string>", sources: Iterable[Source] = ()
) -> Timeline:
    """A timeline from EDTF records (CSV text): every problem of every row reported at once,
    as `timeline.io.csv.loads_csv` does."""
    return loads_csv(text, name=name, sources=sources, dates="edtf")


def _date_losses(date: FuzzyDate) -> list[str]:
    """What the EDTF of one date does not say of it."""
    edtf = date.to_edtf()
    try:
        back = FuzzyDate.parse(edtf, form="edtf")
    except DateParseError:  # cannot happen for our own EDTF; say so rather than guess
        return ["the date itself"]
    lost = []
    if date.text != edtf:
        lost.append("wording")
    if date.calendar is Calendar.JULIAN:
        lost.append("Julian calendar")
    if (back.core_earliest, back.core_latest) != (date.core_earliest, date.core_latest) or (
        back.first_precision,
        back.last_precision,
        back.first_qualifier,
        back.last_qualifier,
    ) != (date.first_precision, date.last_precision, date.first_qualifier, date.last_qualifier):
        lost.append("literal bounds or precision")
    if date.fuzziness is not None and (back.earliest, back.latest) != (
        date.earliest,
        date.latest,
    ):
        lost.append("fuzziness")
    if date.reference is not None:
        lost.append("reference")
    if date.year_start is not None:
        lost.append("year start")
    return lost


def edtf_losses(timeline: Timeline) -> dict[str, list[str]]:
    """For each event whose dates' EDTF alone does not say all of them, what is missing
    ("start: wording, Julian calendar"); the original columns of EDTF records keep it.

    >>> from timeline import Event
    >>> edtf_losses(Timeline([Event(id="a", title="A", start="1641~", end="March 1700 O.S.")]))
    {'a': ['end: wording, Julian calendar, literal bounds or precision']}
    """
    found: dict[str, list[str]] = {}
    for event in timeline:
        for date, side in ((event.start, "start"), (event.end, "end")):
            lost = [] if date is None else _date_losses(date)
            if lost:
                found.setdefault(event.id, []).append(f"{side}: {', '.join(lost)}")
    return found


def read_edtf_records(path: str | os.PathLike[str]) -> Timeline:
    """Read a timeline from an EDTF records file (for the format dispatcher)."""
    from timeline.io.formats import read_text

    return loads_edtf_records(read_text(Path(path)), name=str(path))


def write_edtf_records(timeline: Timeline, path: str | os.PathLike[str]) -> None:
    """Write a timeline as an EDTF records file, atomically (for the format dispatcher).

    Raises `timeline.LossyFormatError` for a timeline a CSV file cannot hold (see
    `timeline.io.formats.refuse_losses`)."""
    from timeline.io.formats import atomic_write, refuse_losses

    refuse_losses(timeline, path, "EDTF records", "timeline.io.edtf_records.dumps_edtf_records")
    text = dumps_edtf_records(timeline)
    atomic_write(Path(path), lambda stream: stream.write(text.encode("utf-8")))
