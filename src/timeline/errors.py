"""The exceptions `timeline` raises: one base class and a few specific subclasses."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "AmbiguousDateError",
    "DateParseError",
    "DateValueError",
    "PlotOptionError",
    "Problem",
    "TimelineError",
    "ValidationError",
]


class TimelineError(Exception):
    """Base class of every error this library raises on purpose."""


class DateParseError(TimelineError, ValueError):
    """Text that is not a date this library understands.

    The message quotes the text and says which forms are accepted.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"cannot read {text!r} as a date: {reason}")


class DateValueError(TimelineError, ValueError):
    """A date value that cannot be: bounds out of order, a bound that is not a date, a
    fuzziness that is not whole months or days. The message names the value and what was
    expected."""


@attrs.frozen
class Problem:
    """One problem found in a data file: where it is, what was found and what was expected."""

    where: str
    field: str
    value: object
    expected: str

    def __str__(self) -> str:
        value = "(missing)" if self.value is _MISSING else repr(self.value)
        return f"{self.where}: field {self.field!r}: got {value}; expected {self.expected}"


class _Missing:
    def __repr__(self) -> str:
        return "(missing)"


_MISSING = _Missing()


class ValidationError(TimelineError, ValueError):
    """A data file (or a set of values) with one or more problems; all are listed at once."""

    def __init__(self, source: str, problems: Iterable[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}:\n{lines}")


class PlotOptionError(TimelineError, ValueError):
    """A plotting option with a value the figure cannot take; the message names the option,
    the value given and the values accepted."""

    def __init__(self, option: str, value: object, expected: str) -> None:
        self.option = option
        self.value = value
        self.expected = expected
        super().__init__(f"plot option {option}={value!r}: expected {expected}")


class AmbiguousDateError(DateParseError):
    """Text with two common readings, refused rather than read one way silently.

    ``readings`` names each reading; the message says how to choose: a ``form``, or a
    spelling that has only one reading.
    """

    def __init__(self, text: str, readings: tuple[str, ...], advice: str) -> None:
        self.readings = readings
        listed = " or ".join(readings)
        super().__init__(text, f"it has two readings: {listed}; {advice}")
