"""Formats by suffix: nothing is written or read under a format it is not in, files get the
permissions a user expects, and the command line fails clearly (or quietly, for a closed pipe)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import timeline
from timeline import UnsupportedFormatError, ValidationError

ROOT = Path(__file__).resolve().parent.parent
EVENTS = ROOT / "data" / "events.toml"


@pytest.mark.parametrize("name", ["x.txt", "x", "x.png", "x.xlsx"])
def test_dump_refuses_a_suffix_no_format_writes(tmp_path: Path, name: str) -> None:
    tl = timeline.load(EVENTS)
    with pytest.raises(UnsupportedFormatError, match=r"supported: toml \(\.toml\), parquet"):
        timeline.dump(tl, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_load_refuses_a_file_of_a_shared_suffix_that_has_no_format_s_shape(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.json"
    path.write_text('{"head": {"vars": []}, "rows": []}', encoding="utf-8")
    with pytest.raises(
        UnsupportedFormatError, match=r"is not a file of timelinejs or wikidata"
    ) as caught:
        timeline.load(path)
    assert str(path) in str(caught.value) and "supported: toml" in str(caught.value)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="valid JSON"):
        timeline.load(path)


def test_a_file_that_is_not_what_its_suffix_says_names_the_format_tried(tmp_path: Path) -> None:
    path = tmp_path / "events.toml"
    path.write_text("id,title,start\nsiege,Siege of Candia,1648\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        timeline.load(path)
    message = str(caught.value)
    assert str(path) in message and "valid TOML: read as toml, as its suffix says" in message
    assert "formats read: toml (.toml)" in message and "csv (.csv)" in message
    # asked for by name, it is read as what it is
    assert [e.title for e in timeline.load(path, format="csv")] == ["Siege of Candia"]
    with pytest.raises(UnsupportedFormatError, match="cannot read the format 'xml'"):
        timeline.load(path, format="xml")


def test_a_shared_suffix_is_read_by_shape_and_written_only_as_asked(tmp_path: Path) -> None:
    tl = timeline.Timeline(
        [
            timeline.Event(id="candia", title="Siege of Candia ends", start="27 September 1669"),
            timeline.Event(id="vienna", title="Second siege of Vienna", start="July 1683"),
        ]
    )
    timeline.dump(tl, tmp_path / "ours.csv")
    timeline.dump(tl, tmp_path / "sheet.csv", format="timelinejs-sheet")
    assert (tmp_path / "ours.csv").read_text().startswith("id,title,start")
    assert (tmp_path / "sheet.csv").read_text().startswith("Year,Month,Day")
    assert timeline.load(tmp_path / "ours.csv") == tl
    sheet = timeline.load(tmp_path / "sheet.csv")
    assert [(e.title, e.start.to_edtf()) for e in sheet] == [
        (e.title, e.start.to_edtf()) for e in tl
    ]
    timeline.dump(tl, tmp_path / "story.json")
    assert [e.id for e in timeline.load(tmp_path / "story.json")] == [e.id for e in tl]


def test_an_export_says_what_it_leaves_out(tmp_path: Path) -> None:
    merged = timeline.load(EVENTS, ROOT / "data" / "record.toml")
    with pytest.warns(timeline.LossyExportWarning, match="leaves out the versions of") as said:
        timeline.dump(merged, tmp_path / "story.json")
    assert "resolutions" in str(said[0].message) and "era" not in str(said[0].message)
    assert len(timeline.load(tmp_path / "story.json")) == len(merged)


def test_a_missing_or_corrupt_parquet_file_is_a_validation_error(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    with pytest.raises(ValidationError, match="there is no such file"):
        timeline.load(tmp_path / "missing.parquet")
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(ValidationError, match="a Parquet file of the timeline schema"):
        timeline.load(bad)


@pytest.mark.parametrize("name", ["out.toml", "out.parquet"])
def test_written_files_get_the_permissions_of_a_new_file_or_of_the_one_they_replace(
    tmp_path: Path, name: str
) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    tl = timeline.load(EVENTS)
    old = os.umask(0o022)
    try:
        timeline.dump(tl, tmp_path / name)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644
    (tmp_path / name).chmod(0o640)
    timeline.dump(tl, tmp_path / name)
    assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640
    assert timeline.load(tmp_path / name) == tl


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline", *args], capture_output=True, text=True, check=False
    )


def test_the_command_line_names_a_missing_file_and_what_it_expected(tmp_path: Path) -> None:
    done = _cli("list", str(tmp_path / "missing.toml"))
    assert done.returncode == 1
    assert "missing.toml" in done.stderr and "there is no such file" in done.stderr
    done = _cli("merge", str(EVENTS), "-o", str(tmp_path / "merged.xml"))
    assert done.returncode == 1 and "cannot write '.xml' files" in done.stderr
    done = _cli("render", str(EVENTS), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and "cannot render '.pdf'; supported: an HTML page" in done.stderr


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    command = f"{sys.executable} -m timeline list {EVENTS} | head -1"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert done.stdout.startswith(str(EVENTS))
    assert done.stderr == "" and done.returncode == 0


def test_a_csv_file_is_read_and_written_by_suffix_but_never_loses_anything(
    tmp_path: Path,
) -> None:
    plain = timeline.load(ROOT / "tests" / "data" / "dutch-trade.csv")
    assert len(plain) > 0
    timeline.dump(plain, tmp_path / "copy.csv")
    assert timeline.load(tmp_path / "copy.csv") == plain
    merged = timeline.load(EVENTS, ROOT / "data" / "record.toml")
    with pytest.raises(timeline.LossyFormatError, match="cannot hold the versions of") as caught:
        timeline.dump(merged, tmp_path / "merged.csv")
    assert "resolutions" in str(caught.value) and "write .toml or .parquet" in str(caught.value)
    assert not (tmp_path / "merged.csv").exists()


def _simple() -> timeline.Timeline:
    """Candia and Vienna, written from scratch: no merged versions, eras or source details,
    so every format can hold all of it."""
    return timeline.Timeline(
        [
            timeline.Event(id="candia", title="Candia surrenders", start="27 September 1669"),
            timeline.Event(
                id="vienna", title="Siege of Vienna", start="14 July 1683", end="12 September 1683"
            ),
            timeline.Event(id="karlowitz", title="Treaty of Karlowitz", start="c. 1699"),
        ]
    )


def test_a_symbolic_link_is_written_through_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    timeline.dump(timeline.Timeline(), real)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    timeline.dump(_simple(), link)
    assert link.is_symlink() and timeline.load(real) == _simple()


@pytest.mark.parametrize("name", ["out.toml", "out.csv", "out.json", "page.html"])
def test_a_target_that_cannot_be_written_is_named_and_nothing_is_left(
    tmp_path: Path, name: str
) -> None:
    from timeline.plotting import plot, write_html

    def write(path: Path) -> None:
        if name.endswith(".html"):
            write_html(plot(_simple()), path)
        else:
            timeline.dump(_simple(), path)

    (tmp_path / name).mkdir()
    with pytest.raises(timeline.FileWriteError, match="it is a folder") as caught:
        write(tmp_path / name)
    assert isinstance(caught.value, OSError) and str(tmp_path / name) in str(caught.value)
    with pytest.raises(timeline.FileWriteError, match="its folder does not exist"):
        write(tmp_path / "missing" / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    from timeline.io.formats import atomic_write

    target = tmp_path / "kept.toml"
    timeline.dump(_simple(), target)
    before = target.read_bytes()

    def fail(stream: object) -> None:
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        atomic_write(target, fail)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kept.toml"]


_FILES = {  # a file of each format that reads and writes, and how to ask for it
    "toml": ("x.toml", []),
    "parquet": ("x.parquet", []),
    "csv": ("x.csv", []),
    "edtf-csv": ("edtf.csv", ["--to", "edtf-csv"]),
    "timelinejs-sheet": ("sheet.csv", ["--to", "timelinejs-sheet"]),
    "timelinejs": ("x.json", []),
    "linkedart": ("x.jsonld", []),
}


@pytest.mark.parametrize(("source", "target"), [(a, b) for a in _FILES for b in _FILES])
def test_convert_goes_between_every_pair_of_formats(
    tmp_path: Path, source: str, target: str
) -> None:
    pytest.importorskip("pyarrow")
    tl = _simple()
    (tmp_path / "in").mkdir()
    first = tmp_path / "in" / _FILES[source][0]
    timeline.dump(tl, first, format=source)
    out = tmp_path / _FILES[target][0]
    done = _cli("convert", str(first), str(out), *_FILES[target][1])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: 3 events"
    back = timeline.load(out)
    # every format holds the titles and each date's outer bounds
    assert [(e.title, e.start.earliest, e.start.latest, e.end and e.end.latest) for e in back] == [
        (e.title, e.start.earliest, e.start.latest, e.end and e.end.latest) for e in tl
    ]
    # and all but Linked Art (which has no "circa") the date itself
    if "linkedart" not in (source, target):
        assert [e.start.to_edtf() for e in back] == [e.start.to_edtf() for e in tl]


def test_write_only_and_read_only_formats_are_refused_the_other_way(tmp_path: Path) -> None:
    done = _cli("convert", str(EVENTS), str(tmp_path / "items.json"), "--to", "vis")
    assert done.returncode == 0 and "leaves out the details of" in done.stderr
    assert '"items"' in (tmp_path / "items.json").read_text()
    with pytest.raises(UnsupportedFormatError, match="cannot read the format 'vis'"):
        timeline.load(tmp_path / "items.json", format="vis")
    with pytest.raises(UnsupportedFormatError, match="cannot write the format 'wikidata'"):
        timeline.dump(_simple(), tmp_path / "w.json", format="wikidata")


def test_wikidata_json_is_read_by_its_shape(tmp_path: Path) -> None:
    data = ROOT / "tests" / "data" / "wikidata"
    for name in ("written-entities.json", "written-sparql.json"):
        path = tmp_path / name
        path.write_bytes((data / name).read_bytes())
        tl = timeline.load(path)
        assert len(tl) > 5 and all(e.citations for e in tl)
    (tmp_path / "both.json").write_text('{"entities": {}, "events": []}', encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match="timelinejs and wikidata alike"):
        timeline.load(tmp_path / "both.json")


@pytest.mark.parametrize(
    ("name", "format"), [("x.csv", "timelinejs"), ("w.toml", "csv"), ("w.parquet", "toml")]
)
def test_no_format_is_written_under_another_format_s_suffix(
    tmp_path: Path, name: str, format: str
) -> None:
    with pytest.raises(UnsupportedFormatError, match=f"cannot write {format} .* into a"):
        timeline.dump(_simple(), tmp_path / name, format=format)
    assert list(tmp_path.iterdir()) == []
    done = _cli("convert", str(EVENTS), str(tmp_path / name), "--to", format)
    assert done.returncode == 1 and "cannot write" in done.stderr


def test_a_json_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    timeline.dump(_simple(), path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(timeline.load(path)) == 3


_READ = {  # a file name and the --format that reads it, for every format read
    "toml": "x.toml",
    "parquet": "x.parquet",
    "csv": "x.csv",
    "edtf-csv": "x.csv",
    "timelinejs-sheet": "x.csv",
    "timelinejs": "x.json",
    "linkedart": "x.jsonld",
    "wikidata": "x.json",
    "wikidata-sparql": "x.json",
}


def test_every_format_that_reads_is_covered_here() -> None:
    from timeline.io.formats import FORMATS

    assert sorted(_READ) == sorted(f.name for f in FORMATS if f.readable)


@pytest.mark.parametrize("format", sorted(_READ))
@pytest.mark.parametrize("content", ["missing", "folder", "empty", "binary", "truncated"])
def test_a_bad_file_of_any_format_is_one_clear_line_from_the_command_line(
    tmp_path: Path, format: str, content: str
) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / _READ[format]
    if content == "folder":
        path.mkdir()
    elif content == "empty":
        path.write_bytes(b"")
    elif content == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif content == "truncated":
        good = tmp_path / "good" / _READ[format]
        good.parent.mkdir()
        timeline.dump(_simple(), good, format="timelinejs" if "wiki" in format else format)
        path.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    if content == "empty" and format == "toml":  # an empty TOML file is an empty timeline
        assert len(timeline.load(path)) == 0
        return
    done = _cli("list", str(path), "--format", format)
    if content == "truncated" and format in ("csv", "edtf-csv", "timelinejs-sheet"):
        # half a CSV file may still be a good one (fewer rows); the rest must not be
        assert done.returncode in (0, 1) and "Traceback" not in done.stderr
        return
    with pytest.raises(timeline.TimelineError):
        timeline.load(path, format=format)
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr and done.stderr.startswith(f"timeline: {path}")


def test_not_this_format_is_said_of_files_that_do_not_parse_and_only_of_them(
    tmp_path: Path,
) -> None:
    (tmp_path / "x.json").write_text("id,title,start\na,A,1700\n", encoding="utf-8")
    (tmp_path / "x.csv").write_bytes(b"\xff\xfe\x00binary")
    (tmp_path / "twice.csv").write_text("id,title,start,start\na,A,1700,1700\n", encoding="utf-8")
    for name, said in (
        ("x.json", "read as timelinejs or wikidata or wikidata-sparql, as its suffix says"),
        ("x.csv", "read as csv or edtf-csv or timelinejs-sheet, as its suffix says"),
    ):
        with pytest.raises(ValidationError, match=said):
            timeline.load(tmp_path / name)
    with pytest.raises(ValidationError) as caught:  # a CSV file with a CSV problem
        timeline.load(tmp_path / "twice.csv")
    assert "read as" not in str(caught.value) and "each column once" in str(caught.value)


def test_a_custom_fuzziness_is_named_by_the_timelinejs_warning_and_names_any_case(
    tmp_path: Path,
) -> None:
    from timeline.parsing.fuzziness import read_fuzziness

    wide = timeline.FuzzyDate.parse("c. 1660", fuzziness=read_fuzziness({"year": "2 years"}))
    tl = timeline.Timeline([timeline.Event(id="a", title="A", start=wide)])
    with pytest.warns(timeline.LossyExportWarning, match="the custom fuzziness of 1 date"):
        timeline.dump(tl, tmp_path / "x.json", format="TimelineJS")
