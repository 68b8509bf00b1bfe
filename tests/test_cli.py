"""The command line: exit status, tables, every problem reported, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_list_prints_a_chronological_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(ROOT / "data" / "events.toml")]) == 0
    out = capsys.readouterr().out
    assert "events" in out.splitlines()[0]
    assert out.index("7 May 1875") < out.index("24 February 2022")


def test_validate_reports_every_problem_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[events]]\nid = "x"\nstart = "2023-02-30"\n', encoding="utf-8")
    assert main(["validate", str(bad), str(ROOT / "data" / "events.toml")]) == 1
    captured = capsys.readouterr()
    assert (
        "2 problems" in captured.err and "2023-02-30" in captured.err and "'title'" in captured.err
    )
    assert "events.toml: ok" in captured.out


def test_list_of_a_bad_file_is_an_error_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("title = [", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "timeline", "list", str(bad)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "valid TOML" in run.stderr


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["frobnicate"])
    assert caught.value.code == 2


def test_merge_writes_the_merged_file_and_reports_conflicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "merged.toml"
    files = [str(ROOT / "data" / "events.toml"), str(ROOT / "data" / "record.toml")]
    assert main(["merge", *files, "-o", str(out)]) == 0
    report = capsys.readouterr().out
    assert "4 conflicts (0 unresolved), 4 resolutions" in report
    assert "conflict: sakhalin-kurils-1875.title" in report and "[by resolution: " in report
    import timeline

    assert timeline.load(out) == timeline.load(*files)
    # every conflict of the data set is settled by a resolution: strict passes
    assert main(["merge", *files, "-o", str(out), "--strict"]) == 0
