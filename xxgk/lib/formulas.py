"""Formula injection: text that a spreadsheet would run as a formula is written as text.

A cell that starts with =, +, -, @, a tab or a carriage return is read by Excel, WPS and
LibreOffice as a formula (or DDE call) when a CSV file is opened. Every CSV and XLSX that
xxgk writes passes its cells through here (OWASP "CSV injection").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(TRIGGERS)


def csv_cell(value: T) -> T | str:
    """Return the value for a CSV cell: risky text gets a leading apostrophe (shown as text)."""
    if is_formula_like(value):
        return "'" + value  # type: ignore[operator]
    return value


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A csv.DictWriter row with every cell neutralised."""
    return {key: csv_cell(value) for key, value in row.items()}


def csv_rows(rows: Iterable[Mapping[str, Any]]) -> Iterable[dict[str, Any]]:
    return (csv_row(row) for row in rows)


def neutralise_workbook(book: Any) -> None:
    """Make every formula-like text cell of an openpyxl workbook a plain text cell.

    openpyxl stores any string starting with "=" as a formula. xxgk never writes formulas,
    so such cells become strings with Excel's quote prefix: the text reads back unchanged
    (round trips stay exact) and is never evaluated, even after the cell is edited.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
