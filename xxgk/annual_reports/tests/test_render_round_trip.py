from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render import render
from xxgk.annual_reports.render.layout import format_value
from xxgk.annual_reports.tests.report_strategies import reports
from xxgk.documents.glyphs import pdf_missing_glyphs, pdf_text
from xxgk.ingestion.docx import read_docx
from xxgk.ingestion.html import read_html_report
from xxgk.ingestion.xlsx import read_xlsx

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reports())
def test_it_round_trips_json(report: ReportData) -> None:
    assert ReportData.from_json(json.loads(render(report, "json"))) == report


@SETTINGS
@given(reports())
def test_it_round_trips_docx(report: ReportData) -> None:
    back = read_docx(render(report, "docx"))
    assert back == report
    assert [f.code for f in back.findings] == []


@SETTINGS
@given(reports())
def test_it_round_trips_xlsx(report: ReportData) -> None:
    back = read_xlsx(render(report, "xlsx"))
    assert back == report
    assert [f.code for f in back.findings] == []


@SETTINGS
@given(reports())
def test_it_round_trips_html(report: ReportData) -> None:
    # The HTML reader (xxgk.ingestion.html) reads the data-code cells and data-* identity.
    assert read_html_report(render(report, "html")) == report


@settings(max_examples=5, deadline=None)
@given(reports())
def test_it_prints_every_number_and_heading_in_the_pdf(report: ReportData) -> None:
    data = render(report, "pdf")

    text = pdf_text(data)
    tokens = set(text.split())
    for code, value in report.cells.items():
        if value is not None and not code.startswith("t2.other.") or report.format == "2019":
            if value is not None:
                assert format_value(value) in tokens, code
    lines = text.replace(" ", "").split("\n")
    for section in report.sections:
        assert section.heading in lines
    assert pdf_missing_glyphs(data) == set()
