"""Reading a published annual report from PDF (any producer): ruled tables, text, or OCR.

Each page is flattened (:mod:`xxgk.ingestion.flat`) top to bottom: the tables pdfplumber finds
from the ruling lines become table rows (a merged cell once, a blank cell empty), the words
outside them become lines. Reading by ruling lines rather than text order keeps a row's cells
together however the producer (Word, WPS, LibreOffice, a print-to-PDF driver) ordered the text,
and keeps a label wrapped over several lines in its one cell. A table crossing a page break is
read part by part (the text reader finds the rows by label, in order; a repeated header row is
just a row without numbers). A page without ruling lines falls back to the layout text.

A PDF without a text layer is a scan: it is OCR'd when Tesseract is installed
(:mod:`xxgk.ingestion.ocr`, optional), else refused with a message saying it is a scan.
"""

from __future__ import annotations

import io
import re
from typing import Any

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.rules import Rule, finding
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.flat import FlatText, cell_text, line_text
from xxgk.ingestion.text import read_text_report

# A report is a few pages; a PDF of hundreds of pages is not one (and would take long to read).
MAX_PDF_PAGES = 200
# Table cells are vertically centred, so a row's numbers sit a few points above or below its
# label; with pdfplumber's default tolerance (3) they land on separate lines and the row is lost.
PDF_Y_TOLERANCE = 6
_PAGE_NUMBER = re.compile(
    r"^[-—–]?\s*\d{1,3}\s*[-—–]?$|^第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$"
)


def pdf_text(data: bytes) -> str:
    """The PDF's text, tables flattened (used by the batch summary and tests)."""
    return _flatten(data).text()


def read_pdf_report(data: bytes) -> ReportData:
    flat = _flatten(data)
    if not flat.text().strip():
        from xxgk.ingestion.ocr import ocr_pdf  # imported lazily: only scans need it

        flat = ocr_pdf(data)
        report = read_text_report(flat.text(), flat=flat)
        report.findings.insert(
            0, finding(Rule.READ_OCR, "该PDF是扫描件（无文字层），表格数字由OCR识别", "全文")
        )
        return report
    return read_text_report(flat.text(), flat=flat)


def _flatten(data: bytes) -> FlatText:
    import pdfplumber  # imported lazily: pdfminer is slow to import
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise ReportReadError(f"PDF页数超过{MAX_PDF_PAGES}页，不像是年度报告")
            flat = FlatText()
            for number, page in enumerate(pdf.pages, start=1):
                _page(page, number, flat)
            return flat
    except ReportReadError:
        raise
    except PDFPasswordIncorrect:
        raise ReportReadError("PDF已加密（需要密码才能打开），无法读取") from None
    except Exception as exc:  # noqa: BLE001 — pdfminer raises many unrelated types on bad input
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise ReportReadError("PDF已加密（需要密码才能打开），无法读取") from None
        raise ReportReadError(f"无法读取PDF文件（{type(exc).__name__}）") from None


def _page(page: Any, number: int, flat: FlatText) -> None:
    if not page.chars:
        return
    # A one-row table is kept: it is often the part of a table that crossed a page break.
    tables = [t for t in page.find_tables() if t.rows and len(t.rows[0].cells) >= 2]
    cells = [c for t in tables for c in t.cells]

    def in_a_cell(word: dict[str, Any]) -> bool:
        cx = (word["x0"] + word["x1"]) / 2
        cy = (word["top"] + word["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in cells)

    # Words outside every cell: text between tables, and labels printed in a column that has
    # no ruling lines (they lie inside the table's box but in no cell).
    words = [
        w for w in page.extract_words(y_tolerance=3, keep_blank_chars=True) if not in_a_cell(w)
    ]
    # Each block: (top, order, line or row). A table row is one block at its top, so text
    # between two tables (or between a table's rows) stays where it was printed.
    blocks: list[tuple[float, int, Any]] = []
    taken: set[int] = set()
    for t_index, table in enumerate(tables):
        for r, (row, texts) in enumerate(zip(table.rows, table.extract(), strict=False), start=1):
            x0, top, x1, bottom = row.bbox
            # A label beside the row, at its height, belongs to it (before or after its cells).
            before, after = [], []
            for i, word in enumerate(words):
                if i in taken:
                    continue
                cy = (word["top"] + word["bottom"]) / 2
                if top <= cy <= bottom:
                    if word["x1"] <= x0 + 1:
                        before.append(word)
                        taken.add(i)
                    elif word["x0"] >= x1 - 1:
                        after.append(word)
                        taken.add(i)
            row_cells = [cell_text(c) for c in texts if c is not None]
            if before:
                row_cells.insert(0, cell_text(_join(before)))
            if after:
                row_cells.append(cell_text(_join(after)))
            blocks.append((top, 1, (f"第{number}页 表格{t_index + 1} 第{r}行", row_cells)))
    for line in _lines([w for i, w in enumerate(words) if i not in taken]):
        blocks.append((line[0], 0, line[1]))
    blocks.sort(key=lambda b: (b[0], b[1]))
    for _, kind, item in blocks:
        if kind == 0:
            text = line_text(item)
            if not _PAGE_NUMBER.match(text):
                flat.line(text, f"第{number}页")
        else:
            flat.row(item[1], item[0])


def _join(words: list[dict[str, Any]]) -> str:
    return "".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])))


def _lines(words: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Words grouped into printed lines (same height within the tolerance), left to right."""
    out: list[tuple[float, list[dict[str, Any]]]] = []
    for word in sorted(words, key=lambda w: w["top"]):
        if out and abs(word["top"] - out[-1][0]) <= PDF_Y_TOLERANCE:
            out[-1][1].append(word)
        else:
            out.append((word["top"], [word]))
    return [
        (top, " ".join(w["text"] for w in sorted(group, key=lambda w: w["x0"])))
        for top, group in out
    ]
