"""Compare two years' reports of one agency (issue 13, item 6; pure, no Django).

``compare(old, new, threshold=0.5)`` returns findings about the pair:

* R-CROSS-YEAR-CARRY / R-PREVIOUS-YEAR: 本年“上年结转” = last year's “结转下年度继续办理”
  (the existing rule of :func:`xxgk.annual_reports.rules.validate`, reused);
* R-COMPARE-CONTINUITY: 2021 format: this year's 现行有效件数 = last year's 现行有效件数 + 本年制发
  − 本年废止 (规章, 行政规范性文件); 2019 format: this year's 上一年项目数量 = last year's 上一年项目
  数量 + 本年增/减;
* R-COMPARE-CHANGE: a number that changed by more than ``threshold`` (a share of the larger
  value, default half) and by at least ``MIN_CHANGE``;
* R-COMPARE-COPIED: a section whose text is nearly the same as last year's (``COPY_RATIO``).
"""

from __future__ import annotations

from decimal import Decimal
from difflib import SequenceMatcher

from xxgk.annual_reports.data import Finding, ReportData
from xxgk.annual_reports.rules import Rule, finding, validate
from xxgk.annual_reports.schema import FORMAT_2019, FORMAT_2021, FORMATS

DEFAULT_THRESHOLD = 0.5
# Small counts swing by large shares (2 → 5) without meaning anything.
MIN_CHANGE = 10
COPY_RATIO = 0.9
MIN_COPY_CHARS = 60
_IN_FORCE_ROWS = ("regulations", "normative")
_ITEM_ROWS = ("licensing", "other_services", "penalty", "coercion", "fees")


def compare(
    old: ReportData, new: ReportData, threshold: float = DEFAULT_THRESHOLD
) -> list[Finding]:
    out = [
        f
        for f in validate(new, previous=old)
        if f.code in (Rule.CROSS_YEAR_CARRY.value, Rule.PREVIOUS_YEAR.value)
    ]
    if any(f.code == Rule.PREVIOUS_YEAR.value for f in out):
        return out
    out += _continuity(old, new)
    out += _changes(old, new, threshold)
    out += _copied(old, new)
    return out


def _num(report: ReportData, code: str) -> Decimal | None:
    value = report.cells.get(code)
    if isinstance(value, bool) or value is None:
        return None
    return Decimal(value)


def _continuity(old: ReportData, new: ReportData) -> list[Finding]:
    out: list[Finding] = []
    if old.format == new.format == FORMAT_2021:
        for row in _IN_FORCE_ROWS:
            before = _num(old, f"t1.{row}.in_force")
            issued = _num(new, f"t1.{row}.issued")
            repealed = _num(new, f"t1.{row}.repealed")
            now = _num(new, f"t1.{row}.in_force")
            if None in (before, issued, repealed, now):
                continue
            if before + issued - repealed != now:  # type: ignore[operator]
                out.append(
                    finding(
                        Rule.COMPARE_CONTINUITY,
                        f"上年现行有效{before} + 本年制发{issued} − 本年废止{repealed} = "
                        f"{before + issued - repealed}，本年现行有效却为{now}",  # type: ignore[operator]
                        FORMATS[new.format].cell(f"t1.{row}.in_force").where,
                    )
                )
    elif old.format == new.format == FORMAT_2019:
        for row in _ITEM_ROWS:
            prev = _num(old, f"t1.{row}.prev_items")
            change = _num(old, f"t1.{row}.change")
            now = _num(new, f"t1.{row}.prev_items")
            if None in (prev, change, now):
                continue
            if prev + change != now:  # type: ignore[operator]
                out.append(
                    finding(
                        Rule.COMPARE_CONTINUITY,
                        f"上一年度报告的项目数量{prev}加增减{change}为{prev + change}，"  # type: ignore[operator]
                        f"本年“上一年项目数量”却为{now}",
                        FORMATS[new.format].cell(f"t1.{row}.prev_items").where,
                    )
                )
    return out


def _changes(old: ReportData, new: ReportData, threshold: float) -> list[Finding]:
    fmt = FORMATS.get(new.format)
    if fmt is None:
        return []
    out: list[Finding] = []
    for code in fmt.cell_codes():
        if not FORMATS.get(old.format) or not FORMATS[old.format].has_cell(code):
            continue
        before, now = _num(old, code), _num(new, code)
        if before is None or now is None:
            continue
        delta = abs(now - before)
        if delta >= MIN_CHANGE and delta > Decimal(str(threshold)) * max(abs(before), abs(now)):
            out.append(
                finding(
                    Rule.COMPARE_CHANGE,
                    f"由上一年度的{before}变为{now}（变化{delta / max(abs(before), abs(now)):.0%}），请确认",
                    fmt.cell(code).where,
                )
            )
    return out


def _copied(old: ReportData, new: ReportData) -> list[Finding]:
    before = {s.heading.strip(): s.text for s in old.sections}
    out: list[Finding] = []
    for section in new.sections:
        text = "".join(section.text.split())
        previous = "".join(before.get(section.heading.strip(), "").split())
        if len(text) < MIN_COPY_CHARS or len(previous) < MIN_COPY_CHARS:
            continue
        ratio = SequenceMatcher(None, previous, text, autojunk=False).ratio()
        if ratio >= COPY_RATIO:
            out.append(
                finding(
                    Rule.COMPARE_COPIED,
                    f"本部分与上一年度报告的文字{ratio:.0%}相同，可能照搬上年内容",
                    section.heading,
                )
            )
    return out
