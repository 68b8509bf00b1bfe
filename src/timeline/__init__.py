"""timeline: historical timelines whose dates are often only roughly known.

The public API: the fuzzy-date model (`FuzzyDate`, `Precision`, `Calendar`), the event model
(`Event`, `Source`, `Citation`, `Status`), the collection (`Timeline`), the TOML format
(`load`, `loads`, `dump`, `dumps`) and the errors (`TimelineError` and its subclasses).
"""

from timeline.collection import Timeline, UnknownEventError
from timeline.dates import WIDENING, Calendar, FuzzyDate, Precision
from timeline.errors import DateParseError, Problem, TimelineError, ValidationError
from timeline.io import dump, dumps, load, loads
from timeline.model import Citation, Event, Source, Status

__all__ = [
    "WIDENING",
    "Calendar",
    "Citation",
    "DateParseError",
    "Event",
    "FuzzyDate",
    "Precision",
    "Problem",
    "Source",
    "Status",
    "Timeline",
    "TimelineError",
    "UnknownEventError",
    "ValidationError",
    "dump",
    "dumps",
    "load",
    "loads",
]
