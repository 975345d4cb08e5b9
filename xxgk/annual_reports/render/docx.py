"""The report as DOCX (GB/T 9704 layout via :mod:`xxgk.documents.docx`).

Besides the printed content, the core properties carry the report's identity so that the
DOCX reader gets the exact report back: ``subject`` = agency, ``identifier`` =
``xxgk-report;format=…;year=…;agency_kind=…;title=…``.
"""

from __future__ import annotations

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render.document import fill
from xxgk.annual_reports.render.text import report_title
from xxgk.documents.docx import DocxDocument

IDENTIFIER_PREFIX = "xxgk-report"


def identifier(report: ReportData) -> str:
    parts = [
        IDENTIFIER_PREFIX,
        f"format={report.format}",
        f"year={report.year}",
        f"agency_kind={report.agency_kind or ''}",
        f"has_title={'1' if report.title is not None else '0'}",
    ]
    return ";".join(parts)


def render_docx(report: ReportData) -> bytes:
    builder = DocxDocument(
        title=report_title(report),
        author=report.agency,
        subject=report.agency,
        keywords="政府信息公开工作年度报告",
        identifier=identifier(report),
    )
    fill(builder, report)
    return builder.to_bytes()
