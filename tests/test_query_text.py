"""Queries people expect: names whatever their case and accents, text search, predicates.

The data is a campaign of another period than the project's own (Napoleon's invasion of
Russia, 1812), with French and Russian names, accents and an Old Style date.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import timeline
from timeline import Event, QueryError, Timeline
from timeline.query import fold

CAMPAIGN_1812 = """
[[sources]]
id = "segur-1824"
title = "Histoire de Napoléon et de la Grande Armée pendant l'année 1812"
publisher = "Baudouin frères"
published = "1824"

[[sources]]
id = "tarle-1938"
title = "Nashestvie Napoleona na Rossiyu"
published = "1938"

[[events]]
id = "niemen-crossing"
title = "The Grande Armée crosses the Niemen"
start = "24 June 1812"
kind = "Invasion"
actors = ["Napoléon Bonaparte", "Grande Armée"]
places = ["Kovno", "Niemen"]
tags = ["Campagne de Russie"]

[[events.citations]]
source = "segur-1824"
locator = "livre IV"
wording = "le 24 juin"

[[events]]
id = "smolensk"
title = "Battle of Smolensk"
start = "16 August 1812"
end = "18 August 1812"
kind = "battle"
actors = ["Napoléon Bonaparte", "Barclay de Tolly", "Bagration"]
places = ["Smolensk"]

[[events]]
id = "borodino"
title = "Battle of Borodino"
start = { text = "26 August 1812", calendar = "julian" }
kind = "Battle"
description = "The bloodiest day of the campaign, west of Mozhaysk."
note = "The French call it the battle of the Moskva (la Moskowa)."
actors = ["Napoléon Bonaparte", "Mikhaïl Koutouzov", "Michel Ney"]
places = ["Borodino", "Moskva"]
tags = ["campagne de Russie"]

[[events.citations]]
source = "segur-1824"
locator = "livre VII, chapitre XI"
wording = "la bataille de la Moskowa"

[[events.citations]]
source = "tarle-1938"
wording = "26 августа"

[[events]]
id = "moscow-fire"
title = "Moscow burns"
start = "14 September 1812"
end = "18 September 1812"
kind = "fire"
actors = ["Fiodor Rostoptchine"]
places = ["Moscou", "Moskva"]

[[events]]
id = "berezina"
title = "Crossing of the Bérézina"
start = "26 November 1812"
end = "29 November 1812"
kind = "Battle"
actors = ["Napoléon Bonaparte", "Pavel Tchitchagov", "Général Éblé"]
places = ["Bérézina", "Studianka"]
tags = ["Campagne de Russie", "retreat"]

[[events.citations]]
source = "segur-1824"
locator = "livre XI"
wording = "passage de la Bérézina"
"""


def campaign() -> Timeline:
    return timeline.loads(CAMPAIGN_1812, name="1812.toml")


def ids(tl: Timeline) -> list[str]:
    return [e.id for e in tl]


def test_an_old_style_date_of_another_period_reads_as_its_gregorian_day() -> None:
    tl = campaign()
    assert str(tl["borodino"].earliest) == "1812-09-07"
    assert ids(tl.between("7 September 1812", "7 September 1812")) == ["borodino"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"actors": "napoléon bonaparte"}, ["niemen-crossing", "smolensk", "borodino", "berezina"]),
        ({"actors": "NAPOLEON BONAPARTE", "kind": "battle"}, ["smolensk", "borodino", "berezina"]),
        ({"actors": "mikhail koutouzov"}, ["borodino"]),  # ï is i with a diaeresis
        ({"actors": "general eble"}, ["berezina"]),
        ({"places": "berezina"}, ["berezina"]),
        ({"places": "MOSKVA"}, ["borodino", "moscow-fire"]),
        ({"tags": "campagne de russie"}, ["niemen-crossing", "borodino", "berezina"]),
        ({"kind": "invasion"}, ["niemen-crossing"]),
        ({"kind": ["FIRE", "invasion"]}, ["niemen-crossing", "moscow-fire"]),
        ({"actors": "Koutouzov"}, []),  # a name matches whole, not a part of it
    ],
)
def test_filter_matches_names_whatever_their_case_and_accents(
    criteria: dict[str, Any], expected: list[str]
) -> None:
    assert ids(campaign().filter(**criteria)) == expected


def test_filter_takes_a_predicate_alone_or_with_criteria() -> None:
    tl = campaign()
    spans = tl.filter(lambda e: e.end is not None)
    assert ids(spans) == ["smolensk", "moscow-fire", "berezina"]
    assert ids(tl.filter(lambda e: e.end is not None, kind="battle")) == ["smolensk", "berezina"]
    assert isinstance(spans, Timeline) and spans.sources == tl.sources


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("borodino", ["borodino"]),
        ("BORODINO battle", ["borodino"]),
        ("moskowa", ["borodino"]),  # in Ségur's wording only
        ("bataille moskowa", ["borodino"]),
        ("Bérézina", ["berezina"]),
        ("berezina passage", ["berezina"]),
        ("grande armee", ["niemen-crossing"]),
        ("batt", ["smolensk", "borodino"]),  # a word's beginning
        ("attle", []),  # not the middle of a word
        ("bloodiest mozhaysk", ["borodino"]),  # the description
        ("августа", ["borodino"]),  # another script, as written
        ("moscow burns", ["moscow-fire"]),
        ("moscow napoleon", []),  # every word must match; actors are not searched
    ],
)
def test_search_finds_every_word_in_titles_descriptions_notes_and_wordings(
    text: str, expected: list[str]
) -> None:
    assert ids(campaign().search(text)) == expected


def test_search_reads_every_version_of_a_merged_event() -> None:
    other = timeline.loads(
        '[[events]]\nid = "borodino"\ntitle = "Bataille de la Moskova"\nstart = "1812-09-07"\n'
    )
    merged = campaign().merge(other)
    assert len(merged.versions_of("borodino")) == 2  # one title is the merged one, not both
    assert ids(merged.search("battle borodino")) == ["borodino"]
    assert ids(merged.search("moskova bataille")) == ["borodino"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda tl: tl.search(""), "has no words"),
        (lambda tl: tl.search("  -- !"), "has no words"),
        (lambda tl: tl.search(1812), "search text must be a string, got 1812"),
        (lambda tl: tl.filter(actors=3), "actors must be a name or a list of names, got 3"),
        (lambda tl: tl.filter(places=["Moskva", 3]), "got ['Moskva', 3]"),
        (lambda tl: tl.filter("battle"), "must be a function of an event, got 'battle'"),
        (lambda tl: tl.filter(status=["reported", ["claimed"]]), "unknown status"),
    ],
)
def test_bad_queries_raise_query_errors(call: Any, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        call(campaign())
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_fold_drops_case_and_accents_but_keeps_letters_of_their_own() -> None:
    assert fold("Napoléon BONAPARTE") == "napoleon bonaparte"
    assert fold("Mikhaïl Koutouzov") == "mikhail koutouzov"
    assert fold("ﬁn") == "fin"  # compatibility ligature
    assert fold("Øresund") == "øresund"


# --- laws: a case or accent variant of a name finds what the name finds

NAMES = [
    "Napoléon Bonaparte",
    "Michel Ney",
    "Mikhaïl Koutouzov",
    "Bérézina",
    "Moskva",
    "Ségur",
    "Général Éblé",
    "Eugène de Beauharnais",
    "Smolensk",
]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@st.composite
def variants(draw: st.DrawFn, name: str) -> str:
    """The name with its accents kept or dropped and each letter's case drawn."""
    text = _strip_accents(name) if draw(st.booleans()) else name
    text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if up else c.lower() for c, up in zip(text, flips, strict=True))


@st.composite
def named_events(draw: st.DrawFn) -> Timeline:
    events = []
    for i in range(draw(st.integers(1, 6))):
        chosen = draw(st.lists(st.sampled_from(NAMES), max_size=3, unique=True))
        events.append(
            Event(
                id=f"e{i}",
                title=" ".join(chosen) or "untitled",
                start=f"{1800 + i}",
                actors=chosen,
                places=chosen[:1],
                kind=chosen[0] if chosen else "",
            )
        )
    return Timeline(events)


@given(st.data(), named_events(), st.sampled_from(NAMES))
def test_a_variant_of_a_name_filters_as_the_name(
    data: st.DataObject, tl: Timeline, name: str
) -> None:
    variant = data.draw(variants(name))
    for field in ("actors", "places", "kind"):
        assert ids(tl.filter(**{field: variant})) == ids(tl.filter(**{field: name}))
    assert ids(tl.filter(actors=name)) == [e.id for e in tl if name in e.actors]


@given(st.data(), named_events(), st.sampled_from(NAMES))
def test_a_variant_of_a_word_searches_as_the_word(
    data: st.DataObject, tl: Timeline, name: str
) -> None:
    variant = data.draw(variants(name))
    found = ids(tl.search(name))
    assert ids(tl.search(variant)) == found
    assert set(ids(tl.filter(actors=name))) <= set(found)  # a title names its actors
