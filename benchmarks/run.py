"""Run every benchmark and write benchmarks/RESULTS.md.

Each benchmark measures our figure and a reference in the same run on the same machine and
reports their ratio (machines here are noisy: ratios travel, seconds do not).

    python benchmarks/run.py [--quick] [--only parse,load,merge,plot,duplicates,tables]
                             [--sizes 10,100] [--output FILE]

``--sizes`` sets the event counts of the plot and tables benchmarks (defaults: `PLOT_SIZES`,
`TABLE_SIZES`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Final

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

import timeline  # noqa: E402
from timeline import FuzzyDate  # noqa: E402


def best(run: Callable[[], Any], repeat: int = 3) -> float:
    """The best wall time of ``repeat`` runs (the least disturbed by other load)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def machine() -> str:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}"
        f" on {platform.system()} {platform.release()}"
    )


def bench_parse(quick: bool) -> list[str]:
    """FuzzyDate.parse against python-edtf (and undate) on the same distinct EDTF strings."""
    from edtf import parse_edtf

    count = 2_000 if quick else 20_000
    texts = generate.edtf_texts(count)
    # machine EDTF is read in the strict EDTF form (in the mixed form 1500-01 is ambiguous)
    ours = best(lambda: [FuzzyDate.parse(t, form="edtf") for t in texts])
    theirs = best(lambda: [parse_edtf(t) for t in texts], repeat=1)
    rows = [
        f'| parse {count:,} distinct EDTF strings (`form="edtf"`) '
        f"| {ours / count * 1e6:.1f} µs each "
        f"| python-edtf `parse_edtf`: {theirs / count * 1e6:.0f} µs each "
        f"| **{theirs / ours:.0f}x faster** (goal: 1000x) |"
    ]
    mixed = best(lambda: [FuzzyDate.parse(t, form="english") for t in texts])
    rows.append(
        f"| same strings read in the English form | {mixed / count * 1e6:.1f} µs each "
        f"| python-edtf `parse_edtf`: {theirs / count * 1e6:.0f} µs each "
        f"| {theirs / mixed:.0f}x faster |"
    )
    from edtf import text_to_edtf

    words = generate.phrases(count)
    ours_words = best(lambda: [FuzzyDate.parse(t) for t in words])
    read = sum(1 for t in words if text_to_edtf(t) is not None)
    theirs_words = best(lambda: [text_to_edtf(t) for t in words], repeat=1)
    rows.append(
        f"| parse {count:,} English phrases (`7 May 1875`, `late 16th century`, "
        f"`circa 1875`, `between 1875 and 1877`, `18 March 1584 O.S.`, ...) "
        f"| {ours_words / count * 1e6:.1f} µs each (all read) "
        f"| python-edtf `text_to_edtf`: {theirs_words / count * 1e6:.0f} µs each "
        f"({read:,} of {count:,} read) | {theirs_words / ours_words:.0f}x faster |"
    )
    try:
        from undate import Undate

        def undate_all() -> int:
            ok = 0
            for text in texts:
                try:
                    Undate.parse(text, "EDTF")
                    ok += 1
                except Exception:
                    pass
            return ok

        parsed = undate_all()
        undate_time = best(undate_all, repeat=1)
        rows.append(
            f"| same strings, undate `Undate.parse(t, 'EDTF')` | {ours / count * 1e6:.1f} µs each "
            f"| {undate_time / count * 1e6:.0f} µs each ({parsed:,} of {count:,} parsed) "
            f"| {undate_time / ours:.0f}x faster |"
        )
    except ImportError:
        rows.append("| undate | - | not installed | - |")
    days = generate.iso_days(count)
    ours_iso = best(lambda: [FuzzyDate.parse(t) for t in days])
    floor = best(lambda: [dt.date.fromisoformat(t) for t in days])
    rows.append(
        f"| parse {count:,} ISO days | {ours_iso / count * 1e6:.1f} µs each "
        f"| `datetime.date.fromisoformat` (C): {floor / count * 1e6:.2f} µs each "
        f"| {ours_iso / floor:.0f}x slower than the C floor |"
    )
    return rows


def bench_load(quick: bool) -> list[str]:
    """timeline.loads of a data file against tomllib.loads of the same text alone."""
    count = 10_000 if quick else 100_000
    text = generate.toml_text(count)
    ours = best(lambda: timeline.loads(text), repeat=2)
    toml_only = best(lambda: tomllib.loads(text), repeat=2)
    return [
        f"| `timeline.loads` of {count:,} events ({len(text) / 2**20:.0f} MiB) | {ours:.2f} s "
        f"| `tomllib.loads` alone: {toml_only:.2f} s | **{ours / toml_only:.2f}x** (goal: <= 2x) |"
    ]


_MERGE_CHILD = """
import json, sys, time


def peak_kib():
    # VmHWM: this process's own high-water mark. (ru_maxrss would also count the memory of
    # the parent at the fork that started this process: Linux carries it across exec.)
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1])

import numpy as np, pyarrow.parquet as pq
from timeline.columnar import merge_tables
paths = sys.argv[1:]
tables = [pq.read_table(p) for p in paths]
import pyarrow as pa
pa.default_memory_pool().release_unused()  # the reader's scratch space
base = peak_kib()
start = time.perf_counter()
result = merge_tables(*tables)
merge = time.perf_counter() - start
# iterate the merged events in order, in batches: every id and bound
walk = time.perf_counter()
count = 0
for batch in result.batches(columns=["id", "earliest", "latest"]):
    count += len(batch['id'].to_numpy(zero_copy_only=False))
    batch['earliest'].to_numpy(zero_copy_only=False)
walk = time.perf_counter() - walk
assert count == len(result.order)
peak = peak_kib()  # merged and iterated in order
# and every column of every event, materialised as one table in order (not in the peak:
# that table alone holds a copy of all 2.4M merged events)
full = time.perf_counter()
result.events
full = time.perf_counter() - full
# the reference: numpy.lexsort of the same bound keys
from timeline.columnar import bound_days
import pyarrow as pa, pyarrow.compute as pc
allrows = pa.concat_tables(tables)
e, l = bound_days(allrows)
codes = pc.dictionary_encode(allrows['id'].combine_chunks()).indices.to_numpy()
start = time.perf_counter(); np.lexsort((codes, l, e)); lex = time.perf_counter() - start
print(json.dumps({"merge": merge, "walk": walk, "full": full, "peak_kib": peak, "base_kib": base,
                  "lexsort": lex, "events": result.events.num_rows,
                  "conflicts": len(result.conflicts), "rows": allrows.num_rows}))
"""


def _object_merge(n: int) -> str:
    """`timeline.merge` of three timelines of n events held as objects, against the columnar
    merge of the same three tables."""
    import timeline
    from timeline.columnar import merge_tables

    tables = generate.arrow_tables(n)
    held = [timeline.Timeline.from_arrow(t) for t in tables]
    ours = best(lambda: timeline.merge(*held), repeat=3)
    merged = timeline.merge(*held)
    theirs = best(lambda: merge_tables(*tables), repeat=3)
    return (
        f"| `timeline.merge` of 3 x {n:,} events held as objects ({len(merged):,} events, "
        f"{len(merged.conflicts):,} conflicts) | {_duration(ours)} | columnar `merge_tables` "
        f"of the same: {_duration(theirs)} | {_versus(ours, theirs)} |"
    )


def bench_merge(quick: bool) -> list[str]:
    """Three tables of n events merged (columnar) and iterated in order, 10k to 1M."""
    import pyarrow.parquet as pq

    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    rows = []
    times = {}
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            paths = []
            for i, table in enumerate(generate.arrow_tables(n)):
                path = Path(folder) / f"t{n}-{i}.parquet"
                pq.write_table(table, path)
                paths.append(str(path))
            out = subprocess.run(
                [sys.executable, "-c", _MERGE_CHILD, *paths],
                check=True,
                capture_output=True,
                text=True,
            )
            got = json.loads(out.stdout)
            times[n] = got["merge"] + got["walk"]
            rows.append(
                f"| merge 3 x {n:,} events, then iterate them in order (ids and bounds) "
                f"| {times[n]:.2f} s ({got['merge']:.2f} merge + {got['walk']:.2f} iterate; "
                f"{got['events']:,} events, {got['conflicts']:,} conflicts; peak RSS "
                f"{got['peak_kib'] / 2**20:.2f} GiB, of which {got['base_kib'] / 2**20:.2f} GiB "
                f"before the merge: the inputs and the runtime) | `numpy.lexsort` of the same "
                f"bound keys ({got['rows']:,} rows): {got['lexsort']:.3f} s "
                f"| {times[n] / got['lexsort']:.0f}x the lexsort |"
            )
            rows.append(
                f"| ... and every column of the {got['events']:,} merged events as one table "
                f"in order | +{got['full']:.2f} s | - | - |"
            )
    rows.append(_object_merge(10_000))
    if len(sizes) > 1:
        growth = " ; ".join(
            f"x{b // a} events: x{times[b] / times[a]:.1f} time"
            for a, b in itertools.pairwise(sizes)
        )
        rows.append(
            f"| growth (n log n would be about x11.7 per x10) | {growth} | - | "
            f"goal: 1M under 15 s and 1.5 GiB |"
        )
    return rows


PLOT_SIZES: Final = (10, 100, 1_000, 2_999, 3_000, 10_000, 100_000)
"""Events per figure: 2,999 is the largest SVG figure, 3,000 the first WebGL one (`LARGE`)."""
QUICK_PLOT_SIZES: Final = (10, 100, 1_000, 2_999, 3_000, 10_000)
PLOT_GOAL: Final = 100_000
# What this script measured before the figure was rewritten (RESULTS.md of 2026-11-25).
PLOT_BEFORE: Final = (
    "data/events.toml built in 172 ms and first-rendered in 1.40 s; "
    "100,000 events built in 0.18 s and first-rendered in 2.61 s"
)


def _repeats(n: int) -> int:
    """Builds of an n-event figure to keep the best of: fewer as the figure grows."""
    return 5 if n <= 1_000 else 3 if n <= 10_000 else 2


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _size(count: int | None) -> str:
    if count is None:
        return "n/a (`to_html` takes no `include_plotlyjs`)"
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count / 2**10:.0f} KiB"


def _versus(ours: float, theirs: float) -> str:
    return f"{theirs / ours:.2f}x faster" if ours <= theirs else f"{ours / theirs:.2f}x slower"


def _drawn_with(figure: Any) -> str:
    """SVG or WebGL, read from the figure's traces (not assumed from `LARGE`)."""
    return "WebGL" if any(str(trace.type).endswith("gl") for trace in figure.data) else "SVG"


def _page(figure: Any, include_plotlyjs: bool | str) -> str | None:
    """`timeline.plotting.to_html(figure, include_plotlyjs=...)`; None if it has no such option.

    Without the option, inline (True) is the plain call: that page has always inlined plotly.js.
    """
    from timeline.plotting import to_html

    # Typed loosely so that this checks both before and after `to_html` gains the keyword.
    export: Callable[..., str] = to_html
    try:
        return export(figure, include_plotlyjs=include_plotlyjs)
    except TypeError as error:
        if "include_plotlyjs" not in str(error):
            raise
        return export(figure) if include_plotlyjs is True else None


def _px_frame(events: Sequence[Any]) -> Any:
    """The events as a `px.timeline` frame: bounds, lane, and what our hover shows."""
    import pandas as pd

    def first(event: Any) -> Any:
        return event.earliest if event.earliest is not None else event.latest

    def after_last(event: Any) -> Any:
        last = event.latest if event.latest is not None else event.earliest
        return last + dt.timedelta(days=1)

    return pd.DataFrame(
        {
            "start": [first(e) for e in events],
            "end": [after_last(e) for e in events],
            "lane": [e.kind for e in events],
            "title": [e.title for e in events],
            "status": [e.status.value for e in events],
            "when": [e.start.text for e in events],
            "cited": [str(e.citations[0]) if e.citations else "" for e in events],
        }
    )


def _px_same_hover(frame: Any) -> Any:
    """`plotly.express.timeline` showing what ours shows: title, date wording, citation, status."""
    import plotly.express as px

    return px.timeline(
        frame,
        x_start="start",
        x_end="end",
        y="lane",
        color="status",
        hover_name="title",
        hover_data=["when", "cited"],
    )


def _px_bare(frame: Any) -> Any:
    """`plotly.express.timeline` at its cheapest: title only, one colour."""
    import plotly.express as px

    return px.timeline(frame, x_start="start", x_end="end", y="lane", hover_name="title")


def _growth(sizes: Sequence[int], times: dict[int, float], drawn: dict[int, str]) -> str:
    """One row: each step's time ratio beside its n log n ratio; steps over 2x are named."""

    def n_log_n(n: int) -> float:
        return n * math.log(max(n, 2))

    steps, worse = [], []
    for a, b in itertools.pairwise(sizes):
        ratio, expected = times[b] / times[a], n_log_n(b) / n_log_n(a)
        switch = f" ({drawn[a]} to {drawn[b]})" if drawn[a] != drawn[b] else ""
        step = f"{a:,}→{b:,}{switch}: x{ratio:.2f} (n log n: x{expected:.2f})"
        if ratio > 2 * expected:
            worse.append(f"{a:,}→{b:,} ({ratio / expected:.1f}x)")
            step = f"**{step}**"
        steps.append(step)
    verdict = (
        f"worse than n log n by more than 2x: {', '.join(worse)} (goal: no step)"
        if worse
        else "**no step worse than n log n by more than 2x**"
    )
    return (
        "| growth of the `Timeline.plot` build time, size to size: time ratio "
        f"(n log n ratio) | {' ; '.join(steps)} | - | {verdict} |"
    )


def bench_plot(quick: bool, sizes: Sequence[int] | None = None) -> list[str]:
    """Timeline.plot of n events against plotly.express.timeline; growth; page size; first render.

    For each size: the best build of our figure and of `px.timeline` of the same events with
    the same hover, in this run; then the first render of every exported page in one headless
    Chromium. Pages go to files as they are built (100,000 events make tens of MiB).
    """
    from timeline import Timeline

    chosen = sorted(set(sizes or (QUICK_PLOT_SIZES if quick else PLOT_SIZES)))
    rows = [f"| note: before this change, {PLOT_BEFORE} | - | - | - |"]
    times: dict[int, float] = {}
    theirs: dict[int, float] = {}
    drawn: dict[int, str] = {}
    with tempfile.TemporaryDirectory() as folder:
        pages: dict[str, Path] = {}

        def keep(name: str, figure: Any) -> int:
            """Write the page to render (plotly.js inline: offline); its size in bytes."""
            path = Path(folder) / f"page-{len(pages)}.html"
            path.write_text(_page(figure, True) or "", encoding="utf-8")
            pages[name] = path
            return path.stat().st_size

        def cdn_size(figure: Any) -> int | None:
            page = _page(figure, "cdn")
            return None if page is None else len(page.encode())

        article = timeline.load(HERE.parent / "data" / "events.toml")
        build = best(lambda: article.plot(), repeat=5)
        figure = article.plot()
        inline, cdn = keep("data/events.toml", figure), cdn_size(figure)
        rows += [
            f"| `Timeline.plot` of data/events.toml ({len(article)} events) "
            f"| {_duration(build)} | - | - |",
            "| HTML page of data/events.toml: plotly.js inline ; from the CDN "
            f'(`include_plotlyjs="cdn"`) | {_size(inline)} ; {_size(cdn)} | - | - |',
        ]
        extras = []
        for n in chosen:
            tl = Timeline.from_arrow(generate.arrow_tables(n, sources=1, shared=0.0)[0])
            times[n] = best(tl.plot, repeat=_repeats(n))
            frame = _px_frame(list(tl))
            theirs[n] = best(partial(_px_same_hover, frame), repeat=_repeats(n))
            figure = tl.plot()
            drawn[n] = _drawn_with(figure)
            inline = keep(f"{n:,} events", figure)
            rows.append(
                f"| `Timeline.plot` of {n:,} events ({drawn[n]}; a `Timeline.from_arrow`) "
                f"| {_duration(times[n])} | `plotly.express.timeline` of the same events "
                f"showing the same (title, date wording, citation, status): "
                f"{_duration(theirs[n])} | {_versus(times[n], theirs[n])} |"
            )
            if n == chosen[-1]:
                # the largest figure: its page sizes and two more references
                cdn = cdn_size(figure)
                held = Timeline(tl.events, tl.sources)
                objects = best(held.plot, repeat=_repeats(n))
                bare = best(partial(_px_bare, frame), repeat=_repeats(n))
                extras = [
                    f"| same {n:,} events, against a bare `px.timeline` (title only, one colour) "
                    f"| {_duration(times[n])} | {_duration(bare)} | {_versus(times[n], bare)} |",
                    f"| same {n:,} events held as objects only (no Arrow table) "
                    f"| {_duration(objects)} | {_duration(theirs[n])} (same hover) "
                    f"| {_versus(objects, theirs[n])} |",
                    f"| HTML page of {n:,} events: plotly.js inline ; from the CDN "
                    f"| {_size(inline)} ; {_size(cdn)} | - | - |",
                ]
            del tl, frame, figure  # before the next size is generated
        if len(chosen) > 1:
            rows.append(_growth(chosen, times, drawn))
        top = chosen[-1]
        where = "" if top == PLOT_GOAL else f" (checked at {top:,}, the largest size run)"
        verdict = _versus(times[top], theirs[top])
        rows.append(
            f"| goal: {PLOT_GOAL:,} events stay faster to build than `px.timeline` with the "
            f"same hover{where} | {_duration(times[top])} | {_duration(theirs[top])} | "
            + (f"**met: {verdict}**" if times[top] < theirs[top] else f"not met: {verdict}")
            + " (goal: faster) |"
        )
        rows += extras
        sizes_of = {name: path.stat().st_size for name, path in pages.items()}
        render = _first_render(pages)
    for name, seconds in render.items():
        rows.append(
            f"| first render in headless Chromium: {name} ({_size(sizes_of[name])} page) "
            f"| {seconds} | - | - |"
        )
    return rows


RENDER_LIMIT_MS: Final = 300_000
"""How long a page may take to draw: a 100,000-event page takes seconds, a broken one forever."""


def _first_render(pages: dict[str, Path]) -> dict[str, str]:
    """Seconds from opening each page (by file:// URL) to its plot being drawn.

    One headless Chromium opens every page in turn, each in a fresh context. A page that does
    not draw is reported with the first script error it raised, and the others still run.
    """
    import shutil

    chromium = shutil.which("chromium")
    if chromium is None:
        return dict.fromkeys(pages, "n/a (no chromium on the PATH)")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    args = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for name, path in pages.items():
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))  # noqa: B023
            start = time.perf_counter()
            try:
                page.goto(path.as_uri(), timeout=RENDER_LIMIT_MS)
                page.wait_for_function(
                    "() => { const gd = document.querySelector('.js-plotly-plot');"
                    " return gd && gd._fullLayout && gd.querySelector('.main-svg .xtick'); }",
                    timeout=RENDER_LIMIT_MS,
                )
                page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(0)))")
                results[name] = f"{time.perf_counter() - start:.2f} s"
            except PlaywrightError as error:
                first = errors[0] if errors else str(error).splitlines()[0]
                results[name] = f"not drawn ({first})"
            page.close()
        browser.close()
    return results


DUPLICATE_SIZES: Final = (1_000, 10_000, 100_000)
QUICK_DUPLICATE_SIZES: Final = (1_000, 3_000)
BRUTE_FORCE_UP_TO: Final = 10_000
"""The largest size the brute force runs at (10,000 events take it about 90 s); above it, its
time is estimated from the pairs it would compare, at the rate it compared them here."""


def _compared_pairs(events: Sequence[Any]) -> int:
    """How many pairs the brute force compares: every pair whose dates may overlap."""
    import bisect

    ordered = sorted(events, key=lambda e: e.sort_key())
    starts = [-math.inf if e.earliest is None else e.earliest.toordinal() for e in ordered]
    return sum(
        bisect.bisect_right(starts, math.inf if e.latest is None else e.latest.toordinal()) - i - 1
        for i, e in enumerate(ordered)
    )


def bench_duplicates(quick: bool) -> list[str]:
    """`Timeline.likely_duplicates` of n historical events (`generate.historical_events`)
    against the brute force it replaced, which compares every pair whose dates overlap."""
    sys.path.insert(0, str(HERE.parent))
    from tests.duplicates_reference import brute_force_duplicates

    sizes = QUICK_DUPLICATE_SIZES if quick else DUPLICATE_SIZES
    rows = []
    times: dict[int, float] = {}
    returned: dict[int, int] = {}
    rate = math.nan
    for n in sizes:
        tl = timeline.Timeline(generate.historical_events(n))
        start = time.perf_counter()
        found = tl.likely_duplicates()
        times[n] = time.perf_counter() - start  # one run at 100,000 takes minutes
        if n <= BRUTE_FORCE_UP_TO:
            times[n] = min(times[n], best(tl.likely_duplicates, repeat=2))
        returned[n] = len(found)
        compared = _compared_pairs(tl.events)
        if n <= BRUTE_FORCE_UP_TO:
            start = time.perf_counter()
            same = brute_force_duplicates(tl.events) == found
            theirs = time.perf_counter() - start
            rate = theirs / compared
            reference = f"the brute force, {compared:,} pairs compared: {_duration(theirs)} " + (
                "(the same answer)" if same else "(**a different answer**)"
            )
            ratio = f"**{theirs / times[n]:.0f}x faster**"
        else:
            estimate = compared * rate
            reference = (
                f"the brute force: not run, > {estimate // 100 * 100:,.0f} s estimated "
                f"({compared:,} pairs to compare at {rate * 1e6:.0f} µs a pair, its rate at "
                f"{BRUTE_FORCE_UP_TO:,})"
            )
            ratio = f"about {estimate / times[n]:,.0f}x faster (estimated)"
        rows.append(
            f"| `Timeline.likely_duplicates` of {n:,} historical events "
            f"({len(found):,} pairs returned) | {_duration(times[n])} | {reference} | {ratio} |"
        )
        del tl, found
    if len(sizes) > 1:
        steps = " ; ".join(
            f"{a:,}→{b:,}: x{times[b] / times[a]:.1f} time, x{returned[b] / returned[a]:.1f} "
            "pairs returned"
            for a, b in itertools.pairwise(sizes)
        )
        per_pair = " ; ".join(
            f"{n:,}: {times[n] / returned[n] * 1e6:.0f} µs" for n in sizes if returned[n]
        )
        rows.append(f"| growth, size to size | {steps} | - | time per pair returned: {per_pair} |")
    return rows


TABLE_SIZES: Final = (10, 100, 1_000, 10_000, 100_000)
"""Events per table for the tables benchmark: every power of ten, so a cliff between two
sizes shows in the growth row."""
QUICK_TABLE_SIZES: Final = (10, 100, 1_000, 10_000)


def _timed(run: Callable[[], Any], n: int) -> float:
    """Seconds per call of ``run`` on ``n`` events: the best of a few rounds, each round of
    enough calls (for small tables) that the clock's resolution and one stray pause do not
    decide the figure."""
    calls = max(1, 2_000 // n)
    rounds = 5 if n <= 1_000 else 3 if n <= 10_000 else 2

    def many() -> None:
        for _ in range(calls):
            run()

    return best(many, repeat=rounds) / calls


def _cold(run: Callable[[Any], Any], tl: Any) -> Callable[[], Any]:
    """``run(tl)`` as a first call: every date's remembered label and EDTF forgotten and
    `csv.write_date`'s memory cleared before it (inside the timing: it can only make ours
    look slower), so no repeat of the best-of measures a warm cache."""
    from timeline.io.csv import write_date

    dates = [d for e in tl.events for d in (e.start, e.end) if d is not None]

    def call() -> Any:
        write_date.cache_clear()
        for date in dates:
            object.__setattr__(date, "_label", None)
            object.__setattr__(date, "_edtf", None)
        return run(tl)

    return call


def _fine(seconds: float) -> str:
    """A duration down to microseconds (the smallest tables take less than a millisecond)."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    return f"{seconds * 1e3:.1f} ms" if seconds < 0.1 else _duration(seconds)


def _plain_csv(events: Sequence[Any]) -> str:
    """The events as a plain CSV a pandas user would keep: id, title, kind, actors joined by
    ``;``, and the outer bounds as ISO days (empty where open)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("id", "title", "kind", "actors", "earliest", "latest"))
    for e in events:
        writer.writerow(
            (
                e.id,
                e.title,
                e.kind,
                "; ".join(e.actors),
                "" if e.earliest is None else e.earliest.isoformat(),
                "" if e.latest is None else e.latest.isoformat(),
            )
        )
    return out.getvalue()


def _pandas_reads(text: str) -> Any:
    """`pd.read_csv` of a plain CSV, then `pd.to_datetime` of its two ISO date columns."""
    import io

    import pandas as pd

    frame = pd.read_csv(io.StringIO(text), dtype={"id": str, "title": str, "kind": str})
    for column in ("earliest", "latest"):
        frame[column] = pd.to_datetime(frame[column], format="ISO8601")
    return frame


def _growth_row(what: str, sizes: Sequence[int], times: dict[int, float]) -> str:
    """One row: the time ratio from each size to the next (x10 events). Linear work grows
    about x10 a step; a step over x20 (quadratic would be x100) is named."""
    steps, worse = [], []
    for a, b in itertools.pairwise(sizes):
        ratio = times[b] / times[a]
        step = f"{a:,}→{b:,}: x{ratio:.1f}"
        if ratio > 2 * (b / a):
            worse.append(f"{a:,}→{b:,}")
            step = f"**{step}**"
        steps.append(step)
    verdict = (
        f"worse than linear by more than 2x: {', '.join(worse)}"
        if worse
        else "no step worse than linear by more than 2x"
    )
    return f"| growth of {what}, size to size | {' ; '.join(steps)} | - | {verdict} |"


def bench_tables(quick: bool, sizes: Sequence[int] | None = None) -> list[str]:
    """DataFrames and CSV at every size: `to_pandas` and `from_pandas` of n historical events
    (`generate.historical_events`) against pandas' own `read_csv` + `to_datetime` of the same
    events as a plain CSV with ISO date columns; `dumps_csv`/`loads_csv` against TOML's
    `dumps`/`loads` of the same timeline. Ratios are ours / reference (below 1: ours faster).
    Writers are timed cold (`_cold`): what a timeline's first export costs.
    """
    from timeline.io.csv import dumps_csv, loads_csv

    chosen = sorted(set(sizes or (QUICK_TABLE_SIZES if quick else TABLE_SIZES)))
    warm = timeline.Timeline(generate.historical_events(50))
    timeline.Timeline.from_pandas(warm.to_pandas())  # the first call imports pandas
    _pandas_reads(_plain_csv(warm.events))
    names = {
        "to_pandas": "`tl.to_pandas()`",
        "from_pandas": "`Timeline.from_pandas(df)`",
        "pandas": "`pd.read_csv` + `pd.to_datetime`",
        "dumps_csv": "`dumps_csv`",
        "loads_csv": "`loads_csv`",
        "dumps": "`timeline.dumps` (TOML)",
        "loads": "`timeline.loads` (TOML)",
    }
    times: dict[str, dict[int, float]] = {key: {} for key in names}
    rows = []
    for n in chosen:
        tl = timeline.Timeline(generate.historical_events(n))
        plain = _plain_csv(tl.events)
        frame = tl.to_pandas()
        csv_text, toml_text = dumps_csv(tl), timeline.dumps(tl)
        assert len(timeline.Timeline.from_pandas(frame)) == len(loads_csv(csv_text)) == n
        assert len(_pandas_reads(plain)) == n
        times["pandas"][n] = _timed(partial(_pandas_reads, plain), n)
        times["to_pandas"][n] = _timed(_cold(timeline.Timeline.to_pandas, tl), n)
        times["from_pandas"][n] = _timed(partial(timeline.Timeline.from_pandas, frame), n)
        times["dumps_csv"][n] = _timed(_cold(dumps_csv, tl), n)
        times["dumps"][n] = _timed(_cold(timeline.dumps, tl), n)
        times["loads_csv"][n] = _timed(partial(loads_csv, csv_text), n)
        times["loads"][n] = _timed(partial(timeline.loads, toml_text), n)
        reference = (
            f"{names['pandas']} of the same events as a plain CSV with ISO date columns "
            f"({len(plain) / 2**10:,.0f} KiB): {_fine(times['pandas'][n])}"
        )
        for ours, theirs, text in (
            ("to_pandas", "pandas", reference),
            ("from_pandas", "pandas", reference),
            ("dumps_csv", "dumps", f"{names['dumps']}: {_fine(times['dumps'][n])}"),
            (
                "loads_csv",
                "loads",
                f"{names['loads']} of the same timeline ({len(toml_text) / 2**10:,.0f} KiB): "
                f"{_fine(times['loads'][n])}",
            ),
        ):
            ratio = times[ours][n] / times[theirs][n]
            what = f"{names[ours]} of {n:,} events"
            if ours == "loads_csv":
                what += f" ({len(csv_text) / 2**10:,.0f} KiB)"
            rows.append(
                f"| {what} | {_fine(times[ours][n])} | {text} | ours / reference: **{ratio:.2f}** |"
            )
        del tl, frame, plain, csv_text, toml_text  # before the next size is generated
    if len(chosen) > 1:
        rows += [_growth_row(names[key], chosen, times[key]) for key in names]
    return rows


BENCHMARKS = {
    "parse": bench_parse,
    "load": bench_load,
    "merge": bench_merge,
    "plot": bench_plot,
    "duplicates": bench_duplicates,
    "tables": bench_tables,
}


SIZED: Final[dict[str, Callable[[bool, Sequence[int] | None], list[str]]]] = {
    "plot": bench_plot,
    "tables": bench_tables,
}
"""The benchmarks that take ``--sizes``."""


def _sizes(text: str) -> tuple[int, ...]:
    """``--sizes``: comma-separated positive event counts, e.g. ``10,100,3000``."""
    try:
        sizes = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected counts like 10,100,3000, got {text!r}"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected positive counts, got {text!r}")
    return sizes


def _names(text: str) -> list[str]:
    """``--only``: comma-separated benchmark names."""
    names = text.split(",")
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"no benchmark {', '.join(unknown)}; expected some of {', '.join(BENCHMARKS)}"
        )
    return names


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument(
        "--only", type=_names, default=list(BENCHMARKS), help="comma-separated names"
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=None,
        help=(
            "event counts of the plot and tables benchmarks (defaults: "
            f"{','.join(map(str, PLOT_SIZES))} and {','.join(map(str, TABLE_SIZES))})"
        ),
    )
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]])
    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by "
        + (f"`make bench` (`{command}`)" if len(sys.argv) == 1 else f"`{command}`")
        + f" on: {machine()}.",
        "",
        "Every row compares our figure with a reference measured in the same run; the best of "
        "a few runs is kept.",
        "",
        "| benchmark | ours | reference | ratio |",
        "| --- | --- | --- | --- |",
    ]
    for name in args.only:
        print(f"running {name} ...", flush=True)
        if name in SIZED:
            rows = SIZED[name](args.quick, args.sizes)
        else:
            rows = BENCHMARKS[name](args.quick)
        for row in rows:
            print(row, flush=True)
            lines.append(row)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    lines += ["", f"Peak memory of the benchmark driver itself: {peak:.2f} GiB.", ""]
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
