"""Reporting lines (cycles refused), imports of published files, 催办, isolation of regions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from django.core import mail

import pytest

from xxgk.agencies.models import Agency, AgencyKind
from xxgk.annual_reports import services as reports
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.render import render
from xxgk.errors import DomainError, PermissionDenied
from xxgk.ingestion.read import read_report
from xxgk.region import services
from xxgk.region.models import ImportedReport, Level, RegionEvent, Reminder, ReportingLine
from xxgk.region.selectors import government_of, office_of, region_tree
from xxgk.region.testing import TZ, RegionWorld

NOW = datetime(2026, 2, 3, 9, tzinfo=TZ)


def test_an_agency_knows_its_office_and_government(rw: RegionWorld) -> None:
    assert office_of(rw.world.a) == rw.office
    assert government_of(rw.world.a) == rw.world.government
    assert office_of(rw.office) is None
    line = ReportingLine.objects.get(agency=rw.world.b)
    assert (line.kind, line.level) == ("department", "county")


def test_it_derives_kind_and_level_of_towns_and_lower_governments(rw: RegionWorld) -> None:
    town = Agency.objects.create(
        name="大冶市金湖街道办事处",
        short_name="金湖",
        code="daye-jinhu",
        kind=AgencyKind.TOWNSHIP,
        parent=rw.world.government,
    )
    line = services.set_reporting_line(town, rw.region, actor=None)
    assert (line.kind, line.level) == ("subdistrict", "township")
    city = Agency.objects.create(
        name="黄石市人民政府", short_name="黄政", code="huangshi", kind=AgencyKind.GOVERNMENT
    )
    city_office = Agency.objects.create(
        name="黄石市人民政府办公室", short_name="黄政办", code="huangshi-zfb", kind="department"
    )
    city_region = services.create_region(city, city_office, actor=None, level=Level.CITY)
    line = services.set_reporting_line(rw.world.government, city_region, actor=None)
    assert (line.kind, line.level) == ("lower_government", "county")
    assert [x.agency.name for x in region_tree(city)] == [
        "大冶市人民政府",
        "大冶市科技局",
        "大冶市统计局",
        "大冶市金湖街道办事处",
    ]


def test_it_refuses_a_cycle_in_the_reporting_tree_and_changes_nothing(rw: RegionWorld) -> None:
    # 大冶市人民政府 reports to 阳新县's region; 阳新县人民政府 may then not report to 大冶市's.
    services.set_reporting_line(rw.world.government, rw.other_region, actor=None)
    before = list(ReportingLine.objects.values_list("agency_id", "region_id"))
    with pytest.raises(DomainError) as exc:
        services.set_reporting_line(rw.other_government, rw.region, actor=None)
    assert exc.value.message == (
        "报送关系不能形成循环：“大冶市人民政府”已（直接或间接）向“阳新县人民政府”报送。"
    )
    with pytest.raises(DomainError) as exc:
        services.set_reporting_line(rw.world.government, rw.region, actor=None)
    assert exc.value.message == "“大冶市人民政府”不能向本级政府自己的主管部门报送。"
    assert list(ReportingLine.objects.values_list("agency_id", "region_id")) == before


def test_region_tree_refuses_a_cycle_entered_around_the_services(rw: RegionWorld) -> None:
    services.set_reporting_line(rw.world.government, rw.other_region, actor=None)
    # A database edit behind the services' back closes the loop.
    ReportingLine.objects.create(
        agency=rw.other_government, region=rw.region, kind="lower_government", level="county"
    )
    with pytest.raises(DomainError) as exc:
        region_tree(rw.world.government)
    assert "报送关系存在循环" in exc.value.message


def test_only_an_admin_configures_lines(rw: RegionWorld) -> None:
    with pytest.raises(PermissionDenied):
        services.set_reporting_line(rw.world.a, rw.other_region, actor=rw.world.otto)
    assert ReportingLine.objects.get(agency=rw.world.a).region == rw.region


# ---------------------------------------------------------------- imports


def _file(agency: str = "大冶市统计局", year: int = 2025, kind: str = "html") -> bytes:
    data = ReportData.from_json(
        {
            "agency": agency,
            "year": year,
            "format": "2021",
            "dated": f"{year + 1}-01-28",
            "agency_kind": "department",
            "title": f"{agency}{year}年政府信息公开工作年度报告",
            "sections": [],
            "cells": {},
        }
    )
    data = replace(data, cells=dict.fromkeys(data.cells, 0))
    return render(data, kind)


def _import(
    rw: RegionWorld, content: bytes, name: str = "tjj-2025.html", **kw: object
) -> ImportedReport:
    data = read_report(content, name)
    return services.import_published_report(
        rw.region, data, content, actor=rw.world.otto, source_name=name, now=NOW, **kw
    )


def test_it_imports_the_published_file_of_an_agency_not_on_the_platform(rw: RegionWorld) -> None:
    imported = _import(rw, _file())
    assert (imported.agency, imported.year, imported.region) == (rw.world.b, 2025, rw.region)
    assert imported.published_on == date(2026, 1, 28)
    assert imported.errors == sum(1 for f in imported.findings if f["severity"] == "error")
    assert imported.file.read(15).lower().startswith(b"<!doctype html")
    event = RegionEvent.objects.get(type="imported")
    assert (event.agency, event.actor, event.data) == (
        rw.world.b,
        rw.world.otto,
        {"source": "tjj-2025.html"},
    )


@pytest.mark.parametrize(
    ("content", "kw", "code", "message"),
    [
        (
            _file("阳新县科技局"),
            {},
            "wrong_agency",
            "文件“tjj-2025.html”中的机关“阳新县科技局”不属于大冶市人民政府的报送范围。",
        ),
        (
            _file("大冶市统计局", 2024),
            {"year": 2025},
            "wrong_year",
            "文件“tjj-2025.html”是2024年度的报告，不是2025年度的。",
        ),
    ],
)
def test_it_refuses_a_file_of_another_agency_or_year(
    rw: RegionWorld, content: bytes, kw: dict, code: str, message: str
) -> None:
    with pytest.raises(DomainError) as exc:
        _import(rw, content, **kw)
    assert (exc.value.code, exc.value.message) == (code, message)
    assert ImportedReport.objects.count() == 0


def test_it_refuses_a_file_not_of_the_agency_chosen(rw: RegionWorld) -> None:
    with pytest.raises(DomainError) as exc:
        _import(rw, _file(), agency=rw.world.a)
    assert exc.value.message == "文件“tjj-2025.html”是“大冶市统计局”的报告，不是“大冶市科技局”的。"
    assert ImportedReport.objects.count() == 0


def test_it_refuses_a_duplicate_upload_and_overwrites_nothing(rw: RegionWorld) -> None:
    first = _import(rw, _file())
    with pytest.raises(DomainError) as exc:
        _import(rw, _file(), name="again.html")
    assert exc.value.code == "duplicate"
    assert exc.value.message == (
        "重复上传：文件“again.html”已于2026-02-03导入为大冶市统计局2025年度报告。"
    )
    with pytest.raises(DomainError) as exc:
        _import(rw, _file(kind="docx"), name="tjj.docx")
    assert exc.value.message == "大冶市统计局2025年度报告已导入过另一份文件；不会覆盖。"
    assert list(ImportedReport.objects.all()) == [first]


def test_an_upload_never_overwrites_a_platform_report(rw: RegionWorld) -> None:
    reports.compute_draft(rw.world.b, 2025, actor=rw.world.olivia)
    with pytest.raises(DomainError) as exc:
        _import(rw, _file())
    assert exc.value.code == "platform_report"
    assert exc.value.message == "大冶市统计局2025年度报告已在平台上编制，导入的文件不会覆盖它。"
    assert ImportedReport.objects.count() == 0


@pytest.mark.parametrize("who", ["yann", "olivia", "sam", "grace"])
def test_only_the_regions_office_imports(rw: RegionWorld, who: str) -> None:
    content = _file()
    with pytest.raises(PermissionDenied):
        services.import_published_report(
            rw.region,
            read_report(content, "x.html"),
            content,
            actor=rw.world.users[who],
            source_name="x.html",
        )
    assert ImportedReport.objects.count() == 0


# ---------------------------------------------------------------- 催办


def test_a_reminder_is_recorded_shown_and_emailed(
    rw: RegionWorld, django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        reminder = services.send_reminder(rw.world.a, 2025, actor=rw.world.otto, now=NOW)
    assert reminder.message == (
        "请于规定期限内完成2025年度政府信息公开工作年度报告的编制、报送和发布（条例第四十九条）。"
    )
    assert reminder.emailed_to == ["kjj@daye.example.gov.cn"]
    assert mail.outbox[0].subject == "【政府信息公开】大冶市人民政府办公室催办：2025年度报告"
    assert RegionEvent.objects.get(type="reminded").agency == rw.world.a
    with pytest.raises(PermissionDenied):
        services.mark_reminder_read(reminder, actor=rw.world.olivia)
    services.mark_reminder_read(reminder, actor=rw.world.grace)
    reminder.refresh_from_db()
    assert reminder.read_by == rw.world.grace


@pytest.mark.parametrize("who", ["yann", "grace", "sam"])
def test_only_the_regions_office_sends_reminders(rw: RegionWorld, who: str) -> None:
    with pytest.raises(PermissionDenied):
        services.send_reminder(rw.world.a, 2025, actor=rw.world.users[who])
    assert Reminder.objects.count() == 0


def test_the_admin_form_refuses_a_cycle_in_chinese(rw: RegionWorld) -> None:
    from xxgk.region.admin import ReportingLineForm

    services.set_reporting_line(rw.world.government, rw.other_region, actor=None)
    form = ReportingLineForm(
        data={
            "agency": rw.other_government.pk,
            "region": rw.region.pk,
            "kind": "lower_government",
            "level": "county",
        }
    )
    assert not form.is_valid()
    assert form.non_field_errors() == [
        "报送关系不能形成循环：“大冶市人民政府”已（直接或间接）向“阳新县人民政府”报送。"
    ]


def test_an_agency_administrator_sees_no_other_regions_lines(rw: RegionWorld) -> None:
    from django.test import Client

    from xxgk.testing import PASSWORD

    client = Client()
    assert client.login(username="heidi", password=PASSWORD)
    page = client.get("/admin/region/reportingline/").content.decode()
    assert "阳新县科技局" not in page and "大冶市统计局" not in page
