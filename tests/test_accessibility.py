"""The exported page is accessible: axe-core finds nothing serious in either theme, and the page
has a language, a title and a keyboard-reachable table that tells every event in words.

The table is the page's text alternative to the chart: ``<table id="timeline-events">`` with
one ``<tbody>`` row per event in chronological order (the order of ``list(timeline)``), each
row holding the event's title, its ``date_label()``, its status and the source id of every
citation.

axe-core comes from npm, pinned in tests/js/package.json (``npm ci --prefix tests/js``, run by
``make install``). Without it, and without Chromium, these tests skip, except in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Final

import pytest

import timeline
from tests.conftest import open_page
from timeline import Citation, Event, FuzzyDate, Source, Timeline
from timeline.plotting import to_html, write_html

ROOT: Final = Path(__file__).resolve().parent.parent
EVENTS: Final = ROOT / "data" / "events.toml"
AXE: Final = ROOT / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
TITLE: Final = "Russia is Making a Move in Asia"
BLOCKING: Final = frozenset({"serious", "critical"})
"""axe impacts that fail the test; "minor" and "moderate" findings are left to review."""

TABLE: Final = "#timeline-events"
ALTERNATIVE: Final = "#timeline-events, [data-timeline-alt]"
"""The table, or the element that holds it (a ``<details>``, a ``<section>``)."""

# Each violation with the selectors of its first few offending elements.
RUN_AXE: Final = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')), count: v.nodes.length,
  }));
}"""

ROWS: Final = """() => Array.from(document.querySelectorAll('#timeline-events tbody tr'))
  .map(tr => tr.textContent)"""


def needs_axe() -> None:
    """Skip the calling test where axe-core is not installed; in CI, fail instead."""
    if not AXE.is_file():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI must run the accessibility tests: {AXE} is missing")
        pytest.skip("needs axe-core: npm ci --prefix tests/js")


def squash(text: str) -> str:
    """Text with every run of whitespace made one space, as a reader sees it."""
    return " ".join(text.split())


def row_problems(rows: Sequence[str], events: Sequence[Event]) -> list[str]:
    """What the table rows fail to tell: row i must name event i's title, date, status and
    sources."""
    problems = []
    if len(rows) != len(events):
        problems.append(f"{len(rows)} rows in {TABLE} tbody for {len(events)} events")
    for i, (row, event) in enumerate(zip(rows, events, strict=False)):
        wanted = [event.title, event.date_label(), event.status.value]
        wanted += [citation.source for citation in event.citations]
        missing = [text for text in wanted if squash(text) not in squash(row)]
        if missing:
            problems.append(f"row {i} (event {event.id!r}) lacks {missing}: {squash(row)!r}")
    return problems


class PageOutline(HTMLParser):
    """The parts of an HTML page this contract names, read without a browser: the ``lang`` of
    ``<html>``, the ``<title>`` and the text of each ``<tbody>`` row of the events table."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.title = ""
        self.rows: list[str] = []
        self._in_title = False
        self._tables = 0  # depth of <table> tags inside the events table (0: outside it)
        self._in_body = False
        self._row: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "html":
            self.lang = named.get("lang") or ""
        elif tag == "title":
            self._in_title = True
        elif tag == "table" and (self._tables or named.get("id") == TABLE[1:]):
            self._tables += 1
        elif self._tables == 1 and tag == "tbody":
            self._in_body = True
        elif self._tables == 1 and self._in_body and tag == "tr":
            self._end_row()  # a <tr> may be left unclosed
            self._row = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif self._tables and tag == "table":
            self._tables -= 1
            self._end_row()
        elif self._tables == 1 and tag in ("tr", "tbody"):
            self._end_row()
            self._in_body = self._in_body and tag != "tbody"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._row is not None:
            self._row.append(data)

    def _end_row(self) -> None:
        if self._row is not None:
            self.rows.append("".join(self._row))
            self._row = None


@pytest.fixture(scope="session")
def axe() -> str:
    """The path of axe.min.js (requested first, so a missing axe skips before any page opens)."""
    needs_axe()
    return str(AXE)


@pytest.fixture(scope="module")
def events() -> Timeline:
    return timeline.load(EVENTS)


@pytest.fixture(scope="module", params=["light", "dark"])
def events_page(
    request: pytest.FixtureRequest,
    browser: Any,
    events: Timeline,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Any]:
    """The exported page of data/events.toml in one theme, open in the shared browser."""
    figure = timeline.plot(events, theme=request.param)
    path = tmp_path_factory.mktemp(request.param) / "events.html"
    page, _, _ = open_page(browser, write_html(figure, path, title=TITLE))
    yield page
    page.close()


def test_axe_finds_no_serious_or_critical_violation(axe: str, events_page: Any) -> None:
    events_page.add_script_tag(path=axe)
    violations = events_page.evaluate(RUN_AXE)
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    report = "\n".join(
        f"{v['id']} ({v['impact']}, {v['count']} elements): {v['help']}; e.g. {v['targets']}"
        for v in blocking
    )
    assert not blocking, f"axe-core violations:\n{report}"


def test_page_declares_its_language_and_title(events_page: Any) -> None:
    assert events_page.evaluate("() => document.documentElement.lang.trim()") != ""
    assert events_page.title() == TITLE


def test_table_tells_every_event_in_order_with_date_status_and_sources(
    events_page: Any, events: Timeline
) -> None:
    rows = events_page.evaluate(ROWS)
    problems = row_problems(rows, list(events))
    assert not problems, "\n".join(problems)


def test_table_is_reachable_by_keyboard(events_page: Any) -> None:
    # Start where a reader who has just opened the page starts: focus on the body, whatever an
    # earlier test focused, so that Tab walks the page from its first focusable element.
    events_page.evaluate(
        "() => { const b = document.body; b.tabIndex = -1; b.focus();"
        " b.removeAttribute('tabindex'); window.scrollTo(0, 0); }"
    )
    visited: list[str] = []
    for _ in range(40):
        events_page.keyboard.press("Tab")
        where = events_page.evaluate(
            "(alt) => { const e = document.activeElement;"
            " if (!e || e === document.body) return ['body', false];"
            " const name = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');"
            " return [name, e.closest(alt) !== null]; }",
            ALTERNATIVE,
        )
        visited.append(where[0])
        if where[1]:
            return
    pytest.fail(f"40 presses of Tab never reach {ALTERNATIVE}; they focus {visited}")


def test_page_with_plotly_from_a_cdn_keeps_the_text_alternative_and_is_small(
    events: Timeline,
) -> None:
    # the ignore goes once to_html takes include_plotlyjs (the plotting rewrite adds it)
    page = to_html(timeline.plot(events), title="t", include_plotlyjs="cdn")
    outline = PageOutline(page)
    assert outline.lang.strip() != ""
    assert outline.title == "t"
    problems = row_problems(outline.rows, list(events))
    assert not problems, "\n".join(problems)
    assert len(page.encode("utf-8")) < 100_000


def test_table_shows_untrusted_text_as_text_and_never_runs_it(browser: Any, tmp_path: Path) -> None:
    title = "<img src=x onerror=alert(1)>"
    evil = Timeline(
        [
            Event(
                id="evil",
                title=title,
                start=FuzzyDate.parse("1875"),
                citations=[Citation(source="src", locator="<b>x</b>", wording='"quoted" & <i>')],
            )
        ],
        [Source(id="src", title="<script>alert(2)</script>")],
    )
    path = write_html(timeline.plot(evil), tmp_path / "evil.html", title="evil")
    page, _, dialogs = open_page(browser, path)
    try:
        assert dialogs == []
        assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0
        # the locator and the wording are text too: no <b>, <i> or <script> made from them
        assert (
            page.evaluate(f"() => document.querySelectorAll('{TABLE} :is(b, i, script)').length")
            == 0
        )
        cells = page.evaluate(
            f"() => Array.from(document.querySelectorAll('{TABLE} tbody :is(td, th)'))"
            ".map(c => c.textContent)"
        )
        assert any(title in cell for cell in cells), cells
    finally:
        page.close()


# axe cannot judge text drawn in SVG over Plotly's layers ("background could not be
# determined"), so the figure's own text is checked here: every visible text's fill against
# the figure's background, by the WCAG formula.
SVG_TEXT_COLOURS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const out = [];
  gd.querySelectorAll('svg text').forEach(t => {
    const r = t.getBoundingClientRect();
    if (r.width === 0 || !t.textContent.trim()) return;
    const style = getComputedStyle(t);
    if (style.visibility === 'hidden' || style.display === 'none') return;
    out.push({text: t.textContent.slice(0, 40), fill: style.fill,
              opacity: parseFloat(style.opacity || '1') * parseFloat(style.fillOpacity || '1')});
  });
  return {texts: out, paper: gd._fullLayout.paper_bgcolor, plot: gd._fullLayout.plot_bgcolor};
}"""


def _rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("#"):
        return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    return tuple(float(p) / 255 for p in parts[:3])  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper_matches_known_ratios() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_every_text_in_the_figure_passes_wcag_aa(events_page: Any) -> None:
    found = events_page.evaluate(SVG_TEXT_COLOURS)
    backgrounds = {found["paper"], found["plot"]}
    weak = [
        (t["text"], t["fill"], round(min(contrast(t["fill"], b) for b in backgrounds), 2))
        for t in found["texts"]
        if t["opacity"] > 0.99 and min(contrast(t["fill"], b) for b in backgrounds) < 4.5
    ]
    assert len(found["texts"]) > 30
    assert weak == []
