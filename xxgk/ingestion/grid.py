"""Read the three tables back from a grid in the official layout (DOCX tables, XLSX sheets).

The layout is the one :mod:`xxgk.annual_reports.render.layout` draws, so every value cell has a
known (row, column) position; a header label at a known position confirms the layout before
any number is taken. A blank cell stays ``None`` and is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from xxgk.annual_reports.data import CellValue, Finding
from xxgk.annual_reports.render.layout import code_positions, empty_grids
from xxgk.annual_reports.schema import FORMATS
from xxgk.documents.model import place_cells

_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")

# Text that tells the three tables apart, and the 2021 table 1 from the 2019 one.
TABLE_MARKERS = {"t1": "第二十条", "t2": "本年新收", "t3": "结果维持"}
FORMAT_2021_MARKER = "本年制发件数"


def parse_number(raw: object, kind: str) -> tuple[CellValue, bool]:
    """Return (value, ok): ``None, True`` for a blank cell, ``None, False`` for bad text."""
    if raw is None:
        return None, True
    if isinstance(raw, bool):
        return None, False
    if isinstance(raw, int):
        return (raw, True) if kind == "signed" or raw >= 0 else (None, False)
    text = str(raw).strip().replace(",", "").replace("，", "")
    if not text:
        return None, True
    if not _NUMBER.match(text):
        return None, False
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, False
    if number < 0 and kind != "signed":
        return None, False
    if number == number.to_integral_value():
        return int(number), True
    if kind != "decimal":
        return None, False
    return number.normalize() if number.as_tuple().exponent < -2 else number, True


def table_kind(text: str) -> str | None:
    """Which of the three tables a block of table text is (``t1``/``t2``/``t3``), if any."""
    for code, marker in TABLE_MARKERS.items():
        if marker in text:
            return code
    return None


def read_table(
    format_code: str, table_code: str, cell_text: Callable[[int, int], object]
) -> tuple[dict[str, CellValue], list[Finding]]:
    """Read one table's cells through ``cell_text(row, col)`` (grid positions, 0-based)."""
    fmt = FORMATS[format_code]
    grid = next(g for g in empty_grids(format_code) if g.code == table_code)
    findings: list[Finding] = []
    placed, _ = place_cells(grid.rows)
    for p in placed:
        if p.cell.header and p.cell.text and p.cell.scope in ("col", "row"):
            found = str(cell_text(p.row, p.col) or "").strip()
            if found != p.cell.text:
                findings.append(
                    Finding(
                        "R-LAYOUT",
                        "error",
                        f"表格版式与{format_code}格式不符：应为“{p.cell.text}”，实为“{found}”",
                        grid.caption,
                    )
                )
                return dict.fromkeys(code_positions(format_code)[table_code]), findings
    cells: dict[str, CellValue] = {}
    for code, (row, col) in code_positions(format_code)[table_code].items():
        spec = fmt.cell(code)
        value, ok = parse_number(cell_text(row, col), spec.kind)
        cells[code] = value
        if not ok:
            findings.append(
                Finding(
                    "R-CELL-INVALID",
                    "error",
                    f"单元格不是有效数字：{cell_text(row, col)}",
                    spec.where,
                )
            )
    return cells, findings
