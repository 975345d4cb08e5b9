from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.schema import FORMATS, format_for_year


def test_it_declares_198_cells_for_2019_and_200_plus_7_derived_for_2021() -> None:
    assert len(FORMATS["2019"].cell_codes()) == 198
    assert len(FORMATS["2021"].cell_codes()) == 200
    assert FORMATS["2021"].derived_codes()[0] == "t2.other.natural"
    assert "t2.other.natural" not in FORMATS["2021"].cell_codes()
    assert FORMATS["2019"].cell("t1.other_services.change").kind == "signed"
    assert FORMATS["2021"].cell("t1.fees.amount").kind == "decimal"
    assert FORMATS["2019"].cell("t2.withheld.state_secret.natural").where == (
        "表二 （三）不予公开 1.属于国家秘密行 自然人列"
    )


@pytest.mark.parametrize(
    ("year", "fmt"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021")]
)
def test_it_picks_the_format_by_year(year: int, fmt: str) -> None:
    assert format_for_year(year) == fmt


def test_it_derives_2021_other_from_its_three_subrows() -> None:
    report = ReportData(
        "某局",
        2022,
        "2021",
        cells={
            "t2.other.no_amendment.natural": 1,
            "t2.other.unpaid_fee.natural": 2,
            "t2.other.other.natural": 4,
        },
    )
    assert report.cells["t2.other.natural"] == 7
    assert report.cells["t2.other.commercial"] is None


def test_it_round_trips_through_json() -> None:
    report = ReportData(
        "某区人民政府",
        2023,
        "2021",
        dated=date(2024, 1, 20),
        cells={"t1.fees.amount": Decimal("0.35"), "t2.new.natural": 3},
    )
    back = ReportData.from_json(json.loads(json.dumps(report.to_json(), ensure_ascii=False)))
    assert back == report
    assert back.cells["t1.fees.amount"] == Decimal("0.35")
    assert report.effective_agency_kind == "government"


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([], "报告JSON必须是一个对象"),
        ({"agency": "某局", "year": 2019, "format": "2020"}, "格式"),
        ({"agency": "某局", "year": "2019", "format": "2019"}, "年度"),
        ({"agency": "某局", "year": 2019, "format": "2019", "dated": "2019-13-01"}, "日期"),
        (
            {"agency": "某局", "year": 2019, "format": "2019", "cells": {"t9.x": 1}},
            "不存在的单元格",
        ),
        (
            {"agency": "某局", "year": 2019, "format": "2019", "cells": {"t2.new.total": "3"}},
            "数字",
        ),
        (
            {"agency": "某局", "year": 2019, "format": "2019", "cells": {"t2.new.total": 1.5}},
            "整数",
        ),
    ],
)
def test_it_refuses_bad_json_with_a_chinese_message(payload: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ReportData.from_json(payload)
