"""timeline: historical timelines whose dates are often only roughly known.

The public API: the fuzzy-date model (`FuzzyDate`, `Precision`, `Calendar`), the event model
(`Event`, `Source`, `Citation`, `Status`), the collection (`Timeline`), the TOML format
(`load`, `loads`, `dump`, `dumps`) and the errors (`TimelineError` and its subclasses).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from timeline.collection import Timeline, require_timelines
from timeline.dates import WIDENING, Calendar, Fuzziness, FuzzyDate, Precision
from timeline.errors import (
    AmbiguousDateError,
    ArgumentError,
    DateParseError,
    FieldError,
    FieldTypeError,
    FileWriteError,
    LossyExportWarning,
    LossyFormatError,
    MergeConflictError,
    PlotOptionError,
    Problem,
    QueryError,
    SourceConflictError,
    TimelineError,
    UnknownEventError,
    UnknownSourceError,
    UnsupportedFormatError,
    ValidationError,
)
from timeline.io import dump, dumps, load, loads
from timeline.merging import Conflict
from timeline.model import Citation, Event, Resolution, Source, Status
from timeline.order import Relation, relation
from timeline.query import DuplicateCandidate

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from timeline.plotting.options import PlotOptions


def plot(timeline: Timeline, **options: Unpack[PlotOptions]) -> go.Figure:
    """An interactive Plotly figure of a timeline (see `timeline.plotting.plot` for options)."""
    from timeline.plotting import plot as _plot

    return _plot(timeline, **options)


def merge(*timelines: Timeline, strict: bool = False) -> Timeline:
    """Merge timelines into one, losing nothing (see `timeline.merging` for the rules).

    Events with the same id (or linked by ``same_as``) become one; disagreements are recorded
    in ``.conflicts``; ``strict=True`` raises `MergeConflictError` instead, for every conflict no
    resolution settled.
    """
    require_timelines("timeline.merge", timelines)
    if not timelines:
        return Timeline()
    first, *rest = timelines
    return first.merge(*rest, strict=strict)


__all__ = [
    "WIDENING",
    "AmbiguousDateError",
    "ArgumentError",
    "Calendar",
    "Citation",
    "Conflict",
    "DateParseError",
    "DuplicateCandidate",
    "Event",
    "FieldError",
    "FieldTypeError",
    "FileWriteError",
    "Fuzziness",
    "FuzzyDate",
    "LossyExportWarning",
    "LossyFormatError",
    "MergeConflictError",
    "PlotOptionError",
    "Precision",
    "Problem",
    "QueryError",
    "Relation",
    "Resolution",
    "Source",
    "SourceConflictError",
    "Status",
    "Timeline",
    "TimelineError",
    "UnknownEventError",
    "UnknownSourceError",
    "UnsupportedFormatError",
    "ValidationError",
    "dump",
    "dumps",
    "load",
    "loads",
    "merge",
    "plot",
    "relation",
]
