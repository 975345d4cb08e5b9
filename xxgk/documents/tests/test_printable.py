"""Any text a person can type prints in PDF and DOCX, or shows a visible placeholder."""

from __future__ import annotations

import io

from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xxgk.documents.docx import DocxDocument
from xxgk.documents.glyphs import pdf_missing_glyphs, pdf_text
from xxgk.documents.model import Cell
from xxgk.documents.pdf import PdfDocument
from xxgk.documents.printable import drawable, visible

HARD = "张三😀𠮷𪚥\u200b\u202e\u2066\ufeff\x00\x07測"


def test_it_removes_invisible_controls_and_keeps_tabs_and_newlines() -> None:
    assert visible(HARD + "\t甲\n乙") == "张三😀𠮷𪚥測\t甲\n乙"


def test_it_names_each_character_the_fonts_lack() -> None:
    assert drawable(HARD, lambda ch: ord(ch) < 0x10000) == "张三〔U+1F600〕〔U+20BB7〕〔U+2A6A5〕測"


def test_a_pdf_shows_the_name_with_placeholders_and_a_docx_keeps_it() -> None:
    pdf = PdfDocument(title=HARD)
    pdf.add_paragraph("申请人：" + HARD)
    docx = DocxDocument()
    docx.add_paragraph("申请人：" + HARD)

    data = pdf.to_bytes()
    text = Document(io.BytesIO(docx.to_bytes())).paragraphs[0].text

    assert "申请人：张三〔U+1F600〕〔U+20BB7〕〔U+2A6A5〕" in pdf_text(data).replace("\n", "")
    assert pdf_missing_glyphs(data) == set()
    assert text == "申请人：张三😀𠮷𪚥測"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=0, max_size=30), min_size=6, max_size=6))
def test_any_text_in_any_field_gives_a_document(texts: list[str]) -> None:
    for builder in (PdfDocument(title=texts[0], author=texts[1]), DocxDocument()):
        builder.add_title(texts[0])
        builder.add_heading(texts[1])
        builder.add_paragraph(texts[2])
        builder.add_table([[Cell(texts[3]), Cell(texts[4])]], caption=texts[5])
        builder.add_signature(texts[4], texts[5])
        data = builder.to_bytes()
        assert data[:4] in (b"%PDF", b"PK\x03\x04")
        if isinstance(builder, PdfDocument):
            assert pdf_missing_glyphs(data) == set()
