"""Run every benchmark and write benchmarks/RESULTS.md.

Each benchmark measures our figure and a reference in the same run on the same machine and
reports their ratio (machines here are noisy: ratios travel, seconds do not).

    python benchmarks/run.py [--quick] [--only parse,load,merge,plot]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
    ours = best(lambda: [FuzzyDate.parse(t) for t in texts])
    theirs = best(lambda: [parse_edtf(t) for t in texts], repeat=1)
    rows = [
        f"| parse {count:,} distinct EDTF strings | {ours / count * 1e6:.1f} µs each "
        f"| python-edtf `parse_edtf`: {theirs / count * 1e6:.0f} µs each "
        f"| **{theirs / ours:.0f}x faster** (goal: 100x) |"
    ]
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
from timeline.columnar import _days, _LOW, _HIGH
import pyarrow as pa, pyarrow.compute as pc
allrows = pa.concat_tables(tables)
e = _days(allrows['earliest'], _LOW); l = _days(allrows['latest'], _HIGH)
codes = pc.dictionary_encode(allrows['id'].combine_chunks()).indices.to_numpy()
start = time.perf_counter(); np.lexsort((codes, l, e)); lex = time.perf_counter() - start
print(json.dumps({"merge": merge, "walk": walk, "full": full, "peak_kib": peak, "base_kib": base,
                  "lexsort": lex, "events": result.events.num_rows,
                  "conflicts": len(result.conflicts), "rows": allrows.num_rows}))
"""


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


def bench_plot(quick: bool) -> list[str]:
    """Timeline.plot of n events against plotly.express.timeline; HTML size; first render."""
    import pandas as pd
    import plotly.express as px

    from timeline import Timeline
    from timeline.plotting import to_html

    count = 10_000 if quick else 100_000
    table = generate.arrow_tables(count, sources=1, shared=0.0)[0]
    tl = Timeline.from_arrow(table)
    ours = best(lambda: tl.plot(), repeat=3)
    events = list(tl)
    frame = pd.DataFrame(
        {
            "start": [e.earliest for e in events],
            "end": [e.latest + dt.timedelta(days=1) for e in events if e.latest is not None],
            "lane": [e.kind for e in events],
            "title": [e.title for e in events],
            "status": [e.status.value for e in events],
            "when": [e.start.text for e in events],
            "cited": [str(e.citations[0]) if e.citations else "" for e in events],
        }
    )
    same = best(
        lambda: px.timeline(
            frame,
            x_start="start",
            x_end="end",
            y="lane",
            color="status",
            hover_name="title",
            hover_data=["when", "cited"],
        ),
        repeat=3,
    )
    bare = best(
        lambda: px.timeline(frame, x_start="start", x_end="end", y="lane", hover_name="title"),
        repeat=3,
    )
    held = Timeline(tl.events, tl.sources)
    objects = best(lambda: held.plot(), repeat=2)
    page = to_html(tl.plot())
    rows = [
        f"| `Timeline.plot` of {count:,} events (WebGL; read from its Arrow table) | {ours:.2f} s "
        f"| `plotly.express.timeline` of the same events showing the same (title, date wording, "
        f"citation, status): {same:.2f} s | **{same / ours:.2f}x faster** |",
        f"| same, against a bare `px.timeline` (title only, one colour) | {ours:.2f} s "
        f"| {bare:.2f} s | {bare / ours:.2f}x |",
        f"| same events held as objects only (no Arrow table) | {objects:.2f} s "
        f"| {same:.2f} s (same hover) | {same / objects:.2f}x |",
        f"| HTML page of {count:,} events | {len(page) / 2**20:.1f} MiB | - | - |",
    ]
    article = timeline.load(HERE.parent / "data" / "events.toml")
    build = best(lambda: article.plot(), repeat=5)
    rows.append(
        f"| `Timeline.plot` of data/events.toml ({len(article)} events) | "
        f"{build * 1000:.0f} ms | - | - |"
    )
    render = _first_render({"data/events.toml": to_html(article.plot()), f"{count:,} events": page})
    for name, seconds in render.items():
        rows.append(f"| first render in headless Chromium: {name} | {seconds:.2f} s | - | - |")
    return rows


def _first_render(pages: dict[str, str]) -> dict[str, float]:
    """Seconds from opening each page to its plot being drawn, in headless Chromium."""
    import shutil

    chromium = shutil.which("chromium")
    if chromium is None:
        return {}
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
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=args)
        for name, page_html in pages.items():
            path = Path(folder) / "page.html"
            path.write_text(page_html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_function(
                "() => { const gd = document.querySelector('.js-plotly-plot');"
                " return gd && gd._fullLayout && gd.querySelector('.main-svg .xtick'); }",
                timeout=300_000,
            )
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(0)))")
            results[name] = time.perf_counter() - start
            page.close()
        browser.close()
    return results


BENCHMARKS = {"parse": bench_parse, "load": bench_load, "merge": bench_merge, "plot": bench_plot}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated names")
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC by `make bench` "
        f"(`python benchmarks/run.py{' --quick' if args.quick else ''}`) on: {machine()}.",
        "",
        "Every row compares our figure with a reference measured in the same run; the best of "
        "a few runs is kept.",
        "",
        "| benchmark | ours | reference | ratio |",
        "| --- | --- | --- | --- |",
    ]
    for name in args.only.split(","):
        print(f"running {name} ...", flush=True)
        for row in BENCHMARKS[name](args.quick):
            print(row, flush=True)
            lines.append(row)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    lines += ["", f"Peak memory of the benchmark driver itself: {peak:.2f} GiB.", ""]
    Path(args.output).write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
