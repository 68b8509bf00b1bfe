"""Phrases dated relative to when a source was written, resolved against a reference date.

The reference is the source's publication date, itself possibly fuzzy (a range R with first
day R.earliest and last day R.latest). Each phrase covers every reading of every possible
publication day:

* ``this year`` / ``the current year``: the calendar year(s) of R;
* ``last year`` / ``the previous year``: the year before; ``next year`` / ``the coming year``:
  the year after; ``N years ago``: the year N before;
* ``this month`` / ``last month``: the calendar month(s) of R, or the month before;
* ``over the past year`` / ``in the last year`` / ``the past twelve months`` / ``recently``: from
  one year before R.earliest to R.latest;
* ``in recent years`` / ``over the past few years`` / ``in the last several years``: from the
  start of the fifth calendar year before R's first year to R.latest (2018 to 2023 for 2023);
* ``now`` / ``today`` / ``currently`` / ``at present``: R itself.

Without a reference these phrases raise `timeline.DateParseError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from timeline.dates import Date, FuzzyDate, add_months
from timeline.errors import DateParseError
from timeline.parsing._spans import End, Span, day_end, month_end, year_end

RECENT_YEARS: Final = 5
"""How many calendar years before the reference's year "in recent years" reaches back."""

_NUMBERS: Final = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def _years(ref_lo: Date, ref_hi: Date, offset: int, whole: str) -> Span:
    first = year_end(whole, ref_lo.year + offset)
    last = year_end(whole, ref_hi.year + offset)
    return (first, first) if first == last else (first, last)


def _months(ref_lo: Date, ref_hi: Date, offset: int, whole: str) -> Span:
    def month(day: Date) -> End:
        return month_end(whole, *add_months(day.year, day.month, offset))

    first, last = month(ref_lo), month(ref_hi)
    return (first, first) if first == last else (first, last)


def _count(word: str, whole: str) -> int:
    """A number of years, in words or digits; more than four digits reach before the year 1
    (and Python refuses to convert integers of thousands of digits)."""
    number = _NUMBERS.get(word)
    if number is not None:
        return number
    if len(word.lstrip("0")) > 4:
        raise DateParseError(
            whole, "it reaches before the year 1; years before 1 or after 9999 are not supported"
        )
    return int(word)


def _day(day: Date, whole: str) -> End:
    return day_end(whole, day.year, day.month, day.day)


def _past_year(ref_lo: Date, ref_hi: Date, whole: str) -> Span:
    year_before = ref_lo.year - 1
    day = min(ref_lo.day, 28) if ref_lo.month == 2 else ref_lo.day
    return day_end(whole, year_before, ref_lo.month, day), _day(ref_hi, whole)


def _recent_years(ref_lo: Date, ref_hi: Date, whole: str) -> Span:
    return year_end(whole, ref_lo.year - RECENT_YEARS), _day(ref_hi, whole)


def _now(ref_lo: Date, ref_hi: Date, whole: str) -> Span:
    return _day(ref_lo, whole), _day(ref_hi, whole)


Resolver = Callable[[re.Match[str], Date, Date, str], Span]

_RULES: Final[tuple[tuple[re.Pattern[str], Resolver], ...]] = tuple(
    (re.compile(pattern), resolver)
    for pattern, resolver in (
        (
            r"(?:in\s+|during\s+)?(?:this|the current)\s+year",
            lambda m, lo, hi, w: _years(lo, hi, 0, w),
        ),
        (
            r"(?:in\s+|during\s+)?(?:last|the previous)\s+year",
            lambda m, lo, hi, w: _years(lo, hi, -1, w),
        ),
        (
            r"(?:in\s+|during\s+)?(?:next|the coming|the next)\s+year",
            lambda m, lo, hi, w: _years(lo, hi, 1, w),
        ),
        (
            r"(?P<n>\d+|a|one|two|three|four|five|ten)\s+years?\s+ago",
            lambda m, lo, hi, w: _years(lo, hi, -_count(m["n"], w), w),
        ),
        (r"(?:in\s+|during\s+)?this\s+month", lambda m, lo, hi, w: _months(lo, hi, 0, w)),
        (r"(?:in\s+|during\s+)?last\s+month", lambda m, lo, hi, w: _months(lo, hi, -1, w)),
        (
            r"(?:(?:over|in|during|throughout|within)\s+)?the\s+(?:past|last)\s+"
            r"(?:year|twelve\s+months|12\s+months)|recently|in\s+the\s+past\s+year",
            lambda m, lo, hi, w: _past_year(lo, hi, w),
        ),
        (
            r"(?:(?:over|in|during|throughout|within)\s+)?(?:the\s+)?"
            r"(?:recent\s+years|(?:past|last)\s+(?:few|several|couple of)\s+years)",
            lambda m, lo, hi, w: _recent_years(lo, hi, w),
        ),
        (
            r"now|today|currently|at\s+present|at\s+the\s+time\s+of\s+writing",
            lambda m, lo, hi, w: _now(lo, hi, w),
        ),
    )
)


_HINT: Final = re.compile(r"year|month|ago|recent|now|today|current|present|writing")
"""Every relative phrase holds one of these words."""


def match_relative(text: str) -> tuple[re.Match[str], Resolver] | None:
    """The relative rule that reads this (normalised) text, if any."""
    if not _HINT.search(text):
        return None
    for pattern, resolver in _RULES:
        match = pattern.fullmatch(text)
        if match is not None:
            return match, resolver
    return None


def resolve(
    match: re.Match[str], resolver: Resolver, reference: FuzzyDate | None, whole: str
) -> Span:
    """Resolve a relative phrase against the reference date."""
    if reference is None:
        raise DateParseError(
            whole,
            "it is relative to when the source was written; pass reference=<the source's "
            "publication date> (in a data file: cite a source that has a 'published' date first)",
        )
    lo, hi = reference.earliest, reference.latest
    if lo is None or hi is None:
        raise DateParseError(
            whole, f"the reference date {reference.text!r} is open-ended; it needs both bounds"
        )
    return resolver(match, lo, hi, whole)


__all__ = ["RECENT_YEARS", "match_relative", "resolve"]
