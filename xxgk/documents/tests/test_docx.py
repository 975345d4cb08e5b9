from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from xxgk.documents.docx import DocxDocument
from xxgk.documents.model import Cell


def _build() -> bytes:
    doc = DocxDocument(title="测试", author="大冶市科技局")
    doc.add_title("大冶市科技局2019年政府信息公开工作年度报告")
    doc.add_heading("一、总体情况")
    doc.add_paragraph("第一段。\n第二段。")
    doc.add_table(
        [
            [Cell("信息内容", rowspan=2, header=True), Cell("数量", colspan=2, header=True)],
            [Cell("本年"), Cell("上年")],
            [Cell("规章"), Cell("1"), Cell("2")],
        ],
        header_rows=2,
        caption="表一 主动公开",
    )
    doc.add_qr("https://xxgk.example.gov.cn/r/1", "扫码查看")
    doc.add_signature("大冶市科技局", "2020年1月8日")
    return doc.to_bytes()


def test_it_writes_a_gbt9704_page_and_text() -> None:
    doc = Document(io.BytesIO(_build()))

    section = doc.sections[0]
    measured = [section.page_width, section.page_height, section.top_margin,
                section.bottom_margin, section.left_margin, section.right_margin]  # fmt: skip
    # DOCX stores twentieths of a point: compare to the tenth of a millimetre.
    assert [round(m / Mm(1), 1) for m in measured] == [210, 297, 37, 35, 28, 26]
    texts = [(p.style.name, p.text) for p in doc.paragraphs if p.text]
    assert texts[:4] == [
        ("Title", "大冶市科技局2019年政府信息公开工作年度报告"),
        ("Heading 1", "一、总体情况"),
        ("Normal", "第一段。"),
        ("Normal", "第二段。"),
    ]
    assert [t for _, t in texts[-3:]] == ["扫码查看", "大冶市科技局", "2020年1月8日"]
    title_fonts = doc.paragraphs[0].runs[0]._element.rPr.rFonts
    assert title_fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body_fonts = doc.paragraphs[2].runs[0]._element.rPr.rFonts
    assert body_fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_it_merges_cells_and_repeats_header_rows() -> None:
    doc = Document(io.BytesIO(_build()))

    table = doc.tables[0]
    grid = [[c.text for c in row.cells] for row in table.rows]
    assert grid == [["信息内容", "数量", "数量"], ["信息内容", "本年", "上年"], ["规章", "1", "2"]]
    headers = [
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
        for row in table.rows
    ]
    assert headers == [True, True, False]


def test_it_numbers_pages_and_declares_font_fallbacks() -> None:
    data = _build()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        font_table = z.read("word/fontTable.xml").decode()
    assert len(footers) == 2
    assert all("PAGE" in f and "— " in f and " —" in f for f in footers)
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in font_table
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in font_table
    doc = Document(io.BytesIO(data))
    assert len(doc.inline_shapes) == 1  # the QR code
