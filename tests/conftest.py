"""Hypothesis profiles (`ci` by default, `thorough` with HYPOTHESIS_PROFILE=thorough) and the
one headless Chromium that every browser test shares."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
"""The system Chromium (Debian's package); browser tests skip without it, except in CI."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def needs_chromium() -> None:
    """Skip the calling test where no Chromium is installed; in CI, fail instead."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            raise RuntimeError("CI must run the browser tests: .ci/run installs Debian's chromium")
        pytest.skip("needs a Chromium (apt install chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium (Playwright) for the whole test session."""
    needs_chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser: Any, path: Path, width: int = 1400) -> tuple[Any, list[str], list[str]]:
    """A tab showing the page once Plotly has drawn it, with the lists that collect its console
    errors and the messages of any dialogs (``alert``) it opens (each dismissed)."""
    page = browser.new_page(viewport={"width": max(width + 60, 420), "height": 1000})
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(".js-plotly-plot .nsewdrag", state="attached")
    page.wait_for_timeout(200)
    return page, errors, dialogs
