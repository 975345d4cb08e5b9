"""Drafted narrative of the annual report, stated from the records (pure, no Django).

The 公开办 edits the text afterwards; the numbers in it come from the same cells as the tables,
so the text and the tables cannot disagree (R-TEXT-TABLE) unless someone edits one of them.
Sections 五 and 六 need the agency's own words: they start with a prompt in 【】 which the
check before approval refuses to let through (R-TEXT-PROMPT), because evaluators flag "无" and
text copied from last year (domain.md §6).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from xxgk.annual_reports.aggregate import with_assessment_section
from xxgk.annual_reports.data import CellValue, Finding, Section
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    FORMAT_2021,
    HEADINGS,
    NOT_PROCESSED,
    T2_COLUMN_KEYS,
    UNAVAILABLE,
    WITHHELD,
)

PROMPT_RE = re.compile(r"【请[^】]*】")
# Texts at least this similar to last year's are flagged as copied (法治蓝皮书 2017: ~90 %).
COPY_THRESHOLD = 0.9

# Table-2 row and column keys come from the schema (defined once there).
WITHHELD_KEYS = tuple(key for key, _ in WITHHELD)
UNAVAILABLE_KEYS = tuple(key for key, _ in UNAVAILABLE)
NOT_PROCESSED_KEYS = tuple(key for key, _ in NOT_PROCESSED)
ORG_COLUMNS = tuple(key for key in T2_COLUMN_KEYS if key not in ("natural", "total"))

# 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) applies from 2021-01-01 [R]: a report
# on an earlier year cites only the 条例 (Art. 42) for fees (issue 12 item 11: no anachronisms).
FEE_MEASURES_FIRST_YEAR = 2021
FEE_MEASURES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
FEE_ARTICLE = "《中华人民共和国政府信息公开条例》第四十二条"


def fee_basis(year: int) -> str:
    """The documents a report on `year` cites for 信息处理费 (only those in force that year)."""
    return FEE_MEASURES if year >= FEE_MEASURES_FIRST_YEAR else FEE_ARTICLE


@dataclass(frozen=True)
class DraftFacts:
    """What the text states besides the table cells."""

    agency: str
    year: int
    format: str
    cells: Mapping[str, CellValue]
    publications_total: int = 0
    publications_by_channel: Mapping[str, int] = field(default_factory=dict)
    publications_by_category: Mapping[str, int] = field(default_factory=dict)
    publications_late: int = 0
    fee_notices: int = 0
    fees_collected_yuan: Decimal = Decimal(0)
    is_government: bool = False


def _n(cells: Mapping[str, CellValue], code: str) -> int:
    value = cells.get(code)
    return int(value) if value is not None else 0


def _yuan(amount: Decimal) -> str:
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def draft_sections(facts: DraftFacts) -> list[Section]:
    """Return the six sections, headed as the format prints them."""
    c, y = facts.cells, facts.year
    new, carried_in = _n(c, "t2.new.total"), _n(c, "t2.carried_in.total")
    closed, carried_out = _n(c, "t2.total.total"), _n(c, "t2.carried_out.total")
    reconsiderations = _n(c, "t3.reconsideration.total")
    lawsuits = _n(c, "t3.litigation_direct.total") + _n(c, "t3.litigation_after.total")

    overview = (
        f"{y}年，{facts.agency}认真贯彻落实《中华人民共和国政府信息公开条例》，"
        f"坚持以公开为常态、不公开为例外，按照“谁提供，谁审核，谁上网，谁负责”的原则，"
        f"落实信息发布审核和保密审查制度。全年主动公开政府信息{facts.publications_total}条，"
        f"收到政府信息公开申请{new}件，"
        f"因政府信息公开工作被申请行政复议{reconsiderations}件、提起行政诉讼{lawsuits}件。"
    )
    sections = [
        Section(HEADINGS[0], overview),
        Section(HEADINGS[1], _proactive(facts)),
        Section(HEADINGS[2], _applications(facts, new, carried_in, closed, carried_out)),
        Section(HEADINGS[3], _appeals(facts, reconsiderations, lawsuits)),
        Section(
            HEADINGS[4],
            "【请填写：本年度政府信息公开工作存在的主要问题，以及已采取和拟采取的具体改进措施。"
            "不得仅填写“无”，也不要照搬上一年度的表述。】",
        ),
        Section(HEADINGS[5], _other_matters(facts)),
    ]
    # 条例 Art. 50(4): a government's report also states 工作考核、社会评议和责任追究结果.
    return with_assessment_section(sections, government=facts.is_government)


def _proactive(facts: DraftFacts) -> str:
    y = facts.year
    text = f"{y}年主动公开各类信息共{facts.publications_total}条。"
    channels = [(name, n) for name, n in facts.publications_by_channel.items() if n]
    if channels:
        text += "其中：" + "，".join(f"{name}{n}条" for name, n in channels) + "。"
    categories = [name for name, n in facts.publications_by_category.items() if n]
    if categories:
        text += f"主动公开政府信息类别主要为：{'、'.join(categories)}等。"
    if facts.publications_late:
        text += (
            f"其中{facts.publications_late}条信息在形成或者变更之日起20个工作日后才予公开"
            "（条例第二十六条），已督促相关科室整改。"
        )
    c = facts.cells
    if facts.format == FORMAT_2021:
        issued = _n(c, "t1.normative.issued")
        in_force = _n(c, "t1.normative.in_force")
        text += f"本年制发行政规范性文件{issued}件，现行有效{in_force}件。"
    else:
        made = _n(c, "t1.normative.made")
        text += f"本年新制作规范性文件{made}件、新公开{_n(c, 't1.normative.published')}件。"
    return text


def _applications(facts: DraftFacts, new: int, carried_in: int, closed: int, out: int) -> str:
    y, c = facts.year, facts.cells
    if new == 0 and carried_in == 0:
        text = f"{y}年，未收到公民、法人和其他组织提出的政府信息公开申请。"
    else:
        natural = _n(c, "t2.new.natural")
        orgs = sum(_n(c, f"t2.new.{col}") for col in ORG_COLUMNS)
        parts = [
            ("予以公开", _n(c, "t2.disclosed.total")),
            ("部分公开", _n(c, "t2.partial.total")),
            ("不予公开", sum(_n(c, f"t2.withheld.{k}.total") for k in WITHHELD_KEYS)),
            ("无法提供", sum(_n(c, f"t2.unavailable.{k}.total") for k in UNAVAILABLE_KEYS)),
            ("不予处理", sum(_n(c, f"t2.not_processed.{k}.total") for k in NOT_PROCESSED_KEYS)),
            ("其他处理", _n(c, "t2.other.total")),
        ]
        outcome_text = "、".join(f"{label}{n}件" for label, n in parts if n) or "无"
        text = (
            f"{y}年，共收到政府信息公开申请{new}件（其中自然人{natural}件，法人或其他组织{orgs}件），"
            f"上年结转{carried_in}件。本年度办结{closed}件，其中{outcome_text}；"
            f"结转下年度继续办理{out}件。"
        )
    if facts.fee_notices:
        text += (
            f"本年度发出信息处理费收费通知{facts.fee_notices}件，"
            f"实际收取信息处理费{_yuan(facts.fees_collected_yuan)}元。"
        )
    else:
        text += "本年度未发生政府信息公开收费及减免情况。"
    return text


def _appeals(facts: DraftFacts, reconsiderations: int, lawsuits: int) -> str:
    y, c = facts.year, facts.cells
    if reconsiderations == 0 and lawsuits == 0:
        return f"{y}年，无因政府信息公开工作被申请行政复议、提起行政诉讼情况。"

    def detail(group: str) -> str:
        labels = (
            ("upheld", "结果维持"),
            ("corrected", "结果纠正"),
            ("other", "其他结果"),
            ("pending", "尚未审结"),
        )
        items = [
            f"{label}{_n(c, f't3.{group}.{key}')}件"
            for key, label in labels
            if _n(c, f"t3.{group}.{key}")
        ]
        return "、".join(items)

    text = f"{y}年，因政府信息公开工作被申请行政复议{reconsiderations}件"
    if reconsiderations:
        text += f"（{detail('reconsideration')}）"
    text += f"，被提起行政诉讼{lawsuits}件"
    direct, after = _n(c, "t3.litigation_direct.total"), _n(c, "t3.litigation_after.total")
    if lawsuits:
        bits = []
        if direct:
            bits.append(f"未经复议直接起诉{direct}件（{detail('litigation_direct')}）")
        if after:
            bits.append(f"复议后起诉{after}件（{detail('litigation_after')}）")
        text += "，其中" + "，".join(bits)
    return text + "。"


def _other_matters(facts: DraftFacts) -> str:
    basis = fee_basis(facts.year)
    if facts.fee_notices:
        fees = (
            f"依据{basis}，本年度发出收费通知"
            f"{facts.fee_notices}件，收取信息处理费共计{_yuan(facts.fees_collected_yuan)}元。"
        )
    else:
        fees = f"依据{basis}，本年度未收取信息处理费。"
    if facts.format == FORMAT_2021:
        # The items the 2021 format (国办公开办函〔2021〕30号) expects in 六 [R]; a 2019-format
        # report (years up to 2020) is not held to them.
        prompt = (
            "【请填写：落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开情况，"
            "以及其他需要报告的事项。】"
        )
    else:
        prompt = "【请填写：其他需要报告的事项；没有的，请写明“无其他需要报告的事项”。】"
    return fees + prompt


def draft_findings(sections: list[Section], previous: list[Section] | None = None) -> list[Finding]:
    """Findings on the narrative: prompts left in (error) and text copied from last year (warning).

    A section 五 that says only "无" is R-SECTION5-EMPTY of `rules.validate` (one problem, one
    finding), not repeated here.
    """
    findings: list[Finding] = []
    for index, section in enumerate(sections):
        where = f"第{index + 1}部分“{section.heading}”"
        if PROMPT_RE.search(section.text):
            findings.append(
                finding(
                    Rule.TEXT_PROMPT,
                    "正文中仍有待填写的提示内容（【请…】），请填写后删除提示。",
                    where,
                )
            )
    if previous:
        for index, (now, before) in enumerate(zip(sections, previous)):
            if index in (4, 5) and len(now.text) >= 20:
                ratio = difflib.SequenceMatcher(None, now.text, before.text, autojunk=False).ratio()
                if ratio >= COPY_THRESHOLD:
                    findings.append(
                        finding(
                            Rule.TEXT_COPY,
                            f"与上一年度报告的相应部分相似度为{ratio:.0%}，疑似照搬上一年度内容。",
                            f"第{index + 1}部分“{now.heading}”",
                        )
                    )
    return findings
