"""The annual report as a value: ``ReportData`` and ``Finding`` (pure, no Django).

``ReportData.cells`` always holds every code of its format (printed cells then derived cells,
see :meth:`ReportFormat.all_codes`); a blank or unread cell is ``None``. Construction normalises:

* missing codes are added as ``None`` (unknown extra codes are kept so the validator can flag them);
* 2021 format: a derived ``t2.other.<col>`` that is ``None`` is filled with the sum of its three
  sub-rows when all three are numbers (a report printing a single （六） row keeps what it printed).

Equality compares agency, year, format, dated, agency_kind, title, sections and cells (by value:
``Decimal("5") == 5``); ``findings`` are *not* compared, because they describe how a value was
obtained (reader findings) rather than the value itself.

JSON (``to_json`` / ``from_json``) follows ``docs/spec/report-cells.md``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from xxgk.annual_reports.schema import FORMAT_2021, FORMATS, OTHER_2021, T2_COLUMN_KEYS

Severity = Literal["error", "warning"]
CellValue = int | Decimal | None

AGENCY_KINDS = ("government", "department", "township", "other")


@dataclass(frozen=True)
class Finding:
    """One problem found by a reader or the validator. ``message`` and ``where`` are Chinese."""

    code: str
    severity: Severity
    message: str
    where: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "where": self.where,
        }

    def line(self) -> str:
        """The CLI line: ``CODE 级别 位置：消息``."""
        level = "错误" if self.severity == "error" else "警告"
        return f"{self.code} {level} {self.where or '全文'}：{self.message}"


@dataclass(frozen=True)
class CellSource:
    """Where a reader took one cell from, and how sure it is (issue 13: provenance per cell).

    ``place``: the place in the file ("第2页 表格1 第5行", "第123行"); ``where``: the cell in the
    report's tables ("表二 （三）不予公开…行 自然人列"); ``how``: ``"exact"`` (printed in its own
    cell), ``"balance"`` (joined digits split by a balance rule) or ``"ocr"`` (recognised from an
    image; ``confidence`` 0–100).
    """

    place: str
    where: str
    how: str = "exact"
    confidence: float | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "place": self.place,
            "where": self.where,
            "how": self.how,
            "confidence": self.confidence,
        }

    def label(self) -> str:
        """One Chinese line: "第3页 表格2 第7行（表二 （三）…行 自然人列）"."""
        return f"{self.place}（{self.where}）" if self.place else self.where


@dataclass(frozen=True)
class Section:
    """A narrative section: the heading as printed and its text."""

    heading: str
    text: str


def infer_agency_kind(agency: str) -> str | None:
    """条例 Art. 49: a 人民政府's own report is due 31 Mar, a department's 31 Jan."""
    name = agency.strip()
    # A 乡/镇人民政府 also ends with 人民政府: test the township suffixes first.
    if name.endswith(("乡人民政府", "镇人民政府", "街道办事处")):
        return "township"
    if name.endswith("人民政府"):
        return "government"
    return None


@dataclass(eq=False)
class ReportData:
    agency: str
    year: int
    format: str
    dated: date | None = None
    agency_kind: str | None = None
    title: str | None = None
    sections: list[Section] = field(default_factory=list)
    cells: dict[str, CellValue] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # How each cell was read (readers only); like ``findings``, not part of the value.
    provenance: dict[str, CellSource] = field(default_factory=dict)

    def __post_init__(self) -> None:
        fmt = FORMATS.get(self.format)
        if fmt is None:
            return
        normal: dict[str, CellValue] = {code: self.cells.get(code) for code in fmt.all_codes()}
        for code, value in self.cells.items():
            if code not in normal:
                normal[code] = value
        if self.format == FORMAT_2021:
            fill_derived_other(normal)
        self.cells = normal

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ReportData):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:  # mutable value object: not hashable
        raise TypeError("ReportData 不可哈希")

    def _key(self) -> tuple:
        return (
            self.agency,
            self.year,
            self.format,
            self.dated,
            self.agency_kind,
            self.title,
            list(self.sections),
            dict(self.cells),
        )

    @property
    def effective_agency_kind(self) -> str | None:
        """The declared agency kind, else inferred from the name (… 人民政府 → government)."""
        return self.agency_kind or infer_agency_kind(self.agency)

    def to_json(self) -> dict[str, Any]:
        """The interchange JSON (report-cells.md): numbers as JSON numbers, blank as null."""
        return {
            "agency": self.agency,
            "year": self.year,
            "format": self.format,
            "dated": self.dated.isoformat() if self.dated else None,
            "agency_kind": self.agency_kind,
            "title": self.title,
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
            "cells": {code: _json_number(v) for code, v in self.cells.items()},
            "findings": [f.to_json() for f in self.findings],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, data: Any) -> ReportData:
        """Build from the interchange JSON; ``ValueError`` with a Chinese message when invalid."""
        if not isinstance(data, dict):
            raise ValueError("报告JSON必须是一个对象")
        agency = data.get("agency")
        if not isinstance(agency, str) or not agency.strip():
            raise ValueError("报告JSON缺少机关名称（agency）")
        year = data.get("year")
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2999:
            raise ValueError("报告JSON的年度（year）必须是四位整数")
        fmt = data.get("format")
        if fmt not in FORMATS:
            raise ValueError('报告JSON的格式（format）必须是 "2019" 或 "2021"')
        dated = _parse_date(data.get("dated"))
        kind = data.get("agency_kind")
        if kind is not None and kind not in AGENCY_KINDS:
            raise ValueError(f"报告JSON的机关类别（agency_kind）无效：{kind!r}")
        title = data.get("title")
        if title is not None and not isinstance(title, str):
            raise ValueError("报告JSON的标题（title）必须是文本")
        sections = _parse_sections(data.get("sections", []))
        cells = _parse_cells(data.get("cells", {}), fmt)
        findings = _parse_findings(data.get("findings", []))
        return cls(
            agency=agency,
            year=year,
            format=fmt,
            dated=dated,
            agency_kind=kind,
            title=title,
            sections=sections,
            cells=cells,
            findings=findings,
        )


def fill_derived_other(cells: dict[str, CellValue]) -> None:
    """2021 format: ``t2.other.<col>`` = Σ of its three printed sub-rows, when it is blank."""
    for col in T2_COLUMN_KEYS:
        code = f"t2.other.{col}"
        if cells.get(code) is not None:
            continue
        parts = [cells.get(f"t2.other.{key}.{col}") for key, _ in OTHER_2021]
        if all(isinstance(p, int | Decimal) and not isinstance(p, bool) for p in parts):
            cells[code] = sum(parts)  # type: ignore[arg-type]


def _json_number(value: object) -> object:
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def _parse_date(value: object) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("报告JSON的日期（dated）必须是 YYYY-MM-DD 文本或 null")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"报告JSON的日期（dated）无效：{value}") from None


def _parse_sections(value: object) -> list[Section]:
    if not isinstance(value, list):
        raise ValueError("报告JSON的章节（sections）必须是列表")
    out: list[Section] = []
    for item in value:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("heading"), str)
            or not isinstance(item.get("text", ""), str)
        ):
            raise ValueError("报告JSON的每个章节必须有文本的 heading 和 text")
        out.append(Section(item["heading"], item.get("text", "")))
    return out


def _parse_cells(value: object, fmt: str) -> dict[str, CellValue]:
    if not isinstance(value, dict):
        raise ValueError("报告JSON的单元格（cells）必须是对象")
    spec = FORMATS[fmt]
    out: dict[str, CellValue] = {}
    for code, raw in value.items():
        if not isinstance(code, str) or not spec.has_cell(code):
            raise ValueError(f"报告JSON含有{fmt}格式中不存在的单元格代码：{code}")
        out[code] = _parse_number(raw, code, spec.cell(code).kind)
    return out


def _parse_number(raw: object, code: str, kind: str) -> CellValue:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(f"单元格 {code} 的值必须是数字或 null")
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueError(f"单元格 {code} 的值不是有限数字")
    try:
        number = Decimal(str(raw)) if not isinstance(raw, int) else Decimal(raw)
    except InvalidOperation:
        raise ValueError(f"单元格 {code} 的值不是数字：{raw!r}") from None
    if not number.is_finite():
        raise ValueError(f"单元格 {code} 的值不是有限数字")
    if kind == "decimal":
        return int(number) if number == number.to_integral_value() else number
    if number != number.to_integral_value():
        raise ValueError(f"单元格 {code} 必须是整数：{raw!r}")
    return int(number)


def _parse_findings(value: object) -> list[Finding]:
    if not isinstance(value, list):
        raise ValueError("报告JSON的发现（findings）必须是列表")
    out: list[Finding] = []
    for item in value:
        if not isinstance(item, dict):
            raise ValueError("报告JSON的每条发现必须是对象")
        code, sev = item.get("code"), item.get("severity")
        msg, where = item.get("message"), item.get("where", "")
        if not isinstance(code, str) or sev not in ("error", "warning"):
            raise ValueError("报告JSON的发现必须有 code 和 severity（error 或 warning）")
        if not isinstance(msg, str) or not isinstance(where, str):
            raise ValueError("报告JSON的发现的 message 和 where 必须是文本")
        out.append(Finding(code, sev, msg, where))
    return out
