"""Seeded synthetic data for the benchmarks: date texts, TOML timelines, Arrow tables.

Dates run from 1500 to today in every accepted form; events carry citations; of each
source's events, 30% share their id with the other sources (as if the sources told the same
events), with refined dates (a year, then a month in it, then a day), some disagreements
(different years or titles, so merges meet conflicts) and the rest of the ids their own.
`historical_events` titles events as histories do ("Battle of X", "Treaty of Y", "Death of Z"),
with a few events told twice, for the duplicates benchmark.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any, Final

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


_SYLLABLES = [
    "bor", "o", "di", "no", "lei", "pzig", "wa", "ter", "loo", "aus", "litz", "jen", "ma", "ren",
    "go", "vi", "en", "pra", "gue", "ber", "lin", "mos", "kva", "bre", "da", "rou", "sa", "lam",
    "an", "ca", "el", "ham", "burg", "ton", "ford", "ville", "dorf", "grad", "ov", "sk", "ta",
    "ri", "mi", "lan", "tur", "nau", "zo", "pol"
]  # fmt: skip
_FIRST_NAMES = [
    "Charles", "Louis", "Henry", "Philip", "Frederick", "Catherine", "Peter", "Mary", "Elizabeth",
    "William", "John", "Anne", "Gustav", "Christian", "Maria", "Joseph", "Leopold", "Ferdinand",
    "Isabella", "Victoria", "Nicholas", "Alexander", "Otto", "Francis", "James", "George",
    "Margaret", "Sophia", "Casimir", "Sigismund", "Manuel", "Pedro", "Ivan", "Olaf"
]  # fmt: skip
_NUMERALS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIV"]
_COUNTRIES = [
    "France", "England", "Spain", "Austria", "Prussia", "Russia", "Sweden", "Portugal", "Venice",
    "Poland", "Denmark", "Ottoman", "Netherlands", "Bavaria", "Saxony", "Savoy", "Naples", "Genoa",
    "Hungary", "Bohemia", "Scotland", "Ireland", "Japan", "China", "Persia", "Mughal", "Brazil",
    "Mexico", "Peru", "Egypt", "Morocco", "Siam", "Korea", "Hanover", "Wurttemberg", "Tuscany",
    "Norway", "Finland", "Greece", "Serbia"
]  # fmt: skip
_ZIPF: Final = [1 / (k + 1) for k in range(len(_COUNTRIES))]
"""Countries weighted 1/k: the first (of 40) in 23% of picks, as a few powers are in most wars."""
_FILLERS: Final = {
    "office": ["King", "Emperor", "Pope", "President", "Prime Minister", "Chancellor", "Doge"],
    "adjective": ["Great", "Second", "Northern", "Holy", "New", "Last", "Grand", "Little"],
    "noun": ["Alliance", "Compact", "Charter", "Accord", "League", "Union", "Edict", "Concordat"],
}
# relative weight, title, actors (countries: that many picks), how its dates are known
_TEMPLATES: Final = [
    (14, "Battle of {place}", "countries 2", "instant"),
    (6, "Siege of {place}", "countries 2", "span"),
    (5, "Treaty of {place}", "countries 3", "instant"),
    (2, "Peace of {place}", "countries 2", "instant"),
    (1, "Congress of {place}", "countries 4", "span"),
    (4, "Founding of {place}", "countries 1", "founding"),
    (2, "Great Fire of {place}", "", "instant"),
    (2, "Sack of {place}", "countries 2", "instant"),
    (6, "Death of {person}", "person", "instant"),
    (5, "Birth of {person}", "person", "instant"),
    (3, "Coronation of {person}", "person countries 1", "instant"),
    (2, "Marriage of {person} and {other}", "person other", "instant"),
    (3, "{person} becomes {office} of {country}", "person country", "instant"),
    (3, "{country} declares war on {enemy}", "country enemy", "instant"),
    (3, "War of the {place} Succession", "countries 3", "span"),
    (2, "{adjective} {noun}", "countries 3", "instant"),
    (3, "Revolt in {place}", "countries 1", "span"),
    (3, "Earthquake in {place}", "", "instant"),
    (2, "Plague in {place}", "", "span"),
    (3, "Opening of the {place} railway", "countries 1", "instant"),
    (3, "{person} elected {office}", "", "instant"),
    (3, "Publication of the {adjective} {noun} by {person}", "person", "instant"),
    (1, "Occupation of {place}", "countries 2", "ongoing"),
    (1, "Dispute over {place}", "countries 2", "ongoing"),
    (1, "Expedition to {place}", "person countries 1", "span"),
]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _historical_date(day: dt.date, how: str, rng: random.Random) -> tuple[str, str | None]:
    """A start and an end (or None) for an event of the kind ``how`` about ``day``."""
    y, name = day.year, MONTHS[day.month - 1]
    if how == "span":  # months to decades
        last = day + dt.timedelta(days=rng.randint(30, 365 * rng.choice([1, 3, 10, 30])))
        return rng.choice([f"{name} {y}", f"{y}"]), f"{min(last.year, TODAY.year)}"
    if how == "ongoing":
        return rng.choice([f"{day.day} {name} {y}", f"{y}"]), "ongoing"
    forms, weights = {
        # a day, month or year, some circa, a few known only to be before or after a year
        "instant": (["day", "month", "year", "season", "circa", "before", "after"],
                    [40, 20, 28, 4, 6, 1, 1]),
        # foundations are often known loosely: to a decade, a part of a century, a terminus
        "founding": (["year", "circa", "decade", "century", "before"], [40, 20, 20, 15, 5]),
    }[how]  # fmt: skip
    form = rng.choices(forms, weights)[0]
    return {
        "day": f"{day.day} {name} {y}",
        "month": f"{name} {y}",
        "year": f"{y}",
        "season": f"{rng.choice(['spring', 'summer', 'autumn', 'winter'])} {y}",
        "circa": f"c. {y}",
        "before": f"before {y}",
        "after": f"after {y}",
        "decade": f"the {y // 10 * 10}s",
        "century": f"{rng.choice(['early', 'mid', 'late'])} {y // 100 + 1}th century",
    }[form], None


def _retold(title: str, rng: random.Random) -> str:
    """The same title as another source words it."""
    kind, _, rest = title.partition(" of ")
    variants = [title.lower(), f"The {title}", f"{title} (as retold)"]
    if rest and " " not in kind:
        variants += [f"{rest}, {kind.lower()} of", f"{kind} at {rest}", f"{kind} of {rest}s"]
    return rng.choice(variants)


def historical_events(count: int, seed: int = 6) -> list[Any]:
    """``count`` events titled as histories title them (`_TEMPLATES`): many "Battle of X",
    "Siege of X", "Treaty of X", "Death of Y", a place or person often met again, centuries
    apart; countries (a few of them in most events) and people as actors. Dates run from 1500
    to today: instants mostly to a day, month or year (2% only before or after a year),
    foundations loosely, spans of months to decades, about 2% ongoing. 4% retell an earlier event:
    a reworded title, the same day told another way, the same actors or one fewer.
    """
    from timeline.model import Event

    rng = random.Random(seed)
    places = [_name(rng) for _ in range(count // 8 + 50)]
    people = [
        f"{rng.choice(_FIRST_NAMES)} {rng.choice(_NUMERALS)} of {_name(rng)}"
        for _ in range(count // 16 + 50)
    ]
    weights = [w for w, *_ in _TEMPLATES]
    told: list[tuple[str, list[str], dt.date, str]] = []
    events = []
    for i in range(count):
        if told and rng.random() < 0.04:
            title, actors, day, how = rng.choice(told)
            title = _retold(title, rng)
            actors = actors[: rng.randint(max(len(actors) - 1, 0), len(actors))]
        else:
            _, pattern, who, how = rng.choices(_TEMPLATES, weights)[0]
            country, enemy = rng.sample(_COUNTRIES, 2)
            fill = {
                "place": rng.choice(places),
                "person": rng.choice(people),
                "other": rng.choice(people),
                "country": country,
                "enemy": enemy,
            } | {key: rng.choice(values) for key, values in _FILLERS.items()}
            title = pattern.format(**fill)
            words = who.split()
            if words[:1] == ["countries"] or words[1:2] == ["countries"]:
                picks = int(words[-1])
                words = words[: words.index("countries")]
                actors = [fill[w] for w in words]
                actors += sorted({rng.choices(_COUNTRIES, _ZIPF)[0] for _ in range(picks)})
            else:
                actors = [fill[w] for w in words]
            day = _day(rng)
            told.append((title, actors, day, how))
        start, end = _historical_date(day, how, rng)
        events.append(Event(id=f"event-{i}", title=title, start=start, end=end, actors=actors))
    return events
