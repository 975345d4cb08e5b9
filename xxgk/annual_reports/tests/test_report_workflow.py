"""The annual report from the records: compute, edit, check, review, freeze, publish, correct."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import Client

import pytest

from xxgk.annual_reports import services
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.models import AnnualReport, AnnualReportVersion, ReportStatus
from xxgk.errors import DomainError, PermissionDenied
from xxgk.testing import PASSWORD, World

TZ = ZoneInfo("Asia/Shanghai")
PUBLISHED_AT = datetime(2026, 1, 20, 10, tzinfo=TZ)

PROBLEMS = "一是主动公开信息的发布时效有待提高，二是依申请答复文书说理不足。下一步将建立时限提醒并开展文书培训。"
OTHER = "本年度未收取信息处理费，按要求公开了人大代表建议和政协提案办理结果，无其他需要报告的事项。"


def ready_report(world: World, year: int = 2025) -> AnnualReport:
    report = services.compute_draft(world.a, year, actor=world.grace)
    texts = [s["text"] for s in report.sections]
    texts[4], texts[5] = PROBLEMS, OTHER
    return services.edit_sections(report, texts, actor=world.grace)


def publish(world: World, report: AnnualReport) -> AnnualReport:
    services.submit_report(report, actor=world.grace, now=PUBLISHED_AT)
    for reviewer in (world.bob, world.carol, world.dave, world.erin):
        services.approve_report_step(report, actor=reviewer, now=PUBLISHED_AT)
    report.refresh_from_db()
    return report


def test_it_computes_a_draft_with_every_cell_from_the_records(world: World) -> None:
    report = services.compute_draft(world.a, 2025, actor=world.grace)
    assert report.format == "2021"
    assert report.status == ReportStatus.DRAFT
    data = report.to_report_data()
    assert len(data.cells) == 207  # 200 printed cells + 7 derived t2.other.*
    assert set(data.cells.values()) == {0}
    assert [s.heading for s in data.sections][0] == "一、总体情况"
    assert services.compute_draft(world.a, 2019, actor=world.grace).format == "2019"


def test_it_refuses_computing_for_another_agency_and_changes_nothing(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.compute_draft(world.a, 2025, actor=world.charlie)
    with pytest.raises(PermissionDenied):
        services.compute_draft(world.a, 2025, actor=world.sam)  # supervisors only read
    assert AnnualReport.objects.count() == 0


def test_it_blocks_submission_while_prompts_are_left_in(world: World) -> None:
    report = services.compute_draft(world.a, 2025, actor=world.grace)
    with pytest.raises(DomainError) as exc:
        services.submit_report(report, actor=world.grace, now=PUBLISHED_AT)
    assert exc.value.code == "report_errors"
    assert "R-TEXT-PROMPT" in exc.value.message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.revisions.count() == 0


def test_it_publishes_a_frozen_dated_version_after_the_whole_chain(world: World) -> None:
    report = publish(world, ready_report(world))
    assert report.status == ReportStatus.PUBLISHED
    version = report.current_version
    assert version is not None and version.number == 1
    assert version.dated.isoformat() == "2026-01-20"
    data = version.to_report_data()
    assert data.dated.isoformat() == "2026-01-20"
    assert data.sections[4].text == PROBLEMS
    assert version.html.startswith("<!DOCTYPE html>")
    assert version.pdf.read(4) == b"%PDF"
    assert version.docx.read(2) == b"PK" and version.xlsx.read(2) == b"PK"
    from xxgk.annual_reports.rules import validate

    assert [f for f in validate(data) if f.severity == "error"] == []


def test_it_refuses_self_approval_and_the_wrong_step(world: World) -> None:
    report = ready_report(world)
    services.submit_report(report, actor=world.grace, now=PUBLISHED_AT)
    with pytest.raises(PermissionDenied):
        services.approve_report_step(report, actor=world.dave)  # 分管 before 科室 and 保密
    with pytest.raises(PermissionDenied):
        services.approve_report_step(report, actor=world.charlie)
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_REVIEW
    assert AnnualReportVersion.objects.count() == 0


def test_it_returns_a_rejected_report_to_draft_with_the_comment(world: World) -> None:
    report = ready_report(world)
    services.submit_report(report, actor=world.grace, now=PUBLISHED_AT)
    with pytest.raises(DomainError, match="^退回修改必须填写意见。$"):
        services.reject_report_step(report, actor=world.bob, comment=" ")
    services.reject_report_step(report, actor=world.bob, comment="第五部分请写具体措施。")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert (
        report.events.filter(type="step_rejected").get().data["comment"] == "第五部分请写具体措施。"
    )


def test_it_versions_a_correction_and_keeps_the_old_version(world: World) -> None:
    report = publish(world, ready_report(world))
    with pytest.raises(
        DomainError, match="^请写明更正的原因和内容（至少4个字），它将随新版本公开。$"
    ):
        services.start_correction(report, actor=world.grace, note="")
    services.start_correction(report, actor=world.grace, note="更正第五部分的表述。")
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert report.current_version.number == 1  # still online until replaced
    texts = [s["text"] for s in report.sections]
    texts[4] = PROBLEMS + "另将加强培训。"
    services.edit_sections(report, texts, actor=world.grace)
    report = publish(world, report)
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]
    assert report.current_version.number == 2
    assert report.current_version.correction_note == "更正第五部分的表述。"
    assert report.versions.get(number=1).to_report_data().sections[4].text == PROBLEMS


def test_it_requires_a_justification_for_each_warning(world: World) -> None:
    report = ready_report(world, year=2019)
    # The 2021 format for a 2019 report → R-FORMAT-VERSION warning.
    services.compute_draft(world.a, 2019, actor=world.grace, format="2021")
    report.refresh_from_db()
    on = datetime(2020, 1, 10, tzinfo=TZ)
    warnings = [
        f for f in services.check_report(report, dated=on.date()) if f.severity == "warning"
    ]
    assert {f.code for f in warnings} == {"R-FORMAT-VERSION"}
    with pytest.raises(DomainError) as exc:
        services.submit_report(report, actor=world.grace, now=datetime(2020, 1, 10, tzinfo=TZ))
    assert exc.value.code == "unjustified_warnings"
    for finding in warnings:
        services.justify_warning(
            report, services.finding_key(finding), "经主管部门同意试用新格式。", actor=world.grace
        )
    revision = services.submit_report(
        report, actor=world.grace, now=datetime(2020, 1, 10, tzinfo=TZ)
    )
    assert (
        revision.justifications[services.finding_key(warnings[0])] == "经主管部门同意试用新格式。"
    )


def import_last_year_carrying_three(world: World) -> None:
    """Last year's report, published outside xxgk, carried 3 cases into this year."""
    last = ReportData(
        agency=world.a.name,
        year=2024,
        format="2021",
        cells={"t2.carried_out.natural": 3, "t2.carried_out.total": 3},
    )
    services.import_reference_report(
        world.a, 2024, last, actor=world.grace, source_name="2024.html"
    )


def test_it_checks_the_carry_over_against_last_years_imported_report(world: World) -> None:
    import_last_year_carrying_three(world)
    report = ready_report(world)
    codes = {f.code for f in services.check_report(report) if f.severity == "error"}
    assert codes == {"R-CROSS-YEAR-CARRY"}
    with pytest.raises(
        DomainError, match="^报告存在错误，不能提交审核：R\\-CROSS\\-YEAR\\-CARRY 表二 二、上年结转"
    ):
        services.submit_report(report, actor=world.grace, now=PUBLISHED_AT)


def test_it_shows_reports_only_inside_the_agency_and_to_supervisors(
    client: Client, world: World
) -> None:
    report = publish(world, ready_report(world))
    for name, status in (("grace", 200), ("sam", 200), ("charlie", 404), ("olivia", 404)):
        client.login(username=name, password=PASSWORD)
        assert client.get(f"/backoffice/reports/{report.pk}/").status_code == status, name
        assert client.get(f"/backoffice/reports/{report.pk}/v1.pdf").status_code == status, name
        client.logout()


def test_it_refuses_a_supervisor_action_through_the_view(client: Client, world: World) -> None:
    report = ready_report(world)
    client.login(username="sam", password=PASSWORD)
    response = client.post(f"/backoffice/reports/{report.pk}/submit/", follow=True)
    assert "没有此项操作的权限" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_it_publishes_in_the_public_reports_column_with_old_versions_readable(
    client: Client, world: World
) -> None:
    report = ready_report(world)
    assert client.get("/daye-kjj/reports/2025/").status_code == 404  # a draft is not public
    report = publish(world, report)
    listing = client.get("/daye-kjj/reports/").content.decode()
    assert "大冶市科技局2025年政府信息公开工作年度报告" in listing
    assert "/daye-kjj/reports/2025/" in listing
    services.start_correction(report, actor=world.grace, note="更正第五部分的表述。")
    texts = [s["text"] for s in report.sections]
    texts[4] = PROBLEMS + "另将加强培训。"
    services.edit_sections(report, texts, actor=world.grace)
    publish(world, report)
    page = client.get("/daye-kjj/reports/2025/").content.decode()
    assert "第2版" in page and "更正第五部分的表述。" in page and "第1版" in page
    old = client.get("/daye-kjj/reports/2025/v1.html").content.decode()
    assert PROBLEMS + "另将加强培训。" not in old and PROBLEMS in old
    new = client.get("/daye-kjj/reports/2025/v2.html").content.decode()
    assert PROBLEMS + "另将加强培训。" in new
    assert client.get("/daye-kjj/reports/2025/v2.pdf")["Content-Type"] == "application/pdf"
    assert client.get("/daye-kjj/reports/2025/v3.html").status_code == 404
    assert client.get("/daye-tjj/reports/2025/").status_code == 404


def test_it_imports_last_years_published_report_through_the_screen(
    client: Client, world: World
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xxgk.annual_reports.models import ReferenceReport
    from xxgk.annual_reports.render import render

    last = ReportData(agency=world.a.name, year=2024, format="2021")
    upload = SimpleUploadedFile("2024年报.html", render(last, "html"), content_type="text/html")
    client.login(username="grace", password=PASSWORD)
    response = client.post(
        "/backoffice/reports/reference/", {"agency": world.a.pk, "year": 2024, "file": upload}
    )
    assert response.status_code == 302
    reference = ReferenceReport.objects.get(agency=world.a, year=2024)
    assert reference.source_name == "2024年报.html"
    assert services.previous_report(world.a, 2025) == last
    garbage = SimpleUploadedFile("x.pdf", b"\x00\x01garbage", content_type="application/pdf")
    body = client.post(
        "/backoffice/reports/reference/", {"agency": world.a.pk, "year": 2023, "file": garbage}
    ).content.decode()
    assert "无法读取PDF文件" in body
    assert not ReferenceReport.objects.filter(year=2023).exists()


def test_it_uses_agency_kinds_that_are_the_reports_agency_kinds() -> None:
    # compute.py and models.py pass Agency.kind straight into ReportData.agency_kind.
    from xxgk.agencies.models import AgencyKind
    from xxgk.annual_reports.data import AGENCY_KINDS

    assert set(AgencyKind.values) == set(AGENCY_KINDS)


def test_it_names_the_case_behind_each_data_problem(world: World) -> None:
    from datetime import date

    from xxgk.annual_reports.compute import DataProblemsError, compute_report
    from xxgk.applications.models import Application

    Application.objects.create(
        agency=world.a,
        case_number="冶科依申〔2025〕第9号",
        tracking_code="problemcase0001",
        channel="online",
        received_on=date(2025, 5, 10),
        applicant_kind="natural",
        applicant_name="x",
        applicant_key="k",
        information_title="t",
        description="d",
        status="closed",
        outcome="disclosed",
        closed_on=date(2025, 5, 2),
    )
    with pytest.raises(DataProblemsError) as exc:
        compute_report(world.a, 2025)
    assert [(p.label, p.message) for p in exc.value.problems] == [
        ("冶科依申〔2025〕第9号", "答复日期早于收到申请之日")
    ]
    assert AnnualReport.objects.count() == 0


def test_it_names_each_finding_in_chinese_with_the_code_in_small_type(
    client: Client, world: World
) -> None:
    import_last_year_carrying_three(world)
    report = ready_report(world)
    client.force_login(world.grace)

    html = client.get(f"/backoffice/reports/{report.pk}/").content.decode()

    assert (
        "<td>本年“上年结转”≠ 上一年度报告“结转下年度继续办理”（每列） "
        '<small class="code"><code>R-CROSS-YEAR-CARRY</code></small></td>'
    ) in html
