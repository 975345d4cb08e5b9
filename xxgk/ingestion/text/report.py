"""The entry point: read a whole report from text (pure, no Django)."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from xxgk.annual_reports.data import CellSource, CellValue, Finding, ReportData
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    FORMAT_2021,
    FORMATS,
    ReportFormat,
)
from xxgk.ingestion.text.headings import _headings, _sections
from xxgk.ingestion.text.identity import _dated, _detect_format, _identity, _other_title
from xxgk.ingestion.text.labels import label_pattern
from xxgk.ingestion.text.reading import _is_joined, _mode, _Reading
from xxgk.ingestion.text.rows import _read_rows
from xxgk.ingestion.text.table1 import _t1_rows
from xxgk.ingestion.text.table2 import _read_other_2021, _t2_rows
from xxgk.ingestion.text.table3 import _read_t3
from xxgk.ingestion.text.totals import _resolve_by_totals

if TYPE_CHECKING:
    from xxgk.ingestion.flat import FlatText

# OCR'd cells below this confidence (0–100, Tesseract's word confidence) become findings.
OCR_CONFIDENCE_FLOOR = 80.0

_PAGE_NUMBER = re.compile(r"^[ \t]*[-—–]\s*\d{1,3}\s*[-—–][ \t]*$", re.M)


def read_text_report(
    text: str, *, format_hint: str | None = None, flat: FlatText | None = None
) -> ReportData:
    """Read a report from text. Unreadable parts become findings; the caller checks the year.

    ``flat``: the flattened document ``text`` came from (its lines' places and OCR confidence);
    without it a cell's place is its line number in ``text``.
    """
    if flat is None:
        text = _PAGE_NUMBER.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    findings: list[Finding] = []
    agency, year, title = _identity(text)
    if not agency:
        findings.append(finding(Rule.READ_META, "未能识别机关名称", "标题"))
    other = None if title else _other_title(text)
    if other:
        findings.append(finding(Rule.READ_META, f"文件标题为“{other}”", "标题"))
    fmt_code = format_hint or _detect_format(text, year)
    fmt = FORMATS[fmt_code]
    headings = _headings(text)
    reading = _Reading(text=text, mode=_mode(text), joined=_is_joined(text))
    cells = _read_tables(reading, fmt)
    dated = _dated(text, headings)
    findings.extend(reading.findings)
    for table, count in reading.joined_rows.items():
        findings.append(
            finding(
                Rule.READ_JOINED,
                f"{count}行的数字连写在一起，已按勾稽关系唯一拆分，请核对原件",
                table,
            )
        )
    provenance = _provenance(reading, fmt, flat)
    findings.extend(_low_confidence(provenance, cells))
    return ReportData(
        agency=agency,
        year=year if year is not None else 0,
        format=fmt_code,
        dated=dated,
        title=title,
        sections=_sections(reading, headings, dated, agency),
        cells=cells,
        findings=findings,
        provenance=provenance,
    )


def _provenance(
    reading: _Reading, fmt: ReportFormat, flat: FlatText | None
) -> dict[str, CellSource]:
    starts = [0] + [m.end() for m in re.finditer("\n", reading.text)]
    out: dict[str, CellSource] = {}
    for code, offset in reading.cell_at.items():
        if not fmt.has_cell(code):
            continue
        where = fmt.cell(code).where
        if flat is not None:
            place, confidence = flat.at(offset)
        else:
            place, confidence = f"第{bisect.bisect_right(starts, offset)}行", None
        if confidence is not None:
            how = "ocr"
        elif code in reading.settled:
            how = "balance"
        else:
            how = "exact"
        out[code] = CellSource(place, where, how, confidence)
    return out


def _low_confidence(
    provenance: dict[str, CellSource], cells: dict[str, CellValue]
) -> list[Finding]:
    return [
        finding(
            Rule.READ_OCR_LOW,
            f"OCR识别置信度{source.confidence:.0f}%，读作{cells.get(code)}，请核对原件（{source.place}）",
            source.where,
        )
        for code, source in provenance.items()
        if source.confidence is not None
        and source.confidence < OCR_CONFIDENCE_FLOOR
        and cells.get(code) is not None
    ]


def _read_tables(reading: _Reading, fmt: ReportFormat) -> dict[str, CellValue]:
    text = reading.text
    cells: dict[str, CellValue] = {}
    t1_anchor = re.compile(label_pattern("第二十条第（一）项")).search(text)
    t2_anchor = re.compile(r"勾\s*稽\s*关\s*系").search(text)
    t1_start = t1_anchor.start() if t1_anchor else 0
    t1_end = t2_anchor.start() if t2_anchor and t2_anchor.start() > t1_start else len(text)
    pos = _read_rows(reading, _t1_rows(fmt), t1_start, t1_end, cells, "表一")
    t2_start = t2_anchor.end() if t2_anchor else (pos if t1_anchor else 0)
    t2_rows = _t2_rows(fmt)
    if fmt.code == FORMAT_2021:
        other_subrows = [r for r in t2_rows if r.codes[0].startswith("t2.other.")]
        main = [r for r in t2_rows if r not in other_subrows]
        split = next(i for i, r in enumerate(main) if r.codes[0] == "t2.total.natural")
        end = _read_rows(reading, main[:split], t2_start, len(text), cells, "表二")
        end = _read_other_2021(reading, fmt, other_subrows, end, cells)
        end = _read_rows(reading, main[split:], end, len(text), cells, "表二", report_table=False)
    else:
        end = _read_rows(reading, t2_rows, t2_start, len(text), cells, "表二")
    _resolve_by_totals(reading, fmt, cells)
    _read_t3(reading, end if end > t2_start else t2_start, cells)
    return cells
