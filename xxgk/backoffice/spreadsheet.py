"""Lists a clerk works with, downloaded as XLSX: the rows on screen, Chinese headers.

Every text cell is neutralised against formula injection: a value that a spreadsheet would
run as a formula (it starts with =, +, -, @, a tab or a carriage return) is written with a
leading apostrophe, so Excel and WPS show it as text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from xxgk.lib.formulas import TRIGGERS

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# One list of formula triggers for every writer (xxgk/lib/formulas.py).
FORMULA_STARTS = TRIGGERS

Value = str | int | float | date | datetime | None


def neutralise(value: Value) -> Value:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime):
        # openpyxl refuses aware datetimes; show the local wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, 2 * len(header) + 4)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Value]]
) -> HttpResponse:
    response = HttpResponse(workbook_bytes(title, headers, rows), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response


def wants_xlsx(request: object) -> bool:
    return getattr(request, "GET", {}).get("format") == "xlsx"
