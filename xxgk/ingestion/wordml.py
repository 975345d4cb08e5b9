"""Flatten a Word document (WordprocessingML, any producer) to text for the text reader.

Word, WPS and LibreOffice all write the same XML, but differently: merged cells as ``gridSpan``
(horizontal) and ``vMerge`` (vertical), titles in text boxes, headers or split over runs and line
breaks, nested tables, content controls. We read ``word/document.xml`` (and the page headers)
with lxml directly — python-docx's object model hides text boxes and repeats merged cells, and is
several times slower — and emit what :mod:`xxgk.ingestion.flat` expects: a merged cell once, a
vertically merged continuation not at all (as an HTML ``rowspan``), every paragraph on its line.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from xxgk.ingestion.flat import FlatText, cell_text, line_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADER = re.compile(r"^word/header\d*\.xml$")
# Deeply nested or huge XML is refused by lxml's defaults; keep them (no huge_tree).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


class _Walk:
    def __init__(self, flat: FlatText) -> None:
        self.flat = flat
        self.tables = 0
        self.paragraphs = 0

    def blocks(self, container: etree._Element, where: str = "") -> None:
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child, where)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}txbxContent"):
                self.blocks(child, where)

    def paragraph(self, p: etree._Element, where: str) -> None:
        # A text box is anchored in a run of this paragraph: its paragraphs come first.
        boxes = list(p.iter(f"{W}txbxContent"))
        for box in boxes:
            self.blocks(box, where)
            box.getparent().remove(box)
        self.paragraphs += 1
        place = where or f"第{self.paragraphs}段"
        for line in _text(p).split("\n"):
            self.flat.line(line_text(line), place)

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        for r, tr in enumerate(tbl.iter(f"{W}tr"), start=1):
            if _owner(tr) is not tbl:
                continue  # a nested table's row: read with its own table below
            cells: list[str] = []
            nested: list[etree._Element] = []
            for tc in tr.iter(f"{W}tc"):
                if _owner(tc.getparent()) is not tbl:
                    continue
                merge = tc.find(f"{W}tcPr/{W}vMerge")
                if merge is not None and merge.get(f"{W}val", "continue") != "restart":
                    continue  # the rest of a vertically merged cell: printed once, above
                parts = []
                for child in tc:
                    if child.tag == f"{W}tbl":
                        nested.append(child)
                    elif child.tag != f"{W}tcPr":
                        parts.append(_text(child))
                cells.append(cell_text("".join(parts)))
            self.flat.row(cells, f"表格{number} 第{r}行")
            for inner in nested:
                self.table(inner)


def _owner(el: etree._Element) -> etree._Element | None:
    """The nearest enclosing ``w:tbl`` of a row (or of a cell's row)."""
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def _text(el: etree._Element) -> str:
    out: list[str] = []
    for node in el.iter(f"{W}t", f"{W}br", f"{W}cr", f"{W}tab"):
        tag = node.tag
        if tag == f"{W}t":
            out.append(node.text or "")
        elif tag == f"{W}tab":
            out.append(" ")
        else:
            out.append("\n")
    return "".join(out)


def flatten_docx(data: bytes) -> FlatText:
    """The document's headers, then its body, as flat text with places."""
    flat = FlatText()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        body = etree.fromstring(archive.read("word/document.xml"), _PARSER)
        headers = [etree.fromstring(archive.read(n), _PARSER) for n in names if _HEADER.match(n)]
    walk = _Walk(flat)
    for root in [*headers, body]:
        # Word writes a text box twice (a DrawingML choice and a VML fallback): keep one.
        for fallback in list(root.iter(_MC_FALLBACK)):
            fallback.getparent().remove(fallback)
    for header in headers:
        walk.blocks(header, "页眉")
    main = body.find(f"{W}body")
    if main is not None:
        walk.blocks(main)
    return flat
