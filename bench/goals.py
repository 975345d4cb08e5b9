"""The goals of issue 17's table, and the results bench modules register against them.

`make bench` ends with one summary line per row of the table, in the table's order: the
measured ratio (or rate) next to the goal and whether it is met. A bench module registers a
result with `record(ROW, measured, goal, met)` from its `run()`; a row whose module is not
there (or did not run) says so, so modules added later (the intake bench under gunicorn,
the parse-rate benches) appear by registering, with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass

# Row key -> (what the table says, the bench module expected to fill it).
TABLE: dict[str, tuple[str, str]] = {
    "pages": ("portal category list / item page / 2-char search vs a trivial Django view", "pages"),
    "compute": ("report compute, one agency-year, vs the GROUP BYs", "report_compute"),
    "search": ("search, 2/4/8-char and multi-word queries vs LIKE", "search"),
    "parse": ("parse + check, in-process", "report_parse"),
    "render": ("render one report (PDF / DOCX / XLSX)", "report_render"),
    "intake": ("online intake through the API under gunicorn", "intake"),
    "samples": ("parse + check of the real samples", "samples"),
    "backoffice": ("back office: approvals inbox and dashboard queries", "backoffice"),
}


@dataclass(frozen=True)
class Result:
    row: str
    measured: str
    goal: str
    met: bool | None  # None: reported, no pass/fail (e.g. PDF/DOCX parse rates)


RESULTS: list[Result] = []


def record(row: str, measured: str, goal: str, met: bool | None) -> None:
    """Register one measured line against a row of the table (see TABLE for the keys)."""
    RESULTS.append(Result(row, measured, goal, met))


def summary(ran: list[str]) -> list[str]:
    """The table, row by row, with what this run measured."""
    lines = ["== 目标对照（issue 17）"]
    for key, (what, module) in TABLE.items():
        results = [r for r in RESULTS if r.row == key]
        if not results:
            why = "本次未运行" if module in _available() else f"尚无基准模块 bench_{module}.py"
            lines.append(f"{what}: — （{why}）")
            continue
        for r in results:
            mark = {True: "达标", False: "未达标", None: "仅报告"}[r.met]
            lines.append(f"{what}: {r.measured} | 目标 {r.goal} | {mark}")
    return lines


def _available() -> set[str]:
    import pkgutil
    from pathlib import Path

    return {
        m.name.removeprefix("bench_")
        for m in pkgutil.iter_modules([str(Path(__file__).parent)])
        if m.name.startswith("bench_")
    }
