"""The guided notebooks run top to bottom without an error, and do what they say."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import needs_chromium

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _execute(path: Path) -> Any:
    """The notebook at ``path`` (committed without outputs), executed in its own folder by a
    kernel that imports this checkout's ``timeline``."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(path, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
    assert all(
        cell.get("execution_count") is None for cell in notebook.cells if cell.cell_type == "code"
    )
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv(
            "PYTHONPATH",
            os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p),
        )
        client.execute()
    return notebook


def _outputs(notebook: Any) -> list[Any]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def _printed(notebook: Any) -> str:
    return "".join(o.text for o in _outputs(notebook) if o.output_type == "stream")


def test_explore_notebook_runs_top_to_bottom() -> None:
    notebook = _execute(NOTEBOOKS / "explore.ipynb")
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o.output_type == "error"]
    rich = [o for o in outputs if o.output_type == "execute_result"]
    assert any("text/html" in o.data for o in rich)  # the timeline's table


@pytest.fixture(scope="module")
def own_data(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    """your-own-data.ipynb executed once, writing its files into a temporary folder."""
    needs_chromium()  # the PNG and SVG go through kaleido, which drives a Chromium
    folder = tmp_path_factory.mktemp("notebook-out")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TIMELINE_OUT", str(folder))
        notebook = _execute(NOTEBOOKS / "your-own-data.ipynb")
    yield notebook, folder / "your-own-data"


def _ids(path: Path, column: str) -> set[str]:
    with path.open(encoding="utf-8", newline="") as stream:
        return {row[column] for row in csv.DictReader(stream)}


def test_own_data_notebook_runs_without_an_error(own_data: tuple[Any, Path]) -> None:
    notebook, _ = own_data
    errors = [o for o in _outputs(notebook) if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]


def test_own_data_notebook_shows_the_conflicts_and_their_resolutions(
    own_data: tuple[Any, Path],
) -> None:
    printed = _printed(own_data[0])
    # the two files share one event, the fire; they disagree on its end and its title
    assert "8 events, 2 conflicts" in printed
    assert "great-fire.end: rule: no reading makes every version true" in printed
    assert "great-fire.title: sources: told by 3 sources" in printed
    assert "2 conflicts, 0 unresolved" in printed
    assert "took '6 September 1666 O.S.' [by resolution" in printed
    assert "took 'Great Fire of London' [by resolution" in printed
    # a bad frame is reported whole: both typos at once
    assert "DataFrame: 2 problems" in printed and "'septembr' is not a month name" in printed
    # CSV refuses to drop the versions and resolutions, and says so
    assert "CSV cannot hold the versions of 1 merged event" in printed


def test_own_data_notebook_converts_old_style_dates(own_data: tuple[Any, Path]) -> None:
    printed = _printed(own_data[0])
    # 2 September 1666 in England's Julian calendar is 12 September in the Gregorian
    assert "Gregorian bounds: 1666-09-12 to 1666-09-15 | written in: julian" in printed


def test_own_data_notebook_writes_every_file(own_data: tuple[Any, Path]) -> None:
    out = own_data[1]
    page = (out / "london.html").read_text(encoding="utf-8")
    assert "Great Fire of London" in page and "Plotly.newPlot" in page
    png = (out / "london.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20_000
    svg = (out / "london.svg").read_text(encoding="utf-8")
    assert "<svg" in svg[:400] and "Pepys buries his wine" in svg
    assert (out / "london.toml").stat().st_size > 1_000
    assert not (out / "london.csv").exists()  # refused, not half written


def test_own_data_notebook_exports_one_slide_per_event(own_data: tuple[Any, Path]) -> None:
    data = json.loads((own_data[1] / "london-timelinejs.json").read_text(encoding="utf-8"))
    events = _ids(NOTEBOOKS / "data" / "london-witnesses.csv", "id")
    events |= _ids(NOTEBOOKS / "data" / "london-histories.csv", "key")
    slides = data["events"]
    assert len(slides) == len(events) == 8
    assert {s["unique_id"] for s in slides} == events
    fire = next(s for s in slides if s["unique_id"] == "great-fire")
    assert fire["start_date"] == {"year": 1666, "month": 9, "day": 12}
    assert fire["end_date"] == {"year": 1666, "month": 9, "day": 16}  # the resolved end
    assert fire["text"]["headline"] == "Great Fire of London"
    assert "(Julian: 2 September 1666 O.S.)" in fire["display_date"]


def test_own_data_notebook_round_trips_through_toml(own_data: tuple[Any, Path]) -> None:
    import timeline

    saved = timeline.load(own_data[1] / "london.toml")
    assert len(saved) == 8 and len(saved.resolutions) == 2
    ends = {v.end.text for v in saved.versions_of("great-fire") if v.end is not None}
    assert ends == {"5 September 1666 O.S.", "6 September 1666 O.S."}  # both versions kept
    # the spreadsheet's "note" column was read without a mapping: it has the field's name
    assert saved["plague-first-deaths"].note.startswith("Defoe's Journal is a historical novel")
