"""What the exports for showing an event (TimelineJS, vis-timeline) say of it in words, so that
each says the same: the bounds of every fuzzy date, and the fields they have no place for.

>>> from timeline import Event
>>> event = Event(id="a", title="A", start="c. 1631", status="disputed", actors=("Tilly",))
>>> date_notes(event) + fact_notes(event)
['start: c. 1631 (between 1630-01-01 and 1632-12-31; EDTF 1631~)', 'status: disputed', \
'actors: Tilly']
"""

from __future__ import annotations

from timeline.dates import FuzzyDate
from timeline.model import Event, Status

__all__ = ["date_notes", "fact_notes", "is_fuzzy"]


def is_fuzzy(date: FuzzyDate) -> bool:
    """Whether a date is approximate, uncertain or open: not drawable as one certain day."""
    return date.approximate or date.uncertain or date.is_open


def date_notes(event: Event) -> list[str]:
    """A line per fuzzy date of the event: its label, its outer bounds and its EDTF."""
    notes = []
    for date, name in ((event.start, "start"), (event.end, "end")):
        if date is not None and is_fuzzy(date):
            lo = "open" if date.earliest is None else str(date.earliest)
            hi = "open" if date.latest is None else str(date.latest)
            notes.append(f"{name}: {date.label()} (between {lo} and {hi}; EDTF {date.to_edtf()})")
    return notes


def fact_notes(event: Event) -> list[str]:
    """A line per field a display format has no place for: a status other than reported,
    actors, places, tags, the note and the ids it is the same as."""
    notes = [] if event.status is Status.REPORTED else [f"status: {event.status.value}"]
    for name in ("actors", "places", "tags", "same_as"):
        values = getattr(event, name)
        if values:
            notes.append(f"{name.replace('_', ' ')}: {'; '.join(values)}")
    if event.note:
        notes.append(f"note: {event.note}")
    return notes
