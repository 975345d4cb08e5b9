"""The region's score card as XLSX and as a draft 通报 (DOCX) (pure: openpyxl, documents/).

XLSX sheets: ``排名`` (rank, agency, score, reasons), ``指标`` (one row per agency × indicator:
code, label, weight, passed, reason) — the flat list a supervising office filters.
The DOCX is a *draft*: the 主管部门 edits and signs it; it states the method, the ranking and,
per agency, the reasons, so every deduction in the 通报 can be traced to an indicator.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from xxgk.annual_reports.scorecard import INDICATORS, ScoreCard, reasons
from xxgk.documents.docx import DocxDocument
from xxgk.documents.model import Cell

HEADER = Font(bold=True)


def scorecard_xlsx(title: str, cards: Sequence[ScoreCard]) -> bytes:
    book = Workbook()
    ranking = book.active
    ranking.title = "排名"
    ranking.append([title])
    ranking.append(["名次", "单位", "得分", "扣分原因"])
    for cell in ranking[2]:
        cell.font = HEADER
    for card in cards:
        ranking.append([card.rank, card.agency, float(card.score), reasons(card)])
    ranking.column_dimensions["B"].width = 30
    ranking.column_dimensions["D"].width = 100
    for row in ranking.iter_rows(min_row=3):
        row[3].alignment = Alignment(wrap_text=True, vertical="top")
    detail = book.create_sheet("指标")
    detail.append(["单位", "年度", "指标代码", "指标", "权重", "是否达标", "说明"])
    for cell in detail[1]:
        cell.font = HEADER
    for card in cards:
        for r in card.indicators:
            detail.append(
                [
                    card.agency,
                    card.year,
                    r.code,
                    r.label,
                    r.weight,
                    "是" if r.passed else "否",
                    r.reason,
                ]
            )
    detail.column_dimensions["A"].width = 30
    detail.column_dimensions["G"].width = 80
    book.properties.title = title
    book.properties.creator = "xxgk"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def scorecard_docx(
    *,
    issuer: str,
    year: int,
    cards: Sequence[ScoreCard],
    weights: Mapping[str, int],
) -> bytes:
    """A draft 通报 of the region's annual reports, to be edited and signed by ``issuer``."""
    title = f"关于{year}年度政府信息公开工作年度报告评估情况的通报（草稿）"
    doc = DocxDocument(title=title, author=issuer, subject="年度报告评估")
    doc.add_title(title)
    doc.add_paragraph("各有关单位：", indent=False, align="left")
    passed_all = [c for c in cards if not c.failed]
    doc.add_paragraph(
        f"根据《中华人民共和国政府信息公开条例》第四十九条、第五十条，{issuer}对本地区"
        f"{len(cards)}家单位{year}年度政府信息公开工作年度报告进行了评估。"
        f"其中{len(passed_all)}家单位各项指标均符合要求。现将评估情况通报如下。"
    )
    doc.add_heading("一、评估指标", level=1)
    total = sum(weights.get(i.code, 0) for i in INDICATORS) or 1
    doc.add_paragraph(
        "评估共设"
        + f"{len(INDICATORS)}项指标："
        + "；".join(f"{i.label}（权重{weights.get(i.code, 0)}）" for i in INDICATORS)
        + f"。得分为达标指标权重之和占全部权重（{total}）的百分比。"
    )
    doc.add_heading("二、评估结果", level=1)
    rows = [[Cell("名次", header=True), Cell("单位", header=True), Cell("得分", header=True)]]
    rows += [[Cell(str(c.rank)), Cell(c.agency, align="left"), Cell(f"{c.score}")] for c in cards]
    doc.add_table(rows, header_rows=1, widths=[1, 4, 1.2])
    doc.add_heading("三、存在的主要问题", level=1)
    failing = [c for c in cards if c.failed]
    if not failing:
        doc.add_paragraph("本次评估未发现问题。")
    for card in failing:
        doc.add_paragraph(f"{card.agency}（{card.score}分）：{reasons(card)}。")
    doc.add_heading("四、工作要求", level=1)
    doc.add_paragraph(
        "请存在问题的单位对照上述问题逐项整改，按照“发布后未改动或按版本更正”的要求，"
        "以更正版本的方式发布整改后的年度报告，并说明更正原因。"
    )
    doc.add_signature(issuer, f"{year + 1}年  月  日")
    return doc.to_bytes()
