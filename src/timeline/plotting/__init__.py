"""Interactive Plotly timelines: `plot` builds the figure, `write_html`/`write_image` save it.

See `timeline.plotting.figure` for what the figure shows and `timeline.plotting.axis` for the
segmented time axis.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path
from typing import Any, Final

import plotly.graph_objects as go

from timeline.collection import Timeline
from timeline.plotting.figure import LARGE, LaneKey, Theme, build_figure

__all__ = ["LARGE", "plot", "to_html", "write_html", "write_image"]


def plot(
    timeline: Timeline,
    *,
    lanes: LaneKey = "kind",
    theme: Theme = "light",
    width: int = 1280,
    webgl: bool | None = None,
    title: str | None = None,
) -> go.Figure:
    """An interactive Plotly figure of a timeline.

    ``lanes`` groups events on the y axis by ``"kind"``, ``"actor"`` (the first actor),
    ``"place"`` (the first place) or ``"none"``; ``theme`` is ``"light"`` or ``"dark"``;
    ``webgl`` forces (or forbids) WebGL traces, used by default from `LARGE` events on.
    """
    return build_figure(timeline, lanes=lanes, theme=theme, width=width, webgl=webgl, title=title)


# Legend clicks hide a whole lane or a whole status (a trace belongs to one lane and one
# status, which Plotly's own legend groups cannot express), and zooming re-labels the
# segmented axis with real dates.
_SCRIPT: Final = (resources.files("timeline.plotting") / "page.js").read_text(encoding="utf-8")


def to_html(figure: go.Figure, *, title: str = "timeline") -> str:
    """A standalone HTML page of the figure (plotly.js inline: it works offline)."""
    import html as _html

    page: str = figure.to_html(
        include_plotlyjs=True,
        full_html=True,
        post_script=_SCRIPT,
        config={"displaylogo": False, "scrollZoom": True, "responsive": False},
    )
    return page.replace("<head>", f"<head><title>{_html.escape(title)}</title>", 1)


def write_html(figure: go.Figure, path: str | os.PathLike[str], *, title: str = "timeline") -> Path:
    """Write the figure as a standalone HTML page; returns the path."""
    target = Path(path)
    target.write_text(to_html(figure, title=title), encoding="utf-8")
    return target


def write_image(figure: go.Figure, path: str | os.PathLike[str], **options: Any) -> Path:
    """Write a static PNG or SVG (by the file suffix) through kaleido and the system Chromium.

    Uses ``BROWSER_PATH`` if set, else the first of chromium / chromium-browser / google-chrome
    on the PATH.
    """
    if "BROWSER_PATH" not in os.environ:
        for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
            found = shutil.which(name)
            if found:
                os.environ["BROWSER_PATH"] = found
                break
    target = Path(path)
    figure.write_image(str(target), **options)
    return target
