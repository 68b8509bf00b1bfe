"""What a figure reads from a timeline: lanes, hover texts, the columns of
`timeline.plotting.geometry`, eras and the rows of the page's text alternative.

The hover text is the same for every size of figure: from event objects (`hover_of`) or, for
a large timeline held as an Arrow table, computed on its columns with the same format.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

import numpy as np

from timeline.collection import Timeline
from timeline.merging import Conflict
from timeline.model import Event
from timeline.plotting import style
from timeline.plotting.geometry import HIGH, Columns, columns_from_events, columns_from_table
from timeline.plotting.options import Options

__all__ = ["ALT_ROWS", "columns_of", "eras_of", "hover_of", "lanes_of", "table_rows"]

ALT_ROWS: Final = 5000
"""Events listed in the text alternative of a page; the page says when there are more."""


def lanes_of(event: Event, lanes: str) -> tuple[str, ...]:
    """The lanes an event is drawn in under ``lanes`` (each of its actors, places, tags or
    cited sources; its kind or status; or the one lane ``"events"``)."""
    if lanes == "kind":
        return (event.kind or "other",)
    if lanes == "status":
        return (event.status.value,)
    if lanes == "none":
        return ("events",)
    if lanes == "source":
        names = tuple(sorted({c.source for c in event.citations}))
        return names or ("(uncited)",)
    values = {"actor": event.actors, "place": event.places, "tag": event.tags}[lanes]
    unique = tuple(dict.fromkeys(values))
    return unique or (f"(no {lanes})",)


def _when(event: Event) -> str:
    """When the event happened, in its own words (EDTF where it has none)."""
    start = event.start.text or event.start.to_edtf()
    if event.end is None:
        return start
    return f"{start} to {event.end.text or event.end.to_edtf()}"


def hover_of(event: Event, lanes: tuple[str, ...], conflicts: Sequence[Conflict] = ()) -> str:
    """The hover text of an event: the same for every size of figure. Its sources'
    disagreements (``conflicts``) are said too: an unresolved one as unresolved."""
    parts = [
        f"<b>{style.text(event.title)}</b>",
        style.text(_when(event)),
        f"cited: {style.text(style.cite_all(event.citations))}",
        f"status: {event.status.value}",
    ]
    if len(lanes) > 1:
        parts.append(f"shared by lanes: {style.text(', '.join(lanes))}")
    if event.description:
        parts.append(style.text(style.shorten(event.description, 160)))
    if event.note:
        parts.append(f"<i>{style.text(style.shorten(event.note, 160))}</i>")
    for conflict in conflicts:
        told = " / ".join(style.shorten(value, 60) for value, _ in conflict.values)
        if conflict.resolved:
            how = f"{conflict.decision.value}: {conflict.reason}" if conflict.reason else ""
            line = f"sources disagree on {conflict.field} ({told}); took "
            line += f"{style.shorten(conflict.resolution, 60)} ({style.shorten(how, 80)})"
        else:
            line = f"⚠ UNRESOLVED {conflict.field}: {told}"
        parts.append(style.text(line))
    return "<br>".join(parts)


def _published(timeline: Timeline) -> dict[str, int]:
    """The day after each dated source's last day of publication: where "ongoing" ends."""
    return {
        s.id: s.published.latest.toordinal() + 1  # through its last day
        for s in timeline.sources
        if s.published is not None and s.published.latest is not None
    }


def _now_of(timeline: Timeline) -> Callable[[Event], int]:
    published = _published(timeline)

    def now(event: Event) -> int:
        # "ongoing" runs to when its sources were written; without a date, to the axis's end
        days = [published[c.source] for c in event.citations if c.source in published]
        return max(days) if days else HIGH

    return now


def _table_now(table: Any, published: dict[str, int]) -> Any:
    """`_now_of` of every row of an events table: the latest publication among the sources
    each row cites, or HIGH (vectorised: no Python loop over the rows)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not published:
        return HIGH
    column = table["citations"].combine_chunks()
    parents = pc.list_parent_indices(column).to_numpy(zero_copy_only=False)
    keys = pa.array(list(published), pa.string())
    found = pc.index_in(pc.list_flatten(column).field("source"), value_set=keys)
    index = pc.fill_null(found, -1).to_numpy(zero_copy_only=False)
    days = np.where(index >= 0, np.asarray(list(published.values()), np.int64)[index], -1)
    now = np.full(table.num_rows, -1, np.int64)
    np.maximum.at(now, parents, days)
    return np.where(now < 0, HIGH, now)


def columns_of(timeline: Timeline, options: Options, webgl: bool) -> Columns:
    """The columns of a timeline: read from its Arrow table (`Timeline.arrow_table`, whose
    rows are exactly its events) for a WebGL figure with one lane per event, else from its
    events."""
    table = timeline.arrow_table
    if webgl and table is not None and options.lanes in ("kind", "none", "status"):
        return _columns_of_table(table, options.lanes, _published(timeline))
    by_event: dict[str, list[Conflict]] = {}
    for conflict in timeline.conflicts:
        by_event.setdefault(conflict.event_id, []).append(conflict)
    return columns_from_events(
        timeline.events,
        lambda e: lanes_of(e, options.lanes),
        lambda e: hover_of(e, lanes_of(e, options.lanes), by_event.get(e.id, ())),
        _now_of(timeline),
    )


def _columns_of_table(table: Any, lanes: str, published: dict[str, int]) -> Columns:
    """Columns read from the timeline's Arrow table: the large-figure fast path."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if lanes == "kind":
        names = pc.if_else(pc.equal(table["kind"], ""), "other", table["kind"])
    elif lanes == "status":
        names = table["status"]
    else:
        names = pa.array(["events"] * table.num_rows)
    if isinstance(names, pa.ChunkedArray):
        names = names.combine_chunks()
    return columns_from_table(table, names, _table_hover(table), _table_now(table, published))


def _table_hover(table: Any) -> Any:
    """`hover_of` of every row of an events table, vectorised with Arrow (same text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    esc = style.text_column

    # every citation formatted as `style.cite` does, on the flattened column, then joined
    # back per event (exactly "; ".join(...) of the object path)
    column = table["citations"].combine_chunks()
    offsets = np.asarray(column.offsets)
    flat = column.flatten()
    source, locator, wording = (flat.field(k) for k in ("source", "locator", "wording"))
    where = pc.if_else(
        pc.equal(locator, ""), source, pc.binary_join_element_wise(source, locator, ", ")
    )
    one = pc.if_else(
        pc.equal(wording, ""), where, pc.binary_join_element_wise(where, ": “", wording, "”", "")
    )

    def per_event(values: Any, starts: Any, empty: str) -> Any:
        lists = pa.ListArray.from_arrays(pa.array(starts, pa.int32()), values)
        joined = pc.binary_join(lists, "; ")
        return pc.if_else(pc.equal(joined, ""), empty, joined)

    def shortened(column: Any, chars: int) -> Any:
        """`style.shorten` of every string (the same cut and ellipsis)."""
        cut = pc.binary_join_element_wise(pc.utf8_slice_codeunits(column, 0, chars - 1), "…", "")
        return pc.if_else(pc.less_equal(pc.utf8_length(column), chars), column, cut)

    def optional(column: Any, before: str, after: str) -> Any:
        """``before + text + after`` of a non-empty text, shortened and escaped; else ""."""
        shown = pc.binary_join_element_wise(before, esc(shortened(column, 160)), after, "")
        return pc.if_else(pc.equal(column, ""), "", shown)

    cited = per_event(one, offsets, "(uncited)")
    has_end = table["has_end"]
    # a checked table's wording is never empty (`timeline.io.arrow`), as a date's text is not
    start, end = table["start_text"], table["end_text"]
    when = pc.if_else(has_end, pc.binary_join_element_wise(start, " to ", end, ""), start)
    joined = pc.binary_join_element_wise(
        "<b>",
        esc(table["title"]),
        "</b><br>",
        esc(when),
        "<br>cited: ",
        esc(cited),
        "<br>status: ",
        table["status"],
        optional(table["description"], "<br>", ""),
        optional(table["note"], "<br><i>", "</i>"),
        "",
    )
    return joined.to_numpy(zero_copy_only=False)


def eras_of(timeline: Timeline) -> list[tuple[int, int, str]]:
    """Eras as (first day, day after the last, title); an era without an end runs to the
    axis's end."""
    eras = []
    for era in timeline.eras:
        first = era.start.earliest or era.start.core_earliest
        if first is None:
            continue
        last = era.end.latest if era.end is not None else None
        eras.append((first.toordinal(), last.toordinal() + 1 if last else HIGH, era.title))
    return eras


def table_rows(timeline: Timeline, columns: Columns) -> list[list[str]]:
    """The rows of the page's text alternative: date, title, status, sources (plain text)."""
    rows = []
    for event in timeline.events[:ALT_ROWS]:
        rows.append(
            [
                event.date_label(),
                event.title,
                event.status.value,
                style.cite_all(event.citations),
            ]
        )
    return rows
