from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.render import CONTENT_TYPES, render
from xxgk.annual_reports.render.html import render_tables_fragment
from xxgk.annual_reports.render.layout import SHEET_NAMES, code_positions, format_value
from xxgk.annual_reports.schema import FORMATS
from xxgk.documents.glyphs import pdf_missing_glyphs, pdf_text

SHARED = Path(__file__).resolve().parents[4] / "shared"
SEED = SHARED / "seed" / "2019_daye_kjj.txt"
HONGZE = SHARED / "samples" / "expected" / "2024_hongze_qzf_1.json"


def _seed() -> ReportData:
    if not SEED.exists():
        pytest.skip("shared/seed is not available")
    from xxgk.ingestion.read import read_report

    return read_report(str(SEED))


def _hongze() -> ReportData:
    if not HONGZE.exists():
        pytest.skip("shared/samples is not available")
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
    for kind in CONTENT_TYPES:
        assert len(render(report, kind)) > 1000, kind
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


def test_it_prints_every_number_and_heading_in_the_pdf(report: ReportData) -> None:
    data = render(report, "pdf")

    text = pdf_text(data)
    tokens = text.split()
    for code, value in _printed(report).items():
        assert value in tokens, code
    lines = {line.replace(" ", "") for line in text.split("\n")}
    for section in report.sections:
        assert section.heading.replace(" ", "") in lines
    assert pdf_missing_glyphs(data) == set()
    if shutil.which("pdftotext"):
        out = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
        for value in _printed(report).values():
            assert value in out


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
