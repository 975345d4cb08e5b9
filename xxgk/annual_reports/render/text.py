"""Text conventions shared by the renderers: title, paragraphs, the printed date, table slots."""

from __future__ import annotations

from datetime import date

from xxgk.annual_reports.data import ReportData
from xxgk.lib.dates import chinese_date

# Section index (0-based) under which each table is printed: 表一 under 二, 表二 under 三,
# 表三 under 四 (条例 Art. 50(1)–(3)).
TABLE_SECTION = (1, 2, 3)


def default_title(agency: str, year: int) -> str:
    return f"{agency}{year}年政府信息公开工作年度报告"


def report_title(report: ReportData) -> str:
    """The printed title: the report's own title, else "<机关名称><年度>年政府信息公开工作年度报告"."""
    return report.title if report.title else default_title(report.agency, report.year)


def paragraphs(text: str) -> list[str]:
    """Split a section's text into printed paragraphs (one per non-blank line)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def dated_text(day: date) -> str:
    """GB/T 9704 §7.3.5.1: 成文日期 in Arabic numerals, e.g. "2020年1月8日"."""
    return chinese_date(day)


def table_slots(report: ReportData, n_tables: int) -> dict[int | None, list[int]]:
    """Map section index → tables printed at its end; ``None`` → tables after all sections."""
    slots: dict[int | None, list[int]] = {}
    for table, section in enumerate(TABLE_SECTION[:n_tables]):
        key = section if section < len(report.sections) else None
        slots.setdefault(key, []).append(table)
    return slots
