"""Renderers of an annual report: ``render(report, kind)`` for html, docx, pdf, xlsx and json.

Pure (no Django). Every renderer takes the same :class:`ReportData` and draws the tables from
the format declared in :mod:`xxgk.annual_reports.schema`.
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.annual_reports.data import ReportData

CONTENT_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
KINDS: tuple[str, ...] = tuple(CONTENT_TYPES)


def _renderer(kind: str) -> Callable[[ReportData], bytes]:
    # Imported lazily: a caller asking for JSON should not pay for fpdf2 and python-docx.
    if kind == "html":
        from xxgk.annual_reports.render.html import render_html

        return render_html
    if kind == "docx":
        from xxgk.annual_reports.render.docx import render_docx

        return render_docx
    if kind == "pdf":
        from xxgk.annual_reports.render.pdf import render_pdf

        return render_pdf
    if kind == "xlsx":
        from xxgk.annual_reports.render.xlsx import render_xlsx

        return render_xlsx
    if kind == "json":
        from xxgk.annual_reports.render.json import render_json

        return render_json
    raise ValueError(f"不支持的输出格式：{kind}（可用：{'、'.join(KINDS)}）")


def render(report: ReportData, kind: str) -> bytes:
    """Return the report rendered as ``kind`` (html, docx, pdf, xlsx or json)."""
    if report.format not in ("2019", "2021"):
        raise ValueError(f"未知的报告格式：{report.format}")
    return _renderer(kind)(report)
