"""The exceptions `timeline` raises: one base class, `TimelineError`, and its subclasses.

Every error the library raises on purpose is a `TimelineError`; where a bad value (or a bad
argument type, or a missing key) is the cause it is also a `ValueError` (`TypeError`,
`KeyError`), so code written against the built-in exceptions keeps working:

* `DateParseError` (and `AmbiguousDateError`): text that is not a date.
* `ValidationError`: a data file or a set of values with problems, each a `Problem`;
  `FieldError` (and `FieldTypeError`): one field of one model value (`Event`, `Source`, ...).
* `QueryError`, `PlotOptionError`, `ArgumentError`: a query, a plot option or an argument the
  call cannot take.
* `UnsupportedFormatError` (a file in no format read or written here), `LossyFormatError` (a
  format that cannot hold the whole timeline), `FileWriteError` (a file that cannot be
  written).
* `MergeConflictError` (a strict merge found conflicts), `SourceConflictError` (one source id
  defined twice differently).
* `UnknownEventError`, `UnknownSourceError`: a lookup by an id the timeline does not have.

Every message names the bad value through `shorten`, so a 10 MB value is quoted in a line.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

if TYPE_CHECKING:
    from timeline.merging import Conflict

__all__ = [
    "AmbiguousDateError",
    "ArgumentError",
    "DateParseError",
    "FieldError",
    "FieldTypeError",
    "FileWriteError",
    "LossyExportWarning",
    "LossyFormatError",
    "MergeConflictError",
    "PlotOptionError",
    "Problem",
    "QueryError",
    "SourceConflictError",
    "TimelineError",
    "UnknownEventError",
    "UnknownSourceError",
    "UnsupportedFormatError",
    "ValidationError",
    "shorten",
]

_LIMIT: Final = 120
"""The longest text (in characters of its repr) a message quotes whole."""


def _repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxlevel = 3
    short.maxstring = short.maxother = _LIMIT
    short.maxlong = 40
    for name in ("maxtuple", "maxlist", "maxarray", "maxdict", "maxset", "maxfrozenset"):
        setattr(short, name, 8)
    short.maxdeque = 8
    return short


_SHORT: Final = _repr()


def shorten(value: object) -> str:
    """The repr of a value as an error message quotes it: whole when short, else cut.

    A long text keeps its start and end around ``...`` and says how long it was; a container
    shows its first items and at most three levels. Every message of this library quotes a
    value through this function.

    >>> shorten("1875")
    "'1875'"
    >>> short = shorten("x" * 10_000_000)
    >>> len(short), short[-24:]
    (144, ' (10,000,000 characters)')
    >>> shorten([[[["deep"]]]])
    '[[[[...]]]]'
    """
    text = _SHORT.repr(value)
    if isinstance(value, str) and len(value) > _LIMIT:
        text += f" ({len(value):,} characters)"
    return text


class TimelineError(Exception):
    """Base class of every error this library raises on purpose."""


class DateParseError(TimelineError, ValueError):
    """Text that is not a date this library understands.

    The message quotes the text and says which forms are accepted.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read {shorten(text)} as a date: {reason}")


class AmbiguousDateError(DateParseError):
    """Text with two common readings, refused rather than read one way silently.

    ``readings`` names each reading; the message says how to choose: a ``form``, or a
    spelling that has only one reading.
    """

    def __init__(self, text: str, readings: tuple[str, ...], advice: str) -> None:
        self.readings = readings
        listed = " or ".join(readings)
        super().__init__(text, f"it has two readings: {listed}; {advice}")


class _Missing:
    def __repr__(self) -> str:
        return "(missing)"


_MISSING = _Missing()


@attrs.frozen
class Problem:
    """One problem found in a data file: where it is, what was found and what was expected."""

    where: str
    field: str
    value: object
    expected: str

    def __str__(self) -> str:
        value = "(missing)" if self.value is _MISSING else shorten(self.value)
        place = f"{self.where}: " if self.where else ""
        return f"{place}field {self.field!r}: got {value}; expected {self.expected}"


class ValidationError(TimelineError, ValueError):
    """A data file (or a set of values) with one or more problems; all are listed at once."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}:\n{lines}")


class FieldError(ValidationError):
    """One field of a model value (an `Event`, a `Source`, a `FuzzyDate`...) that breaks a rule.

    ``field``, ``value`` and ``expected`` are what the file loader reports for the same
    problem (`at` gives its `Problem`): the model owns each rule, the loader reuses it.

    >>> error = FieldError("status", "rumoured", "one of 'reported', 'claimed'", where="Event")
    >>> str(error)
    "Event: field 'status': got 'rumoured'; expected one of 'reported', 'claimed'"
    >>> str(error.at("event 'x' (#1)"))
    "event 'x' (#1): field 'status': got 'rumoured'; expected one of 'reported', 'claimed'"
    """

    def __init__(self, field: str, value: object, expected: str, *, where: str = "") -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.where = where
        problem = Problem(where, field, value, expected)
        Exception.__init__(self, str(problem))
        self.source = where
        self.problems = (problem,)

    def at(self, where: str, value: object = _MISSING) -> Problem:
        """This problem as found at ``where`` in a file (with the file's ``value``, if given)."""
        return Problem(where, self.field, self.value if value is _MISSING else value, self.expected)


class FieldTypeError(FieldError, TypeError):
    """A field given a value of the wrong type (a number for a title, a list for a status)."""


class UnsupportedFormatError(TimelineError, ValueError):
    """A file in no format this library reads (or writes), by its suffix, its content or the
    ``format=`` asked for; the message names the file, what was tried and the formats that
    are supported."""

    def __init__(self, path: str, problem: str, supported: Sequence[str]) -> None:
        self.path = path
        self.supported = tuple(supported)
        super().__init__(f"{path}: {problem}; supported: {', '.join(supported)}")


class FileWriteError(TimelineError, OSError):
    """A file that cannot be written (a missing folder, a folder in its place, no
    permission); the message names the path and the reason, and nothing is left behind."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: cannot write this file ({reason})")


class LossyFormatError(TimelineError, ValueError):
    """A timeline written to a format that cannot hold all of it; the message says what would
    be lost and how to keep it (nothing is lost silently)."""

    def __init__(self, path: str, name: str, lost: Sequence[str], advice: str) -> None:
        self.path = path
        self.lost = tuple(lost)
        super().__init__(f"{path}: {name} cannot hold {', '.join(lost)}; {advice}")


class LossyExportWarning(UserWarning):
    """An export for showing or sharing (TimelineJS, ...) that leaves out what its format has
    no place for; the message names what was left out. Data formats raise
    `LossyFormatError` instead."""


class ArgumentError(TimelineError, TypeError):
    """An argument a call cannot take (a path where a `Timeline` is expected, no paths at all);
    the message names the call, the argument, what was given and what to pass instead."""

    def __init__(self, call: str, argument: str, value: object, expected: str) -> None:
        self.call = call
        self.argument = argument
        self.value = value
        self.expected = expected
        super().__init__(
            f"{call}: argument {argument!r}: got {shorten(value)}; expected {expected}"
        )


class QueryError(TimelineError, ValueError):
    """A query that cannot be answered as asked (an unknown mode, status or option)."""


class PlotOptionError(TimelineError, ValueError):
    """A plotting option with a value the figure cannot take; the message names the option,
    the value given and the values accepted."""

    def __init__(self, option: str, value: object, expected: str) -> None:
        self.option = option
        self.value = value
        self.expected = expected
        super().__init__(f"plot option {option}={shorten(value)}: expected {expected}")


class MergeConflictError(TimelineError):
    """Raised by a ``strict=True`` merge (or load) that found conflicts no resolution settled;
    lists every one."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = tuple(conflicts)
        lines = "\n".join(f"  - {c}" for c in self.conflicts)
        count = len(self.conflicts)
        super().__init__(
            f"{count} conflict{'' if count == 1 else 's'} that no resolution settled (a "
            f"[[resolutions]] table for the event and field decides one):\n{lines}"
        )


class SourceConflictError(TimelineError, ValueError):
    """Two timelines define the same source id differently; merging them would mix sources."""


class UnknownEventError(TimelineError, KeyError):
    """A lookup by an event id that is not in the timeline."""

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownSourceError(TimelineError, KeyError):
    """A lookup by a source id that is not in the timeline."""

    def __str__(self) -> str:
        return str(self.args[0])
