"""region_rows / region_matrix / accepted_reports: statuses, lateness, constant query counts."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from xxgk.agencies.models import Agency, AgencyKind
from xxgk.annual_reports import services as reports
from xxgk.region import services
from xxgk.region.selectors import accepted_reports, region_matrix, region_rows
from xxgk.region.testing import TZ, RegionWorld, approved_report
from xxgk.region.tests.test_region_services import _import

CELL = ("cell", "t2.new.total", "本年新收申请数与台账不一致。")


def _more_agencies(rw: RegionWorld, n: int) -> list[Agency]:
    out = []
    for i in range(n):
        agency = Agency.objects.create(
            name=f"大冶市第{i}局",
            short_name=f"冶{i}",
            code=f"daye-{i}",
            kind=AgencyKind.DEPARTMENT,
            parent=rw.world.government,
        )
        services.set_reporting_line(agency, rw.region, actor=None)
        out.append(agency)
    return out


@time_machine.travel(datetime(2026, 2, 10, 9, tzinfo=TZ), tick=False)
def test_rows_show_each_status_with_lateness(rw: RegionWorld) -> None:
    w = rw.world
    extra = _more_agencies(rw, 3)
    # A: approved, submitted, published late (10 Feb > 31 Jan) → 已发布, 10 days late.
    report = approved_report(w)
    services.submit_report(report, actor=w.grace)
    reports.publish_report(report, actor=w.grace)
    # B: imported file dated 28 Jan → 已发布 on time.
    from xxgk.region.tests.test_region_services import _file

    _import(rw, _file())
    # extra[0]: drafting; extra[1]..: nothing.
    reports.compute_draft(extra[0], 2025, actor=None)
    rows = {r.agency.name: r for r in region_rows(rw.office, 2025)}
    assert [r.to_json() for r in region_rows(rw.office, 2025)][0] == {
        "agency": "大冶市科技局",
        "kind": "department",
        "level": "county",
        "status": "published",
        "due": "2026-01-31",
        "published_on": "2026-02-10",
        "days_late": 10,
        "errors": 0,
        "warnings": rows["大冶市科技局"].warnings,
    }
    assert rows["大冶市统计局"].status == "published"
    assert (rows["大冶市统计局"].published_on, rows["大冶市统计局"].days_late) == (
        date(2026, 1, 28),
        0,
    )
    assert (rows["大冶市第0局"].status, rows["大冶市第0局"].days_late) == ("drafting", 10)
    assert (rows["大冶市第1局"].status, rows["大冶市第1局"].published_on) == ("not_started", None)
    # The other region's office sees only its own member; the supervisor's government all of 大冶.
    assert [r.agency.name for r in region_rows(rw.other_office, 2025)] == ["阳新县科技局"]
    assert [r.agency.name for r in region_rows(w.government, 2025)] == list(rows)


@time_machine.travel(datetime(2026, 1, 20, 9, tzinfo=TZ), tick=False)
def test_rows_show_submitted_returned_accepted(rw_waits: RegionWorld) -> None:
    w = rw_waits.world
    a = services.submit_report(approved_report(w), actor=w.grace).submission
    b = services.submit_report(approved_report(w, w.b), actor=w.olivia).submission
    assert {r.agency.name: r.status for r in region_rows(rw_waits.office, 2025)} == {
        "大冶市科技局": "submitted",
        "大冶市统计局": "submitted",
    }
    services.return_submission(a, [CELL], actor=w.otto)
    services.accept_submission(b, actor=w.otto)
    rows = {r.agency.name: r for r in region_rows(rw_waits.office, 2025)}
    assert (rows["大冶市科技局"].status, rows["大冶市科技局"].days_late) == ("returned", 0)
    assert (rows["大冶市统计局"].status, rows["大冶市统计局"].rounds) == ("accepted", 1)
    assert rows["大冶市统计局"].submitted_on == date(2026, 1, 20)
    included = accepted_reports(w.government, 2025)
    assert [(i.agency, i.source) for i in included] == [(w.b, "platform")]
    b.refresh_from_db()
    assert included[0].ref == f"round:{b.accepted_round_id}"
    assert included[0].data.agency == "大冶市统计局"
    assert accepted_reports(rw_waits.other_government, 2025) == []


@pytest.mark.parametrize("n", [2, 12])
def test_rows_take_a_constant_number_of_queries(
    rw: RegionWorld, n: int, django_assert_max_num_queries: object
) -> None:
    agencies = _more_agencies(rw, n)
    for agency in agencies[:2]:
        services.send_reminder(agency, 2025, actor=rw.world.otto)
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        rows = region_rows(rw.office, 2025, today=date(2026, 2, 1))
    assert len(rows) == n + 2
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        matrix = region_matrix(rw.office, [2023, 2024, 2025], today=date(2026, 2, 1), limit=5)
    assert [len(cells) for cells in matrix] == [3] * min(5, n + 2)
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        accepted_reports(rw.world.government, 2025)


def test_rows_filter_by_kind_and_level(rw: RegionWorld) -> None:
    town = Agency.objects.create(
        name="大冶市陈贵镇人民政府",
        short_name="陈贵",
        code="daye-chengui",
        kind=AgencyKind.TOWNSHIP,
        parent=rw.world.government,
    )
    services.set_reporting_line(town, rw.region, actor=None)
    rows = region_rows(rw.office, 2025, kind="township", today=date(2026, 1, 1))
    assert [(r.agency.name, r.kind, r.level) for r in rows] == [
        ("大冶市陈贵镇人民政府", "township", "township")
    ]
    assert [r.agency.name for r in region_rows(rw.office, 2025, level="county")] == [
        "大冶市科技局",
        "大冶市统计局",
    ]
