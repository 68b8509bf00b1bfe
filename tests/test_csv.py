"""The CSV layout: whole-file validation, lossless round trips, data of another period."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import timeline
from tests.strategies import timelines
from timeline import Citation, Event, FuzzyDate, Source, Timeline, ValidationError
from timeline.io.csv import COLUMNS, dumps_csv, loads_csv, read_list, write_list

# Dutch trade in the 17th century (tests/data/dutch-trade.csv), written for these tests from
# general references (C. R. Boxer, The Dutch Seaborne Empire 1600-1800, 1965; J. I. Israel,
# Dutch Primacy in World Trade 1585-1740, 1989): not the data the library was built on.
# English dates are Old Style.
VOC = (Path(__file__).parent / "data" / "dutch-trade.csv").read_text(encoding="utf-8")
VOC_SOURCES = [
    Source(id="boxer-1965", title="The Dutch Seaborne Empire 1600-1800", kind="book"),
    Source(id="israel-1989", title="Dutch Primacy in World Trade 1585-1740", kind="book"),
]


def test_reads_dutch_trade_of_the_17th_century() -> None:
    tl = loads_csv(VOC, name="voc.csv", sources=VOC_SOURCES)
    assert len(tl) == 10
    assert tl.sources == tuple(VOC_SOURCES)
    # Old Style: 21 July 1667 in England was 31 July 1667 in the Dutch Republic
    assert (str(tl["breda"].earliest), str(tl["breda"].latest)) == ("1667-07-31", "1667-07-31")
    assert str(tl["navigation-act"].earliest) == "1651-10-19"
    # "c. 1641": the year, widened by a year each side
    assert (str(tl["dejima"].start.core_earliest), str(tl["dejima"].start.core_latest)) == (
        "1641-01-01",
        "1641-12-31",
    )
    assert (str(tl["dejima"].earliest), str(tl["dejima"].latest)) == ("1640-01-01", "1642-12-31")
    assert (str(tl["anglo-dutch-wars"].earliest), str(tl["anglo-dutch-wars"].latest)) == (
        "1650-01-01",
        "1669-12-31",
    )
    assert str(tl["decline"].earliest) == "1666-01-01"
    assert tl["dejima"].citations == (Citation("boxer-1965", "ch. 4", "in 1641"),)
    assert tl["batavia"].actors == ("Jan Pieterszoon Coen", "VOC")
    assert tl["decline"].status.value == "disputed"
    assert [e.id for e in tl][:3] == ["voc-charter", "batavia", "tulip-crash"]


def test_dutch_trade_round_trips() -> None:
    tl = loads_csv(VOC, sources=VOC_SOURCES)
    assert loads_csv(dumps_csv(tl), sources=VOC_SOURCES) == tl


def test_cited_sources_not_given_are_known_by_their_id() -> None:
    tl = loads_csv(VOC)
    assert tl.source("boxer-1965") == Source(id="boxer-1965", title="boxer-1965")


@settings(max_examples=150, deadline=None)
@given(timelines())
def test_loads_csv_dumps_csv_is_identity_given_the_sources(tl: Timeline) -> None:
    text = dumps_csv(tl)
    back = loads_csv(text, sources=tl.sources)
    assert back == tl
    assert dumps_csv(back) == text


@settings(max_examples=50, deadline=None)
@given(timelines())
def test_without_the_sources_the_events_survive(tl: Timeline) -> None:
    back = loads_csv(dumps_csv(tl))
    assert back.versions == tl.versions
    assert {s.id for s in back.sources} == {c.source for e in tl for c in e.citations}


def test_a_date_the_wording_alone_does_not_give_is_a_json_table() -> None:
    julian = FuzzyDate.parse("16 January 1547", calendar="julian")
    relative = FuzzyDate.parse("last year", reference="1700")
    tl = Timeline([Event(id="a", title="A", start=julian, end=relative)])
    text = dumps_csv(tl)
    assert '"{""text"": ""16 January 1547"", ""calendar"": ""julian""}"' in text
    back = loads_csv(text)
    assert back == tl
    assert str(back["a"].earliest) == "1547-01-26"
    assert str(back["a"].latest) == "1699-12-31"


def test_a_day_with_no_wording_is_written_so_it_reads_back() -> None:
    tl = Timeline([Event(id="a", title="A", start=dt.date(1547, 1, 16))])
    assert loads_csv(dumps_csv(tl)) == tl


def test_cells_with_separators_quotes_and_line_breaks_round_trip() -> None:
    event = Event(
        id="a",
        title='Hall; "Son", & Co',
        start="1641",
        description="first line\r\nsecond, line",
        actors=["Hall; Son", " padded ", "[bracketed]"],
        places=["[first]"],
        tags=[""],
        citations=[Citation("s", "p. 3; n. 2", 'said "c. 1641" | later')],
    )
    tl = Timeline([event], [Source(id="s", title="S")])
    assert loads_csv(dumps_csv(tl), sources=tl.sources) == tl


@pytest.mark.parametrize(
    ("items", "cell"),
    [
        ((), ""),
        (("Russia", "Japan"), "Russia; Japan"),
        (("Hall; Son",), '["Hall; Son"]'),
        (("[x]", "y"), '["[x]", "y"]'),
        (("y", "[x]"), "y; [x]"),
        (("",), '[""]'),
    ],
)
def test_list_cells(items: tuple[str, ...], cell: str) -> None:
    assert write_list(items) == cell
    assert read_list("actors", cell) == items


def test_header_is_read_whatever_its_case_and_a_bom() -> None:
    tl = loads_csv("\ufeff ID , Title,START\nx,X,1600\n")
    assert tl["x"].title == "X"


def test_blank_lines_are_skipped_and_rows_numbered_as_a_spreadsheet() -> None:
    with pytest.raises(ValidationError) as caught:
        loads_csv("id,title,start\n\nx,X,1600\n\ny,Y,not a date\n")
    (problem,) = caught.value.problems
    assert problem.where == "row 5 ('y')"


BAD = """\
id,title,start,end,status,actors,citations
Bad Id,A,1600,,,,
b,B,sometime,,,,
c,C,1700,1600,,,
d,D,1600,,rumoured,,
e,E,,,,,
f,F,1600,,,"[1, 2]",
g,G,1600,,,,"[{""source"": ""s"", ""page"": 3}]"
h,H,{not json,,,,
b,B again,1600,,,,
i,I,1600,,,,,extra
"""


def test_every_bad_row_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        loads_csv(BAD, name="bad.csv")
    error = caught.value
    found = [(p.where, p.field, p.value) for p in error.problems]
    assert found == [
        ("row 2", "id", "Bad Id"),
        ("row 3 ('b')", "start", "sometime"),
        ("row 4 ('c')", "end", "1600"),
        ("row 5 ('d')", "status", "rumoured"),
        ("row 6 ('e')", "start", ""),
        ("row 7 ('f')", "actors", "[1, 2]"),
        ("row 8 ('g')", "citations", '[{"source": "s", "page": 3}]'),
        ("row 9 ('h')", "start", "{not json"),
        ("row 10 ('b')", "id", "b"),
        ("row 11", "(cells)", ["extra"]),
    ]
    message = str(error)
    assert message.startswith("bad.csv: 10 problems:")
    assert "row 10 ('b'): field 'id': got 'b'; expected a unique id (row 3 ('b') has it" in message
    assert "expected a date that is not before the start" in message
    assert "expected one of 'reported', 'claimed'" in message
    assert "expected a date (this field is required)" in message


def test_unknown_and_missing_columns_are_reported() -> None:
    with pytest.raises(ValidationError) as caught:
        loads_csv("id,titel,start,start\nx,X,1600,1600\n")
    found = [(p.where, p.field, p.value, p.expected.split(" ")[0]) for p in caught.value.problems]
    assert found == [
        ("row 1, column 2", "(header)", "titel", "one"),
        ("row 1, column 4", "(header)", "start", "each"),
        ("row 1", "title", timeline.errors._MISSING, "a"),
    ]


def test_a_cell_over_the_csv_limit_is_a_problem_naming_its_line() -> None:
    with pytest.raises(ValidationError) as caught:
        loads_csv("id,title,start\nx,X,1600\ny," + "Y" * 200_000 + ",1600\n")
    (problem,) = caught.value.problems
    assert (problem.where, problem.field) == ("line 3", "(syntax)")


def test_an_empty_text_has_no_header() -> None:
    with pytest.raises(ValidationError, match="a header naming the columns"):
        loads_csv("")


def test_json_nested_too_deep_is_a_problem_not_a_crash() -> None:
    deep = "[" * 60_000 + "]" * 60_000
    with pytest.raises(ValidationError) as caught:
        loads_csv(f"id,title,start,tags\nx,X,1600,{deep}\n")
    assert caught.value.problems[0].field == "tags"


def test_a_relative_date_is_read_against_the_first_cited_source() -> None:
    source = Source(id="diary", title="Diary", published=FuzzyDate.parse("1666"))
    tl = loads_csv("id,title,start,citations\nfire,Fire,last year,diary\n", sources=[source])
    assert str(tl["fire"].earliest) == "1665-01-01"


def test_dumps_csv_writes_every_column_in_order() -> None:
    header = dumps_csv(Timeline()).splitlines()[0]
    assert header.split(",") == list(COLUMNS)


def test_a_merged_event_is_written_as_its_merged_fields() -> None:
    a = Event(id="a", title="A", start="1641")
    b = attrs.evolve(a, id="b", same_as=("a",))
    tl = Timeline([a, b])
    back = loads_csv(dumps_csv(tl))
    assert [e.id for e in back] == [e.id for e in tl]
    assert back.events == tl.events


@pytest.mark.parametrize(
    "note", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "'=a", "''+b", "'plain"]
)
def test_no_cell_runs_as_a_spreadsheet_formula_and_every_cell_reads_back(note: str) -> None:
    tl = Timeline([Event(id="a", title=note, start="1648", note=note, actors=(note,))])
    text = dumps_csv(tl)
    row = next(csv.reader(io.StringIO(text.splitlines()[1])))
    assert all(not cell or cell[0] not in "=+-@\t\r" for cell in row)
    assert loads_csv(text) == tl


def test_an_unclosed_quote_is_one_syntax_problem_naming_its_line() -> None:
    with pytest.raises(ValidationError) as caught:
        loads_csv('id,title,start\na,"unterminated,1700\nb,B,1701\n', name="x.csv")
    (problem,) = caught.value.problems
    assert (problem.field, problem.value) == ("(syntax)", "unexpected end of data")
    assert "every quoted cell closed" in problem.expected
