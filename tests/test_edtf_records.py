"""EDTF records: the CSV layout with EDTF date cells, what the original columns keep, what
is refused, and round trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.strategies import edtf_texts, slugs, timelines
from tests.test_linkedart import PAINTERS, PAINTERS_SOURCES
from timeline import ArgumentError, Event, FuzzyDate, Source, Timeline, ValidationError
from timeline.dates import Fuzziness
from timeline.errors import LossyFormatError
from timeline.io.csv import EDTF_COLUMNS, dumps_csv, loads_csv
from timeline.io.edtf_records import (
    dumps_edtf_records,
    edtf_losses,
    loads_edtf_records,
    read_edtf_records,
    write_edtf_records,
)


def rows(text: str) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in csv.DictReader(io.StringIO(text))}


def without_originals(text: str) -> str:
    """The same records with the original columns left out: EDTF alone."""
    table = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r[:-2] for r in table)
    return out.getvalue()


PAINTER_RECORDS = dumps_edtf_records(PAINTERS)


def test_every_date_cell_is_edtf() -> None:
    got = rows(PAINTER_RECORDS)
    assert list(got["hals-born"]) == list(EDTF_COLUMNS)
    assert (got["hals-born"]["start"], got["hals-born"]["end"]) == ("1582~", "")
    assert got["hals-family-haarlem"]["start"] == "../1590"
    assert got["pearl-earring"]["start"] == "1665?"
    assert got["night-watch-rijksmuseum"]["end"] == "../.."
    assert got["golden-age"]["start"] == "1600/1633"
    # 9 December 1641 O.S. is 19 December in the Gregorian calendar EDTF speaks
    assert got["van-dyck-dies"]["start"] == "1641-12-19"
    for cell in [r[c] for r in got.values() for c in ("start", "end")]:
        if cell:
            FuzzyDate.parse(cell, form="edtf")  # raises if not EDTF


def test_the_original_column_keeps_the_wording_edtf_cannot_say() -> None:
    got = rows(PAINTER_RECORDS)
    assert got["hals-born"]["start_original"] == "c. 1582"
    assert got["van-dyck-dies"]["start_original"] == "9 December 1641 O.S."
    assert got["steen-leiden"]["end_original"] == "February 1679"


def test_a_date_written_as_edtf_needs_no_original() -> None:
    tl = Timeline([Event(id="a", title="A", start=FuzzyDate.parse("1620-21", form="edtf"))])
    row = rows(dumps_edtf_records(tl))["a"]
    assert (row["start"], row["start_original"]) == ("1620-21", "")


def test_painters_round_trip_whole() -> None:
    back = loads_edtf_records(PAINTER_RECORDS, sources=PAINTERS_SOURCES)
    assert back == PAINTERS


def test_edtf_alone_keeps_bounds_and_loses_what_edtf_losses_names() -> None:
    back = loads_edtf_records(without_originals(PAINTER_RECORDS))
    for event in PAINTERS:
        assert (back[event.id].earliest, back[event.id].latest) == (event.earliest, event.latest)
    assert back["hals-born"].start.text == "1582~"  # the wording is gone
    losses = edtf_losses(PAINTERS)
    assert losses["hals-born"] == ["start: wording"]
    assert losses["van-dyck-dies"] == ["start: wording, Julian calendar"]
    assert "golden-age" in losses  # "early 17th century" is 1600/1633 in EDTF: wording only
    assert losses["golden-age"] == ["start: wording", "end: wording"]


def test_custom_fuzziness_and_reference_are_kept_in_the_original_column() -> None:
    wide = FuzzyDate.parse("1641~", fuzziness=Fuzziness(year=(24, 0)))
    relative = FuzzyDate.parse("last year", reference="1672-06-01")
    tl = Timeline(
        [Event(id="wide", title="W", start=wide), Event(id="rel", title="R", start=relative)]
    )
    text = dumps_edtf_records(tl)
    assert loads_edtf_records(text) == tl
    got = rows(text)
    assert got["rel"]["start"] == "1671"
    assert '"reference": "1672-06-01"' in got["rel"]["start_original"]
    assert '"fuzziness"' in got["wide"]["start_original"]
    assert edtf_losses(tl) == {"wide": ["start: fuzziness"], "rel": ["start: wording, reference"]}
    # read from the EDTF alone, the custom fuzziness is lost: the bounds are the default's
    alone = loads_edtf_records(without_originals(text))
    assert (str(alone["wide"].earliest), str(wide.earliest)) == ("1640-01-01", "1639-01-01")


def test_a_julian_month_keeps_its_precision_only_in_the_original_column() -> None:
    tl = Timeline([Event(id="m", title="M", start="March 1700 O.S.")])
    row = rows(dumps_edtf_records(tl))["m"]
    assert (row["start"], row["start_original"]) == ("1700-03-12/1700-04-11", "March 1700 O.S.")
    assert edtf_losses(tl) == {
        "m": ["start: wording, Julian calendar, literal bounds or precision"]
    }


def test_edtf_cells_are_read_as_strict_edtf() -> None:
    # "1620-21" has two readings in mixed text; in EDTF records it is spring 1620
    text = "id,title,start\na,A,1620-21\n"
    with pytest.raises(ValidationError, match="two readings"):
        loads_csv(text)
    (event,) = loads_edtf_records(text)
    assert event.start.label() == "spring 1620"


def test_an_original_that_disagrees_with_its_edtf_is_refused_naming_both() -> None:
    text = (
        "id,title,start,end,start_original,end_original\n"
        "a,A,1650~,,c. 1641,\n"
        "b,B,1600,not edtf,,\n"
        'c,C,"{""text"": ""1600""}",,,\n'
    )
    with pytest.raises(ValidationError) as caught:
        loads_edtf_records(text, name="painters.csv")
    problems = caught.value.problems
    assert [(p.where, p.field) for p in problems] == [
        ("row 2 ('a')", "start_original"),
        ("row 3 ('b')", "end"),
        ("row 4 ('c')", "start"),
    ]
    assert "1649-01-01 to 1651-12-31" in problems[0].expected  # the EDTF's reading
    assert "1640-01-01 to 1642-12-31" in problems[0].expected  # the original's reading


def test_original_columns_belong_to_edtf_records_only() -> None:
    with pytest.raises(ValidationError, match="start_original"):
        loads_csv("id,title,start,start_original\na,A,1600,1600\n")


def test_dates_must_be_text_or_edtf() -> None:
    with pytest.raises(ArgumentError, match="dates"):
        dumps_csv(PAINTERS, dates="iso")  # type: ignore[arg-type]


def test_files_are_written_and_read_and_a_lossy_timeline_refused(tmp_path: Path) -> None:
    path = tmp_path / "painters.csv"
    plain = loads_edtf_records(PAINTER_RECORDS)  # its sources are known by their ids only
    write_edtf_records(plain, path)
    assert read_edtf_records(path) == plain
    with pytest.raises(LossyFormatError, match="details of 2 sources"):
        write_edtf_records(PAINTERS, tmp_path / "lossy.csv")
    assert not (tmp_path / "lossy.csv").exists()


# -- laws -----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(timelines())
def test_edtf_records_round_trip_whole_given_the_sources(tl: Timeline) -> None:
    text = dumps_edtf_records(tl)
    back = loads_edtf_records(text, sources=tl.sources)
    assert back == tl
    assert dumps_edtf_records(back) == text


@st.composite
def edtf_timelines(draw: st.DrawFn) -> Timeline:
    """Timelines whose every date is EDTF text read as EDTF: dates EDTF holds exactly."""
    ids = draw(st.lists(slugs, unique=True, max_size=6))
    found = []
    for ident in ids:
        start = FuzzyDate.parse(draw(edtf_texts()), form="edtf")
        end = None
        if draw(st.booleans()):
            candidate = FuzzyDate.parse(draw(edtf_texts()), form="edtf")
            lo, hi = start.earliest, candidate.latest
            if lo is None or hi is None or hi >= lo:
                end = candidate
        found.append(Event(id=ident, title=ident, start=start, end=end))
    return Timeline(found)


@settings(max_examples=150, deadline=None)
@given(edtf_timelines())
def test_edtf_alone_gives_back_bounds_precision_and_qualifiers(tl: Timeline) -> None:
    text = dumps_edtf_records(tl)
    back = loads_edtf_records(without_originals(text))
    for event in tl:
        for mine, theirs in ((event.start, back[event.id].start), (event.end, back[event.id].end)):
            assert (theirs is None) == (mine is None)
            if mine is None or theirs is None:
                continue
            assert (theirs.core_earliest, theirs.core_latest) == (
                mine.core_earliest,
                mine.core_latest,
            )
            assert (theirs.earliest, theirs.latest) == (mine.earliest, mine.latest)
            assert (theirs.first_precision, theirs.last_precision) == (
                mine.first_precision,
                mine.last_precision,
            )
            assert theirs.qualifier == mine.qualifier
    # at most the wording is lost ("1500-01-01/1500-01-01" is written "1500-01-01")
    assert all(lost in ("start: wording", "end: wording")
               for found in edtf_losses(tl).values() for lost in found)  # fmt: skip


def test_source_type_is_known_by_id_when_not_given() -> None:
    back = loads_edtf_records(PAINTER_RECORDS)
    assert back.source("rkd") == Source(id="rkd", title="rkd")
