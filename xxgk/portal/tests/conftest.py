from __future__ import annotations

from collections.abc import Iterator

from django.core.cache import cache

import pytest


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate limits and single-use challenges live in the cache: no test may see another's.
    cache.clear()
    yield
    cache.clear()


CHROMIUM = "/usr/bin/chromium"  # same path as test_browser.CHROMIUM


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Say plainly when the browser tests did not run (make test prints only "skipped")."""
    import os

    if not os.path.exists(CHROMIUM):
        terminalreporter.write_line(  # type: ignore[attr-defined]
            f"注意：未找到 {CHROMIUM}，浏览器测试（-m browser）已跳过。"
            "安装 Debian 的 chromium 后再运行：apt-get install chromium",
            yellow=True,
        )
