"""The figure and its segmented axis, checked in Python (the browser tests check the page)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import Event, FuzzyDate, Timeline
from timeline.plotting import LARGE, to_html
from timeline.plotting.axis import Axis, build_axis

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def article() -> Timeline:
    return timeline.load(ROOT / "data" / "events.toml")


def main_ids(figure: go.Figure) -> list[str]:
    return [i for t in figure.data if (t.meta or {}).get("main") for i in t.meta.get("ids", [])]


def test_every_event_has_exactly_one_main_glyph(article: Timeline) -> None:
    figure = article.plot()
    assert sorted(main_ids(figure)) == sorted(e.id for e in article)


def test_instants_are_markers_and_spans_are_bars(article: Timeline) -> None:
    figure = timeline.plot(article)
    kinds = {i: t.type for t in figure.data if (t.meta or {}).get("main") for i in t.meta["ids"]}
    assert kinds["kishida-kyiv-visit"] == "scatter"
    assert kinds["xi-state-visit-moscow"] == "bar"
    assert kinds["ivan-iv-reign"] == "bar"


def test_fuzzy_parts_are_drawn_lighter(article: Timeline) -> None:
    figure = article.plot()
    fuzzy = [t for t in figure.data if t.name and t.name.endswith("(uncertain)")]
    assert fuzzy and all(t.marker.opacity < 0.5 for t in fuzzy)


def test_status_legend_names_every_status(article: Timeline) -> None:
    names = [t.name for t in article.plot().data if (t.meta or {}).get("legend") == "status"]
    assert [n.split(":")[0] for n in names] == [
        "reported",
        "claimed by a party",
        "planned",
        "disputed by the record",
    ]


@pytest.mark.parametrize(
    ("lanes", "expected"),
    [("actor", "Sergei Shoigu"), ("place", "Kyiv"), ("none", "events"), ("kind", "treaty")],
)
def test_lanes_group_events_on_the_y_axis(article: Timeline, lanes: str, expected: str) -> None:
    figure = article.plot(lanes=lanes)
    assert expected in figure.layout.yaxis.ticktext


def test_dark_theme_and_colour_blind_palette(article: Timeline) -> None:
    figure = article.plot(theme="dark")
    assert figure.layout.template.layout.paper_bgcolor == "rgb(17,17,17)"
    lane_colours = {t.marker.color for t in figure.data if (t.meta or {}).get("legend") == "lane"}
    okabe_ito = {
        "#0072B2",
        "#E69F00",
        "#009E73",
        "#CC79A7",
        "#56B4E9",
        "#D55E00",
        "#F0E442",
        "#BBBBBB",
        "#000000",
    }
    assert lane_colours <= okabe_ito


def test_bad_options_are_clear_errors(article: Timeline) -> None:
    with pytest.raises(ValueError, match="lanes must be"):
        article.plot(lanes="colour")
    with pytest.raises(ValueError, match="theme must be"):
        article.plot(theme="sepia")


def test_eras_are_shaded_bands_with_names(article: Timeline) -> None:
    figure = article.plot()
    names = [a.text for a in figure.layout.annotations if a.text and a.text.startswith("<i>")]
    assert "<i>Second World War</i>" in names and "<i>Reign of Ivan IV</i>" in names


def test_data_text_is_escaped_in_the_figure() -> None:
    evil = Timeline(
        [Event(id="x", title="<b onmouseover=alert(1)>", start=FuzzyDate.parse("1875"))]
    )
    page = to_html(evil.plot(title="<script>alert(2)</script>"))
    assert "<b onmouseover" not in page and "<script>alert(2)" not in page
    assert "&lt;b onmouseover=alert(1)&gt;" in page


def test_large_timelines_switch_to_webgl() -> None:
    start = dt.date(1600, 1, 1).toordinal()
    events = [
        Event(
            id=f"e{i}",
            title=f"Event {i}",
            start=FuzzyDate.from_bounds(
                dt.date.fromordinal(start + i * 37), dt.date.fromordinal(start + i * 37)
            ),
        )
        for i in range(LARGE)
    ]
    figure = Timeline(events).plot()
    assert {t.type for t in figure.data if (t.meta or {}).get("main")} == {"scattergl"}
    assert not [a for a in figure.layout.annotations if (a.name or "").startswith("label|")]
    assert sum(len(t.x) for t in figure.data if (t.meta or {}).get("main")) == LARGE


def test_range_slider_and_zoom_stay_on(article: Timeline) -> None:
    layout = article.plot().layout
    assert layout.xaxis.rangeslider.visible is True
    assert layout.xaxis.fixedrange is not True


def test_the_article_axis_is_cut_where_nothing_happens(article: Timeline) -> None:
    meta = article.plot().layout.meta["axis"]
    assert len(meta["days"]) >= 6  # several segments: four centuries and the recent months


@given(st.lists(st.integers(min_value=560_000, max_value=740_000), min_size=1, max_size=40))
def test_axis_is_monotone_and_ticks_name_their_true_dates(days: list[int]) -> None:
    axis = build_axis([(d, d) for d in days], width=1000)
    xs = [axis.x(d) for d in sorted(days)]
    assert xs == sorted(xs)
    assert all(0 <= x <= 1000 for x in xs)
    values, _ = axis.ticks()
    assert values == sorted(values)
    for cut in axis.breaks:
        assert not any(cut.start < d < cut.end for d in days)  # cuts hold no event date
        assert cut.label().endswith("cut")


def test_tick_labels_are_honest(article: Timeline) -> None:
    layout = article.plot().layout
    meta = layout.meta["axis"]
    axis = Axis(tuple(meta["days"]), tuple(meta["xs"]), (), meta["xs"][-1])
    for value, label in zip(layout.xaxis.tickvals, layout.xaxis.ticktext, strict=True):
        year = int(label.split()[-1])
        # the tick sits at 1 January (or the 1st of the named month) of the year it names
        position = [
            d
            for d in range(dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal() + 1)
            if abs(axis.x(d) - value) < 1e-6
        ]
        assert position, (value, label)


def test_figure_serialises(article: Timeline) -> None:
    assert json.loads(article.plot().to_json())["layout"]["xaxis"]["rangeslider"]["visible"]


@pytest.mark.parametrize("columnar", [False, True])
def test_large_figures_escape_text_and_hover_every_event(columnar: bool) -> None:
    evil = "<img src=x onerror=alert(1)>"
    events = [
        Event(
            id=f"e{i}",
            title=evil if i == 7 else f"Event {i}",
            start=FuzzyDate.from_bounds(
                dt.date(1600 + i % 400, 1, 1), dt.date(1600 + i % 400, 1, 1)
            ),
        )
        for i in range(400)
    ]
    tl = Timeline(events)
    if columnar:
        tl = Timeline.from_arrow(tl.to_arrow())
    figure = tl.plot(webgl=True)
    hover = [h for t in figure.data if (t.meta or {}).get("main") for h in t.hovertext]
    assert len(hover) == 400
    assert not any("<img" in h for h in hover)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in h for h in hover)
