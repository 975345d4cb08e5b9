"""A4 official documents as PDF (fpdf2), laid out after GB/T 9704-2012.

Text is set in Noto Serif SC (standing in for 仿宋/小标宋) and headings in Noto Sans SC
(standing in for 黑体). Each document embeds a TrueType subset of exactly the characters it
prints, so the text stays selectable and searchable and nothing depends on system fonts.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align as FAlign
from fpdf.enums import XPos, YPos

from xxgk.documents import fonts
from xxgk.documents.linebreak import break_lines
from xxgk.documents.model import (
    Align,
    Cell,
    DocumentBuilder,
    Heading,
    Paragraph,
    PlacedCell,
    QRCode,
    Signature,
    Table,
    Title,
    place_cells,
)
from xxgk.documents.printable import drawable
from xxgk.documents.qr import qr_png

PT = 25.4 / 72  # millimetres per point

# GB/T 9704-2012 §5.2.1: 版心 156 mm × 225 mm, top margin 37 mm, left 28 mm.
MARGIN_TOP = 37.0
MARGIN_BOTTOM = 35.0
MARGIN_LEFT = 28.0
MARGIN_RIGHT = 26.0

TITLE_SIZE = 22.0  # 2号
BODY_SIZE = 16.0  # 3号
PAGE_NUMBER_SIZE = 14.0  # 4号
BODY_LINE = 28.0 * PT  # 22 lines of 28 pt on the 225 mm 版心
PAGE_NUMBER_CHARS = "0123456789— "

_ALIGN: dict[Align, FAlign] = {
    "left": FAlign.L,
    "center": FAlign.C,
    "right": FAlign.R,
    "justify": FAlign.J,
}


class MissingGlyphError(ValueError):
    """The document uses characters the shipped fonts cannot draw."""

    def __init__(self, characters: set[str]) -> None:
        shown = "".join(sorted(characters))
        super().__init__(f"字体中缺少这些字符的字形，无法生成 PDF：{shown}")
        self.characters = characters


class _Page(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self._widths: dict[tuple[str, str, float, str], float] = {}

    def string_width(self, s: str) -> float:
        """``get_string_width``, remembered: line breaking measures the same characters often."""
        key = (self.font_family, self.font_style, self.font_size_pt, s)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(s)
        return width

    def footer(self) -> None:
        # GB/T 9704 §7.5: 4号 digits between dashes, 7 mm below the text area;
        # odd pages on the right, even pages on the left, one character in.
        self.set_y(-MARGIN_BOTTOM + 7)
        self.set_font("serif", size=PAGE_NUMBER_SIZE)
        align = FAlign.R if self.page_no() % 2 else FAlign.L
        self.set_x(self.l_margin + PAGE_NUMBER_SIZE * PT)
        self.cell(self.epw - 2 * PAGE_NUMBER_SIZE * PT, 8, f"— {self.page_no()} —", align=align)


def _drawable_in_both_fonts(ch: str) -> bool:
    return not fonts.missing_glyphs(ch) and not fonts.missing_glyphs(ch, fonts.SANS)


class PdfDocument(DocumentBuilder):
    """Build an A4 official document and write it as PDF bytes."""

    def __init__(self, *, title: str = "", author: str = "") -> None:
        super().__init__()
        self.meta_title = self.clean(title)
        self.meta_author = self.clean(author)

    def clean(self, text: str) -> str:
        # Both shipped fonts must draw it: headings use the sans, the rest the serif.
        return drawable(text, _drawable_in_both_fonts)

    def to_bytes(self) -> bytes:
        serif_text = self.text() + PAGE_NUMBER_CHARS + self.meta_title
        heading_text = "".join(b.text for b in self.blocks if isinstance(b, Heading))
        missing = fonts.missing_glyphs(serif_text) | fonts.missing_glyphs(heading_text, fonts.SANS)
        if missing:
            raise MissingGlyphError(missing)
        with tempfile.TemporaryDirectory(prefix="xxgk-fonts-") as tmp:
            serif = Path(tmp) / "serif.ttf"
            sans = Path(tmp) / "sans.ttf"
            serif.write_bytes(fonts.truetype_subset(serif_text))
            sans.write_bytes(fonts.truetype_subset(heading_text or " ", fonts.SANS))
            pdf = _Page()
            pdf.add_font("serif", fname=str(serif))
            pdf.add_font("sans", fname=str(sans))
            for family in ("serif", "sans"):
                # The subsets are final (fonts.truetype_subset): fpdf's own subsetting at
                # output keeps their compiled glyphs instead of recompiling every outline.
                pdf.fonts[family].ttfont.recalcBBoxes = False
            pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
            pdf.set_auto_page_break(True, MARGIN_BOTTOM)
            pdf.set_title(self.meta_title)
            pdf.set_author(self.meta_author)
            pdf.set_creator("xxgk")
            pdf.set_lang("zh-CN")
            pdf.add_page()
            for block in self.blocks:
                if isinstance(block, Title):
                    self._title(pdf, block)
                elif isinstance(block, Heading):
                    self._heading(pdf, block)
                elif isinstance(block, Paragraph):
                    self._paragraph(pdf, block)
                elif isinstance(block, Table):
                    _TableLayout(pdf, block).draw()
                elif isinstance(block, Signature):
                    self._signature(pdf, block)
                elif isinstance(block, QRCode):
                    self._qr(pdf, block)
            return bytes(pdf.output())

    def _title(self, pdf: _Page, block: Title) -> None:
        pdf.set_font("serif", size=TITLE_SIZE)
        _draw_lines(pdf, block.text, indent=0, width=pdf.epw, line_h=TITLE_SIZE * PT * 1.5,
                    align="center")  # fmt: skip
        pdf.ln(BODY_LINE)

    def _heading(self, pdf: _Page, block: Heading) -> None:
        # 一级标题 in 黑体, 二级 in 楷体 (here: sans, then serif), both indented two characters.
        pdf.set_font("sans" if block.level == 1 else "serif", size=BODY_SIZE)
        if pdf.will_page_break(BODY_LINE * 2):
            pdf.add_page()
        indent = 2 * BODY_SIZE * PT
        _draw_lines(pdf, block.text, indent=indent, width=pdf.epw - indent, line_h=BODY_LINE,
                    align="left")  # fmt: skip

    def _paragraph(self, pdf: _Page, block: Paragraph) -> None:
        pdf.set_font("serif", size=BODY_SIZE)
        indent = 2 * BODY_SIZE * PT if block.indent else 0
        _draw_lines(pdf, block.text, indent=0, width=pdf.epw, line_h=BODY_LINE,
                    align=block.align, first_indent=indent)  # fmt: skip

    def _signature(self, pdf: _Page, block: Signature) -> None:
        # 成文日期 右空四字 (GB/T 9704 §7.3.5.1); the block starts two lines below the text.
        pdf.set_font("serif", size=BODY_SIZE)
        pdf.ln(BODY_LINE)
        for line in block.lines:
            pdf.set_x(pdf.l_margin)
            pdf.cell(pdf.epw - 4 * BODY_SIZE * PT, BODY_LINE, line, align=FAlign.R,
                     new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip

    def _qr(self, pdf: _Page, block: QRCode) -> None:
        needed = block.size_mm + (BODY_LINE if block.caption else 0)
        if pdf.will_page_break(needed):
            pdf.add_page()
        x = pdf.l_margin + pdf.epw - block.size_mm
        pdf.image(io.BytesIO(qr_png(block.url)), x=x, y=pdf.get_y(), w=block.size_mm)
        pdf.set_y(pdf.get_y() + block.size_mm)
        if block.caption:
            pdf.set_font("serif", size=10.5)
            pdf.set_x(pdf.l_margin)
            pdf.cell(pdf.epw, 6, block.caption, align=FAlign.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


class _TableLayout:
    """Draw a table with merged cells; header rows repeat on every page it spans."""

    PADDING = 1.2

    def __init__(self, pdf: _Page, table: Table) -> None:
        self.pdf = pdf
        self.table = table
        self.placed, n_cols = place_cells(table.rows)
        weights = table.widths if len(table.widths) == n_cols else [1.0] * n_cols
        total = sum(weights)
        self.col_w = [pdf.epw * w / total for w in weights]
        self.line_h = table.font_size * PT * 1.4
        self.n_rows = len(table.rows)
        pdf.set_font("serif", size=table.font_size)
        pdf.c_margin = self.PADDING
        self.lines: dict[int, list[str]] = {}
        self.sizes: dict[int, float] = {}
        for i, p in enumerate(self.placed):
            self.sizes[i] = self._fitting_size(p)
            pdf.set_font_size(self.sizes[i])
            self.lines[i] = break_lines(
                p.cell.text, self._width(p) - 2 * pdf.c_margin, pdf.string_width
            )
        pdf.set_font_size(table.font_size)
        self.heights = self._row_heights()

    def _fitting_size(self, p: PlacedCell[Cell]) -> float:
        """A number is never wrapped: shrink a value cell's font until it fits on one line."""
        size = self.table.font_size
        if p.cell.header or not p.cell.text:
            return size
        room = self._width(p) - 2 * self.PADDING
        self.pdf.set_font_size(size)
        while size > 5 and self.pdf.get_string_width(p.cell.text) > room:
            size -= 0.5
            self.pdf.set_font_size(size)
        return size

    def _width(self, p: PlacedCell[Cell]) -> float:
        return sum(self.col_w[p.col : p.col + p.cell.colspan])

    def _needed(self, i: int) -> float:
        return len(self.lines[i]) * self.line_h + 2 * self.PADDING

    def _row_heights(self) -> list[float]:
        heights = [self.line_h + 2 * self.PADDING] * self.n_rows
        for i, p in enumerate(self.placed):
            if p.cell.rowspan <= 1:
                heights[p.row] = max(heights[p.row], self._needed(i))
        for i, p in sorted(enumerate(self.placed), key=lambda ip: ip[1].cell.rowspan):
            if p.cell.rowspan > 1:
                last = min(p.row + p.cell.rowspan, self.n_rows) - 1
                deficit = self._needed(i) - sum(heights[p.row : last + 1])
                if deficit > 0:
                    heights[last] += deficit
        return heights

    def _bands(self, first: int, last: int, ignored: frozenset[int]) -> list[tuple[int, int]]:
        """Split rows first..last into groups a page break should not cut (joined by rowspans)."""
        ends = list(range(self.n_rows))
        for i, p in enumerate(self.placed):
            if i not in ignored and first <= p.row <= last:
                ends[p.row] = max(ends[p.row], min(p.row + p.cell.rowspan - 1, last))
        bands: list[tuple[int, int]] = []
        r = first
        while r <= last:
            end, k = ends[r], r
            while k <= end:
                end = max(end, ends[k])
                k += 1
            bands.append((r, end))
            r = end + 1
        return bands

    def _height(self, first: int, last: int) -> float:
        return sum(self.heights[first : last + 1])

    def _paginate(self, start_y: float, header_h: float) -> list[tuple[int, int]]:
        """Assign body rows to pages: one (first, last) row range per page."""
        bottom = self.pdf.h - MARGIN_BOTTOM
        capacity = bottom - self.pdf.t_margin - header_h
        pages: list[tuple[int, int]] = []
        y = start_y
        current: list[int] = []

        def place(band: tuple[int, int], ignored: frozenset[int]) -> None:
            nonlocal y, current
            height = self._height(*band)
            if y + height <= bottom + 0.01:
                current.extend(range(band[0], band[1] + 1))
                y += height
                return
            if height <= capacity and current:
                pages.append((current[0], current[-1]))
                current = []
                y = self.pdf.t_margin + header_h
                place(band, ignored)
                return
            # Taller than what is left: split it, letting the outermost merged cells
            # continue on the next page (their label is repeated there).
            spanning = frozenset(
                i
                for i, p in enumerate(self.placed)
                if p.row <= band[0] and p.row + p.cell.rowspan - 1 >= band[1] and p.cell.rowspan > 1
            )
            parts = self._bands(band[0], band[1], ignored | spanning)
            if len(parts) == 1:
                parts = [(r, r) for r in range(band[0], band[1] + 1)]
            if len(parts) == 1:  # a single row taller than the space left
                if current:
                    pages.append((current[0], current[-1]))
                    current = []
                    y = self.pdf.t_margin + header_h
                current.append(band[0])
                y += height
                return
            for part in parts:
                place(part, ignored | spanning)

        for band in self._bands(self.table.header_rows, self.n_rows - 1, frozenset()):
            place(band, frozenset())
        if current:
            pages.append((current[0], current[-1]))
        return pages

    def draw(self) -> None:
        pdf = self.pdf
        header = self.table.header_rows
        header_h = self._height(0, header - 1) if header else 0.0
        caption_h = BODY_LINE if self.table.caption else 0
        first_band = self._bands(header, self.n_rows - 1, frozenset())[:1]
        first_h = self._height(*first_band[0]) if first_band else 0
        if pdf.get_y() + caption_h + header_h + first_h > pdf.h - MARGIN_BOTTOM:
            pdf.add_page()
        if self.table.caption:
            pdf.set_font("serif", size=BODY_SIZE - 2)
            pdf.set_x(pdf.l_margin)
            pdf.cell(pdf.epw, BODY_LINE, self.table.caption, align=FAlign.C,
                     new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        pdf.set_auto_page_break(False)
        y = pdf.get_y()
        for number, (first, last) in enumerate(self._paginate(y + header_h, header_h)):
            if number:
                pdf.add_page()
                y = pdf.t_margin
            if header:
                self._draw_rows(0, header - 1, y)
                y += header_h
            self._draw_rows(first, last, y)
            y += self._height(first, last)
        pdf.set_xy(pdf.l_margin, y + 2)
        pdf.set_auto_page_break(True, MARGIN_BOTTOM)
        pdf.c_margin = 1.0

    def _draw_rows(self, first: int, last: int, y: float) -> None:
        """Draw the rows first..last at y; a merged cell cut by a page break is drawn in part."""
        pdf = self.pdf
        pdf.set_font("serif", size=self.table.font_size)
        pdf.set_line_width(0.25)
        for i, p in enumerate(self.placed):
            end = min(p.row + p.cell.rowspan, self.n_rows) - 1
            if end < first or p.row > last:
                continue
            top_row, bottom_row = max(p.row, first), min(end, last)
            x = pdf.l_margin + sum(self.col_w[: p.col])
            top = y + self._height(first, top_row - 1) if top_row > first else y
            width = self._width(p)
            height = self._height(top_row, bottom_row)
            pdf.rect(x, top, width, height)
            lines = self.lines[i]
            if len(lines) * self.line_h > height:
                # Part of a split merged cell too small for its text: shrink the text to fit.
                lines = lines[: max(1, int(height // self.line_h))]
            text_y = top + (height - len(lines) * self.line_h) / 2
            align = _line_align(p.cell.align)
            pdf.set_font_size(self.sizes[i])
            for k, line in enumerate(lines):
                pdf.set_xy(x, text_y + k * self.line_h)
                pdf.cell(width, self.line_h, line, align=align)


def _draw_lines(
    pdf: _Page,
    text: str,
    *,
    indent: float,
    width: float,
    line_h: float,
    align: Align,
    first_indent: float = 0.0,
) -> None:
    """Set ``text`` line by line, ``width`` wide from ``indent`` past the left margin.

    The lines are broken by ``break_lines`` (行首/行尾禁则) rather than by fpdf, whose
    character wrapping lets a line begin with "，" or end with "（". A justified line is
    spread to the full width by character spacing (fpdf only stretches spaces, which
    Chinese text has none of), except the last line of the paragraph.
    """
    room = width - 2 * pdf.c_margin
    lines = break_lines(text, room, pdf.string_width, first_width=room - first_indent)
    for k, line in enumerate(lines):
        if pdf.will_page_break(line_h):
            pdf.add_page()  # before any character spacing is set, so the footer is not spread
        shift = first_indent if k == 0 else 0.0
        spacing = 0.0
        if align == "justify" and k < len(lines) - 1 and len(line) > 1:
            slack = room - shift - sum(pdf.string_width(ch) for ch in line)
            # Spread by at most half a character per gap; a wider gap would read as a space.
            if 0 < slack <= (len(line) - 1) * pdf.font_size / 2:
                spacing = slack * pdf.k / (len(line) - 1)
        pdf.set_x(pdf.l_margin + indent + shift)
        pdf.set_char_spacing(spacing)
        pdf.cell(width - shift, line_h, line, align=_line_align(align),
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
        pdf.set_char_spacing(0)


def _line_align(align: Align) -> FAlign:
    return FAlign.L if align == "justify" else _ALIGN[align]
