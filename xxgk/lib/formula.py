"""Neutralise spreadsheet formula injection (CSV/XLSX cells).

A cell whose text starts with = + - @ (or a tab / carriage return) is read as a formula by
Excel, WPS and LibreOffice; text from users (a case title, a comment) could then run a formula
on the machine of whoever opens the export. Such text gets a leading apostrophe, the OWASP
recommendation: the spreadsheet shows the text, never evaluates it.
"""

from __future__ import annotations

from typing import Any

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Return `value` unchanged unless it is text that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(TRIGGERS):
        return "'" + value
    return value
