"""The ``timeline`` command line: a thin layer over the public API."""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import get_args

from timeline.collection import Timeline
from timeline.errors import (
    LossyExportWarning,
    MergeConflictError,
    TimelineError,
    UnsupportedFormatError,
)
from timeline.io import dump, load
from timeline.io.formats import FORMATS
from timeline.merging import undecided
from timeline.plotting.options import AxisKind, Lanes, Theme

__all__ = ["main"]


def format_table(timeline: Timeline) -> str:
    """A chronological plain-text table of a timeline: when, status, event, source wording."""
    rows = [("when", "status", "event", "cited as")]
    for event in timeline:
        cited = "; ".join(str(c) for c in event.citations)
        rows.append((event.date_label(), event.status.value, event.title, cited))
    widths = [min(max(len(r[i]) for r in rows), cap) for i, cap in enumerate((44, 9, 60, 80))]

    def line(row: tuple[str, ...]) -> str:
        cells = (
            cell if len(cell) <= w else cell[: w - 1] + "…"
            for cell, w in zip(row, widths, strict=True)
        )
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(rows[0]), rule, *(line(r) for r in rows[1:])])


def _load(args: argparse.Namespace) -> Timeline:
    return load(*args.files, format=args.format)


def _list(args: argparse.Namespace) -> int:
    timeline = _load(args)
    print(f"{', '.join(args.files)}: {len(timeline)} events, {len(timeline.sources)} sources\n")
    print(format_table(timeline))
    return 0


def _render(args: argparse.Namespace) -> int:
    from timeline.plotting import plot, write_html, write_image

    timeline = _load(args)
    figure = plot(
        timeline,
        lanes=args.lanes,
        theme=args.theme,
        axis=args.axis,
        width=args.width,
        height=args.height,
        title=args.title,
    )
    plotlyjs: bool | str = True if args.plotlyjs == "inline" else args.plotlyjs
    suffix = Path(args.output).suffix.lower()
    if suffix in (".png", ".svg"):  # the picture alone: never HTML under an image's name
        print(write_image(figure, args.output).resolve())
    elif suffix in (".html", ".htm"):
        page = write_html(
            figure, args.output, title=args.title or "timeline", include_plotlyjs=plotlyjs
        )
        print(page.resolve())
    else:
        raise UnsupportedFormatError(
            args.output,
            f"cannot render {suffix or 'a file without a suffix'!r}",
            ("an HTML page (.html)", "a picture (.png, .svg)"),
        )
    for image in (args.png, args.svg):
        if image is not None:
            print(write_image(figure, image).resolve())
    return 0


def _merge(args: argparse.Namespace) -> int:
    timeline = _load(args)
    if args.strict and undecided(timeline.conflicts):
        raise MergeConflictError(undecided(timeline.conflicts))
    dump(timeline, args.output, format=args.to)
    unresolved = sum(not c.resolved for c in timeline.conflicts)
    print(
        f"{args.output}: {len(timeline)} events, {len(timeline.conflicts)} conflicts "
        f"({unresolved} unresolved), {len(timeline.resolutions)} resolutions"
    )
    for conflict in timeline.conflicts:
        print(f"  {'conflict' if conflict.resolved else 'UNRESOLVED'}: {conflict}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for path in args.files:
        try:
            timeline = load(path, format=args.format)
        except TimelineError as error:
            print(error, file=sys.stderr)
            failed = True
        else:
            print(f"{path}: ok ({len(timeline)} events, {len(timeline.sources)} sources)")
    return 1 if failed else 0


def _convert(args: argparse.Namespace) -> int:
    timeline = load(args.input, format=args.format)
    dump(timeline, args.output, format=args.to)
    print(f"{args.output}: {len(timeline)} events")
    return 0


def _formats() -> str:
    lines = ["formats (by suffix, or --format/--to NAME):"]
    for f in FORMATS:
        ways = "read and write" if f.readable and f.write else "read" if f.readable else "write"
        lines.append(f"  {f.name:18} {', '.join(f.suffixes):9} {ways:14} {f.description}")
    return "\n".join(lines)


def _reading(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", metavar="NAME", help="read the files as this format (default: by suffix)"
    )


def _writing(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--to", metavar="NAME", help="write this format (default: by the output's suffix)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``timeline`` command."""
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Hold, check and show historical timelines with fuzzy dates.",
        epilog=_formats(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    listing = commands.add_parser("list", help="print a chronological table of the events")
    listing.add_argument("files", nargs="+", metavar="FILE", help="data files (merged)")
    _reading(listing)
    listing.set_defaults(run=_list)
    validate = commands.add_parser(
        "validate", help="check data files and report every problem (exit status 1 if any)"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="data files")
    _reading(validate)
    validate.set_defaults(run=_validate)
    render = commands.add_parser(
        "render", help="draw an interactive HTML timeline (and optionally PNG/SVG pictures)"
    )
    render.add_argument("files", nargs="+", metavar="FILE", help="data files (merged)")
    _reading(render)
    render.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="an HTML page (.html), or a picture alone (.png, .svg)",
    )
    render.add_argument("--png", metavar="OUT.png", help="also write a PNG picture (kaleido)")
    render.add_argument("--svg", metavar="OUT.svg", help="also write an SVG picture (kaleido)")
    render.add_argument(
        "--lanes",
        choices=list(get_args(Lanes)),
        default="kind",
        help="what groups events on the y axis (default: kind)",
    )
    render.add_argument("--theme", choices=list(get_args(Theme)), default="light")
    render.add_argument(
        "--axis",
        choices=list(get_args(AxisKind)),
        default=None,
        help="segmented (long empty stretches cut) or date (uncut); default: segmented, "
        "or date for WebGL figures",
    )
    render.add_argument("--width", type=int, default=1280, help="figure width in pixels")
    render.add_argument("--height", type=int, default=None, help="figure height in pixels")
    render.add_argument(
        "--plotlyjs",
        choices=["inline", "cdn"],
        default="inline",
        help="plotly.js inside the page (works offline; default) or from its CDN (a small page)",
    )
    render.add_argument("--title", help="a title above the timeline")
    render.set_defaults(run=_render)
    merge = commands.add_parser(
        "merge",
        help="merge data files into one (events with one id become one; conflicts reported)",
    )
    merge.add_argument("files", nargs="+", metavar="FILE", help="data files")
    merge.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="merged file (.toml or .parquet)"
    )
    _reading(merge)
    _writing(merge)
    merge.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit status 1) if the files conflict where no resolution decided",
    )
    merge.set_defaults(run=_merge)
    convert = commands.add_parser(
        "convert",
        help="convert a data file to another format (by suffix; see the formats below)",
        epilog=_formats(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    convert.add_argument("input", metavar="IN", help="the file to read")
    convert.add_argument("output", metavar="OUT", help="the file to write")
    _reading(convert)
    _writing(convert)
    convert.set_defaults(run=_convert)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 success, 1 bad data, 2 bad usage)."""
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always", LossyExportWarning)
            status: int = args.run(args)
        for warning in said:  # what an export left out, said once, plainly
            print(f"timeline: warning: {warning.message}", file=sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped reading (`timeline list big.toml | head`): not an error of ours;
        # point stdout at nothing so the interpreter's final flush stays quiet too
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except TimelineError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"timeline: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    return status
