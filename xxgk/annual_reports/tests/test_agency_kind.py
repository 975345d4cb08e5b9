from __future__ import annotations

from datetime import date

import pytest

from xxgk.annual_reports.data import ReportData, infer_agency_kind
from xxgk.annual_reports.rules import deadline, validate


@pytest.mark.parametrize(
    ("agency", "kind"),
    [
        ("大冶市人民政府", "government"),
        ("金湖街道办事处", "township"),
        ("还地桥镇人民政府", "township"),
        ("某某乡人民政府", "township"),
        ("大冶市科技局", None),
    ],
)
def test_it_infers_the_agency_kind_township_before_government(agency: str, kind: str) -> None:
    assert infer_agency_kind(agency) == kind


def test_it_holds_a_town_government_to_the_january_deadline() -> None:
    town = ReportData(agency="还地桥镇人民政府", year=2022, format="2021", dated=date(2023, 3, 1))
    assert deadline(2022, town.effective_agency_kind) == date(2023, 1, 31)
    assert "R-DATE-LATE" in [f.code for f in validate(town)]
    city = ReportData(agency="大冶市人民政府", year=2022, format="2021", dated=date(2023, 3, 1))
    assert "R-DATE-LATE" not in [f.code for f in validate(city)]
