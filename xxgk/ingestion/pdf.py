"""Reading a published annual report from PDF: pdfplumber text extraction, then the text reader."""

from __future__ import annotations

import io

from xxgk.annual_reports.data import ReportData
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.text import read_text_report

# A report is a few pages; a PDF of hundreds of pages is not one (and would take long to read).
MAX_PDF_PAGES = 200
# Table cells are vertically centred, so a row's numbers sit a few points above or below its
# label; with pdfplumber's default tolerance (3) they land on separate lines and the row is lost.
PDF_Y_TOLERANCE = 6


def pdf_text(data: bytes) -> str:
    import pdfplumber  # imported lazily: pdfminer is slow to import

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ReportReadError(f"PDF页数超过{MAX_PDF_PAGES}页，不像是年度报告")
            return "\n".join(
                page.extract_text(layout=True, y_tolerance=PDF_Y_TOLERANCE) or ""
                for page in pdf.pages
            )
    except ReportReadError:
        raise
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many unrelated types on bad input
        raise ReportReadError(f"无法读取PDF文件（{type(exc).__name__}）") from None


def read_pdf_report(data: bytes) -> ReportData:
    text = pdf_text(data)
    if not text.strip():
        raise ReportReadError("PDF中没有可提取的文字（可能是扫描件），无法读取")
    return read_text_report(text)
