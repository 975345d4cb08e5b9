"""A4 official documents as DOCX (python-docx), laid out after GB/T 9704-2012.

Fonts: Word takes the Chinese font of a run from ``w:rFonts/@w:eastAsia``. We name the
fonts an official document asks for (方正小标宋简体 for the title, 黑体 for 一级标题,
仿宋_GB2312 for the body) and declare a fallback for each in the document's font table
(``w:altName`` plus the GB2312 charset and the font family), which Word, WPS and
LibreOffice use when the first choice is not installed:

- 方正小标宋简体 → 宋体 (SimSun); on Linux fontconfig then picks e.g. Noto Serif SC
- 仿宋_GB2312 → 仿宋 (FangSong) → serif CJK font
- 黑体 → SimHei → sans CJK font
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run
from lxml import etree

from xxgk.documents.model import (
    Align,
    DocumentBuilder,
    Heading,
    Paragraph,
    QRCode,
    Signature,
    Table,
    Title,
    place_cells,
)
from xxgk.documents.qr import qr_png

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
# (font, alternate name, family) written to word/fontTable.xml; see the module docstring.
FONT_FALLBACKS: tuple[tuple[str, str, str], ...] = (
    (TITLE_FONT, "宋体", "roman"),
    (BODY_FONT, "仿宋", "modern"),
    ("仿宋", "FangSong", "modern"),
    (HEADING_FONT, "SimHei", "modern"),
    ("宋体", "SimSun", "roman"),
)

TITLE_SIZE = Pt(22)  # 2号
BODY_SIZE = Pt(16)  # 3号
TABLE_SIZE = Pt(10.5)  # 5号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
BODY_LINE = Pt(28)

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def set_run_font(run: Run, east_asian: str, size: Pt | None = None) -> None:
    """Give a run its Chinese font (w:eastAsia) and a Latin font for digits and letters."""
    run.font.name = LATIN_FONT
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asian)
    if size is not None:
        run.font.size = size


class DocxDocument(DocumentBuilder):
    """Build an A4 official document and write it as DOCX bytes."""

    def __init__(
        self,
        *,
        title: str = "",
        author: str = "",
        subject: str = "",
        keywords: str = "",
        identifier: str = "",
    ) -> None:
        super().__init__()
        self.meta_title = title
        self.meta_author = author
        self.meta_subject = subject
        self.meta_keywords = keywords
        self.meta_identifier = identifier

    def to_bytes(self) -> bytes:
        doc = new_document()
        self._setup(doc)
        for block in self.blocks:
            if isinstance(block, Title):
                p = doc.add_paragraph(style="Title")
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                set_run_font(p.add_run(block.text), TITLE_FONT, TITLE_SIZE)
            elif isinstance(block, Heading):
                p = doc.add_paragraph(style=f"Heading {min(max(block.level, 1), 3)}")
                set_run_font(p.add_run(block.text), HEADING_FONT if block.level == 1 else BODY_FONT)
            elif isinstance(block, Paragraph):
                p = doc.add_paragraph()
                p.alignment = _ALIGN[block.align]
                p.paragraph_format.first_line_indent = Pt(32) if block.indent else Pt(0)
                set_run_font(p.add_run(block.text), BODY_FONT)
            elif isinstance(block, Table):
                self._table(doc, block)
            elif isinstance(block, Signature):
                doc.add_paragraph()
                for line in block.lines:
                    p = doc.add_paragraph()
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    # 成文日期 右空四字 (GB/T 9704 §7.3.5.1).
                    p.paragraph_format.right_indent = Pt(64)
                    p.paragraph_format.first_line_indent = Pt(0)
                    set_run_font(p.add_run(line), BODY_FONT)
            elif isinstance(block, QRCode):
                p = doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                p.paragraph_format.first_line_indent = Pt(0)
                p.add_run().add_picture(io.BytesIO(qr_png(block.url)), width=Mm(block.size_mm))
                if block.caption:
                    c = doc.add_paragraph()
                    c.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    set_run_font(c.add_run(block.caption), BODY_FONT, TABLE_SIZE)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def _setup(self, doc: WordDocument) -> None:
        section = doc.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(28)
        doc.core_properties.title = self.meta_title
        doc.core_properties.author = self.meta_author
        doc.core_properties.subject = self.meta_subject
        doc.core_properties.keywords = self.meta_keywords
        doc.core_properties.identifier = self.meta_identifier
        doc.core_properties.language = "zh-CN"
        normal = doc.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = BODY_SIZE
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = BODY_LINE
        fmt.space_before = fmt.space_after = Pt(0)
        for name, size in (("Title", TITLE_SIZE), ("Heading 1", BODY_SIZE), ("Heading 2", BODY_SIZE),
                           ("Heading 3", BODY_SIZE)):  # fmt: skip
            style = doc.styles[name]
            style.font.size = size
            style.font.bold = False
            style.font.italic = False
            style.font.color.rgb = None
            style.font.name = LATIN_FONT
            style.paragraph_format.space_before = Pt(0)
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            style.paragraph_format.line_spacing = BODY_LINE if name != "Title" else Pt(36)
            if name != "Title":
                style.paragraph_format.first_line_indent = Pt(32)
            else:
                style.paragraph_format.space_after = BODY_LINE
                _remove_border(style.element)
        _declare_fallbacks(doc)
        # GB/T 9704 §7.5: odd pages numbered on the right, even pages on the left.
        doc.settings.odd_and_even_pages_header_footer = True
        _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
        _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)

    def _table(self, doc: WordDocument, block: Table) -> None:
        if block.caption:
            cap = doc.add_paragraph()
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap.paragraph_format.first_line_indent = Pt(0)
            set_run_font(cap.add_run(block.caption), HEADING_FONT, Pt(14))
        placed, n_cols = place_cells(block.rows)
        table = doc.add_table(rows=len(block.rows), cols=n_cols)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        weights = block.widths if len(block.widths) == n_cols else [1.0] * n_cols
        total_w = Mm(156)
        for c, column in enumerate(table.columns):
            column.width = int(total_w * weights[c] / sum(weights))
        for r in range(block.header_rows):
            tr_pr = table.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            tr_pr.append(header)
        # table.cell() rebuilds the whole cell list on each call: take it once.
        flat = table._cells
        grid = [flat[r * n_cols : (r + 1) * n_cols] for r in range(len(block.rows))]
        for p in placed:
            cell = grid[p.row][p.col]
            if p.cell.rowspan > 1 or p.cell.colspan > 1:
                last_r = min(p.row + p.cell.rowspan, len(block.rows)) - 1
                last_c = min(p.col + p.cell.colspan, n_cols) - 1
                cell = cell.merge(grid[last_r][last_c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            para = cell.paragraphs[0]
            para.alignment = _ALIGN[_cell_align(p.cell.align)]
            fmt = para.paragraph_format
            fmt.first_line_indent = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if p.cell.text:
                set_run_font(para.add_run(p.cell.text), BODY_FONT, TABLE_SIZE)
        doc.add_paragraph()


def _cell_align(align: Align) -> Align:
    return "left" if align == "justify" else align


def _remove_border(style_element: OxmlElement) -> None:
    p_pr = style_element.find(qn("w:pPr"))
    if p_pr is not None:
        border = p_pr.find(qn("w:pBdr"))
        if border is not None:
            p_pr.remove(border)


def _page_number(paragraph: WordParagraph, align: WD_ALIGN_PARAGRAPH) -> None:
    """Write "— N —" with a PAGE field so every page shows its own number."""
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(14)
    else:
        paragraph.paragraph_format.left_indent = Pt(14)
    set_run_font(paragraph.add_run("— "), "宋体", PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                       ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        set_run_font(run, "宋体", PAGE_NUMBER_SIZE)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text or ""
    set_run_font(paragraph.add_run(" —"), "宋体", PAGE_NUMBER_SIZE)


def _declare_fallbacks(doc: WordDocument) -> None:
    """Add font-table entries naming an installed alternate for each Chinese font."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    existing = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt, family in FONT_FALLBACKS:
        if name in existing:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), family)
    # The font table is a plain (unparsed) part in python-docx: replace its bytes.
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
