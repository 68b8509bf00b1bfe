"""Likely duplicates: the candidate index returns exactly what comparing every pair returned."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.duplicates_reference import brute_force_duplicates
from tests.strategies import duplicate_prone_events
from timeline import Event
from timeline.query import likely_duplicates

thresholds = st.one_of(
    # around the 0.301 switch from comparing every pair to the index, and the default
    st.sampled_from([0.0, 0.225, 0.3, 0.3005, 0.301, 0.3011, 0.35, 0.45, 0.5, 0.6, 0.61, 1.0]),
    st.floats(min_value=-0.1, max_value=1.1),
)


@settings(max_examples=400)
@given(st.lists(duplicate_prone_events(), max_size=24), thresholds)
def test_likely_duplicates_equal_every_pair_compared(events: list[Event], threshold: float) -> None:
    """Same pairs, scores, reasons and order as the brute force, at every threshold."""
    assert likely_duplicates(events, threshold=threshold) == brute_force_duplicates(
        events, threshold=threshold
    )


def test_titles_alike_in_characters_only_are_compared_below_0_301() -> None:
    # no shared word, no actor: J = 0, A = 0, C = 2 * 3 / 8, so the score is 0.6 * 0.75 / 2
    a = Event(id="a", title="abcd", start="1812")
    b = Event(id="b", title="abce", start="1812")
    (found,) = likely_duplicates([a, b], threshold=0.225)
    assert (found.first, found.second, found.score) == ("a", "b", 0.225)
    assert likely_duplicates([a, b], threshold=0.226) == []


def test_a_common_word_alone_does_not_make_a_pair() -> None:
    # "battle" and "of" shared, one actor each: J = 2/4, A = 0; C <= 1 caps it at 0.45 < 0.5
    wide = [
        Event(id=f"w{i}", title=f"Battle of Place{i}", start="../1900", actors=[f"A{i}"])
        for i in range(50)
    ]
    one = Event(id="x", title="Battle of Borodino", start="7 September 1812", actors=["Russia"])
    again = Event(id="y", title="Borodino, battle of", start="1812", actors=["Russia"])
    (found,) = likely_duplicates([*wide, one, again])
    assert (found.first, found.second) == ("x", "y")
