"""Read an annual report from DOCX: anyone's (flattened, read by labels) or our own (exactly).

Our own DOCX (:mod:`xxgk.annual_reports.render.docx`) carries the report's identity in its
core properties and every table in the official grid: read cell by cell with python-docx. Any
other DOCX (Word, WPS, LibreOffice) is flattened by :mod:`xxgk.ingestion.wordml` and read by the
text reader, which finds the rows by their printed labels whatever the table's layout.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

from docx import Document as open_document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from xxgk.annual_reports.data import CellValue, Finding, ReportData, Section
from xxgk.annual_reports.render.docx import IDENTIFIER_PREFIX
from xxgk.annual_reports.schema import FORMAT_2019, FORMAT_2021, format_for_year
from xxgk.ingestion.archive import check_archive, damaged, damaged_parts
from xxgk.ingestion.base import ReportReadError, register
from xxgk.ingestion.grid import FORMAT_2021_MARKER, read_table, table_kind
from xxgk.ingestion.text import read_text_report
from xxgk.ingestion.wordml import flatten_docx

TITLE_PATTERN = re.compile(r"^(?P<agency>.+?)(?P<year>\d{4})年(?:度)?政府信息公开")
DATE_PATTERN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def read_docx(data: bytes) -> ReportData:
    """Return the report in a DOCX file; :class:`ReportReadError` (Chinese) when it cannot be read."""
    check_archive(data, "DOCX")
    try:
        return _read_docx(data)
    except damaged_parts() as exc:
        raise damaged("DOCX", exc) from None


def _read_docx(data: bytes) -> ReportData:
    if IDENTIFIER_PREFIX.encode() not in _core_xml(data):
        # Anyone else's DOCX: flatten the document and read it by its printed labels.
        flat = flatten_docx(data)
        return read_text_report(flat.text(), flat=flat)
    doc = open_document(io.BytesIO(data))
    meta = _identity(doc.core_properties.identifier or "")
    title: str | None = None
    sections: list[Section] = []
    texts: list[list[str]] = []
    tables: dict[str, WordTable] = {}
    dated: date | None = None
    findings: list[Finding] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            table = WordTable(child, doc)
            kind = table_kind(" ".join(c.text for c in table.rows[0].cells) + _all_text(table))
            if kind and kind not in tables:
                tables[kind] = table
            continue
        if tag != "p":
            continue
        para = WordParagraph(child, doc)
        text = para.text.strip()
        if not text:
            continue
        style = para.style.name if para.style is not None else ""
        if title is None and (style == "Title" or not sections):
            if style == "Title" or TITLE_PATTERN.match(text):
                title = text
                continue
        if style.startswith("Heading"):
            sections.append(Section(text, ""))
            texts.append([])
            continue
        if para.alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            match = DATE_PATTERN.search(text)
            if match:
                dated = _date(match, findings)
            continue
        if para.alignment == WD_ALIGN_PARAGRAPH.CENTER and re.match(r"^表[一二三]\s", text):
            continue  # a table caption
        if texts:
            texts[-1].append(text)
    sections = [Section(s.heading, "\n".join(t)) for s, t in zip(sections, texts, strict=True)]
    agency, year = _agency_year(doc, meta, title)
    if agency is None or year is None:
        raise ReportReadError(
            "无法从 DOCX 中确定机关名称和年度（标题应为“<机关名称><年度>年政府信息公开工作年度报告”）"
        )
    fmt = meta.get("format") or _format(tables, year)
    cells: dict[str, CellValue] = {}
    for code in ("t1", "t2", "t3"):
        table = tables.get(code)
        if table is None:
            findings.append(Finding("R-TABLE-MISSING", "error", "缺少表格", code))
            continue
        values, problems = read_table(fmt, code, _cell_reader(table))
        cells.update(values)
        findings.extend(problems)
    kind = meta.get("agency_kind") or None
    if meta.get("has_title") == "0":
        title = None
    return ReportData(
        agency=agency,
        year=year,
        format=fmt,
        dated=dated,
        agency_kind=kind,
        title=title,
        sections=sections,
        cells=cells,
        findings=findings,
    )


def _core_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            return archive.read("docProps/core.xml")
        except KeyError:
            return b""


def _identity(identifier: str) -> dict[str, str]:
    parts = identifier.split(";")
    if not parts or parts[0] != IDENTIFIER_PREFIX:
        return {}
    return dict(p.split("=", 1) for p in parts[1:] if "=" in p)


def _agency_year(
    doc: object, meta: dict[str, str], title: str | None
) -> tuple[str | None, int | None]:
    agency = doc.core_properties.subject if meta else None  # type: ignore[attr-defined]
    year = int(meta["year"]) if meta.get("year", "").isdigit() else None
    if (agency is None or year is None) and title:
        match = TITLE_PATTERN.match(title)
        if match:
            agency = agency or match["agency"]
            year = year or int(match["year"])
    return agency or None, year


def _format(tables: dict[str, WordTable], year: int) -> str:
    t1 = tables.get("t1")
    if t1 is not None:
        return FORMAT_2021 if FORMAT_2021_MARKER in _all_text(t1) else FORMAT_2019
    return format_for_year(year)


def _all_text(table: WordTable) -> str:
    return " ".join(cell.text for row in table.rows for cell in row.cells)


def _cell_reader(table: WordTable):  # noqa: ANN202 - a small closure
    grid = [[cell.text for cell in row.cells] for row in table.rows]

    def cell_text(row: int, col: int) -> str | None:
        if row >= len(grid) or col >= len(grid[row]):
            return None
        return grid[row][col]

    return cell_text


def _date(match: re.Match[str], findings: list[Finding]) -> date | None:
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        findings.append(Finding("R-DATE-INVALID", "error", f"成文日期无效：{match[0]}", "落款"))
        return None


register("docx", read_docx, sniff=lambda head: head.startswith(b"PK") and b"word/" in head)
