"""The pure aggregation of the 本级政府 report: sums, provenance, coverage, cycles, Art. 50(4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xxgk.annual_reports.aggregate import (
    AGG_BLANK,
    ASSESSMENT_HEADING,
    AggregationError,
    Exclusion,
    Member,
    Part,
    aggregate,
    blocking_members,
    blocking_message,
    cycle_message,
    find_cycle,
    has_assessment,
    provenance_errors,
    with_assessment_section,
)
from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.rules import Rule, validate
from xxgk.annual_reports.schema import (
    FORMATS,
    HEADINGS,
    OTHER_2021,
    T2_COLUMN_KEYS,
    T3_COLUMN_KEYS,
    T3_GROUP_KEYS,
    t2_row_keys,
)

TABLE_RULES = {
    Rule.T2_BALANCE.value,
    Rule.T2_TOTAL.value,
    Rule.T2_COLSUM.value,
    Rule.T2_OTHER_SUM.value,
    Rule.T3_TOTAL.value,
    Rule.CELL_BLANK.value,
    Rule.CELL_INVALID.value,
}


@st.composite
def balanced_reports(draw: st.DrawFn, agency: str, fmt: str, year: int) -> ReportData:
    """A report whose tables satisfy every identity of the format (any numbers otherwise)."""
    spec = FORMATS[fmt]
    small = st.integers(0, 30)
    cells: dict[str, int | Decimal] = {}
    for code in spec.cell_codes():
        if code.startswith("t1."):
            kind = spec.cell(code).kind
            if kind == "decimal":
                cells[code] = Decimal(draw(st.integers(0, 99999))) / 100
            elif kind == "signed":
                cells[code] = draw(st.integers(-5, 5))
            else:
                cells[code] = draw(small)
    outcome_rows = [
        r for r in t2_row_keys(fmt) if r not in ("new", "carried_in", "total", "carried_out")
    ]
    if fmt == "2021":
        outcome_rows = [r for r in outcome_rows if r != "other"]
    org = T2_COLUMN_KEYS[:6]
    for col in org:
        for row in outcome_rows:
            cells[f"t2.{row}.{col}"] = draw(st.integers(0, 3))
        total = sum(cells[f"t2.{row}.{col}"] for row in outcome_rows)
        cells[f"t2.total.{col}"] = total
        carried_out = draw(st.integers(0, 5))
        cells[f"t2.carried_out.{col}"] = carried_out
        carried_in = draw(st.integers(0, total + carried_out))
        cells[f"t2.carried_in.{col}"] = carried_in
        cells[f"t2.new.{col}"] = total + carried_out - carried_in
    for row in t2_row_keys(fmt):
        cells[f"t2.{row}.total"] = sum(cells[f"t2.{row}.{col}"] for col in org)
    for group in T3_GROUP_KEYS:
        values = [draw(st.integers(0, 4)) for _ in T3_COLUMN_KEYS[:4]]
        for key, value in zip(T3_COLUMN_KEYS[:4], values):
            cells[f"t3.{group}.{key}"] = value
        cells[f"t3.{group}.total"] = sum(values)
    return ReportData(agency=agency, year=year, format=fmt, cells=cells)


def _table_findings(report: ReportData) -> list[str]:
    return [f.code for f in validate(report) if f.code in TABLE_RULES]


@st.composite
def region_parts(draw: st.DrawFn) -> tuple[str, int, list[Part]]:
    fmt, year = draw(st.sampled_from([("2019", 2020), ("2021", 2025)]))
    names = ["大冶市人民政府"] + [f"大冶市部门{i}" for i in range(draw(st.integers(0, 4)))]
    parts = [Part(name, draw(balanced_reports(name, fmt, year))) for name in names]
    return fmt, year, parts


@settings(max_examples=40, deadline=None)
@given(region_parts())
def test_it_sums_balanced_parts_into_a_balanced_report_whose_provenance_adds_up(
    case: tuple[str, int, list[Part]],
) -> None:
    fmt, year, parts = case
    for part in parts:
        assert _table_findings(part.data) == []
    result = aggregate("大冶市人民政府", year, parts)
    assert provenance_errors(result) == []
    assert _table_findings(result.report) == []
    assert result.covers == [p.agency for p in parts]
    for code in FORMATS[fmt].all_codes():
        assert set(result.provenance[code]) == {p.agency for p in parts}
        assert sum(result.provenance[code].values()) == result.report.cells[code]
        assert result.report.cells[code] == sum(p.data.cells[code] for p in parts)


def _report(agency: str, **cells: int) -> ReportData:
    full = dict.fromkeys(FORMATS["2021"].cell_codes(), 0)
    full.update({k.replace("__", "."): v for k, v in cells.items()})
    return ReportData(agency=agency, year=2025, format="2021", cells=full)


def test_it_keeps_each_agencys_contribution_for_the_drill_down() -> None:
    own = _report("大冶市人民政府", t2__new__natural=3, t2__new__total=3)
    dept = _report("大冶市科技局", t2__new__natural=2, t2__new__total=2)
    result = aggregate(
        "大冶市人民政府",
        2025,
        [Part("大冶市人民政府", own, "records"), Part("大冶市科技局", dept, "import", "file.pdf")],
    )
    assert result.report.cells["t2.new.total"] == 5
    assert result.contributions("t2.new.total") == [("大冶市人民政府", 3), ("大冶市科技局", 2)]
    assert result.sources == {"大冶市人民政府": "records", "大冶市科技局": "import"}
    assert result.refs == {"大冶市科技局": "file.pdf"}
    payload = result.to_json()
    assert payload["covers"] == ["大冶市人民政府", "大冶市科技局"]
    assert payload["provenance"]["t2.new.total"] == {"大冶市人民政府": 3, "大冶市科技局": 2}
    assert payload["cells"]["t2.new.total"] == 5


def test_it_adds_fee_amounts_exactly_in_decimal() -> None:
    a = _report("甲", t1__fees__amount=0)
    b = _report("乙")
    a.cells["t1.fees.amount"] = Decimal("0.1")
    b.cells["t1.fees.amount"] = Decimal("0.2")
    result = aggregate("丙人民政府", 2025, [Part("甲", a), Part("乙", b)])
    assert result.report.cells["t1.fees.amount"] == Decimal("0.3")
    assert provenance_errors(result) == []


def test_it_recomputes_the_derived_other_row_from_each_part() -> None:
    a = _report("甲", t2__other__no_amendment__natural=1, t2__other__other__natural=2)
    assert a.cells["t2.other.natural"] == 3
    b = _report("乙")
    # 乙 printed the single 2019-style （六） row: sub-rows blank, the derived row known.
    for key, _ in OTHER_2021:
        b.cells[f"t2.other.{key}.natural"] = None
    b.cells["t2.other.natural"] = 4
    result = aggregate("丙人民政府", 2025, [Part("甲", a), Part("乙", b)])
    assert result.report.cells["t2.other.natural"] == 7
    assert result.provenance["t2.other.natural"] == {"甲": 3, "乙": 4}
    assert result.report.cells["t2.other.no_amendment.natural"] == 1
    assert result.provenance["t2.other.no_amendment.natural"] == {"甲": 1}
    assert [f.code for f in result.findings] == [AGG_BLANK]
    assert "乙的报告有3个单元格为空" in result.findings[0].message


def test_it_converts_a_part_in_the_older_format() -> None:
    old = ReportData(
        agency="乙",
        year=2025,
        format="2019",
        cells=dict.fromkeys(FORMATS["2019"].cell_codes(), 1),
    )
    result = aggregate("丙人民政府", 2025, [Part("甲", _report("甲")), Part("乙", old)])
    assert result.report.format == "2021"
    assert result.report.cells["t1.licensing.decisions"] == 1
    assert result.provenance["t1.regulations.issued"] == {"甲": 0}
    assert provenance_errors(result) == []


def test_it_refuses_a_part_of_another_year_or_a_duplicate() -> None:
    other_year = ReportData(agency="乙", year=2024, format="2021")
    with pytest.raises(AggregationError, match="乙的报告为2024年度，不能计入2025年度"):
        aggregate("丙人民政府", 2025, [Part("乙", other_year)])
    with pytest.raises(AggregationError, match="甲的报告重复计入汇总"):
        aggregate("丙人民政府", 2025, [Part("甲", _report("甲")), Part("甲", _report("甲"))])
    with pytest.raises(AggregationError, match="没有可汇总的报告"):
        aggregate("丙人民政府", 2025, [])


def test_it_lists_the_departments_that_block_and_honours_recorded_exclusions() -> None:
    members = [
        Member("大冶市科技局", "accepted", True),
        Member("大冶市统计局", "returned", False),
        Member("大冶市民政局", "not_started", False),
        Member("还地桥镇人民政府", "drafting", False),
    ]
    blocking = blocking_members(members, {"还地桥镇人民政府": "撤并中，报告由上级代报", "x": ""})
    assert [m.agency for m in blocking] == ["大冶市统计局", "大冶市民政局"]
    assert blocking_members(members, {"大冶市统计局": "  "})[0].agency == "大冶市统计局"
    assert blocking_message("大冶市人民政府", 2025, blocking) == (
        "大冶市人民政府2025年度报告无法汇总：以下2个单位的报告尚未接收——"
        "大冶市统计局（已退回）；大冶市民政局（未开始）。"
        "请催办并接收其报告，或写明理由将其排除在汇总范围之外。"
    )
    result = aggregate(
        "大冶市人民政府",
        2025,
        [Part("大冶市科技局", _report("大冶市科技局"))],
        excluded=[Exclusion("还地桥镇人民政府", "撤并中")],
    )
    assert result.to_json()["excluded"] == [{"agency": "还地桥镇人民政府", "reason": "撤并中"}]


def test_it_finds_a_cycle_in_the_region_and_says_so_in_chinese() -> None:
    edges = {
        "黄石市人民政府": ["大冶市人民政府", "阳新县人民政府"],
        "大冶市人民政府": ["大冶市科技局", "黄石市人民政府"],
    }
    cycle = find_cycle(edges, "黄石市人民政府")
    assert cycle == ["黄石市人民政府", "大冶市人民政府", "黄石市人民政府"]
    assert cycle_message(cycle) == (
        "汇总范围存在循环：黄石市人民政府 → 大冶市人民政府 → 黄石市人民政府。"
        "同一单位的数字会被重复计入，请检查各单位配置的主管部门（本级政府）后再汇总。"
    )
    assert find_cycle({"a": ["b", "c"], "b": ["c"], "c": []}, "a") is None
    assert find_cycle({"a": ["a"]}, "a") == ["a", "a"]


def test_it_adds_the_art_50_4_paragraph_to_a_governments_section_five() -> None:
    sections = [Section(h, "正文") for h in HEADINGS]
    out = with_assessment_section(sections, government=True)
    assert out[4].text.startswith(f"正文\n{ASSESSMENT_HEADING}：【请填写")
    assert [s.heading for s in out] == list(HEADINGS)
    assert with_assessment_section(sections, government=False) == sections
    done = [*sections[:4], Section(HEADINGS[4], "考核优秀，社会评议良好，未发生责任追究。")]
    assert with_assessment_section(done, government=True) == done
    assert has_assessment(done)


def test_it_warns_when_a_government_report_omits_the_assessment() -> None:
    sections = [Section(h, "正文") for h in HEADINGS]
    gov = ReportData(agency="大冶市人民政府", year=2025, format="2021", sections=sections)
    dept = ReportData(agency="大冶市科技局", year=2025, format="2021", sections=sections)
    codes = [f.code for f in validate(gov)]
    assert codes.count(Rule.GOV_ASSESSMENT.value) == 1
    assert Rule.GOV_ASSESSMENT.value not in [f.code for f in validate(dept)]
    fixed = ReportData(
        agency="大冶市人民政府",
        year=2025,
        format="2021",
        sections=[
            *sections[:4],
            Section(HEADINGS[4], "工作考核：优秀。社会评议：满意。责任追究：无。"),
            sections[5],
        ],
    )
    assert Rule.GOV_ASSESSMENT.value not in [f.code for f in validate(fixed)]
