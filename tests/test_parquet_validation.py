"""A Parquet file (or an Arrow table) is checked as fully as a TOML file: every problem of its
columns, rows and metadata in one ValidationError naming the row, the column and the value.

The data is a small timeline of the Norse settlement of Iceland and Greenland, written for
these tests; each test breaks one thing in it with pyarrow, as another program might.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline
from tests.strategies import timelines
from timeline import Event, Problem, Resolution, Timeline, ValidationError

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from timeline.io.arrow import (  # noqa: E402
    events_table,
    from_arrow,
    read_parquet,
    schema,
    table_events,
    write_parquet,
)

NORSE = """
[[sources]]
id = "islendingabok"
title = "Íslendingabók (Ari Þorgilsson)"
published = "1122/1133"
language = "non"

[[sources]]
id = "saga-of-erik"
title = "Eiríks saga rauða"
published = "13th century"
language = "non"

[[events]]
id = "settlement-of-iceland"
title = "Ingólfr Arnarson settles at Reykjavík"
start = "c. 874"
kind = "settlement"
places = ["Reykjavík"]
actors = ["Ingólfr Arnarson"]
citations = [{ source = "islendingabok", locator = "ch. 1", wording = "870 winters after \
the birth of Christ" }]

[[events]]
id = "althing-founded"
title = "The Althing first meets at Þingvellir"
start = "930"
kind = "assembly"
places = ["Þingvellir"]
citations = [{ source = "islendingabok", locator = "ch. 3" }]

[[events]]
id = "erik-to-greenland"
title = "Eiríkr the Red settles Greenland"
start = "985?"
end = "986?"
actors = ["Eiríkr the Red"]
places = ["Greenland"]
citations = [{ source = "saga-of-erik", locator = "ch. 2" }]
note = "Íslendingabók counts fourteen or fifteen winters before Christianity came."

[[events]]
id = "vinland"
title = "Leifr Eiríksson reaches Vinland"
start = "about 1000"
status = "claimed"
actors = ["Leifr Eiríksson"]
places = ["Vinland"]
tags = ["voyage"]
citations = [{ source = "saga-of-erik", locator = "ch. 5", wording = "that summer" }]

[[events]]
id = "conversion"
title = "The Althing adopts Christianity"
start = "between 999 and 1000"
kind = "law"
description = "Þorgeirr Ljósvetningagoði decides for the new faith <under the cloak>."
citations = [{ source = "islendingabok", locator = "ch. 7" }]

[[events]]
id = "old-covenant"
title = "The Old Covenant with the Norwegian crown"
start = "1262"
end = "1264"
kind = "treaty"
"""


def norse() -> Timeline:
    return timeline.loads(NORSE, name="norse.toml")


def valid_table() -> Any:
    """The Norse timeline as Arrow writes it, one row per event, in id order."""
    return norse().to_arrow()


ROW = 2  # the row each single-cell test breaks: 'erik-to-greenland' (rows are in id order)


def with_column(table: Any, name: str, values: Any, type_: Any = None) -> Any:
    """The table with column ``name`` replaced by (or, if absent, given) these values."""
    column = values if isinstance(values, pa.Array) else pa.array(values, type_)
    index = table.schema.get_field_index(name)
    if index < 0:
        return table.append_column(name, column)
    return table.set_column(index, pa.field(name, column.type), column)


def with_cell(table: Any, name: str, value: Any, row: int = ROW) -> Any:
    """The table with one cell of ``name`` changed (the column keeps its type)."""
    values = table[name].to_pylist()
    values[row] = value
    return with_column(table, name, values, table.schema.field(name).type)


def parquet_problems(table: Any, tmp_path: Path) -> tuple[str, tuple[Problem, ...]]:
    """The name and problems of the ValidationError that reading this table as a Parquet file
    raises (through the format dispatcher, as `timeline.load` reads any file)."""
    path = tmp_path / "norse.parquet"
    pq.write_table(table, path)
    with pytest.raises(ValidationError) as caught:
        timeline.load(path)
    return caught.value.source, caught.value.problems


def the_problem(problems: tuple[Problem, ...], field: str) -> Problem:
    found = [p for p in problems if p.field == field]
    assert len(found) == 1, problems
    return found[0]


def test_the_valid_table_reads_back_as_the_timeline(tmp_path: Path) -> None:
    tl = norse()
    path = tmp_path / "norse.parquet"
    write_parquet(tl, path)
    back = read_parquet(path)
    assert back == tl and back.arrow_table is not None
    assert valid_table()["id"][ROW].as_py() == "erik-to-greenland"


# Each case: a change to the table, the column named, the value quoted, and words of what
# was expected. Values are the cell as read, or the column's Arrow type for a column problem.
ROW_CASES: list[tuple[str, Callable[[Any], Any], str, object, str]] = [
    ("null id", lambda t: with_cell(t, "id", None), "id", None, "a slug"),
    ("id not a slug", lambda t: with_cell(t, "id", "Erik the Red"), "id", "Erik the Red", "slug"),
    ("unknown status", lambda t: with_cell(t, "status", "rumoured"), "status", "rumoured",
     "'reported'"),
    ("null status", lambda t: with_cell(t, "status", None), "status", None, "'disputed'"),
    ("precision 99", lambda t: with_cell(t, "start_first_precision", 99),
     "start_first_precision", 99, "Precision code"),
    ("unknown calendar", lambda t: with_cell(t, "end_calendar", "runic"), "end_calendar", "runic",
     "'julian'"),
    ("null citations", lambda t: with_cell(t, "citations", None), "citations", None,
     "list of citations"),
    ("a null citation", lambda t: with_cell(t, "citations", [None]), "citations", None,
     "a citation"),
    ("a citation of no source", lambda t: with_cell(
        t, "citations", [{"source": None, "locator": "ch. 2", "wording": ""}]), "citations",
     {"source": None, "locator": "ch. 2", "wording": ""}, "source is a slug"),
    ("null actors", lambda t: with_cell(t, "actors", None), "actors", None, "a list of strings"),
    ("a null actor", lambda t: with_cell(t, "actors", ["Eiríkr", None]), "actors",
     ["Eiríkr", None], "a list of strings"),
    ("null title", lambda t: with_cell(t, "title", None), "title", None, "a string"),
    ("bogus start_edtf", lambda t: with_cell(t, "start_edtf", "0985"), "start_edtf", "0985",
     "'0985?'"),
    ("null qualifier", lambda t: with_cell(t, "start_first_qualifier", None),
     "start_first_qualifier", None, "Qualifier code"),
    ("qualifier 7", lambda t: with_cell(t, "end_last_qualifier", 7), "end_last_qualifier", 7,
     "3 (both)"),
    ("reversed core bounds", lambda t: with_cell(t, "start_core_earliest", dt.date(990, 1, 1)),
     "start_core_latest", dt.date(985, 12, 31), "not before core_earliest"),
    ("end before start", lambda t: with_cell(with_cell(with_cell(with_cell(
        t, "end_core_latest", dt.date(900, 12, 31)), "end_latest", dt.date(901, 12, 31)),
        "end_core_earliest", dt.date(900, 1, 1)), "end_earliest", dt.date(899, 1, 1)),
     "end_latest", dt.date(901, 12, 31), "not before the start"),
    ("a wrong derived bound", lambda t: with_cell(t, "earliest", dt.date(985, 1, 1)), "earliest",
     dt.date(985, 1, 1), "'0984-01-01'"),
    ("has_end false with an end", lambda t: with_cell(t, "has_end", False), "has_end", False,
     "true"),
    ("an empty wording", lambda t: with_cell(t, "start_text", ""), "start_text", "",
     "never empty"),
    ("a null start", lambda t: with_cell(t, "start_text", None), "start_text", None,
     "required"),
    ("unknown year start", lambda t: with_cell(t, "start_year_start", "01-01"),
     "start_year_start", "01-01", "'03-25'"),
    ("a reference that is no date", lambda t: with_cell(t, "start_reference", "the thaw"),
     "start_reference", "the thaw", "a date"),
    ("fuzziness that is no JSON", lambda t: with_cell(t, "start_fuzziness", "{year: 2"),
     "start_fuzziness", "{year: 2", "JSON"),
    ("fuzziness not in canonical form", lambda t: with_cell(
        t, "end_fuzziness", '{"year":"2 years"}'), "end_fuzziness", '{"year":"2 years"}',
     "canonical"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "column", "value", "expected"), ROW_CASES)
def test_a_bad_cell_names_its_row_event_column_and_value(
    tmp_path: Path, case: str, change: Callable[[Any], Any], column: str, value: object,
    expected: str,
) -> None:  # fmt: skip
    name, problems = parquet_problems(change(valid_table()), tmp_path)
    assert name == str(tmp_path / "norse.parquet")
    problem = the_problem(problems, column)
    assert problem.value == value
    assert expected in problem.expected
    readable_id = column != "id"
    assert problem.where == (f"row {ROW} ('erik-to-greenland')" if readable_id else f"row {ROW}")


COLUMN_CASES: list[tuple[str, Callable[[Any], Any], str, str, str]] = [
    ("ids that are ints", lambda t: with_column(t, "id", list(range(t.num_rows))), "id",
     "int64", "a string column"),
    ("dates stored as strings", lambda t: with_column(
        t, "start_core_earliest", [str(d) for d in t["start_core_earliest"].to_pylist()]),
     "start_core_earliest", "string", "date32"),
    ("a string actors column", lambda t: with_column(t, "actors", ["Eiríkr"] * t.num_rows),
     "actors", "string", "list<item: string>"),
    ("an int title", lambda t: with_column(t, "title", list(range(t.num_rows))), "title",
     "int64", "a string column"),
    ("precision as text", lambda t: with_column(t, "end_first_precision", ["year"] * t.num_rows),
     "end_first_precision", "string", "int8"),
    ("citations as text", lambda t: with_column(t, "citations", ["ch. 2"] * t.num_rows),
     "citations", "string", "list<item: struct"),
    ("a citation struct without its source", lambda t: with_column(
        t, "citations", [[{"locator": "ch. 2", "wording": ""}]] * t.num_rows), "citations",
     "struct<locator: string, wording: string>", "source"),
    ("an unknown column", lambda t: with_column(t, "saga", ["Grœnlendinga"] * t.num_rows),
     "saga", "string", "would be lost"),
    ("a missing column", lambda t: t.drop_columns("status"), "status", "(missing)",
     "required"),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "column", "found", "expected"), COLUMN_CASES)
def test_a_column_of_the_wrong_type_is_one_problem_not_a_crash(
    tmp_path: Path, case: str, change: Callable[[Any], Any], column: str, found: str,
    expected: str,
) -> None:  # fmt: skip
    _, problems = parquet_problems(change(valid_table()), tmp_path)
    problem = the_problem(problems, column)
    assert problem.where == "columns"
    assert found in str(problem).split("; expected")[0]  # the type found (a Parquet list's
    # items are called "element" when read back)
    assert expected in problem.expected


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    table = valid_table()
    table = with_cell(table, "status", "rumoured", row=0)
    table = with_cell(table, "title", None, row=1)
    table = with_cell(table, "start_first_precision", 99, row=1)
    table = with_column(table, "kind", list(range(table.num_rows)))  # the kind of every row
    table = table.drop_columns("note")
    _, problems = parquet_problems(table, tmp_path)
    found = {(p.where, p.field) for p in problems}
    assert found == {
        ("columns", "kind"),
        ("columns", "note"),
        ("row 0 ('althing-founded')", "status"),
        ("row 1 ('conversion')", "title"),
        ("row 1 ('conversion')", "start_first_precision"),
    }


def test_a_day_arrow_holds_but_python_cannot_is_a_problem(tmp_path: Path) -> None:
    table = valid_table()
    days = table["start_core_earliest"].cast(pa.int32()).to_pylist()
    days[ROW] = -800_000  # some 220 years before the year 1
    table = with_column(table, "start_core_earliest", pa.array(days, pa.int32()).cast(pa.date32()))
    _, problems = parquet_problems(table, tmp_path)
    problem = the_problem(problems, "start_core_earliest")
    assert problem.where == f"row {ROW} ('erik-to-greenland')"
    assert problem.value == "-800000 days from 1970-01-01" and "0001-01-01" in problem.expected
    assert len(problems) == 1


def test_cells_of_an_absent_date_must_be_null() -> None:
    # 'althing-founded' (row 0) has no end: a calendar for it would say something of nothing
    table = with_cell(valid_table(), "end_calendar", "gregorian", row=0)
    with pytest.raises(ValidationError) as caught:
        from_arrow(table)
    problem = the_problem(caught.value.problems, "end_calendar")
    assert caught.value.source == "arrow table"
    assert problem.where == "row 0 ('althing-founded')" and "null" in problem.expected


def test_invalid_utf8_in_the_metadata_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    table = valid_table()
    metadata = dict(table.schema.metadata)
    metadata[b"timeline.sources_and_eras"] = b'[[sources]]\nid = "\xff\xfe"\n'
    _, problems = parquet_problems(table.replace_schema_metadata(metadata), tmp_path)
    problem = the_problem(problems, "(text)")
    assert "UTF-8" in problem.expected and b"\xff\xfe" in problem.value  # type: ignore[operator]
    assert len(problems) == 1  # its citations are not reported: the sources are unknown


@pytest.mark.parametrize(
    "nested",
    ["x = " + "[" * 5000 + "]" * 5000, "x = " + "{a = " * 3000 + "1" + "}" * 3000],
    ids=["arrays", "inline tables"],
)
def test_deeply_nested_metadata_is_a_problem_not_a_recursion_error(
    tmp_path: Path, nested: str
) -> None:
    table = valid_table()
    metadata = {b"timeline.sources_and_eras": nested.encode()}
    _, problems = parquet_problems(table.replace_schema_metadata(metadata), tmp_path)
    assert any("nested too deep" in str(p.value) for p in problems), problems


def test_events_in_the_metadata_are_refused_not_dropped() -> None:
    table = valid_table()
    header = timeline.dumps(timeline.loads(NORSE))  # sources and every event
    table = table.replace_schema_metadata({b"timeline.sources_and_eras": header.encode()})
    with pytest.raises(ValidationError) as caught:
        from_arrow(table)
    problem = the_problem(caught.value.problems, "events")
    assert "would be lost" in problem.expected


def test_an_unknown_schema_version_is_refused() -> None:
    table = valid_table()
    metadata = dict(table.schema.metadata) | {b"timeline.schema": b"9"}
    with pytest.raises(ValidationError, match="schema version"):
        from_arrow(table.replace_schema_metadata(metadata))


def test_a_citation_of_a_source_the_metadata_lacks_names_the_row() -> None:
    table = with_cell(
        valid_table(), "citations", [{"source": "landnamabok", "locator": "", "wording": ""}]
    )
    with pytest.raises(ValidationError) as caught:
        from_arrow(table)
    problem = the_problem(caught.value.problems, "citations.source")
    assert problem.where == f"row {ROW} ('erik-to-greenland')" and problem.value == "landnamabok"


def test_a_schema_1_table_with_a_null_approximate_flag_is_a_problem() -> None:
    table = valid_table()
    for prefix in ("start", "end"):
        table = table.append_column(f"{prefix}_precision", table[f"{prefix}_first_precision"])
        for flag in ("approximate", "uncertain"):
            values = [None if t is None else False for t in table[f"{prefix}_text"].to_pylist()]
            table = table.append_column(f"{prefix}_{flag}", pa.array(values, pa.bool_()))
        for side in ("first_precision", "last_precision", "first_qualifier", "last_qualifier"):
            table = table.drop_columns(f"{prefix}_{side}")
    with pytest.raises(ValidationError) as caught:  # flags all false: '985?' is not what it was
        from_arrow(with_cell(table, "start_approximate", None))
    problem = the_problem(caught.value.problems, "start_approximate")
    assert problem.where == f"row {ROW} ('erik-to-greenland')" and problem.value is None


def test_other_arrow_types_of_the_same_kind_are_read() -> None:
    table = valid_table()
    table = with_column(table, "title", table["title"].cast(pa.large_string()))
    table = with_column(table, "status", table["status"].combine_chunks().dictionary_encode())
    table = with_column(table, "start_first_precision", table["start_first_precision"].cast(
        pa.int64()))  # fmt: skip
    table = with_column(table, "earliest", table["earliest"].cast(pa.date64()))
    table = with_column(table, "end_reference", pa.nulls(table.num_rows))
    back = from_arrow(table)
    assert back == norse()
    assert back.arrow_table is not None and back.arrow_table.schema.equals(schema())


def test_table_events_checks_every_row_unless_trusted() -> None:
    table = with_cell(valid_table(), "status", "rumoured")
    with pytest.raises(ValidationError, match="rumoured"):
        table_events(table)
    assert [e.id for e in table_events(valid_table())] == sorted(e.id for e in norse())


def test_what_a_table_gives_dumps_to_toml_that_loads_back() -> None:
    back = from_arrow(valid_table())
    assert timeline.loads(timeline.dumps(back)) == back


# -- the table a timeline keeps for its figures ---------------------------------------------


def by_id(table: Any) -> list[dict[str, Any]]:
    return sorted(table.to_pylist(), key=lambda row: row["id"])


def test_the_kept_table_is_exactly_the_events_one_per_row() -> None:
    tl = from_arrow(valid_table().take([5, 0, 3, 1, 4, 2]))  # in any order
    assert tl.arrow_table is not None
    assert by_id(tl.arrow_table) == by_id(events_table(tl.events))


@pytest.mark.parametrize(
    "derive",
    [
        lambda t: t.filter(kind="law"),
        lambda t: t.filter(lambda e: True),
        lambda t: t.between("900", "1100"),
        lambda t: t.search("althing"),
        lambda t: t | norse(),
        lambda t: t.merge(),
        lambda t: Timeline.from_versions(t.versions, t.sources),
        lambda t: Timeline(t.events, t.sources),
    ],
    ids=["filter", "predicate", "between", "search", "or", "merge", "versions", "init"],
)
def test_a_derived_timeline_keeps_no_table(derive: Callable[[Timeline], Timeline]) -> None:
    tl = from_arrow(valid_table())
    assert tl.arrow_table is not None
    assert derive(tl).arrow_table is None


def test_rows_joined_repeated_or_resolved_keep_no_table() -> None:
    table = valid_table()
    repeated = pa.concat_tables([table, table.slice(0, 1)])
    assert from_arrow(repeated).arrow_table is None
    joined = with_cell(table, "same_as", ["vinland"])
    assert len(from_arrow(joined)) == table.num_rows - 1
    assert from_arrow(joined).arrow_table is None
    decided = Resolution(event="vinland", field="status", value="reported", reason="r", by="me")
    resolved = Timeline(norse().events, norse().sources, resolutions=[decided])
    assert from_arrow(resolved.to_arrow()).arrow_table is None


def test_a_figure_of_the_kept_table_shows_what_the_events_show() -> None:
    tl = norse()
    held = from_arrow(tl.to_arrow())

    def hovers(t: Timeline) -> list[str]:
        figure = t.plot(webgl=True, lanes="kind")
        parts = [tr for tr in figure.data if (tr.meta or {}).get("part") == "marker"]
        return sorted(str(h) for tr in parts for h in tr.hovertext)

    shown = hovers(held)
    assert shown == hovers(tl)
    assert any("&lt;under the cloak&gt;" in h and "Þorgeirr" in h for h in shown)
    assert any("<i>Íslendingabók counts" in h for h in shown)


# -- laws ---------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(timelines())
def test_write_parquet_then_read_parquet_is_the_identity(tl: Timeline) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.parquet"
        write_parquet(tl, path)
        back = read_parquet(path)
    assert back == tl
    assert back.conflicts == tl.conflicts


CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**40),
    st.integers(-2, 9),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["reported", "julian", "0985?", "985?", "erik-to-greenland", "03-25", "{}"]),
    st.binary(max_size=6),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.lists(st.text(max_size=6), max_size=3),
    st.lists(st.integers(0, 5), max_size=3),
    st.lists(
        st.fixed_dictionaries(
            {"source": st.sampled_from(["islendingabok", "saga-of-erik", "x y"])},
            optional={"locator": st.text(max_size=4), "wording": st.none()},
        ),
        max_size=2,
    ),
)


def mutated(table: Any, column: str, row: int, value: object) -> Any:
    """The table with one cell set to ``value``: the column takes whatever type Arrow gives
    the mixed values, or, where no one type holds them, the value's own type (the other
    cells null)."""
    values = table[column].to_pylist()
    values[row] = value
    try:
        array = pa.array(values)
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        array = pa.array([value if i == row else None for i in range(len(values))])
    return with_column(table, column, array)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(schema().names),
    st.integers(0, 5),
    CELL_VALUES,
    st.booleans(),
)
def test_any_one_cell_changed_gives_a_timeline_or_a_validation_error(
    column: str, row: int, value: object, keep_type: bool
) -> None:
    table = valid_table()
    try:
        changed = with_cell(table, column, value, row) if keep_type else None
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        changed = None  # the value does not fit the column's own type
    if changed is None:
        changed = mutated(table, column, row, value)
    try:
        tl = from_arrow(changed)
    except ValidationError as error:
        assert error.problems and all(isinstance(p, Problem) for p in error.problems)
        return
    # accepted: then it is exactly what its rows say, and it survives every format
    assert from_arrow(tl.to_arrow()) == tl
    assert timeline.loads(timeline.dumps(tl)) == tl
    if tl.arrow_table is not None:
        assert by_id(tl.arrow_table) == by_id(events_table(tl.events))
    assert all(isinstance(e, Event) for e in tl)


def test_a_repeated_column_is_one_problem_from_a_table_and_from_a_file(tmp_path: Path) -> None:
    table = valid_table()
    twice = table.append_column("title", table["title"])
    name, problems = parquet_problems(twice, tmp_path)
    assert name.endswith("norse.parquet")
    problem = the_problem(problems, "title")
    assert (problem.where, problem.value, problem.expected) == (
        "columns",
        "2 columns",
        "one column",
    )
    with pytest.raises(ValidationError, match="field 'title': got '2 columns'"):
        Timeline.from_arrow(twice)


def test_a_date64_that_is_not_a_whole_day_is_a_problem_and_a_whole_one_is_read() -> None:
    table = valid_table()
    days = table["earliest"].cast(pa.int32()).to_pylist()
    whole = pa.array([d * 86_400_000 for d in days], pa.int64()).cast(pa.date64())
    assert Timeline.from_arrow(with_column(table, "earliest", whole)) == norse()
    ms = [d * 86_400_000 for d in days]
    ms[ROW] += 1
    partial = pa.array(ms, pa.int64()).cast(pa.date64())
    with pytest.raises(ValidationError) as caught:
        Timeline.from_arrow(with_column(table, "earliest", partial))
    (problem,) = caught.value.problems
    assert problem.where.startswith(f"row {ROW} ('erik-to-greenland')")
    assert (problem.field, problem.expected) == ("earliest", "a whole day (a date64 at midnight)")
