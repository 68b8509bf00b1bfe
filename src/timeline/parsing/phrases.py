"""English date phrases as historians and journalists write them.

A phrase is read as a table of patterns, each mapped to a small builder of a span:

* days and months: ``7 May 1875``, ``7th of May 1875``, ``May 7, 1875``, ``May 1875``,
  ``Sept. 1875``;
* seasons: ``spring 1945``, ``the summer of 1945`` (meteorological, northern: see ``season_end``);
  a winter across the turn of the year, ``winter 1709–10``, ``winter 1709–1710``,
  ``winter 1709/10``, is the winter that starts in December 1709, as ``winter 1709`` (two years
  that do not follow each other are refused);
* Russian dual-style days, Old Style with the New Style in brackets: ``1 (12) March 1700``,
  ``1 March (12 March) 1700``, ``21 December 1699 (1 January 1700)``: the Gregorian day, once the
  Julian day converted is checked to be the bracketed one (a mismatch is refused, naming both);
* years, decades, centuries: ``1875``, ``AD 1875``, ``the 1870s``, ``16th century``,
  ``the sixteenth century``, catalogue abbreviations ``16c``, ``16c.``, ``16th c.``, ``16th cent.``
  (the 16th century is 1500-1599, as "the 1500s");
* ``early``, ``mid`` (``mid-``, ``middle``) and ``late`` split a period into thirds:
  a month into days 1-10, 11-20 and 21-end; a year into January-April, May-August and
  September-December; a decade into years 0-3, 3-6 and 6-9; a century into years 00-33, 33-66
  and 66-99 (decade and century thirds share a boundary year, which belongs to both);
* halves and quarters: ``first half of the 18th century`` (1700-1749), ``second half``,
  ``first quarter of the 17th century`` (1600-1624), ``second``, ``third``, ``fourth`` or ``last
  quarter``; of a year (January-June, January-March, ...) and halves of a decade (1720-1724);
* alternatives: ``1710 or 1711``, ``5 or 6 May 1703``, ``either May or June 1703``: one of
  them, so the span that holds them all (1710-1711), with the qualifiers as written;
* qualifiers: ``circa``, ``circa.``, ``c.``, ``c``, ``ca.``, ``approx.``, ``about``, ``around``,
  ``approximately``, ``roughly``, ``... or so`` mark a date approximate (a bare ``c`` only when no
  letter follows it: ``c1625``, not ``cc 1625``); ``probably``, ``possibly``, ``perhaps``, a
  trailing ``?`` mark it uncertain (see `timeline.dates.WIDENING` for how far each widens the
  outer bounds);
* catalogue brackets (a date the cataloguer supplied) are read as the date inside them: ``[1625]``
  is 1625, ``[1625?]`` 1625?, ``[ca. 1625]`` c. 1625;
* ranges: ``between 1945 and 1947``, ``from May to August 1945``, ``1945-1947``, ``1945-47``,
  ``1945 to 1947``, ``7-9 May 1875``, ``1850s-1880s``, ``1720s–30s``, ``17th-18th century``
  (1600-1799);
  each end may carry its own qualifiers (``between c. 1945 and 1947``, ``1790-ca. 1810``).
  A qualifier before or after the whole range qualifies both ends (``c. 1945-1947``, as labels
  write it), except that a leading approximate word together with a trailing ``?`` each qualify
  the end they touch: ``c. 1790 - 1810?`` is c. 1790 to 1810?;
* open ranges: ``before 1600`` / ``earlier than 1600`` (ends the day before 1600 starts),
  ``after 1875`` / ``later than 1875`` (starts the day after 1875 ends), ``by 1600`` /
  ``no later than 1600`` / ``not after 1600`` (ends when 1600 ends), ``since 1875`` /
  ``no earlier than 1875`` / ``not before 1875`` (starts when 1875 starts), ``ongoing`` and a
  bare ``..`` (open at both ends, as EDTF's ``../..``);
* ``n.d.``, ``s.d.``, ``no date``, ``undated`` (an undated item) are refused with a DateParseError
  that says so: an unknown date is ``../..``, and an optional date can be left out;
* the Julian calendar: a trailing ``O.S.``, ``(O.S.)``, ``Old Style`` or ``Julian`` (``N.S.`` and
  ``New Style`` say Gregorian explicitly).

Text longer than `MAX_LENGTH` characters, or with phrases nested deeper than `MAX_NESTING`
("1 to 1 to 1 to ..."), is refused with a DateParseError before any work that grows faster than
the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from timeline.dates import Precision, month_length
from timeline.errors import DateParseError
from timeline.parsing._spans import (
    End,
    Span,
    century_end,
    day_end,
    decade_end,
    month_end,
    season_end,
    year_end,
)
from timeline.parsing.calendars import _to_gregorian, julian_days_in_month
from timeline.parsing.edtf import parse_edtf
from timeline.parsing.english import MONTH_NAMES

MONTHS: Final = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_SEASONS: Final = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_ORDINAL_WORDS: Final = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenty-first",
        ],
        start=1,
    )
}

_ORDINAL_ALTERNATIVES: Final = "|".join(_ORDINAL_WORDS)
_MONTH = r"(?P<mon>[a-z]+)\.?"
_YEAR = r"(?P<y>\d{1,4})"
_ORD = r"(?:st|nd|rd|th)?"

# leading words, matched from a position (so without "^", which matches only at 0)
_APPROXIMATE: Final = re.compile(
    r"(?:circa\.?|ca\.?|c\.|c(?![a-z])|about|around|approximately|approx\.?|roughly"
    r"|some\s?time around)\s*"
)
_UNCERTAIN: Final = re.compile(r"(?:probably|possibly|perhaps|likely|presumably)\s+")
_FILLER: Final = re.compile(r"(?:in|on|during|sometime in|some time in|the year)\s+")
_JULIAN: Final = re.compile(r"(?:\s+\(?|\s*\()(?:o\.\s?s\.?|os|old style|julian)\)?$")
_GREGORIAN: Final = re.compile(r"(?:\s+\(?|\s*\()(?:n\.\s?s\.?|ns|new style|gregorian)\)?$")

Builder = Callable[[re.Match[str], str, int], Span]
"""Reads a matched phrase: (match, the whole text for errors, how deeply the match is nested)."""

MAX_LENGTH: Final = 1_000
"""The longest phrase read, in characters: real dates are far shorter, and refusing longer text
at once keeps parsing any input fast."""
MAX_NESTING: Final = 4
"""How deeply phrases may sit inside one another: "before early May 1875" nests twice, and no
phrase this module reads needs more than three. Deeper text is refused, so parsing never
recurses far (nor exhausts the stack)."""


def _single(end: End) -> Span:
    return end, end


def _month(name: str, whole: str) -> int:
    number = MONTHS.get(name)
    if number is None:
        raise DateParseError(whole, f"{name!r} is not a month name")
    return number


def _day(m: re.Match[str], whole: str, _depth: int) -> Span:
    month = _month(m["mon"], whole)
    return _single(day_end(whole, int(m["y"]), month, int(m["d"])))


def _month_year(m: re.Match[str], whole: str, _depth: int) -> Span:
    return _single(month_end(whole, int(m["y"]), _month(m["mon"], whole)))


def _season(m: re.Match[str], whole: str, _depth: int) -> Span:
    return _single(season_end(whole, int(m["y"]), _SEASONS[m["season"]]))


def _year(m: re.Match[str], whole: str, _depth: int) -> Span:
    return _single(year_end(whole, int(m["y"])))


def _decade(m: re.Match[str], whole: str, _depth: int) -> Span:
    return _single(decade_end(whole, int(m["y"])))


def _century(m: re.Match[str], whole: str, _depth: int) -> Span:
    n = int(m["n"]) if m["n"] else _ORDINAL_WORDS[m["word"]]
    if not 1 <= n <= 100:
        raise DateParseError(whole, f"the {n}th century is outside the supported years 1 to 9999")
    return _single(century_end(whole, (n - 1) * 100))


def _undated(_: re.Match[str], whole: str, _depth: int) -> Span:
    raise DateParseError(
        whole,
        "it marks an undated item (no date); expected a date: write '../..' for a date that is "
        "unknown (open at both ends), or leave out a date that is optional, such as an end",
    )


def _thirds(end: End, modifier: str, whole: str) -> Span:
    """The early, mid or late third of a period (see the module docstring)."""
    third = {"early": 0, "mid": 1, "middle": 1, "late": 2}[modifier]
    lo = end.lo
    if end.precision is Precision.MONTH:
        last = month_length(lo.year, lo.month)
        first_day, last_day = ((1, 10), (11, 20), (21, last))[third]
        return (
            day_end(whole, lo.year, lo.month, first_day),
            day_end(whole, lo.year, lo.month, last_day),
        )
    if end.precision is Precision.YEAR:
        first_month = 1 + 4 * third
        return month_end(whole, lo.year, first_month), month_end(whole, lo.year, first_month + 3)
    if end.precision in (Precision.DECADE, Precision.CENTURY):
        step = 3 if end.precision is Precision.DECADE else 33
        first = lo.year + step * third
        return year_end(whole, max(first, 1)), year_end(whole, first + step)
    raise DateParseError(
        whole, f"'{modifier}' needs a month, year, decade or century, not a {end.precision}"
    )


def _modified(m: re.Match[str], whole: str, depth: int) -> Span:
    start, end = point_span(m["rest"], whole, depth + 1)
    if start is None or start is not end:
        raise DateParseError(whole, f"'{m['mod']}' needs a single period, not a range")
    return _thirds(start, m["mod"], whole)


_PART_COUNTS: Final = {"half": 2, "quarter": 4}
_PART_ORDINALS: Final = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "last": 0,
}  # fmt: skip


def _part(m: re.Match[str], whole: str, depth: int) -> Span:
    """A half or quarter of a century, decade (halves only) or year ("last" is the final one)."""
    start, end = point_span(m["rest"], whole, depth + 1)
    part = m["part"]
    if start is None or start is not end:
        raise DateParseError(whole, f"'{m['ord']} {part} of' needs a single period, not a range")
    count = _PART_COUNTS[part]
    index = _PART_ORDINALS[m["ord"]] or count
    if index > count:
        raise DateParseError(whole, f"there is no {m['ord']} {part}; expected first to last")
    lo = start.lo
    if start.precision is Precision.YEAR:
        first_month = 1 + 12 // count * (index - 1)
        return month_end(whole, lo.year, first_month), month_end(
            whole, lo.year, first_month + 12 // count - 1
        )
    if start.precision is Precision.CENTURY or (start.precision is Precision.DECADE and count == 2):
        width = (100 if start.precision is Precision.CENTURY else 10) // count
        first = lo.year - lo.year % (width * count) + width * (index - 1)
        return year_end(whole, max(first, 1)), year_end(whole, first + width - 1)
    raise DateParseError(
        whole,
        f"'{m['ord']} {part} of' needs a century or a year (or a half of a decade), not a "
        f"{start.precision}",
    )


def _winter(m: re.Match[str], whole: str, _depth: int) -> Span:
    """``winter 1709–10``: the winter that starts in December 1709, as ``winter 1709``."""
    year, written = int(m["y"]), m["y2"]
    following = year + 1
    if int(written) != following % 10 ** len(written):
        last = year - year % 10 ** len(written) + int(written)
        raise DateParseError(
            whole,
            f"a winter spans two years that follow each other ('winter {year}–"
            f"{str(following)[-2:]}' is December {year} – February {following}); for the "
            f"winters up to February {last} write 'winter {year} – winter {last - 1}'",
        )
    return _single(season_end(whole, year, 24))


def _dual_style(m: re.Match[str], whole: str, depth: int) -> Span:
    """``1 (12) March 1700``: an Old Style day with its New Style day in brackets, checked."""
    groups = m.groupdict()
    year, month, day = int(m["y"]), _month(m["mon"], whole), int(m["d"])
    if depth:
        # inside a range the other end's calendar would be a guess
        raise DateParseError(
            whole,
            "a dual-style day (1 (12) March 1700) is read only on its own: write a range with "
            "New Style days ('12–16 March 1700') or mark Old Style ones ('1–5 March 1700 O.S.')",
        )
    if not 1 <= day <= julian_days_in_month(year, month):
        raise DateParseError(whole, f"day {day} does not exist in Julian {year:04d}-{month:02d}")
    gregorian = _to_gregorian(whole, year, month, day)
    written = (
        int(groups.get("y2") or year),
        _month(groups.get("mon2") or m["mon"], whole),
        int(m["d2"]),
    )
    if written != (gregorian.year, gregorian.month, gregorian.day):
        old, new = _day_name(year, month, day), _day_name(*gregorian.timetuple()[:3])
        expected = f"'{old} ({new})'"
        if (gregorian.year, gregorian.month) == (year, month):
            expected = f"'{day} ({gregorian.day}) {MONTH_NAMES[month - 1]} {year}' or {expected}"
        raise DateParseError(
            whole,
            f"the Old Style day {old} is the New Style day {new}, not {_day_name(*written)} as "
            f"written in brackets; expected {expected}, or one day only ('{old} O.S.' or '{new}')",
        )
    return _single(End(gregorian, gregorian, Precision.DAY))


def _day_name(year: int, month: int, day: int) -> str:
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


_WINTER: Final = (
    r"(?:the\s+)?winter\s+(?:of\s+)?(?P<y>\d{1,4})\s*(?:[-–/]|\bto\b)\s*(?P<y2>\d{1,4})"
)
_DUAL_STYLE_RULES: Final = (
    # "1 (12) March 1700"
    rf"(?P<d>\d{{1,2}}){_ORD}\s?\((?P<d2>\d{{1,2}}){_ORD}\)\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
    # "1 March (12 March) 1700"
    rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH}\s?\((?P<d2>\d{{1,2}}){_ORD}\s+"
    rf"(?:of\s+)?(?P<mon2>[a-z]+)\.?\),?\s+{_YEAR}",
    # "21 December 1699 (1 January 1700)"
    rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\s?\((?P<d2>\d{{1,2}}){_ORD}\s+"
    r"(?:of\s+)?(?P<mon2>[a-z]+)\.?,?\s+(?P<y2>\d{1,4})\)",
)
_DUAL_STYLE_MARK: Final = re.compile(r"\d\s?\(\d")
"""A day followed by a bracketed day: the text names its New Style day itself."""

_POINT_RULES: Final[tuple[tuple[re.Pattern[str], Builder], ...]] = tuple(
    (re.compile(pattern), builder)
    for pattern, builder in (
        *((rule, _dual_style) for rule in _DUAL_STYLE_RULES),
        (rf"(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}", _day),
        (rf"{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD},?\s+{_YEAR}", _day),
        (
            r"(?:the\s+)?(?P<mod>early|mid|middle|late)(?:\s*-\s*|\s+)(?:in\s+|of\s+)?(?P<rest>.+)",
            _modified,
        ),
        (
            r"(?:the\s+)?(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+"
            r"(?P<part>half|quarter)\s+of\s+(?P<rest>.+)",
            _part,
        ),
        (_WINTER, _winter),
        (rf"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}", _season),
        (rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", _month_year),
        (r"(?:the\s+)?(?P<y>\d{1,3}0)'?s", _decade),
        (
            r"(?:the\s+)?(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<word>"
            + "|".join(_ORDINAL_WORDS)
            + r"))[\s-]+century(?:\s+(?:ad|a\.d\.|ce|c\.e\.))?",
            _century,
        ),
        # cataloguers' abbreviations: "16c", "16c.", "16th c.", "16th cent."
        (r"(?P<n>\d{1,3})(?:st|nd|rd|th)?\s?c(?:ent)?\.?(?:\s+(?:ad|a\.d\.|ce|c\.e\.))?", _century),
        (r"n\.\s?d\.?|s\.\s?d\.?|no date|undated", _undated),
        (rf"(?:(?:ad|a\.d\.)\s+)?{_YEAR}(?:\s+(?:ad|a\.d\.|ce|c\.e\.))?", _year),
    )
)


def point_span(text: str, whole: str, depth: int = 0) -> Span:
    """One date (possibly a third of a period) as a span, with its own qualifiers.

    ``depth`` counts the phrases this one sits inside (see `MAX_NESTING`).
    """
    _check_size(text, whole, depth)
    approximate, uncertain, text = strip_qualifiers(text)
    span = _unqualified_point(text, whole, depth)
    if approximate or uncertain:
        span = qualify(span, approximate=approximate, uncertain=uncertain)
    return span


def _unqualified_point(text: str, whole: str, depth: int) -> Span:
    for pattern, builder in _POINT_RULES:
        match = pattern.fullmatch(text)
        if match is not None:
            return builder(match, whole, depth)
    if text and text[0].isdigit():
        try:
            return parse_edtf(text.upper())
        except DateParseError:
            pass
    raise DateParseError(whole, f"{text!r} is not a date phrase")


def qualify(span: Span, *, approximate: bool, uncertain: bool) -> Span:
    """Add qualifiers to both ends of a span."""
    start, end = span
    new_start = (
        None if start is None else start.qualified(approximate=approximate, uncertain=uncertain)
    )
    if end is start:
        return new_start, new_start
    return new_start, None if end is None else end.qualified(
        approximate=approximate, uncertain=uncertain
    )


def strip_qualifiers(text: str) -> tuple[bool, bool, str]:
    """Split leading/trailing qualifier words off a phrase: (approximate, uncertain, rest)."""
    if text[:1].isdigit() and not text.endswith(("?", " or so")):
        return False, False, text  # "7 may 1875", "1870s": nothing to strip
    approximate = uncertain = False
    # Move two indices inwards and cut once at the end: slicing at every word would copy the
    # text once per qualifier, quadratic in its length.
    start, stop = 0, len(text)
    if text.startswith("[") and text.endswith("]") and text.find("]", 1, -1) < 0:
        start, stop = 1, stop - 1  # "[1625?]": a date the cataloguer supplied
    while True:
        before = start, stop
        if text.endswith("?", start, stop):
            uncertain = True
            stop -= 1
            while stop > start and text[stop - 1].isspace():
                stop -= 1
        if text.endswith(" or so", start, stop):
            approximate, stop = True, stop - len(" or so")
        if (m := _APPROXIMATE.match(text, start, stop)) and m.end() < stop:
            approximate, start = True, m.end()
        if m := _UNCERTAIN.match(text, start, stop):
            uncertain, start = True, m.end()
        if m := _FILLER.match(text, start, stop):
            start = m.end()
        if (start, stop) == before:
            return approximate, uncertain, text[start:stop]


_OUT_OF_RANGE: Final = "years before 1 or after 9999 are not supported"


def _previous(end: End) -> End:
    """The period of the same kind just before this end."""
    try:
        period = end.period.previous()
    except OverflowError:
        raise DateParseError("", f"nothing comes before the year 1; {_OUT_OF_RANGE}") from None
    return end.moved(period.first, period.last)


def _next(end: End) -> End:
    """The period of the same kind just after this end."""
    try:
        period = end.period.next()
    except OverflowError:
        raise DateParseError("", f"nothing comes after the year 9999; {_OUT_OF_RANGE}") from None
    return end.moved(period.first, period.last)


def _before(m: re.Match[str], whole: str, depth: int) -> Span:
    start, _ = range_or_point(m["x"], whole, depth + 1)
    if start is None:
        raise DateParseError(whole, "'before' needs a date with a known start")
    return None, _relabel(whole, _previous, start)


def _after(m: re.Match[str], whole: str, depth: int) -> Span:
    _, end = range_or_point(m["x"], whole, depth + 1)
    if end is None:
        raise DateParseError(whole, "'after' needs a date with a known end")
    return _relabel(whole, _next, end), None


def _relabel(whole: str, step: Callable[[End], End], end: End) -> End:
    try:
        return step(end)
    except DateParseError as error:
        raise DateParseError(whole, error.reason) from None


def _by(m: re.Match[str], whole: str, depth: int) -> Span:
    return None, range_or_point(m["x"], whole, depth + 1)[1]


def _since(m: re.Match[str], whole: str, depth: int) -> Span:
    return range_or_point(m["x"], whole, depth + 1)[0], None


def _between(m: re.Match[str], whole: str, depth: int) -> Span:
    _, b_end = range_or_point(m["b"], whole, depth + 1)
    a_start, _ = point_span(_borrow_tail(m["a"], m["b"]), whole, depth + 1)
    return a_start, b_end


def _borrow_tail(first: str, second: str) -> str:
    """The first of two dates with what it leaves to the second: "7-9 May 1875" borrows the
    month and year of the second end, "March to May 1945" and "7 May - 9 June 1875" its year."""
    tail = _TAIL.search(second) if _DAY_ONLY.fullmatch(first) else None
    if tail is None and _NO_YEAR.fullmatch(first):
        tail = _YEAR_TAIL.search(second)
    if tail is not None:
        return f"{first} {second[tail.start() :].strip()}"
    return first


def _centuries(m: re.Match[str], whole: str, depth: int) -> Span:
    # "17th-18th century": the first end borrows the second's "century"
    a_start, _ = point_span(f"{m['a']} century", whole, depth + 1)
    _, b_end = point_span(m["b"], whole, depth + 1)
    return a_start, b_end


def _short_years(m: re.Match[str], whole: str, _depth: int) -> Span:
    first = int(m["a"])
    last = int(m["b"])
    if len(m["b"]) == 2:
        last += first - first % 100
    return year_end(whole, first), year_end(whole, last)


def _open(_: re.Match[str], whole: str, _depth: int) -> Span:
    return None, None


def _decades(m: re.Match[str], whole: str, _depth: int) -> Span:
    """``1720s–30s``: the second decade written without its century, which it shares."""
    first = int(m["a"])
    last = first - first % 100 + int(m["b"])
    if last < first:
        raise DateParseError(
            whole,
            f"the {m['b']}s of its century are the {last}s, before the {first}s; expected the "
            f"second decade in full ('{first}s–{last + 100}s')",
        )
    return decade_end(whole, first), decade_end(whole, last)


def _either(m: re.Match[str], whole: str, depth: int) -> Span:
    """``1710 or 1711``, ``5 or 6 May 1703``: one of them, so the span that holds them all."""
    a_start, a_end = point_span(_borrow_tail(m["a"], m["b"]), whole, depth + 1)
    b_start, b_end = range_or_point(m["b"], whole, depth + 1)
    if a_start is None or a_end is None or b_start is None or b_end is None:
        raise DateParseError(whole, "'or' needs two dates with known starts and ends")
    if b_end.hi < a_start.lo and re.fullmatch(r"\d{1,3}", m["b"].strip()):
        # "1710 or 11" would span 11 AD to 1710: the second is written short, or a mistake
        raise DateParseError(
            whole,
            f"the second alternative ({m['b']!r}) comes before the first ({m['a']!r}); "
            "write both in full, earlier first ('1710 or 1711')",
        )
    return (
        a_start if a_start.lo <= b_start.lo else b_start,
        a_end if a_end.hi >= b_end.hi else b_end,
    )


_TAIL: Final = re.compile(r"(?:\s+[a-z]+\.?)?,?\s+\d{1,4}$")
_YEAR_TAIL: Final = re.compile(r"\s\d{1,4}$")
_DAY_ONLY: Final = re.compile(r"\d{1,2}(?:st|nd|rd|th)?")
_NO_YEAR: Final = re.compile(r"(?:[a-z\s.-]+|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\.?)")

_RANGE_RULES: Final[tuple[tuple[re.Pattern[str], Builder], ...]] = tuple(
    (re.compile(pattern), builder)
    for pattern, builder in (
        (r"(?:still\s+)?(?:ongoing|continuing|to date|present|the present)|\.\.", _open),
        (r"(?:before|earlier than)\s+(?P<x>.+)", _before),
        (r"(?:after|later than)\s+(?P<x>.+)", _after),
        (r"(?:by|no later than|not after|until|till|up to)\s+(?P<x>.+)", _by),
        (
            r"(?:since|from|no earlier than|not before|starting in|starting)"
            r"\s+(?P<x>(?!.*\bto\b).+)",
            _since,
        ),
        (r"(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{2}|\d{4})", _short_years),
        (_WINTER, _winter),  # before "A - B" reads "winter 1709–10" as winter 1709 to the year 10
        (r"(?:the\s+)?(?P<a>\d{1,3}0)'?s\s*(?:[-–]|\bto\b)\s*(?:the\s+)?(?P<b>\d0)'?s", _decades),
        (r"(?:either\s+)?(?P<a>.+?)\s+or\s+(?P<b>(?!so$).+)", _either),
        (r"between\s+(?P<a>.+?)\s+and\s+(?P<b>.+)", _between),
        (
            rf"(?:from\s+)?(?P<a>(?:the\s+)?(?:\d{{1,3}}(?:st|nd|rd|th)?|{_ORDINAL_ALTERNATIVES}))"
            rf"\s*(?:[-–]|\bto\b)\s*(?P<b>(?:the\s+)?(?:\d{{1,3}}(?:st|nd|rd|th)?|"
            rf"{_ORDINAL_ALTERNATIVES})[\s-]*(?:century|cent\.?|c\.?))",
            _centuries,
        ),
        (
            r"(?:from\s+)?(?P<a>.+?)\s*(?:–|\s-\s|(?<=\d)-(?=\d{1,2}\s)|\bto\b|\buntil\b|\btill\b|\bthrough\b"
            # catalogue ranges: "1850s-1880s", "1790?-1810", "1790-ca. 1810"
            r"|(?<=\ds|'s)-(?=\d)|(?<=[?~%])-(?=\d)|(?<=\d)-(?=\d{4}[?~%])|(?<=\d)-(?=(?:circa|ca|c|approx|about|around)\b|c\d))"
            r"\s*(?P<b>.+)",
            _between,
        ),
    )
)


_DECISIVE: Final[frozenset[Builder]] = frozenset({_winter, _decades})
"""Range rules whose refusal is final: a looser rule would misread what they refuse
("winter 1709–1712" is not December 1709 to December 1712)."""

_RANGE_HINT: Final = re.compile(
    r"before|after|later|earlier|by|no |not |until|till|up to|since|from|starting|between|ongoing"
    r"|continuing|date|present|[-–]|to|through|or|\.\."
)


def range_or_point(text: str, whole: str, depth: int = 0) -> Span:
    """A range, an open range or a single date, with qualifiers that apply to all of it.

    ``depth`` counts the phrases this one sits inside (see `MAX_NESTING`); text longer than
    `MAX_LENGTH` is refused.
    """
    _check_size(text, whole, depth)
    if text.endswith(("?", "~", "%")):
        # a mark qualifies the date it follows, as in EDTF: "1620–1621?" and "1620–1621~"
        # qualify 1621; in "c. 1790 - 1810?" a leading circa and a trailing "?" each qualify
        # the end they touch
        span, _ = _range(text, whole, depth)
        if span is not None:
            return span
    approximate, uncertain, text = strip_qualifiers(text)
    span, range_error = _range(text, whole, depth)
    if span is None:
        try:
            span = _unqualified_point(text, whole, depth)
        except DateParseError:
            if range_error is not None:
                raise range_error from None
            raise
    if approximate or uncertain:
        span = qualify(span, approximate=approximate, uncertain=uncertain)
    return span


def _range(text: str, whole: str, depth: int) -> tuple[Span | None, DateParseError | None]:
    """The text read by the first range rule that reads it, else None and the first error."""
    range_error: DateParseError | None = None
    # every range rule needs one of these words or marks: skip them all when none is there
    rules = _RANGE_RULES if _RANGE_HINT.search(text) else ()
    for pattern, builder in rules:
        match = pattern.fullmatch(text)
        if match is not None:
            try:
                return builder(match, whole, depth), None
            except DateParseError as error:
                if builder in _DECISIVE:
                    raise
                # A rule may match text it cannot read ("early 1945 - 1947" splits oddly); try
                # the others, and report this error only if nothing reads the text.
                range_error = range_error or error
    return None, range_error


def _check_size(text: str, whole: str, depth: int) -> None:
    if len(text) > MAX_LENGTH:
        raise DateParseError(
            whole,
            f"it is {len(text):,} characters long; expected a date of at most {MAX_LENGTH:,}",
        )
    if depth > MAX_NESTING:
        raise DateParseError(
            whole,
            f"it is too deeply nested: phrases such as 'before', 'early' or 'A to B' sit more "
            f"than {MAX_NESTING} deep; expected a date, a range of two dates or an open range",
        )


_MARK_ENDINGS: Final = ("s", "s.", ")", "style", "julian", "gregorian")


def split_calendar(text: str) -> tuple[str, bool | None]:
    """Split a trailing calendar mark off: (rest, True for Julian / False Gregorian / None).

    A dual-style day (``1 (12) March 1700``, even marked O.S.) names its Gregorian day itself,
    so it is Gregorian: never converted again.
    """
    rest, mark = _split_mark(text)
    if "(" in rest and _DUAL_STYLE_MARK.search(rest):
        return rest, False
    return rest, mark


def _split_mark(text: str) -> tuple[str, bool | None]:
    if not text.endswith(_MARK_ENDINGS):
        return text, None
    if m := _JULIAN.search(text):
        return text[: m.start()], True
    if m := _GREGORIAN.search(text):
        return text[: m.start()], False
    return text, None
