from __future__ import annotations

import pytest

from xxgk.documents.glyphs import pdf_missing_glyphs, pdf_text
from xxgk.documents.model import Cell
from xxgk.documents.pdf import MissingGlyphError, PdfDocument

STRINGS = [
    "大冶市科技局2019年政府信息公开工作年度报告",
    "一、总体情况",
    "危及“三安全一稳定”",
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "扫码查看原文",
]


def _document(rows: int = 40) -> PdfDocument:
    doc = PdfDocument(title="测试文件", author="大冶市科技局")
    doc.add_title(STRINGS[0])
    doc.add_heading(STRINGS[1])
    doc.add_paragraph("本机关依据《中华人民共和国政府信息公开条例》编制本报告。" * 4)
    table = [
        [Cell(STRINGS[3], rowspan=2, colspan=2, header=True), Cell("申请人情况", colspan=3)],
        [Cell("自然人"), Cell("法人"), Cell("总计")],
    ]
    table += [
        [Cell(f"第{i}行", colspan=2), Cell(str(i)), Cell(str(i * 7)), Cell(str(i * 8))]
        for i in range(rows)
    ]
    doc.add_table(table, header_rows=2, caption="表二 依申请")
    doc.add_paragraph(STRINGS[2])
    doc.add_qr("https://xxgk.example.gov.cn/r/1", STRINGS[4])
    doc.add_signature("大冶市科技局", "2020年1月8日")
    return doc


def _in_order(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(ch in it for ch in needle)


def test_it_writes_selectable_chinese_with_every_glyph() -> None:
    data = _document().to_bytes()

    text = pdf_text(data)
    compact = text.replace("\n", "").replace(" ", "")
    for string in STRINGS[:3] + STRINGS[4:]:
        assert string in compact
    # A wrapped merged table cell is extracted interleaved with its neighbours, in order.
    assert _in_order(STRINGS[3], compact)
    assert "2020年1月8日" in text
    assert pdf_missing_glyphs(data) == set()


def test_it_repeats_header_rows_and_numbers_pages() -> None:
    data = _document(rows=60).to_bytes()

    pages = pdf_text(data).split("\n— ")
    text = pdf_text(data)
    assert "— 1 —" in text and "— 2 —" in text and "— 3 —" in text
    assert text.count("申请人情况") >= 3  # header repeated on each page the table spans
    assert len(pages) >= 3
    for i in range(60):
        assert f"第{i}行" in text


def test_it_refuses_characters_without_glyph() -> None:
    doc = PdfDocument()
    doc.add_paragraph("私用区字符\ue000")

    with pytest.raises(MissingGlyphError) as error:
        doc.to_bytes()
    assert error.value.characters == {"\ue000"}
    assert "缺少" in str(error.value)
