"""Online intake through the API under the real server (`xxgk serve`, 2 and 4 workers).

The demo's data is loaded into a scratch database (SQLite; PostgreSQL too when
XXGK_BENCH_PG_URL names a server: the bench creates and drops its own database there).
Client processes then post applications with distinct idempotency keys for a fixed time.
Reported: applications/s and p95 latency, as a ratio of the same server's rate for a POST
it rejects at once (invalid body, 400: HTTP, middleware, JSON, no database work), measured
in the same run by the same clients. Finally the cases are counted: every acknowledged key
is one case in the database, with no duplicates and nothing lost.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from xxgk.testing_server import (
    ROOT,
    ScratchDatabase,
    Server,
    application_body,
    post_application,
    request,
    scratch_database,
)

GOAL = 300  # applications/s (issue 17)
AGENCY = "大冶市科技局"


def client(port: int, seconds: float, prefix: str, mode: str, seed: int) -> dict[str, object]:
    """One client process: post until `seconds` are up; the last request is completed."""
    acked: list[str] = []
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    n = 0
    start = time.monotonic()
    deadline = start + seconds
    while time.monotonic() < deadline:
        n += 1
        key = f"{prefix}-{n}"
        try:
            if mode == "intake":
                r = post_application(port, key, application_body(AGENCY, seed * 100_000 + n))
            else:
                r = request(port, "POST", "/api/v1/applications", body={})
        except OSError:
            errors += 1
            continue
        statuses[r.status] = statuses.get(r.status, 0) + 1
        latencies.append(r.seconds)
        if mode == "intake" and r.status in (200, 201):
            acked.append(key)
    return {
        "acked": acked,
        "latencies": latencies,
        "statuses": statuses,
        "errors": errors,
        "elapsed": time.monotonic() - start,
    }


def _load(port: int, clients: int, seconds: float, prefix: str, mode: str) -> dict[str, object]:
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bench.bench_intake",
                "--client",
                str(port),
                str(seconds),
                f"{prefix}-c{c}",
                mode,
                str(c),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for c in range(clients)
    ]
    outs = [json.loads(p.communicate()[0]) for p in procs]
    # Each client's own loop time: the start-up of the client processes is not counted.
    elapsed = max(o["elapsed"] for o in outs)
    latencies = sorted(x for o in outs for x in o["latencies"])
    statuses: dict[str, int] = {}
    for o in outs:
        for status, count in o["statuses"].items():
            statuses[status] = statuses.get(status, 0) + count
    return {
        "rate": len(latencies) / elapsed,
        "p95": latencies[int(len(latencies) * 0.95)] if latencies else float("nan"),
        "statuses": statuses,
        "errors": sum(o["errors"] for o in outs),
        "acked": [k for o in outs for k in o["acked"]],
    }


def _count(db: ScratchDatabase, prefix: str, acked: list[str]) -> tuple[int, int, int, int]:
    """(in database, duplicated keys, acknowledged but missing, stored but unacknowledged)."""
    from xxgk.testing_server import run_step

    cases = {k: v for k, v in run_step(db, "verify")["cases"].items() if k.startswith(prefix)}
    dup = sum(1 for v in cases.values() if len(v) > 1)
    lost = len(set(acked) - set(cases))
    extra = len(set(cases) - set(acked))
    return len(cases), dup, lost, extra


def _bench_database(db: ScratchDatabase, seconds: float, workers_list: list[int]) -> list[str]:
    demo = subprocess.run(
        [sys.executable, "-m", "xxgk.cli", "demo", "--no-serve"],
        cwd=ROOT,
        env=db.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if demo.returncode != 0:
        return [f"基准失败：{db.vendor} 演示数据：{demo.stderr[-500:]}"]
    lines = []
    for workers in workers_list:
        clients = 2 * workers  # keep every worker busy while the others wait on the network
        with Server(db, workers=workers) as server:
            base = _load(server.port, clients, max(3.0, seconds / 2), f"b{workers}", "reject")
            prefix = f"w{workers}"
            got = _load(server.port, clients, seconds, prefix, "intake")
        stored, dup, lost, extra = _count(db, prefix, got["acked"])
        lines.append(
            f"{db.vendor}, {workers} workers, {clients} client processes, {seconds:.0f} s: "
            f"intake {got['rate']:.1f}/s, p95 {got['p95'] * 1000:.0f} ms "
            f"= {got['rate'] / base['rate']:.2f} × rejected POST ({base['rate']:.0f}/s, "
            f"p95 {base['p95'] * 1000:.0f} ms); goal ≥ {GOAL}/s"
        )
        lines.append(
            f"  statuses {got['statuses']}, unanswered {got['errors']}; acknowledged "
            f"{len(got['acked'])}, in database {stored}, duplicates {dup}, lost {lost}, "
            f"stored unacknowledged {extra}"
        )
    return lines


def run(quick: bool) -> list[str]:
    seconds = 5.0 if quick else 20.0
    lines = []
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-intake-") as tmp:
        targets: list[str | None] = [None]
        if os.environ.get("XXGK_BENCH_PG_URL"):
            targets.append(os.environ["XXGK_BENCH_PG_URL"])
        for i, url in enumerate(targets):
            with scratch_database(url, Path(tmp) / f"db{i}") as db:
                lines += _bench_database(db, seconds, [2, 4])
    return lines


if __name__ == "__main__" and len(sys.argv) == 7 and sys.argv[1] == "--client":
    out = client(int(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6]))
    sys.stdout.write(json.dumps(out) + "\n")
