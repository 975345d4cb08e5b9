from __future__ import annotations

import io
from typing import Any

import pdfplumber
import pytest

from xxgk.documents.glyphs import pdf_missing_glyphs, pdf_text
from xxgk.documents.model import Cell
from xxgk.documents.pdf import PT, PdfDocument

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

    text = pdf_text(data)
    assert [line for line in text.splitlines() if line.startswith("— ")] == [
        "— 1 —",
        "— 2 —",
        "— 3 —",
        "— 4 —",
    ]
    assert text.count("申请人情况") == 3  # header repeated on each of the 3 pages the table spans
    for i in range(60):
        assert f"第{i}行" in text


def test_it_prints_a_placeholder_for_characters_without_glyph() -> None:
    # A private-use character (an agency's 造字) has no glyph in the shipped fonts: the reader
    # sees which code point was written instead of an error or an empty box.
    doc = PdfDocument()
    doc.add_paragraph("私用区字符\ue000")

    data = doc.to_bytes()

    assert "私用区字符〔U+E000〕" in pdf_text(data)
    assert pdf_missing_glyphs(data) == set()


# 行首禁则/行尾禁则 in the PDF: lines as set on the page, read back with pdfplumber.
CLOSES = "，。、；：？！）》」』”’"
OPENS = "（《「『“‘"
LEFT_EDGE = (28 + 1) / PT
RIGHT_EDGE = (28 + 156 - 1) / PT  # text area right edge, less fpdf's 1 mm cell margin (pt)


def _marked_text(sentences: int) -> str:
    """Sentences of every length, each closed and opened by a mark: marks fall everywhere."""
    return "".join(
        "政务公开工作年度报告"[: k % 10 + 1]
        + CLOSES[k % len(CLOSES)]
        + OPENS[k % len(OPENS)]
        + "文"
        for k in range(sentences)
    )


def _pdf_lines(data: bytes) -> list[tuple[str, float, float]]:
    """Every printed line as (text, x0 of its first character, x1 of its last), page by page."""
    lines: list[tuple[str, float, float]] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            rows: dict[float, list[dict[str, Any]]] = {}
            for ch in page.chars:
                rows.setdefault(round(ch["top"], 1), []).append(ch)
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                text = "".join(c["text"] for c in chars)
                lines.append((text, chars[0]["x0"], chars[-1]["x1"]))
    return lines


def _assert_obeys_rules(lines: list[str]) -> None:
    for line in lines[1:]:
        assert line[0] not in CLOSES, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENS, lines


def test_it_breaks_paragraph_lines_by_the_rules_and_justifies_them() -> None:
    texts = [_marked_text(80), _marked_text(23)[5:]]
    doc = PdfDocument()
    for text in texts:
        doc.add_paragraph(text)

    data = doc.to_bytes()

    printed = [line for line in _pdf_lines(data) if not line[0].startswith("—")]
    body = [text for text, _, _ in printed]
    assert "".join(body) == "".join(texts)
    _assert_obeys_rules(body)
    # Character wrapping at 25 then 27 full-width characters would have put a closing and
    # an opening mark in every column, so also at the head and the end of lines.
    columns = {
        mark: {(i - 25) % 27 for i, ch in enumerate(texts[0]) if ch in marks and i >= 25}
        for mark, marks in (("closing", CLOSES), ("opening", OPENS))
    }
    assert columns == {"closing": set(range(27)), "opening": set(range(27))}
    # Justified: every line but a paragraph's last reaches the right edge of the text area,
    # and the page numbers (set while the paragraph runs on) are not spread.
    last_lines = _last_lines(body, texts)
    assert len(last_lines) == 2
    first_lines = {0} | {k + 1 for k in last_lines}
    for k, (_, x0, x1) in enumerate(printed):
        # GB/T 9704: 首行缩进两字 (2 × 16 pt).
        assert x0 == pytest.approx(LEFT_EDGE + (32 if k in first_lines else 0), abs=0.01)
        if k not in last_lines:
            assert x1 == pytest.approx(RIGHT_EDGE, abs=0.2)  # fpdf rounds Tc to 0.01 pt
    assert "— 2 —" in pdf_text(data)


def _last_lines(body: list[str], texts: list[str]) -> set[int]:
    """The indexes of the printed lines that end a paragraph."""
    ends: set[int] = set()
    k, taken = 0, ""
    for text in texts:
        taken += text
        while "".join(body[: k + 1]) != taken:
            k += 1
        ends.add(k)
        k += 1
    return ends


def test_it_applies_the_rules_to_headings_and_table_cells() -> None:
    heading = _marked_text(8)
    cell = _marked_text(12)
    doc = PdfDocument()
    doc.add_heading(heading)
    doc.add_table([[Cell(cell, header=True, align="left")]], widths=[1.0], font_size=16.0)

    lines = [text for text, _, _ in _pdf_lines(doc.to_bytes()) if not text.startswith("—")]

    heading_lines = lines[
        : next(k for k in range(len(lines)) if "".join(lines[: k + 1]) == heading) + 1
    ]
    cell_lines = lines[len(heading_lines) :]
    assert "".join(cell_lines) == cell
    assert len(heading_lines) >= 2 and len(cell_lines) >= 3
    _assert_obeys_rules(heading_lines)
    _assert_obeys_rules(cell_lines)
