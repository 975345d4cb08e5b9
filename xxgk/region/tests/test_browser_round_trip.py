"""报送 round trip in a real browser (issue 14): the department submits, the 主管部门 returns
with a reason on a cell, the department corrects and resubmits, the 主管部门 accepts, and
the department publishes."""

from __future__ import annotations

import pytest

from xxgk.annual_reports.models import AnnualReport, ReportStatus
from xxgk.browser_testing import ARTIFACTS, BROWSER_MARKS, chromium_browser, new_page
from xxgk.region.models import Submission
from xxgk.region.testing import RegionWorld, approve_chain, approved_report
from xxgk.testing import PASSWORD

pytestmark = BROWSER_MARKS

REASON = "本年新收申请总数与政府信息公开申请台账不一致，请核实后更正。"
CORRECTION = "经核实，本年度新收申请数已与申请台账逐件核对一致。"


def login(browser: object, base: str, username: str) -> object:
    page = new_page(browser)
    # The shared CI machine can be slow; waiting longer makes no test timing-based.
    page.set_default_timeout(60_000)
    page.goto(base + "/backoffice/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/backoffice/")
    return page


def test_submit_return_with_a_cell_reason_resubmit_accept(rw: RegionWorld, live_server) -> None:
    base = live_server.url
    w = rw.world
    report = approved_report(w)  # internally approved: 已审定待发布
    report_url = f"{base}/backoffice/reports/{report.pk}/"
    with chromium_browser() as browser:
        department = login(browser, base, "grace")
        department.goto(report_url)
        department.get_by_role("button", name="报送大冶市人民政府办公室").click()
        assert (
            "已报送大冶市人民政府办公室（第1次报送）"
            in department.locator(".messages").inner_text()
        )

        office = login(browser, base, "otto")
        office.get_by_role("link", name="本地区报送").click()
        office.get_by_role("link", name="大冶市科技局 2025年度报告（第1次报送", exact=False).click()
        # Clicking the cell in the submitted table picks it as the reason's location.
        office.locator('.pick-cells [data-code="t2.new.total"]').click()
        assert office.locator("#target-0").input_value() == "cell:t2.new.total"
        office.locator("#text-0").fill(REASON)
        office.get_by_role("button", name="退回").click()
        assert "已将大冶市科技局2025年度报告退回" in office.locator(".messages").inner_text()
        assert office.locator("#submission-status").inner_text() == "已退回"
        office.screenshot(path=str(ARTIFACTS / "region-returned.png"), full_page=True)

        department.goto(report_url)
        panel = department.locator("#region-panel").inner_text()
        assert "第1次报送被退回" in panel and "单元格 t2.new.total" in panel and REASON in panel
        department.get_by_label("一、总体情况").fill(CORRECTION)
        department.get_by_role("button", name="保存正文").click()
        assert AnnualReport.objects.get().sections[0]["text"] == CORRECTION
        # The correction passes the agency's own chain again (covered in annual_reports' tests).
        approve_chain(AnnualReport.objects.get(), w.grace, (w.bob, w.carol, w.dave, w.erin))
        department.goto(report_url)
        department.get_by_role("button", name="报送大冶市人民政府办公室").click()
        assert "（第2次报送）" in department.locator(".messages").inner_text()

        office.reload()
        assert office.locator("#submission-status").inner_text() == "已报送"
        office.get_by_role("button", name="接收").click()
        assert office.locator("#submission-status").inner_text() == "已接收"
        rounds = office.locator("ol li.round")
        assert rounds.count() == 2
        assert "已退回" in rounds.nth(1).inner_text() and REASON in rounds.nth(1).inner_text()

        department.goto(report_url)
        department.get_by_role("button", name="发布").click()
        assert "已发布第1版" in department.locator(".messages").inner_text()

        office.goto(base + "/backoffice/region/")
        cell = office.locator('td[data-agency="daye-kjj"][data-year="2025"]')
        assert "已发布" in cell.inner_text()
        office.screenshot(path=str(ARTIFACTS / "region-dashboard.png"), full_page=True)
    sub = Submission.objects.get()
    assert (sub.status, sub.rounds_count) == ("accepted", 2)
    assert AnnualReport.objects.get().status == ReportStatus.PUBLISHED


@pytest.fixture
def rw(world: object) -> RegionWorld:
    from xxgk.region.testing import make_region_world

    return make_region_world(world)  # type: ignore[arg-type]
