"""Issue 11 item 18: intake survives kill -9 of the real server without loss or duplicates.

`xxgk serve` takes a burst of applications with idempotency keys from several clients; the
whole process group (master and workers) is SIGKILLed midway. Restarted on the same data,
the server gets every unanswered key again. Each key must then be exactly one complete case
(submitted event, receipt letter, due date), the one its answers named, with case numbers
still unique and gap-free: a transaction cut short by the kill leaves nothing behind.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from xxgk.testing_server import (
    Response,
    Server,
    application_body,
    assert_complete_cases,
    post_application,
    run_step,
    scratch_database,
)

pytestmark = pytest.mark.slow

WORKERS = 2
CLIENTS = 4
PER_CLIENT = 30  # 120 applications
KILL_AFTER = 40  # answered applications before the kill


def _post_all(
    port: int,
    jobs: list[tuple[str, dict[str, str]]],
    answered: dict[str, Response],
    on_answer: threading.Event | None = None,
) -> None:
    """Post each job once; a request the server never answered stays out of `answered`."""
    for key, body in jobs:
        try:
            answered[key] = post_application(port, key, body, timeout=30)
        except OSError:
            continue  # the server died under this request: resent after the restart
        if on_answer is not None and len(answered) >= KILL_AFTER:
            on_answer.set()


def _in_threads(
    port: int,
    jobs: list[tuple[str, dict[str, str]]],
    answered: dict[str, Response],
    enough: threading.Event | None = None,
) -> list[threading.Thread]:
    threads = [
        threading.Thread(target=_post_all, args=(port, jobs[c::CLIENTS], answered, enough))
        for c in range(CLIENTS)
    ]
    for t in threads:
        t.start()
    return threads


def test_every_key_is_one_complete_case_after_kill_9_and_resending(tmp_path: Path) -> None:
    with scratch_database(os.environ.get("XXGK_DATABASE_URL"), tmp_path / "data") as db:
        info = run_step(db, "prepare")
        jobs = [
            (f"k9-{n}", application_body(info["agency"], n)) for n in range(CLIENTS * PER_CLIENT)
        ]
        first: dict[str, Response] = {}
        enough = threading.Event()
        server = Server(db, workers=WORKERS)
        server.start()
        try:
            threads = _in_threads(server.port, jobs, first, enough)
            assert enough.wait(timeout=300), server.log_tail()
            server.kill()
            for t in threads:
                t.join()
        finally:
            server.kill()
        unanswered = [(key, body) for key, body in jobs if key not in first]
        assert Counter(r.status for r in first.values()) == {201: len(first)}, server.log_tail()
        assert KILL_AFTER <= len(first) < len(jobs)  # killed midway

        second: dict[str, Response] = {}
        with Server(db, workers=WORKERS) as restarted:
            for t in _in_threads(restarted.port, unanswered, second):
                t.join()
        # A key whose case was committed just before the kill is found again (200).
        statuses = Counter(r.status for r in second.values())
        assert set(second) == {key for key, _ in unanswered}, restarted.log_tail()
        assert set(statuses) <= {200, 201}, (statuses, restarted.log_tail())
        sys.stdout.write(
            f"answered before the kill {len(first)}, resent {len(unanswered)}: {dict(statuses)}\n"
        )

        found = run_step(db, "verify")
    assert_complete_cases(found, {**first, **second}, {key for key, _ in jobs})
