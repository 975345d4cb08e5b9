"""The report as an XLSX workbook (openpyxl).

Sheets: one per table in the official layout with merged headers and borders
("表一 主动公开", "表二 依申请", "表三 复议诉讼"); ``cells`` — the flat list a supervising
office imports (code, label, value); ``report`` — agency, year, format, dated, agency kind,
title; ``sections`` — the six headings and their text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render.layout import SHEET_NAMES, Grid, table_grids
from xxgk.annual_reports.render.text import report_title
from xxgk.annual_reports.schema import FORMATS
from xxgk.documents.model import place_cells
from xxgk.lib.formulas import neutralise_workbook

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = Font(name="仿宋", size=11)
HEADER_FONT = Font(name="黑体", size=11)

CELLS_SHEET = "cells"
REPORT_SHEET = "report"
SECTIONS_SHEET = "sections"
REPORT_KEYS = ("agency", "year", "format", "dated", "agency_kind", "title")


def render_xlsx(report: ReportData) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for grid in table_grids(report):
        _grid_sheet(book.create_sheet(SHEET_NAMES[grid.code]), grid, report)
    _cells_sheet(book.create_sheet(CELLS_SHEET), report)
    _report_sheet(book.create_sheet(REPORT_SHEET), report)
    _sections_sheet(book.create_sheet(SECTIONS_SHEET), report)
    book.properties.title = report_title(report)
    book.properties.creator = "xxgk"
    # Section texts are typed by staff: none may become a formula in the reader's Excel.
    neutralise_workbook(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _grid_sheet(sheet: Worksheet, grid: Grid, report: ReportData) -> None:
    placed, n_cols = place_cells(grid.rows)
    sheet.cell(row=1, column=1, value=grid.caption).font = Font(name="黑体", size=14)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n_cols)
    sheet.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    top = 2  # grid row 0 is sheet row 2, below the caption
    for p in placed:
        row, col = top + p.row, 1 + p.col
        last_row, last_col = row + p.cell.rowspan - 1, col + p.cell.colspan - 1
        for r in range(row, last_row + 1):
            for c in range(col, last_col + 1):
                sheet.cell(row=r, column=c).border = BORDER
        target = sheet.cell(row=row, column=col)
        if p.cell.code:
            target.value = report.cells.get(p.cell.code)
            target.font = FONT
            target.alignment = Alignment(horizontal="center", vertical="center")
        else:
            target.value = p.cell.text
            target.font = HEADER_FONT if p.cell.header else FONT
            horizontal = "left" if p.cell.scope in ("row", "rowgroup") else "center"
            target.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        if last_row > row or last_col > col:
            sheet.merge_cells(
                start_row=row, start_column=col, end_row=last_row, end_column=last_col
            )
    for index, weight in enumerate(grid.widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = 10 * weight
    if grid.header_rows:
        sheet.print_title_rows = f"{top}:{top + grid.header_rows - 1}"
        sheet.freeze_panes = sheet.cell(row=top + grid.header_rows, column=1)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if n_cols > 10 else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _cells_sheet(sheet: Worksheet, report: ReportData) -> None:
    fmt = FORMATS[report.format]
    sheet.append(["code", "label", "value"])
    for code in fmt.all_codes():
        spec = fmt.cell(code)
        sheet.append([code, f"{spec.row_label} {spec.column_label}", report.cells.get(code)])
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["C"].width = 12


def _report_sheet(sheet: Worksheet, report: ReportData) -> None:
    values = {
        "agency": report.agency,
        "year": report.year,
        "format": report.format,
        "dated": report.dated.isoformat() if report.dated else None,
        "agency_kind": report.agency_kind,
        "title": report.title,
    }
    sheet.append(["key", "value"])
    for key in REPORT_KEYS:
        sheet.append([key, values[key]])
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 60


def _sections_sheet(sheet: Worksheet, report: ReportData) -> None:
    sheet.append(["heading", "text"])
    for section in report.sections:
        sheet.append([section.heading, section.text])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 100
