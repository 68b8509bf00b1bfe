"""Text to `FuzzyDate`: one entry point, `parse_date`, over one small parser per form.

Forms are tried in this order: EDTF/ISO 8601 (`timeline.parsing.edtf`), phrases relative to a
reference date (`timeline.parsing.relative`), English phrases (`timeline.parsing.phrases`). A
trailing "O.S." or ``calendar="julian"`` reads the date in the Julian calendar
(`timeline.parsing.calendars`).

``form`` says how to read text that two conventions read differently (`Form`):

* ``"edtf"``: strict EDTF (ISO 8601-2) levels 0 and 1 and ISO 8601, nothing else, for machine
  data: ``1620-21`` is spring 1620 (season code 21), ``1608-09`` is September 1608;
* ``"english"``: the historian's reading: ``1620-21`` and ``1608-09`` are two years
  (1620-1621, 1608-1609); everything else as in the mixed form;
* ``"mixed"`` (the default): every form, and a text with two plausible readings raises
  `AmbiguousDateError` naming both. The ambiguous families are ``YYYY-NN`` where ``NN`` is a
  month (01-12) or an EDTF season code (21-24) *and* a later year of the same century
  (``1608-09``, ``1620-21``, ``1600-01``). Where only one reading is possible it is taken:
  ``1875-05`` is May 1875 (1805 is before 1875), ``1945-47`` the years 1945-1947 (47 is
  neither a month nor a season), ``1925-21`` spring 1925.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Final, Literal, NamedTuple, get_args

import attrs

from timeline.dates import (
    DEFAULT_FUZZINESS,
    Calendar,
    Date,
    Fuzziness,
    FuzzyDate,
    Precision,
)
from timeline.errors import AmbiguousDateError, DateParseError
from timeline.parsing import relative
from timeline.parsing._spans import Span, build, shift_day
from timeline.parsing.calendars import (
    civil_to_historical,
    julian_days_in_month,
    span_to_gregorian,
)
from timeline.parsing.dual import match_dual
from timeline.parsing.edtf import looks_like_edtf, parse_edtf
from timeline.parsing.english import MONTH_NAMES, OPEN_LABEL
from timeline.parsing.japanese import match_japanese
from timeline.parsing.phrases import MAX_LENGTH, range_or_point, split_calendar

__all__ = ["ACCEPTED_FORMS", "YEAR_STARTS", "Form", "Reading", "YearStart", "parse_date"]

Form = Literal["mixed", "edtf", "english"]
"""How to read text that two conventions read differently (see the module docstring)."""
FORMS: Final = get_args(Form)
YearStart = Literal["01-01", "03-25"]
"""When the year of Old Style text begins: 1 January, or 25 March (Lady Day, England's civil
year until 1752), in which "10 February 1675" is 10 February 1676."""
YEAR_STARTS: Final = get_args(YearStart)


class Reading(NamedTuple):
    """How one text is read, beyond its words: the fuzziness and the Old Style year start."""

    fuzziness: Fuzziness
    year_start: YearStart


_DEFAULT_READING: Final = Reading(DEFAULT_FUZZINESS, "01-01")

ACCEPTED_FORMS: Final = (
    "ISO 8601 (1875-05-07, 1875-05, 1875); EDTF levels 0-1 (1875~, 1984?, 156X, 1985-04-XX, "
    "1945-21, 1984?/2004~, ../1600, 1985/..); phrases such as '7 May 1875', 'May 7, 1875', "
    "'May 1875', 'spring 1945', 'early 1945', 'mid-1945', 'the 1870s', 'late 16th century', "
    "'circa 1875', 'before 1600', 'after 1875', 'between 1945 and 1947', '18 March 1584 O.S.', "
    "'10 February 1675/6', '18c', '[ca. 1625]', '1850s-1880s', 'not before 1600', "
    "'Bunka 3', '文化3年4月10日'; "
    "with a reference date: 'this year', 'last year', 'over the past year', 'in recent years'"
)
_SPACE: Final = re.compile(r"\s+")
# a year, a hyphen and two digits: a month or season (EDTF), or a second year (historians)
_YEAR_AND_TWO_DIGITS: Final = re.compile(r"(\d\d)(\d\d)-(\d\d)([?~%]?)")
_YEAR_AND_TWO_DIGITS_INSIDE: Final = re.compile(
    r"(?<!\d)(?<!\d-)(\d\d)(\d\d)-(\d\d)([?~%]?)(?![\d-])"
)
_AFTER_SEASON: Final = re.compile(r"(?i)\b(?:winter|summer|spring|autumn|fall)(?:\s+of)?\s+$")
_SEASONS: Final = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
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
    form: Form = "mixed",
    fuzziness: Fuzziness | None = None,
    year_start: YearStart = "01-01",
    old_style_only: bool = False,
) -> FuzzyDate:
    """Read one date; the implementation of `timeline.FuzzyDate.parse`.

    ``year_start="03-25"`` counts the years of Old Style text from Lady Day; given for text
    that is not Old Style it is refused (the text probably lacks its "O.S."), unless
    ``old_style_only`` (a file's setting, which applies to its Old Style dates only).
    """
    date = _parse_date(text, reference, calendar, form, fuzziness, year_start)
    if year_start == "03-25" and not old_style_only and date.calendar is not Calendar.JULIAN:
        raise DateParseError(
            text,
            "year_start='03-25' (years from Lady Day) applies to Old Style dates, and this "
            "text is not one; expected it marked Old Style ('10 February 1675 O.S.') or read "
            "with calendar='julian', or no year_start",
        )
    return date


def _parse_date(
    text: str,
    reference: FuzzyDate | _dt.date | str | None,
    calendar: Calendar | str,
    form: Form,
    fuzziness: Fuzziness | None,
    year_start: YearStart,
) -> FuzzyDate:
    if year_start not in YEAR_STARTS:
        raise DateParseError(
            text, f"unknown year_start {year_start!r}; expected '01-01' or '03-25' (Lady Day)"
        )
    fuzz = Reading(fuzziness or DEFAULT_FUZZINESS, year_start)
    if not isinstance(text, str):
        raise DateParseError(repr(text), f"expected text, got {type(text).__name__}")
    try:
        calendar = calendar if isinstance(calendar, Calendar) else Calendar(calendar)
    except ValueError:
        raise DateParseError(
            text, f"unknown calendar {calendar!r}; expected 'gregorian' or 'julian'"
        ) from None
    if form not in FORMS:
        raise DateParseError(
            text, f"unknown form {form!r}; expected one of {', '.join(map(repr, FORMS))}"
        )
    if fuzziness is not None and not isinstance(fuzziness, Fuzziness):
        raise DateParseError(
            text,
            f"fuzziness must be a timeline.Fuzziness, got {type(fuzziness).__name__} (read one "
            "from words with timeline.parsing.fuzziness.read_fuzziness)",
        )
    stripped = text.strip()
    if not stripped:
        raise DateParseError(text, f"it is empty; expected {ACCEPTED_FORMS}")
    if len(stripped) > MAX_LENGTH:  # before any pattern runs, for every form alike
        raise DateParseError(
            text[:40] + "…",
            f"it is {len(stripped):,} characters long; expected a date of at most {MAX_LENGTH:,}",
        )
    ref = _as_reference(reference)
    if form == "edtf":
        try:
            span = parse_edtf(stripped)
        except DateParseError as error:
            raise DateParseError(
                text, f"{error.reason} (form='edtf' reads only EDTF and ISO 8601)"
            ) from None
        return _finish(span, text, ref, calendar, julian_mark=None, fuzz=fuzz)
    if "/" in stripped and not stripped.startswith(("/", "..")):
        dual = match_dual(_SPACE.sub(" ", stripped.lower()), text, form)
        if dual is not None:  # English dual dating: Julian by definition
            return build(dual, text, calendar=Calendar.JULIAN, fuzziness=fuzz.fuzziness)
    pair = _YEAR_AND_TWO_DIGITS.fullmatch(stripped)
    if pair is not None:
        years = _as_years(pair, text, form)
        if years is not None:
            return _parse_phrase(text, years, ref, calendar, fuzz)
    elif "-" in stripped and not looks_like_edtf(stripped):
        # the same two readings inside a phrase ("c. 1608-09", "1620-21 to 1625"): refused
        # in the mixed form, read as two years in the English one; EDTF syntax stays EDTF,
        # and a season's two years ("winter 1709-10") are the winter's
        stripped = _YEAR_AND_TWO_DIGITS_INSIDE.sub(
            lambda token: (
                token.group()
                if _AFTER_SEASON.search(stripped, 0, token.start())
                else _as_years(token, text, form) or token.group()
            ),
            stripped,
        )
    label = _OWN_LABEL.fullmatch(stripped)
    if label is not None:  # a label this library writes: "28 March 1584 (Julian: ...)"
        return _read_own_label(text, label, ref, fuzz)
    if stripped.lower() == OPEN_LABEL:
        return build((None, None), text, fuzziness=fuzz.fuzziness)
    era_date = match_japanese(_SPACE.sub(" ", stripped.lower()), text)
    if era_date is not None:  # a Japanese era date, converted to Gregorian bounds
        return build(era_date, text, fuzziness=fuzz.fuzziness)
    try:
        return _parse_any(text, stripped, ref, calendar, fuzz)
    except DateParseError as error:
        leap = _julian_leap_day(text, stripped, calendar, error, fuzz)
        if leap is None:
            raise
        return leap


_OWN_LABEL: Final = re.compile(
    r"(?P<gregorian>.+?) \(Julian(?P<start>, years from 25 March)?: (?P<wording>.+)\)"
)


def _read_own_label(
    text: str, label: re.Match[str], ref: FuzzyDate | None, fuzz: Reading
) -> FuzzyDate:
    """A Julian date's label: its Old Style wording, checked against the Gregorian it names."""
    wording = label.group("wording")
    lady_day = label.group("start") is not None
    date = parse_date(
        wording,
        reference=ref,
        calendar=Calendar.JULIAN,
        fuzziness=fuzz.fuzziness,
        year_start="03-25" if lady_day else fuzz.year_start,
    )
    said = label.group("gregorian")
    if date.label().split(" (Julian")[0] != said:
        raise DateParseError(
            text,
            f"the Julian {wording!r} is {date.label().split(' (Julian')[0]!r} in the "
            f"Gregorian calendar, not {said!r}",
        )
    return attrs.evolve(date, text=wording)


def _parse_any(
    text: str, stripped: str, ref: FuzzyDate | None, calendar: Calendar, fuzz: Reading
) -> FuzzyDate:
    if looks_like_edtf(stripped):
        try:
            span = parse_edtf(stripped)
        except DateParseError as edtf_error:
            try:
                return _parse_phrase(text, stripped, ref, calendar, fuzz)
            except DateParseError:
                raise edtf_error from None
        return _finish(span, text, ref, calendar, julian_mark=None, fuzz=fuzz)
    return _parse_phrase(text, stripped, ref, calendar, fuzz)


_NO_LEAP_DAY: Final = re.compile(r"day 29 does not exist in (\d{4})-02\b")
_DAY_29: Final = re.compile(r"(?<!\d)29(?!\d)")


def _julian_leap_day(
    text: str, stripped: str, calendar: Calendar, error: DateParseError, fuzz: Reading
) -> FuzzyDate | None:
    """29 February of a Julian leap year that the Gregorian calendar skips (1700, 1800, 1900
    O.S.): the day after 28 February, converted. The parsers check days against Gregorian
    month lengths, so the text is read with 28 February and that day moved on by one."""
    found = _NO_LEAP_DAY.search(error.reason)
    if found is None:
        return None
    year = int(found.group(1))
    phrase, mark = split_calendar(_SPACE.sub(" ", stripped.lower().translate(_DASHES)))
    julian = mark if mark is not None else calendar is Calendar.JULIAN
    lady_day = fuzz.year_start == "03-25"
    # in a year from 25 March, the civil February of `year` is February of `year + 1`
    historical = year + 1 if lady_day else year
    if not julian:
        return None
    if julian_days_in_month(historical, 2) != 29:
        if lady_day:
            leap = (
                f" (the leap day of {year} is 29 February {year - 1}/{year})"
                if julian_days_in_month(year, 2) == 29
                else ""
            )
            raise DateParseError(
                text,
                f"with the year beginning on 25 March, February {year} is February "
                f"{historical} (Julian), which has no 29 February; expected a day from 1 to "
                f"28{leap}",
            )
        return None
    source = phrase if mark is not None else stripped.lower()
    replaced = _DAY_29.sub("28", source, count=1)
    span = parse_edtf(replaced) if looks_like_edtf(replaced) else range_or_point(replaced, text)
    if lady_day:
        span = civil_to_historical(text, span)
    eve = Date(historical, 2, 28)
    moved = [end is not None and end.precision is Precision.DAY and end.lo == eve for end in span]
    if not any(moved):  # the 29 was not a day alone ("before 29 February"): not read here
        return None
    start, finish = span_to_gregorian(text, span)
    ends = [
        end._replace(lo=shift_day(end.lo, 1), hi=shift_day(end.hi, 1)) if move and end else end
        for end, move in zip((start, finish), moved, strict=True)
    ]
    date = build((ends[0], ends[1]), text, calendar=Calendar.JULIAN, fuzziness=fuzz.fuzziness)
    return attrs.evolve(date, year_start="03-25") if lady_day else date


def _as_years(pair: re.Match[str], text: str, form: Form) -> str | None:
    """The two-years spelling to read ``YYYY-NN`` as, or None to read it as EDTF; raises
    `AmbiguousDateError` in the mixed form where both readings are plausible."""
    years = _two_years(pair)
    if years is None:
        return None
    calendar_reading = _calendar_reading(pair)
    if form == "english":
        return years
    if calendar_reading is None:  # only two years; a qualified one reads as it always did
        return None if pair.group(4) else years
    first, second = years.split("–")
    raise AmbiguousDateError(
        text,
        (f"{calendar_reading} (EDTF)", f"the years {first}–{second}"),
        f"write {years!r} or {calendar_reading!r}, or choose a form: 'english' (two years) "
        "or 'edtf' (EDTF), as form= in FuzzyDate.parse, form = ... in a date's table or "
        "date_form = ... in a file's [settings]",
    )


def _two_years(pair: re.Match[str]) -> str | None:
    """``YYYY-NN`` as two years ("1620–1621", with its qualifier), if NN is a later year."""
    century, first, second, qualifier = pair.groups()
    if int(second) <= int(first):
        return None
    return f"{century}{first}–{century}{second}{qualifier}"


def _calendar_reading(pair: re.Match[str]) -> str | None:
    """``YYYY-NN`` read as EDTF: a month or a season, if NN is one."""
    century, first, code, qualifier = pair.groups()
    number = int(code)
    if 1 <= number <= 12:
        name = MONTH_NAMES[number - 1]
    elif number in _SEASONS:
        name = _SEASONS[number]
    else:
        return None
    # in words, so the advice reads as written ("spring 1620~" is neither EDTF nor English)
    return f"{_QUALIFIER_WORDS[qualifier]}{name} {century}{first}{'?' if qualifier == '?' else ''}"


_QUALIFIER_WORDS: Final = {"": "", "?": "", "~": "c. ", "%": "probably c. "}


def _parse_phrase(
    text: str,
    stripped: str,
    reference: FuzzyDate | None,
    calendar: Calendar,
    fuzz: Reading = _DEFAULT_READING,
) -> FuzzyDate:
    phrase = _SPACE.sub(" ", stripped.lower().translate(_DASHES))
    phrase, julian_mark = split_calendar(phrase)
    found = relative.match_relative(phrase)
    if found is not None:
        span = relative.resolve(*found, reference, text)
        return build(span, text, reference=reference, fuzziness=fuzz.fuzziness)
    try:
        span = range_or_point(phrase, text)
    except DateParseError as error:
        if error.reason.endswith("is not a date phrase"):
            raise DateParseError(text, f"expected {ACCEPTED_FORMS}") from None
        raise
    return _finish(span, text, None, calendar, julian_mark=julian_mark, fuzz=fuzz)


def _finish(
    span: Span,
    text: str,
    reference: FuzzyDate | None,
    calendar: Calendar,
    *,
    julian_mark: bool | None,
    fuzz: Reading = _DEFAULT_READING,
) -> FuzzyDate:
    if julian_mark is not None:
        calendar = Calendar.JULIAN if julian_mark else Calendar.GREGORIAN
    if calendar is not Calendar.JULIAN:
        return build(span, text, calendar=calendar, fuzziness=fuzz.fuzziness)
    lady_day = fuzz.year_start == "03-25"
    if lady_day:
        span = civil_to_historical(text, span)
    _check_julian_february(text, span)
    date = build(span_to_gregorian(text, span), text, calendar=calendar, fuzziness=fuzz.fuzziness)
    return attrs.evolve(date, year_start="03-25") if lady_day else date


_WRITTEN_DAY: Final = {
    (2, 28): re.compile(r"(?i)\b28(?:th)?\s+feb|\bfeb[a-z]*\.?\s+28\b|-02-28"),
    (3, 1): re.compile(r"(?i)\b1(?:st)?\s+mar|\bmar[a-z]*\.?\s+1(?:st)?\b|-03-01"),
}
_FEBRUARY: Final = re.compile(r"(?i)\bfeb|-02\b")


def _check_julian_february(text: str, span: Span) -> None:
    """Refuse a day the parsers computed next to a Julian 29 February that the Gregorian
    calendar lacks (1700, 1800, 1900 O.S.): the day after 28 February, the last day of
    February ("late February"), the day before 1 March. The parsers count Julian fields in
    Gregorian months, so such a day would be one off; a day written out is read as written."""
    for end, side in zip(span, ("lo", "hi"), strict=True):
        if end is None or end.precision is not Precision.DAY:
            continue
        day = end.lo if side == "lo" else end.hi
        if julian_days_in_month(day.year, 2) != 29 or day.year % 400 == 0:
            continue
        computed = (day.month, day.day) in _WRITTEN_DAY and not _WRITTEN_DAY[
            day.month, day.day
        ].search(text)
        if not computed:
            continue
        if (day.month, day.day) == (3, 1) and not _FEBRUARY.search(text):
            continue  # "early March": 1 March is its first day in either calendar
        raise DateParseError(
            text,
            f"Julian {day.year} has a 29 February that the Gregorian calendar lacks, and "
            "this text names a day next to it without writing it; expected the day written "
            f"out (such as '29 February {day.year} O.S.' or '1 March {day.year} O.S.'), or "
            "the Gregorian date",
        )
