"""vis-timeline items and groups: ranges and points, exclusive ends, escaped text, fuzzy
dates marked and their outer bounds drawn behind them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings

from tests.strategies import timelines
from tests.test_linkedart import PAINTERS
from timeline import Event, Timeline
from timeline.dates import Date
from timeline.io.vis import dumps_vis, to_vis, write_vis

DATA = to_vis(PAINTERS)
ITEMS = {item["id"]: item for item in DATA["items"]}


def test_a_day_is_a_point() -> None:
    item = ITEMS["fabritius-thunderclap"]
    assert (item["type"], item["start"], item["className"]) == ("point", "1654-10-12", "certain")
    assert "end" not in item
    assert "fabritius-thunderclap/outer" not in ITEMS


def test_a_span_ends_on_the_day_after_its_last_day() -> None:
    item = ITEMS["steen-leiden"]  # 1648 to February 1679
    assert (item["type"], item["start"], item["end"]) == ("range", "1648-01-01", "1679-03-01")


def test_a_year_is_a_range_over_the_year_not_a_point_on_new_years_day() -> None:
    tl = Timeline([Event(id="nw", title="Night Watch finished", start="1642")])
    (item,) = to_vis(tl)["items"]
    assert (item["type"], item["start"], item["end"]) == ("range", "1642-01-01", "1643-01-01")


def test_an_approximate_date_is_marked_and_its_outer_bounds_drawn_behind_it() -> None:
    item = ITEMS["view-of-delft"]  # c. 1660
    assert (item["start"], item["end"]) == ("1660-01-01", "1661-01-01")
    assert item["className"] == "fuzzy approximate"
    assert (item["outerStart"], item["outerEnd"]) == ("1659-01-01", "1662-01-01")
    outer = ITEMS["view-of-delft/outer"]
    assert (outer["type"], outer["start"], outer["end"]) == (
        "background",
        "1659-01-01",
        "1662-01-01",
    )
    assert (outer["group"], outer["className"]) == ("painting", "outer-bounds")


def test_an_uncertain_date_is_marked_uncertain() -> None:
    assert ITEMS["pearl-earring"]["className"] == "fuzzy uncertain"
    assert "pearl-earring/outer" in ITEMS


def test_an_open_start_stands_on_the_known_day_and_says_so() -> None:
    item = ITEMS["hals-family-haarlem"]  # before 1591
    assert (item["type"], item["start"], item["className"]) == (
        "point",
        "1590-12-31",
        "fuzzy open open-start",
    )
    assert "outerStart" not in item
    assert item["outerEnd"] == "1591-01-01"
    assert "before 1591" in item["title"]


def test_an_ongoing_event_is_a_point_at_its_start_marked_open_end() -> None:
    item = ITEMS["night-watch-rijksmuseum"]
    assert (item["type"], item["start"], item["className"]) == (
        "point",
        "1885-01-01",
        "fuzzy open open-end",
    )


def test_a_julian_date_is_drawn_on_its_gregorian_day_and_marked() -> None:
    item = ITEMS["van-dyck-dies"]  # 9 December 1641 O.S.
    assert (item["start"], item["className"]) == ("1641-12-19", "certain julian")
    assert "Julian: 9 December 1641 O.S." in item["title"]


def test_content_title_and_groups_are_escaped() -> None:
    item = ITEMS["view-of-delft"]
    assert item["content"] == (
        "Vermeer&#x27;s &lt;i&gt;View of Delft&lt;/i&gt; &amp; &quot;The Little Street&quot;"
    )
    assert "<i>" not in item["title"]
    assert item["title"].split("<br>")[1] == "c. 1660"
    tl = Timeline([Event(id="x", title="X", start="1650", kind="<img src=x onerror=alert(1)>")])
    (group,) = to_vis(tl)["groups"]
    assert group["content"] == "&lt;img src=x onerror=alert(1)&gt;"


def test_groups_are_the_kinds_and_an_event_without_one_has_its_own() -> None:
    kinds = [e.kind for e in PAINTERS]
    assert [g["id"] for g in DATA["groups"]] == sorted(set(kinds), key=kinds.index)
    assert {g["id"]: g["content"] for g in DATA["groups"]}[""] == "(no kind)"
    assert ITEMS["golden-age"]["group"] == ""


def test_no_groups_when_no_event_has_a_kind() -> None:
    data = to_vis(Timeline([Event(id="a", title="A", start="1650")]))
    assert data["groups"] == []
    assert "group" not in data["items"][0]


def test_an_event_open_everywhere_is_listed_as_unplaced() -> None:
    data = to_vis(Timeline([Event(id="a", title="A", start="ongoing")]))
    assert (data["items"], data["unplaced"]) == ([], ["a"])


def test_the_json_file_is_written(tmp_path: Path) -> None:
    path = tmp_path / "painters.json"
    write_vis(PAINTERS, path)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(dumps_vis(PAINTERS))


# -- laws -----------------------------------------------------------------------------------


def day(text: str) -> Date:
    return Date.fromisoformat(text[:10])


@settings(max_examples=100, deadline=None)
@given(timelines())
def test_no_fuzzy_event_is_drawn_as_certain(tl: Timeline) -> None:
    data = to_vis(tl)
    items: dict[str, dict[str, Any]] = {i["id"]: i for i in data["items"]}
    for event in tl:
        if event.id in data.get("unplaced", []):
            continue
        item = items[event.id]
        dates = [d for d in (event.start, event.end) if d is not None]
        fuzzy = any(d.approximate or d.uncertain or d.is_open for d in dates)
        assert ("fuzzy" in item["className"].split()) == fuzzy
        if any(d.approximate or d.uncertain for d in dates):
            outer = items[f"{event.id}/outer"]
            assert outer["type"] == "background"
            # the background covers the item and the outer bounds it knows
            assert day(outer["start"]) <= day(item["start"])
            if event.earliest is not None:
                assert day(outer["start"]) == event.earliest
            if event.latest is not None:
                assert day(outer["end"]) == event.latest.add(days=1)
        if item["type"] == "range":
            assert day(item["start"]) < day(item["end"])
        assert "<" not in item["content"] and ">" not in item["content"]


def test_an_end_whose_core_lies_before_the_start_is_not_drawn_before_it() -> None:
    tl = Timeline([Event(id="c", title="C", start="1800-01-01", end="17XX?")])
    item = to_vis(tl)["items"][0]
    assert (item["type"], item["start"], item["end"]) == ("range", "1800-01-01", "1800-01-02")
    assert "uncertain" in item["className"].split()
