"""Queries over a timeline: by date range, by actors/places/tags/kind/status, text, duplicates.

Names and words are compared as `fold` gives them: case-folded (``Sweden``, ``SWEDEN`` and
``sweden`` are one name; ``Straße`` is ``strasse``) and without accents (``Ségur`` is
``Segur``). Accents are the marks Unicode's compatibility decomposition (NFKD) separates from
their letter (é, ö, å, ñ, ç, ő); letters that are letters of their own (ø, ł, đ, æ, ı) are
kept, and nothing is transliterated (``Бородино`` is not ``Borodino``).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Final, Literal

import attrs

from timeline.dates import FuzzyDate
from timeline.errors import QueryError, shorten
from timeline.model import Event, Status

__all__ = ["DuplicateCandidate", "between", "fold", "likely_duplicates", "matches", "searcher"]

DateLike = FuzzyDate | _dt.date | str | None
_WORD: Final = re.compile(r"[a-z0-9]+")
_TOKEN: Final = re.compile(r"\w+")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text as every query compares it: case-folded and without accents.

    Unicode's caseless matching (NFKD, case fold, NFKD) with the combining marks dropped, so
    "Moskva" matches "moskva" and "Ségur" matches "SEGUR".

    >>> fold("Ségur"), fold("MOSKVA"), fold("Straße"), fold("Łódź")
    ('segur', 'moskva', 'strasse', 'łodz')
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _as_date(value: DateLike, name: str) -> FuzzyDate | None:
    if value is None or isinstance(value, FuzzyDate):
        return value
    if isinstance(value, _dt.date):
        return FuzzyDate.from_bounds(value, value)
    if isinstance(value, str):
        return FuzzyDate.parse(value)
    raise QueryError(f"{name} must be a date, a date text or None, got {shorten(value)}")


def between(
    events: Iterable[Event],
    start: DateLike,
    end: DateLike,
    mode: Literal["overlaps", "within"] = "overlaps",
) -> list[Event]:
    """Events that may overlap (``overlaps``) or certainly lie within (``within``) a range.

    The range runs from the first day of ``start`` to the last day of ``end``; ``None`` is
    open. ``overlaps`` keeps an event whose outer bounds touch the range at all; ``within``
    only one whose outer bounds both lie inside it (an open-ended event never does).
    """
    if mode not in ("overlaps", "within"):
        raise QueryError(f"unknown mode {shorten(mode)}; expected 'overlaps' or 'within'")
    lo_date, hi_date = _as_date(start, "start"), _as_date(end, "end")
    lo = lo_date.earliest if lo_date is not None else None
    hi = hi_date.latest if hi_date is not None else None
    if lo is not None and hi is not None and hi < lo:
        raise QueryError(f"the range ends ({hi}) before it starts ({lo})")
    chosen = []
    for event in events:
        e_lo, e_hi = event.earliest, event.latest
        if mode == "overlaps":
            keep = (hi is None or e_lo is None or e_lo <= hi) and (
                lo is None or e_hi is None or e_hi >= lo
            )
        else:
            keep = (lo is None or (e_lo is not None and e_lo >= lo)) and (
                hi is None or (e_hi is not None and e_hi <= hi)
            )
        if keep:
            chosen.append(event)
    return chosen


def _wanted(name: str, value: str | Iterable[str] | None) -> frozenset[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    names = list(items) if isinstance(items, Iterable) else None
    if names is None or not all(isinstance(v, str) for v in names):
        raise QueryError(f"{name} must be a name or a list of names, got {shorten(value)}")
    return frozenset(fold(v) for v in names)


def matches(
    predicate: Callable[[Event], bool] | None = None,
    *,
    actors: str | Iterable[str] | None = None,
    places: str | Iterable[str] | None = None,
    tags: str | Iterable[str] | None = None,
    kind: str | Iterable[str] | None = None,
    status: Status | str | Iterable[Status | str] | None = None,
) -> _Filter:
    """A predicate for `Timeline.filter`: every given criterion must hold (any of its values).

    Actors, places, tags and kind match case- and accent-insensitively (see `fold`);
    ``predicate``, a function of an event, must also return true.

    >>> from timeline import Event
    >>> keep = matches(actors="segur", predicate=None)
    >>> keep(Event(id="x", title="X", start="1812", actors=["Philippe-Paul de Ségur"]))
    False
    >>> keep(Event(id="x", title="X", start="1812", actors=["Ségur"]))
    True
    """
    if predicate is not None and not callable(predicate):
        raise QueryError(
            f"a filter predicate must be a function of an event, got {shorten(predicate)}"
        )
    statuses: frozenset[Status] | None = None
    if status is not None:
        items = [status] if isinstance(status, str | Status) else list(status)
        try:
            statuses = frozenset(Status(s) for s in items)
        except (ValueError, TypeError):
            expected = ", ".join(repr(s.value) for s in Status)
            raise QueryError(f"unknown status in {shorten(items)}; expected {expected}") from None
    return _Filter(
        _wanted("actors", actors),
        _wanted("places", places),
        _wanted("tags", tags),
        _wanted("kind", kind),
        statuses,
        predicate,
    )


def _any_of(wanted: frozenset[str], names: Iterable[str]) -> bool:
    return any(fold(name) in wanted for name in names)


@attrs.frozen
class _Filter:
    actors: frozenset[str] | None
    places: frozenset[str] | None
    tags: frozenset[str] | None
    kinds: frozenset[str] | None
    statuses: frozenset[Status] | None
    predicate: Callable[[Event], bool] | None = None

    def __call__(self, event: Event) -> bool:
        return (
            (self.actors is None or _any_of(self.actors, event.actors))
            and (self.places is None or _any_of(self.places, event.places))
            and (self.tags is None or _any_of(self.tags, event.tags))
            and (self.kinds is None or fold(event.kind) in self.kinds)
            and (self.statuses is None or event.status in self.statuses)
            and (self.predicate is None or bool(self.predicate(event)))
        )


def _texts(event: Event) -> Iterable[str]:
    yield event.title
    yield event.description
    yield event.note
    for citation in event.citations:
        yield citation.wording


def searcher(text: str) -> Callable[[Iterable[Event]], bool]:
    """A predicate for `Timeline.search`: whether an event (given as its versions) has every
    word of ``text``.

    A word of the query matches a word of the event's titles, descriptions, notes or citation
    wordings (of any of its versions) that begins with it, compared as `fold` gives them:
    "treat" finds "Treaty" and "treaties", "moskva" finds "Moskva", "reaty" finds nothing. Words
    are runs of letters and digits. Every word must match, each anywhere in those texts.

    >>> from timeline import Event
    >>> has = searcher("battle MOSKVA")
    >>> has([Event(id="x", title="Battle of the Moskva", start="7 September 1812")])
    True
    >>> has([Event(id="x", title="Battle of Borodino", start="7 September 1812")])
    False
    """
    if not isinstance(text, str):
        raise QueryError(f"search text must be a string, got {shorten(text)}")
    wanted = tuple(dict.fromkeys(_TOKEN.findall(fold(text))))
    if not wanted:
        raise QueryError(f"search text {shorten(text)} has no words (letters or digits)")

    def has(versions: Iterable[Event]) -> bool:
        words = {w for v in versions for t in _texts(v) if t for w in _TOKEN.findall(fold(t))}
        return all(any(w.startswith(q) for w in words) for q in wanted)

    return has


@attrs.frozen
class DuplicateCandidate:
    """Two events with different ids that may describe the same thing; never merged by itself.

    ``score`` is between 0 and 1; ``reason`` says what is alike.
    """

    first: str
    second: str
    score: float
    reason: str


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


# How `likely_duplicates` finds its pairs without comparing every pair, and why it finds them all
#
# For a pair a, b (a before b in `Event.sort_key` order): Wa, Wb are their title words (`_words`),
# Ka, Kb their sets of actors; J = |Wa & Wb| / |Wa | Wb| (0 if both are empty), A the same for
# actors, C the difflib ratio of the lower-cased titles (0 <= C <= 1). The score is
# round(s, 3) with s = 0.6 * (J + C) / 2 + 0.4 * A = 0.3 J + 0.3 C + 0.4 A.
#
# 1. A pair at or above the threshold T has 0.3 J + 0.4 A > R := T - 0.3 - _SLACK.
#    round(s, 3) >= T gives s >= T - 0.0005 (less a float error of about 1e-16), and C <= 1.
#    If R <= 0 (T <= 0.301) a pair sharing no word and no actor can still reach T on its
#    characters alone (0.3 C), so every pair whose dates overlap is compared, as the brute force
#    always did (quadratic). Otherwise every pair returned shares a token: a title word or an
#    actor (an actor never matches a word, even one spelt alike).
# 2. Tokens are ranked in one order over all events (the rarest first). Let t be the first token
#    in that order that a and b share; every shared token is t or after it. With rw_x(t) and
#    ra_x(t) the numbers of x's words and actors at or after t, the shared words kw are at most
#    mw = min(rw_a(t), rw_b(t)), the shared actors ka at most ma = min(ra_a(t), ra_b(t)), and as
#    k / (n - k) grows with k:
#        0.3 J + 0.4 A <= 0.3 mw / (|Wa| + |Wb| - mw) + 0.4 ma / (|Ka| + |Kb| - ma) =: B(a, b, t)
#    (a term is 0 when its m is 0). B depends on each event only through its signature at t,
#    (|W|, |K|, rw(t), ra(t)). So for a pair returned, B(a, b, t) > R.
# 3. B(a, b, t) <= 0.3 rw_a(t) / |Wa| + 0.4 ra_a(t) / |Ka| =: tail_a(t) (|Wa| + |Wb| - mw >= |Wa|),
#    and the same for b. tail shrinks along the order, so the tokens with tail >= R are a prefix
#    of each event's tokens; an event is filed only under those. By 2, t is in the prefix of both.
# 4. Events are swept in order. Each looks among the earlier events filed under its prefix tokens,
#    group by group (one group per token and signature), skipping a whole group whose B < R,
#    then files itself. By 2 and 3, when b is swept, a is in a group of t that is not skipped.
# 5. Dates: the order is by earliest bound, open first. A filed event a is dropped once
#    a.latest < b.earliest for the event b being swept: every later b' has b'.earliest >=
#    b.earliest > a.latest, and the brute force skips (a, b') too (its `break`). So a is still
#    filed when its pair is due; `_Scorer` then tests both ends as the brute force does.
# 6. Every pair found goes through `_Scorer`, the brute force's own test and score. Before the
#    costly ratio it tries two upper bounds on C, both difflib's own (2 M / (len a + len b) with
#    M the characters matched): M <= the shorter title's length, and M <= the characters the
#    titles have in common in any order (`quick_ratio`). It skips a pair only if the score's
#    own float formula, given a bound, is below T: float +, * and / by positive numbers and
#    round are monotone, so the score itself is below too.
# 7. Results are sorted by (-score, first, second), ties in the brute force's loop order.
#
# Float errors in all this (about 1e-16) lie far inside the 0.0005 that _SLACK leaves.
#
# Cost: sorting and ranking (n log n); one look-up per prefix token and group; the pairs met in
# groups not skipped whose dates overlap (a set operation each), and a ratio for those whose
# bounds reach T. The least it can be is the events plus the pairs returned, and it stays within
# a small factor of that on the benchmark's historical titles (at 10,000 events: 155,000 pairs
# met, 29,000 ratios, 22,000 pairs returned; group skipping spared 238,000 more meetings).
# Common words are no special case: "battle" and "of" alone give "Battle of X" and "Battle of
# Y" a bound of 0.15, so their groups are skipped unless an actor can add enough. The answer
# itself can grow as n^2: same-pattern titles sharing one or two actors reach 0.5 whenever their
# dates overlap, and open or wide dates overlap much. So can the work when many events whose
# dates overlap share a token that keeps B >= R without reaching T (worst case: quadratic).
_SLACK: Final = 0.001
"""Kept below the threshold for rounding to 3 decimals (0.0005) and float error (about 1e-16)."""
_CHARS_AT_MOST: Final = 0.3
"""What title characters alone add to a score (0.6 * C / 2 with C <= 1)."""


@attrs.frozen
class _Features:
    """What the score reads of one event, computed once instead of once per pair."""

    words: frozenset[str]
    actors: frozenset[str]
    lowered: str
    earliest: float
    latest: float

    @classmethod
    def of(cls, event: Event) -> _Features:
        lo, hi = event.earliest, event.latest
        return cls(
            frozenset(_words(event.title)),
            frozenset(event.actors),
            event.title.lower(),
            -float("inf") if lo is None else lo.toordinal(),
            float("inf") if hi is None else hi.toordinal(),
        )


class _Scorer:
    """The brute force's test and score of a pair of ``ordered`` (i before j); what depends on
    one event alone (its words, date label, the matcher's table of the later title) is kept."""

    def __init__(
        self, ordered: Sequence[Event], features: Sequence[_Features], threshold: float
    ) -> None:
        self.ordered, self.features, self.threshold = ordered, features, threshold
        self._labels: dict[int, str] = {}
        # set_seq1 and set_seq2 skip the work when given the string they already hold, so pairs
        # that come grouped by their later event index its title once: same ratio as a new one
        self._matcher = difflib.SequenceMatcher(None, "", "")

    def _label(self, i: int) -> str:
        label = self._labels.get(i)
        if label is None:
            label = self._labels[i] = self.ordered[i].date_label()
        return label

    def _below(self, jaccard: float, chars: float, actors: float) -> bool:
        """Whether the score with this character likeness is below the threshold. The score's
        own float formula: given an upper bound on the likeness, it bounds the score (see 6)."""
        return round(0.6 * ((jaccard + chars) / 2) + 0.4 * actors, 3) < self.threshold

    def __call__(self, i: int, j: int) -> DuplicateCandidate | None:
        a, b, fa, fb = self.ordered[i], self.ordered[j], self.features[i], self.features[j]
        if fb.earliest > fa.latest or fb.latest < fa.earliest:
            return None
        if b.id in a.same_as or a.id in b.same_as:
            return None
        # the brute force's len(x & y) / len(x | y) if x | y else 0.0, without building x | y
        common = len(fa.words & fb.words)
        union = len(fa.words) + len(fb.words) - common
        jaccard = common / union if union else 0.0
        common = len(fa.actors & fb.actors)
        union = len(fa.actors) + len(fb.actors) - common
        actors = common / union if union else 0.0
        length = len(fa.lowered) + len(fb.lowered)
        shorter = 2.0 * min(len(fa.lowered), len(fb.lowered)) / length if length else 1.0
        if self._below(jaccard, shorter, actors):
            return None  # even if every character of the shorter title matched
        matcher = self._matcher
        matcher.set_seq2(fb.lowered)
        matcher.set_seq1(fa.lowered)
        if self._below(jaccard, matcher.quick_ratio(), actors):
            return None  # even if every character they have in common matched, in any order
        chars = matcher.ratio()
        title = (jaccard + chars) / 2
        score = round(0.6 * title + 0.4 * actors, 3)
        if not score >= self.threshold:
            return None
        names = ", ".join(sorted(fa.actors & fb.actors)) or "none"
        reason = (
            f"titles {title:.0%} alike; shared actors: {names}; "
            f"dates overlap ({self._label(i)} / {self._label(j)})"
        )
        first, second = sorted((a.id, b.id))
        return DuplicateCandidate(first, second, score, reason)


def _overlapping_pairs(features: Sequence[_Features]) -> Iterable[tuple[int, int]]:
    """Every pair (i, j), i < j, whose dates may overlap; ``features`` sorted by earliest."""
    for i, a in enumerate(features):
        for j in range(i + 1, len(features)):
            if features[j].earliest > a.latest:
                break  # sorted by earliest: no later event can overlap a
            yield i, j


_Signature = tuple[int, int, int, int]
"""An event at one of its tokens: its numbers of words and actors, and of those at or after it."""


def _bound(x: _Signature, y: _Signature) -> float:
    """B of the proof above: what 0.3 J + 0.4 A can reach for a pair whose first shared token
    is the one these signatures were taken at."""
    words = min(x[2], y[2])
    actors = min(x[3], y[3])
    jaccard = words / (x[0] + y[0] - words) if words else 0.0
    return 0.3 * jaccard + 0.4 * (actors / (x[1] + y[1] - actors) if actors else 0.0)


def _prefixes(features: Sequence[_Features], least: float) -> list[list[tuple[int, _Signature]]]:
    """Each event's prefix tokens (as ranks, the rarest first) with its signature at each."""
    counts: dict[tuple[bool, str], int] = {}
    for f in features:
        for key in itertools.chain(((False, w) for w in f.words), ((True, a) for a in f.actors)):
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(counts, key=lambda key: (counts[key], key))
    rank = {key: r for r, key in enumerate(ranked)}
    prefixes = []
    for f in features:
        tokens = sorted(
            [(rank[False, w], False) for w in f.words] + [(rank[True, a], True) for a in f.actors]
        )
        n_words, n_actors = len(f.words), len(f.actors)
        words_after = actors_after = 0
        prefix: list[tuple[int, _Signature]] = []
        for token, is_actor in reversed(tokens):
            actors_after += is_actor
            words_after += not is_actor
            tail = (0.3 * words_after / n_words if n_words else 0.0) + (
                0.4 * actors_after / n_actors if n_actors else 0.0
            )
            if tail >= least:
                prefix.append((token, (n_words, n_actors, words_after, actors_after)))
        prefixes.append(prefix)
    return prefixes


def _indexed_pairs(features: Sequence[_Features], least: float) -> Iterable[tuple[int, int]]:
    """Every pair (i, j), i < j, whose 0.3 J + 0.4 A can exceed ``least`` (> 0) and whose dates
    may overlap, and some others; ``features`` sorted by earliest (see the proof above)."""
    index: dict[int, dict[_Signature, list[int]]] = {}
    for j, (f, prefix) in enumerate(zip(features, _prefixes(features, least), strict=True)):
        met: set[int] = set()
        for token, signature in prefix:
            groups = index.setdefault(token, {})
            for theirs, members in groups.items():
                if _bound(signature, theirs) < least:
                    continue
                alive = [i for i in members if features[i].latest >= f.earliest]
                if len(alive) < len(members):
                    members[:] = alive  # they end before f begins: before every later one too
                met.update(alive)
            groups.setdefault(signature, []).append(j)
        for i in sorted(met):
            yield i, j


def likely_duplicates(
    events: Sequence[Event], *, threshold: float = 0.5
) -> list[DuplicateCandidate]:
    """Pairs of events whose titles, actors and dates suggest they are the same event.

    The score weighs title likeness (0.6: the mean of word overlap and character likeness) and
    shared actors (0.4); only pairs whose dates overlap are considered. Pairs at or above
    ``threshold`` are returned, best first. Events already joined (``same_as``) are skipped.

    Above a threshold of 0.301 only pairs that share a title word or an actor can reach it, and
    an index of those finds them without comparing every pair: on realistic data the time
    follows the events plus the pairs returned. At 0.301 or below every pair whose dates
    overlap is compared (quadratic). The result is the same either way.

    >>> from timeline import Event
    >>> found = likely_duplicates([
    ...     Event(id="a", title="Treaty of Saint Petersburg", start="1875", actors=["Japan"]),
    ...     Event(id="b", title="Saint Petersburg treaty", start="May 1875", actors=["Japan"]),
    ...     Event(id="c", title="Russo-Japanese War", start="1904", actors=["Japan"])])
    >>> [(c.first, c.second, c.score) for c in found]
    [('a', 'b', 0.821)]
    """
    ordered = sorted(events, key=Event.sort_key)
    features = [_Features.of(e) for e in ordered]
    least = threshold - _CHARS_AT_MOST - _SLACK
    pairs = _indexed_pairs(features, least) if least > 0 else _overlapping_pairs(features)
    scored = _Scorer(ordered, features, threshold)
    found = []
    for i, j in pairs:
        candidate = scored(i, j)
        if candidate is not None:
            found.append((i, j, candidate))
    found.sort(key=lambda x: (-x[2].score, x[2].first, x[2].second, x[0], x[1]))
    return [candidate for _, _, candidate in found]
