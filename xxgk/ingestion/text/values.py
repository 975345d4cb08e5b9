"""A printed cell's text to its value: units, thousands separators, full-width minus."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    FORMAT_2019,
    FORMAT_2021,
    FORMATS,
)
from xxgk.ingestion.text.reading import _Reading, _Row

_UNITS = "万元|元|个|件|项|条|次"
# What agencies print instead of a number: a dash, a slash, 无. It may mean 0 or "not
# applicable"; it is never read as 0 but left blank with a finding.
PLACEHOLDERS = frozenset({"—", "——", "-", "--", "/", "／", "无", "－", "–", "\\", "空", "×"})


def _parse_cell(reading: _Reading, row: _Row, index: int, text: str) -> CellValue:
    text = text.strip()
    if not text:
        return None
    if text in PLACEHOLDERS:
        reading.findings.append(
            finding(
                Rule.READ_PLACEHOLDER,
                f"单元格填写「{text}」而非数字，未按0读取，请核对原件",
                _cell_where(row, index),
            )
        )
        return None
    unit = re.search(rf"(?:{_UNITS})$", text)
    if unit:
        text = text[: unit.start()].strip()
        reading.findings.append(
            finding(
                Rule.READ_UNIT,
                f"单元格写有单位「{unit.group(0)}」，按所印数字{text}读取",
                _cell_where(row, index),
            )
        )
    number = _to_number(text)
    return number


def _to_number(text: str) -> CellValue:
    text = text.replace("－", "-")
    if re.fullmatch(r"[+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int(number) if number == number.to_integral_value() else number


def _cell_where(row: _Row, index: int) -> str:
    code = row.codes[index]
    fmt = FORMATS[FORMAT_2021] if FORMATS[FORMAT_2021].has_cell(code) else FORMATS[FORMAT_2019]
    return fmt.cell(code).where if fmt.has_cell(code) else row.where


def _cell_value(value: Decimal) -> CellValue:
    return int(value) if value == value.to_integral_value() else value
