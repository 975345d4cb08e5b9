"""Parse+check throughput of published reports (reports/s) against reading the same bytes.

Baseline, measured in the same run on the same bytes: decode and split into lines (the least
any reader must do). The result is the ratio baseline time / parse+check time per report.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from xxgk.annual_reports.rules import validate
from xxgk.ingestion.read import read_report
from xxgk.testdata import SAMPLES, SEED

HTML = SAMPLES / "2021_pingtan_gwh_1.html"


def _rate(fn: Callable[[], object], seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while True:
        fn()
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return count / elapsed


def _our_html() -> bytes:
    from xxgk.annual_reports.render import render

    return render(read_report(SEED), "html")


def run(quick: bool) -> list[str]:
    seconds = 0.3 if quick else 2.0
    inputs: list[tuple[str, bytes, str]] = [
        ("seed text", SEED.read_bytes(), "x.txt"),
        ("our HTML", _our_html(), "x.html"),
        ("published HTML", HTML.read_bytes(), "x.html"),
    ]
    lines = []
    for label, data, name in inputs:
        baseline = _rate(lambda data=data: data.decode("utf-8", "replace").splitlines(), seconds)
        parse = _rate(
            lambda data=data, name=name: validate(read_report(data, filename=name)), seconds
        )
        lines.append(
            f"{label:15s} parse+check {parse:8.1f} reports/s; baseline (decode+split) "
            f"{baseline:10.1f}/s; ratio baseline/parse = {baseline / parse:8.1f}x"
        )
    return lines
