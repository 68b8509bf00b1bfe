"""Text to `FuzzyDate`: one entry point, `parse_date`, over one small parser per form.

Forms are tried in this order: EDTF/ISO 8601 (`timeline.parsing.edtf`), phrases relative to a
reference date (`timeline.parsing.relative`), English phrases (`timeline.parsing.phrases`). A
trailing "O.S." or ``calendar="julian"`` reads the date in the Julian calendar
(`timeline.parsing.calendars`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Final

from timeline.dates import Calendar, FuzzyDate
from timeline.errors import DateParseError
from timeline.parsing import relative
from timeline.parsing._spans import Span, build
from timeline.parsing.calendars import span_to_gregorian
from timeline.parsing.edtf import looks_like_edtf, parse_edtf
from timeline.parsing.phrases import range_or_point, split_calendar

__all__ = ["ACCEPTED_FORMS", "parse_date"]

ACCEPTED_FORMS: Final = (
    "ISO 8601 (1875-05-07, 1875-05, 1875); EDTF levels 0-1 (1875~, 1984?, 156X, 1985-04-XX, "
    "1945-21, 1984?/2004~, ../1600, 1985/..); phrases such as '7 May 1875', 'May 7, 1875', "
    "'May 1875', 'spring 1945', 'early 1945', 'mid-1945', 'the 1870s', 'late 16th century', "
    "'circa 1875', 'before 1600', 'after 1875', 'between 1945 and 1947', '18 March 1584 O.S.'; "
    "with a reference date: 'this year', 'last year', 'over the past year', 'in recent years'"
)
_SPACE: Final = re.compile(r"\s+")
_DASHES: Final = str.maketrans({"—": "–", "‒": "–", "’": "'", "‘": "'"})


def _as_reference(reference: FuzzyDate | _dt.date | str | None) -> FuzzyDate | None:
    if reference is None or isinstance(reference, FuzzyDate):
        return reference
    if isinstance(reference, _dt.date):
        return FuzzyDate.from_bounds(reference, reference)
    return parse_date(reference)


def parse_date(
    text: str,
    *,
    reference: FuzzyDate | _dt.date | str | None = None,
    calendar: Calendar | str = Calendar.GREGORIAN,
) -> FuzzyDate:
    """Read one date; the implementation of `timeline.FuzzyDate.parse`."""
    if not isinstance(text, str):
        raise DateParseError(repr(text), f"expected text, got {type(text).__name__}")
    try:
        calendar = calendar if isinstance(calendar, Calendar) else Calendar(calendar)
    except ValueError:
        raise DateParseError(
            text, f"unknown calendar {calendar!r}; expected 'gregorian' or 'julian'"
        ) from None
    stripped = text.strip()
    if not stripped:
        raise DateParseError(text, f"it is empty; expected {ACCEPTED_FORMS}")
    ref = _as_reference(reference)
    if looks_like_edtf(stripped):
        try:
            span = parse_edtf(stripped)
        except DateParseError as edtf_error:
            try:
                return _parse_phrase(text, stripped, ref, calendar)
            except DateParseError:
                raise edtf_error from None
        return _finish(span, text, ref, calendar, julian_mark=None)
    return _parse_phrase(text, stripped, ref, calendar)


def _parse_phrase(
    text: str, stripped: str, reference: FuzzyDate | None, calendar: Calendar
) -> FuzzyDate:
    phrase = _SPACE.sub(" ", stripped.lower().translate(_DASHES))
    phrase, julian_mark = split_calendar(phrase)
    found = relative.match_relative(phrase)
    if found is not None:
        span = relative.resolve(*found, reference, text)
        return build(span, text, reference=reference)
    try:
        span = range_or_point(phrase, text)
    except DateParseError as error:
        if error.reason.endswith("is not a date phrase"):
            raise DateParseError(text, f"expected {ACCEPTED_FORMS}") from None
        raise
    return _finish(span, text, None, calendar, julian_mark=julian_mark)


def _finish(
    span: Span,
    text: str,
    reference: FuzzyDate | None,
    calendar: Calendar,
    *,
    julian_mark: bool | None,
) -> FuzzyDate:
    if julian_mark is not None:
        calendar = Calendar.JULIAN if julian_mark else Calendar.GREGORIAN
    if calendar is Calendar.JULIAN:
        span = span_to_gregorian(text, span)
    return build(span, text, calendar=calendar)
