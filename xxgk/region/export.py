"""The region dashboard as an XLSX workbook (openpyxl, already used by the report renderer)."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font

from xxgk.agencies.models import Agency
from xxgk.region.models import Level
from xxgk.region.selectors import ApplicationCounts, RegionRow

HEADERS = (
    "机关",
    "类别",
    "层级",
    "年度",
    "状态",
    "截止日期",
    "发布日期",
    "是否按时",
    "逾期天数",
    "错误",
    "警告",
    "报送轮次",
    "在办申请",
    "逾期申请",
)


def matrix_xlsx(
    scope: Agency,
    matrix: list[list[RegionRow]],
    counts: dict[int, ApplicationCounts],
    today: date,
) -> bytes:
    """One row per agency and year, as on the dashboard (all pages), plus a title row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "报送情况"
    sheet.append([f"{scope.name} 年度报告报送情况（导出日期 {today.isoformat()}）"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(list(HEADERS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for cells in matrix:
        apps = counts.get(cells[0].agency.pk)
        for row in cells:
            sheet.append(
                [
                    row.agency.name,
                    row.kind_label,
                    Level(row.level).label,
                    row.year,
                    row.status_label,
                    row.due,
                    row.published_on,
                    "按时" if row.days_late == 0 else "逾期",
                    row.days_late,
                    row.errors,
                    row.warnings,
                    row.rounds,
                    apps.open if apps else 0,
                    apps.overdue if apps else 0,
                ]
            )
    for column, width in zip(
        "ABCDEFGHIJKLMN", (28, 10, 8, 8, 10, 12, 12, 8, 8, 6, 6, 8, 8, 8), strict=True
    ):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in (row[5], row[6]):
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "B3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
