from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date

import pdfplumber
import pytest
from docx import Document
from openpyxl import load_workbook

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.render import CONTENT_TYPES, render
from xxgk.annual_reports.render.html import render_tables_fragment
from xxgk.annual_reports.render.layout import (
    SHEET_NAMES,
    code_positions,
    format_value,
    table_grids,
)
from xxgk.annual_reports.render.text import report_title
from xxgk.annual_reports.schema import FORMATS
from xxgk.documents.glyphs import pdf_missing_glyphs, pdf_text
from xxgk.testdata import EXPECTED, SEED

HONGZE = EXPECTED / "2024_hongze_qzf_1.json"


def _seed() -> ReportData:
    from xxgk.ingestion.read import read_report

    return read_report(str(SEED))


def _hongze() -> ReportData:
    report = ReportData.from_json(json.loads(HONGZE.read_text(encoding="utf-8")))
    report.sections = [Section(h, f"{h}的正文。") for h in FORMATS["2021"].headings]
    report.dated = date(2025, 1, 20)
    return report


@pytest.fixture(params=["seed", "hongze"])
def report(request: pytest.FixtureRequest) -> ReportData:
    return _seed() if request.param == "seed" else _hongze()


def _printed(report: ReportData) -> dict[str, str]:
    """Every printed cell with a value, as it must appear in its cell."""
    return {
        code: format_value(report.cells[code])
        for code in FORMATS[report.format].cell_codes()
        if report.cells.get(code) is not None
    }


def test_it_reads_the_seed_with_all_cells() -> None:
    report = _seed()
    assert (report.agency, report.year, report.format) == ("大冶市科技局", 2019, "2019")
    assert len(_printed(report)) == 198
    assert report.cells["t1.other_services.change"] == -13


def test_it_renders_all_five_kinds(report: ReportData) -> None:
    title = report_title(report)
    rendered = {kind: render(report, kind) for kind in CONTENT_TYPES}

    assert set(rendered) == {"html", "docx", "pdf", "xlsx", "json"}
    assert f"<h1>{title}</h1>" in rendered["html"].decode()
    assert Document(io.BytesIO(rendered["docx"])).paragraphs[0].text.replace(" ", "") == title
    assert title in pdf_text(rendered["pdf"]).replace(" ", "").replace("\n", "")
    assert load_workbook(io.BytesIO(rendered["xlsx"])).sheetnames[:3] == list(SHEET_NAMES.values())
    assert ReportData.from_json(json.loads(rendered["json"])) == report
    with pytest.raises(ValueError, match="不支持的输出格式"):
        render(report, "odt")


def test_it_puts_every_number_in_its_docx_cell(report: ReportData) -> None:
    doc = Document(io.BytesIO(render(report, "docx")))
    positions = code_positions(report.format)

    assert len(doc.tables) == 3
    for table, code_table in zip(doc.tables, ("t1", "t2", "t3"), strict=True):
        grid = [[c.text for c in row.cells] for row in table.rows]
        for code, (row, col) in positions[code_table].items():
            expected = format_value(report.cells.get(code))
            assert grid[row][col] == expected, code


def test_it_puts_every_number_in_its_xlsx_cell(report: ReportData) -> None:
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    positions = code_positions(report.format)

    assert book.sheetnames == [*SHEET_NAMES.values(), "cells", "report", "sections"]
    for table, name in SHEET_NAMES.items():
        sheet = book[name]
        for code, (row, col) in positions[table].items():
            value = sheet.cell(row=2 + row, column=1 + col).value
            assert value == report.cells.get(code), code
        assert sheet.merged_cells.ranges  # merged headers
    flat = {row[0]: row[2] for row in book["cells"].iter_rows(min_row=2, values_only=True)}
    assert flat == {code: report.cells[code] for code in FORMATS[report.format].all_codes()}


def _pdf_rows(data: bytes) -> list[list[str]]:
    """The table rows a reader of the PDF sees: pdfplumber follows the printed ruling lines.

    A cell covered by a merged cell above or to the left reads as None; blanks are dropped,
    as they are from the layout rows we compare with.
    """
    rows: list[list[str]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    cells = ["".join((c or "").split()) for c in row]
                    rows.append([c for c in cells if c])
    return rows


def test_it_prints_every_table_row_and_heading_in_the_pdf(report: ReportData) -> None:
    data = render(report, "pdf")

    printed = _pdf_rows(data)
    compared = 0
    for grid in table_grids(report):
        for row in grid.rows:
            if not any(cell.code for cell in row):
                continue
            expected = ["".join(c.text.split()) for c in row if c.text.strip()]
            # A row-group label spanning rows is printed again where a page break splits it.
            assert any(
                shown[len(shown) - len(expected) :] == expected
                and not any(c.isdigit() for c in "".join(shown[: len(shown) - len(expected)]))
                for shown in printed
            ), (grid.code, expected)
            compared += 1
    assert compared == 32  # every data row of the three tables, both formats
    text = pdf_text(data)
    lines = {line.replace(" ", "") for line in text.split("\n")}
    for section in report.sections:
        assert section.heading.replace(" ", "") in lines
    assert pdf_missing_glyphs(data) == set()
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        for section in report.sections:
            assert section.heading.replace(" ", "") in out.replace(" ", "")


def test_it_renders_accessible_html_tables(report: ReportData) -> None:
    html = render(report, "html").decode()
    fragment = render_tables_fragment(report)

    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "<link" not in html and "<script" not in html
    assert fragment.count("<caption>") == 3
    assert 'scope="colgroup"' in fragment and 'scope="rowgroup"' in fragment
    for code, value in _printed(report).items():
        assert f'data-code="{code}">{value}</td>' in fragment


def test_it_escapes_text_in_html() -> None:
    report = ReportData("某局<script>", 2021, "2021", sections=[Section("一、总体情况", 'a<b>&"c')])
    html = render(report, "html").decode()

    assert "<script>" not in html
    assert "某局&lt;script&gt;" in html
    assert "<p>a&lt;b&gt;&amp;&quot;c</p>" in html
