"""The event model: `Event`, where it comes from (`Source`, `Citation`) and its `Status`."""

from __future__ import annotations

import enum
import html
import re
from collections.abc import Iterable
from typing import Final

import attrs

from timeline.dates import MAX_DATE, MIN_DATE, Date, FuzzyDate

__all__ = ["Citation", "Era", "Event", "Source", "Status", "is_language_tag", "is_slug"]

_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE_TAG: Final = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def is_slug(value: object) -> bool:
    """Whether value is a slug: lowercase letters and digits in words joined by single hyphens."""
    return isinstance(value, str) and _SLUG.fullmatch(value) is not None


def is_language_tag(value: object) -> bool:
    """Whether value has the shape of a BCP 47 language tag: a lowercase ISO 639 language of two
    or three letters, then subtags of one to eight letters or digits ("en", "pt-BR", "ja-Latn").

    Only the shape is checked, not IANA's registry.

    >>> is_language_tag("pt-BR"), is_language_tag("English"), is_language_tag("EN")
    (True, False, False)
    """
    return isinstance(value, str) and _LANGUAGE_TAG.fullmatch(value) is not None


def _language_tag(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not is_language_tag(value):
        raise ValueError(
            f"{attribute.name} must be a BCP 47 language tag such as 'en', 'pt' or 'ru', "
            f"got {value!r}"
        )


def _slug(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not is_slug(value):
        raise ValueError(
            f"{attribute.name} must be a slug (lowercase letters, digits, single hyphens), "
            f"got {value!r}"
        )


def _strings(values: Iterable[str] | str) -> tuple[str, ...]:
    """Tuple converter that keeps a bare string whole (instead of splitting it into characters)."""
    if isinstance(values, str):
        return (values,)
    return tuple(values)


def _citations(values: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple(values)


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
    title: str
    publisher: str = ""
    published: FuzzyDate | None = None
    url: str | None = None
    kind: str = ""
    language: str = attrs.field(default="en", validator=_language_tag)


@attrs.frozen
class Citation:
    """Where in a source an event is told: the source id, a locator (such as "paragraph 11")
    and the source's own date wording ("late 16th century")."""

    source: str = attrs.field(validator=_slug)
    locator: str = ""
    wording: str = ""

    def __str__(self) -> str:
        parts = [self.source, self.locator]
        text = ", ".join(p for p in parts if p)
        return f'{text}: "{self.wording}"' if self.wording else text


def _end_after_start(
    instance: Event, _: attrs.Attribute[FuzzyDate | None], end: FuzzyDate | None
) -> None:
    if end is None:
        return
    start_lo, end_hi = instance.start.earliest, end.latest
    if start_lo is not None and end_hi is not None and end_hi < start_lo:
        raise ValueError(
            f"event {instance.id!r} ends ({end.text!r}, by {end_hi}) before it starts "
            f"({instance.start.text!r}, from {start_lo})"
        )


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
    title: str
    start: FuzzyDate
    end: FuzzyDate | None = attrs.field(default=None, validator=_end_after_start)
    description: str = ""
    kind: str = ""
    actors: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    places: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    status: Status = attrs.field(default=Status.REPORTED, converter=Status)
    citations: tuple[Citation, ...] = attrs.field(default=(), converter=_citations)
    note: str = ""
    same_as: tuple[str, ...] = attrs.field(default=(), converter=_strings)

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
            self.earliest.toordinal() if self.earliest is not None else _OPEN_LOW,
            self.latest.toordinal() if self.latest is not None else _OPEN_HIGH,
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
    title: str
    start: FuzzyDate
    end: FuzzyDate | None = None


_OPEN_LOW: Final = MIN_DATE.toordinal() - 1
_OPEN_HIGH: Final = MAX_DATE.toordinal() + 1
