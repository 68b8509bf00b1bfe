"""timeline: historical timelines whose dates are often only roughly known."""

from timeline.dates import Calendar, FuzzyDate, Precision
from timeline.errors import DateParseError, TimelineError, ValidationError

__all__ = ["Calendar", "DateParseError", "FuzzyDate", "Precision", "TimelineError", "ValidationError"]
