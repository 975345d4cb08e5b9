"""Free-text rows: spaced numbers, and joined digits split only when exactly one split
satisfies the row's printed consistency rule and the no-leading-zero convention."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.ingestion.text.reading import _Ambiguous, _Reading, _Row
from xxgk.ingestion.text.values import _UNITS, _cell_value, _parse_cell

_PIECE = re.compile(rf"[+\-]?[\d,.]+(?:{_UNITS})?")


def _free_values(reading: _Reading, row: _Row, joined: bool, tokens: list[str]) -> list[CellValue]:
    n = len(row.codes)
    pieces = [p for token in tokens for p in _PIECE.findall(token)]
    if len(pieces) >= n:
        return [_parse_cell(reading, row, i, p) for i, p in enumerate(pieces[:n])]
    if not joined:
        reading.findings.append(
            finding(
                Rule.READ_ROW_MISSING,
                f"该行只读到{len(pieces)}个数字，应有{n}个，无法确定空白单元格的位置，整行留空",
                row.where,
            )
        )
        return [None] * n
    units = [re.search(rf"(?:{_UNITS})$", p) for p in pieces]
    bare = [p[: u.start()] if u else p for p, u in zip(pieces, units, strict=True)]
    solutions, complete = _split(bare, list(row.kinds), row.check)
    if len(solutions) == 1 and complete:
        table = row.where.split(" ", 1)[0]
        reading.joined_rows[table] = reading.joined_rows.get(table, 0) + 1
        return [_cell_value(v) for v in solutions[0]]
    if solutions:
        reason = "有多种拆分方式"
    elif complete:
        reason = "没有符合勾稽关系的拆分方式"
    else:
        reason = "数字过长，无法穷举拆分方式"
    note = finding(
        Rule.READ_AMBIGUOUS,
        f"该行数字连写为「{''.join(pieces)}」，{reason}，整行留空，请核对原件",
        row.where,
    )
    reading.findings.append(note)
    if complete and len(solutions) > 1:
        splits = tuple(tuple(v) for v in solutions)
        reading.ambiguous.append(_Ambiguous(row, "".join(pieces), splits, note))
    return [None] * n


_PART = {
    "int": re.compile(r"0|[1-9]\d*"),
    "signed": re.compile(r"[+\-]?(?:0|[1-9]\d*)"),
    "decimal": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?"),
}


# Splits kept per joined row: enough for the column totals to choose among (table 2 rows of
# about ten digits have a few dozen splits that satisfy their row total).
_MAX_SOLUTIONS = 64


_MAX_STEPS = 20000


def _split(
    pieces: list[str], kinds: list[str], check: Callable[[list[Decimal]], bool] | None
) -> tuple[list[list[Decimal]], bool]:
    """The ways to cut the joined pieces into ``len(kinds)`` cells, and whether that list is
    complete (False when the search stopped at ``_MAX_SOLUTIONS`` or ``_MAX_STEPS``)."""
    n = len(kinds)
    if sum(len(p) for p in pieces) > 60:
        return [], False
    solutions: list[list[Decimal]] = []
    steps = 0

    def walk(piece: int, offset: int, acc: list[str]) -> None:
        nonlocal steps
        steps += 1
        if len(solutions) > _MAX_SOLUTIONS or steps > _MAX_STEPS:
            return
        if piece == len(pieces):
            if len(acc) == n:
                values = [Decimal(a) for a in acc]
                if check is None or check(values):
                    solutions.append(values)
            return
        if len(acc) >= n:
            return
        text = pieces[piece]
        for stop in range(offset + 1, len(text) + 1):
            part = text[offset:stop]
            if not _PART[kinds[len(acc)]].fullmatch(part):
                continue
            if stop == len(text):
                walk(piece + 1, 0, [*acc, part])
            else:
                walk(piece, stop, [*acc, part])

    walk(0, 0, [])
    complete = steps <= _MAX_STEPS and len(solutions) <= _MAX_SOLUTIONS
    return solutions, complete
