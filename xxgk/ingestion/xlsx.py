"""Read an annual report from XLSX (openpyxl): anyone's workbook, or our own exactly.

A workbook without our ``report`` and ``cells`` sheets (any producer, one sheet or three, any
sheet names) is flattened row by row and read by the text reader, by its printed labels. Ours
prefers the flat ``cells`` sheet (code, label, value) with the ``report`` and ``sections``
sheets that :mod:`xxgk.annual_reports.render.xlsx` writes; without ``cells`` it reads the
three table sheets in the official layout.
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from xxgk.annual_reports.data import CellValue, Finding, ReportData, Section
from xxgk.annual_reports.render.layout import SHEET_NAMES
from xxgk.annual_reports.render.xlsx import CELLS_SHEET, REPORT_SHEET, SECTIONS_SHEET
from xxgk.annual_reports.schema import FORMATS
from xxgk.ingestion.archive import check_archive, damaged, damaged_parts
from xxgk.ingestion.base import ReportReadError, register
from xxgk.ingestion.grid import parse_number, read_table
from xxgk.ingestion.spreadsheetml import flatten_xlsx, sheet_names
from xxgk.ingestion.text import read_text_report

# Sheet row of grid row 0 in a table sheet: row 1 holds the caption.
GRID_TOP = 2


def read_xlsx(data: bytes) -> ReportData:
    """Return the report in an XLSX workbook; :class:`ReportReadError` (Chinese) when it cannot be read."""
    check_archive(data, "XLSX")
    try:
        return _read_xlsx(data)
    except damaged_parts() as exc:
        raise damaged("XLSX", exc) from None


def _read_xlsx(data: bytes) -> ReportData:
    if REPORT_SHEET not in sheet_names(data):
        # Anyone else's workbook (one sheet or three, any names): read it by its labels.
        flat = flatten_xlsx(data)
        return read_text_report(flat.text(), flat=flat)
    with warnings.catch_warnings():
        # openpyxl warns (stderr) about parts it skips in a damaged workbook; the reader's
        # findings and refusals say what matters, in Chinese.
        warnings.simplefilter("ignore", UserWarning)
        book = load_workbook(io.BytesIO(data), data_only=True)
    meta = {str(row[0]): row[1] for row in _rows(book[REPORT_SHEET]) if row and row[0]}
    agency = meta.get("agency")
    if not isinstance(agency, str) or not agency.strip():
        raise ReportReadError("XLSX 的 report 工作表缺少机关名称（agency）")
    year = _year(meta.get("year"))
    fmt = str(meta.get("format") or "")
    if fmt not in FORMATS:
        raise ReportReadError('XLSX 的 report 工作表的格式（format）必须是 "2019" 或 "2021"')
    findings: list[Finding] = []
    if CELLS_SHEET in book.sheetnames:
        cells = _flat_cells(book[CELLS_SHEET], fmt, findings)
    else:
        cells = _layout_cells(book, fmt, findings)
    sections: list[Section] = []
    if SECTIONS_SHEET in book.sheetnames:
        sections = [
            Section(str(row[0]), "" if len(row) < 2 or row[1] is None else str(row[1]))
            for row in _rows(book[SECTIONS_SHEET])
            if row and row[0] is not None
        ]
    kind = meta.get("agency_kind")
    title = meta.get("title")
    return ReportData(
        agency=agency,
        year=year,
        format=fmt,
        dated=_date(meta.get("dated")),
        agency_kind=str(kind) if kind else None,
        title=str(title) if title is not None else None,
        sections=sections,
        cells=cells,
        findings=findings,
    )


def _rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    """Data rows below the header row."""
    return list(sheet.iter_rows(min_row=2, values_only=True))


def _year(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise ReportReadError("XLSX 的 report 工作表的年度（year）必须是四位整数")


def _date(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReportReadError(f"XLSX 的成文日期（dated）无效：{value}") from None


def _number(value: object) -> object:
    # openpyxl gives floats for decimals: go through their shortest repr, never binary noise.
    if isinstance(value, float):
        return repr(value) if value == value else "NaN"
    return value


def _flat_cells(sheet: Worksheet, fmt: str, findings: list[Finding]) -> dict[str, CellValue]:
    spec = FORMATS[fmt]
    cells: dict[str, CellValue] = {}
    for row in _rows(sheet):
        if not row or not isinstance(row[0], str):
            continue
        code = row[0].strip()
        if not spec.has_cell(code):
            findings.append(
                Finding("R-CELL-UNKNOWN", "warning", f"未知的单元格代码：{code}", "cells")
            )
            continue
        raw = row[2] if len(row) > 2 else None
        value, ok = parse_number(_number(raw), spec.cell(code).kind)
        if not ok:
            findings.append(
                Finding(
                    "R-CELL-INVALID", "error", f"单元格不是有效数字：{raw}", spec.cell(code).where
                )
            )
        cells[code] = value
    return cells


def _layout_cells(book: Any, fmt: str, findings: list[Finding]) -> dict[str, CellValue]:
    cells: dict[str, CellValue] = {}
    for code, name in SHEET_NAMES.items():
        if name not in book.sheetnames:
            findings.append(Finding("R-TABLE-MISSING", "error", f"缺少工作表“{name}”", name))
            continue
        sheet = book[name]

        def cell_text(row: int, col: int, sheet: Worksheet = sheet) -> object:
            return _number(sheet.cell(row=GRID_TOP + row, column=1 + col).value)

        values, problems = read_table(fmt, code, cell_text)
        cells.update(values)
        findings.extend(problems)
    return cells


register("xlsx", read_xlsx, sniff=lambda head: head.startswith(b"PK") and b"xl/" in head)
