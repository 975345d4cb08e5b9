"""Flatten an XLSX workbook (SpreadsheetML, any producer) to text for the text reader.

openpyxl builds a styled object per cell and re-validates every merged range: seconds for a
LibreOffice export of one report. We only need each cell's shown value and the merged ranges,
so the sheets are read with lxml directly: shared strings, inline strings, numbers, booleans;
a merged range's value appears once (its top-left cell), as in HTML.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

from lxml import etree

from xxgk.ingestion.flat import FlatText, cell_text, line_text

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _column(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _ref(ref: str) -> tuple[int, int] | None:
    m = _REF.match(ref)
    return (int(m.group(2)), _column(m.group(1))) if m else None


def _sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, part path) of every worksheet, in workbook order."""
    book = etree.fromstring(archive.read("xl/workbook.xml"), _PARSER)
    rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), _PARSER)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{REL}Relationship")}
    out = []
    for sheet in book.iter(f"{S}sheet"):
        target = targets.get(sheet.get(f"{R}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        out.append((sheet.get("name", ""), posixpath.normpath(path)))
    return out


def sheet_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [name for name, _ in _sheets(archive)]


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    try:
        root = etree.fromstring(archive.read("xl/sharedStrings.xml"), _PARSER)
    except KeyError:
        return []
    return ["".join(t.text or "" for t in si.iter(f"{S}t")) for si in root.iter(f"{S}si")]


def _value(cell: etree._Element, strings: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{S}t"))
    v = cell.find(f"{S}v")
    raw = v.text if v is not None and v.text else ""
    if kind == "s":
        index = int(raw) if raw.isdigit() else -1
        return strings[index] if 0 <= index < len(strings) else ""
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return ""
    try:
        number = float(raw)
    except ValueError:
        return raw
    # Shortest form of the stored number: 946.43, never binary noise; 5.0 → 5.
    return str(int(number)) if number.is_integer() else repr(number)


def flatten_xlsx(data: bytes) -> FlatText:
    flat = FlatText()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        strings = _shared_strings(archive)
        for name, part in _sheets(archive):
            root = etree.fromstring(archive.read(part), _PARSER)
            hidden: set[tuple[int, int]] = set()
            for merged in root.iter(f"{S}mergeCell"):
                first, _, last = (merged.get("ref") or "").partition(":")
                a, b = _ref(first), _ref(last or first)
                if a is None or b is None:
                    continue
                for row in range(a[0], b[0] + 1):
                    for col in range(a[1], b[1] + 1):
                        if (row, col) != a:
                            hidden.add((row, col))
            for row in root.iter(f"{S}row"):
                r = int(row.get("r") or 0)
                texts: list[str] = []
                last_col = 0
                for cell in row.iter(f"{S}c"):
                    position = _ref(cell.get("r") or "")
                    col = position[1] if position else last_col + 1
                    if (r, col) in hidden:
                        last_col = col
                        continue
                    # A gap between cells is blank cells (not merged ones).
                    texts.extend(
                        [""]
                        * max(0, col - last_col - 1 - _hidden_between(hidden, r, last_col, col))
                    )
                    texts.append(_value(cell, strings))
                    last_col = col
                while texts and not texts[-1]:
                    texts.pop()
                place = f"工作表“{name}” 第{r}行"
                if len(texts) == 1:
                    flat.line(line_text(texts[0]), place)
                else:
                    flat.row([cell_text(t) for t in texts], place)
    return flat


def _hidden_between(hidden: set[tuple[int, int]], row: int, start: int, end: int) -> int:
    return sum(1 for col in range(start + 1, end) if (row, col) in hidden)
