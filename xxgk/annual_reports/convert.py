"""Converting a report between the 2019 and 2021 formats (pure). Never invents a number.

Tables 2 and 3 are the same in both formats except （六）其他处理: 2019 prints one row, 2021 three
sub-rows whose sum is the derived ``t2.other.*``. 2019 → 2021 keeps the 2019 row as the derived
``t2.other.*`` and leaves the sub-rows blank (the split is unknown). 2021 → 2019 prints the
derived sum as the single row. Table 1 changed columns (domain.md §2.6): only the 2021 行政许可/
处罚/强制 处理决定数量 map to the 2019 处理决定数量 and back; every other table-1 cell of the target
format becomes blank with an ``R-CONVERT-UNKNOWN`` finding.
"""

from __future__ import annotations

from xxgk.annual_reports.data import CellValue, ReportData
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import FORMAT_2019, FORMAT_2021, FORMATS, OTHER_2021, T2_COLUMN_KEYS

# Table-1 cells with the same meaning in both formats (2019 code, 2021 code).
T1_SAME: tuple[tuple[str, str], ...] = (
    ("t1.licensing.decisions", "t1.licensing.decisions"),
    ("t1.penalty.decisions", "t1.penalty.decisions"),
    ("t1.coercion.decisions", "t1.coercion.decisions"),
)


def convert(report: ReportData, to_format: str) -> ReportData:
    """The same report in ``to_format``; unknown cells are None with a finding."""
    if to_format not in FORMATS:
        raise ValueError(f"未知的报告格式：{to_format}")
    if report.format == to_format:
        return report
    target = FORMATS[to_format]
    cells: dict[str, CellValue] = {}
    findings = list(report.findings)
    pairs = T1_SAME if to_format == FORMAT_2021 else tuple((b, a) for a, b in T1_SAME)
    mapped = {dst: src for src, dst in pairs}
    unknown_t1: list[str] = []
    for code in target.all_codes():
        if code.startswith("t1."):
            if code in mapped:
                cells[code] = report.cells.get(mapped[code])
            else:
                cells[code] = None
                unknown_t1.append(target.cell(code).row_label + target.cell(code).column_label)
        elif code.startswith("t2.other."):
            continue
        else:
            cells[code] = report.cells.get(code)
    for col in T2_COLUMN_KEYS:
        cells[f"t2.other.{col}"] = report.cells.get(f"t2.other.{col}")
        if to_format == FORMAT_2021:
            for key, _ in OTHER_2021:
                cells[f"t2.other.{key}.{col}"] = None
    if unknown_t1:
        findings.append(
            finding(
                Rule.CONVERT_UNKNOWN,
                f"由{FORMATS[report.format].name}格式转换，无法推出，留空：{'、'.join(unknown_t1)}",
                "表一",
            )
        )
    if to_format == FORMAT_2021:
        findings.append(
            finding(
                Rule.CONVERT_UNKNOWN,
                "2019格式只有一行“（六）其他处理”，无法拆分为2021格式的三个子行，子行留空，合计保留",
                "表二 （六）其他处理行",
            )
        )
    return ReportData(
        agency=report.agency,
        year=report.year,
        format=to_format,
        dated=report.dated,
        agency_kind=report.agency_kind,
        title=report.title,
        sections=list(report.sections),
        cells=cells,
        findings=findings,
    )


__all__ = ["FORMAT_2019", "FORMAT_2021", "convert"]
