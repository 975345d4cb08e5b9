from __future__ import annotations

from xxgk.annual_reports.convert import convert
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.rules import validate


def _zeros(fmt: str) -> ReportData:
    blank = ReportData("某局", 2020 if fmt == "2019" else 2022, fmt)
    return ReportData(blank.agency, blank.year, fmt, cells=dict.fromkeys(blank.cells, 0))


def test_it_maps_tables_2_and_3_and_marks_unknown_t1_cells_from_2019_to_2021() -> None:
    report = _zeros("2019")
    report.cells.update({"t2.other.natural": 2, "t2.total.natural": 2, "t2.new.natural": 2})
    report.cells.update({"t2.other.total": 2, "t2.total.total": 2, "t2.new.total": 2})
    report.cells["t1.licensing.decisions"] = 37
    report.cells["t3.litigation_after.total"] = 0
    out = convert(report, "2021")
    assert out.format == "2021"
    assert out.cells["t2.other.natural"] == 2
    assert out.cells["t2.other.no_amendment.natural"] is None
    assert out.cells["t1.licensing.decisions"] == 37
    assert out.cells["t1.fees.amount"] is None
    assert out.cells["t1.normative.in_force"] is None
    assert [f.code for f in out.findings] == ["R-CONVERT-UNKNOWN", "R-CONVERT-UNKNOWN"]
    assert not [f for f in validate(out) if f.severity == "error"]


def test_it_prints_the_derived_other_row_when_converting_2021_to_2019() -> None:
    report = _zeros("2021")
    report.cells["t2.other.unpaid_fee.natural"] = 1
    report.cells["t2.other.natural"] = None
    report = ReportData(report.agency, report.year, "2021", cells=report.cells)
    out = convert(report, "2019")
    assert out.cells["t2.other.natural"] == 1
    assert out.cells["t1.procurement.amount"] is None
    assert "t2.other.unpaid_fee.natural" not in out.cells
