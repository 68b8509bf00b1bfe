"""Seeded synthetic data for the benchmarks: date texts, TOML timelines, Arrow tables.

Dates run from 1500 to today in every accepted form; events carry citations; of each
source's events, 30% share their id with the other sources (as if the sources told the same
events), with refined dates (a year, then a month in it, then a day), some disagreements
(different years or titles, so merges meet conflicts) and the rest of the ids their own.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any

MONTHS = [calendar.month_name[m] for m in range(1, 13)]
TODAY = dt.date.today()


def _day(rng: random.Random) -> dt.date:
    first, last = dt.date(1500, 1, 1).toordinal(), TODAY.toordinal()
    return dt.date.fromordinal(rng.randint(first, last))


def edtf_texts(count: int, seed: int = 1) -> list[str]:
    """``count`` distinct EDTF (level 0 and 1) strings of every form."""
    rng = random.Random(seed)
    forms = [
        "{y:04d}-{m:02d}-{d:02d}",
        "{y:04d}-{m:02d}",
        "{y:04d}",
        "{y:04d}~",
        "{y:04d}?",
        "{y:04d}%",
        "{y:04d}-{m:02d}-{d:02d}~",
        "{y:04d}-{m:02d}?",
        "{y3:03d}X",
        "{y2:02d}XX",
        "{y:04d}-{s}",
        "{y:04d}-XX",
        "{y:04d}-{m:02d}-XX",
        "{y:04d}/{y4:04d}",
        "{y:04d}-{m:02d}/{y4:04d}-{m:02d}",
        "{y:04d}?/{y4:04d}~",
        "../{y:04d}",
        "{y:04d}/..",
        "{y:04d}-{m:02d}-{d:02d}/{y4:04d}",
    ]
    texts: set[str] = set()
    while len(texts) < count:
        day = _day(rng)
        y = day.year
        texts.add(
            rng.choice(forms).format(
                y=y,
                m=day.month,
                d=day.day,
                y3=y // 10,
                y2=y // 100,
                s=rng.randint(21, 24),
                y4=min(y + rng.randint(0, 60), 2100),
            )
        )
    return sorted(texts, key=lambda _: rng.random())


def iso_days(count: int, seed: int = 2) -> list[str]:
    """``count`` distinct ISO 8601 days."""
    rng = random.Random(seed)
    days: set[str] = set()
    while len(days) < count:
        days.add(_day(rng).isoformat())
    return list(days)


def _phrase(day: dt.date, rng: random.Random) -> str:
    """The same day's year/month/day in one of the phrase forms."""
    y, m, d = day.year, day.month, day.day
    name = MONTHS[m - 1]
    return rng.choice(
        [
            f"{d} {name} {y}",
            f"{name} {d}, {y}",
            f"{name} {y}",
            f"spring {y}",
            f"early {y}",
            f"mid-{y}",
            f"late {y}",
            f"the {y // 10 * 10}s",
            f"late {y // 100 + 1}th century",
            f"circa {y}",
            f"c. {y}",
            f"before {y}",
            f"after {y}",
            f"between {y} and {y + 2}",
            f"{min(d, 28)} {name} {y} O.S.",
            day.isoformat(),
            # an ISO month where it has one reading (1905-07 is also 1905-1907: ambiguous)
            f"{y}-{m:02d}" if m <= y % 100 else f"{name} {y}",
            f"{y}~",
            f"{y // 10}X",
            f"{y}?/{y + 3}~",
        ]
    )


def phrases(count: int, seed: int = 5) -> list[str]:
    """``count`` English date phrases of the forms `_phrase` writes (repeats allowed)."""
    rng = random.Random(seed)
    return [_phrase(_day(rng), rng) for _ in range(count)]


def toml_text(count: int, seed: int = 3) -> str:
    """A TOML data file of ``count`` events citing three sources, every date form used."""
    rng = random.Random(seed)
    lines = []
    for s in range(3):
        lines += [
            "[[sources]]",
            f'id = "source-{s}"',
            f'title = "Source {s}"',
            f'published = "{2000 + s}-06-15"',
            "",
        ]
    for i in range(count):
        day = _day(rng)
        lines += [
            "[[events]]",
            f'id = "event-{i}"',
            f'title = "Event number {i} in the archive"',
            f'start = "{_phrase(day, rng)}"',
        ]
        if rng.random() < 0.3:
            # past the end of the start's century, so after every form of the start
            lines.append(f'end = "{(day.year // 100 + 1) * 100 + rng.randint(0, 30)}"')
        lines += [
            'kind = "synthetic"',
            f'status = "{rng.choice(["reported", "claimed", "planned", "disputed"])}"',
            f'actors = ["Actor {rng.randint(0, 50)}"]',
            f'tags = ["tag-{rng.randint(0, 9)}"]',
            "",
            "[[events.citations]]",
            f'source = "source-{rng.randint(0, 2)}"',
            f'locator = "page {rng.randint(1, 400)}"',
            f'wording = "{day.year}"',
            "",
        ]
    return "\n".join(lines)


def arrow_tables(count: int, sources: int = 3, shared: float = 0.3, seed: int = 4) -> list[Any]:
    """``sources`` Arrow tables of ``count`` events each (the `timeline.io.arrow` schema).

    A share ``shared`` of each table's ids is common to all tables: the first table dates
    those events to the year, the second to the month, the third to the day; 3% of the shared
    versions name another year (a conflict) and 3% another title.
    """
    import numpy as np
    import pyarrow as pa

    from timeline.collection import Timeline
    from timeline.dates import Precision
    from timeline.io.arrow import SCHEMA_VERSION, schema
    from timeline.io.toml import dumps
    from timeline.model import Source

    rng = np.random.default_rng(seed)
    n_shared = int(count * shared)
    first = dt.date(1500, 1, 1).toordinal()
    span = TODAY.toordinal() - first
    shared_days = first + rng.integers(0, span, n_shared)
    base = schema()
    tables = []
    epoch = dt.date(1970, 1, 1).toordinal()
    for s in range(sources):
        own = count - n_shared
        own_days = first + rng.integers(0, span, own)
        days = np.concatenate([shared_days, own_days])
        ids = [f"shared-{i}" for i in range(n_shared)] + [f"s{s}-{i}" for i in range(own)]
        dates = [dt.date.fromordinal(int(d)) for d in days]
        conflict = rng.random(count) < 0.03
        retitle = rng.random(count) < 0.03
        precision = {0: "year", 1: "month"}.get(s, "day") if s < 3 else "day"
        lows, highs, texts, precisions = [], [], [], []
        for i, day in enumerate(dates):
            y = day.year + (1 if conflict[i] and i < n_shared and day.year < 2025 else 0)
            form = precision if i < n_shared else ("year", "month", "day")[i % 3]
            if form == "year":
                lo, hi, text, p = dt.date(y, 1, 1), dt.date(y, 12, 31), f"{y:04d}", Precision.YEAR
            elif form == "month":
                last = calendar.monthrange(y, day.month)[1]
                lo, hi = dt.date(y, day.month, 1), dt.date(y, day.month, last)
                text, p = f"{y:04d}-{day.month:02d}", Precision.MONTH
            else:
                d = min(day.day, calendar.monthrange(y, day.month)[1])
                lo = hi = dt.date(y, day.month, d)
                text, p = lo.isoformat(), Precision.DAY
            lows.append(lo.toordinal() - epoch)
            highs.append(hi.toordinal() - epoch)
            texts.append(text)
            precisions.append(int(p))
        low = pa.array(lows, pa.int32()).cast(pa.date32())
        high = pa.array(highs, pa.int32()).cast(pa.date32())
        nulls_date = pa.nulls(count, pa.date32())
        nulls_str = pa.nulls(count, pa.string())
        text = pa.array(texts, pa.string())
        columns = {
            "id": pa.array(ids, pa.string()),
            "title": pa.array(
                [f"Event {ids[i]}{' (retold)' if retitle[i] else ''}" for i in range(count)]
            ),
            "earliest": low,
            "latest": high,
            "start_earliest": low,
            "start_latest": high,
            "start_core_earliest": low,
            "start_core_latest": high,
            "start_first_precision": pa.array(precisions, pa.int8()),
            "start_last_precision": pa.array(precisions, pa.int8()),
            "start_first_qualifier": pa.array(np.zeros(count, np.int8)),
            "start_last_qualifier": pa.array(np.zeros(count, np.int8)),
            "start_text": text,
            "start_edtf": text,
            "start_calendar": pa.array(["gregorian"] * count, pa.string()),
            "start_reference": nulls_str,
            "start_fuzziness": nulls_str,
            "start_year_start": nulls_str,
            "has_end": pa.array(np.zeros(count, bool)),
            "description": pa.array([""] * count, pa.string()),
            "kind": pa.array(["synthetic"] * count, pa.string()),
            "actors": pa.array([[f"Actor {i % 97}"] for i in range(count)]),
            "places": pa.array([[] for _ in range(count)], pa.list_(pa.string())),
            "tags": pa.array([[f"tag-{i % 7}"] for i in range(count)]),
            "status": pa.array(["reported"] * count, pa.string()),
            "citations": pa.array(
                [
                    [{"source": f"source-{s}", "locator": f"entry {i}", "wording": texts[i]}]
                    for i in range(count)
                ]
            ),
            "note": pa.array([""] * count, pa.string()),
            "same_as": pa.array([[] for _ in range(count)], pa.list_(pa.string())),
        }
        for part in ("earliest", "latest", "core_earliest", "core_latest"):
            columns[f"end_{part}"] = nulls_date
        columns |= {
            "end_first_precision": pa.nulls(count, pa.int8()),
            "end_last_precision": pa.nulls(count, pa.int8()),
            "end_first_qualifier": pa.nulls(count, pa.int8()),
            "end_last_qualifier": pa.nulls(count, pa.int8()),
            "end_text": nulls_str,
            "end_edtf": nulls_str,
            "end_calendar": nulls_str,
            "end_reference": nulls_str,
            "end_fuzziness": nulls_str,
            "end_year_start": nulls_str,
        }
        header = dumps(Timeline([], [Source(id=f"source-{s}", title=f"Source {s}")]))
        metadata = {
            b"timeline.schema": SCHEMA_VERSION.encode(),
            b"timeline.sources_and_eras": header.encode(),
        }
        table = pa.table({f.name: columns[f.name] for f in base}, schema=base)
        tables.append(table.replace_schema_metadata(metadata))
    return tables
