"""Order under uncertainty (Allen relations, certain order) and queries."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

import timeline
from tests.strategies import timelines
from timeline import (
    DateParseError,
    Event,
    FuzzyDate,
    QueryError,
    Relation,
    Status,
    Timeline,
    relation,
)


def ev(ident: str, start: str, end: str | None = None, **kw: object) -> Event:
    return Event(
        id=ident,
        title=ident,
        start=FuzzyDate.parse(start),
        end=None if end is None else FuzzyDate.parse(end),
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("1875",), ("1880",), Relation.BEFORE),
        (("1875",), ("1876",), Relation.MEETS),
        (("1875", "1877"), ("1876", "1880"), Relation.OVERLAPS),
        (("1875",), ("1875", "1880"), Relation.STARTS),
        (("May 1875",), ("1875",), Relation.DURING),
        (("December 1875",), ("1875",), Relation.FINISHES),
        (("1875",), ("1875-01-01/1875-12-31",), Relation.EQUALS),
        (("1875",), ("May 1875",), Relation.CONTAINS),
        (("1880",), ("1875",), Relation.AFTER),
        (("before 1600",), ("before 1700",), Relation.STARTS),  # open starts start together
        (("1875", "ongoing"), ("1945", "ongoing"), Relation.FINISHED_BY),
        (("late 16th century",), ("after 1599",), Relation.MEETS),
    ],
)
def test_allen_relations_on_outer_bounds(
    a: tuple[str, ...], b: tuple[str, ...], expected: Relation
) -> None:
    first, second = ev("a", *a), ev("b", *b)
    assert relation(first, second) is expected
    assert relation(second, first) is expected.inverse


def test_certainly_and_possibly_before() -> None:
    treaty = ev("treaty", "7 May 1875")
    decade = ev("decade", "the 1870s")
    war = ev("war", "1904", "1905")
    assert treaty.certainly_before(war) and treaty.possibly_before(war)
    assert not treaty.certainly_before(decade)
    assert treaty.possibly_before(decade) and decade.possibly_before(treaty)
    assert not war.possibly_before(treaty)
    ongoing = ev("tension", "1875", "ongoing")
    assert not ongoing.certainly_before(war)
    assert war.possibly_before(ongoing)


def test_certain_order_groups_what_the_evidence_cannot_settle() -> None:
    tl = Timeline(
        [
            ev("ivan", "late 16th century"),
            ev("before", "before 1584"),
            ev("treaty", "1875"),
            ev("decade", "the 1870s"),
            ev("war", "1904"),
        ]
    )
    groups = [[e.id for e in g] for g in tl.certain_order()]
    assert groups == [["before", "ivan"], ["decade", "treaty"], ["war"]]


@given(timelines())
def test_iteration_order_is_consistent_with_certainly_before(tl: Timeline) -> None:
    events = list(tl)
    for i, a in enumerate(events):
        for b in events[:i]:
            assert not a.certainly_before(b)


@given(timelines())
def test_relation_is_converse_consistent(tl: Timeline) -> None:
    for a in tl:
        for b in tl:
            assert relation(b, a) is relation(a, b).inverse


@given(timelines())
def test_certain_order_groups_are_certainly_ordered(tl: Timeline) -> None:
    groups = tl.certain_order()
    assert [e for g in groups for e in g] == list(tl)
    for i, earlier in enumerate(groups):
        for later in groups[i + 1 :]:
            assert all(a.certainly_before(b) for a in earlier for b in later)


def sample() -> Timeline:
    return Timeline(
        [
            ev("ivan", "late 16th century", actors=("Ivan IV", "Russia"), status="disputed"),
            ev(
                "treaty",
                "7 May 1875",
                actors=("Russia", "Japan"),
                places=("Sakhalin",),
                kind="treaty",
            ),
            ev(
                "kurils",
                "18 August 1945",
                "5 September 1945",
                actors=("Soviet Union",),
                places=("Kuril Islands",),
                tags=("ww2",),
            ),
            ev("tension", "1875", "ongoing", actors=("Russia", "Japan")),
            ev("bastion", "22 March 2023", status="claimed", tags=("missiles",)),
        ]
    )


@pytest.mark.parametrize(
    ("start", "end", "mode", "expected"),
    [
        ("1875", "1945", "overlaps", ["tension", "treaty", "kurils"]),
        ("1875", "1945", "within", ["treaty", "kurils"]),
        ("16th century", "16th century", "within", ["ivan"]),
        (None, "1600", "overlaps", ["ivan"]),
        ("2000", None, "overlaps", ["tension", "bastion"]),
        (dt.date(1945, 9, 1), dt.date(1945, 9, 1), "overlaps", ["tension", "kurils"]),
    ],
)
def test_between(
    start: str | dt.date | None, end: str | dt.date | None, mode: str, expected: list[str]
) -> None:
    assert [e.id for e in sample().between(start, end, mode=mode)] == expected  # type: ignore[arg-type]


def test_between_rejects_bad_input() -> None:
    with pytest.raises(QueryError, match="unknown mode 'inside'"):
        sample().between("1875", "1945", mode="inside")  # type: ignore[arg-type]
    with pytest.raises(DateParseError, match="'the olden days'"):
        sample().between("the olden days", None)
    with pytest.raises(QueryError, match=r"ends .* before it starts"):
        sample().between("1945", "1875")


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"actors": "Japan"}, ["tension", "treaty"]),
        ({"actors": ["Ivan IV", "Soviet Union"]}, ["ivan", "kurils"]),
        ({"places": "Sakhalin"}, ["treaty"]),
        ({"tags": "missiles"}, ["bastion"]),
        ({"kind": "treaty"}, ["treaty"]),
        ({"status": "claimed"}, ["bastion"]),
        ({"status": [Status.DISPUTED, "claimed"]}, ["ivan", "bastion"]),
        ({"actors": "Russia", "status": "reported"}, ["tension", "treaty"]),
    ],
)
def test_filter(criteria: dict[str, object], expected: list[str]) -> None:
    assert [e.id for e in sample().filter(**criteria)] == expected  # type: ignore[arg-type]


def test_filter_rejects_an_unknown_status() -> None:
    with pytest.raises(QueryError, match="unknown status"):
        sample().filter(status="rumoured")


def test_queries_return_timelines_with_sources_and_versions() -> None:
    tl = timeline.load("data/events.toml", "data/record.toml")
    subset = tl.filter(actors="Japan").between("1875", "1875")
    assert isinstance(subset, Timeline)
    assert subset.sources == tl.sources
    assert subset.versions_of("sakhalin-kurils-1875") == tl.versions_of("sakhalin-kurils-1875")
    assert "article" in {s.id for s in tl.sources_of("sakhalin-kurils-1875")}
