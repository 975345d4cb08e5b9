"""Finding a table row by its label and reading the cells that follow it."""

from __future__ import annotations

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.ingestion.text.cells import _raw_cells, _values
from xxgk.ingestion.text.reading import _Reading, _Row


def _read_rows(
    reading: _Reading,
    rows: list[_Row],
    start: int,
    end: int,
    cells: dict[str, CellValue],
    table: str,
    *,
    report_table: bool = True,
) -> int:
    pos = start
    found = 0
    missing: list[_Row] = []
    for row in rows:
        hit = _locate(reading, row, pos, end)
        if hit is None:
            missing.append(row)
            for code in row.codes:
                cells[code] = None
            continue
        found += 1
        label_start, value_start, raw, raw_end = hit
        reading.spans.append((table, label_start, raw_end))
        values, consumed = _values(reading, row, value_start, raw)
        for code, value in zip(row.codes, values, strict=True):
            cells[code] = value
            reading.cell_at[code] = label_start
            if raw and raw[0] == "\x00joined":
                reading.settled.add(code)
        pos = consumed
    if found == 0 and report_table:
        reading.findings.append(finding(Rule.READ_TABLE_MISSING, f"未找到{table}或其数字", table))
    else:
        for row in missing:
            reading.findings.append(finding(Rule.READ_ROW_MISSING, "未找到该行或其数字", row.where))
    return pos


def _locate(
    reading: _Reading, row: _Row, pos: int, end: int
) -> tuple[int, int, list[str], int] | None:
    """(label start, label end, cells, end of cells) of the first label followed by numbers."""
    for pattern in row.patterns:
        for m in pattern.finditer(reading.text, pos, end):
            hit = _raw_cells(reading, m.end())
            if hit is not None:
                return m.start(), m.end(), *hit
    return None
