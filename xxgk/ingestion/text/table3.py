"""Table 3 (行政复议、行政诉讼): one run of fifteen numbers after its heading."""

from __future__ import annotations

import re
from decimal import Decimal

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    FORMAT_2019,
    FORMATS,
)
from xxgk.ingestion.text.cells import _raw_cells, _values
from xxgk.ingestion.text.reading import _Reading, _Row


def _t3_check(values: list[Decimal]) -> bool:
    return all(sum(values[g * 5 : g * 5 + 4]) == values[g * 5 + 4] for g in range(3))


def _read_t3(reading: _Reading, pos: int, cells: dict[str, CellValue]) -> None:
    text = reading.text
    codes = tuple(c.code for c in FORMATS[FORMAT_2019].table("t3").cells)
    row = _Row(
        codes=codes,
        kinds=("int",) * 15,
        patterns=(),
        where="表三 行政复议、行政诉讼",
        check=_t3_check,
    )
    anchor = None
    for m in re.compile(r"行\s*政\s*复\s*议").finditer(text, pos):
        if re.search(r"行\s*政\s*诉\s*讼", text[m.end() : m.end() + 400]):
            anchor = m
            break
    hit = None
    if anchor:
        digits = re.compile(r"(?<![\d.])[+\-]?\d").finditer(text, anchor.end(), anchor.end() + 2000)
        for digit in digits:
            if re.match(r"\d{4}\s*年", text[digit.start() : digit.start() + 6]):
                continue  # a year in the narrative, not a cell
            cells_hit = _raw_cells(reading, digit.start())
            if cells_hit is not None:
                hit = (digit.start(), cells_hit[0])
                reading.spans.append(("表三", digit.start(), cells_hit[1]))
                break
    if hit is None:
        for code in codes:
            cells[code] = None
        reading.findings.append(finding(Rule.READ_TABLE_MISSING, "未找到表三或其数字", "表三"))
        return
    raw = hit[1]
    values, _ = _values(reading, row, *hit)
    for code, value in zip(codes, values, strict=True):
        cells[code] = value
        reading.cell_at[code] = hit[0]
        if raw and raw[0] == "\x00joined":
            reading.settled.add(code)
