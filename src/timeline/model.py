"""The event model: `Event`, where it comes from (`Source`, `Citation`) and its `Status`.

The model fails early: every field is checked (or converted) when a value is built, and a
wrong type or value raises a `timeline.FieldError` (`FieldTypeError` for a wrong type) naming
the field, the value and what was expected. Each rule is written once, here: the TOML loader
(`timeline.io.toml`) calls the same functions (`check_slug`, `to_status`, `to_date`,
`check_end`, ...) and reports their problems with the file and the event they were found in.

A date field takes a `FuzzyDate`, a `datetime.date` (that day) or date text, read by
`FuzzyDate.parse` as the loader reads a date string: ``start="1618"``, ``end="ongoing"``.
Relative phrases ("last year") need the source's publication date: parse them with
``FuzzyDate.parse(text, reference=...)`` (a data file does this for itself).

>>> e = Event(id="defenestration", title="Defenestration of Prague", start="23 May 1618")
>>> str(e.earliest), e.date_label()
('1618-05-23', '23 May 1618')
>>> Event(id="x", title="X", start="1618", end="1600")
Traceback (most recent call last):
...
timeline.errors.FieldError: Event: field 'end': got '1600'; expected a date that is not \
before the start ('1618', from 1618-01-01)
"""

from __future__ import annotations

import datetime as _dt
import enum
import html
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from timeline.dates import OPEN_END, OPEN_START, Date, Fuzziness, FuzzyDate
from timeline.errors import DateParseError, FieldError, FieldTypeError, shorten
from timeline.parsing import parse_date

if TYPE_CHECKING:
    from timeline.parsing import Form, YearStart

__all__ = [
    "EVENT_FIELDS",
    "Citation",
    "Era",
    "Event",
    "Resolution",
    "Source",
    "Status",
    "check_end",
    "check_required_text",
    "check_resolution",
    "check_slug",
    "check_strings",
    "check_text",
    "is_language_tag",
    "is_slug",
    "slug_of",
    "to_date",
    "to_status",
]

_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE_TAG: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
LANGUAGE_EXPECTED: Final = "a BCP 47 language tag such as 'en', 'pt' or 'ru'"
SLUG_EXPECTED: Final = "a slug: lowercase letters, digits, single hyphens"
STATUS_EXPECTED: Final = "one of 'reported', 'claimed', 'planned', 'disputed'"
STRINGS_EXPECTED: Final = "a list of strings"
DateInput = FuzzyDate | _dt.date | str
"""What a date field takes: a `FuzzyDate`, a day, or date text."""


def is_slug(value: object) -> bool:
    """Whether value is a slug: lowercase letters and digits in words joined by single hyphens."""
    return isinstance(value, str) and _SLUG.fullmatch(value) is not None


_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")


def slug_of(text: str, taken: Collection[str] = (), *, default: str = "event") -> str:
    """An id made of text for an importer: accents dropped, lowercase letters and digits
    joined by hyphens, ``default`` when nothing is left, and a number added (``-2``,
    ``-3``, ...) while it is among ``taken``.

    >>> slug_of("Battle of Lützen"), slug_of("Lützen", {"lutzen", "lutzen-2"}), slug_of("?!")
    ('battle-of-lutzen', 'lutzen-3', 'event')
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = _NOT_SLUG.sub("-", plain.lower()).strip("-") or default
    ident, number = base, 1
    while ident in taken:
        number += 1
        ident = f"{base}-{number}"
    return ident


def is_language_tag(value: object) -> bool:
    """Whether value has the shape of a BCP 47 language tag: a lowercase ISO 639 language of two
    or three letters, then subtags of one to eight letters or digits ("en", "pt-BR", "ja-Latn").

    Only the shape is checked, not IANA's registry.

    >>> is_language_tag("pt-BR"), is_language_tag("English"), is_language_tag("EN")
    (True, False, False)
    """
    return isinstance(value, str) and _LANGUAGE_TAG.fullmatch(value) is not None


def check_language(field: str, value: object, *, where: str = "") -> str:
    """The value if it is a language tag (`is_language_tag`), else a `FieldError`."""
    if not isinstance(value, str):
        raise FieldTypeError(field, value, LANGUAGE_EXPECTED, where=where)
    if not is_language_tag(value):
        raise FieldError(field, value, LANGUAGE_EXPECTED, where=where)
    return value


def check_slug(field: str, value: object, *, where: str = "") -> str:
    """The value if it is a slug, else a `FieldError` (`FieldTypeError` if not text).

    >>> check_slug("id", "Treaty 1875")
    Traceback (most recent call last):
    ...
    timeline.errors.FieldError: field 'id': got 'Treaty 1875'; expected a slug: lowercase \
letters, digits, single hyphens
    """
    if not isinstance(value, str):
        raise FieldTypeError(field, value, SLUG_EXPECTED, where=where)
    if _SLUG.fullmatch(value) is None:
        raise FieldError(field, value, SLUG_EXPECTED, where=where)
    return value


def check_text(field: str, value: object, *, where: str = "") -> str:
    """The value if it is a string, else a `FieldTypeError`."""
    if not isinstance(value, str):
        raise FieldTypeError(field, value, "a string", where=where)
    return value


def check_strings(field: str, values: object, *, where: str = "") -> tuple[str, ...]:
    """A tuple of strings from a list (or other iterable) of strings; a bare string is kept
    whole, as a tuple of one (not split into characters). Anything else: `FieldTypeError`."""
    if isinstance(values, str):
        return (values,)
    if isinstance(values, Iterable) and not isinstance(values, Mapping):
        items = tuple(values)
        if all(isinstance(v, str) for v in items):
            return items
    raise FieldTypeError(field, values, STRINGS_EXPECTED, where=where)


def date_expected(error: DateParseError) -> str:
    """What a date field expected, given why its text did not read as a date."""
    return f"a date ({error.reason})"


def to_date(
    field: str,
    value: object,
    *,
    where: str = "",
    reference: FuzzyDate | None = None,
    form: Form = "mixed",
    fuzziness: Fuzziness | None = None,
    year_start: YearStart = "01-01",
) -> FuzzyDate:
    """A date field's value as a `FuzzyDate`: itself, a `datetime.date` as that day, or text
    read by `FuzzyDate.parse` (with ``reference``, ``form``, ``fuzziness`` and ``year_start``).

    Text that is not a date raises `FieldError` with the parser's reason; another type
    `FieldTypeError`.

    >>> to_date("start", "late 16th century").to_edtf()
    '1566/1599'
    >>> to_date("start", "1875-02-30")
    Traceback (most recent call last):
    ...
    timeline.errors.FieldError: field 'start': got '1875-02-30'; expected a date (day 30 does \
not exist in 1875-02 (it has 28 days))
    """
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, str):
        try:
            # a year_start given here is a file's: it applies to Old Style text only
            return parse_date(
                value,
                reference=reference,
                form=form,
                fuzziness=fuzziness,
                year_start=year_start,
                old_style_only=True,
            )
        except DateParseError as error:
            raise FieldError(field, value, date_expected(error), where=where) from error
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return FuzzyDate.from_bounds(value, value)
    raise FieldTypeError(field, value, "a FuzzyDate, a datetime.date or a date text", where=where)


def to_status(value: object, *, where: str = "", field: str = "status") -> Status:
    """A `Status` from itself or its value text ("reported"); else a `FieldError`."""
    if isinstance(value, Status):
        return value
    if isinstance(value, str):
        try:
            return Status(value)
        except ValueError:
            raise FieldError(field, value, STATUS_EXPECTED, where=where) from None
    raise FieldTypeError(field, value, STATUS_EXPECTED, where=where)


def check_end(start: FuzzyDate, end: FuzzyDate | None, *, where: str = "") -> None:
    """A `FieldError` on ``end`` if it lasts only to a day before the start can have begun.

    An end that overlaps the start at all is accepted: the two may be known to different
    precisions ("1875" to "May 1875").
    """
    if end is None:
        return
    lo, hi = start.earliest, end.latest
    if lo is not None and hi is not None and hi < lo:
        raise FieldError(
            "end",
            end.text,
            f"a date that is not before the start ({shorten(start.text)}, from {lo})",
            where=where,
        )


def _slug(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    check_slug(attribute.name, value, where=type(instance).__name__)


def _slugs(instance: object, attribute: attrs.Attribute[tuple[str, ...]], values: Any) -> None:
    for value in values:
        check_slug(attribute.name, value, where=type(instance).__name__)


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_text(attribute.name, value, where=type(instance).__name__)


def _required_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_required_text(attribute.name, value, where=type(instance).__name__)


def _optional_text(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None:
        check_text(attribute.name, value, where=type(instance).__name__)


def _end_after_start(
    instance: Event | Era, _: attrs.Attribute[FuzzyDate | None], end: FuzzyDate | None
) -> None:
    check_end(instance.start, end, where=type(instance).__name__)


# attrs converters get the value alone, so each field has its own (named, for mypy's plugin).
def _event_start(value: DateInput) -> FuzzyDate:
    return to_date("start", value, where="Event")


def _event_end(value: DateInput | None) -> FuzzyDate | None:
    return None if value is None else to_date("end", value, where="Event")


def _era_start(value: DateInput) -> FuzzyDate:
    return to_date("start", value, where="Era")


def _era_end(value: DateInput | None) -> FuzzyDate | None:
    return None if value is None else to_date("end", value, where="Era")


def _published(value: DateInput | None) -> FuzzyDate | None:
    return None if value is None else to_date("published", value, where="Source")


def _status(value: Status | str) -> Status:
    return to_status(value, where="Event")


def _actors(values: Iterable[str] | str) -> tuple[str, ...]:
    return check_strings("actors", values, where="Event")


def _places(values: Iterable[str] | str) -> tuple[str, ...]:
    return check_strings("places", values, where="Event")


def _tags(values: Iterable[str] | str) -> tuple[str, ...]:
    return check_strings("tags", values, where="Event")


def _same_as(values: Iterable[str] | str) -> tuple[str, ...]:
    return check_strings("same_as", values, where="Event")


def _citations(values: Iterable[Citation]) -> tuple[Citation, ...]:
    items = tuple(values) if isinstance(values, Iterable) else None
    if items is None or not all(isinstance(c, Citation) for c in items):
        raise FieldTypeError("citations", values, "a list of Citation values", where="Event")
    return items


class Status(enum.Enum):
    """How an event stands in its sources."""

    REPORTED = "reported"
    """Reported as fact."""
    CLAIMED = "claimed"
    """Stated by a party (an official, a government); the source attributes it, not asserts it."""
    PLANNED = "planned"
    """Announced for the future; it may not happen."""
    DISPUTED = "disputed"
    """Contradicted by the historical record or by another source; the note says how."""

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Source:
    """Where events come from: an article, a book, a reference work.

    ``published`` (a `FuzzyDate`) resolves relative phrases such as "last year" in the events
    that cite this source first. ``language`` is the BCP 47 tag of the language the source is
    written in ("en", the default; "pt", "ru", "ja"): a citation's `wording` quotes the source,
    so it is in that language.
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    publisher: str = attrs.field(default="", validator=_text)
    published: FuzzyDate | None = attrs.field(default=None, converter=_published)
    url: str | None = attrs.field(default=None, validator=_optional_text)
    kind: str = attrs.field(default="", validator=_text)
    language: str = attrs.field(
        default="en", validator=lambda i, a, v: check_language(a.name, v, where="Source")
    )
    """The BCP 47 tag of the language the source is written in ("en", the default; "pt",
    "ru", "ja"): a citation's ``wording`` quotes the source, so it is in that language."""
    rank: int = attrs.field(default=0, validator=lambda i, a, v: check_rank(a.name, v))
    """How far a historian trusts this source against others: where versions of an event
    disagree on a field, the value of the higher-ranked source wins (see `timeline.merging`);
    every value is still recorded in the conflict. 0 unless set."""


@attrs.frozen
class Citation:
    """Where in a source an event is told: the source id, a locator (such as "paragraph 11")
    and the source's own date wording ("late 16th century")."""

    source: str = attrs.field(validator=_slug)
    locator: str = attrs.field(default="", validator=_text)
    wording: str = attrs.field(default="", validator=_text)

    def __str__(self) -> str:
        parts = [self.source, self.locator]
        text = ", ".join(p for p in parts if p)
        return f'{text}: "{self.wording}"' if self.wording else text


RESOLVABLE: Final = ("title", "kind", "status", "start", "end")
"""The fields a `Resolution` can decide."""


def check_rank(field: str, value: object, *, where: str = "Source") -> int:
    """A source's rank: a whole number (higher is more trusted), else a `FieldError`."""
    if type(value) is not int:
        raise FieldTypeError(field, value, "a whole number (higher is more trusted)", where=where)
    return value


def check_resolution(field: str, value: str, *, where: str = "Resolution") -> None:
    """Whether ``value`` can be the value of ``field``: a field a resolution can decide, a
    status for ``status``, a date text (not relative) for ``start`` and ``end``."""
    if field not in RESOLVABLE:
        raise FieldError("field", field, f"one of {', '.join(map(repr, RESOLVABLE))}", where=where)
    if field == "status":
        to_status(value, where=where, field="value")
    elif field in ("start", "end"):
        try:
            to_date("value", value, where=where)
        except FieldError as error:
            if "relative" not in error.expected:
                raise
            raise FieldError(
                "value",
                value,
                "a date that does not depend on when a source was written (a resolution "
                "cites no source): write the years, such as '2022'",
                where=where,
            ) from None


def check_required_text(field: str, value: object, *, where: str = "") -> str:
    """A string that is not blank, else a `FieldError`."""
    if not check_text(field, value, where=where).strip():
        raise FieldError(field, value, "a text (it is required)", where=where)
    return value  # type: ignore[return-value]


@attrs.frozen
class Resolution:
    """A historian's decision for one field of one event whose versions disagree: the value
    chosen, why, and who decided. A timeline holds its resolutions as data; merging applies
    them (the conflict shows the field was resolved, and by whom) and keeps them.

    ``event`` is any id of the event (a version's id or one joined by ``same_as``); ``field``
    one of `RESOLVABLE`; ``value`` the text of the chosen value (a status, or date text for
    ``start`` and ``end``).

    >>> Resolution(event="treaty", field="kind", value="treaty", reason="the record", by="ed.")
    Resolution(event='treaty', field='kind', value='treaty', reason='the record', by='ed.')
    """

    event: str = attrs.field(validator=_slug)
    field: str = attrs.field(validator=_text)
    value: str = attrs.field(validator=_text)
    reason: str = attrs.field(validator=_required_text)
    by: str = attrs.field(validator=_required_text)

    def __attrs_post_init__(self) -> None:
        check_resolution(self.field, self.value)

    def chosen(self) -> str | Status | FuzzyDate:
        """The chosen value as the field holds it: text, a `Status` or a `FuzzyDate`."""
        if self.field == "status":
            return to_status(self.value, where="Resolution", field="value")
        if self.field in ("start", "end"):
            return to_date("value", self.value, where="Resolution")
        return self.value


@attrs.frozen
class Event:
    """Something that happened (or was claimed, planned or disputed) at a fuzzy date.

    ``end`` is ``None`` for an instant; an end with an open latest bound ("ongoing") is
    something still going on. ``earliest``/``latest`` are the outer bounds of the whole event.

    >>> e = Event(id="treaty", title="Treaty", start=FuzzyDate.parse("7 May 1875"))
    >>> (str(e.earliest), str(e.latest), e.status.value)
    ('1875-05-07', '1875-05-07', 'reported')
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    start: FuzzyDate = attrs.field(converter=_event_start)
    end: FuzzyDate | None = attrs.field(
        default=None, converter=_event_end, validator=_end_after_start
    )
    description: str = attrs.field(default="", validator=_text)
    kind: str = attrs.field(default="", validator=_text)
    actors: tuple[str, ...] = attrs.field(default=(), converter=_actors)
    places: tuple[str, ...] = attrs.field(default=(), converter=_places)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_tags)
    status: Status = attrs.field(default=Status.REPORTED, converter=_status)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    note: str = attrs.field(default="", validator=_text)
    same_as: tuple[str, ...] = attrs.field(default=(), converter=_same_as, validator=_slugs)

    @property
    def earliest(self) -> Date | None:
        """The first day the event can have begun (None: open)."""
        return self.start.earliest

    @property
    def latest(self) -> Date | None:
        """The last day the event can have lasted to (None: open or still going on)."""
        return self.start.latest if self.end is None else self.end.latest

    @property
    def is_instant(self) -> bool:
        """Whether the event has no end of its own."""
        return self.end is None

    def sort_key(self) -> tuple[int, int, str]:
        """The deterministic order: earliest bound, then latest bound, then id; open ends last.

        An open earliest sorts before every date and an open latest after every date.
        """
        return (
            self.earliest.toordinal() if self.earliest is not None else OPEN_START,
            self.latest.toordinal() if self.latest is not None else OPEN_END,
            self.id,
        )

    def certainly_before(self, other: Event) -> bool:
        """Whether this event certainly ended before the other began (latest < other's earliest).

        An open end is never certainly before anything.
        """
        return (
            self.latest is not None and other.earliest is not None and self.latest < other.earliest
        )

    def possibly_before(self, other: Event) -> bool:
        """Whether this event may have begun before the other ended (earliest < other's latest).

        An open end leaves it possible.
        """
        return self.earliest is None or other.latest is None or self.earliest < other.latest

    def date_label(self, *, old_style: bool = False) -> str:
        """A human label for when the event happened (``old_style``: see `FuzzyDate.label`)."""
        if self.end is None:
            return self.start.label(old_style=old_style)
        return f"{self.start.label(old_style=old_style)} to {self.end.label(old_style=old_style)}"

    def _repr_html_(self) -> str:
        cells = (self.id, self.title, self.date_label(), self.status.value)
        return (
            "<table><tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr></table>"
        )


@attrs.frozen
class Era:
    """A named period (a war, a reign) drawn as a shaded band behind the events.

    ``end`` is ``None`` for an era still going on.
    """

    id: str = attrs.field(validator=_slug)
    title: str = attrs.field(validator=_text)
    start: FuzzyDate = attrs.field(converter=_era_start)
    end: FuzzyDate | None = attrs.field(
        default=None, converter=_era_end, validator=_end_after_start
    )


EVENT_FIELDS: Final = tuple(attrs.fields_dict(Event))
"""The fields of an `Event`, in order: the one list the data formats and the merge rules use."""
