"""Headless Chromium for the page tests: Debian's browser driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext

BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing(reason: str) -> NoReturn:
    # In CI the browser is installed on purpose: its absence is a failure, not a skip.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def chromium(
    tmp_path_factory: pytest.TempPathFactory, extra_args: Sequence[str] = ()
) -> Iterator[BrowserContext]:
    """A fresh headless Chromium profile, closed on exit; skipped (failed in CI) without it."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        missing("Debian's chromium is not installed: apt-get install -y chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=executable,
            headless=True,
            args=[*BROWSER_ARGS, *extra_args],
            viewport={"width": 1280, "height": 800},
        )
        try:
            yield context
        finally:
            context.close()
