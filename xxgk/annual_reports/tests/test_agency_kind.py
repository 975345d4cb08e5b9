from __future__ import annotations

import pytest

from xxgk.annual_reports.data import infer_agency_kind


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
