"""A 2021-format report printing a single （六）其他处理 row, the 2019 way (hongze)."""

from __future__ import annotations

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.rules import validate
from xxgk.annual_reports.schema import FORMATS, OTHER_2021, T2_COLUMN_KEYS
from xxgk.ingestion.read import read_report
from xxgk.testdata import SAMPLES

HONGZE = SAMPLES / "2024_hongze_qzf_1.txt"


def single_row_report(other: int) -> ReportData:
    cells: dict[str, int | None] = dict.fromkeys(FORMATS["2021"].cell_codes(), 0)
    for key, _ in OTHER_2021:
        for col in T2_COLUMN_KEYS:
            cells[f"t2.other.{key}.{col}"] = None
    for col in T2_COLUMN_KEYS:
        cells[f"t2.other.{col}"] = 0
    cells["t2.other.natural"] = other
    cells["t2.other.total"] = other
    return ReportData(agency="某局", year=2022, format="2021", cells=cells)


def test_it_explains_the_single_row_once_instead_of_three_blank_rows() -> None:
    findings = [f for f in validate(single_row_report(0)) if f.code.startswith("R-CELL")]
    assert [(f.code, f.where) for f in findings] == [("R-CELL-BLANK", "表二 （六）其他处理行")]
    assert "只印了一行（2019格式的写法）" in findings[0].message
    assert "已计入（七）总计的校验" in findings[0].message


def test_it_checks_the_single_row_against_the_grand_total() -> None:
    codes = [f.code for f in validate(single_row_report(4))]
    # （七）总计 stays 0 while the single （六） row says 4: the row took part in the sum.
    assert "R-T2-TOTAL" in codes
    assert "R-T2-OTHER-SUM" not in codes


def test_it_reads_and_checks_hongze_with_clear_chinese_findings() -> None:
    report = read_report(HONGZE)
    assert [(f.code, f.where) for f in report.findings] == [
        ("R-READ-ROW-MISSING", "表二 （六）其他处理行")
    ]
    assert "已读取该行作为（六）的合计" in report.findings[0].message
    assert [(f.code, f.where) for f in validate(report)] == [
        ("R-CELL-BLANK", "表二 （六）其他处理行"),
        ("R-DATE-MISSING", "落款日期"),
        # A 区人民政府's report that states no 社会评议 or 责任追究 result (条例 Art. 50(4)).
        ("R-GOV-ASSESSMENT", "第五部分"),
    ]
