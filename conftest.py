"""Shared fixtures and suite-wide guards.

- ``world``: the two-agency world of personas (xxgk/testing.py).
- ``XXGK_TEST_CLOCK_SHIFT_DAYS=N``: the whole run happens N days in the future (time_machine,
  clock ticking). CI runs the suite once at today's date and once a year ahead, which proves
  that every test depending on "today" freezes its own time.
- ``XXGK_FORBID_SKIPS=1`` (set by CI): a skipped test fails the run. Nothing may skip quietly
  in CI: missing test data is an error, and the browser tests must really run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from xxgk.testing import World, make_world

_SKIPPED: list[str] = []
_CLOCK: Any = None


def clock_shift_days() -> int:
    raw = os.environ.get("XXGK_TEST_CLOCK_SHIFT_DAYS", "").strip()
    if not raw:
        return 0
    try:
        return int(raw)
    except ValueError:
        raise pytest.UsageError(
            f"XXGK_TEST_CLOCK_SHIFT_DAYS 应为整数天数，当前为 {raw!r}。"
        ) from None


def skips_forbidden() -> bool:
    return os.environ.get("XXGK_FORBID_SKIPS", "").strip() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    global _CLOCK
    shift = clock_shift_days()
    if shift:
        import time_machine

        # Started before any test module is imported, so module-level dates move too.
        _CLOCK = time_machine.travel(datetime.now().astimezone() + timedelta(days=shift), tick=True)
        _CLOCK.start()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CLOCK is not None:
        _CLOCK.stop()


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = []
    if clock_shift_days():
        lines.append(
            f"clock shifted by {clock_shift_days()} days: now is {datetime.now().astimezone():%Y-%m-%d}"
        )
    if skips_forbidden():
        lines.append("skipped tests fail the run (XXGK_FORBID_SKIPS)")
    return lines


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SKIPPED and skips_forbidden() and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _SKIPPED and skips_forbidden():
        terminalreporter.write_line(
            f"失败：{len(_SKIPPED)} 个测试被跳过，而 XXGK_FORBID_SKIPS 不允许跳过：", red=True
        )
        for line in _SKIPPED:
            terminalreporter.write_line(f"  {line}", red=True)


@pytest.fixture
def world(db: None) -> World:
    return make_world()


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(
    django_db_setup: None, django_db_blocker: object
) -> Iterator[None]:
    """End sessions the live-server threads of the browser tests leave open on PostgreSQL.

    Otherwise dropping the test database at the end of the run fails with "database is
    being accessed by other users". Runs before django_db_setup's teardown (it depends on it).
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _empty_page_cache() -> None:
    """Each test starts with an empty public page cache (xxgk/portal/pagecache.py): the
    test database is rolled back between tests, the in-memory cache is not."""
    from django.core.cache import caches

    caches["pages"].clear()
