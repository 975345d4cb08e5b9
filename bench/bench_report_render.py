"""Render time per format for the seed report, as a ratio to serialising it as JSON.

Baseline (same run, same machine): ``json.dumps`` of the report's interchange JSON.
"""

from __future__ import annotations

import json
import time

from bench import goals
from xxgk.annual_reports.render import KINDS, render
from xxgk.ingestion.read import read_report
from xxgk.testdata import SEED

# Issue 17: seconds per rendering of one report.
GOALS = {"pdf": 0.2, "docx": 0.05, "xlsx": 0.05}


def _per_call(func: object, repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        func()  # type: ignore[operator]
    return (time.perf_counter() - start) / repeat


def run(quick: bool) -> list[str]:
    report = read_report(str(SEED))
    repeat = 2 if quick else 8
    for kind in KINDS:  # warm up imports and font caches outside the timing
        render(report, kind)
    baseline = _per_call(lambda: json.dumps(report.to_json(), ensure_ascii=False), repeat * 50)
    lines = [f"baseline json.dumps: {baseline * 1e3:.3f} ms"]
    for kind in KINDS:
        seconds = _per_call(lambda kind=kind: render(report, kind), repeat)
        lines.append(
            f"render {kind:4}: {seconds * 1e3:8.1f} ms = {seconds / baseline:8.0f}× baseline"
        )
        if kind in GOALS:
            goals.record(
                "render",
                f"{kind.upper()} {seconds:.3f} s ({seconds / baseline:.0f}× json.dumps)",
                f"≤ {GOALS[kind]} s",
                seconds <= GOALS[kind],
            )
    return lines
