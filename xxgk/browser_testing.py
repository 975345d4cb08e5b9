"""Shared set-up of the real-browser tests (Debian's Chromium driven by Playwright, no download).

`pytest -m browser` runs them. Without /usr/bin/chromium they are skipped with a visible reason on
a developer's machine; under CI (``CI=true``) or ``XXGK_FORBID_SKIPS=1`` they are not skipped but
fail, so CI can never pass without really running them (`.ci/run` installs Debian's chromium).
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop; Django must allow ORM calls in the test thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying hosts this closed network refuses.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def _browser_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get(
        "XXGK_FORBID_SKIPS", ""
    ).strip() in {"1", "true", "yes"}


BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not _browser_required(),
        reason=f"浏览器测试已跳过：未找到 {CHROMIUM}（apt-get install chromium）",
    ),
    pytest.mark.django_db(transaction=True),
]


@contextmanager
def chromium_browser() -> Iterator[Any]:
    """Yield a launched headless Chromium; each user gets its own context from it."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, *, width: int = 1100, height: int = 900) -> Any:
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = context.new_page()
    # Generous: a loaded 2-core CI machine renders slowly; a real failure still fails.
    page.set_default_timeout(30_000)
    return page
