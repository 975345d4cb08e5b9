"""A report's lateness is judged by its own dates, not by today's (issue 10 item 13)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from xxgk.annual_reports import services
from xxgk.annual_reports.tests.test_report_workflow import publish, ready_report
from xxgk.testing import World

TZ = ZoneInfo("Asia/Shanghai")


def test_a_report_published_on_time_stays_on_time_years_later(world: World) -> None:
    report = publish(world, ready_report(world))
    first = report.versions.get()
    late_today = datetime(first.dated.year + 3, 6, 1, 10, tzinfo=TZ)

    with time_machine.travel(late_today, tick=False):
        codes = {f.code for f in services.check_report(report)}
        services.start_correction(report, actor=world.grace, note="更正第五部分的表述。")
        during_correction = {f.code for f in services.check_report(report)}

    assert first.dated <= date(first.dated.year, 1, 31)
    assert "R-DATE-LATE" not in codes
    assert "R-DATE-LATE" not in during_correction


def test_an_unpublished_report_is_judged_by_today(world: World) -> None:
    report = ready_report(world)

    with time_machine.travel(datetime(2026, 2, 2, 10, tzinfo=TZ), tick=False):
        late = [f for f in services.check_report(report) if f.code == "R-DATE-LATE"]

    assert [(f.severity, f.where) for f in late] == [("warning", "落款日期")]


def test_reviewers_preview_the_submitted_revision_as_html_and_pdf(world: World, client) -> None:
    from xxgk.documents.glyphs import pdf_text

    report = ready_report(world)
    services.submit_report(report, actor=world.grace, now=datetime(2026, 1, 10, 10, tzinfo=TZ))
    client.force_login(world.bob)

    with time_machine.travel(datetime(2026, 1, 12, 10, tzinfo=TZ), tick=False):
        page = client.get(f"/backoffice/reports/{report.pk}/").content.decode()
        html = client.get(f"/backoffice/reports/{report.pk}/preview.html")
        pdf = client.get(f"/backoffice/reports/{report.pk}/preview.pdf")

    assert f'href="/backoffice/reports/{report.pk}/preview.pdf"' in page
    assert html.status_code == 200
    assert "<h1>大冶市科技局2025年政府信息公开工作年度报告</h1>" in html.content.decode()
    assert "2026年1月12日" in html.content.decode()
    assert pdf["Content-Type"] == "application/pdf"
    assert "大冶市科技局2025年政府信息公开工作年度报告" in pdf_text(pdf.content).replace("\n", "")
    client.force_login(world.charlie)  # agency B sees nothing
    assert client.get(f"/backoffice/reports/{report.pk}/preview.pdf").status_code == 404
