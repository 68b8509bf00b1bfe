"""Wikidata in: events from entity JSON and from SPARQL (WDQS) JSON results.

Two readers, one meaning. `from_wikidata_entities` reads the JSON of
``Special:EntityData/Q123.json`` or of the API's ``wbgetentities`` (or one entity, or a list
of them, as in the JSON dumps); `from_wikidata_sparql` reads ``application/sparql-results+json``
from query.wikidata.org. Each item becomes one `timeline.Event` (one *version* per statement,
when an item states a property more than once: the timeline merges them and records any
disagreement as a conflict, see `timeline.merging`).

What is read, and how (every rule below is exact unless it says otherwise):

* **Dates.** ``P585`` (point in time) makes an instant; ``P580``/``P582`` (start/end time) a
  span, and win over ``P585`` (an item with both keeps the span and names the ``P585`` value in
  the note). A start time with no end time, or with the end time "unknown value", is a span
  whose end is open (from its start on; the note says so), never a one-day event. The
  properties can be chosen (``point=``, ``start=``, ``end=``), for example
  ``start="P569", end="P570"`` for a life. Deprecated statements are skipped; where an item has
  preferred statements of a property only those are read (as ``wdt:`` does); every other
  statement is one version.
* **Precision.** 11 day, 10 month, 9 year, 8 decade (``+1988`` is 1980-1989, as Wikidata shows
  it, "1980s"), 7 century (Wikidata's own century: ``+1600`` and ``+1501`` are both "16.
  century", the years 1501-1600, because Wikibase formats and parses centuries that way;
  these bounds are exact, and the label says "1501 – 1600" rather than this library's
  "16th century", which is 1500-1599). Coarser (millennia) and finer (hours) are refused.
  A month and day under a coarser precision are ignored, as Wikibase ignores them.
* **Calendar.** Gregorian (``Q1985727``) and Julian (``Q1985786``). In entity JSON the
  ``time`` is written in the calendar its ``calendarmodel`` names, so a Julian value becomes a
  Julian (Old Style) `timeline.FuzzyDate` whose Gregorian bounds are the Julian period's: the
  Julian year 1700 runs from 11 January 1700 to 11 January 1701. In WDQS results a Julian
  value of day precision has already been converted to the Gregorian (Wikibase's RDF export
  converts it), and a coarser one has not (there is no day to convert): both are read as what
  they are. Any other calendar is refused.
* **Qualifiers.** ``P1480`` (sourcing circumstances) ``Q5727902`` "circa" makes the date
  approximate (``~``, widened by `timeline.Fuzziness`), ``Q18122778`` "presumably" uncertain
  (``?``); any other sourcing circumstance is kept, by its id, in the event's note. ``P1319``
  (earliest date) and ``P1326`` (latest date) are the bounds of the date: the date runs from
  the first day of the earliest to the last day of the latest; a side with no such qualifier is
  the stated value's (widened if it is circa) or open if the value is "unknown value"
  (``somevalue``). A stated value that does not overlap its own bounds is refused.
* **Not read.** ``before``/``after`` (Wikidata does not use them, and its own two descriptions
  of them contradict each other): a value with either non-zero is refused. ``timezone`` is
  ignored for precisions coarser than a day (it cannot move a month or a year) and refused
  on a day. Years before 1 are refused, as everywhere in this library (entity JSON writes
  1 BCE as ``-0001``; WDQS, following XSD 1.1, as ``0000``, so ``-0001`` there is 2 BCE).
* **Text.** The event id is the QID in lowercase (``q7186``); the title the label in
  ``language``, else its base language (``de`` for ``de-ch``), ``mul``, ``en``, and at last the
  QID itself; the description likewise. Every event cites the source ``wikidata`` with the
  entity, property and statement as locator (``Q7186 P585 (statement Q7186$…, revision
  123)``) and the values verbatim as wording (``P585 +1875-00-00T00:00:00Z precision 9
  Q1985727``), so its provenance can be checked.

Every problem of the data (a value that cannot be read, an item with no date) is reported at
once in one `timeline.ValidationError`; nothing is dropped silently. This module uses no
network and no third-party package: fetch the JSON with any client (see the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, NamedTuple

from timeline.collection import Timeline
from timeline.dates import Calendar, Date, FuzzyDate, Precision, Qualifier, month_length
from timeline.errors import FieldError, Problem, ValidationError, shorten
from timeline.model import Citation, Event, Source, is_language_tag
from timeline.parsing.calendars import gregorian_to_julian, julian_days_in_month
from timeline.parsing.calendars import julian_to_gregorian as _julian_day

__all__ = [
    "CIRCA",
    "GREGORIAN",
    "JULIAN",
    "SOURCE",
    "WikidataTime",
    "from_wikidata_entities",
    "from_wikidata_sparql",
    "loads_wikidata_entities",
    "loads_wikidata_sparql",
]

ENTITY: Final = "http://www.wikidata.org/entity/"
GREGORIAN: Final = "Q1985727"
"""The proleptic Gregorian calendar's item."""
JULIAN: Final = "Q1985786"
"""The proleptic Julian calendar's item."""
CIRCA: Final = "Q5727902"
"""Sourcing circumstances "circa": the date is approximate."""
PRESUMABLY: Final = "Q18122778"
"""Sourcing circumstances "presumably": the date is uncertain."""
SOURCING: Final = "P1480"
EARLIEST: Final = "P1319"
LATEST: Final = "P1326"

SOURCE: Final = Source(
    id="wikidata",
    title="Wikidata",
    publisher="Wikimedia Foundation",
    url="https://www.wikidata.org/",
    kind="database",
)
"""The source every imported event cites (its locator names the entity and property)."""

_CALENDARS: Final = {GREGORIAN: Calendar.GREGORIAN, JULIAN: Calendar.JULIAN}
_PRECISIONS: Final = {
    7: Precision.CENTURY,
    8: Precision.DECADE,
    9: Precision.YEAR,
    10: Precision.MONTH,
    11: Precision.DAY,
}
_PRECISION_NAMES: Final = {7: "century", 8: "decade", 9: "year", 10: "month", 11: "day"}
_QUALIFIERS: Final = {CIRCA: Qualifier.APPROXIMATE, PRESUMABLY: Qualifier.UNCERTAIN}
_JSON_TIME: Final = re.compile(r"([+-])(\d{1,16})-(\d\d)-(\d\d)T\d\d:\d\d:\d\dZ")
_XSD_TIME: Final = re.compile(
    r"(-?)(\d{4,})-(\d\d)-(\d\d)T\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"
)
_QID: Final = re.compile(r"Q[1-9]\d*")
_PRECISION_EXPECTED: Final = "a precision from 7 (century) to 11 (day)"
_CALENDAR_EXPECTED: Final = (
    f"the calendar model {ENTITY}{GREGORIAN} (Gregorian) or {ENTITY}{JULIAN} (Julian)"
)


class WikidataTime(NamedTuple):
    """One Wikidata time value as read: its year, month and day *in its own calendar*, its
    precision code (7-11) and calendar item, and its text verbatim.

    ``day_is_gregorian`` says the fields were already converted to the Gregorian calendar (as
    WDQS does for a Julian value of day precision)."""

    year: int
    month: int
    day: int
    precision: int
    calendar: str
    text: str
    day_is_gregorian: bool = False

    def wording(self, prop: str) -> str:
        """The value verbatim, as a citation quotes it."""
        return f"{prop} {self.text} precision {self.precision} {self.calendar}"

    def side(self) -> tuple[Date, Date, Precision, str]:
        """Its first and last Gregorian day, its `Precision` and its EDTF wording in its own
        calendar. Raises ValueError (with the reason) for a day outside the years 1-9999."""
        year, precision = self.year, self.precision
        if precision == 7:
            century = (year + 99) // 100  # Wikibase: +1600 and +1501 are the 16th century
            first, last = (century - 1) * 100 + 1, century * 100
            span = ((first, 1, 1), (last, 12, 31))
            text = f"{first:04d}/{last:04d}"
        elif precision == 8:
            first = year - year % 10
            span = ((max(first, 1), 1, 1), (first + 9, 12, 31))
            text = f"{first // 10:03d}X"
        elif precision == 9:
            span = ((year, 1, 1), (year, 12, 31))
            text = f"{year:04d}"
        elif precision == 10:
            span = ((year, self.month, 1), (year, self.month, self._month_end()))
            text = f"{year:04d}-{self.month:02d}"
        else:
            span = ((year, self.month, self.day),) * 2
            fields = (year, self.month, self.day)
            if self.day_is_gregorian:  # worded in the Julian calendar it was stated in
                fields = gregorian_to_julian(Date(year, self.month, self.day))
            text = "{:04d}-{:02d}-{:02d}".format(*fields)
        lo, hi = (self._gregorian(*day) for day in span)
        return lo, hi, _PRECISIONS[precision], text

    def _month_end(self) -> int:
        if self.calendar == JULIAN:
            return julian_days_in_month(self.year, self.month)
        return month_length(self.year, self.month)

    def _gregorian(self, year: int, month: int, day: int) -> Date:
        if self.calendar == JULIAN and not self.day_is_gregorian:
            try:
                ordinal = _julian_day(year, month, day).toordinal()
            except (ValueError, OverflowError):
                ordinal = 0
            if not 1 <= ordinal <= Date(9999, 12, 31).toordinal():
                raise ValueError(
                    f"the Julian {year:04d}-{month:02d}-{day:02d} falls outside the Gregorian "
                    "years 1 to 9999, which this library supports"
                )
            return Date.fromordinal(ordinal)
        return Date(year, month, day)


class _Value(NamedTuple):
    """A statement's date parts: the stated value (None: unknown value), its qualifiers."""

    prop: str
    main: WikidataTime | None
    earliest: WikidataTime | None
    latest: WikidataTime | None
    sourcing: tuple[str, ...]
    locator: str


def _check_time(time: WikidataTime, field: str) -> None:
    """Refuse what this library cannot say exactly (a `timeline.FieldError` naming why)."""
    if time.precision not in _PRECISIONS:
        raise FieldError(f"{field}.precision", time.precision, _PRECISION_EXPECTED)
    if time.calendar not in _CALENDARS:
        raise FieldError(f"{field}.calendarmodel", time.calendar, _CALENDAR_EXPECTED)
    if time.year < 1:
        raise FieldError(
            field,
            time.text,
            "a year from 1 to 9999 (years before 1 are not supported; entity JSON writes "
            "1 BCE as -0001, WDQS as 0000)",
        )
    if time.year > 9999:
        raise FieldError(field, time.text, "a year from 1 to 9999")
    if time.precision >= 10 and not 1 <= time.month <= 12:
        raise FieldError(field, time.text, f"a month from 01 to 12 at precision {time.precision}")
    if time.precision == 11:
        last = (
            julian_days_in_month(time.year, time.month)
            if time.calendar == JULIAN and not time.day_is_gregorian
            else month_length(time.year, time.month)
        )
        if not 1 <= time.day <= last:
            raise FieldError(field, time.text, f"a day from 01 to {last:02d} of that month")


def _json_time(value: object, field: str) -> WikidataTime:
    """A time datavalue's ``value`` object of entity JSON, checked."""
    if not isinstance(value, Mapping):
        raise FieldError(field, value, "a time value: an object with 'time', 'precision' and more")
    text = value.get("time")
    found = _JSON_TIME.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise FieldError(f"{field}.time", text, "a Wikibase time such as '+1875-05-07T00:00:00Z'")
    precision = value.get("precision")
    if type(precision) is not int:
        raise FieldError(f"{field}.precision", precision, _PRECISION_EXPECTED)
    calendar = value.get("calendarmodel")
    if not isinstance(calendar, str) or not calendar.startswith(ENTITY):
        raise FieldError(f"{field}.calendarmodel", calendar, _CALENDAR_EXPECTED)
    for key in ("before", "after"):
        if value.get(key, 0) != 0:
            raise FieldError(
                f"{field}.{key}",
                value.get(key),
                "0: Wikidata does not use 'before' and 'after', and its two descriptions of "
                "them disagree (units before or after the time?), so they cannot be read "
                "honestly; bound the date with P1319 and P1326 qualifiers instead",
            )
    sign, year, month, day = found.groups()
    time = WikidataTime(
        -int(year) if sign == "-" else int(year),
        int(month),
        int(day),
        precision,
        calendar.removeprefix(ENTITY),
        text,  # type: ignore[arg-type]
    )
    _check_time(time, field)
    if precision == 11 and value.get("timezone", 0) != 0:
        raise FieldError(
            f"{field}.timezone",
            value.get("timezone"),
            "0 for a day (a time zone could move the day; Wikidata does not use it)",
        )
    return time


def _xsd_time(text: object, precision: object, calendar: object, field: str) -> WikidataTime:
    """A WDQS value node's time, precision and calendar (binding values), checked."""
    found = _XSD_TIME.fullmatch(text) if isinstance(text, str) else None
    if found is None:
        raise FieldError(field, text, "an xsd:dateTime such as '1875-05-07T00:00:00Z'")
    try:
        code = int(str(precision))
    except ValueError:
        raise FieldError(f"{field} precision", precision, _PRECISION_EXPECTED) from None
    if not isinstance(calendar, str) or not calendar.startswith(ENTITY):
        raise FieldError(f"{field} calendar", calendar, _CALENDAR_EXPECTED)
    sign, year, month, day = found.groups()
    qid = calendar.removeprefix(ENTITY)
    time = WikidataTime(
        -int(year) if sign else int(year),
        int(month),
        int(day),
        code,
        qid,
        text,  # type: ignore[arg-type]
        # Wikibase's RDF export converts a Julian day to the Gregorian, and nothing coarser
        day_is_gregorian=qid == JULIAN and code >= 11,
    )
    _check_time(time, field)
    return time


def _date(value: _Value) -> FuzzyDate:
    """The `FuzzyDate` of a statement: its value, its circa and its earliest/latest bounds."""
    qualifier = Qualifier.NONE
    for circumstance in value.sourcing:
        qualifier |= _QUALIFIERS.get(circumstance, Qualifier.NONE)
    parts = [t for t in (value.main, value.earliest, value.latest) if t is not None]
    if not parts:  # "unknown value" with no earliest or latest date
        raise FieldError(value.prop, "somevalue", "a known value, or an earliest or latest date")
    calendars = {t.calendar for t in parts}
    mixed = len(calendars) > 1
    calendar = Calendar.GREGORIAN if mixed else _CALENDARS[calendars.pop()]
    try:
        main = value.main.side() if value.main is not None else None
        lo_side = value.earliest.side() if value.earliest is not None else None
        hi_side = value.latest.side() if value.latest is not None else None
    except ValueError as error:
        raise FieldError(value.prop, _wording(value), str(error)) from None
    if main is not None:
        lo_bound = lo_side[0] if lo_side else main[0]
        hi_bound = hi_side[1] if hi_side else main[1]
        if main[1] < lo_bound or main[0] > hi_bound:
            raise FieldError(
                value.prop,
                f"{value.main.text if value.main else ''}",
                f"a value inside its own earliest ({lo_bound}) and latest ({hi_bound}) "
                "dates: this statement contradicts itself",
            )
    first = lo_side or main
    last = hi_side or main
    first_q = qualifier if lo_side is None else Qualifier.NONE
    last_q = qualifier if hi_side is None else Qualifier.NONE
    if first is None and last is None:
        raise FieldError(value.prop, "somevalue", "a known value, or an earliest or latest date")
    if first is not None and last is not None and first[0] > last[1]:
        raise FieldError(
            value.prop,
            f"{first[0]}..{last[1]}",
            "an earliest date not after the latest date",
        )
    text = _text(
        first, last, first_q, last_q, single=lo_side is None and hi_side is None, mixed=mixed
    )
    try:
        return FuzzyDate(
            core_earliest=None if first is None else first[0],
            core_latest=None if last is None else last[1],
            first_precision=Precision.CENTURY if first is None else first[2],
            last_precision=Precision.CENTURY if last is None else last[2],
            first_qualifier=Qualifier.NONE if first is None else first_q,
            last_qualifier=Qualifier.NONE if last is None else last_q,
            text=text,
            calendar=calendar,
        )
    except FieldError as error:  # its qualifiers widen it past the years 1-9999
        raise FieldError(value.prop, text, error.expected) from None
    except ValueError as error:  # DateParseError: widened past the supported years
        raise FieldError(value.prop, text, str(error)) from None


_MARK: Final = {
    Qualifier.NONE: "",
    Qualifier.APPROXIMATE: "~",
    Qualifier.UNCERTAIN: "?",
    Qualifier.APPROXIMATE | Qualifier.UNCERTAIN: "%",
}


def _text(
    first: tuple[Date, Date, Precision, str] | None,
    last: tuple[Date, Date, Precision, str] | None,
    first_q: Qualifier,
    last_q: Qualifier,
    *,
    single: bool,
    mixed: bool,
) -> str:
    """The date's wording: EDTF in its own calendar (read back with that calendar), or the
    Gregorian days where its parts are written in different calendars (``mixed``)."""

    def one(side: tuple[Date, Date, Precision, str] | None, q: Qualifier, end: bool) -> str:
        if side is None:
            return ".."
        words = str(side[1] if end else side[0]) if mixed else side[3]
        if "/" in words:  # a century: its years, each qualified
            lo, hi = words.split("/")
            words = hi if end else lo
        return words + _MARK[q]

    if single and not mixed and first is not None and first is last and "/" not in first[3]:
        return first[3] + _MARK[first_q]
    return f"{one(first, first_q, end=False)}/{one(last, last_q, end=True)}"


def _locator(qid: str, prop: str, statement: object, revision: object) -> str:
    parts = [f"{qid} {prop}"]
    details = []
    if isinstance(statement, str) and statement:
        details.append(f"statement {statement}")
    if isinstance(revision, int):
        details.append(f"revision {revision}")
    if details:
        parts.append(f"({', '.join(details)})")
    return " ".join(parts)


def _wording(value: _Value) -> str:
    said = []
    if value.main is not None:
        said.append(value.main.wording(value.prop))
    else:
        said.append(f"{value.prop} unknown value")
    if value.earliest is not None:
        said.append(value.earliest.wording(EARLIEST))
    if value.latest is not None:
        said.append(value.latest.wording(LATEST))
    said.extend(f"{SOURCING} {c}" for c in value.sourcing)
    return "; ".join(said)


def _unknown(value: _Value) -> bool:
    """Whether a statement is "unknown value" with no earliest or latest date."""
    return value.main is None and value.earliest is None and value.latest is None


def _open_end(start: FuzzyDate) -> FuzzyDate:
    """The end of an event known to have started at ``start`` and ended on a day not known:
    from the first day it could have ended (its start) on, open."""
    first = start.to_edtf().split("/")[0] or ".."
    return FuzzyDate.parse(f"{first}/..", form="edtf")


def _event_versions(
    qid: str,
    title: str,
    description: str,
    starts: Sequence[_Value],
    ends: Sequence[_Value],
    note: str,
    where: str,
    problems: list[Problem],
    *,
    spans: bool = False,
) -> list[Event]:
    """One version per start (and end) statement: the timeline merges them. With ``spans``
    (start and end time), an end not stated, or stated as "unknown value", is open: the event
    lasted from its start to some day not known, never a one-day event."""
    events = []
    closing: list[_Value | None] = [*ends] or [None]
    for start in starts:
        for end in closing:
            open_end = spans and (end is None or _unknown(end))
            try:
                start_date = _date(start)
                end_date = _open_end(start_date) if open_end else None
                if end is not None and not open_end:
                    end_date = _date(end)
            except FieldError as bad:
                problems.append(Problem(where, bad.field, bad.value, bad.expected))
                continue
            citations = [Citation(SOURCE.id, start.locator, _wording(start))]
            if end is not None:
                citations.append(Citation(SOURCE.id, end.locator, _wording(end)))
            unknown = [
                f"{v.prop} {SOURCING} {c}"
                for v in (start, end)
                if v is not None
                for c in v.sourcing
                if c not in _QUALIFIERS
            ]
            notes = [note] if note else []
            if open_end:
                said = "no end time" if end is None else f"the end time ({end.prop}) as unknown"
                notes.append(f"Wikidata states {said}: the end is open")
            if unknown:
                notes.append(
                    "Wikidata sourcing circumstances not read into the date: " + ", ".join(unknown)
                )
            try:
                events.append(
                    Event(
                        id=qid.lower(),
                        title=title,
                        start=start_date,
                        end=end_date,
                        description=description,
                        citations=citations,
                        note="\n".join(notes),
                    )
                )
            except FieldError as error:
                problems.append(error.at(where))
    return events


# --- entity JSON -------------------------------------------------------------------------


def _languages(language: str) -> list[str]:
    chain = [language]
    if "-" in language:
        chain.append(language.split("-")[0])
    chain.extend(code for code in ("mul", "en") if code not in chain)
    return chain


def _term(terms: object, chain: Sequence[str]) -> str | None:
    if not isinstance(terms, Mapping):
        return None
    for code in chain:
        term = terms.get(code)
        if isinstance(term, Mapping) and isinstance(term.get("value"), str):
            return str(term["value"])
    return None


def _best(statements: object) -> list[Mapping[str, Any]]:
    """The statements ``wdt:`` would read: preferred ones if any, else the normal ones."""
    if not isinstance(statements, list):
        return []
    kept = [s for s in statements if isinstance(s, Mapping) and s.get("rank") != "deprecated"]
    preferred = [s for s in kept if s.get("rank") == "preferred"]
    return preferred or kept


def _snak_time(snak: object, field: str) -> WikidataTime | None:
    """The time of a snak; None for "unknown value"; `FieldError` for anything unreadable."""
    if not isinstance(snak, Mapping):
        raise FieldError(field, snak, "a snak")
    kind = snak.get("snaktype")
    if kind == "somevalue":
        return None
    if kind == "novalue":
        raise FieldError(field, "novalue", "a date ('no value' says there is none)")
    datavalue = snak.get("datavalue")
    if not isinstance(datavalue, Mapping) or datavalue.get("type", "time") != "time":
        raise FieldError(field, datavalue, "a time datavalue")
    return _json_time(datavalue.get("value"), field)


def _qualifier_time(statement: Mapping[str, Any], prop: str, field: str) -> WikidataTime | None:
    qualifiers = statement.get("qualifiers")
    snaks = qualifiers.get(prop) if isinstance(qualifiers, Mapping) else None
    if not snaks:
        return None
    times = [_snak_time(snak, f"{field} {prop}") for snak in snaks]
    known = [t for t in times if t is not None]
    if len(known) > 1:
        raise FieldError(f"{field} {prop}", [t.text for t in known], f"one {prop} value")
    return known[0] if known else None


def _sourcing(statement: Mapping[str, Any]) -> tuple[str, ...]:
    qualifiers = statement.get("qualifiers")
    snaks = qualifiers.get(SOURCING) if isinstance(qualifiers, Mapping) else None
    found = []
    for snak in snaks or ():
        value = snak.get("datavalue", {}).get("value") if isinstance(snak, Mapping) else None
        if isinstance(value, Mapping) and isinstance(value.get("id"), str):
            found.append(value["id"])
    return tuple(found)


def _statement_values(
    qid: str, prop: str, claims: Mapping[str, Any], revision: object
) -> Iterator[_Value | FieldError]:
    for statement in _best(claims.get(prop)):
        field = f"claims.{prop}"
        try:
            main = _snak_time(statement.get("mainsnak"), field)
            yield _Value(
                prop,
                main,
                _qualifier_time(statement, EARLIEST, field),
                _qualifier_time(statement, LATEST, field),
                _sourcing(statement),
                _locator(qid, prop, statement.get("id"), revision),
            )
        except FieldError as bad:
            yield bad


def _entities(data: object) -> list[object]:
    if isinstance(data, Mapping) and isinstance(data.get("entities"), Mapping):
        return list(data["entities"].values())
    if isinstance(data, Mapping) and "claims" in data:
        return [data]
    if isinstance(data, list):
        return list(data)
    return []


def from_wikidata_entities(
    data: Mapping[str, Any] | Sequence[Any] | str,
    *,
    language: str = "en",
    point: str = "P585",
    start: str = "P580",
    end: str = "P582",
    name: str = "<Wikidata>",
) -> Timeline:
    """A timeline of the items of Wikidata entity JSON (parsed, or as text).

    ``data`` is what ``Special:EntityData/Q123.json`` or ``wbgetentities`` return
    (``{"entities": {...}}``), one entity, or a list of entities (a JSON dump). The date of
    each item comes from ``start``/``end`` if it has them, else ``point`` (see the module
    docstring for precision, calendar and qualifiers); ``language`` chooses its title and
    description. Every problem (an unreadable value, an item with no date) is reported at
    once in one `timeline.ValidationError` naming ``name``, the item and the field.

    >>> item = {"id": "Q1", "labels": {"en": {"language": "en", "value": "Fire"}},
    ...         "claims": {"P585": [{"rank": "normal", "mainsnak": {"snaktype": "value",
    ...             "datavalue": {"type": "time", "value": {"time": "+1666-09-02T00:00:00Z",
    ...             "timezone": 0, "before": 0, "after": 0, "precision": 11,
    ...             "calendarmodel": "http://www.wikidata.org/entity/Q1985786"}}}}]}}
    >>> event = from_wikidata_entities(item)["q1"]
    >>> event.title, str(event.earliest), event.start.calendar.value
    ('Fire', '1666-09-12', 'julian')
    """
    if isinstance(data, str):
        return loads_wikidata_entities(data, language=language, name=name)
    entities = _entities(data)
    if not entities:
        raise ValidationError(
            name,
            [
                Problem(
                    "file",
                    "entities",
                    shorten(data),
                    "Wikidata entity JSON: {'entities': {...}}, one entity or a list of them",
                )
            ],
        )
    _check_language(language, name)
    chain = _languages(language)
    problems: list[Problem] = []
    versions: list[Event] = []
    for index, entity in enumerate(entities):
        where = f"entity #{index + 1}"
        if not isinstance(entity, Mapping):
            problems.append(Problem(where, "(entity)", shorten(entity), "an entity object"))
            continue
        qid = entity.get("id")
        if not isinstance(qid, str) or _QID.fullmatch(qid) is None:
            problems.append(Problem(where, "id", qid, "an item id such as 'Q7186'"))
            continue
        where = f"entity {qid}"
        if "missing" in entity:
            problems.append(Problem(where, "id", qid, "an item that exists (it is missing)"))
            continue
        claims = entity.get("claims")
        if not isinstance(claims, Mapping):
            claims = {}
        revision = entity.get("lastrevid")
        values: dict[str, list[_Value]] = {}
        for prop in (start, end, point):
            values[prop] = []
            for found in _statement_values(qid, prop, claims, revision):
                if isinstance(found, FieldError):
                    problems.append(Problem(where, found.field, found.value, found.expected))
                else:
                    values[prop].append(found)
        title = _term(entity.get("labels"), chain) or qid
        description = _term(entity.get("descriptions"), chain) or ""
        versions.extend(
            _item_versions(
                qid, title, description, values, (point, start, end), where, problems, claims
            )
        )
    if problems:
        raise ValidationError(name, problems)
    return Timeline.from_versions(versions, [SOURCE])


def _item_versions(
    qid: str,
    title: str,
    description: str,
    values: Mapping[str, list[_Value]],
    props: tuple[str, str, str],
    where: str,
    problems: list[Problem],
    claims: Mapping[str, Any],
) -> list[Event]:
    point, start, end = props
    starts, ends, points = values[start], values[end], values[point]
    note = ""
    if starts:
        if points:
            note = "Wikidata also states " + "; ".join(_wording(v) for v in points)
        return _event_versions(
            qid, title, description, starts, ends, note, where, problems, spans=True
        )
    if points:
        if ends:
            note = "Wikidata also states " + "; ".join(_wording(v) for v in ends)
        return _event_versions(qid, title, description, points, [], note, where, problems)
    if not any(claims.get(p) for p in props):
        problems.append(
            Problem(
                where,
                "claims",
                sorted(claims)[:8] if claims else "(none)",
                f"a date: {start} (start time, with {end}) or {point} (point in time)",
            )
        )
    elif ends:
        problems.append(
            Problem(where, f"claims.{start}", "(missing)", f"a start for its {end} (end time)")
        )
    elif not problems or problems[-1].where != where:
        problems.append(
            Problem(
                where,
                "claims",
                "only deprecated statements",
                f"a date that is not deprecated ({start} or {point})",
            )
        )
    return []


def _check_language(language: object, name: str) -> None:
    if not isinstance(language, str) or not is_language_tag(language):
        raise ValidationError(
            name,
            [Problem("argument", "language", language, "a Wikidata language code such as 'en'")],
        )


def loads_wikidata_entities(text: str, **options: Any) -> Timeline:
    """A timeline from Wikidata entity JSON text (see `from_wikidata_entities`)."""
    name = options.get("name", "<Wikidata>")
    from timeline.io.formats import parse_json

    data = parse_json(text, name)
    return from_wikidata_entities(data, **options)


# --- SPARQL results ----------------------------------------------------------------------

ROLES: Final = ("time", "start", "end")
"""The date roles a SPARQL result may bind: point in time, start time and end time."""
_SUFFIXES: Final = ("", "Precision", "Calendar")


def _sparql_shape_error(name: str, missing: Iterable[str], role: str, prop: str) -> ValidationError:
    wanted = " ".join(f"?{role}{s}" for s in _SUFFIXES)
    return ValidationError(
        name,
        [
            Problem(
                "head",
                "vars",
                sorted(missing),
                f"{wanted} together: a time literal alone (wdt:{prop}) has lost its precision "
                f"and calendar (WDQS writes the year 1875 as 1875-01-01T00:00:00Z); select them "
                f"from the value node: ?item p:{prop}/psv:{prop} [wikibase:timeValue ?{role}; "
                f"wikibase:timePrecision ?{role}Precision; wikibase:timeCalendarModel "
                f"?{role}Calendar]",
            )
        ],
    )


def _binding(row: Mapping[str, Any], var: str) -> str | None:
    """The value of a SPARQL JSON binding (None when unbound); a binding that is not the
    format's ``{"type": ..., "value": "..."}`` is a `timeline.FieldError` naming it."""
    cell = row.get(var)
    if cell is None:
        return None
    if isinstance(cell, Mapping) and isinstance(cell.get("value"), str):
        return str(cell["value"])
    raise FieldError(
        f"?{var}", shorten(cell), 'a SPARQL JSON binding {"type": ..., "value": "..."}'
    )


def _sparql_time(row: Mapping[str, Any], var: str) -> WikidataTime | None:
    text = _binding(row, var)
    if text is None:
        return None
    return _xsd_time(text, _binding(row, var + "Precision"), _binding(row, var + "Calendar"), var)


def from_wikidata_sparql(
    data: Mapping[str, Any] | str,
    *,
    properties: Mapping[str, str] | None = None,
    name: str = "<WDQS>",
) -> Timeline:
    """A timeline from WDQS SPARQL JSON results (``application/sparql-results+json``).

    Each row names an item (``?item``, its URI) and at least one date role: ``?time`` (point
    in time), ``?start`` or ``?end``, each with its ``?<role>Precision`` and
    ``?<role>Calendar`` from the value node (``psv:``); a qualifier of a role is
    ``?<role>Earliest`` / ``?<role>Latest`` (each with its own Precision and Calendar) and
    ``?<role>Sourcing`` (sourcing circumstances). ``?itemLabel``, ``?itemDescription`` and
    ``?<role>Statement`` (the statement node) are read if present. Rows of one item are
    versions of one event. ``properties`` says which property each role was queried from
    (default ``{"time": "P585", "start": "P580", "end": "P582"}``), for the citations.

    A result whose head has a date without its precision and calendar is refused, with the
    query shape it needs; every problem of the rows is reported at once.

    >>> results = {"head": {"vars": ["item", "itemLabel", "time", "timePrecision",
    ...                              "timeCalendar"]},
    ...  "results": {"bindings": [{
    ...    "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q2"},
    ...    "itemLabel": {"type": "literal", "value": "Treaty", "xml:lang": "en"},
    ...    "time": {"type": "literal", "value": "1875-01-01T00:00:00Z",
    ...             "datatype": "http://www.w3.org/2001/XMLSchema#dateTime"},
    ...    "timePrecision": {"type": "literal", "value": "9",
    ...                      "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
    ...    "timeCalendar": {"type": "uri",
    ...                     "value": "http://www.wikidata.org/entity/Q1985727"}}]}}
    >>> event = from_wikidata_sparql(results)["q2"]
    >>> event.date_label(), str(event.latest)
    ('1875', '1875-12-31')
    """
    if isinstance(data, str):
        return loads_wikidata_sparql(data, properties=properties, name=name)
    props = {"time": "P585", "start": "P580", "end": "P582"} | dict(properties or {})
    head = data.get("head") if isinstance(data, Mapping) else None
    results = data.get("results") if isinstance(data, Mapping) else None
    variables = head.get("vars") if isinstance(head, Mapping) else None
    bindings = results.get("bindings") if isinstance(results, Mapping) else None
    if not isinstance(variables, list) or not isinstance(bindings, list):
        raise ValidationError(
            name,
            [
                Problem(
                    "file",
                    "(results)",
                    shorten(data),
                    "SPARQL JSON results: {'head': {'vars': [...]}, "
                    "'results': {'bindings': [...]}}",
                )
            ],
        )
    names = set(variables)
    if "item" not in names:
        raise ValidationError(
            name, [Problem("head", "vars", sorted(names), "an ?item variable (the item's URI)")]
        )
    roles = [r for r in ROLES if r in names]
    for role in ROLES:
        for part in (role, role + "Earliest", role + "Latest"):
            present = {part + s for s in _SUFFIXES} & names
            if present and len(present) < len(_SUFFIXES):
                missing = {part + s for s in _SUFFIXES} - names
                raise _sparql_shape_error(name, missing, part, props.get(role, "P585"))
    if not roles:
        raise ValidationError(
            name,
            [
                Problem(
                    "head",
                    "vars",
                    sorted(names),
                    "a date: ?time (point in time), ?start or ?end, each with ?<role>Precision "
                    "and ?<role>Calendar",
                )
            ],
        )
    problems: list[Problem] = []
    versions: list[Event] = []
    for index, row in enumerate(bindings):
        where = f"row #{index + 1}"
        if not isinstance(row, Mapping):
            problems.append(Problem(where, "(row)", shorten(row), "a binding object"))
            continue
        try:
            uri = _binding(row, "item") or ""
            qid = uri.removeprefix(ENTITY)
            if _QID.fullmatch(qid) is None:
                problems.append(Problem(where, "item", uri, f"an item URI such as {ENTITY}Q7186"))
                continue
            where = f"row #{index + 1} ({qid})"
            found: dict[str, _Value] = {}
            for role in roles:
                try:
                    main = _sparql_time(row, role)
                    earliest = _sparql_time(row, role + "Earliest")
                    latest = _sparql_time(row, role + "Latest")
                except FieldError as bad:
                    problems.append(Problem(where, bad.field, bad.value, bad.expected))
                    continue
                if main is None and earliest is None and latest is None:
                    continue
                sourcing = _binding(row, role + "Sourcing")
                prop = props.get(role, "P585")
                found[role] = _Value(
                    prop,
                    main,
                    earliest,
                    latest,
                    () if sourcing is None else (sourcing.removeprefix(ENTITY),),
                    _locator(qid, prop, _binding(row, role + "Statement"), None),
                )
            title = _binding(row, "itemLabel") or qid
            description = _binding(row, "itemDescription") or ""
            starts = [found["start"]] if "start" in found else []
            ends = [found["end"]] if "end" in found else []
            points = [found["time"]] if "time" in found else []
            if starts:
                note = "Wikidata also states " + _wording(points[0]) if points else ""
                versions.extend(
                    _event_versions(
                        qid, title, description, starts, ends, note, where, problems, spans=True
                    )
                )
            elif points:
                note = "Wikidata also states " + _wording(ends[0]) if ends else ""
                versions.extend(
                    _event_versions(qid, title, description, points, [], note, where, problems)
                )
            elif not any(p.where == where for p in problems):
                problems.append(
                    Problem(where, " ".join(f"?{r}" for r in roles), "(unbound)", "a date")
                )
        except FieldError as bad:  # a binding not in the SPARQL JSON shape
            problems.append(bad.at(where))
    if problems:
        raise ValidationError(name, problems)
    return Timeline.from_versions(versions, [SOURCE])


def loads_wikidata_sparql(text: str, **options: Any) -> Timeline:
    """A timeline from WDQS SPARQL JSON results text (see `from_wikidata_sparql`)."""
    name = options.get("name", "<WDQS>")
    from timeline.io.formats import parse_json

    data = parse_json(text, name)
    return from_wikidata_sparql(data, **options)
