"""DataFrames: to_pandas in timeline order with bounds before 1677, from_pandas with a column
mapping and every bad row reported at once."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

import timeline
from tests.strategies import timelines
from timeline import Citation, Event, FuzzyDate, Source, Timeline, ValidationError
from timeline.io.csv import loads_csv
from timeline.parsing.fuzziness import read_fuzziness

DUTCH = Path(__file__).parent / "data" / "dutch-trade.csv"


def test_rows_follow_the_timeline_order_not_the_ids() -> None:
    tl = Timeline(
        [
            Event(id="a-late", title="Late", start="1700"),
            Event(id="z-early", title="Early", start="1547"),
        ]
    )
    assert tl.to_pandas()["id"].tolist() == ["z-early", "a-late"]


def test_bounds_before_1677_survive_as_second_resolution_dates() -> None:
    tl = Timeline([Event(id="ivan", title="Ivan IV crowned", start="16 January 1547 O.S.")])
    df = tl.to_pandas()
    for column in ("earliest", "core_earliest", "core_latest", "latest"):
        assert str(df[column].dtype) == "datetime64[s]"
        assert df[column][0] == pd.Timestamp("1547-01-26")
    assert df["start"][0] == "16 January 1547 O.S."
    assert df["start_edtf"][0] == "1547-01-26"


def test_columns_hold_outer_and_core_bounds_labels_lists_and_citations() -> None:
    event = Event(
        id="wars",
        title="Anglo-Dutch wars",
        start="c. 1652",
        end="1674",
        actors=["England", "Dutch Republic"],
        status="disputed",
        citations=[Citation("israel", "ch. 5", "the 1650s")],
    )
    df = Timeline([event], [Source(id="israel", title="Dutch Primacy")]).to_pandas()
    row = df.iloc[0]
    assert (row["earliest"], row["core_earliest"]) == (
        pd.Timestamp("1651-01-01"),
        pd.Timestamp("1652-01-01"),
    )
    assert (row["core_latest"], row["latest"]) == (
        pd.Timestamp("1674-12-31"),
        pd.Timestamp("1674-12-31"),
    )
    assert (row["label"], row["end"], row["end_edtf"]) == ("c. 1652 to 1674", "1674", "1674")
    assert row["actors"] == ["England", "Dutch Republic"]
    assert row["status"] == "disputed"
    assert list(df["status"].cat.categories) == ["reported", "claimed", "planned", "disputed"]
    assert row["citations"] == [{"source": "israel", "locator": "ch. 5", "wording": "the 1650s"}]


def test_an_open_bound_is_nat_and_an_instant_has_no_end() -> None:
    df = Timeline([Event(id="a", title="A", start="before 1600")]).to_pandas()
    assert pd.isna(df["earliest"][0])
    assert pd.isna(df["end"][0])
    assert df["latest"][0] == pd.Timestamp("1599-12-31")


def test_a_csv_of_dutch_trade_reads_into_a_frame_with_its_1600s_dates() -> None:
    df = loads_csv(DUTCH.read_text(encoding="utf-8")).to_pandas()
    by_id = df.set_index("id")
    assert by_id.loc["breda", "earliest"] == pd.Timestamp("1667-07-31")
    assert by_id.loc["dejima", "earliest"] == pd.Timestamp("1640-01-01")
    assert by_id.loc["dejima", "latest"] == pd.Timestamp("1642-12-31")
    assert by_id.loc["anglo-dutch-wars", "core_latest"] == pd.Timestamp("1669-12-31")
    assert by_id.loc["decline", "core_earliest"] == pd.Timestamp("1666-01-01")
    assert df["earliest"].is_monotonic_increasing


def test_from_pandas_with_a_column_mapping_and_dates_of_every_kind() -> None:
    df = pd.DataFrame(
        {
            "key": ["dejima", "breda", "batavia", "charter", "malacca"],
            "name": ["Dejima", "Breda", "Batavia", "VOC charter", "Malacca"],
            "when": [
                "c. 1641",
                pd.Timestamp("1667-07-31 15:00"),
                dt.date(1619, 5, 30),
                np.datetime64("1602-03-20"),
                FuzzyDate.parse("14 January 1641"),
            ],
            "who": ["VOC; Tokugawa shogunate", ["England"], np.array(["VOC"]), None, np.nan],
        }
    )
    tl = Timeline.from_pandas(df, id="key", title="name", start="when", actors="who")
    assert [e.id for e in tl] == ["charter", "batavia", "dejima", "malacca", "breda"]
    assert str(tl["breda"].earliest) == "1667-07-31"
    assert str(tl["charter"].earliest) == "1602-03-20"
    assert tl["dejima"].actors == ("VOC", "Tokugawa shogunate")
    assert tl["batavia"].actors == ("VOC",)
    assert tl["charter"].actors == ()


def test_a_datetime_column_before_1677_reads() -> None:
    dates = pd.array(
        np.array(["1547-01-26", "1641-01-14"], dtype="datetime64[s]"), dtype="datetime64[s]"
    )
    df = pd.DataFrame({"id": ["a", "b"], "title": ["A", "B"], "start": dates})
    tl = Timeline.from_pandas(df)
    assert [str(e.earliest) for e in tl] == ["1547-01-26", "1641-01-14"]


def _plain(event: Event) -> Event:
    """The event with its dates as their wordings alone give them (what a frame's text
    columns keep): without a custom fuzziness."""
    end = None if event.end is None else attrs.evolve(event.end, fuzziness=None)
    return attrs.evolve(event, start=attrs.evolve(event.start, fuzziness=None), end=end)


@settings(max_examples=100, deadline=None)
@given(timelines())
def test_from_pandas_to_pandas_gives_back_the_same_timeline(tl: Timeline) -> None:
    assert Timeline.from_pandas(tl.to_pandas(), sources=tl.sources) == tl


def test_a_julian_date_or_custom_fuzziness_survives_a_dataframe() -> None:
    tl = Timeline(
        [
            Event(id="a", title="A", start=FuzzyDate.parse("16 January 1547", calendar="julian")),
            Event(
                id="b",
                title="B",
                start=FuzzyDate.parse("c. 1600", fuzziness=read_fuzziness({"year": "5 years"})),
            ),
        ]
    )
    df = tl.to_pandas()
    assert df["start"][0] == '{"text": "16 January 1547", "calendar": "julian"}'
    back = Timeline.from_pandas(df)
    assert back == tl and str(back["a"].start.earliest) == "1547-01-26"


def test_every_bad_row_is_reported_at_once() -> None:
    df = pd.DataFrame(
        {
            "id": ["ok", "Bad Id", "c", "d", "e", "ok"],
            "title": ["A", "B", 3, "D", "E", "F"],
            "start": ["1600", "1600", "1600", "sometime", None, "1600"],
            "status": [None, None, None, "rumoured", None, None],
        },
        index=[10, 11, 12, 13, 14, 15],
    )
    with pytest.raises(ValidationError) as caught:
        Timeline.from_pandas(df, name="frame")
    found = [(p.where, p.field, p.value) for p in caught.value.problems]
    assert found == [
        ("row 11", "id", "Bad Id"),
        ("row 12 ('c')", "title", 3),
        ("row 13 ('d')", "status", "rumoured"),
        ("row 13 ('d')", "start", "sometime"),
        ("row 14 ('e')", "start", None),
        ("row 15 ('ok')", "id", "ok"),
    ]
    assert str(caught.value).startswith("frame: 6 problems:")


def test_problems_name_the_mapped_column() -> None:
    df = pd.DataFrame({"id": ["a"], "what": ["A"], "when": ["not a date"]})
    with pytest.raises(ValidationError) as caught:
        Timeline.from_pandas(df, title="what", start="when")
    (problem,) = caught.value.problems
    assert (problem.where, problem.field, problem.value) == ("row 0 ('a')", "when", "not a date")
    assert problem.expected.startswith("a date (")


def test_a_named_column_must_exist_and_required_ones_too() -> None:
    df = pd.DataFrame({"id": ["a"], "start": ["1600"]})
    with pytest.raises(ValidationError) as caught:
        Timeline.from_pandas(df, end="finish")
    assert [p.field for p in caught.value.problems] == ["title", "finish"]


def test_missing_pandas_says_which_extra_to_install() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "from timeline import Timeline\n"
        "try:\n"
        "    Timeline().to_pandas()\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "pip install 'timeline[tables]'" in result.stdout


def test_from_pandas_of_something_else_names_what_it_expected() -> None:
    with pytest.raises(timeline.ArgumentError, match="a pandas DataFrame"):
        Timeline.from_pandas([1, 2])
