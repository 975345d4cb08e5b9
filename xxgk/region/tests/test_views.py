"""The region's screens as personas: who sees which region, who may act, exports and charts."""

from __future__ import annotations

import io
from datetime import datetime

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest
import time_machine
from openpyxl import load_workbook

from xxgk.agencies.models import Agency, AgencyKind
from xxgk.annual_reports.models import AnnualReport, ReportStatus
from xxgk.region import services
from xxgk.region.models import ImportedReport, Reminder, Submission
from xxgk.region.testing import TZ, RegionWorld, approved_report
from xxgk.region.tests.test_region_services import _file
from xxgk.testing import PASSWORD

pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen() -> object:
    with time_machine.travel(datetime(2026, 1, 20, 9, tzinfo=TZ), tick=False):
        yield


def client_for(rw: RegionWorld, name: str) -> Client:
    client = Client()
    assert client.login(username=name, password=PASSWORD)
    return client


def _submitted(rw: RegionWorld) -> Submission:
    return services.submit_report(approved_report(rw.world), actor=rw.world.grace).submission


def test_the_office_sees_its_region_only(rw: RegionWorld) -> None:
    _submitted(rw)
    page = client_for(rw, "otto").get("/backoffice/region/").content.decode()
    assert "大冶市人民政府办公室：年度报告报送情况" in page
    assert "大冶市科技局" in page and "大冶市统计局" in page
    assert "阳新县科技局" not in page
    assert "待处理的报送（1）" in page
    assert 'aria-label="催办大冶市统计局"' in page
    assert "部门、乡镇（街道）报告 1月31日：剩余11天" in page
    other = client_for(rw, "yann").get("/backoffice/region/").content.decode()
    assert "阳新县科技局" in other and "大冶市科技局" not in other
    assert client_for(rw, "yann").get("/backoffice/region/?scope=daye-zfb").status_code == 404


def test_a_supervisor_sees_the_region_read_only(rw: RegionWorld) -> None:
    _submitted(rw)
    page = client_for(rw, "sam").get("/backoffice/region/").content.decode()
    assert "大冶市人民政府：年度报告报送情况" in page
    assert "大冶市科技局" in page
    assert "催办大冶市" not in page
    sub = Submission.objects.get()
    assert client_for(rw, "sam").get(f"/backoffice/region/submissions/{sub.pk}/").status_code == 200
    response = client_for(rw, "sam").post(
        f"/backoffice/region/submissions/{sub.pk}/decide/", {"decision": "accept"}
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "submitted"


def test_a_department_sees_its_own_submissions(rw: RegionWorld) -> None:
    sub = _submitted(rw)
    page = client_for(rw, "grace").get("/backoffice/region/").content.decode()
    assert "本机关年度报告报送" in page and "大冶市人民政府办公室" in page
    assert (
        client_for(rw, "grace").get(f"/backoffice/region/submissions/{sub.pk}/").status_code == 200
    )
    for outsider in ("charlie", "yann", "oscar"):
        assert (
            client_for(rw, outsider).get(f"/backoffice/region/submissions/{sub.pk}/").status_code
            == 404
        )
    assert Client().get("/backoffice/region/").status_code == 302


def test_the_office_returns_with_a_reason_on_a_cell_then_accepts(rw: RegionWorld) -> None:
    sub = _submitted(rw)
    otto = client_for(rw, "otto")
    page = otto.get(f"/backoffice/region/submissions/{sub.pk}/").content.decode()
    assert '<option value="cell:t2.new.total">' in page
    response = otto.post(
        f"/backoffice/region/submissions/{sub.pk}/decide/",
        {
            "decision": "return",
            "target": ["cell:t2.new.total", "general:", "section:1"],
            "text": ["本年新收申请数与台账不一致。", "", ""],
        },
    )
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "returned"
    reason = sub.rounds.get().reasons.get()
    assert (reason.target, reason.ref) == ("cell", "t2.new.total")
    report = AnnualReport.objects.get()
    assert report.status == ReportStatus.DRAFT
    detail = client_for(rw, "grace").get(f"/backoffice/reports/{report.pk}/").content.decode()
    assert "第1次报送被退回" in detail and "单元格 t2.new.total" in detail


def test_the_other_office_cannot_decide(rw: RegionWorld) -> None:
    sub = _submitted(rw)
    response = client_for(rw, "yann").post(
        f"/backoffice/region/submissions/{sub.pk}/decide/", {"decision": "accept"}
    )
    assert response.status_code == 404
    sub.refresh_from_db()
    assert sub.status == "submitted"


def test_the_department_submits_from_the_report_page(rw: RegionWorld) -> None:
    report = approved_report(rw.world)
    grace = client_for(rw, "grace")
    page = grace.get(f"/backoffice/reports/{report.pk}/").content.decode()
    assert "报送大冶市人民政府办公室" in page
    grace.post(f"/backoffice/region/reports/{report.pk}/submit/")
    assert Submission.objects.get().status == "submitted"
    grace.post(f"/backoffice/region/reports/{report.pk}/publish/")
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    # Another agency's staff cannot submit it (404: not visible).
    assert (
        client_for(rw, "olivia").post(f"/backoffice/region/reports/{report.pk}/submit/").status_code
        == 404
    )


def test_reminders_from_the_row(rw: RegionWorld) -> None:
    otto = client_for(rw, "otto")
    otto.post("/backoffice/region/remind/", {"agency": rw.world.b.pk, "year": 2025})
    assert Reminder.objects.get().agency == rw.world.b
    client_for(rw, "sam").post(
        "/backoffice/region/remind/", {"agency": rw.world.b.pk, "year": 2025}
    )
    assert Reminder.objects.count() == 1
    dashboard = client_for(rw, "olivia").get("/backoffice/").content.decode()
    assert (
        "催办通知" in dashboard and "大冶市人民政府办公室催办大冶市统计局2025年度报告" in dashboard
    )


def test_export_xlsx_has_every_agency_and_year(rw: RegionWorld) -> None:
    response = client_for(rw, "otto").get("/backoffice/region/export.xlsx?year=2025")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows[0][:5] == ("机关", "类别", "层级", "年度", "状态")
    assert [(r[0], r[3], r[4]) for r in rows[1:]] == [
        ("大冶市科技局", 2023, "未开始"),
        ("大冶市科技局", 2024, "未开始"),
        ("大冶市科技局", 2025, "未开始"),
        ("大冶市统计局", 2023, "未开始"),
        ("大冶市统计局", 2024, "未开始"),
        ("大冶市统计局", 2025, "未开始"),
    ]


def test_charts_are_server_side_svg(rw: RegionWorld) -> None:
    services.accept_submission(_submitted(rw), actor=rw.world.otto)
    page = client_for(rw, "otto").get("/backoffice/region/charts/?year=2025").content.decode()
    assert page.count("<svg") == 4
    assert "按时发布率" in page and "办理结果构成" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_office_uploads_files(rw: RegionWorld) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    otto = client_for(rw, "otto")
    page = otto.post(
        "/backoffice/region/import/",
        {
            "files": [
                SimpleUploadedFile("tjj.html", _file()),
                SimpleUploadedFile("x.html", _file("阳新县科技局")),
            ]
        },
    ).content.decode()
    assert "共 2 个文件：导入 1 个，未导入 1 个。" in page
    assert ImportedReport.objects.get().agency == rw.world.b
    assert client_for(rw, "grace").get("/backoffice/region/import/").status_code == 404
    assert client_for(rw, "sam").get("/backoffice/region/import/").status_code == 404


def test_the_dashboard_query_count_does_not_grow_with_agencies(rw: RegionWorld) -> None:
    otto = client_for(rw, "otto")
    otto.get("/backoffice/region/")  # warm the session and caches
    with CaptureQueriesContext(connection) as small:
        otto.get("/backoffice/region/")
    for i in range(25):
        agency = Agency.objects.create(
            name=f"大冶市第{i}局", short_name=f"冶{i}", code=f"d{i}", kind=AgencyKind.DEPARTMENT
        )
        services.set_reporting_line(agency, rw.region, actor=None)
        services.send_reminder(agency, 2025, actor=rw.world.otto)
    with CaptureQueriesContext(connection) as large:
        page = otto.get("/backoffice/region/").content.decode()
    assert "大冶市第24局" in page
    assert len(large.captured_queries) == len(small.captured_queries)
