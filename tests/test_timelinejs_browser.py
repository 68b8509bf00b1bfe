"""Our TimelineJS export loaded into TimelineJS3 itself (``@knight-lab/timelinejs`` from npm,
pinned in tests/js/package.json, served on localhost) in the shared headless Chromium: every
event becomes a slide with the date we meant, shown with our label, from the JSON and from the
spreadsheet CSV alike, and text from data never runs."""

from __future__ import annotations

import functools
import http.server
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from timeline import Event, Timeline
from timeline.io.timelinejs import to_timelinejs, to_timelinejs_csv

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "tests" / "js" / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/dist/css/timeline.css">
<script src="/dist/js/timeline.js"></script></head>
<body><div id="embed" style="width: 1000px; height: 600px"></div>
<script>
window.loaded = null;
const source = %s;
const tl = new TL.Timeline("embed", source, {script_path: location.origin + "/dist/js/"});
tl.on("loaded", (config) => { window.loaded = config; });
</script></body></html>"""


def glorious_revolution() -> Timeline:
    """The Glorious Revolution, written from scratch for this test (not the article): day,
    month, year, approximate, uncertain, open and Old Style dates, and hostile text."""
    return Timeline(
        [
            Event(
                id="invitation",
                title="The Immortal Seven write to William",
                start="30 June 1688 O.S.",
                kind="politics",
            ),
            Event(id="landing", title="William lands at Torbay", start="5 November 1688 O.S."),
            Event(
                id="flight",
                title="James II leaves <b>London</b>",
                start="December 1688",
                kind="politics",
            ),
            Event(
                id="convention",
                title="The Convention Parliament sits",
                start="22 January 1689 O.S.",
                end="February 1689?",
            ),
            Event(id="bill", title="Bill of Rights", start="c. 1689", kind="law"),
            Event(
                id="pamphlets",
                title='<img src=x onerror="alert(1)">Pamphlet war',
                start="before 1690",
                description="<script>alert(2)</script>",
            ),
        ]
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A local HTTP server for TimelineJS's files and the pages under test."""
    if not (DIST / "js" / "timeline.js").is_file():
        if os.environ.get("CI"):
            raise RuntimeError("CI must run this test: make install runs npm ci in tests/js")
        pytest.skip("needs tests/js/node_modules (npm ci --prefix tests/js)")
    folder = tmp_path_factory.mktemp("timelinejs")
    (folder / "dist").symlink_to(DIST)
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _load(browser: Any, server: tuple[str, Path], name: str, source: str) -> tuple[Any, Any]:
    base, folder = server
    (folder / name).write_text(PAGE % source, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(f"{base}/{name}")
    page.wait_for_function("window.loaded !== null", timeout=20_000)
    page.wait_for_timeout(300)
    config = page.evaluate(
        """() => window.loaded.events.map(e => ({
            id: e.unique_id,
            headline: e.text.headline,
            start: e.start_date.data,
            end: e.end_date ? e.end_date.data : null,
            display: e.display_date || ""}))"""
    )
    shown = page.eval_on_selector_all(
        ".tl-slide:not(.tl-slide-titleslide) .tl-headline-date",
        "els => els.map(e => e.textContent)",
    )
    return (config, shown), (page, dialogs)


def _ymd(data: dict[str, Any] | None) -> dict[str, int] | None:
    if data is None:
        return None
    return {k: int(data[k]) for k in ("year", "month", "day") if data.get(k) not in ("", None)}


def _check(tl: Timeline, config: list[dict[str, Any]], shown: list[str], by_id: bool) -> None:
    exported = to_timelinejs(tl)["events"]
    assert len(config) == len(tl) == len(exported)
    key = "id" if by_id else "headline"
    ours = {s["unique_id"] if by_id else s["text"]["headline"]: s for s in exported}
    for slide in config:
        expected = ours[slide[key]]
        assert _ymd(slide["start"]) == _ymd(expected["start_date"]), slide
        assert _ymd(slide["end"]) == _ymd(expected.get("end_date")), slide
        assert slide["display"] == expected["display_date"]
    # what the reader sees on each slide is our label, never a certain-looking date
    assert sorted(shown) == sorted(e.date_label() for e in tl)


def test_timelinejs_draws_every_event_of_the_json_export_with_its_date(
    browser: Any, server: tuple[str, Path]
) -> None:
    tl = glorious_revolution()
    data = to_timelinejs(tl, title="The Glorious Revolution")
    (config, shown), (page, dialogs) = _load(browser, server, "json.html", json.dumps(data))
    _check(tl, config, shown, by_id=True)
    assert {s["id"] for s in config} == {e.id for e in tl}
    # hostile titles and text are shown as text and never run
    assert dialogs == []
    headlines = page.eval_on_selector_all(".tl-headline", "els => els.map(e => e.textContent)")
    assert any('<img src=x onerror="alert(1)">Pamphlet war' in h for h in headlines)
    assert page.locator("#embed b").count() == 0
    page.close()


def test_timelinejs_reads_the_spreadsheet_csv_export_with_the_same_dates(
    browser: Any, server: tuple[str, Path]
) -> None:
    tl = glorious_revolution()
    _, folder = server
    (folder / "sheet.csv").write_text(to_timelinejs_csv(tl, title="Glorious"), encoding="utf-8")
    (config, shown), (page, dialogs) = _load(browser, server, "csv.html", '"sheet.csv"')
    _check(tl, config, shown, by_id=False)
    assert dialogs == []
    page.close()
