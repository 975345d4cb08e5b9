"""The cell texts after a label, in each table shape (line, pipe, free text)."""

from __future__ import annotations

import re

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.ingestion.text.joined import _free_values
from xxgk.ingestion.text.reading import _Reading, _Row
from xxgk.ingestion.text.values import _UNITS, PLACEHOLDERS, _parse_cell

_VALUE_RUN = re.compile(rf"(?:[ \t\r\n\u3000]*[+\-－]?\d[\d,.]*(?:{_UNITS})?)+")


_NUMERIC = re.compile(rf"^[+\-－]?\d[\d,]*(?:\.\d+)?\s*(?:{_UNITS})?$")


class _NumericCell:
    """A number (with an optional unit) or a placeholder such as "—" or "无"."""

    @staticmethod
    def match(text: str) -> bool:
        return text in PLACEHOLDERS or _NUMERIC.match(text) is not None


_NUMERIC_CELL = _NumericCell()


def _raw_cells(reading: _Reading, pos: int) -> tuple[list[str], int] | None:
    """The cell texts right after a label (``""`` = blank) and where they end; None when no
    number follows."""
    text = reading.text
    if reading.mode == "pipe":
        segments = text[pos : pos + 800].split("|")
        first = segments[0].strip()
        out: list[str] = []
        end = pos + len(segments[0])
        if first:
            if not _NUMERIC_CELL.match(first):
                return None
            out.append(first)
        for seg in segments[1:]:
            s = seg.strip()
            if s and not _NUMERIC_CELL.match(s):
                break
            out.append(s)
            end += 1 + len(seg)
            if len(out) >= 20:
                break
        return (out, end) if any(out) else None
    if reading.mode == "line":
        lines = text[pos : pos + 800].split("\n")
        first = lines[0].strip()
        out = []
        end = pos + len(lines[0])
        if first:
            if not _NUMERIC_CELL.match(first):
                return None
            out.append(first)
        for line in lines[1:]:
            if line.startswith("\t"):
                s = line.strip()
                if s and not _NUMERIC_CELL.match(s):
                    break
                out.append(s)
                end += 1 + len(line)
            elif line.strip() or any(out):
                break
            else:
                end += 1 + len(line)
            if len(out) >= 20:
                break
        while out and not out[0]:
            out.pop(0)
        return (out, end) if any(out) else None
    m = _VALUE_RUN.match(text, pos)
    if not m:
        return None
    run = m.group(0)
    after = text[m.end() : m.end() + 1]
    if run.endswith(".") and not after.isdigit():
        run = run[:-2] if len(run) >= 2 and run[-2].isdigit() else run[:-1]
    elif after in ("．", "、") and run[-1:].isdigit():
        run = run[:-1]
    run = run.replace("－", "-")
    if not run.strip():
        return None
    return ["\x00joined" if reading.joined else "\x00spaced", *run.split()], pos + len(run)


def _values(reading: _Reading, row: _Row, pos: int, raw: list[str]) -> tuple[list[CellValue], int]:
    n = len(row.codes)
    if raw and raw[0].startswith("\x00"):
        return _free_values(reading, row, raw[0] == "\x00joined", raw[1:]), pos
    # A label printed over two merged columns leaves an empty cell after it in some exports
    # (pdfplumber, DOCX): with more cells than the row has, leading blanks are that, not values.
    while len(raw) > n and raw and not raw[0]:
        raw = raw[1:]
    taken = raw[:n]
    values = [_parse_cell(reading, row, i, s) for i, s in enumerate(taken)]
    if len(values) < n:
        reading.findings.append(
            finding(Rule.READ_ROW_MISSING, f"该行只读到{len(values)}个单元格，应有{n}个", row.where)
        )
        values += [None] * (n - len(values))
    return values, pos
