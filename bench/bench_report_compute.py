"""Compute time of one agency-year (100k cases, 1M publications) vs a single GROUP BY.

Each database runs in its own process (`bench/compute_worker.py`): SQLite in a scratch
folder, and PostgreSQL too when XXGK_BENCH_PG_URL points at an empty database. The result is
the ratio compute_report / GROUP BY over the same rows, measured in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import goals

ROOT = Path(__file__).resolve().parents[1]


def _run(url: str, cases: int, publications: int, data_dir: str) -> dict[str, object]:
    env = {
        **os.environ,
        "XXGK_DATABASE_URL": url,
        "XXGK_DATA_DIR": data_dir,
        "XXGK_SECRET_KEY": "bench-" * 10,
    }
    out = subprocess.run(
        [sys.executable, "-m", "bench.compute_worker", str(cases), str(publications)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(quick: bool) -> list[str]:
    cases, publications = (10_000, 100_000) if quick else (100_000, 1_000_000)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", f"sqlite:///{tmp}/bench.sqlite3")]
        if os.environ.get("XXGK_BENCH_PG_URL"):
            targets.append(("postgresql", os.environ["XXGK_BENCH_PG_URL"]))
        for name, url in targets:
            r = _run(url, cases, publications, tmp)
            ratio = r["compute_s"] / r["baseline_s"]
            lines.append(
                f"{name}: {cases} cases + {publications} publications (fill {r['fill_s']} s); "
                f"GROUP BY baseline {r['baseline_s'] * 1000:.1f} ms, compute_report {r['compute_s'] * 1000:.1f} ms, "
                f"ratio {ratio:.1f}×, {r['queries']} queries"
            )
            lines.append(
                "  parts: "
                + "; ".join(f"{part} {s * 1000:.1f} ms" for part, s in r["parts"].items())
            )
            goals.record(
                "compute",
                f"{name} {ratio:.1f}× ({r['queries']} queries; {cases} cases + {publications} items)",
                "≤ 2×",
                ratio <= 2,
            )
    return lines
