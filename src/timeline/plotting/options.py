"""The options of a figure, checked in one place: `Options` and the literal types it takes."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal, TypedDict, get_args

import attrs

from timeline.errors import PlotOptionError

__all__ = ["LARGE", "AxisKind", "Lanes", "Options", "PlotOptions", "Theme"]

Lanes = Literal["kind", "actor", "place", "tag", "status", "source", "none"]
"""What groups events into lanes on the y axis. An event with several actors (places, tags,
sources) is drawn in each of their lanes and marked as shared there."""
Theme = Literal["light", "dark"]
AxisKind = Literal["segmented", "date"]
"""``"segmented"``: a date axis with long empty stretches cut out (see `timeline.plotting.cuts`);
``"date"``: a plain, uncut date axis."""


class PlotOptions(TypedDict, total=False):
    """The keyword options of a figure, for signatures that pass them on
    (``**options: Unpack[PlotOptions]``); `Options` checks them and holds the defaults."""

    lanes: Lanes
    theme: Theme
    axis: AxisKind | None
    width: int
    height: int | None
    colors: Mapping[str, str] | None
    webgl: bool | None
    title: str | None


LARGE: Final = 3000
"""From this many events a figure is drawn with WebGL traces, without labels, on a plain date
axis (WebGL cannot draw Plotly's range breaks)."""

_COLOUR: Final = re.compile(r"#[0-9a-fA-F]{6}")
_AXES: Final[tuple[object, ...]] = (*get_args(AxisKind), None)


def _choice(name: str, allowed: tuple[object, ...]) -> Callable[[Any, Any, Any], None]:
    def check(_: object, __: object, value: object) -> None:
        if value not in allowed:
            raise PlotOptionError(name, value, "one of " + ", ".join(repr(a) for a in allowed))

    return check


def _pixels(name: str, low: int, *, optional: bool = False) -> Callable[[Any, Any, Any], None]:
    def check(_: object, __: object, value: object) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise PlotOptionError(name, value, f"a whole number of pixels, at least {low}")

    return check


def _colours(_: object, __: object, value: Mapping[str, str] | None) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise PlotOptionError("colors", value, "a mapping of lane name to '#rrggbb'")
    bad = {k: v for k, v in value.items() if not isinstance(v, str) or not _COLOUR.fullmatch(v)}
    if bad:
        raise PlotOptionError("colors", bad, "colours written '#rrggbb' (such as '#0072B2')")


def _optional_text(name: str) -> Callable[[Any, Any, Any], None]:
    def check(_: object, __: object, value: object) -> None:
        if value is not None and not isinstance(value, str):
            raise PlotOptionError(name, value, "text or None")

    return check


def _optional_bool(name: str) -> Callable[[Any, Any, Any], None]:
    def check(_: object, __: object, value: object) -> None:
        if value is not None and not isinstance(value, bool):
            raise PlotOptionError(name, value, "True, False or None")

    return check


@attrs.frozen
class Options:
    """Every option of `timeline.plotting.plot`, validated when built.

    A bad value raises `timeline.errors.PlotOptionError` naming the option, the value and what
    is accepted:

    >>> Options(lanes="colour")
    Traceback (most recent call last):
    ...
    timeline.errors.PlotOptionError: plot option lanes='colour': expected one of 'kind', \
'actor', 'place', 'tag', 'status', 'source', 'none'
    """

    lanes: Lanes = attrs.field(default="kind", validator=_choice("lanes", get_args(Lanes)))
    theme: Theme = attrs.field(default="light", validator=_choice("theme", get_args(Theme)))
    axis: AxisKind | None = attrs.field(default=None, validator=_choice("axis", _AXES))
    width: int = attrs.field(default=1280, validator=_pixels("width", 300))
    height: int | None = attrs.field(default=None, validator=_pixels("height", 200, optional=True))
    colors: Mapping[str, str] | None = attrs.field(default=None, validator=_colours)
    webgl: bool | None = attrs.field(default=None, validator=_optional_bool("webgl"))
    title: str | None = attrs.field(default=None, validator=_optional_text("title"))

    def resolved(self, count: int) -> tuple[bool, AxisKind]:
        """Whether a figure of ``count`` events uses WebGL, and the axis it gets.

        A segmented axis needs SVG traces, so asking for both is an error, not a quiet switch.
        """
        webgl = count >= LARGE if self.webgl is None else self.webgl
        if self.axis == "segmented" and webgl:
            reason = "webgl=True" if self.webgl else f"{count:,} events (WebGL from {LARGE:,})"
            raise PlotOptionError(
                "axis",
                "segmented",
                f"'date' with {reason}: WebGL traces cannot be drawn on a cut axis "
                "(pass webgl=False for SVG, which is slower at this size)",
            )
        return webgl, self.axis or ("date" if webgl else "segmented")
