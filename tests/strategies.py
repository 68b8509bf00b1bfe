"""Hypothesis strategies shared by the tests: date texts of every form, events, timelines."""

from __future__ import annotations

import calendar as _calendar

import attrs
from hypothesis import strategies as st

from timeline import Citation, Event, FuzzyDate, Source, Status, Timeline
from timeline.dates import Fuzziness
from timeline.model import Resolution

MONTH_NAMES = [_calendar.month_name[m] for m in range(1, 13)]

years = st.integers(min_value=1500, max_value=2030)
months = st.integers(min_value=1, max_value=12)
qualifiers = st.sampled_from(["", "?", "~", "%"])


@st.composite
def days(draw: st.DrawFn) -> tuple[int, int, int]:
    """A valid Gregorian (year, month, day)."""
    year, month = draw(years), draw(months)
    day = draw(st.integers(1, _calendar.monthrange(year, month)[1]))
    return year, month, day


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """One EDTF level 0/1 date (not an interval), qualifiers and unspecified digits included."""
    year, month, day = draw(days())
    form = draw(
        st.sampled_from(["day", "month", "year", "decade", "century", "season", "xmonth", "xday"])
    )
    text = {
        "day": f"{year:04d}-{month:02d}-{day:02d}",
        "month": f"{year:04d}-{month:02d}",
        "year": f"{year:04d}",
        "decade": f"{year // 10:03d}X",
        "century": f"{year // 100:02d}XX",
        "season": f"{year:04d}-{draw(st.integers(21, 24))}",
        "xmonth": f"{year:04d}-XX",
        "xday": f"{year:04d}-{month:02d}-XX",
    }[form]
    return text + draw(qualifiers)


@st.composite
def edtf_texts(draw: st.DrawFn) -> str:
    """An EDTF date or interval (with open ends); intervals are ordered."""
    first = draw(edtf_dates())
    if draw(st.booleans()):
        return first
    second = draw(edtf_dates())
    a, b = FuzzyDate.parse(first, form="edtf"), FuzzyDate.parse(second, form="edtf")
    assert a.core_earliest is not None and b.core_earliest is not None
    if b.core_earliest < a.core_earliest:
        first, second = second, first
    a, b = FuzzyDate.parse(first, form="edtf"), FuzzyDate.parse(second, form="edtf")
    assert a.core_earliest is not None and b.core_latest is not None
    if b.core_latest < a.core_earliest:  # first lies inside second: make an open interval
        return f"{first}/.."
    return draw(st.sampled_from([f"{first}/{second}", f"../{second}", f"{first}/.."]))


@st.composite
def phrase_texts(draw: st.DrawFn) -> str:
    """An English date phrase of one of the documented forms."""
    year, month, day = draw(days())
    name = MONTH_NAMES[month - 1]
    century = year // 100 + 1
    forms = [
        f"{day} {name} {year}",
        f"{name} {day}, {year}",
        f"{name} {year}",
        f"{draw(st.sampled_from(['spring', 'summer', 'autumn', 'winter']))} {year}",
        f"{draw(st.sampled_from(['early ', 'mid-', 'late ']))}{year}",
        f"the {year // 10 * 10}s",
        f"{draw(st.sampled_from(['early', 'mid', 'late']))} {century}th century",
        f"{century}th century",
        f"{draw(st.sampled_from(['circa', 'c.', 'about', 'probably']))} {year}",
        f"before {year}",
        f"after {year}",
        f"between {year} and {year + draw(st.integers(0, 20))}",
        f"{min(day, 28)} {name} {year} O.S.",
    ]
    return draw(st.sampled_from(forms))


date_texts = st.one_of(edtf_texts(), phrase_texts())
fuzzinesses = st.sampled_from(
    [None, Fuzziness(year=(24, 0)), Fuzziness(day=(0, 10), month=(2, 0)), Fuzziness(decade=(0, 0))]
)
"""No fuzziness (the default) or one of a few others."""
fuzzy_dates = st.one_of(
    st.builds(lambda t, f: FuzzyDate.parse(t, form="edtf", fuzziness=f), edtf_texts(), fuzzinesses),
    st.builds(lambda t, f: FuzzyDate.parse(t, fuzziness=f), phrase_texts(), fuzzinesses),
)

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=30)
short_lists = st.lists(st.sampled_from(["Russia", "Japan", "China", "USA", "Kurils"]), max_size=3)


@st.composite
def sources(draw: st.DrawFn, ident: str) -> Source:
    """A source with this id; its published date may be missing."""
    published = draw(st.none() | fuzzy_dates)
    return Source(
        id=ident,
        title=draw(words),
        publisher=draw(words),
        published=published,
        url=draw(st.none() | st.just("https://example.org/a")),
        kind=draw(st.sampled_from(["", "news article", "reference work"])),
        rank=draw(st.integers(0, 2)),
        language=draw(st.sampled_from(["en", "pt", "ru", "ja", "pt-BR"])),
    )


@st.composite
def events(draw: st.DrawFn, ident: str, source_ids: list[str]) -> Event:
    """An event with this id citing some of these sources; its dates are consistent."""
    start = draw(fuzzy_dates)
    end = None
    shape = draw(st.sampled_from(["instant", "span", "span", "ongoing"]))
    if shape == "ongoing":  # still going on: an end open at both sides
        end = FuzzyDate.parse("ongoing")
    elif shape == "span":
        candidate = draw(fuzzy_dates)
        lo, hi = start.earliest, candidate.latest
        if lo is None or hi is None or hi >= lo:
            end = candidate
    cited = draw(st.lists(st.sampled_from(source_ids), max_size=3)) if source_ids else []
    return Event(
        id=ident,
        title=draw(words),
        start=start,
        end=end,
        description=draw(words),
        kind=draw(st.sampled_from(["", "war", "treaty"])),
        actors=draw(short_lists),
        places=draw(short_lists),
        tags=draw(short_lists),
        status=draw(st.sampled_from(list(Status))),
        citations=[Citation(source=s, locator=draw(words), wording=draw(words)) for s in cited],
        note=draw(words),
    )


@st.composite
def timelines(draw: st.DrawFn, max_events: int = 8) -> Timeline:
    """A valid timeline: unique ids, every citation resolving."""
    source_ids = draw(st.lists(slugs, max_size=3, unique=True))
    event_ids = draw(st.lists(slugs, max_size=max_events, unique=True))
    return Timeline(
        [draw(events(i, source_ids)) for i in event_ids],
        [draw(sources(i)) for i in source_ids],
    )


SHARED_SOURCES = [
    Source(id="article", title="Article", published=FuzzyDate.parse("2023-03-22/2023-04-30")),
    Source(id="record", title="Record", kind="reference work"),
]
SHARED_IDS = ["a", "b", "c", "d"]
RANKED_SOURCES = [
    Source(id="article", title="Article", published=FuzzyDate.parse("2023-03-22/2023-04-30")),
    Source(id="record", title="Record", kind="reference work", rank=2),
    Source(id="annals", title="Annals", kind="reference work", rank=2),
]
"""Shared sources with ranks: the record and the annals outrank the article, and tie."""


@st.composite
def resolutions(draw: st.DrawFn) -> Resolution:
    """A resolution of a shared event's field, with one of a few values."""
    field = draw(st.sampled_from(["title", "kind", "status", "start", "end"]))
    value = {
        "title": st.sampled_from(["Treaty", "Exchange"]),
        "kind": st.sampled_from(["war", "treaty"]),
        "status": st.sampled_from(["reported", "disputed"]),
        "start": st.sampled_from(["1875", "1600/1700"]),
        "end": st.sampled_from(["1880", "1990/2000"]),
    }[field]
    return Resolution(
        event=draw(st.sampled_from(SHARED_IDS)),
        field=field,
        value=draw(value),
        reason=draw(st.sampled_from(["the record is better evidence", "a later edition"])),
        by=draw(st.sampled_from(["ed.", "a reviewer"])),
    )


@st.composite
def overlapping_timelines(
    draw: st.DrawFn, shared: list[Source] = SHARED_SOURCES, judged: bool = False
) -> Timeline:
    """A timeline over a small pool of ids and ``shared`` sources, so that merges of several
    such timelines join events and meet conflicts (dates, titles, statuses); ``judged`` adds
    resolutions."""
    ids = draw(st.lists(st.sampled_from(SHARED_IDS), unique=True, max_size=4))
    source_ids = [s.id for s in shared]
    chosen = []
    for ident in ids:
        event = draw(events(ident, source_ids))
        title = draw(st.sampled_from(["Treaty", "Exchange", "War"]))
        same_as = draw(st.lists(st.sampled_from(SHARED_IDS), max_size=1))
        chosen.append(attrs.evolve(event, title=title, same_as=[s for s in same_as if s != ident]))
    decided = draw(st.lists(resolutions(), max_size=2)) if judged else []
    return Timeline(chosen, shared, resolutions=decided)


judged_timelines = overlapping_timelines(RANKED_SOURCES, judged=True)
"""Overlapping timelines whose sources are ranked and that carry resolutions."""


# Titles, actors and dates from small pools, so that likely duplicates happen: shared words
# (common and rare), near spellings with no shared word ("Borodino", "Borodina"), words run
# together, accents and letters whose lower case is longer ("İstanbul"), open and wide dates.
TITLE_WORDS = [
    "Battle", "battle", "of", "the", "Treaty", "Siege", "Borodino", "Borodina", "Petersburg",
    "Petersberg", "Saint", "St.", "Ségur", "Segur", "İstanbul", "War", "1812", "Moskva",
]  # fmt: skip
ACTOR_NAMES = ["Russia", "russia", "France", "Japan", "Sweden", "battle"]
DUPLICATE_DATES = [
    "1812", "1812~", "September 1812", "7 September 1812", "1810/1815", "../1812", "1812/..",
    "1811", "1813", "the 1810s", "19th century", "early 19th century", "1700/..", "../1700",
]  # fmt: skip


@st.composite
def duplicate_prone_events(draw: st.DrawFn) -> Event:
    """An event from the small pools above; its id from a few (two events may share one)."""
    ident = draw(st.sampled_from([*SHARED_IDS, "e", "f"]))
    words = draw(st.lists(st.sampled_from(TITLE_WORDS), max_size=5))
    title = draw(st.sampled_from([" ", ", ", "-", ""])).join(words)
    start = FuzzyDate.parse(draw(st.sampled_from(DUPLICATE_DATES)))
    end = FuzzyDate.parse(draw(st.sampled_from(DUPLICATE_DATES))) if draw(st.booleans()) else None
    if end is not None and None not in (start.earliest, end.latest):
        assert start.earliest is not None and end.latest is not None
        end = end if end.latest >= start.earliest else None
    same_as = draw(st.lists(st.sampled_from(SHARED_IDS), max_size=1))
    return Event(
        id=ident,
        title=title,
        start=start,
        end=end,
        actors=draw(st.lists(st.sampled_from(ACTOR_NAMES), max_size=3)),
        same_as=[s for s in same_as if s != ident],
    )
