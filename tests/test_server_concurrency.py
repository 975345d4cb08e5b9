"""Issue 16: the real `xxgk serve` (gunicorn, 4 workers) under concurrent intake and reading.

Before the fix, on PostgreSQL, the workers shared the master's database connection (opened
by the calendar system check): 500s, and results landing in another worker's query. This
test posts 800 applications from 8 clients (400 on SQLite) while 2 more read public pages, on whichever
database XXGK_DATABASE_URL names (a scratch database beside it; SQLite by default).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from xxgk.testing_server import (
    Response,
    ScratchDatabase,
    Server,
    application_body,
    assert_complete_cases,
    post_application,
    request,
    run_step,
    scratch_database,
)

pytestmark = pytest.mark.slow

WORKERS = 4
CLIENTS = 8
# 800 applications on PostgreSQL (CI). SQLite has one writer at a time: half as many keep
# the default `make test` short while still overlapping every worker's transactions.
PER_CLIENT = {"postgresql": 100, "sqlite": 50}
READERS = 2


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ScratchDatabase, dict, Server]]:
    with scratch_database(os.environ.get("XXGK_DATABASE_URL"), tmp_path / "data") as db:
        info = run_step(db, "prepare")
        server = Server(db, workers=WORKERS)
        server.start()
        try:
            yield db, info, server
        finally:
            server.stop()


def _page_checks(info: dict) -> list[tuple[str, list[str], list[str]]]:
    """(url, texts that must appear, texts that must not) for the public pages read."""
    one, two = info["items"]
    agency = info["agency"]
    return [
        (f"/{agency}/proactive/", [one["title"], two["title"]], []),
        (one["url"], [one["title"]], [two["title"]]),
        (two["url"], [two["title"]], [one["title"]]),
        # Search marks the matched words inside the title: look for the link instead.
        (f"/search/?q={quote(one['word'])}", ["共找到 1 条结果", f'"{one["url"]}"'], [two["url"]]),
        (f"/search/?q={quote(two['word'])}", ["共找到 1 条结果", f'"{two["url"]}"'], [one["url"]]),
    ]


def test_four_workers_take_800_concurrent_applications_and_serve_pages_right(
    served: tuple[ScratchDatabase, dict, Server],
) -> None:
    db, info, server = served
    per_client = PER_CLIENT[db.vendor]
    keys = {c: [f"c{c}-{i}" for i in range(per_client)] for c in range(CLIENTS)}
    answers: dict[str, Response] = {}
    failures: list[str] = []  # requests the server did not answer at all
    reads: list[tuple[str, int, bool]] = []  # (url, status, shows the right item)
    posting_done = threading.Event()

    def post_all(client: int) -> None:
        for i, key in enumerate(keys[client]):
            n = client * per_client + i
            try:
                answers[key] = post_application(
                    server.port, key, application_body(info["agency"], n)
                )
            except OSError as exc:
                failures.append(f"POST {key}: {exc!r}")

    def read_pages() -> None:
        checks = _page_checks(info)
        while not posting_done.is_set():
            for url, wanted, unwanted in checks:
                try:
                    r = request(server.port, "GET", url)
                except OSError as exc:
                    failures.append(f"GET {url}: {exc!r}")
                    continue
                right = all(w in r.text for w in wanted) and not any(u in r.text for u in unwanted)
                reads.append((url, r.status, right))

    posters = [threading.Thread(target=post_all, args=(c,)) for c in range(CLIENTS)]
    readers = [threading.Thread(target=read_pages) for _ in range(READERS)]
    start = time.monotonic()
    for t in [*readers, *posters]:
        t.start()
    for t in posters:
        t.join()
    posting_done.set()
    for t in readers:
        t.join()

    statuses = Counter(r.status for r in answers.values())
    log = server.log_tail()
    summary = f"posted {len(answers)}: {dict(statuses)}; unanswered {len(failures)}"
    sys.stdout.write(f"{summary} in {time.monotonic() - start:.1f} s; {len(reads)} pages read\n")
    assert failures == [], f"server log:\n{log}\n{summary}"
    assert [s for s in statuses if s >= 500] == [], f"server log:\n{log}\n{summary}"
    assert statuses == {201: CLIENTS * per_client}, f"server log:\n{log}\n{summary}"
    bad_reads = Counter(
        (url, status, right) for url, status, right in reads if not (status == 200 and right)
    )
    assert bad_reads == Counter(), f"server log:\n{log}\n{len(reads)} reads"
    assert len(reads) >= READERS * len(_page_checks(info))

    found = run_step(db, "verify")
    all_keys = {key for client_keys in keys.values() for key in client_keys}
    assert_complete_cases(found, answers, all_keys)
