"""How things look: lane colours and symbols, status marks, fuzziness marks, themes, and the
one way data text enters a figure (`text`) and a citation is written (`cite`).

Plotly draws its strings as a small subset of HTML: it reads tags (``<b>``, ``<br>``,
``<a href=...>``) and the entities ``&amp;``, ``&lt;``, ``&gt;``, but shows ``&quot;`` literally.
So data text is escaped for exactly those three characters, once, by `text`: ``<script>``
shows as text, and quotes show as quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Final

import attrs

from timeline.model import Citation, Status

__all__ = [
    "CAP_SYMBOL",
    "DASH_OF_STEPS",
    "LANE_SYMBOLS",
    "OKABE_ITO",
    "STATUS_STYLE",
    "Look",
    "StatusStyle",
    "cite",
    "lane_cue",
    "look",
    "shorten",
    "text",
    "text_column",
]

OKABE_ITO: Final = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermilion
    "#8C6D1F",  # dark ochre (stands in for Okabe-Ito's yellow, too pale on white)
    "#666666",  # grey (stands in for black, invisible on the dark theme)
)
"""Okabe and Ito's colour-blind-safe palette: eight lane colours."""

LANE_SYMBOLS: Final = ("square", "circle", "triangle-up", "diamond", "star", "hexagon")
"""The second cue of a lane: lanes 1-8 are squares, 9-16 circles, and so on, so that lanes
sharing a colour never share the symbol shown beside their names and in the legend."""
_SYMBOL_CHARS: Final = {
    "square": "■",
    "circle": "●",
    "triangle-up": "▲",
    "diamond": "◆",
    "star": "★",
    "hexagon": "⬢",
}


@attrs.frozen
class StatusStyle:
    """How a status is drawn: the marker symbol of an instant (and at the start of a span),
    whether the span is drawn faint, and the legend text."""

    symbol: str
    faint: bool
    legend: str


STATUS_STYLE: Final = {
    Status.REPORTED: StatusStyle("circle", False, "reported: ● filled"),
    Status.CLAIMED: StatusStyle("diamond", False, "claimed by a party: ◆"),
    Status.PLANNED: StatusStyle("circle-open", True, "planned: ○ open, faint bar"),
    Status.DISPUTED: StatusStyle("x", False, "disputed by the record: ✕"),
}
"""Status is drawn by shape, never by colour alone."""

DASH_OF_STEPS: Final = {"approximate": "dot", "uncertain": "dash", "both": "dashdot"}
"""The thin line over what a qualifier adds beyond the wording: approximate ("circa", ``~``)
dotted, uncertain ("probably", ``?``) dashed, both (``%``) dash-dotted."""
CAP_SYMBOL: Final = "line-ns"
"""The caps at both ends of a period that an instant is only known to (a month, a year)."""


@attrs.frozen
class Look:
    """The colours of one theme; every text colour passes WCAG AA on its background."""

    template: str
    paper: str
    ink: str
    faint_ink: str
    era_fill: str
    era_line: str
    cut_line: str
    separator: str
    key: str


_LOOKS: Final = {
    "light": Look(
        template="plotly_white",
        paper="#ffffff",
        ink="#1a1a1a",
        faint_ink="#4d4d4d",
        era_fill="rgba(230,159,0,0.10)",
        era_line="rgba(140,109,31,0.55)",
        cut_line="#1a1a1a",
        separator="rgba(128,128,128,0.35)",
        key="#333333",
    ),
    "dark": Look(
        template="plotly_dark",
        paper="#111111",
        ink="#f0f0f0",
        faint_ink="#c8c8c8",
        era_fill="rgba(240,228,66,0.10)",
        era_line="rgba(240,228,66,0.45)",
        cut_line="#f0f0f0",
        separator="rgba(200,200,200,0.30)",
        key="#dddddd",
    ),
}


def look(theme: str) -> Look:
    """The colours of ``"light"`` or ``"dark"``."""
    return _LOOKS[theme]


def lane_cue(index: int, colours: dict[str, str] | None = None, name: str = "") -> tuple[str, str]:
    """The colour and symbol of the lane at ``index`` (a colour map entry wins for the colour)."""
    colour = (colours or {}).get(name) or OKABE_ITO[index % len(OKABE_ITO)]
    return colour, LANE_SYMBOLS[(index // len(OKABE_ITO)) % len(LANE_SYMBOLS)]


def symbol_char(symbol: str) -> str:
    """A text character that looks like a lane symbol (for the lane names on the axis)."""
    return _SYMBOL_CHARS[symbol]


_SPECIAL: Final = re.compile(r"[&<>]")
_ENTITIES: Final = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def text(value: str) -> str:
    """Data text as Plotly must be given it to show it as written (never as markup).

    >>> text('O\\'Brien & "Sons" <b>')
    'O\\'Brien &amp; "Sons" &lt;b&gt;'
    """
    if not _SPECIAL.search(value):
        return value
    return _SPECIAL.sub(lambda m: _ENTITIES[m.group()], value)


def text_column(column: Any) -> Any:
    """`text` of every string in an Arrow column, vectorised (the same three entities)."""
    import pyarrow.compute as pc

    if not pc.any(pc.match_substring_regex(column, _SPECIAL.pattern)).as_py():
        return column  # nothing to escape (the usual case)
    for char, entity in _ENTITIES.items():  # "&" first, so entities are not escaped twice
        column = pc.replace_substring(column, char, entity)
    return column


def shorten(value: str, chars: int) -> str:
    """``value`` cut to at most ``chars`` characters, an ellipsis marking the cut."""
    return value if len(value) <= chars else value[: max(chars - 1, 0)] + "…"


def cite(citation: Citation) -> str:
    """One citation, as every figure and page writes it: where, then the source's own words.

    >>> cite(Citation(source="article", locator="paragraph 5", wording="in 1875"))
    'article, paragraph 5: “in 1875”'
    """
    where = f"{citation.source}, {citation.locator}" if citation.locator else citation.source
    return f"{where}: “{citation.wording}”" if citation.wording else where


def cite_all(citations: Iterable[Citation]) -> str:
    """Every citation of an event, joined by semicolons (``"(uncited)"`` when there is none)."""
    return "; ".join(cite(c) for c in citations) or "(uncited)"
