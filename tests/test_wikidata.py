"""Wikidata import (timeline.io.wikidata): entity JSON and WDQS SPARQL JSON results.

The expected bounds are worked out by hand (and, in the laws, by convertdate's own Julian
calendar, not this library's)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from convertdate import gregorian, julian
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import Calendar, ValidationError, dumps, loads
from timeline.dates import Date
from timeline.io.wikidata import (
    from_wikidata_entities,
    from_wikidata_sparql,
    loads_wikidata_entities,
    loads_wikidata_sparql,
)

DATA = Path(__file__).parent / "data" / "wikidata"
G = "http://www.wikidata.org/entity/Q1985727"
J = "http://www.wikidata.org/entity/Q1985786"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _read(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _entity(time: str, precision: int, calendar: str = G, **extra: Any) -> dict[str, Any]:
    value = {"time": time, "timezone": 0, "before": 0, "after": 0, "precision": precision,
             "calendarmodel": calendar} | extra  # fmt: skip
    snak = {"snaktype": "value", "property": "P585",
            "datavalue": {"type": "time", "value": value}}  # fmt: skip
    return {"id": "Q5", "labels": {"en": {"language": "en", "value": "X"}},
            "claims": {"P585": [{"rank": "normal", "mainsnak": snak}]}}  # fmt: skip


def _row(time: str, precision: int, calendar: str, qid: str = "Q5") -> dict[str, Any]:
    return {
        "item": {"type": "uri", "value": f"http://www.wikidata.org/entity/{qid}"},
        "time": {"type": "literal", "value": time, "datatype": XSD + "dateTime"},
        "timePrecision": {"type": "literal", "value": str(precision), "datatype": XSD + "integer"},
        "timeCalendar": {"type": "uri", "value": calendar},
    }


def _results(*rows: dict[str, Any]) -> dict[str, Any]:
    head = ["item", "time", "timePrecision", "timeCalendar"]
    return {"head": {"vars": head}, "results": {"bindings": list(rows)}}


# --- a real recorded response ------------------------------------------------------------


def test_a_recorded_wbgetentities_response_reads_its_day_and_keeps_its_provenance() -> None:
    tl = from_wikidata_entities(_read("Q42-wptools.json"), point="P569")
    event = tl["q42"]
    assert (event.title, event.description) == ("Douglas Adams", "English writer and humorist")
    assert (event.earliest, event.latest) == (Date(1952, 3, 11), Date(1952, 3, 11))
    (citation,) = event.citations
    assert citation.source == "wikidata"
    assert citation.locator == "Q42 P569 (statement q42$D8404CDA-25E4-4334-AF13-A3290BCD9C0F)"
    assert citation.wording == "P569 +1952-03-11T00:00:00Z precision 11 Q1985727"
    assert tl.source("wikidata").url == "https://www.wikidata.org/"


def test_a_recorded_entity_without_the_asked_property_is_reported_not_dropped() -> None:
    with pytest.raises(ValidationError) as caught:
        from_wikidata_entities(_read("Q42-wptools.json"))  # P585/P580 asked: it has neither
    (problem,) = caught.value.problems
    assert problem.where == "entity Q42" and "P585" in problem.expected


# --- 17th/18th-century events written from scratch (see tests/data/wikidata/README.md) ------

# (id, earliest, latest, calendar), worked out by hand: Julian dates are 10 days behind the
# Gregorian until 28 February 1700 O.S., then 11
EXPECTED = [
    ("q900000001", Date(1666, 9, 12), Date(1666, 9, 16), Calendar.JULIAN),  # fire, 2-6 Sep O.S.
    ("q900000002", Date(1709, 7, 8), Date(1709, 7, 8), Calendar.JULIAN),  # Poltava, 27 Jun O.S.
    ("q900000003", Date(1697, 1, 11), Date(1699, 1, 10), Calendar.JULIAN),  # years 1697-98 O.S.
    ("q900000004", Date(1637, 2, 1), Date(1637, 2, 28), Calendar.GREGORIAN),  # February 1637
    ("q900000005", Date(1639, 1, 1), Date(1642, 12, 31), Calendar.GREGORIAN),  # 1639 to 1642
    ("q900000006", Date(1684, 1, 1), Date(1686, 12, 31), Calendar.GREGORIAN),  # c. 1685
    ("q900000007", Date(1680, 1, 1), Date(1689, 12, 31), Calendar.GREGORIAN),  # the 1680s
    ("q900000008", Date(1576, 1, 1), Date(1725, 12, 31), Calendar.GREGORIAN),  # c. 1601-1700
    ("q900000009", Date(1700, 3, 11), Date(1700, 3, 11), Calendar.JULIAN),  # 29 Feb 1700 O.S.
    ("q900000010", Date(1721, 9, 10), Date(1721, 9, 10), Calendar.JULIAN),  # 30 Aug 1721 O.S.
]


@pytest.fixture(scope="module")
def from_entities() -> Any:
    return loads_wikidata_entities((DATA / "written-entities.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def from_sparql() -> Any:
    return loads_wikidata_sparql((DATA / "written-sparql.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("event_id", "earliest", "latest", "calendar"), EXPECTED)
def test_entity_json_dates_have_the_bounds_worked_out_by_hand(
    from_entities: Any, event_id: str, earliest: Date, latest: Date, calendar: Calendar
) -> None:
    event = from_entities[event_id]
    assert (event.earliest, event.latest) == (earliest, latest)
    assert event.start.calendar is calendar


@pytest.mark.parametrize(("event_id", "earliest", "latest", "calendar"), EXPECTED)
def test_sparql_results_of_the_same_values_give_the_same_events(
    from_entities: Any, from_sparql: Any, event_id: str, earliest: Date, latest: Date,
    calendar: Calendar,
) -> None:  # fmt: skip
    ours, theirs = from_entities[event_id], from_sparql[event_id]
    assert (theirs.earliest, theirs.latest) == (earliest, latest)
    assert (theirs.start, theirs.end) == (ours.start, ours.end)
    assert theirs.title == ours.title


def test_a_julian_day_keeps_its_old_style_wording(from_entities: Any) -> None:
    date = from_entities["q900000002"].start
    assert date.text == "1709-06-27" and date.calendar is Calendar.JULIAN
    assert "27 June 1709" in date.label(old_style=True) or "1709-06-27" in date.label()


def test_circa_is_approximate_and_earliest_latest_are_the_bounds(from_entities: Any) -> None:
    circa = from_entities["q900000006"].start
    assert circa.approximate and circa.core_earliest == Date(1685, 1, 1)
    bounded = from_entities["q900000005"].start
    assert not bounded.approximate
    assert (bounded.core_earliest, bounded.core_latest) == (Date(1639, 1, 1), Date(1642, 12, 31))


def test_a_century_is_wikidatas_century_1601_to_1700_for_the_stored_year_1700(
    from_entities: Any,
) -> None:
    date = from_entities["q900000008"].start
    assert (date.core_earliest, date.core_latest) == (Date(1601, 1, 1), Date(1700, 12, 31))


def test_a_deprecated_statement_is_not_read(from_entities: Any) -> None:
    (citation,) = from_entities["q900000010"].citations
    assert "+1721-08-30" in citation.wording  # the preferred Julian one, not the deprecated


def test_an_imported_timeline_keeps_its_bounds_through_toml(from_entities: Any) -> None:
    again = loads(dumps(from_entities))
    for event in from_entities:
        assert (again[event.id].earliest, again[event.id].latest) == (event.earliest, event.latest)
        assert again[event.id].citations == event.citations


# --- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "field", "says"),
    [
        (_entity("+1875-00-00T00:00:00Z", 6), "precision", "7 (century)"),
        (_entity("+1875-05-07T14:00:00Z", 12), "precision", "11 (day)"),
        (
            _entity("+1875-00-00T00:00:00Z", 9, "http://www.wikidata.org/entity/Q12138"),
            "calendar",
            "Julian",
        ),
        (_entity("-0001-00-00T00:00:00Z", 9), "P585", "-0001"),
        (_entity("+1875-00-00T00:00:00Z", 9, before=1), "before", "P1319"),
        (_entity("+1875-00-00T00:00:00Z", 9, after=2), "after", "disagree"),
        (_entity("+1875-05-07T00:00:00Z", 11, timezone=60), "timezone", "day"),
        (_entity("+1875-02-30T00:00:00Z", 11), "P585", "day from 01 to 28"),
        (_entity("+1875-13-00T00:00:00Z", 10), "P585", "month"),
    ],
)
def test_a_value_that_cannot_be_read_honestly_is_refused_saying_why(
    value: dict[str, Any], field: str, says: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        from_wikidata_entities(value)
    (problem,) = caught.value.problems
    assert field in problem.field and says in problem.expected


def test_every_problem_of_a_response_is_reported_at_once() -> None:
    bad = [_entity("+1875-00-00T00:00:00Z", 6), _entity("+1875-00-00T00:00:00Z", 9, after=1)]
    bad[1]["id"] = "Q6"
    undated = {"id": "Q7", "claims": {}}
    with pytest.raises(ValidationError) as caught:
        from_wikidata_entities({"entities": {"Q5": bad[0], "Q6": bad[1], "Q7": undated}})
    assert [p.where for p in caught.value.problems] == ["entity Q5", "entity Q6", "entity Q7"]


def test_a_julian_date_before_the_gregorian_year_1_is_refused() -> None:
    with pytest.raises(ValidationError, match="outside the Gregorian years 1 to 9999"):
        from_wikidata_entities(_entity("+0001-01-01T00:00:00Z", 11, J))


def test_a_julian_29_february_of_a_year_without_one_is_refused() -> None:
    with pytest.raises(ValidationError, match="day from 01 to 28"):
        from_wikidata_entities(_entity("+1701-02-29T00:00:00Z", 11, J))


def test_a_value_outside_its_own_earliest_and_latest_dates_is_refused() -> None:
    item = _entity("+1700-00-00T00:00:00Z", 9)
    statement = item["claims"]["P585"][0]
    value = {"time": "+1710-00-00T00:00:00Z", "precision": 9, "calendarmodel": G}
    snak = {"snaktype": "value", "datavalue": {"type": "time", "value": value}}
    statement["qualifiers"] = {"P1319": [snak]}
    with pytest.raises(ValidationError, match="contradicts itself"):
        from_wikidata_entities(item)


def test_an_unknown_sourcing_circumstance_is_kept_in_the_note() -> None:
    item = _entity("+1700-00-00T00:00:00Z", 9)
    item["claims"]["P585"][0]["qualifiers"] = {"P1480": [{"snaktype": "value", "datavalue": {
        "type": "wikibase-entityid", "value": {"id": "Q18912752"}}}]}  # fmt: skip
    event = from_wikidata_entities(item)["q5"]
    assert "P1480 Q18912752" in event.note and not event.start.approximate


def test_two_statements_become_two_versions_and_a_recorded_conflict() -> None:
    item = _entity("+1700-00-00T00:00:00Z", 9)
    other = copy.deepcopy(item["claims"]["P585"][0])
    other["mainsnak"]["datavalue"]["value"]["time"] = "+1702-00-00T00:00:00Z"
    item["claims"]["P585"].append(other)
    tl = from_wikidata_entities(item)
    assert len(tl.versions_of("q5")) == 2 and tl.conflicts
    assert (tl["q5"].earliest, tl["q5"].latest) == (Date(1700, 1, 1), Date(1702, 12, 31))


def test_a_sparql_literal_without_precision_and_calendar_is_refused_with_the_query_shape() -> None:
    results = {"head": {"vars": ["item", "time"]}, "results": {"bindings": [
        {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q5"},
         "time": {"type": "literal", "value": "1875-01-01T00:00:00Z"}}]}}  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        from_wikidata_sparql(results)
    (problem,) = caught.value.problems
    assert "psv:P585" in problem.expected and "?timePrecision" in problem.expected


def test_wdqs_year_zero_is_1_bce_and_refused() -> None:
    with pytest.raises(ValidationError, match="WDQS as 0000"):
        from_wikidata_sparql(_results(_row("0000-01-01T00:00:00Z", 9, G)))


def test_a_title_falls_back_to_mul_then_english_then_the_qid() -> None:
    item = _entity("+1700-00-00T00:00:00Z", 9)
    item["labels"] = {"mul": {"language": "mul", "value": "Mul"}, "en": {"value": "En"}}
    assert from_wikidata_entities(item, language="de-ch")["q5"].title == "Mul"
    item["labels"] = {}
    assert from_wikidata_entities(item, language="de")["q5"].title == "Q5"


# --- laws --------------------------------------------------------------------------------


def _days(calendar: str, year: int, month: int, day: int, precision: int) -> tuple[Date, Date]:
    """The Gregorian first and last day a Wikidata value means, by convertdate."""
    module = julian if calendar == J else gregorian
    if precision == 11:
        first = last = (year, month, day)
    elif precision == 10:
        first, last = (year, month, 1), (year, month, module.month_length(year, month))
    elif precision == 9:
        first, last = (year, 1, 1), (year, 12, 31)
    elif precision == 8:
        first, last = (year - year % 10, 1, 1), (year - year % 10 + 9, 12, 31)
    else:
        century = -(-year // 100)
        first, last = (century * 100 - 99, 1, 1), (century * 100, 12, 31)
    return tuple(  # type: ignore[return-value]
        Date(*gregorian.from_jd(module.to_jd(*d))) for d in (first, last)
    )


@st.composite
def wikidata_values(draw: st.DrawFn) -> tuple[str, int, int, int, int]:
    calendar = draw(st.sampled_from([G, J]))
    precision = draw(st.integers(7, 11))
    year = draw(st.integers(101, 9800))  # the Julian year 100 starts before the year 1
    month = draw(st.integers(1, 12))
    module = julian if calendar == J else gregorian
    day = draw(st.integers(1, module.month_length(year, month)))
    return calendar, year, month, day, precision


@settings(max_examples=300, deadline=None)
@given(wikidata_values())
def test_entity_json_bounds_are_exactly_the_days_the_value_means(
    value: tuple[str, int, int, int, int],
) -> None:
    calendar, year, month, day, precision = value
    item = _entity(f"+{year:04d}-{month:02d}-{day:02d}T00:00:00Z", precision, calendar)
    date = from_wikidata_entities(item)["q5"].start
    assert (date.earliest, date.latest) == _days(calendar, year, month, day, precision)
    assert date.calendar is (Calendar.JULIAN if calendar == J else Calendar.GREGORIAN)


@settings(max_examples=300, deadline=None)
@given(wikidata_values())
def test_wdqs_and_entity_json_of_one_value_give_one_date(
    value: tuple[str, int, int, int, int],
) -> None:
    calendar, year, month, day, precision = value
    item = _entity(f"+{year:04d}-{month:02d}-{day:02d}T00:00:00Z", precision, calendar)
    # what Wikibase's RDF export writes: a Julian day converted, anything coarser as stated
    # with its month and day set to 1 below their precision
    if calendar == J and precision == 11:
        y, m, d = gregorian.from_jd(julian.to_jd(year, month, day))
    else:
        y, m, d = year, month if precision >= 10 else 1, day if precision >= 11 else 1
    row = _row(f"{y:04d}-{m:02d}-{d:02d}T00:00:00Z", precision, calendar)
    ours = from_wikidata_entities(item)["q5"].start
    theirs = from_wikidata_sparql(_results(row))["q5"].start
    assert theirs == ours


def _war(claims: dict[str, object]) -> dict[str, object]:
    label = {"en": {"language": "en", "value": "Thirty Years' War"}}
    return {"entities": {"Q900000100": {"id": "Q900000100", "labels": label, "claims": claims}}}


def _war_statement(prop: str, time: str | None) -> dict[str, object]:
    if time is None:
        return {"mainsnak": {"snaktype": "somevalue", "property": prop}, "rank": "normal"}
    value = {
        "time": time,
        "timezone": 0,
        "before": 0,
        "after": 0,
        "precision": 11,
        "calendarmodel": "http://www.wikidata.org/entity/Q1985727",
    }
    snak = {"snaktype": "value", "property": prop, "datavalue": {"type": "time", "value": value}}
    return {"mainsnak": snak, "rank": "normal"}


@pytest.mark.parametrize("end", [None, "unknown"])
def test_a_start_without_a_known_end_is_an_open_span_not_a_day(end: str | None) -> None:
    claims: dict[str, object] = {"P580": [_war_statement("P580", "+1618-05-23T00:00:00Z")]}
    if end:
        claims["P582"] = [_war_statement("P582", None)]
    (event,) = from_wikidata_entities(_war(claims)).events
    assert event.end is not None and event.end.latest is None
    assert str(event.end.earliest) == "1618-05-23"
    assert "the end is open" in event.note


def test_unknown_value_alone_is_reported_with_every_other_problem() -> None:
    data = _war({"P585": [_war_statement("P585", None)]})
    data["entities"]["Q900000101"] = {"id": "Q900000101", "claims": {}}  # type: ignore[index]
    with pytest.raises(ValidationError) as caught:
        from_wikidata_entities(data)
    fields = [(p.where, p.field, p.value) for p in caught.value.problems]
    assert ("entity Q900000100", "P585", "somevalue") in fields
    assert any(where == "entity Q900000101" for where, _, _ in fields)


def test_a_binding_not_in_the_sparql_json_shape_is_named_with_every_other_problem() -> None:
    head = {"vars": ["item", "time", "timePrecision", "timeCalendar"]}
    item = {"type": "uri", "value": "http://www.wikidata.org/entity/Q900000102"}
    rows = [{"item": item, "time": 5}, {"item": 7}]
    with pytest.raises(ValidationError) as caught:
        from_wikidata_sparql({"head": head, "results": {"bindings": rows}}, name="q.json")
    found = [(p.where, p.field) for p in caught.value.problems]
    assert found == [("row #1 (Q900000102)", "?time"), ("row #2", "?item")]
