"""The pure evaluation score card: each indicator, weights, ranking and the exports."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.render.scorecard import scorecard_docx, scorecard_xlsx
from xxgk.annual_reports.schema import FORMATS, HEADINGS
from xxgk.annual_reports.scorecard import (
    DEFAULT_WEIGHTS,
    INDICATOR_CODES,
    Subject,
    VersionInfo,
    parse_threshold,
    parse_weights,
    rank,
    reasons,
    score,
)

AGENCY = "大冶市科技局"
GOOD_SECTIONS = [
    Section(HEADINGS[0], "2025年，收到政府信息公开申请0件。"),
    Section(HEADINGS[1], "主动公开信息120条。"),
    Section(HEADINGS[2], "未收到政府信息公开申请。"),
    Section(HEADINGS[3], "无行政复议、行政诉讼情况。"),
    Section(
        HEADINGS[4],
        "一是政策解读形式较为单一，图解、视频解读偏少；二是部分栏目更新不及时。"
        "下一步将建立栏目更新台账，每月检查一次，并增加图解解读的比例。",
    ),
    Section(HEADINGS[5], "本年度未收取信息处理费。"),
]


def _report(**changes: object) -> ReportData:
    data = {
        "agency": AGENCY,
        "year": 2025,
        "format": "2021",
        "dated": date(2026, 1, 20),
        "title": f"{AGENCY}2025年政府信息公开工作年度报告",
        "sections": list(GOOD_SECTIONS),
        "cells": dict.fromkeys(FORMATS["2021"].cell_codes(), 0),
    }
    data.update(changes)
    return ReportData(**data)  # type: ignore[arg-type]


def _subject(**changes: object) -> Subject:
    agency = str(changes.get("agency", AGENCY))
    data = {
        "agency": agency,
        "year": 2025,
        "report": _report(agency=agency, title=f"{agency}2025年政府信息公开工作年度报告"),
        "due": date(2026, 1, 31),
        "published_on": date(2026, 1, 20),
        "in_column": True,
        "versions": (VersionInfo(1),),
    }
    data.update(changes)
    return Subject(**data)  # type: ignore[arg-type]


def _by_code(card) -> dict[str, tuple[bool, str]]:  # noqa: ANN001
    return {r.code: (r.passed, r.reason) for r in card.indicators}


def test_it_gives_full_marks_to_a_report_that_passes_every_check() -> None:
    card = score(_subject())
    assert [r.code for r in card.indicators] == list(INDICATOR_CODES)
    assert card.failed == []
    assert card.score == Decimal("100.0")
    assert _by_code(card)["on_time"] == (True, "2026年1月20日发布，未超过法定期限2026年1月31日")
    assert reasons(card) == "各项指标均符合要求"


def test_it_fails_each_indicator_with_its_reason() -> None:
    cells = dict.fromkeys(FORMATS["2021"].cell_codes(), 0)
    cells["t2.new.natural"] = cells["t2.new.total"] = 2  # new 2 + 0 ≠ total 0 + 0
    cells["t1.fees.amount"] = None
    previous_sections = [
        *GOOD_SECTIONS[:4],
        Section(HEADINGS[4], "无"),
        Section(HEADINGS[5], "其他事项：无。"),
    ]
    report = _report(
        title="2025年度信息公开报告",
        cells=cells,
        sections=[
            Section("一、概述", GOOD_SECTIONS[0].text),
            *GOOD_SECTIONS[1:4],
            Section(HEADINGS[4], "无"),
            Section(HEADINGS[5], "其他事项：无。"),
        ],
    )
    previous = ReportData(
        agency=AGENCY,
        year=2024,
        format="2021",
        sections=previous_sections,
        cells={**dict.fromkeys(FORMATS["2021"].cell_codes(), 0), "t2.carried_out.total": 1},
    )
    card = score(
        _subject(
            report=report,
            previous=previous,
            published_on=date(2026, 2, 3),
            in_column=False,
            versions=(VersionInfo(1), VersionInfo(2, "")),
        )
    )
    results = _by_code(card)
    assert results["on_time"] == (
        False,
        "2026年2月3日发布，晚于法定期限2026年1月31日（逾期3天）",
    )
    assert results["format_version"][0] is True
    assert results["title_headings"][0] is False
    assert results["title_headings"][1].startswith(
        f"标题应为“{AGENCY}2025年政府信息公开工作年度报告”，实为“2025年度信息公开报告”；1个部分标题不规范"
    )
    assert results["tables_balance"][0] is False
    assert results["tables_balance"][1].startswith("2处勾稽关系错误（如表二 自然人列：")
    assert results["no_blank_cells"] == (
        False,
        "1个单元格为空（如表一 行政事业性收费行 本年收费金额（单位：万元）列）",
    )
    assert results["cross_year"][0] is False
    assert results["section5_substantive"] == (False, "第五部分为空或只写“无”")
    assert results["section6_fees"] == (
        False,
        "第六部分未说明信息处理费收取情况（国办函〔2020〕109号）",
    )
    assert results["not_copied"][0] is False
    assert results["not_copied"][1].startswith("正文与上一年度相似度")
    assert results["in_column"] == (False, "未在政府信息公开年报栏目发布")
    assert results["versioned"] == (False, "第2版发布时未说明更正内容")
    assert results["text_matches_tables"][0] is False
    passed = [c for c, (ok, _) in results.items() if ok]
    assert passed == ["format_version"]
    assert card.score == Decimal("8.0")


def test_it_fails_everything_when_there_is_no_report() -> None:
    card = score(_subject(report=None, published_on=None))
    assert card.score == Decimal("0.0")
    assert {r.reason for r in card.indicators} == {"2025年度报告未发布（法定期限2026年1月31日）"}


def test_it_weighs_with_configured_weights_and_ranks_with_shared_places() -> None:
    weights = parse_weights("on_time=50, in_column=0")
    assert weights["on_time"] == 50 and weights["in_column"] == 0
    assert weights["tables_balance"] == DEFAULT_WEIGHTS["tables_balance"]
    late = score(_subject(agency="乙", published_on=date(2026, 2, 1)), weights)
    total = sum(weights.values())
    assert late.score == (Decimal(100 * (total - 50)) / total).quantize(Decimal("0.1"))
    unlisted = score(_subject(agency="丙", in_column=False), weights)
    assert unlisted.score == Decimal("100.0")
    ranked = rank([late, unlisted, score(_subject(agency="甲"), weights)])
    assert [(c.agency, c.rank) for c in ranked] == [("丙", 1), ("甲", 1), ("乙", 3)]
    assert ranked[2].to_json()["rank"] == 3
    assert ranked[2].to_json()["indicators"][0] == {
        "code": "on_time",
        "label": "按时发布",
        "weight": 50,
        "passed": False,
        "reason": "2026年2月1日发布，晚于法定期限2026年1月31日（逾期1天）",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("speed=5", "“speed=5”无效：应写成 指标代码=权重"),
        ("on_time=-1", "指标 on_time 的权重“-1”无效"),
        ("on_time", "“on_time”无效"),
        (",".join(f"{c}=0" for c in INDICATOR_CODES), "所有指标的权重都为 0"),
    ],
)
def test_it_refuses_bad_weights_in_chinese(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_weights(text)


def test_it_parses_the_copy_threshold_in_per_cent() -> None:
    assert parse_threshold("85") == Decimal("0.85")
    with pytest.raises(ValueError, match="相似度阈值“0.9”无效"):
        parse_threshold("0.9")


def test_it_exports_the_ranking_as_xlsx_and_a_draft_notice_docx() -> None:
    cards = rank(
        [
            score(_subject(agency="乙", published_on=date(2026, 2, 1))),
            score(_subject(agency="甲")),
        ]
    )
    book = load_workbook(io.BytesIO(scorecard_xlsx("大冶市2025年度年报评估", cards)))
    rows = list(book["排名"].iter_rows(values_only=True))
    assert rows[0][0] == "大冶市2025年度年报评估"
    assert rows[2][:3] == (1, "甲", 100.0)
    assert rows[3][0:2] == (2, "乙")
    assert rows[3][3] == "按时发布：2026年2月1日发布，晚于法定期限2026年1月31日（逾期1天）"
    detail = list(book["指标"].iter_rows(values_only=True))
    assert len(detail) == 1 + 2 * len(INDICATOR_CODES)
    docx = Document(
        io.BytesIO(
            scorecard_docx(
                issuer="大冶市人民政府办公室", year=2025, cards=cards, weights=DEFAULT_WEIGHTS
            )
        )
    )
    text = "\n".join(p.text for p in docx.paragraphs)
    assert "关于2025年度政府信息公开工作年度报告评估情况的通报（草稿）" in text
    assert "对本地区2家单位2025年度" in text
    assert "乙（85.0分）：按时发布：2026年2月1日发布" in text
    table = docx.tables[0]
    assert [c.text for c in table.rows[1].cells] == ["1", "甲", "100.0"]
