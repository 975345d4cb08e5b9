"""Table 2 (收到和处理政府信息公开申请情况): rows, fallback labels, and the 2021 （六） subrows."""

from __future__ import annotations

import re
from decimal import Decimal

from xxgk.annual_reports.data import CellValue
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import (
    OTHER_2021,
    T2_COLUMN_KEYS,
    ReportFormat,
)
from xxgk.ingestion.text.labels import _compile, label_pattern
from xxgk.ingestion.text.reading import _Reading, _Row
from xxgk.ingestion.text.rows import _locate, _read_rows


def _t2_check(values: list[Decimal]) -> bool:
    return sum(values[:6]) == values[6]


# A lazy label tail must stop right before the numbers (the match itself does not backtrack).
_AHEAD = r"(?=[\s|]*[+\-－]?\d)"


_T2_FALLBACK = {
    "new": r"本\s*年\s*新\s*收[^\d|]{0,30}?" + _AHEAD,
    "carried_in": r"上\s*年\s*结\s*转[^\d|]{0,30}?" + _AHEAD,
    "disclosed": r"予\s*以\s*公\s*开",
    "partial": r"部\s*分\s*公\s*开[^\d|]{0,60}?" + _AHEAD,
    "other": r"[（(]\s*六\s*[）)]\s*其\s*他\s*处\s*理",
    "total": r"[（(]\s*七\s*[）)]\s*总\s*计",
    "carried_out": r"结\s*转\s*下\s*年\s*度[^\d|]{0,30}?" + _AHEAD,
}


def _t2_rows(fmt: ReportFormat) -> list[_Row]:
    rows = []
    for leaf in fmt.table("t2").row_leaves():
        key = leaf.code or ""
        patterns = [label_pattern(leaf.label)]
        enum = re.match(r"^(\d)\.(.{2,4})", leaf.label)
        if key in _T2_FALLBACK:
            patterns.append(_T2_FALLBACK[key])
        elif enum:
            patterns.append(
                rf"{enum.group(1)}\s*[.．、]\s*{label_pattern(enum.group(2))}[^\d|]{{0,30}}?"
                + _AHEAD
            )
        codes = tuple(f"t2.{key}.{col}" for col in T2_COLUMN_KEYS)
        rows.append(
            _Row(
                codes=codes,
                kinds=("int",) * 7,
                patterns=_compile(*patterns),
                where=f"表二 {fmt.cell(codes[0]).row_label}行",
                check=_t2_check,
            )
        )
    return rows


def _read_other_2021(
    reading: _Reading, fmt: ReportFormat, rows: list[_Row], pos: int, cells: dict[str, CellValue]
) -> int:
    probe: dict[str, CellValue] = {}
    saved = list(reading.findings)
    end = _read_rows(reading, rows, pos, len(reading.text), probe, "表二", report_table=False)
    if any(v is not None for v in probe.values()) or any(
        _locate(reading, r, pos, len(reading.text)) for r in rows
    ):
        cells.update(probe)
        return end
    reading.findings = saved
    single = _Row(
        codes=tuple(f"t2.other.{col}" for col in T2_COLUMN_KEYS),
        kinds=("int",) * 7,
        patterns=_compile(label_pattern("（六）其他处理")),
        where="表二 （六）其他处理行",
        check=_t2_check,
    )
    end = _read_rows(reading, [single], pos, len(reading.text), cells, "表二", report_table=False)
    if any(cells.get(c) is not None for c in single.codes):
        reading.findings.append(
            finding(
                Rule.READ_ROW_MISSING,
                "（六）其他处理只印了一行（2019格式的写法），未按2021格式分为三个子行"
                "（1.逾期不补正、2.逾期未缴纳费用、3.其他）；已读取该行作为（六）的合计，"
                "三个子行无法拆分，留空",
                "表二 （六）其他处理行",
            )
        )
    for key, _ in OTHER_2021:
        for col in T2_COLUMN_KEYS:
            cells.setdefault(f"t2.other.{key}.{col}", None)
    return end
