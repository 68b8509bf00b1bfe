"""Linked Art TimeSpans and records: the mapping of each bound, fuzzy and Julian dates, the
import back, laws over generated events, and cromulent's reader as an independent check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from tests.strategies import events, slugs
from timeline import ArgumentError, Event, FuzzyDate, Source, ValidationError
from timeline.dates import Date
from timeline.io.csv import loads_csv
from timeline.io.linkedart import (
    CONTEXT,
    dates_from_timespan,
    dumps_linked_art,
    from_linked_art,
    loads_linked_art,
    read_linked_art,
    timespan,
    to_linked_art,
    write_linked_art,
)

# Dutch painters of the 17th century, written for these tests from general references
# (Houbraken's Groote Schouburgh, 1718-21; the RKD's artist records), not data the library was
# built on. Dates in England are Old Style (Julian), as English records give them; Holland had
# the Gregorian calendar from 1583.
PAINTERS_CSV = '''\
id,title,start,end,kind,actors,places,citations,description
hals-born,Frans Hals born,c. 1582,,life,Frans Hals,Antwerp,"[{""source"": ""houbraken"", \
""locator"": ""vol. 1, p. 90"", ""wording"": ""omtrent 1580""}]",
hals-family-haarlem,The Hals family settles in Haarlem,before 1591,,life,Frans Hals,Haarlem,,
rembrandt-born,Rembrandt van Rijn born,15 July 1606,,life,Rembrandt,Leiden,rkd,
night-watch,Rembrandt paints The Night Watch,c. 1639,1642,painting,Rembrandt,Amsterdam,rkd,
van-dyck-dies,Anthony van Dyck dies in London,9 December 1641 O.S.,,life,Anthony van Dyck,London,,
fabritius-thunderclap,Carel Fabritius killed in the Delft Thunderclap,12 October 1654,,life,\
Carel Fabritius,Delft,,
view-of-delft,"Vermeer's <i>View of Delft</i> & ""The Little Street""",c. 1660,,painting,\
Vermeer,Delft,,"<script>alert(1)</script>"
pearl-earring,Girl with a Pearl Earring,probably 1665,,painting,Vermeer,Delft,,
hals-dies,Frans Hals dies,26 August 1666,,life,Frans Hals,Haarlem,,
steen-leiden,Jan Steen in the Leiden guild,1648,February 1679,life,Jan Steen,Leiden,,
lely-dies,Peter Lely dies in London,30 November 1680 O.S.,,life,Peter Lely,London,,
night-watch-rijksmuseum,The Night Watch in the Rijksmuseum,1885,ongoing,collection,,Amsterdam,,
golden-age,Dutch Golden Age painting,early 17th century,late 17th century,,,,,
'''
PAINTERS_SOURCES = [
    Source(id="houbraken", title="De groote schouburgh der Nederlantsche konstschilders"),
    Source(id="rkd", title="RKDartists", kind="database"),
]
PAINTERS = loads_csv(PAINTERS_CSV, name="painters.csv", sources=PAINTERS_SOURCES)

BOUNDS = ("begin_of_the_begin", "end_of_the_begin", "begin_of_the_end", "end_of_the_end")


def instants(span: dict[str, Any]) -> dict[str, Any]:
    return {p: span[p] for p in BOUNDS if p in span}


def record(ident: str) -> dict[str, Any]:
    return to_linked_art(PAINTERS[ident], sources=PAINTERS.sources)


# -- the time span, one mapping at a time ---------------------------------------------------


def test_a_day_runs_from_its_first_to_its_last_second() -> None:
    span = record("fabritius-thunderclap")["timespan"]
    assert isinstance(span, dict)
    assert instants(span) == {
        "begin_of_the_begin": "1654-10-12T00:00:00Z",
        "end_of_the_end": "1654-10-12T23:59:59Z",
    }
    assert span["_label"] == "12 October 1654"
    assert span["identified_by"][0]["content"] == "12 October 1654"
    assert "referred_to_by" not in span  # nothing to add to a certain Gregorian day


def test_a_span_has_all_four_instants_from_its_start_and_end() -> None:
    # "c. 1639" widens to 1638-1640; the end, 1642, is certain
    span = timespan(PAINTERS["night-watch"].start, PAINTERS["night-watch"].end)
    assert instants(span) == {
        "begin_of_the_begin": "1638-01-01T00:00:00Z",
        "end_of_the_begin": "1640-12-31T23:59:59Z",
        "begin_of_the_end": "1642-01-01T00:00:00Z",
        "end_of_the_end": "1642-12-31T23:59:59Z",
    }
    assert span["identified_by"][0]["content"] == "c. 1639 to 1642"


def test_an_approximate_date_is_written_as_its_outer_bounds_and_said_to_be_approximate() -> None:
    span = record("view-of-delft")["timespan"]
    assert isinstance(span, dict)
    assert instants(span) == {
        "begin_of_the_begin": "1659-01-01T00:00:00Z",
        "end_of_the_end": "1661-12-31T23:59:59Z",
    }
    assert span["_label"] == "c. 1660"
    (note,) = span["referred_to_by"]
    assert note["classified_as"][0]["_label"] == "Note"
    assert "approximate, literally 1660-01-01 to 1660-12-31" in note["content"]
    assert "EDTF 1660~" in note["content"]


def test_an_uncertain_date_is_said_to_be_uncertain() -> None:
    span = record("pearl-earring")["timespan"]
    assert isinstance(span, dict)
    assert span["_label"] == "1665?"
    assert "uncertain" in span["referred_to_by"][0]["content"]
    assert span["begin_of_the_begin"] == "1664-01-01T00:00:00Z"


def test_an_open_start_leaves_the_unknown_instant_out() -> None:
    span = record("hals-family-haarlem")["timespan"]
    assert isinstance(span, dict)
    assert instants(span) == {"end_of_the_end": "1590-12-31T23:59:59Z"}
    assert span["_label"] == "before 1591"
    assert "open, its unknown bound left out" in span["referred_to_by"][0]["content"]


def test_an_ongoing_end_leaves_the_end_instants_out() -> None:
    span = record("night-watch-rijksmuseum")["timespan"]
    assert isinstance(span, dict)
    assert instants(span) == {
        "begin_of_the_begin": "1885-01-01T00:00:00Z",
        "end_of_the_begin": "1885-12-31T23:59:59Z",
    }


def test_a_julian_date_is_written_in_gregorian_instants_and_its_wording_kept() -> None:
    # 9 December 1641 in London (Old Style) was 19 December in the Gregorian calendar
    span = record("van-dyck-dies")["timespan"]
    assert isinstance(span, dict)
    assert instants(span) == {
        "begin_of_the_begin": "1641-12-19T00:00:00Z",
        "end_of_the_end": "1641-12-19T23:59:59Z",
    }
    content = span["referred_to_by"][0]["content"]
    assert "Julian calendar (Old Style) as '9 December 1641 O.S.'" in content
    assert "Gregorian" in content


def test_a_start_known_later_than_the_end_is_bounded_by_the_end() -> None:
    # the event began in 1600-1700 and ended in 1650: it cannot have begun after 1650
    span = timespan(FuzzyDate.parse("1600/1700"), FuzzyDate.parse("1650"))
    assert span["end_of_the_begin"] == "1650-12-31T23:59:59Z"
    assert span["begin_of_the_end"] == "1650-01-01T00:00:00Z"


# -- the record -----------------------------------------------------------------------------


def test_an_event_with_actors_is_an_activity_carried_out_by_them() -> None:
    rec = record("night-watch")
    assert rec["@context"] == CONTEXT
    assert rec["id"] == "urn:timeline:event:night-watch"
    assert rec["type"] == "Activity"
    assert rec["_label"] == "Rembrandt paints The Night Watch"
    name, identifier = rec["identified_by"]
    assert (name["content"], name["classified_as"][0]["_label"]) == (
        "Rembrandt paints The Night Watch",
        "Primary Name",
    )
    assert (identifier["type"], identifier["content"]) == ("Identifier", "night-watch")
    assert [a["_label"] for a in rec["carried_out_by"]] == ["Rembrandt"]
    assert rec["carried_out_by"][0]["type"] == "Actor"
    assert [p["_label"] for p in rec["took_place_at"]] == ["Amsterdam"]


def test_an_event_without_actors_is_an_event() -> None:
    assert record("golden-age")["type"] == "Event"
    assert "carried_out_by" not in record("golden-age")


def test_citations_name_the_source_title_locator_and_wording() -> None:
    statements = record("hals-born")["referred_to_by"]
    assert isinstance(statements, list)
    (citation,) = [s for s in statements if s["classified_as"][0]["_label"] == "Citation"]
    assert citation["content"] == (
        "De groote schouburgh der Nederlantsche konstschilders, vol. 1, p. 90: "
        "\u201comtrent 1580\u201d"
    )


def test_text_is_written_as_the_plain_text_linked_art_content_is() -> None:
    rec = record("view-of-delft")
    assert rec["_label"] == 'Vermeer\'s <i>View of Delft</i> & "The Little Street"'
    statements = rec["referred_to_by"]
    assert isinstance(statements, list)
    assert statements[0]["content"] == "<script>alert(1)</script>"
    assert statements[0]["classified_as"][0]["_label"] == "Description"


def test_a_status_other_than_reported_is_a_note() -> None:
    rec = to_linked_art(Event(id="x", title="X", start="1650", status="disputed"))
    assert rec["referred_to_by"][0]["content"] == "Status: disputed."


def test_base_makes_the_ids_and_must_be_a_uri() -> None:
    rec = to_linked_art(PAINTERS["hals-dies"], base="https://museum.example/event/")
    assert rec["id"] == "https://museum.example/event/hals-dies"
    with pytest.raises(ArgumentError, match="base"):
        to_linked_art(PAINTERS["hals-dies"], base="no scheme/")


def test_dumps_writes_one_graph_of_every_record_in_order() -> None:
    data = json.loads(dumps_linked_art(PAINTERS))
    assert data["@context"] == CONTEXT
    assert [r["id"].rsplit(":", 1)[1] for r in data["@graph"]] == [e.id for e in PAINTERS]
    assert all("@context" not in r for r in data["@graph"])


# -- cromulent, the Linked Art team's library, as an independent reader ----------------------


def test_cromulent_reads_every_record_we_write() -> None:
    reader = pytest.importorskip("cromulent.reader")
    for event in PAINTERS:
        rec = to_linked_art(event, sources=PAINTERS.sources)
        read = reader.Reader().read(json.dumps(rec))
        assert type(read).__name__ == rec["type"]
        for prop in BOUNDS:
            assert getattr(read.timespan, prop, None) == rec["timespan"].get(prop)


def test_cromulent_rejects_a_misspelt_property_so_the_check_above_can_fail() -> None:
    reader = pytest.importorskip("cromulent.reader")
    rec = record("hals-dies")
    rec["timespan"]["begin_of_begin"] = "1666-08-26T00:00:00Z"
    with pytest.raises(Exception, match="begin_of_begin"):
        reader.Reader().read(json.dumps(rec))


# -- import ---------------------------------------------------------------------------------


def test_linked_arts_own_example_of_a_fuzzy_span_is_read() -> None:
    # the Stowe House auction, from Linked Art's basic patterns
    start, end = dates_from_timespan(
        {
            "type": "TimeSpan",
            "begin_of_the_begin": "1848-08-01T00:00:00Z",
            "end_of_the_begin": "1848-08-20T23:59:59Z",
            "begin_of_the_end": "1848-09-09T00:00:00Z",
            "end_of_the_end": "1848-09-30T23:59:59Z",
        }
    )
    assert (start.core_earliest, start.core_latest) == (Date(1848, 8, 1), Date(1848, 8, 20))
    assert end is not None
    assert (end.core_earliest, end.core_latest) == (Date(1848, 9, 9), Date(1848, 9, 30))


def test_an_instant_without_zone_reads_as_its_day_and_a_year_as_a_year() -> None:
    # The Night Watch's production, as Linked Art's object examples write it
    start, end = dates_from_timespan(
        {"begin_of_the_begin": "1642-01-01T00:00:00", "end_of_the_end": "1642-12-31T23:59:59"}
    )
    assert (start.label(), end) == ("1642", None)


def test_painters_come_back_with_their_ids_titles_and_bounds() -> None:
    back = loads_linked_art(dumps_linked_art(PAINTERS))
    assert [e.id for e in back] == [e.id for e in PAINTERS]
    for event in PAINTERS:
        got = back[event.id]
        assert got.title == event.title
        assert (got.earliest, got.latest) == (event.earliest, event.latest)
        assert got.description == event.description
    # a certain date comes back exactly; a fuzzy one as the outer bounds it was written as
    assert back["steen-leiden"].date_label() == "1648 to February 1679"
    assert back["view-of-delft"].date_label() == "1659 – 1661"


def test_every_bad_record_is_reported_at_once() -> None:
    bad = [
        {"id": "urn:x:a", "type": "Event", "timespan": {"begin_of_the_begin": "1642"}},
        {"id": "urn:x:b", "type": "Event"},
        {
            "id": "urn:x:c",
            "timespan": {
                "begin_of_the_begin": "1650-01-01T00:00:00Z",
                "end_of_the_end": "1640-12-31T23:59:59Z",
            },
        },
        "not a record",
    ]
    with pytest.raises(ValidationError) as caught:
        from_linked_art(bad, name="bad.jsonld")
    problems = caught.value.problems
    assert [(p.where, p.field) for p in problems] == [
        ("record #1 ('urn:x:a')", "begin_of_the_begin"),
        ("record #2 ('urn:x:b')", "timespan"),
        ("record #3 ('urn:x:c')", "end_of_the_end"),
        ("record #4", "(record)"),
    ]
    assert "xsd:dateTime" in problems[0].expected
    assert "not before begin_of_the_begin" in problems[2].expected


def test_not_json_is_reported_as_such() -> None:
    with pytest.raises(ValidationError, match="valid JSON"):
        loads_linked_art("{", name="x.jsonld")


def test_a_record_without_identifier_takes_its_id_from_the_uri() -> None:
    tl = from_linked_art(
        {"id": "https://museum.example/event/Fire_1666", "_label": "Fire",
         "timespan": {"begin_of_the_begin": "1666-09-02T00:00:00Z"}}
    )  # fmt: skip
    (event,) = tl
    assert (event.id, event.title, str(event.earliest), event.latest) == (
        "fire-1666",
        "Fire",
        "1666-09-02",
        None,
    )


def test_files_are_written_and_read(tmp_path: Path) -> None:
    path = tmp_path / "painters.jsonld"
    write_linked_art(PAINTERS, path)
    assert [e.id for e in read_linked_art(path)] == [e.id for e in PAINTERS]


# -- laws -----------------------------------------------------------------------------------

generated_events = slugs.flatmap(lambda i: events(i, []))


@settings(max_examples=150, deadline=None)
@given(generated_events)
def test_a_spans_instants_are_ordered_and_are_the_events_outer_bounds(event: Event) -> None:
    span = timespan(event.start, event.end)
    got = {p: span[p] for p in BOUNDS if p in span}
    days = {p: Date.fromisoformat(v[:10]) for p, v in got.items()}
    for early, late in (
        ("begin_of_the_begin", "end_of_the_begin"),
        ("begin_of_the_end", "end_of_the_end"),
        ("begin_of_the_begin", "end_of_the_end"),
        ("begin_of_the_begin", "begin_of_the_end"),
        ("end_of_the_begin", "end_of_the_end"),
    ):
        if early in days and late in days:
            assert days[early] <= days[late]
    assert days.get("begin_of_the_begin") == event.earliest
    assert days.get("end_of_the_end") == event.latest
    assert all(v.endswith(("T00:00:00Z", "T23:59:59Z")) for v in got.values())
    assert all(got[p].endswith("T23:59:59Z") for p in got if p.startswith("end_"))


@settings(max_examples=150, deadline=None)
@given(generated_events)
def test_import_keeps_the_bounds_and_export_after_import_changes_no_instant(event: Event) -> None:
    (back,) = from_linked_art(to_linked_art(event))
    assert back.id == event.id
    assert (back.earliest, back.latest) == (event.earliest, event.latest)
    again = timespan(back.start, back.end)
    assert instants(again) == instants(timespan(event.start, event.end))


def test_a_graph_that_is_not_a_list_is_named() -> None:
    from timeline.io.linkedart import from_linked_art

    with pytest.raises(ValidationError, match="field '@graph': got '3'; expected a list"):
        from_linked_art({"@graph": 3}, name="museum.jsonld")
