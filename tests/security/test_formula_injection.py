"""Issue 11 defect 6: no CSV or XLSX the system writes can carry a live formula."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.export import export_cases_csv
from xxgk.annual_reports.render import render
from xxgk.applications.models import Application
from xxgk.applications.tests.scripting import submit
from xxgk.lib.formulas import csv_cell
from xxgk.publications.registers.sheets import SHEETS, template_bytes

PAYLOADS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(1)", "\tcmd", "\r=1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_it_prefixes_formula_like_csv_cells(payload: str) -> None:
    assert csv_cell(payload) == "'" + payload
    assert csv_cell("正常文字") == "正常文字"
    assert csv_cell(-5) == -5  # numbers are numbers


def test_it_writes_report_sections_to_xlsx_as_text_never_as_formulas() -> None:
    report = ReportData(
        "某局", 2025, "2021", sections=[Section(f"标题{i}", p) for i, p in enumerate(PAYLOADS)]
    )
    book = load_workbook(io.BytesIO(render(report, "xlsx")))
    sheet = book["sections"]
    for row, payload in enumerate(PAYLOADS, start=2):
        cell = sheet.cell(row=row, column=2)
        assert (cell.value, cell.data_type) == (payload, "s")
    formulas = [
        c.coordinate
        for ws in book.worksheets
        for r in ws.iter_rows()
        for c in r
        if c.data_type == "f"
    ]
    assert formulas == []


@time_machine.travel("2025-12-31 10:00 +0800", tick=False)
def test_it_neutralises_case_numbers_in_the_table_2_export(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    Application.objects.filter(pk=app.pk).update(case_number="=cmd|' /C calc'!A0")
    rows = list(csv.reader(io.StringIO(export_cases_csv(world.a, 2025))))
    assert [r[0] for r in rows[1:]] == ["'=cmd|' /C calc'!A0"]


def test_it_writes_register_templates_without_formulas() -> None:
    for kind in SHEETS:
        book = load_workbook(io.BytesIO(template_bytes(kind)))
        assert all(c.data_type != "f" for ws in book.worksheets for r in ws.iter_rows() for c in r)
