"""The drawn page in a real headless Chromium: what a reader sees and can do, at every width,
before and after zooming, for our data and for timelines it was not designed on.

Needs Debian's chromium (``.ci/run`` installs it); one browser for the whole session
(tests/conftest.py). Skipped locally without it, never in CI.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

import timeline
from tests.conftest import needs_chromium, open_page
from timeline import Citation, Event, FuzzyDate, Source, Status, Timeline
from timeline.plotting import write_html

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (375, 600, 1280, 1920)


def _ev(id: str, start: str, end: str | None = None, **fields: Any) -> Event:
    return Event(
        id=id,
        title=fields.pop("title", id.replace("-", " ").capitalize()),
        start=FuzzyDate.parse(start),
        end=FuzzyDate.parse(end) if end else None,
        **fields,
    )


def centuries() -> Timeline:
    """Several centuries, generated: mixed precisions, spans, gaps, statuses and kinds."""
    rng = random.Random(7)
    kinds = ["war", "treaty", "revolt", "dynasty", "trade", "science", "church", "famine", "art"]
    events = []
    for i in range(60):
        year = rng.choice(
            [rng.randint(1500, 1620), rng.randint(1780, 1830), rng.randint(1900, 1990)]
        )
        form = rng.choice(["{y}", "c. {y}", "{y}?", "May {y}", "spring {y}", "12 March {y}"])
        start = form.format(y=year)
        end = f"{year + rng.randint(1, 12)}" if rng.random() < 0.35 else None
        status = rng.choice(list(Status))
        events.append(_ev(f"c{i}", start, end, kind=rng.choice(kinds), status=status))
    return Timeline(events)


def decades() -> Timeline:
    """A few decades of the Thirty Years' War, written from scratch (not the article)."""
    return Timeline(
        [
            _ev("defenestration", "23 May 1618", kind="revolt", title="Defenestration of Prague"),
            _ev("white-mountain", "8 November 1620", kind="battle", title="White Mountain"),
            _ev("palatinate", "1621", "1623", kind="war", title="Palatinate campaign"),
            _ev("danish", "1625", "1629", kind="war", title="Danish intervention"),
            _ev("restitution", "March 1629", kind="edict", title="Edict of Restitution"),
            _ev("swedish", "summer 1630", "1635", kind="war", title="Swedish intervention"),
            _ev("magdeburg", "20 May 1631", kind="battle", title="Sack of Magdeburg"),
            _ev("breitenfeld", "17 September 1631", kind="battle", title="Breitenfeld"),
            _ev("lutzen", "16 November 1632", kind="battle", title="Lützen"),
            _ev("unrest", "late 1620s", "early 1630s", kind="revolt", title="Peasant unrest"),
            _ev("prague", "spring 1635", kind="treaty", title="Peace of Prague"),
            _ev("french", "1635", "after 1645", kind="war", title="French phase"),
            _ev("plague", "c. 1634", "1639?", kind="famine", title="Plague years"),
            _ev("talks", "1643", "1648", kind="treaty", title="Westphalia talks", status="planned"),
            _ev("westphalia", "24 October 1648", kind="treaty", title="Peace of Westphalia"),
            _ev("league", "1609", "ongoing", kind="alliance", title="Catholic League"),
        ]
    )


DATASETS = {
    "article": lambda: timeline.load(ROOT / "data" / "events.toml"),
    "centuries": centuries,
    "decades": decades,
}

# Everything a reader could see overlap: labels, markers (by event), lane names, legend
BOXES = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const box = el => { const r = el.getBoundingClientRect();
                      return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const out = {labels: [], markers: [], lanes: [], legend: null, slider: null, svg: null,
               plot: box(gd.querySelector('.nsewdrag'))};
  gd.querySelectorAll('.scatterlayer .trace').forEach(el => {
    const cd = el.__data__; if (!cd || !cd[0] || !cd[0].trace) return;
    const t = cd[0].trace; const m = t.meta || {};
    if (t.visible !== true) return;
    if (m.part === 'label') {
      el.querySelectorAll('g.textpoint text').forEach((tx, k) => {
        const b = box(tx); if (b.w === 0) return;
        const ids = m.ids.split(' ');
        out.labels.push(Object.assign(b, {id: ids[tx.parentNode.__data__.i], text: tx.textContent,
                                           lane: m.lane}));
      });
    }
    if (m.part === 'marker') {
      el.querySelectorAll('path.point').forEach(p => {
        const b = box(p); if (b.w === 0) return;
        out.markers.push(Object.assign(b, {id: m.ids.split(" ")[p.__data__.i], lane: m.lane}));
      });
    }
  });
  gd.querySelectorAll('.ytick text').forEach(t => out.lanes.push(box(t)));
  out.cuts = [];
  gd.querySelectorAll('g.annotation').forEach(a => {
    const note = gd.layout.annotations[+a.getAttribute('data-index')];
    if (note && note.name === 'cut') out.cuts.push(Object.assign(box(a), {text: a.textContent}));
  });
  const lg = gd.querySelector('g.legend'); if (lg) out.legend = box(lg.querySelector('.bg'));
  const sl = gd.querySelector('.rangeslider-container'); if (sl) out.slider = box(sl);
  out.svg = box(gd.querySelector('svg.main-svg'));
  return out;
}"""

TICKS = """() => {
  const ax = document.querySelector('.js-plotly-plot')._fullLayout.xaxis;
  return (ax._vals || []).filter(v => !v.noTick).map(v => ({x: v.x, text: v.text}));
}"""


def overlap(a: dict[str, float], b: dict[str, float], slack: float = 1.0) -> bool:
    return (
        a["x"] + a["w"] - slack > b["x"]
        and b["x"] + b["w"] - slack > a["x"]
        and a["y"] + a["h"] - slack > b["y"]
        and b["y"] + b["h"] - slack > a["y"]
    )


_PAGES: dict[tuple[str, int], Any] = {}


@pytest.fixture(scope="module")
def pages(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[Any, Any]]:
    folder = tmp_path_factory.mktemp("pages")
    cache: dict[tuple[str, int], Any] = {}

    def get(name: str, width: int) -> Any:
        if (name, width) not in cache:
            tl = DATASETS[name]()
            path = write_html(tl.plot(width=width), folder / f"{name}-{width}.html")
            cache[name, width] = (tl, *open_page(browser, path, width))
        return cache[name, width]

    yield get  # type: ignore[misc]
    for _, page, _, _ in cache.values():
        page.close()


def zoom(page: Any, lo: str, hi: str) -> None:
    page.evaluate(
        "r => Plotly.relayout(document.querySelector('.js-plotly-plot'), {'xaxis.range': r})",
        [lo, hi],
    )
    page.wait_for_timeout(150)


def reset(page: Any) -> None:
    """Back to the figure's own range (as a double click does)."""
    page.evaluate(
        "() => { const gd = document.querySelector('.js-plotly-plot');"
        " return Plotly.relayout(gd, {'xaxis.range': gd._fullLayout.xaxis._rangeInitial0"
        " ? [gd._fullLayout.xaxis._rangeInitial0, gd._fullLayout.xaxis._rangeInitial1]"
        " : gd.layout.xaxis.range}); }"
    )
    page.wait_for_timeout(100)


def click_legend(page: Any, name: str) -> None:
    page.click(f"g.legend g.traces:has-text({name!r}) rect.legendtoggle")
    page.wait_for_timeout(700)  # plotly waits to tell a click from a double click


def clip(a: dict[str, Any], area: dict[str, float]) -> dict[str, Any]:
    """The part of a box inside an area (labels are clipped to the plot area when zoomed)."""
    x0, x1 = max(a["x"], area["x"]), min(a["x"] + a["w"], area["x"] + area["w"])
    return a | {"x": x0, "w": max(x1 - x0, 0.0)}


def clashes(boxes: dict[str, Any]) -> list[tuple[str, str]]:
    """Every pair of things drawn over each other, by what they are."""
    found = []
    markers = boxes["markers"]
    labels = [b for b in (clip(a, boxes["plot"]) for a in boxes["labels"]) if b["w"] > 0]
    for i, a in enumerate(labels):
        found += [(a["text"], b["text"]) for b in labels[i + 1 :] if overlap(a, b)]
        found += [(a["text"], m["id"]) for m in markers if m["id"] != a["id"] and overlap(a, m)]
        found += [(a["text"], "lane name") for lane in boxes["lanes"] if overlap(a, lane)]
        if boxes["legend"] and overlap(a, boxes["legend"]):
            found.append((a["text"], "legend"))
        svg = boxes["svg"]
        if a["x"] < svg["x"] - 1 or a["x"] + a["w"] > svg["x"] + svg["w"] + 1:
            found.append((a["text"], "outside the figure"))
    plot = boxes["plot"]
    for lane in boxes["lanes"]:
        found += [
            ("lane name", m["id"])
            for m in markers
            if overlap(lane, m, 3) and plot["x"] <= m["x"] + m["w"] / 2 <= plot["x"] + plot["w"]
        ]
    for i, cut in enumerate(boxes["cuts"]):
        found += [(cut["text"], b["text"]) for b in boxes["cuts"][i + 1 :] if overlap(cut, b)]
        found += [(cut["text"], a["text"]) for a in labels if overlap(cut, a)]
        found += [(cut["text"], m["id"]) for m in markers if overlap(cut, m)]
        svg = boxes["svg"]
        if cut["x"] < svg["x"] - 1 or cut["x"] + cut["w"] > svg["x"] + svg["w"] + 1:
            found.append((cut["text"], "outside the figure"))
    if boxes["legend"]:
        for other in ("slider", "plot"):
            if boxes[other] and overlap(boxes["legend"], boxes[other], 2):
                found.append(("legend", other))
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(DATASETS))
def test_nothing_overlaps_at_any_width(pages: Any, name: str, width: int) -> None:
    tl, page, errors, dialogs = pages(name, width)
    boxes = page.evaluate(BOXES)
    assert errors == [] and dialogs == []
    assert sorted({m["id"] for m in boxes["markers"]}) == sorted(e.id for e in tl)
    assert clashes(boxes) == []
    if name == "article":
        assert len(boxes["cuts"]) >= 1  # the cut labels are checked too
    # the range slider spans the data: every marker lies inside its range
    spans = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
        const ax = gd._fullLayout.xaxis, r = ax.rangeslider.range.map(ax.d2l);
        const xs = gd.data.filter(t => t.meta && t.meta.part === 'marker')
          .flatMap(t => Array.from(t.x)).map(ax.d2l);
        return xs.every(x => r[0] <= x && x <= r[1]); }"""
    )
    assert spans


def _round(ticks: list[dict[str, Any]]) -> list[str]:
    """Ticks that are not on a round date for their spacing (decade, year, month or day)."""
    days = [dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=t["x"]) for t in ticks]
    if len(days) < 2:
        return []
    step = min((b - a).days for a, b in itertools.pairwise(days))
    bad = []
    for day in days:
        off_year = step >= 360 and (day.month, day.day) != (1, 1)
        off_month = step >= 28 and day.day != 1
        if day.hour or day.minute or off_year or off_month:
            bad.append(str(day))
    return bad


def _in_cuts(page: Any, ticks: list[dict[str, Any]]) -> list[float]:
    cuts = page.evaluate(
        "() => (document.querySelector('.js-plotly-plot').layout.xaxis.rangebreaks || [])"
        ".map(b => b.bounds.map(d => new Date(d + 'T00:00:00Z').getTime()))"
    )
    return [t["x"] for t in ticks for lo, hi in cuts if lo < t["x"] < hi]


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", list(DATASETS))
def test_ticks_are_round_and_outside_cuts_before_and_after_zooming(
    pages: Any, name: str, width: int
) -> None:
    tl, page, _, _ = pages(name, width)
    views: list[tuple[str, str] | None] = [None]
    known = sorted(d for e in tl for d in (e.start.core_earliest,) if d is not None)
    first, last = known[0], known[-1]
    middle = known[len(known) // 2]
    views.append((str(middle - dt.timedelta(days=900)), str(middle + dt.timedelta(days=900))))
    edge = (last - first) * 0.04
    views.append((str(first - edge), str(last + edge)))
    for view in views:
        if view:
            zoom(page, *view)
        ticks = page.evaluate(TICKS)
        assert len(ticks) >= 2, view
        assert _round(ticks) == [], view
        assert _in_cuts(page, ticks) == [], view
        boxes = page.evaluate(BOXES)
        assert [c for c in clashes(boxes) if "outside the figure" not in c] == [], view
        _labels_beside_their_glyphs(page)
    reset(page)


def _labels_beside_their_glyphs(page: Any) -> None:
    gaps = page.evaluate(
        """() => {
      const gd = document.querySelector('.js-plotly-plot');
      const ax = gd._fullLayout.xaxis, size = gd._fullLayout._size;
      const left = gd.querySelector('.nsewdrag').getBoundingClientRect().x;
      const out = [];
      gd.querySelectorAll('.scatterlayer .trace').forEach(el => {
        const cd = el.__data__; if (!cd || !cd[0]) return;
        const t = cd[0].trace; if (!t.meta || t.meta.part !== 'label') return;
        el.querySelectorAll('g.textpoint text').forEach(tx => {
          const i = tx.parentNode.__data__.i;
          const anchor = left + ax.d2p(t.x[i]);
          const r = tx.getBoundingClientRect();
          if (r.right < left || r.left > left + size.w) return;
          const right = String(t.textposition).includes('right');
          out.push(right ? r.left - anchor : anchor - r.right);
        });
      });
      return out;
    }"""
    )
    assert all(-2 <= g <= 14 for g in gaps), gaps


def test_a_legend_click_hides_a_lane_with_its_labels(pages: Any) -> None:
    tl, page, _, _ = pages("decades", 1280)
    before = page.evaluate(BOXES)
    click_legend(page, "treaty")
    after = page.evaluate(BOXES)
    treaty = {e.id for e in tl if e.kind == "treaty"}
    assert {m["id"] for m in after["markers"]} == {m["id"] for m in before["markers"]} - treaty
    assert not [lab for lab in after["labels"] if lab["id"] in treaty]
    assert len(after["labels"]) == len(before["labels"]) - len(treaty)
    click_legend(page, "treaty")
    assert len(page.evaluate(BOXES)["labels"]) == len(before["labels"])


def hover_text(page: Any, glyph: dict[str, float]) -> str:
    page.mouse.move(1, 1)
    page.mouse.move(glyph["x"] + glyph["w"] / 2 - 1, glyph["y"] + glyph["h"] / 2)
    page.mouse.move(glyph["x"] + glyph["w"] / 2, glyph["y"] + glyph["h"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=3000)
    text: str = page.evaluate(
        "() => Array.from(document.querySelectorAll('.hoverlayer .hovertext tspan.line'))"
        ".map(t => t.textContent).join('\\n')"
    )
    page.mouse.move(1, 1)
    return text


def test_hover_shows_title_date_wording_citation_and_status(pages: Any) -> None:
    tl, page, _, _ = pages("article", 1280)
    glyph = next(g for g in page.evaluate(BOXES)["markers"] if g["id"] == "sakhalin-kurils-1875")
    text = hover_text(page, glyph)
    event = tl["sakhalin-kurils-1875"]
    assert event.title in text and event.date_label() in text
    assert "cited: article, paragraph 5: “in 1875”" in text
    assert "status: disputed" in text


EVIL = '<img src=x onerror=alert(1)> "quoted" & O\'Brien'


@pytest.mark.parametrize("lane", ["constructor", "__proto__", "a|b", "東京 & <b>"])
def test_any_text_shows_as_written_and_never_runs(browser: Any, tmp_path: Path, lane: str) -> None:
    tl = Timeline(
        [
            _ev(
                "evil",
                "1875",
                title=EVIL,
                kind=lane,
                description="<script>alert(2)</script>",
                citations=(Citation(source="src", locator="<b>x</b>", wording=EVIL),),
            ),
            _ev("other", "1880", kind="other"),
        ],
        [Source(id="src", title="<script>alert(3)</script>")],
    )
    path = write_html(tl.plot(title=EVIL), tmp_path / "evil.html", title=EVIL)
    page, errors, dialogs = open_page(browser, path)
    boxes = page.evaluate(BOXES)
    text = hover_text(page, next(m for m in boxes["markers"] if m["id"] == "evil"))
    assert dialogs == [] and errors == []
    assert (
        page.evaluate("() => document.querySelectorAll('img[src=\"x\"], img[src=x]').length") == 0
    )
    assert EVIL in text and "<script>alert(2)</script>" in text and "&quot;" not in text
    assert any(lab["text"].strip() == EVIL for lab in boxes["labels"])
    legend = page.evaluate(
        "() => Array.from(document.querySelectorAll('g.legend text.legendtext'))"
        ".map(t => t.textContent)"
    )
    assert lane in legend
    assert page.title() == EVIL
    # the lane hides and shows like any other
    click_legend(page, lane)
    assert {m["id"] for m in page.evaluate(BOXES)["markers"]} == {"other"}
    page.close()


def test_plotlys_own_write_html_keeps_every_feature(browser: Any, tmp_path: Path) -> None:
    figure = decades().plot()
    figure.add_vline(x="1632-11-16", line_color="red")
    figure.add_annotation(x="1632-11-16", y=0, text="Lützen", name="mine")
    path = tmp_path / "plain.html"
    figure.write_html(str(path))  # plotly's own: no script of ours
    page, errors, _ = open_page(browser, path)
    assert errors == []
    where = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
        const shape = gd.querySelector('.shapelayer path[style*="rgb(255, 0, 0)"]');
        const r = shape.getBoundingClientRect();
        const left = gd.querySelector('.nsewdrag').getBoundingClientRect().x;
        return {line: r.x + r.width / 2, date: left + gd._fullLayout.xaxis.d2p('1632-11-16')}; }"""
    )
    assert abs(where["line"] - where["date"]) < 1.5
    zoom(page, "1629-01-01", "1633-12-31")
    ticks = page.evaluate(TICKS)
    assert len(ticks) >= 4 and _round(ticks) == []
    labels = len(page.evaluate(BOXES)["labels"])
    click_legend(page, "battle")
    assert len(page.evaluate(BOXES)["labels"]) < labels
    page.close()


README_FORMS = [
    "1875-05-07",
    "1875-05",
    "1875",
    "1945-21",
    "156X",
    "1984?/2004~",
    "../1985",
    "1985/..",
    "7 May 1875",
    "spring 1945",
    "the 1870s",
    "16th century",
    "late 16th century",
    "circa 1875",
    "probably 1875",
    "1875%",
    "before 1600",
    "after 1875",
    "between 1945 and 1947",
    "18 March 1584 O.S.",
]


def test_drawn_glyphs_differ_where_the_bounds_differ(browser: Any, tmp_path: Path) -> None:
    events = [
        Event(id=f"f{i}", title=text, start=FuzzyDate.parse(text), kind=f"form {i}")
        for i, text in enumerate(README_FORMS)
    ]
    tl = Timeline(events)
    path = write_html(tl.plot(axis="date"), tmp_path / "forms.html")
    page, errors, _ = open_page(browser, path)
    assert errors == []
    # what is drawn on each event's row: every piece and mark, with its pixel extent and style
    drawn = page.evaluate(
        """() => { const gd = document.querySelector('.js-plotly-plot');
        const rows = {};
        gd.querySelectorAll('.scatterlayer .trace').forEach(el => {
          const cd = el.__data__; if (!cd || !cd[0]) return;
          const t = cd[0].trace; const m = t.meta || {};
          if (!m.part || m.part === 'label' || m.part === 'hover') return;
          el.querySelectorAll('path.js-line, path.point, g.errorbar path').forEach(p => {
            const r = p.getBoundingClientRect(); if (r.width === 0 && r.height === 0) return;
            const y = Math.round(r.y + r.height / 2);
            const key = [m.part, p.style.strokeDasharray || '', Math.round(r.x),
                         Math.round(r.width)].join(':');
            (rows[y] = rows[y] || []).push(key);
          });
        });
        const ids = {};
        gd.querySelectorAll('.scatterlayer .trace').forEach(el => {
          const cd = el.__data__; if (!cd || !cd[0]) return;
          const t = cd[0].trace; if (!t.meta || t.meta.part !== 'marker') return;
          el.querySelectorAll('path.point').forEach(p => {
            const r = p.getBoundingClientRect();
            ids[t.meta.ids.split(" ")[p.__data__.i]] = Math.round(r.y + r.height / 2);
          });
        });
        const out = {};
        for (const id in ids) out[id] = (rows[ids[id]] || []).sort().join('|');
        return out; }"""
    )
    page.close()
    assert len(drawn) == len(events)
    for i, a in enumerate(events):
        for b in events[i + 1 :]:
            same_bounds = (
                a.start.earliest,
                a.start.core_earliest,
                a.start.core_latest,
                a.start.latest,
            ) == (b.start.earliest, b.start.core_earliest, b.start.core_latest, b.start.latest)
            if not same_bounds:
                assert drawn[a.id] != drawn[b.id], (a.title, b.title)


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_static_export_with_an_annotation_at_a_date(tmp_path: Path, suffix: str) -> None:
    from timeline.plotting import write_image

    needs_chromium()
    figure = decades().plot()
    figure.add_annotation(x="1632-11-16", y=-1, text="Lützen")
    figure.add_vline(x="1648-10-24")
    path = write_image(figure, tmp_path / f"war.{suffix}", alt="The Thirty Years' War")
    data = path.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG") and len(data) > 20_000
        assert b"The Thirty Years' War" in data
    else:
        assert b"<svg" in data[:400] and b"Peace of Westphalia" in data
        assert b'<desc id="timeline-desc">The Thirty Years&#x27; War</desc>' in data


def test_render_command_writes_html_and_png(tmp_path: Path) -> None:
    from timeline.cli import main

    needs_chromium()
    html, png = tmp_path / "events.html", tmp_path / "events.png"
    status = main(
        [
            "render",
            str(ROOT / "data" / "events.toml"),
            "-o",
            str(html),
            "--png",
            str(png),
            "--theme",
            "dark",
            "--lanes",
            "actor",
            "--width",
            "600",
        ]
    )
    assert status == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<meta charset") == 1
    assert "Treaty of Saint Petersburg" in page
    assert png.read_bytes().startswith(b"\x89PNG")


def test_the_figure_is_plain_json_for_dash(tmp_path: Path) -> None:
    import plotly.io as pio

    figure = decades().plot()
    text = figure.to_json()
    again = pio.from_json(text)
    assert isinstance(again, go.Figure) and len(again.data) == len(figure.data)
    assert again.layout.xaxis.type == "date" and "function" not in text
