"""Table 1 (第二十条第（一）项): one row per printed label of the format."""

from __future__ import annotations

from xxgk.annual_reports.schema import (
    ReportFormat,
)
from xxgk.ingestion.text.labels import _compile, label_pattern
from xxgk.ingestion.text.reading import _Row


def _t1_rows(fmt: ReportFormat) -> list[_Row]:
    rows = []
    for block in fmt.table("t1").blocks:
        for row in block.rows:
            patterns = [label_pattern(row.label)]
            if row.label == "行政规范性文件":
                patterns.append(label_pattern("规范性文件"))
            rows.append(
                _Row(
                    codes=row.cells,
                    kinds=tuple(fmt.cell(c).kind for c in row.cells),
                    patterns=_compile(*patterns),
                    where=f"表一 {row.label}行",
                )
            )
    return rows
