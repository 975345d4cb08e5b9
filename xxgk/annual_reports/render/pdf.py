"""The report as PDF (A4, GB/T 9704 layout via :mod:`xxgk.documents.pdf`), selectable text."""

from __future__ import annotations

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render.document import fill
from xxgk.annual_reports.render.text import report_title
from xxgk.documents.pdf import PdfDocument


def render_pdf(report: ReportData) -> bytes:
    builder = PdfDocument(title=report_title(report), author=report.agency)
    fill(builder, report)
    return builder.to_bytes()
