"""The TOML reader and validator: text to a `Timeline`, every problem of a file reported at once.

A file has ``[[sources]]`` and ``[[events]]`` tables (see README.md for every field). A date
is a string read by `FuzzyDate.parse`, or a table ``{text = "...", calendar = "julian"}``,
``{text = "...", reference = "..."}`` or ``{text = "...", edtf = "..."}`` when the wording
alone does not give the value. Relative phrases ("last year") are resolved against the
``published`` date of the source of the event's first citation.

Loading checks the whole file and raises one `ValidationError` that lists every problem.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from typing import Any, Final, ParamSpec, TypeVar

import attrs

from timeline.collection import Timeline
from timeline.dates import Fuzziness, FuzzyDate
from timeline.errors import (
    _MISSING,
    DateParseError,
    FieldError,
    Problem,
    ValidationError,
    shorten,
)
from timeline.model import (
    EVENT_FIELDS,
    STRINGS_EXPECTED,
    Citation,
    Era,
    Event,
    Resolution,
    Source,
    Status,
    check_end,
    check_language,
    check_rank,
    check_required_text,
    check_resolution,
    check_slug,
    check_text,
    date_expected,
    to_date,
    to_status,
)
from timeline.parsing import FORMS, YEAR_STARTS, Form, YearStart, parse_date
from timeline.parsing.fuzziness import read_fuzziness

__all__ = ["loads", "read_date"]

_SOURCE_FIELDS: Final = (
    "id", "title", "publisher", "published", "url", "kind", "language", "rank",
)  # fmt: skip
_RESOLUTION_FIELDS: Final = ("event", "field", "value", "reason", "by")
_EVENT_FIELDS: Final = (*EVENT_FIELDS, "versions")
_ERA_FIELDS: Final = ("id", "title", "start", "end")
_CITATION_FIELDS: Final = ("source", "locator", "wording")
_DATE_TABLE_FIELDS: Final = (
    "text",
    "calendar",
    "reference",
    "edtf",
    "form",
    "fuzziness",
    "year_start",
)
_SETTINGS_FIELDS: Final = ("date_form", "fuzziness", "year_start")
_KNOWN: Final[dict[tuple[str, ...], frozenset[str]]] = {
    fields: frozenset(fields)
    for fields in (
        _SOURCE_FIELDS,
        _EVENT_FIELDS,
        _CITATION_FIELDS,
        _ERA_FIELDS,
        _SETTINGS_FIELDS,
        _RESOLUTION_FIELDS,
    )
}
_T = TypeVar("_T")
_P = ParamSpec("_P")


class _Checker:
    """Collects the problems of one file while its values are read."""

    def __init__(self, name: str, form: Form = "mixed") -> None:
        self.name = name
        self.form: Form = form  # the file's [settings] date_form
        self.fuzziness: Fuzziness | None = None  # the file's [settings] fuzziness
        self.year_start: YearStart = "01-01"  # the file's [settings] year_start
        self.problems: list[Problem] = []
        # A file often repeats its date wordings ("ongoing", "in recent years", a year): each
        # (text, reference) is parsed once. FuzzyDate is immutable, so sharing is safe.
        self.dates: dict[tuple[str, int], FuzzyDate] = {}

    def add(self, where: str, field: str, value: object, expected: str) -> None:
        self.problems.append(Problem(where, field, value, expected))

    def rule(
        self, where: str, check: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs
    ) -> _T | None:
        """``check(*args, **kwargs)``, one of the model's rules (`timeline.model`), or None
        with its problem recorded at ``where``."""
        try:
            return check(*args, **kwargs)
        except FieldError as error:
            self.problems.append(error.at(where))
            return None

    def fields(
        self,
        table: Mapping[str, Any],
        where: str,
        known: tuple[str, ...],
        required: tuple[str, ...],
    ) -> None:
        if not table.keys() <= _KNOWN[known]:
            for key in table:
                if key not in known:
                    self.add(where, key, table[key], f"one of the fields {', '.join(known)}")
        for key in required:
            if key not in table:
                self.add(where, key, _MISSING, "a value (this field is required)")

    def string(self, table: Mapping[str, Any], where: str, key: str, default: str = "") -> str:
        value = table.get(key, default)
        if type(value) is str:
            return value
        return self.rule(where, check_text, key, value) or default

    def strings(self, table: Mapping[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = table.get(key, ())
        if value == () or value == []:
            return ()
        if type(value) is list and all(type(v) is str for v in value):
            return tuple(value)
        # the model's rule, but a file writes a list (a bare string is refused, not wrapped)
        self.add(where, key, value, STRINGS_EXPECTED)
        return ()

    def date(
        self, value: object, where: str, key: str, reference: FuzzyDate | None
    ) -> FuzzyDate | None:
        if isinstance(value, str):
            key_ = (value, id(reference))
            found = self.dates.get(key_)
            if found is not None:
                return found
        date = self.rule(
            where, read_date, key, value, reference, self.form, self.fuzziness, self.year_start
        )
        if date is not None and isinstance(value, str):
            self.dates[key_] = date
        return date


def read_date(
    key: str,
    value: object,
    reference: FuzzyDate | None,
    form: Form = "mixed",
    fuzziness: Fuzziness | None = None,
    year_start: YearStart = "01-01",
) -> FuzzyDate:
    """A date string (read by the model's `to_date`) or table; `FieldError` if it is neither."""
    if isinstance(value, str):
        return to_date(
            key, value, reference=reference, form=form, fuzziness=fuzziness, year_start=year_start
        )
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        raise FieldError(key, value, "a date text, or a table with a 'text' string")
    unknown = [k for k in value if k not in _DATE_TABLE_FIELDS]
    strings = all(isinstance(v, str) for k, v in value.items() if k != "fuzziness")
    if unknown or not strings:
        raise FieldError(
            key, value, f"a date table with string fields among {', '.join(_DATE_TABLE_FIELDS)}"
        )
    text = value["text"]
    if "fuzziness" in value:
        try:
            fuzziness = read_fuzziness(value["fuzziness"])
        except FieldError as error:
            raise FieldError(key, value, error.expected) from None
    if "form" in value and value["form"] not in FORMS:
        raise FieldError(key, value, f"form to be one of {', '.join(map(repr, FORMS))}")
    if "year_start" in value and value["year_start"] not in YEAR_STARTS:
        raise FieldError(key, value, "year_start to be '01-01' or '03-25' (Lady Day)")
    try:
        if "edtf" in value:
            parsed = FuzzyDate.parse(value["edtf"], form="edtf", fuzziness=fuzziness)
            return attrs.evolve(parsed, text=text)
        if "reference" in value:
            reference = FuzzyDate.parse(value["reference"])
        return parse_date(
            text,
            reference=reference,
            calendar=value.get("calendar", "gregorian"),
            form=value.get("form", form),
            fuzziness=fuzziness,
            year_start=value.get("year_start", year_start),
            old_style_only="year_start" not in value,  # a date's own year_start must apply
        )
    except DateParseError as error:
        raise FieldError(key, value, date_expected(error)) from None


def _read_id(check: _Checker, table: Mapping[str, Any], where: str) -> str:
    """The table's id if present and a slug (the model's rule); "" with a problem if not."""
    if "id" not in table:
        return ""  # reported as missing by `_Checker.fields`
    return check.rule(where, check_slug, "id", table["id"]) or ""


def _where(kind: str, index: int, table: object) -> str:
    ident = table.get("id") if isinstance(table, dict) else None
    if isinstance(ident, str) and ident:
        return f"{kind} {shorten(ident)} (#{index + 1})"
    return f"{kind} #{index + 1}"


def _tables(check: _Checker, document: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list):
        check.add("file", key, value, f"an array of tables ([[{key}]])")
        return []
    good = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            good.append(item)
        else:
            check.add(f"{key} #{index + 1}", key, item, "a table")
    return good


def _read_source(check: _Checker, table: dict[str, Any], where: str) -> Source | None:
    before = len(check.problems)
    check.fields(table, where, _SOURCE_FIELDS, ("id", "title"))
    ident = _read_id(check, table, where)
    published = None
    if "published" in table:
        published = check.date(table["published"], where, "published", None)
    url = table.get("url")
    if url is not None and not isinstance(url, str):
        check.add(where, "url", url, "a string")
    fields = {k: check.string(table, where, k) for k in ("title", "publisher", "kind")}
    language = check.rule(where, check_language, "language", table.get("language", "en"))
    rank = check.rule(where, check_rank, "rank", table.get("rank", 0))
    if len(check.problems) > before or rank is None or language is None:
        return None
    return Source(id=ident, published=published, url=url, language=language, rank=rank, **fields)


def _read_resolution(check: _Checker, table: dict[str, Any], where: str) -> Resolution | None:
    """A resolution, every problem of it reported (by the model's own rules)."""
    before = len(check.problems)
    check.fields(table, where, _RESOLUTION_FIELDS, _RESOLUTION_FIELDS)
    if "event" in table:
        check.rule(where, check_slug, "event", table["event"])
    for key in ("reason", "by"):
        if key in table:
            check.rule(where, check_required_text, key, table[key])
    field = check.rule(where, check_text, "field", table["field"]) if "field" in table else None
    value = check.rule(where, check_text, "value", table["value"]) if "value" in table else None
    if field is not None and value is not None:
        check.rule(where, check_resolution, field, value)
    if len(check.problems) > before:
        return None
    return check.rule(where, Resolution, **{k: table[k] for k in _RESOLUTION_FIELDS})


def _read_citations(
    check: _Checker, table: dict[str, Any], where: str, source_ids: Mapping[str, object]
) -> tuple[Citation, ...]:
    value = table.get("citations", [])
    if not isinstance(value, list):
        check.add(where, "citations", value, "an array of tables ([[events.citations]])")
        return ()
    citations = []
    for index, item in enumerate(value):
        place = f"{where}, citation #{index + 1}"
        if not isinstance(item, dict):
            check.add(place, "citations", item, "a table with source, locator, wording")
            continue
        check.fields(item, place, _CITATION_FIELDS, ("source",))
        source = check.string(item, place, "source")
        if "source" in item and check.rule(place, check_slug, "source", source) is None:
            continue
        if source and source not in source_ids:
            known = shorten(sorted(source_ids)) if source_ids else "none"
            check.add(place, "source", source, f"the id of a source in this file ({known})")
        locator, wording = (
            check.string(item, place, "locator"),
            check.string(item, place, "wording"),
        )
        if source:
            citations.append(Citation(source=source, locator=locator, wording=wording))
    return tuple(citations)


def _read_event(
    check: _Checker, table: dict[str, Any], where: str, published: Mapping[str, FuzzyDate | None]
) -> Event | None:
    before = len(check.problems)
    check.fields(table, where, _EVENT_FIELDS, ("id", "title", "start"))
    ident = _read_id(check, table, where)
    citations = _read_citations(check, table, where, published)
    reference = published.get(citations[0].source) if citations else None
    start = check.date(table["start"], where, "start", reference) if "start" in table else None
    end = check.date(table["end"], where, "end", reference) if "end" in table else None
    status = check.rule(where, to_status, table.get("status", Status.REPORTED))
    texts = {k: check.string(table, where, k) for k in ("title", "description", "kind", "note")}
    lists = {k: check.strings(table, where, k) for k in ("actors", "places", "tags", "same_as")}
    for other in lists["same_as"]:
        check.rule(where, check_slug, "same_as", other)
    if start is not None:
        check.rule(where, check_end, start, end)
    if len(check.problems) > before or start is None or status is None:
        return None
    return Event(
        id=ident,
        title=texts["title"],
        start=start,
        end=end,
        description=texts["description"],
        kind=texts["kind"],
        actors=lists["actors"],
        places=lists["places"],
        tags=lists["tags"],
        status=status,
        citations=citations,
        note=texts["note"],
        same_as=lists["same_as"],
    )


def _duplicates(check: _Checker, tables: list[dict[str, Any]], kind: str) -> None:
    first: dict[object, int] = {}
    for index, table in enumerate(tables):
        ident = table.get("id")
        if not isinstance(ident, str):
            continue
        if ident in first:
            check.add(
                _where(kind, index, table),
                "id",
                ident,
                f"a unique id ({kind} #{first[ident] + 1} has it already)",
            )
        else:
            first[ident] = index


def loads(text: str, *, name: str = "<string>") -> Timeline:
    """Read a timeline from TOML text; ``name`` (a file name) appears in error messages.

    Raises `ValidationError` listing every problem of the text at once.
    """
    check = _Checker(name)
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(
            name, [Problem("file", "(syntax)", str(error), "valid TOML")]
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise ValidationError(
            name,
            [
                Problem(
                    "file",
                    "(syntax)",
                    "arrays or tables nested too deep to read",
                    "valid TOML whose values are nested at most a few hundred levels deep",
                )
            ],
        ) from None
    for key in document:
        if key not in ("settings", "sources", "events", "eras", "resolutions"):
            check.add(
                "file",
                key,
                document[key],
                "only [settings], [[sources]], [[events]], [[eras]], [[resolutions]]",
            )
    _read_settings(check, document.get("settings", {}))
    sources = []
    for index, table in enumerate(_tables(check, document, "sources")):
        source = _read_source(check, table, _where("source", index, table))
        if source is not None:
            sources.append(source)
    source_tables = _tables(_Checker(name), document, "sources")
    # Sources whose own entry is invalid still count as declared: their problem is reported
    # once, at the source, not again at every citation.
    published: dict[str, FuzzyDate | None] = {
        t["id"]: None for t in source_tables if isinstance(t.get("id"), str)
    }
    published.update({s.id: s.published for s in sources})
    _duplicates(check, source_tables, "source")
    versions: list[Event] = []
    merged: list[tuple[str, Event, list[Event]]] = []
    event_tables = _tables(check, document, "events")
    for index, table in enumerate(event_tables):
        where = _where("event", index, table)
        event = _read_event(check, table, where, published)
        if "versions" not in table:
            versions.extend([event] if event is not None else [])
            continue
        group = _read_versions(check, table["versions"], where, published)
        versions.extend(group)
        if event is not None and group:
            merged.append((where, event, group))
    _duplicates(check, event_tables, "event")
    era_tables = _tables(check, document, "eras")
    eras = [e for i, t in enumerate(era_tables) if (e := _read_era(check, t, _where("era", i, t)))]
    _duplicates(check, era_tables, "era")
    resolutions = [
        r
        for i, t in enumerate(_tables(check, document, "resolutions"))
        if (r := _read_resolution(check, t, f"resolution #{i + 1}"))
    ]
    if check.problems:
        raise ValidationError(name, check.problems)
    timeline = Timeline.from_versions(versions, sources, eras, resolutions, checked=True)
    for where, event, group in merged:
        if event.id not in timeline or any(timeline[v.id] is not timeline[event.id] for v in group):
            check.add(
                where,
                "versions",
                sorted({v.id for v in group}),
                f"versions of the event {event.id!r}: each with its id, or an id joined to it "
                "by same_as",
            )
        elif timeline[event.id] != event:
            check.add(
                where,
                "versions",
                f"{len(group)} versions",
                "the fields beside [[events.versions]] to be the merge of those versions "
                "(edit the versions; the merged fields are written for reading)",
            )
    if check.problems:
        raise ValidationError(name, check.problems)
    return timeline


def _read_settings(check: _Checker, settings: object) -> None:
    """The file's [settings]: ``date_form`` ("mixed", "english" or "edtf") and
    ``fuzziness`` (amounts such as ``{year = "2 years"}``) for every date."""
    if not isinstance(settings, dict):
        check.add("file", "settings", settings, "a table [settings]")
        return
    check.fields(settings, "settings", _SETTINGS_FIELDS, ())
    if "fuzziness" in settings:
        try:
            check.fuzziness = read_fuzziness(settings["fuzziness"])
        except FieldError as error:
            check.problems.append(error.at("settings"))
    year_start = settings.get("year_start", "01-01")
    if year_start in YEAR_STARTS:
        check.year_start = year_start
    else:
        check.add("settings", "year_start", year_start, "'01-01' or '03-25' (Lady Day)")
    form = settings.get("date_form", "mixed")
    if form not in FORMS:
        check.add("settings", "date_form", form, f"one of {', '.join(map(repr, FORMS))}")
        return
    check.form = form


def _read_era(check: _Checker, table: dict[str, Any], where: str) -> Era | None:
    before = len(check.problems)
    check.fields(table, where, _ERA_FIELDS, ("id", "title", "start"))
    ident = _read_id(check, table, where)
    title = check.string(table, where, "title")
    start = check.date(table["start"], where, "start", None) if "start" in table else None
    end = check.date(table["end"], where, "end", None) if "end" in table else None
    if start is not None:
        check.rule(where, check_end, start, end)
    if start is None or len(check.problems) > before:
        return None
    return Era(id=ident, title=title, start=start, end=end)


def _read_versions(
    check: _Checker, value: object, where: str, published: Mapping[str, FuzzyDate | None]
) -> list[Event]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        check.add(where, "versions", value, "an array of event tables ([[events.versions]])")
        return []
    group = []
    for index, table in enumerate(value):
        if "versions" in table:
            check.add(f"{where}, version #{index + 1}", "versions", "...", "no nested versions")
            continue
        version = _read_event(check, table, f"{where}, version #{index + 1}", published)
        if version is not None:
            group.append(version)
    return group
