"""Interactive Plotly timelines: `plot` builds the figure; `to_html`, `write_html` and
`write_image` save it as an accessible page or a picture with alt text.

The figure is a plain ``plotly.graph_objects.Figure`` on a real date axis: it behaves the
same in ``fig.show()``, Jupyter, Dash, Plotly's own ``fig.write_html`` and kaleido, and
``fig.add_vline(x="1632-11-16")`` lands on that date. See `timeline.plotting.figure` for what
it shows and `timeline.plotting.glyphs` for how each kind of fuzziness is drawn.
"""

from __future__ import annotations

import html
import os
import re
import struct
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from timeline.collection import Timeline
from timeline.errors import PlotOptionError
from timeline.plotting.options import LARGE, AxisKind, Lanes, Options, Theme

if TYPE_CHECKING:  # plotly is imported when a figure is built, not with the options
    import plotly.graph_objects as go

__all__ = [
    "LARGE",
    "AxisKind",
    "Lanes",
    "Theme",
    "alt_text",
    "plot",
    "to_html",
    "write_html",
    "write_image",
]

IncludePlotlyJS = bool | Literal["cdn", "directory", "require"] | str
"""As Plotly's ``include_plotlyjs``: True (inline, the default: the page works offline),
``"cdn"`` (a page of a few kB that loads plotly.js from its CDN), ``"directory"``,
``"require"``, False, or the URL of a plotly.js bundle."""


def plot(
    timeline: Timeline,
    *,
    lanes: Lanes = "kind",
    theme: Theme = "light",
    axis: AxisKind | None = None,
    width: int = 1280,
    height: int | None = None,
    colors: Mapping[str, str] | None = None,
    webgl: bool | None = None,
    title: str | None = None,
) -> go.Figure:
    """An interactive Plotly figure of a timeline.

    ``lanes`` groups events on the y axis by ``"kind"``, ``"actor"``, ``"place"``, ``"tag"``,
    ``"source"`` (an event with several is drawn in each of their lanes, marked ⇄),
    ``"status"`` or ``"none"``. ``axis`` is ``"segmented"`` (long empty stretches cut; the
    default for SVG figures) or ``"date"`` (uncut; the default, and the only choice, with
    WebGL, used from `LARGE` events or with ``webgl=True``). ``colors`` maps lane names to
    ``"#rrggbb"``; ``height`` defaults to what the rows need. Bad values raise
    `timeline.errors.PlotOptionError`.

    >>> import timeline
    >>> from timeline import Event, FuzzyDate
    >>> tl = timeline.Timeline([Event(id="lutzen", title="Battle of Lützen",
    ...                              start=FuzzyDate.parse("16 November 1632"))])
    >>> fig = plot(tl, width=600)
    >>> fig.layout.xaxis.type
    'date'
    """
    options = Options(
        lanes=lanes,
        theme=theme,
        axis=axis,
        width=width,
        height=height,
        colors=colors,
        webgl=webgl,
        title=title,
    )
    from timeline.plotting.figure import build_figure

    return build_figure(timeline, options)


_CONFIG: Final = {"displaylogo": False, "scrollZoom": True, "responsive": True}

_STYLE: Final = """
body { font-family: system-ui, "DejaVu Sans", sans-serif; margin: 1rem; color: #1a1a1a;
       background: #ffffff; }
body.dark { color: #f0f0f0; background: #111111; }
body.dark a { color: #9fd0ff; }
.timeline-alt { max-width: 80rem; overflow-x: auto; }
.timeline-alt:focus { outline: 3px solid #0072B2; }
table { border-collapse: collapse; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.2rem 0.6rem;
         border-bottom: 1px solid #999999; }
"""


def _meta(figure: go.Figure) -> dict[str, Any]:
    meta = figure.layout.meta
    if isinstance(meta, dict) and isinstance(meta.get("timeline"), dict):
        found: dict[str, Any] = meta["timeline"]
        return found
    return {}


def alt_text(figure: go.Figure) -> str:
    """A one-paragraph text alternative of a timeline figure (for PNG/SVG and screen readers).

    >>> import timeline
    >>> from timeline import Event, FuzzyDate
    >>> tl = timeline.Timeline([Event(id="a", title="A", start=FuzzyDate.parse("1632"))])
    >>> alt_text(plot(tl))
    'Timeline of 1 event in 1 lane (other), 1632.'
    """
    meta = _meta(figure)
    count = int(meta.get("events", 0))
    lanes = list(meta.get("lanes", []))
    if count == 0:
        return "Timeline of no events."
    noun = "event" if count == 1 else "events"
    lane_noun = "lane" if len(lanes) == 1 else "lanes"
    shown = ", ".join(lanes[:8]) + (", …" if len(lanes) > 8 else "")
    years = meta.get("years", [])
    when = ""
    if years:
        first, last = years
        when = f", {first}" if first == last else f", from {first} to {last}"
    cuts = meta.get("cuts", [])
    stretches = "stretch" if len(cuts) == 1 else "stretches"
    cut = f"; {len(cuts)} empty {stretches} of time cut from the axis" if cuts else ""
    return f"Timeline of {count:,} {noun} in {len(lanes)} {lane_noun} ({shown}){when}{cut}."


def _table(figure: go.Figure) -> str:
    meta = _meta(figure)
    rows = meta.get("table", [])
    count = int(meta.get("events", len(rows)))
    more = ""
    if count > len(rows):
        more = f"<p>The first {len(rows):,} of {count:,} events are listed.</p>"
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    return (
        '<section class="timeline-alt" id="timeline-alt" data-timeline-alt tabindex="0" '
        'aria-labelledby="timeline-alt-heading">'
        '<h2 id="timeline-alt-heading">The events in chronological order</h2>'
        f"<p>{html.escape(alt_text(figure))}</p>{more}"
        '<table id="timeline-events"><thead><tr><th scope="col">date</th>'
        '<th scope="col">event</th><th scope="col">status</th><th scope="col">sources</th>'
        f"</tr></thead><tbody>{body}</tbody></table></section>"
    )


def to_html(
    figure: go.Figure,
    *,
    title: str = "timeline",
    include_plotlyjs: IncludePlotlyJS = True,
    lang: str = "en",
) -> str:
    """A standalone, accessible HTML page of the figure.

    The page has a language, a title, the figure, and a text alternative: the events in
    chronological order with their dates, statuses and sources, as a table reachable by
    keyboard. ``include_plotlyjs`` is Plotly's own (inline by default, so the page works
    offline; ``"cdn"`` gives a page of a few kB). Every text from the data is escaped.
    """
    if include_plotlyjs not in (True, False, "cdn", "directory", "require") and not (
        isinstance(include_plotlyjs, str) and include_plotlyjs.endswith(".js")
    ):
        raise PlotOptionError(
            "include_plotlyjs",
            include_plotlyjs,
            "True, False, 'cdn', 'directory', 'require' or the URL of a .js bundle",
        )
    div = figure.to_html(full_html=False, include_plotlyjs=include_plotlyjs, config=_CONFIG)
    dark = str(figure.layout.template.layout.paper_bgcolor or "") in ("rgb(17,17,17)",)
    dark = dark or figure.layout.paper_bgcolor == "#111111"
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
        f'<body class="{"dark" if dark else "light"}"><main>'
        f'<h1 style="font-size:1.2rem">{html.escape(title)}</h1>'
        '<figure style="margin:0" aria-labelledby="timeline-caption">'
        f'{div}<figcaption id="timeline-caption">{html.escape(alt_text(figure))} A table of '
        "every event "
        'follows the figure (<a href="#timeline-alt">go to the table</a>).</figcaption>'
        f"</figure>{_table(figure)}</main></body></html>\n"
    )


def write_html(
    figure: go.Figure,
    path: str | os.PathLike[str],
    *,
    title: str = "timeline",
    include_plotlyjs: IncludePlotlyJS = True,
) -> Path:
    """Write `to_html` of the figure to ``path`` (atomically, as every writer:
    `timeline.io.formats.atomic_write`); returns the path."""
    from timeline.io.formats import atomic_write

    target = Path(path)
    page = to_html(figure, title=title, include_plotlyjs=include_plotlyjs).encode("utf-8")
    atomic_write(target, lambda stream: stream.write(page))
    return target


def write_image(
    figure: go.Figure,
    path: str | os.PathLike[str],
    *,
    alt: str | None = None,
    scale: float | None = None,
) -> Path:
    """Write a static PNG or SVG (by the file suffix) through kaleido; returns the path.

    The picture carries its alt text (``alt``, by default `alt_text` of the figure): an SVG
    as its ``<title>`` and ``<desc>`` (with ``role="img"``), a PNG as ``Title`` and
    ``Description`` text chunks. kaleido finds the system Chromium itself (or uses
    ``BROWSER_PATH``); this function never changes the environment.
    """
    from timeline.io.formats import atomic_write

    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in ("png", "svg"):
        raise PlotOptionError("path", str(path), "a file name ending in .png or .svg")
    text = alt if alt is not None else alt_text(figure)
    data: bytes = figure.to_image(format=suffix, scale=scale)
    data = _svg_with_alt(data, text) if suffix == "svg" else _png_with_alt(data, text)
    atomic_write(target, lambda stream: stream.write(data))
    return target


_SVG_OPEN: Final = re.compile(rb"<svg\b[^>]*>")


def _svg_with_alt(data: bytes, alt: str) -> bytes:
    match = _SVG_OPEN.search(data)
    if match is None:
        return data
    opening = match.group()[:-1] + b' role="img" aria-labelledby="timeline-title timeline-desc">'
    inner = (
        f'<title id="timeline-title">{html.escape(alt.split(".")[0])}</title>'
        f'<desc id="timeline-desc">{html.escape(alt)}</desc>'
    ).encode()
    return data[: match.start()] + opening + inner + data[match.end() :]


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_with_alt(data: bytes, alt: str) -> bytes:
    # iTXt chunks (UTF-8) right after IHDR, which is always 8 + 25 bytes in
    header_end = 8 + 25
    chunks = b"".join(
        _png_chunk(b"iTXt", key + b"\x00\x00\x00\x00\x00" + value.encode("utf-8"))
        for key, value in ((b"Title", alt.split(".")[0]), (b"Description", alt))
    )
    return data[:header_end] + chunks + data[header_end:]
