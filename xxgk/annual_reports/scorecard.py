"""The evaluation score card of annual reports (pure, no Django).

Each indicator is one check evaluators apply to a published report (domain.md §6: CASS
年度报告专项评估, provincial 通报, the machine-checkable defect list). An indicator passes or
fails with a Chinese reason; its weight comes from configuration (``XXGK_SCORECARD_WEIGHTS``,
parsed by :func:`parse_weights` at start-up, docs/configuration.md). An agency's score is
100 × (Σ weights of the passed indicators) / (Σ all weights), so changing a weight never needs
a code change and the scale stays 0–100.

The ranking orders agencies by score (ties share a rank: 1, 2, 2, 4) and gives the reasons of
every failed indicator, which is what a draft 通报 states.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from xxgk.annual_reports.data import Finding, ReportData
from xxgk.annual_reports.rules import Rule, normalise_heading, validate
from xxgk.annual_reports.schema import FORMATS, HEADINGS, format_for_year
from xxgk.lib.dates import chinese_date


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    weight: int


# Default weights (sum 100). Timeliness and correct tables weigh most: the 条例 deadline and the
# 勾稽关系 are the two defects the provincial 通报 cite first (domain.md §6).
INDICATORS: tuple[Indicator, ...] = (
    Indicator("on_time", "按时发布", 15),
    Indicator("format_version", "使用正确版本的统一格式", 8),
    Indicator("title_headings", "标题与六部分标题规范", 7),
    Indicator("tables_balance", "表格勾稽关系正确", 15),
    Indicator("no_blank_cells", "无空白单元格", 5),
    Indicator("cross_year", "跨年度结转衔接", 8),
    Indicator("text_matches_tables", "正文数字与表格一致", 8),
    Indicator("section5_substantive", "第五部分写明实际问题和改进措施", 8),
    Indicator("section6_fees", "第六部分说明收费情况", 5),
    Indicator("not_copied", "未照搬上一年度内容", 8),
    Indicator("in_column", "在政府信息公开年报栏目发布", 5),
    Indicator("versioned", "发布后未改动或按版本更正", 8),
)
INDICATOR_CODES: tuple[str, ...] = tuple(i.code for i in INDICATORS)
DEFAULT_WEIGHTS: dict[str, int] = {i.code: i.weight for i in INDICATORS}
LABELS: dict[str, str] = {i.code: i.label for i in INDICATORS}

# 法治蓝皮书 2017 found reports ~90 % identical to the previous year's.
DEFAULT_COPY_THRESHOLD = Decimal("0.9")
MAX_WEIGHT = 1000

TABLE_RULES = frozenset(
    {
        Rule.T2_BALANCE.value,
        Rule.T2_TOTAL.value,
        Rule.T2_COLSUM.value,
        Rule.T2_OTHER_SUM.value,
        Rule.T3_TOTAL.value,
        Rule.CELL_INVALID.value,
    }
)


def parse_weights(text: str) -> dict[str, int]:
    """``"on_time=20,not_copied=10"`` → the default weights with those replaced.

    ``ValueError`` with a Chinese message for an unknown code, a non-integer or negative weight,
    or weights that are all zero (the score would be undefined)."""
    weights = dict(DEFAULT_WEIGHTS)
    for item in (p.strip() for p in text.split(",")):
        if not item:
            continue
        code, sep, value = (s.strip() for s in item.partition("="))
        if not sep or code not in weights:
            raise ValueError(
                f"“{item}”无效：应写成 指标代码=权重，指标代码为 {'、'.join(INDICATOR_CODES)}。"
            )
        if not value.isdigit() or int(value) > MAX_WEIGHT:
            raise ValueError(f"指标 {code} 的权重“{value}”无效：应为 0 到 {MAX_WEIGHT} 的整数。")
        weights[code] = int(value)
    if not any(weights.values()):
        raise ValueError("所有指标的权重都为 0，无法计分。")
    return weights


def parse_threshold(text: str) -> Decimal:
    """A similarity threshold in per cent, "90" → 0.9 (ValueError in Chinese when not 1–100)."""
    value = text.strip()
    if not value.isdigit() or not 1 <= int(value) <= 100:
        raise ValueError(f"相似度阈值“{text}”无效：应为 1 到 100 之间的整数（百分比）。")
    return Decimal(value) / 100


@dataclass(frozen=True)
class VersionInfo:
    """A published version: its number and the correction note it was published with."""

    number: int
    correction_note: str = ""


@dataclass(frozen=True)
class Subject:
    """What the score card knows about one agency-year.

    ``report`` is the published (or accepted) report, None when there is none. ``published_on``
    is the date the first version went online (or the printed date of an imported file);
    ``in_column`` whether it is listed in the agency's 政府信息公开年报 column.
    """

    agency: str
    year: int
    report: ReportData | None
    due: date
    published_on: date | None = None
    previous: ReportData | None = None
    in_column: bool = False
    versions: tuple[VersionInfo, ...] = ()
    agency_kind: str | None = None


@dataclass(frozen=True)
class Result:
    code: str
    label: str
    weight: int
    passed: bool
    reason: str

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "label": self.label,
            "weight": self.weight,
            "passed": self.passed,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ScoreCard:
    agency: str
    year: int
    score: Decimal
    indicators: tuple[Result, ...]
    rank: int = 0

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.indicators if not r.passed]

    def to_json(self) -> dict[str, object]:
        return {
            "agency": self.agency,
            "year": self.year,
            "score": float(self.score),
            "rank": self.rank,
            "indicators": [r.to_json() for r in self.indicators],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ScoreCard:
        """Back from ``to_json`` (a score card kept in a finished job's result)."""
        return cls(
            agency=data["agency"],
            year=data["year"],
            score=Decimal(str(data["score"])).quantize(Decimal("0.1")),
            rank=data["rank"],
            indicators=tuple(
                Result(i["code"], i["label"], i["weight"], i["passed"], i["reason"])
                for i in data["indicators"]
            ),
        )


@dataclass
class _Context:
    subject: Subject
    report: ReportData
    findings: list[Finding] = field(default_factory=list)
    copy_threshold: Decimal = DEFAULT_COPY_THRESHOLD

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def first(self, codes: set[str] | frozenset[str]) -> Finding | None:
        return next((f for f in self.findings if f.code in codes), None)


Check = Callable[[_Context], tuple[bool, str]]


def score(
    subject: Subject,
    weights: Mapping[str, int] | None = None,
    *,
    copy_threshold: Decimal = DEFAULT_COPY_THRESHOLD,
) -> ScoreCard:
    """Every indicator for one agency-year; no report = every indicator fails, saying so."""
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    results: list[Result] = []
    if subject.report is None:
        reason = f"{subject.year}年度报告未发布（法定期限{chinese_date(subject.due)}）"
        results = [
            Result(i.code, i.label, weights.get(i.code, 0), False, reason) for i in INDICATORS
        ]
    else:
        ctx = _Context(subject, subject.report, copy_threshold=copy_threshold)
        ctx.findings = validate(subject.report, subject.previous)
        for indicator in INDICATORS:
            passed, reason = _CHECKS[indicator.code](ctx)
            results.append(
                Result(
                    indicator.code, indicator.label, weights.get(indicator.code, 0), passed, reason
                )
            )
    total = sum(r.weight for r in results)
    earned = sum(r.weight for r in results if r.passed)
    value = (Decimal(100 * earned) / Decimal(total)) if total else Decimal(0)
    return ScoreCard(
        agency=subject.agency,
        year=subject.year,
        score=value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
        indicators=tuple(results),
    )


def rank(cards: Sequence[ScoreCard]) -> list[ScoreCard]:
    """Highest score first; equal scores share a rank (1, 2, 2, 4); ties listed by name."""
    ordered = sorted(cards, key=lambda c: (-c.score, c.agency))
    out: list[ScoreCard] = []
    for index, card in enumerate(ordered):
        if out and card.score == out[-1].score:
            position = out[-1].rank
        else:
            position = index + 1
        out.append(ScoreCard(card.agency, card.year, card.score, card.indicators, rank=position))
    return out


def reasons(card: ScoreCard) -> str:
    """One line of the 通报: the failed indicators and why, or that all passed."""
    if not card.failed:
        return "各项指标均符合要求"
    return "；".join(f"{r.label}：{r.reason}" for r in card.failed)


# --- the checks ----------------------------------------------------------------------------------


def _on_time(ctx: _Context) -> tuple[bool, str]:
    s = ctx.subject
    if s.published_on is None:
        return False, "未能确定发布日期"
    if s.published_on > s.due:
        days = (s.published_on - s.due).days
        return False, (
            f"{chinese_date(s.published_on)}发布，晚于法定期限{chinese_date(s.due)}（逾期{days}天）"
        )
    return True, f"{chinese_date(s.published_on)}发布，未超过法定期限{chinese_date(s.due)}"


def _format_version(ctx: _Context) -> tuple[bool, str]:
    expected = format_for_year(ctx.report.year)
    if ctx.report.format != expected:
        return False, (
            f"应使用{FORMATS[expected].name}格式，实际使用"
            f"{FORMATS[ctx.report.format].name if ctx.report.format in FORMATS else ctx.report.format}格式"
        )
    return True, f"使用{FORMATS[expected].name}格式"


def _title_headings(ctx: _Context) -> tuple[bool, str]:
    report = ctx.report
    expected = f"{ctx.subject.agency}{report.year}年政府信息公开工作年度报告"
    title = re.sub(r"\s", "", report.title or "")
    problems = []
    if title != expected:
        problems.append(f"标题应为“{expected}”，实为“{report.title or '（无标题）'}”")
    heading = ctx.first({Rule.HEADINGS.value})
    if heading is not None:
        count = sum(1 for f in ctx.findings if f.code == Rule.HEADINGS.value)
        problems.append(f"{count}个部分标题不规范（如{heading.where}：{heading.message}）")
    if problems:
        return False, "；".join(problems)
    return True, "标题和六个部分标题符合格式"


def _tables_balance(ctx: _Context) -> tuple[bool, str]:
    bad = [f for f in ctx.findings if f.code in TABLE_RULES]
    if bad:
        first = bad[0]
        return False, f"{len(bad)}处勾稽关系错误（如{first.where}：{first.message}）"
    return True, "表二、表三勾稽关系正确"


def _no_blank_cells(ctx: _Context) -> tuple[bool, str]:
    blank = (
        [
            code
            for code in FORMATS[ctx.report.format].cell_codes()
            if ctx.report.cells.get(code) is None
        ]
        if ctx.report.format in FORMATS
        else []
    )
    if blank:
        where = FORMATS[ctx.report.format].cell(blank[0]).where
        return False, f"{len(blank)}个单元格为空（如{where}）"
    return True, "无空白单元格"


def _cross_year(ctx: _Context) -> tuple[bool, str]:
    if ctx.subject.previous is None:
        return True, "无上一年度报告，未比对结转"
    bad = [f for f in ctx.findings if f.code == Rule.CROSS_YEAR_CARRY.value]
    if bad:
        return False, f"上年结转与上一年度报告不衔接（{bad[0].where}：{bad[0].message}）"
    if ctx.first({Rule.PREVIOUS_YEAR.value}):
        return True, "上一年度报告不衔接，未比对结转"
    return True, "上年结转与上一年度报告结转下年度数一致"


def _text_matches(ctx: _Context) -> tuple[bool, str]:
    bad = ctx.first({Rule.TEXT_TABLE.value})
    if bad:
        return False, bad.message
    return True, "正文所述数字与表格一致"


def _section(report: ReportData, index: int) -> str | None:
    """The text of section ``index`` (0-based), found by its heading's wording."""
    target = normalise_heading(HEADINGS[index])
    for section in report.sections:
        if normalise_heading(section.heading) == target:
            return section.text
    if len(report.sections) == len(HEADINGS):
        return report.sections[index].text
    return None


# Fewer characters than this cannot state a problem and a measure (evaluators: 内容不翔实).
SECTION5_MIN_CHARS = 30


def _section5(ctx: _Context) -> tuple[bool, str]:
    text = _section(ctx.report, 4)
    if text is None:
        return False, "缺少第五部分"
    body = re.sub(r"\s", "", text)
    if ctx.first({Rule.SECTION5_EMPTY.value}) or body in ("", "无", "无。", "暂无", "暂无。"):
        return False, "第五部分为空或只写“无”"
    if "【请" in body:
        return False, "第五部分仍是待填写的提示"
    if len(body) < SECTION5_MIN_CHARS:
        return False, f"第五部分仅{len(body)}字，未写明具体问题和改进措施"
    return True, f"第五部分{len(body)}字，写明了问题和改进措施"


_FEES = re.compile(r"收费|信息处理费|收取.{0,6}费")


def _section6_fees(ctx: _Context) -> tuple[bool, str]:
    text = _section(ctx.report, 5)
    if text is None:
        return False, "缺少第六部分"
    if _FEES.search(text):
        return True, "第六部分说明了信息处理费收取情况"
    return False, "第六部分未说明信息处理费收取情况（国办函〔2020〕109号）"


def _not_copied(ctx: _Context) -> tuple[bool, str]:
    previous = ctx.subject.previous
    if previous is None or not previous.sections:
        return True, "无上一年度报告正文，未比对"
    now = "\n".join(s.text for s in ctx.report.sections)
    before = "\n".join(s.text for s in previous.sections)
    if not now.strip():
        return False, "报告无正文"
    ratio = difflib.SequenceMatcher(None, now, before, autojunk=False).ratio()
    percent = f"{ratio:.0%}"
    if Decimal(str(ratio)) >= ctx.copy_threshold:
        return False, f"正文与上一年度相似度{percent}，达到阈值{ctx.copy_threshold:.0%}"
    return True, f"正文与上一年度相似度{percent}"


def _in_column(ctx: _Context) -> tuple[bool, str]:
    if ctx.subject.in_column:
        return True, "已在政府信息公开年报栏目发布"
    return False, "未在政府信息公开年报栏目发布"


def _versioned(ctx: _Context) -> tuple[bool, str]:
    versions = ctx.subject.versions
    if len(versions) <= 1:
        return True, "发布后未改动"
    silent = [v.number for v in versions if v.number > 1 and not v.correction_note.strip()]
    if silent:
        return False, f"第{'、'.join(map(str, silent))}版发布时未说明更正内容"
    return True, f"共{len(versions)}个版本，每次更正均说明了原因"


_CHECKS: dict[str, Check] = {
    "on_time": _on_time,
    "format_version": _format_version,
    "title_headings": _title_headings,
    "tables_balance": _tables_balance,
    "no_blank_cells": _no_blank_cells,
    "cross_year": _cross_year,
    "text_matches_tables": _text_matches,
    "section5_substantive": _section5,
    "section6_fees": _section6_fees,
    "not_copied": _not_copied,
    "in_column": _in_column,
    "versioned": _versioned,
}
