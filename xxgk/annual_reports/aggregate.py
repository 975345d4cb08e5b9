"""The 本级政府 report aggregated cell by cell, with provenance (pure, no Django).

条例 Art. 49(2): the 主管部门 publishes the 本级政府 report, and evaluators criticise government
reports that do not cover the whole region (domain.md §6). The government's report for a year is
its own records plus the accepted reports of its departments (and, configurably, of lower-level
governments and towns). This module only adds the numbers; which reports are included, and why
one is missing, is the region's business (``xxgk.region.selectors`` and ``aggregate_service``).

How each kind of cell is aggregated
-----------------------------------

* **Every printed cell** is the sum of the parts' cells. All the table identities (表二 勾稽关系,
  表三 totals, the 总计 column) are linear, so the sum of balanced parts balances; the property
  test proves it. The provenance of a cell maps each covered agency to its contribution and sums
  to the cell exactly (Decimal arithmetic; no float).
* **Carry-over cells** (表二 二、上年结转 and 四、结转下年度; the 2019 表一 上一年项目数量 and
  本年增/减) are stocks and flows of the same region, so they are summed like the others. The
  cross-year check (R-CROSS-YEAR-CARRY) compares the aggregate with last year's aggregate only
  when both cover the same agencies, because a department that joined the region this year
  brings its own carry-over with it.
* **Derived cells** (2021: ``t2.other.*`` = Σ its three sub-rows) are recomputed: each part's
  derived value (which ``ReportData`` recomputes from its sub-rows) is summed, so a part that
  printed only the single （六） row still counts in the aggregate's （七）总计 check.
* **A blank cell of a part** (an imported report the reader could not read completely) adds
  nothing and is listed in an ``R-AGG-BLANK`` warning naming the agency, so nobody mistakes the
  aggregate for complete. It is absent from that cell's provenance, which still sums to the cell.
* **A part in the other format** (a 2019-format file imported for a 2021 report) is converted
  first (``convert.convert``); cells that cannot be converted are blank as above.

The aggregate carries the Art. 50(4) paragraph on 工作考核、社会评议和责任追究结果 in section 五
(``with_assessment_section``): 条例 Art. 50(4) requires it of 各级人民政府 only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

from xxgk.annual_reports.convert import convert
from xxgk.annual_reports.data import CellValue, Finding, ReportData, Section
from xxgk.annual_reports.rules import assessment_stated
from xxgk.annual_reports.schema import FORMATS, HEADINGS, format_for_year

Source = Literal["records", "platform", "import"]

SOURCE_LABELS: dict[str, str] = {
    "records": "本机关业务记录",
    "platform": "平台报送（已接收）",
    "import": "导入的已发布报告",
}

AGG_BLANK = "R-AGG-BLANK"

# The paragraph Art. 50(4) adds to a government's section 五; the check looks for these words.
ASSESSMENT_HEADING = "工作考核、社会评议和责任追究结果情况"
ASSESSMENT_PROMPT = (
    "【请填写：本年度政府信息公开工作考核、社会评议和责任追究结果情况（条例第五十条第四项），"
    "无责任追究的，写明“未发生责任追究情况”。】"
)


class AggregationError(ValueError):
    """The parts cannot be added up; ``message`` is Chinese and says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Part:
    """One report that goes into the aggregate: the government's own, or an included agency's."""

    agency: str
    data: ReportData
    source: Source = "platform"
    ref: str = ""


@dataclass(frozen=True)
class Exclusion:
    """An agency the report does not cover, and the recorded reason why."""

    agency: str
    reason: str


@dataclass
class AggregateReport:
    """The aggregated report, which agencies it covers and where each number came from."""

    report: ReportData
    covers: list[str]
    provenance: dict[str, dict[str, CellValue]]
    sources: dict[str, Source] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    excluded: list[Exclusion] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def contributions(self, code: str) -> list[tuple[str, CellValue]]:
        """The drill-down of one cell: (agency, contribution), in the order of ``covers``."""
        by_agency = self.provenance.get(code, {})
        return [(agency, by_agency[agency]) for agency in self.covers if agency in by_agency]

    def to_json(self) -> dict[str, object]:
        """The report JSON (report-cells.md) plus ``covers``, ``provenance`` (cell → agency →
        contribution), ``sources`` and ``refs`` (where each agency's report came from) and
        ``excluded`` (agency, reason)."""
        out = self.report.to_json()
        out["covers"] = list(self.covers)
        out["provenance"] = {
            code: {agency: _json_number(v) for agency, v in by_agency.items()}
            for code, by_agency in self.provenance.items()
        }
        out["sources"] = dict(self.sources)
        out["refs"] = dict(self.refs)
        out["excluded"] = [{"agency": e.agency, "reason": e.reason} for e in self.excluded]
        return out


def aggregate(
    agency: str,
    year: int,
    parts: Sequence[Part],
    *,
    format: str | None = None,
    agency_kind: str = "government",
    title: str | None = None,
    sections: Sequence[Section] = (),
    dated: date | None = None,
    excluded: Sequence[Exclusion] = (),
) -> AggregateReport:
    """Add ``parts`` cell by cell into ``agency``'s report for ``year``.

    Raises :class:`AggregationError` when a part belongs to another year, an agency appears
    twice or there is nothing to add.
    """
    fmt = format or format_for_year(year)
    if fmt not in FORMATS:
        raise AggregationError(f"报告格式无效：{fmt}（应为 2019 或 2021）。")
    if not parts:
        raise AggregationError(f"{agency}{year}年度没有可汇总的报告。")
    seen: set[str] = set()
    for part in parts:
        if part.agency in seen:
            raise AggregationError(f"{part.agency}的报告重复计入汇总，请只保留一份。")
        seen.add(part.agency)
        if part.data.year != year:
            raise AggregationError(
                f"{part.agency}的报告为{part.data.year}年度，不能计入{year}年度的汇总报告。"
            )
    spec = FORMATS[fmt]
    datas = [convert(p.data, fmt) if p.data.format != fmt else p.data for p in parts]
    provenance: dict[str, dict[str, CellValue]] = {}
    cells: dict[str, CellValue] = {}
    blanks: dict[str, list[str]] = {}
    printed = set(spec.cell_codes())
    for code in spec.all_codes():
        by_agency: dict[str, CellValue] = {}
        for part, data in zip(parts, datas):
            value = data.cells.get(code)
            if _is_number(value):
                by_agency[part.agency] = value
            elif code in printed:
                blanks.setdefault(part.agency, []).append(code)
        provenance[code] = by_agency
        cells[code] = _sum(by_agency.values()) if by_agency or code in printed else None
    findings = [
        Finding(
            AGG_BLANK,
            "warning",
            f"{name}的报告有{len(codes)}个单元格为空，汇总时未计入："
            + "、".join(spec.cell(c).where for c in codes[:5])
            + ("等" if len(codes) > 5 else ""),
            "汇总范围",
        )
        for name, codes in blanks.items()
    ]
    report = ReportData(
        agency=agency,
        year=year,
        format=fmt,
        dated=dated,
        agency_kind=agency_kind,
        title=title or f"{agency}{year}年政府信息公开工作年度报告",
        sections=list(sections),
        cells=cells,
    )
    return AggregateReport(
        report=report,
        covers=[p.agency for p in parts],
        provenance=provenance,
        sources={p.agency: p.source for p in parts},
        refs={p.agency: p.ref for p in parts if p.ref},
        excluded=list(excluded),
        findings=findings,
    )


def provenance_errors(result: AggregateReport) -> list[str]:
    """Cells whose provenance does not add up to the cell (must be empty; used by the tests)."""
    out = []
    for code, by_agency in result.provenance.items():
        value = result.report.cells.get(code)
        if not by_agency:
            continue
        if _sum(by_agency.values()) != value:
            out.append(code)
    return out


# --- coverage ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """An agency the government's report is expected to cover and the state of its report.

    ``status`` is the region's submission status (not_started, drafting, submitted, returned,
    accepted, published); only an included report counts, the rest block or are excluded.
    """

    agency: str
    status: str
    included: bool


STATUS_LABELS = {
    "not_started": "未开始",
    "drafting": "编制中",
    "submitted": "已报送待接收",
    "returned": "已退回",
    "accepted": "已接收",
    "published": "已发布",
}


def blocking_members(members: Iterable[Member], exclusions: Mapping[str, str]) -> list[Member]:
    """Members whose report is not included and who are not excluded with a recorded reason."""
    return [m for m in members if not m.included and not exclusions.get(m.agency, "").strip()]


def blocking_message(agency: str, year: int, blocking: Sequence[Member]) -> str:
    """The Chinese refusal listing every department that holds the aggregate up."""
    lines = "；".join(f"{m.agency}（{STATUS_LABELS.get(m.status, m.status)}）" for m in blocking)
    return (
        f"{agency}{year}年度报告无法汇总：以下{len(blocking)}个单位的报告尚未接收——{lines}。"
        "请催办并接收其报告，或写明理由将其排除在汇总范围之外。"
    )


def find_cycle(edges: Mapping[str, Sequence[str]], root: str) -> list[str] | None:
    """A cycle reachable from ``root`` in the "covers" graph, as a path ending where it began.

    ``edges[a]`` lists the agencies whose reports ``a``'s report includes (its departments and,
    when configured, lower governments with theirs). A cycle would count a number twice, or
    forever, so the aggregation refuses it with the path (``cycle_message``).
    """
    stack: list[str] = []
    on_stack: set[str] = set()
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        stack.append(node)
        on_stack.add(node)
        for child in edges.get(node, ()):
            if child in on_stack:
                return stack[stack.index(child) :] + [child]
            if child not in done:
                found = visit(child)
                if found:
                    return found
        stack.pop()
        on_stack.discard(node)
        done.add(node)
        return None

    return visit(root)


def cycle_message(cycle: Sequence[str]) -> str:
    return (
        "汇总范围存在循环：" + " → ".join(cycle) + "。同一单位的数字会被重复计入，"
        "请检查各单位配置的主管部门（本级政府）后再汇总。"
    )


# --- Art. 50(4) -----------------------------------------------------------------------------------


def with_assessment_section(sections: Sequence[Section], *, government: bool) -> list[Section]:
    """Section 五 of a government's report with the Art. 50(4) paragraph (a prompt if absent).

    Art. 50(4) couples it with 存在的主要问题及改进情况, which is section 五 (domain.md §2.1).
    """
    out = list(sections) or [Section(h, "") for h in HEADINGS]
    if not government or has_assessment(out):
        return out
    for index, section in enumerate(out):
        if section.heading == HEADINGS[4]:
            text = section.text.rstrip()
            addition = f"{ASSESSMENT_HEADING}：{ASSESSMENT_PROMPT}"
            out[index] = Section(section.heading, f"{text}\n{addition}" if text else addition)
            return out
    out.append(Section(HEADINGS[4], f"{ASSESSMENT_HEADING}：{ASSESSMENT_PROMPT}"))
    return out


def has_assessment(sections: Iterable[Section]) -> bool:
    """Whether the narrative states 考核、评议 and 责任追究 (anywhere: 2021 guidance puts it in 一);
    a 【请…】 prompt that merely names them does not count."""
    return assessment_stated("\n".join(s.text for s in sections))


# --- numbers -------------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _sum(values: Iterable[CellValue]) -> CellValue:
    total: int | Decimal = 0
    for value in values:
        total += value  # type: ignore[operator]
    if isinstance(total, Decimal) and total == total.to_integral_value():
        return int(total)
    return total


def _json_number(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
