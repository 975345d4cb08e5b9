"""Joined table-2 rows that several splits fit, settled by the column totals when only
one combination adds up."""

from __future__ import annotations

import itertools
from decimal import Decimal

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    T2_COLUMN_KEYS,
    ReportFormat,
    t2_row_keys,
)
from xxgk.ingestion.text.reading import _Reading
from xxgk.ingestion.text.values import _cell_value

# Cross-row search bound: products of the rows' splits above this are left blank.
_MAX_COMBINATIONS = 100_000


def _resolve_by_totals(reading: _Reading, fmt: ReportFormat, cells: dict[str, CellValue]) -> None:
    """Joined table-2 rows that several splits fit: keep the one combination of splits (one per
    row) under which every column adds up — （七）总计 = （一）…（六） (R-T2-TOTAL) and 一 + 二 =
    （七） + 四 (R-T2-BALANCE) — when exactly one exists; otherwise the rows stay blank.

    Only identities whose every cell is known take part, so a row no complete identity reaches
    keeps all its splits and stays blank. Never a guess: the digits are as printed, only the
    cut positions are chosen, and each choice is reported (R-READ-JOINED) for checking."""
    pending = [
        a
        for a in reading.ambiguous
        if a.finding in reading.findings
        and a.row.codes[0].startswith("t2.")
        and all(cells.get(code) is None for code in a.row.codes)
    ]
    if not pending:
        return
    combinations = 1
    for a in pending:
        combinations *= len(a.splits)
    if combinations > _MAX_COMBINATIONS:
        return
    rows = t2_row_keys(fmt.code)
    results = [r for r in rows if r not in ("new", "carried_in", "total", "carried_out")]
    fitting: list[tuple[tuple[Decimal, ...], ...]] = []
    for choice in itertools.product(*(a.splits for a in pending)):
        trial = dict(cells)
        for a, split in zip(pending, choice, strict=True):
            trial.update(zip(a.row.codes, split, strict=True))
        if all(_column_adds_up(trial, results, col) for col in T2_COLUMN_KEYS):
            fitting.append(choice)
            if len(fitting) > 1:
                return
    if len(fitting) != 1:
        return
    for a, split in zip(pending, fitting[0], strict=True):
        values = [_cell_value(v) for v in split]
        cells.update(zip(a.row.codes, values, strict=True))
        reading.settled.update(a.row.codes)
        reading.findings.remove(a.finding)
        reading.findings.append(
            finding(
                Rule.READ_JOINED,
                f"该行数字连写为「{a.digits}」，单看本行有{len(a.splits)}种拆分方式，"
                f"按各列总计（（七）总计 = （一）至（六）之和）唯一确定为"
                f"{'、'.join(str(v) for v in values)}，请核对原件",
                a.row.where,
            )
        )


def _column_adds_up(cells: dict[str, CellValue], results: list[str], col: str) -> bool:
    """R-T2-TOTAL and R-T2-BALANCE for one column, each only when all its cells are known."""

    def known(keys: list[str]) -> list[Decimal] | None:
        values = [cells.get(f"t2.{key}.{col}") for key in keys]
        if any(v is None for v in values):
            return None
        return [Decimal(v) for v in values]  # type: ignore[arg-type]

    parts = known(results)
    total = known(["total"])
    if parts is not None and total is not None and sum(parts) != total[0]:
        return False
    balance = known(["new", "carried_in", "total", "carried_out"])
    return balance is None or balance[0] + balance[1] == balance[2] + balance[3]
