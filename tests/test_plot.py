"""The figure, checked in Python: options, axis, cuts, marks, lanes, escaping, pages, speed
shape (the browser tests check the drawn page)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import Citation, Event, FuzzyDate, PlotOptionError, Source, Status, Timeline
from timeline.plotting import LARGE, alt_text, to_html
from timeline.plotting.geometry import pack_rows

ROOT = Path(__file__).resolve().parent.parent


def ev(id: str, start: str, end: str | None = None, **fields: Any) -> Event:
    return Event(
        id=id,
        title=fields.pop("title", id),
        start=FuzzyDate.parse(start),
        end=FuzzyDate.parse(end) if end else None,
        **fields,
    )


THIRTY_YEARS = Timeline(
    [
        ev("defenestration", "23 May 1618", kind="revolt", actors=("bohemia",)),
        ev("white-mountain", "8 November 1620", kind="battle", actors=("bohemia", "empire")),
        ev("danish-phase", "1625", "1629", kind="war", actors=("denmark",)),
        ev("lutzen", "16 November 1632", kind="battle", actors=("sweden", "empire")),
        ev("prague", "spring 1635", kind="treaty", actors=("empire", "saxony")),
        ev("westphalia", "24 October 1648", kind="treaty", actors=("sweden", "france")),
        ev("long-war", "1618", "1648", kind="war"),
        ev("unrest", "late 1620s", "early 1630s", kind="revolt"),
    ]
)


@pytest.fixture(scope="module")
def article() -> Timeline:
    return timeline.load(ROOT / "data" / "events.toml")


def parts(figure: go.Figure, part: str) -> list[Any]:
    return [t for t in figure.data if (t.meta or {}).get("part") == part]


def marker_ids(figure: go.Figure) -> list[str]:
    return [i for t in parts(figure, "marker") for i in t.meta["ids"].split(" ")]


def test_the_x_axis_is_a_real_date_axis_that_plotly_shapes_use() -> None:
    figure = THIRTY_YEARS.plot()
    assert figure.layout.xaxis.type == "date"
    figure.add_vline(x="1632-11-16")
    figure.add_vrect(x0="1625-01-01", x1="1629-12-31")
    figure.add_annotation(x="1632-11-16", y=0, text="Lützen")
    shape = figure.layout.shapes[-2]
    assert shape.x0 == "1632-11-16" and shape.xref == "x"


def test_every_event_has_one_marker_carrying_its_id() -> None:
    figure = THIRTY_YEARS.plot()
    assert sorted(marker_ids(figure)) == sorted(e.id for e in THIRTY_YEARS)


def test_a_lane_is_one_legend_group_with_its_labels() -> None:
    figure = THIRTY_YEARS.plot()
    groups: dict[int, set[str]] = {}
    for trace in figure.data:
        meta = trace.meta or {}
        if "lane" in meta:
            groups.setdefault(meta["lane"], set()).add(trace.legendgroup)
    assert all(len(g) == 1 for g in groups.values())
    labels = parts(figure, "label")
    assert labels and all(t.legendgroup.startswith("lane") for t in labels)
    # labels sit on the twin axis, which follows the x axis but stays out of the range slider
    assert figure.layout.xaxis2.matches == "x" and all(t.xaxis == "x2" for t in labels)


def test_no_script_is_needed_for_the_figure_to_work() -> None:
    page = to_html(THIRTY_YEARS.plot(), include_plotlyjs="cdn")
    plain = go.Figure().to_html(include_plotlyjs="cdn", full_html=False)
    # only plotly's own scripts: the same count as a bare figure's
    assert (
        page.count("<script") == plain.count("<script")
        and "plotly_relayout" not in page
        and "legendclick" not in page
    )


def test_long_empty_stretches_are_cut_and_short_gaps_are_not(article: Timeline) -> None:
    every_few_years = Timeline([ev(f"e{y}", str(y)) for y in range(1618, 1649, 3)])
    assert every_few_years.plot().layout.xaxis.rangebreaks == ()  # 2-year gaps in 30 stay
    figure = article.plot()
    cuts = figure.layout.meta["timeline"]["cuts"]
    assert cuts and all(b.bounds for b in figure.layout.xaxis.rangebreaks)
    for first, last in cuts:
        a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        assert (a.month, a.day) == (1, 1) and (b.month, b.day) == (1, 1)  # round years
        inside = [
            e.id
            for e in article
            for day in (e.start.core_earliest, e.start.core_latest)
            if day is not None and a <= day < b
        ]
        assert inside == []
    labels = [a.text for a in figure.layout.annotations if a.name == "cut"]
    assert len(labels) == len(cuts) and all("not shown" in t for t in labels)


def test_a_plain_date_axis_on_request() -> None:
    figure = timeline.load(ROOT / "data" / "events.toml").plot(axis="date")
    assert figure.layout.xaxis.rangebreaks == () and figure.layout.meta["timeline"]["cuts"] == []


@pytest.mark.parametrize(
    ("options", "word"),
    [
        ({"lanes": "colour"}, "lanes"),
        ({"theme": "sepia"}, "theme"),
        ({"axis": "log"}, "axis"),
        ({"width": 100}, "width"),
        ({"height": 0}, "height"),
        ({"colors": {"war": "blue"}}, "colors"),
        ({"webgl": "yes"}, "webgl"),
        ({"webgl": True, "axis": "segmented"}, "axis"),
    ],
)
def test_bad_options_raise_a_plot_option_error_naming_them(
    options: dict[str, Any], word: str
) -> None:
    with pytest.raises(PlotOptionError, match=word) as caught:
        THIRTY_YEARS.plot(**options)
    assert isinstance(caught.value, ValueError)


def test_lanes_by_actor_draw_a_shared_event_in_each_actors_lane() -> None:
    figure = THIRTY_YEARS.plot(lanes="actor")
    lanes = figure.layout.meta["timeline"]["lanes"]
    assert {"sweden", "empire", "bohemia"} <= set(lanes)
    ids = marker_ids(figure)
    assert ids.count("lutzen") == 2 and ids.count("danish-phase") == 1
    assert any("⇄" in str(text) for t in parts(figure, "label") for text in t.text)


def test_actor_lanes_do_not_depend_on_the_order_actors_are_listed() -> None:
    swapped = Timeline(
        [attrs_evolve(e, actors=tuple(reversed(e.actors))) for e in THIRTY_YEARS.events]
    )
    a = THIRTY_YEARS.plot(lanes="actor").layout.meta["timeline"]["lanes"]
    b = swapped.plot(lanes="actor").layout.meta["timeline"]["lanes"]
    assert sorted(a) == sorted(b)


def attrs_evolve(event: Event, **changes: Any) -> Event:
    import attrs

    return attrs.evolve(event, **changes)


@pytest.mark.parametrize("lanes", ["tag", "status", "source", "none", "place"])
def test_every_lane_key_draws_every_event(article: Timeline, lanes: Any) -> None:
    assert set(marker_ids(article.plot(lanes=lanes))) == {e.id for e in article}


def test_more_than_eight_lanes_differ_in_colour_or_symbol() -> None:
    many = Timeline([ev(f"e{i}", f"{1600 + i}", kind=f"kind{i}") for i in range(20)])
    figure = many.plot()
    cues = {(t.marker.color, t.marker.symbol) for t in parts(figure, "legend")}
    assert len(cues) == 20


def test_a_colour_map_and_a_height_are_taken() -> None:
    figure = THIRTY_YEARS.plot(colors={"battle": "#112233"}, height=700)
    battle = figure.layout.meta["timeline"]["lanes"].index("battle")
    legend = next(t for t in parts(figure, "legend") if t.meta["lane"] == battle)
    assert legend.marker.color == "#112233" and figure.layout.height == 700


def ends_drawn(figure: go.Figure, event_id: str) -> set[str]:
    """The kinds of piece drawn for one event (single-lane figure: rows identify events)."""
    marker = next(t for t in parts(figure, "marker") if event_id in t.meta["ids"].split(" "))
    y = marker.y[marker.meta["ids"].split(" ").index(event_id)]
    kinds = set()
    for trace in figure.data:
        part = (trace.meta or {}).get("part")
        if part in (None, "marker", "label", "legend", "key", "hover"):
            continue
        if any(v == y for v in trace.y if v is not None and not np.isnan(v)):
            kinds.add(part)
    return kinds


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("16 November 1632", None, set()),
        ("November 1632", None, {"whiskers"}),
        ("spring 1635", None, {"whiskers"}),
        ("1632", None, {"whiskers"}),
        ("1630s", None, {"whiskers"}),
        ("17th century", None, {"whiskers"}),
        ("c. 1632", None, {"whiskers", "approximate"}),
        ("1632?", None, {"whiskers", "uncertain"}),
        ("1632%", None, {"whiskers", "both"}),
        ("before 1632", None, {"open", "open-start"}),
        ("after 1632", None, {"open", "open-end"}),
        ("23 May 1618", "24 October 1648", {"certain"}),
        ("1618", "1648", {"certain", "period"}),
        ("late 1620s", "early 1630s", {"period"}),
        ("1625", "after 1635", {"certain", "period", "open", "open-end"}),
        ("1625", "ongoing", {"certain", "period", "ongoing"}),
        ("c. 1625", "1635?", {"certain", "period", "approximate", "uncertain"}),
    ],
)
def test_each_kind_of_fuzziness_has_its_own_marks(
    start: str, end: str | None, expected: set[str]
) -> None:
    tl = Timeline([ev("x", start, end)])
    assert ends_drawn(tl.plot(), "x") == expected


def test_an_open_end_and_ongoing_look_different() -> None:
    tl = Timeline([ev("a", "1625", "after 1635"), ev("b", "1625", "ongoing")])
    figure = tl.plot()
    assert ends_drawn(figure, "a") != ends_drawn(figure, "b")


def test_ongoing_runs_to_the_publication_of_its_source() -> None:
    tl = Timeline(
        [ev("b", "1625", "ongoing", citations=(Citation(source="chronicle"),))],
        [Source(id="chronicle", title="A chronicle", published=FuzzyDate.parse("1650"))],
    )
    now = parts(tl.plot(), "ongoing")[0]
    drawn = dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=float(now.x[0]))
    assert drawn == dt.datetime(1651, 1, 1)  # the end of 1650, the source's last day


def test_quotes_and_markup_in_data_show_as_written() -> None:
    title = 'O\'Brien & "Sons" <b>Ltd</b>'
    tl = Timeline([ev("x", "1632", title=title, kind='"quoted" & <lane>')])
    figure = tl.plot(title=title)
    shown = json.loads(figure.to_json())
    del shown["layout"]["meta"]  # plain text for the page's table, never drawn by Plotly
    text = json.dumps(shown, ensure_ascii=False)
    assert "&quot;" not in text and "&#x27;" not in text
    assert "<b>Ltd</b>" not in text and "&lt;b&gt;Ltd&lt;/b&gt;" in text
    assert 'O\'Brien &amp; "Sons"' in figure.layout.title.text


@pytest.mark.parametrize("name", ["constructor", "__proto__", "a|b", "東京", "toString"])
def test_any_lane_name_is_its_own_legend_group(name: str) -> None:
    tl = Timeline([ev("x", "1632", kind=name), ev("y", "1633", kind="other")])
    figure = tl.plot()
    groups = {t.legendgroup for t in figure.data if "lane" in (t.meta or {})}
    assert groups == {"lane0", "lane1"}  # never the name itself


def test_the_page_has_a_language_a_title_and_the_events_as_a_table(article: Timeline) -> None:
    page = to_html(article.plot(), title='Russia & "Asia"')
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert "<title>Russia &amp; &quot;Asia&quot;</title>" in page
    table = page[page.index('<table id="timeline-events"') :]
    rows = table.count("<tr>") - 1
    assert rows == len(article)
    positions = [
        table.index(e.title.replace("'", "&#x27;").replace('"', "&quot;")) for e in article
    ]
    assert positions == sorted(positions)


def test_a_cdn_page_is_small(article: Timeline) -> None:
    inline = to_html(article.plot())
    cdn = to_html(article.plot(), include_plotlyjs="cdn")
    assert len(cdn) < 100_000 < 3_000_000 < len(inline)
    with pytest.raises(PlotOptionError):
        to_html(article.plot(), include_plotlyjs="sometimes")


def test_alt_text_says_what_the_figure_shows(article: Timeline) -> None:
    text = alt_text(article.plot())
    assert text.startswith(f"Timeline of {len(article)} events in ")
    assert "cut from the axis" in text


def test_large_timelines_use_webgl_on_a_plain_date_axis() -> None:
    many = Timeline([ev(f"e{i}", f"{1600 + i % 300}", kind=f"k{i % 5}") for i in range(LARGE)])
    figure = many.plot()
    assert figure.layout.meta["timeline"]["webgl"] is True
    assert figure.layout.meta["timeline"]["axis"] == "date"
    assert {t.type for t in parts(figure, "marker")} == {"scattergl"}
    assert parts(figure, "label") == []
    assert len(marker_ids(figure)) == LARGE


def test_small_and_large_figures_hover_the_same_text() -> None:
    one = Timeline(
        [ev("x", "1632", title="A & B", citations=(Citation(source="s", wording="w"),))],
        [Source(id="s", title="S")],
    )
    small = parts(one.plot(), "marker")[0].hovertext[0]
    large = parts(one.plot(webgl=True, axis="date"), "marker")[0].hovertext[0]
    assert small == large and "A &amp; B" in small and "s: “w”" in small


@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(0, 200)), max_size=60))
def test_packed_rows_never_overlap(spans: list[tuple[float, float]]) -> None:
    left = np.asarray([a for a, _ in spans], dtype=np.float64)
    right = left + np.asarray([w for _, w in spans], dtype=np.float64)
    rows, count = pack_rows(left, right, 8.0)
    assert count == (len(set(rows.tolist())) if len(spans) else 0)
    for i in range(len(spans)):
        for j in range(i + 1, len(spans)):
            if rows[i] == rows[j]:
                assert right[i] + 8.0 <= left[j] or right[j] + 8.0 <= left[i]


def test_write_image_keeps_alt_text_and_leaves_the_environment_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os
    import struct
    import zlib

    from timeline.plotting import write_image

    header = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + b"\0" * 13 + b"\0" * 4
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10"><g/></svg>'
    monkeypatch.setattr(
        go.Figure, "to_image", lambda self, format, **kw: header if format == "png" else svg
    )
    before = dict(os.environ)
    png = write_image(THIRTY_YEARS.plot(), tmp_path / "war.png", alt="The war & its peace")
    data = png.read_bytes()
    assert data.startswith(header) and b"Description\x00\x00\x00\x00\x00The war & its peace" in data
    chunk = data[len(header) :]
    length = struct.unpack(">I", chunk[:4])[0]
    assert struct.unpack(">I", chunk[8 + length : 12 + length])[0] == zlib.crc32(
        chunk[4 : 8 + length]
    )
    out = write_image(THIRTY_YEARS.plot(), tmp_path / "war.svg").read_text(encoding="utf-8")
    assert 'role="img"' in out and "<desc" in out and "Timeline of 8 events" in out
    assert dict(os.environ) == before
    with pytest.raises(PlotOptionError):
        write_image(THIRTY_YEARS.plot(), tmp_path / "war.gif")


def test_status_is_drawn_by_shape() -> None:
    tl = Timeline([ev(s.value, "1632", status=s) for s in Status])
    symbols = {t.meta["status"]: t.marker.symbol for t in parts(tl.plot(), "marker")}
    assert len(set(symbols.values())) == len(Status)


def _by_id(figure: go.Figure) -> dict[str, tuple[float, str]]:
    out = {}
    for trace in parts(figure, "marker"):
        pairs = zip(trace.x, trace.hovertext, strict=True)
        for i, (x, hover) in zip(trace.meta["ids"].split(" "), pairs, strict=True):
            out[i] = (float(x), str(hover))
    return out


@pytest.mark.parametrize("lanes", ["kind", "status", "none"])
def test_a_figure_read_from_arrow_columns_equals_one_read_from_objects(lanes: Any) -> None:
    pytest.importorskip("pyarrow")
    tl = Timeline(
        [
            *THIRTY_YEARS.events,
            ev(
                "sieges",
                "c. 1631",
                "1634?",
                kind="war",
                title="Sieges & <raids>",
                citations=(
                    Citation(source="diary", locator="f. 3", wording="about 1631"),
                    Citation(source="diary", locator="f. 9"),
                ),
            ),
            ev("league", "1609", "ongoing", kind="alliance", status=Status.DISPUTED),
            # "ongoing" runs to when its source was written, on both paths
            ev("union", "1608", "ongoing", kind="alliance", citations=(Citation("diary"),)),
        ],
        [Source(id="diary", title="A diary", published=FuzzyDate.parse("1640"))],
    )
    columns = Timeline.from_arrow(tl.to_arrow())
    assert columns.arrow_table is not None
    a = tl.plot(webgl=True, lanes=lanes)
    b = columns.plot(webgl=True, lanes=lanes)
    assert _by_id(a) == _by_id(b) and len(_by_id(a)) == len(tl)
    # the same bars and the same axis (the rows may come in another order)
    assert _xs(a) == _xs(b) and a.layout.xaxis.range == b.layout.xaxis.range


def _xs(figure: go.Figure) -> dict[tuple[str, str], list[float]]:
    out: dict[tuple[str, str], list[float]] = {}
    for trace in figure.data:
        xs = [float(x) for x in trace.x if x is not None and x == x and not isinstance(x, str)]
        out.setdefault((trace.name, (trace.meta or {}).get("part", "")), []).extend(xs)
    return {key: sorted(values) for key, values in out.items()}


FORMS = [
    "1875-05-07", "1875-05", "1875", "1945-21", "156X", "1984?/2004~", "../1985", "1985/..",
    "7 May 1875", "spring 1945", "the 1870s", "16th century", "late 16th century",
    "circa 1875", "probably 1875", "1875%", "before 1600", "after 1875", "by 1600",
    "since 24 February 2022", "between 1945 and 1947", "18 March 1584 O.S.", "c. 1620s",
]  # fmt: skip
_EPOCH = dt.date(1970, 1, 1).toordinal()


def _drawn(figure: go.Figure) -> list[tuple[str, float, float]]:
    """Every drawn line piece and mark as (part, first day, last day) in day ordinals."""
    out = []
    for trace in figure.data:
        part = (trace.meta or {}).get("part")
        if part in (None, "legend", "key", "label", "hover"):
            continue
        xs = np.asarray(trace.x, dtype=float) / 86_400_000 + _EPOCH
        for run in np.split(xs, np.flatnonzero(np.isnan(xs))):
            run = run[np.isfinite(run)]
            if len(run):
                out.append((part, float(run.min()), float(run.max())))
    return out


@given(st.sampled_from(FORMS), st.sampled_from([*FORMS, "ongoing", None]))
def test_nothing_fuzzy_is_drawn_as_certain_and_nothing_outside_the_event(
    start: str, end: str | None
) -> None:
    try:
        event = ev("x", start, end)
    except Exception:
        return
    figure = Timeline([event]).plot(axis="date")
    lo, hi = figure.layout.xaxis.range
    axis_lo = dt.date.fromisoformat(lo).toordinal()
    axis_hi = dt.date.fromisoformat(hi).toordinal()
    first = event.earliest.toordinal() if event.earliest else axis_lo
    last = event.latest.toordinal() + 1 if event.latest else axis_hi
    for part, a, b in _drawn(figure):
        assert (first - 1e-6 <= a and b <= max(last, a) + 1e-6) or part in ("ongoing",), part
        if part == "certain":
            assert event.end is not None
            assert event.start.latest is not None and a >= event.start.latest.toordinal() + 1
            if event.end.earliest is not None:
                assert b <= event.end.earliest.toordinal()
    assert parts(figure, "marker")  # something always marks the event


def test_a_span_ending_before_a_date_draws_its_end() -> None:
    kinds = ends_drawn(Timeline([ev("x", "1620", "before 1640")]).plot(), "x")
    assert "period" in kinds  # the end lies somewhere from 1620 to 1639


def test_each_side_of_an_interval_date_keeps_its_own_qualifier() -> None:
    figure = Timeline([ev("x", "1984?/2004~")]).plot()
    assert {t.meta["part"] for t in figure.data if (t.meta or {}).get("part")} >= {
        "uncertain",
        "approximate",
    }


def test_an_instants_marker_is_never_on_a_cut() -> None:
    tl = Timeline(
        [
            ev("a", "16th century"),
            ev("b", "1618", "1648"),
            ev("c", "1620-11-08"),
            ev("d", "1648-10-24"),
        ]
    )
    figure = tl.plot()
    cuts = [(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for a, b in
            figure.layout.meta["timeline"]["cuts"]]  # fmt: skip
    marker = next(t for t in parts(figure, "marker") if "a" in t.meta["ids"].split(" "))
    x = dt.date.fromordinal(int(float(marker.x[0]) / 86_400_000 + _EPOCH))
    assert not any(a <= x < b for a, b in cuts)


def test_ongoing_never_ends_before_it_began() -> None:
    tl = Timeline(
        [ev("x", "2023", "ongoing", citations=(Citation(source="s"),))],
        [Source(id="s", title="S", published=FuzzyDate.parse("2020"))],
    )
    now = parts(tl.plot(), "ongoing")[0]
    assert float(now.x[0]) / 86_400_000 + _EPOCH >= dt.date(2023, 12, 31).toordinal()


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31"])
def test_dates_at_the_ends_of_the_calendar_plot(text: str) -> None:
    figure = Timeline([ev("x", text), ev("y", "0050")]).plot(axis="date")
    lo, hi = figure.layout.xaxis.range
    assert "0001-01-01" <= lo <= hi <= "9999-12-31"


def test_a_height_too_small_for_the_rows_is_refused() -> None:
    many = Timeline([ev(f"e{i}", str(1900 + i), kind=f"k{i % 6}") for i in range(40)])
    with pytest.raises(PlotOptionError, match="height=200: expected at least"):
        many.plot(height=200)
    with pytest.raises(PlotOptionError, match="title"):
        many.plot(title=5)  # type: ignore[arg-type]
    with pytest.raises(PlotOptionError, match="timeline"):
        timeline.plot([1, 2])  # type: ignore[arg-type]


def test_alt_text_names_the_years_covered() -> None:
    tl = Timeline([ev("a", "1600", "1900"), ev("b", "1650")])
    assert ", from 1600 to 1900" in alt_text(tl.plot())
    assert alt_text(Timeline().plot()) == "Timeline of no events."
