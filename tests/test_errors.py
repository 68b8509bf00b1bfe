"""One error hierarchy: every deliberate error is a `TimelineError`, defined in errors.py, named
`...Error`, and every message quotes a value shortened."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import timeline
from timeline import (
    Event,
    FuzzyDate,
    Source,
    Timeline,
    TimelineError,
    UnknownEventError,
    UnknownSourceError,
)
from timeline import errors as errors_module
from timeline.errors import Problem, shorten


def _modules() -> list[str]:
    names = ["timeline"]
    for info in pkgutil.walk_packages(timeline.__path__, "timeline."):
        if not info.name.endswith("__main__"):  # importing it runs the command line
            names.append(info.name)
    return names


def _exception_classes() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for name in _modules():
        try:
            module = importlib.import_module(name)
        except ImportError:  # an optional extra that is not installed
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__.startswith("timeline"):
                found.append(value)
    return sorted(set(found), key=lambda c: (c.__module__, c.__name__))


def test_every_exception_class_of_the_library_lives_in_errors_py() -> None:
    classes = _exception_classes()
    assert classes, "the walk found no exception classes"
    assert [c for c in classes if c.__module__ != "timeline.errors"] == []


def test_every_exception_class_is_a_timeline_error_named_error() -> None:
    for cls in _exception_classes():
        if issubclass(cls, Warning):  # a warning is said, not raised: named so
            assert cls.__name__.endswith("Warning"), cls
            continue
        assert issubclass(cls, TimelineError), cls
        assert cls.__name__.endswith("Error"), cls


def test_every_public_error_is_exported_from_the_package() -> None:
    public = [n for n in errors_module.__all__ if n.endswith("Error")]
    assert [n for n in public if n not in timeline.__all__] == []


def test_a_missing_source_is_an_unknown_source_not_an_unknown_event() -> None:
    tl = Timeline(
        [Event(id="x", title="X", start=FuzzyDate.parse("1875"))], [Source(id="a", title="A")]
    )
    with pytest.raises(
        UnknownSourceError, match=r"no source with id 'b'.*sources: \['a'\]"
    ) as caught:
        tl.source("b")
    assert not isinstance(caught.value, UnknownEventError)
    assert isinstance(caught.value, KeyError)  # as a mapping lookup would raise


def test_shorten_keeps_a_short_value_whole() -> None:
    assert shorten("7 May 1875") == repr("7 May 1875")
    assert shorten(["a", 1]) == repr(["a", 1])


def test_shorten_cuts_a_long_text_and_says_how_long_it_was() -> None:
    text = "a" * 5_000 + "END"
    short = shorten(text)
    assert len(short) < 200
    assert short.startswith("'aaa") and "END'" in short and "(5,003 characters)" in short


def test_shorten_cuts_deep_and_wide_containers() -> None:
    deep: list[object] = []
    for _ in range(1_000):
        deep = [deep]
    assert len(shorten(deep)) < 30
    assert len(shorten(list(range(100_000)))) < 100


def test_a_problem_quotes_a_huge_value_shortened() -> None:
    problem = Problem("event 'x' (#1)", "title", "t" * 10_000_000, "a string")
    assert len(str(problem)) < 250
    assert "(10,000,000 characters)" in str(problem)
