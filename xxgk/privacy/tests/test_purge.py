"""Retention: `xxgk purge` removes applicants' personal data, the annual report stays the same."""

from __future__ import annotations

import io
from datetime import date

from django.core.management import CommandError, call_command

import pytest
import time_machine

from xxgk.annual_reports.compute import compute_report
from xxgk.applications import services as desk
from xxgk.applications.models import Application, Letter
from xxgk.applications.tests.scripting import submit
from xxgk.audit import services as audit
from xxgk.audit.models import AuditRecord
from xxgk.privacy.services import PURGED_NAME
from xxgk.privacy.tests.rawdump import raw_dump
from xxgk.privacy.tests.test_encryption import ID, PHONE, person

pytestmark = pytest.mark.django_db


def script_2020(world) -> list[Application]:
    """Cases of 2020 (closed, various outcomes) and one still open at the end of the year."""
    cases = []
    with time_machine.travel("2020-12-30 10:00 +0800", tick=False):
        for n, (kind, outcome) in enumerate(
            [
                ("natural", "disclosed"),
                ("commercial", "partial"),
                ("natural", "unavailable.not_held"),
                ("research", "disclosed"),
            ],
            start=1,
        ):
            case = submit(world.a, world.alice, date(2020, 3, 2 + n), kind=kind, n=n)
            desk.close_application(
                case, actor=world.alice, outcome=outcome, closed_on=date(2020, 3, 20)
            )
            cases.append(case)
        cases.append(
            desk.submit_application(
                agency=world.a,
                actor=world.alice,
                channel="in_person",
                received_on=date(2020, 12, 28),
                applicant=person(),
                request=desk.RequestData(title="年末申请", description="请提供有关信息"),
            )
        )
    with time_machine.travel("2021-01-08 10:00 +0800", tick=False):
        desk.close_application(
            cases[-1], actor=world.alice, outcome="disclosed", closed_on=date(2021, 1, 8)
        )
    return cases


def report_json(world, year: int) -> dict:
    return compute_report(world.a, year).report.to_json()


def purge(before: str) -> str:
    out = io.StringIO()
    call_command("purge", "--before", before, stdout=out)
    return out.getvalue()


def test_purge_keeps_the_annual_report_identical(world):
    cases = script_2020(world)
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        before_2020, before_2021 = report_json(world, 2020), report_json(world, 2021)
        assert before_2020["cells"]["t2.new.total"] == 5  # the comparison is not of empties
        assert before_2020["cells"]["t2.new.natural"] == 3
        assert purge("2021-01-01") == "已清除 4 件 2021-01-01 之前办结的申请中的个人信息。\n"
        assert report_json(world, 2020) == before_2020
        assert report_json(world, 2021) == before_2021
    purged = Application.objects.get(pk=cases[0].pk)
    assert (purged.applicant_name, purged.phone, purged.address) == (PURGED_NAME, "", "")
    assert purged.personal_data_purged_on == date(2026, 6, 1)
    assert purged.applicant_kind == "natural" and purged.outcome == "disclosed"
    organisation = Application.objects.get(pk=cases[1].pk)
    assert organisation.applicant_name == "大冶某建材有限公司2"  # not personal data
    assert "王小明1" not in raw_dump()  # the name left the letters too
    assert Letter.objects.filter(application=purged, recipient__contains="王小明").count() == 0
    # closed in 2021: kept
    kept = Application.objects.get(pk=cases[-1].pk)
    assert (kept.id_number, kept.phone) == (ID, PHONE)
    assert AuditRecord.objects.filter(action="applications.personal_data_purged").count() == 4
    assert audit.verify().ok


def test_purge_refuses_a_date_inside_the_retention_period(world):
    cases = script_2020(world)
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        with pytest.raises(CommandError) as refused:
            purge("2022-01-01")
    assert str(refused.value) == (
        "清除日期 2022-01-01 晚于保存期限允许的 2021-06-01（个人信息保存 5 年，"
        "见 XXGK_PERSONAL_DATA_RETENTION_YEARS）。"
    )
    assert Application.objects.get(pk=cases[0].pk).phone == cases[0].phone
    assert Application.objects.filter(personal_data_purged_on__isnull=False).count() == 0


def test_purge_twice_purges_nothing_more(world):
    script_2020(world)
    with time_machine.travel("2026-06-01 10:00 +0800", tick=False):
        purge("2021-01-01")
        assert purge("2021-01-01").startswith("已清除 0 件")


def test_a_bad_date_gets_a_chinese_message(world):
    with pytest.raises(CommandError, match="日期“2021-13-01”无效"):
        purge("2021-13-01")
