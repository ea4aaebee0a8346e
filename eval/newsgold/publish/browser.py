"""Debian's Chromium, headless, through Playwright for Python: for the viewer's test and screenshots.

Never ``playwright install``: the browser is the system's ``/usr/bin/chromium``
(``apt-get install chromium``), started with networking features off and a fresh
profile. ``playwright`` is imported when a browser is launched.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
ARGS: tuple[str, ...] = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync")


def chromium_path() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


@contextmanager
def browser_context(profile_dir: Path, width: int = 1100, height: int = 760) -> Iterator[object]:
    """A Playwright browser context of the system Chromium with a fresh profile in ``profile_dir``."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile_dir), executable_path=executable, headless=True, args=list(ARGS),
            viewport={"width": width, "height": height}, device_scale_factor=1, offline=True)
        try:
            yield context
        finally:
            context.close()
