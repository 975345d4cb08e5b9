"""Reading a published annual report from HTML (BeautifulSoup + lxml; pure, no Django).

Two cases:

* HTML written by our renderer (``xxgk.annual_reports.render.html``): the ``<article
  class="annual-report">`` carries the identity in ``data-*`` attributes and every value cell a
  ``data-code``; we read those exactly.
* Any other page (Word-converted markup, CMS pages): flattened by lxml in one pass
  (:mod:`xxgk.ingestion.htmlflat`): every ``<table>`` to pipe-separated rows (``label | 0 | 0 |``;
  merged cells appear once, blank cells stay empty), the page to lines, which the text reader
  then parses.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from bs4 import BeautifulSoup, Tag

from xxgk.annual_reports.data import CellValue, Finding, ReportData, Section
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import FORMATS
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.htmlflat import flatten_html, parse_html
from xxgk.ingestion.text import read_text_report


def read_html_report(data: bytes | str) -> ReportData:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if b"data-code" in raw:
        soup = BeautifulSoup(data, "lxml")
        article = soup.find("article", attrs={"data-format": True})
        if isinstance(article, Tag) and article.find(attrs={"data-code": True}):
            return _read_ours(article)
    # Anyone else's page: one lxml pass (xxgk/ingestion/htmlflat.py), rows with their places.
    flat = flatten_html(parse_html(raw))
    return read_text_report(flat.text(), flat=flat)


def _read_ours(article: Tag) -> ReportData:
    fmt = str(article.get("data-format", ""))
    if fmt not in FORMATS:
        raise ReportReadError(f"HTML报告的格式标记无效：{fmt}")
    try:
        year = int(str(article.get("data-year", "")))
    except ValueError:
        raise ReportReadError("HTML报告的年度标记无效") from None
    dated_raw = str(article.get("data-dated", ""))
    try:
        dated = date.fromisoformat(dated_raw) if dated_raw else None
    except ValueError:
        raise ReportReadError(f"HTML报告的日期标记无效：{dated_raw}") from None
    kind = str(article.get("data-agency-kind", "")) or None
    title = article.get("data-title")
    findings: list[Finding] = []
    spec = FORMATS[fmt]
    cells: dict[str, CellValue] = {}
    for td in article.find_all(attrs={"data-code": True}):
        code = str(td["data-code"])
        if not spec.has_cell(code):
            findings.append(finding(Rule.CELL_INVALID, f"未知的单元格代码：{code}", "单元格"))
            continue
        text = td.get_text("").strip()
        cells[code] = _number(text, code, findings)
    sections = []
    for sec in article.find_all("section", class_="report-section"):
        heading = sec.find("h2")
        paragraphs = [p.get_text("").strip() for p in sec.find_all("p", recursive=False)]
        sections.append(
            Section(heading.get_text("").strip() if heading else "", "\n".join(paragraphs))
        )
    return ReportData(
        agency=str(article.get("data-agency", "")),
        year=year,
        format=fmt,
        dated=dated,
        agency_kind=kind,
        title=str(title) if title else None,
        sections=sections,
        cells=cells,
        findings=findings,
    )


def _number(text: str, code: str, findings: list[Finding]) -> CellValue:
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        findings.append(finding(Rule.CELL_INVALID, f"单元格不是数字：{text}", code))
        return None
    return int(number) if number == number.to_integral_value() else number
