"""Read OpenDocument text and spreadsheets (ODT, ODS: LibreOffice, WPS "save as") in-process.

``content.xml`` holds paragraphs (``text:p``/``text:h``) and tables (``table:table-row`` of
``table:table-cell``); a merged cell is one cell followed by ``table:covered-table-cell``
placeholders, which we skip, so a merged cell appears once, as in HTML. Repeated empty rows and
cells (``number-rows-repeated``) are a spreadsheet's way of saying "blank": not expanded.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from xxgk.annual_reports.data import ReportData
from xxgk.ingestion.archive import check_archive, damaged, damaged_parts
from xxgk.ingestion.base import register
from xxgk.ingestion.flat import FlatText, cell_text, line_text
from xxgk.ingestion.text import read_text_report

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_BLOCK_TAGS = (f"{TEXT}p", f"{TEXT}h")


def read_opendocument(data: bytes) -> ReportData:
    check_archive(data, "ODF")
    try:
        flat = flatten_opendocument(data)
    except damaged_parts() as exc:
        raise damaged("ODF", exc) from None
    return read_text_report(flat.text(), flat=flat)


def flatten_opendocument(data: bytes) -> FlatText:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("content.xml"), _PARSER)
    flat = FlatText()
    body = root.find(f"{OFFICE}body")
    tables = 0
    paragraphs = 0

    def walk(container: etree._Element) -> None:
        nonlocal tables, paragraphs
        for child in container:
            if child.tag in _BLOCK_TAGS:
                paragraphs += 1
                flat.line(line_text(_text(child)), f"第{paragraphs}段")
            elif child.tag == f"{TABLE}table":
                tables += 1
                _table(child, tables, flat)
            elif isinstance(child.tag, str):
                walk(child)

    if body is not None:
        walk(body)
    return flat


def _table(table: etree._Element, number: int, flat: FlatText) -> None:
    name = table.get(f"{TABLE}name") or f"表格{number}"
    for r, row in enumerate(table.iter(f"{TABLE}table-row"), start=1):
        if _owner(row) is not table:
            continue
        cells = [
            cell_text("".join(_text(p) for p in cell.iter(*_BLOCK_TAGS)))
            for cell in row
            if cell.tag == f"{TABLE}table-cell"
        ]
        while cells and not cells[-1]:
            cells.pop()
        if len(cells) == 1:
            flat.line(line_text(cells[0]), f"{name} 第{r}行")
        else:
            flat.row(cells, f"{name} 第{r}行")


def _owner(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != f"{TABLE}table":
        parent = parent.getparent()
    return parent


def _text(el: etree._Element) -> str:
    # itertext keeps text and tails in order; <text:s/> and breaks are whitespace to the reader.
    return "".join(el.itertext())


def _is_odf(head: bytes) -> bool:
    return head.startswith(b"PK") and b"mimetypeapplication/vnd.oasis.opendocument" in head[:100]


register("odf", read_opendocument, sniff=_is_odf, extensions=("odt", "ods", "odf"))
