"""The rendered page in a real headless Chromium: what a reader sees and can do.

Needs Debian's chromium (``.ci/run`` installs it); skipped with a reason where it is missing.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import timeline
from timeline import Citation, Event, FuzzyDate, Source, Timeline
from timeline.plotting import write_html

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and os.environ.get("CI"):
    raise RuntimeError("CI must run the browser tests: .ci/run installs Debian's chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs a Chromium (apt install chromium)")

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Each main glyph (a marker or the solid bar of an event) with its event id and box on screen;
# the range slider's copy of the traces is left out.
GLYPHS = """() => {
  const out = [];
  document.querySelectorAll('g.trace').forEach(el => {
    if (el.closest('.rangeslider-container')) return;
    const cd = el.__data__; if (!cd || !cd[0] || !cd[0].trace) return;
    const t = cd[0].trace; if (!t.meta || !t.meta.main || t.visible !== true) return;
    el.querySelectorAll('path.point, g.point path').forEach(p => {
      const d = p.__data__ || p.parentNode.__data__;
      const r = p.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      out.push({id: t.meta.ids[d.i], x: r.x, y: r.y, w: r.width, h: r.height});
    });
  });
  return out;
}"""

LABELS = """() => Array.from(document.querySelectorAll('g.annotation'))
  .filter(a => {
    const gd = document.querySelector('.js-plotly-plot');
    const ann = gd.layout.annotations[+a.getAttribute('data-index')];
    return ann && String(ann.name || '').startsWith('label|') && ann.visible !== false;
  })
  .map(a => { const r = a.querySelector('text').getBoundingClientRect();
              return {text: a.textContent, x: r.x, y: r.y, w: r.width, h: r.height}; })"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(".js-plotly-plot .main-svg g.trace")
    page.wait_for_timeout(300)  # let plotly finish drawing annotations
    return page, errors, dialogs


def overlap(a: dict[str, float], b: dict[str, float], slack: float = 0.5) -> bool:
    return (
        a["x"] + a["w"] - slack > b["x"]
        and b["x"] + b["w"] - slack > a["x"]
        and a["y"] + a["h"] - slack > b["y"]
        and b["y"] + b["h"] - slack > a["y"]
    )


@pytest.fixture(scope="module")
def events_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    tl = timeline.load(ROOT / "data" / "events.toml")
    path = write_html(tl.plot(), tmp_path_factory.mktemp("html") / "events.html")
    page, errors, dialogs = open_page(browser, path)
    yield tl, page, errors, dialogs
    page.close()


def test_page_has_no_console_errors(events_page: Any) -> None:
    _, _, errors, dialogs = events_page
    assert errors == [] and dialogs == []


def test_one_marker_or_bar_per_event(events_page: Any) -> None:
    tl, page, _, _ = events_page
    glyphs = page.evaluate(GLYPHS)
    assert sorted(g["id"] for g in glyphs) == sorted(e.id for e in tl)


def test_no_two_events_overlap_in_the_default_view(events_page: Any) -> None:
    _, page, _, _ = events_page
    glyphs = page.evaluate(GLYPHS)
    labels = page.evaluate(LABELS)
    clashes = [
        (a["id"], b["id"]) for i, a in enumerate(glyphs) for b in glyphs[i + 1 :] if overlap(a, b)
    ]
    assert clashes == []
    label_clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if overlap(a, b)
    ]
    assert label_clashes == []
    assert len(labels) == len(glyphs)


def test_every_glyph_lies_inside_the_plot_area(events_page: Any) -> None:
    _, page, _, _ = events_page
    area = page.evaluate(
        "() => { const r = document.querySelector('.nsewdrag').getBoundingClientRect();"
        " return {x: r.x, y: r.y, w: r.width, h: r.height}; }"
    )
    for glyph in page.evaluate(GLYPHS):
        assert area["x"] - 8 <= glyph["x"] and glyph["x"] + glyph["w"] <= area["x"] + area["w"] + 8
        assert area["y"] <= glyph["y"] and glyph["y"] + glyph["h"] <= area["y"] + area["h"]


def hover_text(page: Any, glyph: dict[str, float]) -> str:
    page.mouse.move(glyph["x"] + glyph["w"] / 2, glyph["y"] + glyph["h"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=3000)
    text: str = page.evaluate(
        "() => Array.from(document.querySelectorAll('.hoverlayer .hovertext tspan.line'))"
        ".map(t => t.textContent).join('\\n')"
    )
    page.mouse.move(1, 1)
    return text


def test_hover_shows_title_date_wording_citation_and_status(events_page: Any) -> None:
    tl, page, _, _ = events_page
    glyph = next(g for g in page.evaluate(GLYPHS) if g["id"] == "sakhalin-kurils-1875")
    text = hover_text(page, glyph)
    event = tl["sakhalin-kurils-1875"]
    assert event.title in text
    assert event.date_label() in text
    assert "“in 1875” (article, paragraph 5)" in text
    assert "cited: article, paragraph 5" in text
    assert "status: disputed" in text


def test_legend_click_hides_a_status_then_a_lane(events_page: Any) -> None:
    tl, page, _, _ = events_page
    before = {g["id"] for g in page.evaluate(GLYPHS)}
    page.click("g.legend2 g.traces:has-text('claimed by a party')")
    page.wait_for_timeout(200)
    after = {g["id"] for g in page.evaluate(GLYPHS)}
    claimed = {e.id for e in tl if e.status.value == "claimed"}
    assert claimed and after == before - claimed
    page.click("g.legend g.traces:has-text('treaty')")
    page.wait_for_timeout(200)
    treaty = {e.id for e in tl if e.kind == "treaty"}
    assert {g["id"] for g in page.evaluate(GLYPHS)} == before - claimed - treaty
    labels = {lab["text"] for lab in page.evaluate(LABELS)}
    assert not any(tl[i].title[:20] in t for i in claimed | treaty for t in labels)
    page.click("g.legend2 g.traces:has-text('claimed by a party')")
    page.click("g.legend g.traces:has-text('treaty')")
    page.wait_for_timeout(200)
    assert {g["id"] for g in page.evaluate(GLYPHS)} == before


def test_untrusted_text_shows_as_text_and_never_runs(browser: Any, tmp_path: Path) -> None:
    img = "<img src=x onerror=alert(1)>"
    script = "<script>alert(2)</script>"
    tl = Timeline(
        [
            Event(
                id="evil",
                title=img,
                description=script,
                start=FuzzyDate.parse("1875"),
                citations=[Citation(source="src", locator=script, wording=img)],
            )
        ],
        [Source(id="src", title=script)],
    )
    path = write_html(tl.plot(title=img), tmp_path / "evil.html", title=script)
    page, errors, dialogs = open_page(browser, path)
    glyph = page.evaluate(GLYPHS)[0]
    text = hover_text(page, glyph)
    page.wait_for_timeout(300)
    assert dialogs == [] and errors == []
    assert (
        page.evaluate("() => document.querySelectorAll('img[src=\"x\"], img[src=x]').length") == 0
    )
    assert img in text and script in text
    assert any(lab["text"] == img for lab in page.evaluate(LABELS))
    assert page.title() == script
    page.close()


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_static_export_through_kaleido_and_the_system_chromium(tmp_path: Path, suffix: str) -> None:
    from timeline.plotting import write_image

    tl = timeline.load(ROOT / "data" / "events.toml")
    path = write_image(tl.plot(), tmp_path / f"events.{suffix}")
    data = path.read_bytes()
    if suffix == "png":
        assert data.startswith(b"\x89PNG") and len(data) > 20_000
    else:
        assert b"<svg" in data[:400] and b"Treaty of Saint Petersburg" in data


def test_render_command_writes_html_and_png(tmp_path: Path) -> None:
    from timeline.cli import main

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
        ]
    )
    assert status == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and page.count("<meta charset") == 1
    assert "Treaty of Saint Petersburg" in page
    assert png.read_bytes().startswith(b"\x89PNG")
