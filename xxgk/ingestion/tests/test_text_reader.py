from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from xxgk.annual_reports.schema import FORMATS
from xxgk.ingestion.read import read_report
from xxgk.testdata import SAMPLES, SEED


def test_it_reads_all_198_seed_cells_exactly() -> None:
    report = read_report(SEED)
    expected = dict.fromkeys(FORMATS["2019"].cell_codes(), 0)
    expected.update(
        {
            "t1.normative.made": 16,
            "t1.normative.published": 16,
            "t1.normative.total_published": 16,
            "t1.other_services.prev_items": 14,
            "t1.other_services.change": -13,
            "t1.other_services.decisions": 45,
        }
    )
    assert report.cells == expected
    assert (report.agency, report.year, report.format) == ("大冶市科技局", 2019, "2019")
    assert report.dated == date(2019, 1, 8)
    assert [s.heading for s in report.sections] == [
        "概述",
        "二、主动公开政府信息情况",
        "三、政府信息依申请情况",
        "四、政府信息公开行政复议、提起行政诉讼情况",
        "存在的问题及改进情况",
        "其他需要报告的事项和报表",
    ]
    assert report.findings == []


@pytest.mark.parametrize("name", ["2024_hongze_qzf_1.txt", "2024_hongze_qzf_1.pdf"])
def test_it_reads_hongze_exactly_as_expected(name: str) -> None:
    expected = json.loads((SAMPLES / "expected" / "2024_hongze_qzf_1.json").read_text("utf-8"))
    report = read_report(SAMPLES / name)
    assert {code: report.cells[code] for code in expected["cells"]} == expected["cells"]
    assert (report.agency, report.year, report.format, report.dated) == (
        expected["agency"],
        expected["year"],
        expected["format"],
        None,
    )
    # The agency printed a single （六） row: the 2021 sub-rows stay blank, with a finding.
    assert report.cells["t2.other.no_amendment.natural"] is None
    assert [f.code for f in report.findings] == ["R-READ-ROW-MISSING"]


KNOWN = {
    "2019_pingtan_lwtj_1.txt": {
        "t1.procurement.projects": 1,
        "t1.procurement.amount": 246900,
        "t1.licensing.change": None,
        "t2.new.total": 0,
    },
    "2019_pingtan_lwtj_1.html": {
        "t1.licensing.prev_items": 11,
        "t1.licensing.change": 3,
        "t1.licensing.decisions": 15,
    },
    "2019_pingtan_scjgj_1.txt": {
        "t1.licensing.prev_items": None,
        "t2.new.natural": 1,
        "t2.not_processed.duplicate.total": 1,
    },
    "2019_pingtan_scjgj_1.html": {
        "t1.licensing.prev_items": 20,
        "t1.licensing.change": 17,
        "t1.licensing.decisions": 37,
        "t1.procurement.amount": Decimal("6805947.43"),
    },
    "2020_chibi_pufang_1.txt": {
        "t1.normative.made": 33,
        "t1.normative.published": 8,
        "t2.disclosed.natural": 0,
        "t2.disclosed.total": None,
    },
    "2021_pingtan_gwh_1.txt": {
        "t2.new.natural": 64,
        "t2.new.total": 70,
        "t1.licensing.decisions": 2293,
        "t1.normative.issued": None,
    },
    "2021_pingtan_gwh_1.html": {
        "t1.normative.issued": 69,
        "t1.normative.repealed": 3,
        "t1.normative.in_force": 665,
        "t2.disclosed.total": 30,
    },
    "2022_hanyang_qzfbgs_1.txt": {
        "t1.normative.issued": 5,
        "t1.normative.repealed": 12,
        "t1.normative.in_force": 8,
        "t1.regulations.in_force": None,
        "t2.new.total": 8,
    },
    "2023_haizhu_guanzhoujd_1.txt": {
        "t1.penalty.decisions": 1472,
        "t2.new.total": 1,
        "t3.reconsideration.total": None,
    },
    "2023_pingtan_gwh_1.txt": {
        "t1.normative.in_force": None,
        "t2.new.total": 81,
        "t1.fees.amount": Decimal("5949.088667"),
    },
    "2023_pingtan_gwh_1.html": {
        "t1.normative.issued": 77,
        "t1.normative.repealed": 132,
        "t1.normative.in_force": 470,
    },
    "2025_whdonghu_cxgzbsc_1.txt": {
        "t1.licensing.decisions": 0,
        "t1.fees.amount": 0,
        "t2.new.total": None,
    },
}


@pytest.mark.parametrize("name", sorted(KNOWN))
def test_it_reads_every_sample_and_its_known_cells(name: str) -> None:
    report = read_report(SAMPLES / name)
    year = int(name[:4])
    assert report.year == year
    assert report.format == ("2019" if year <= 2020 else "2021")
    assert {code: report.cells[code] for code in KNOWN[name]} == KNOWN[name]


def test_it_reports_joined_digits_it_cannot_split() -> None:
    report = read_report(SAMPLES / "2019_pingtan_scjgj_1.txt")
    ambiguous = [f for f in report.findings if f.code == "R-READ-AMBIGUOUS"]
    assert [f.where for f in ambiguous] == [
        "表一 行政许可行",
        "表一 其他对外管理服务事项行",
        "表一 行政处罚行",
        "表一 政府集中采购行",
    ]
    assert "20+1737" in ambiguous[0].message
