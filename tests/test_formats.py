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


@pytest.mark.parametrize("name", ["x.json", "x.txt", "x", "x.png", "x.xlsx"])
def test_dump_refuses_a_suffix_no_format_writes(tmp_path: Path, name: str) -> None:
    tl = timeline.load(EVENTS)
    with pytest.raises(UnsupportedFormatError, match=r"expected a path ending in \.toml"):
        timeline.dump(tl, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_load_refuses_a_suffix_no_format_reads(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text('{"events": []}', encoding="utf-8")
    with pytest.raises(UnsupportedFormatError, match=r"cannot read '\.json' files"):
        timeline.load(path)


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
    done = _cli("merge", str(EVENTS), "-o", str(tmp_path / "merged.json"))
    assert done.returncode == 1 and "cannot write '.json' files" in done.stderr
    done = _cli("render", str(EVENTS), "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and "cannot render '.pdf' files" in done.stderr


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
