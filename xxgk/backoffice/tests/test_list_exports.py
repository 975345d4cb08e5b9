"""Every list a clerk works with downloads as XLSX: Chinese headers, the rows in scope only."""

from __future__ import annotations

import io
from datetime import date

from django.test import Client

import time_machine
from openpyxl import load_workbook

from xxgk.annual_reports import services as report_services
from xxgk.appeals import services as appeal_services
from xxgk.appeals.services import AppealData
from xxgk.applications.tests.scripting import submit
from xxgk.backoffice.spreadsheet import XLSX, neutralise
from xxgk.publications import services as publication_services
from xxgk.publications.tests.factories import approved
from xxgk.testing import World


def rows(response) -> list[list[object]]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_exports_cases_publications_appeals_and_reports(world: World, client: Client) -> None:
    case = submit(world.a, world.alice, date(2025, 3, 3), title='=HYPERLINK("http://x")')
    submit(world.b, world.charlie, date(2025, 3, 3), title="统计局的申请")
    publication_services.publish(approved(world, title="科技局信息"), actor=world.grace)
    appeal_services.record_appeal(
        agency=world.a,
        data=AppealData(
            route="reconsideration",
            body="大冶市人民政府",
            filed_on=date(2025, 3, 5),
            description="不服答复",
            case_ref="冶政复〔2025〕1号",
            decided_on=None,
            result="pending",
            review_body_co_defendant=False,
        ),
        actor=world.grace,
        application=case,
    )
    report_services.compute_draft(world.a, 2024, actor=world.grace)
    client.force_login(world.grace)

    cases = rows(client.get("/backoffice/applications/", {"status": "all", "format": "xlsx"}))
    assert cases[0] == [
        "申请编号", "机关", "所需信息", "申请人类型", "收到申请之日", "答复期限", "状态", "办结日期",
        "办理结果",
    ]  # fmt: skip
    assert [r[:3] for r in cases[1:]] == [
        [case.case_number, "大冶市科技局", '\'=HYPERLINK("http://x")']
    ]
    publications = rows(client.get("/backoffice/publications/", {"format": "xlsx"}))
    assert publications[0][:3] == ["索引号", "标题", "机关"]
    assert [r[1:3] for r in publications[1:]] == [["科技局信息", "大冶市科技局"]]
    appeals = rows(client.get("/backoffice/appeals/", {"format": "xlsx"}))
    assert appeals[1][:4] == ["大冶市科技局", "行政复议", "大冶市人民政府", "冶政复〔2025〕1号"]
    assert appeals[1][7] == case.case_number
    reports = rows(client.get("/backoffice/reports/", {"format": "xlsx"}))
    assert reports[0] == ["机关", "年度", "格式", "标题", "状态", "法定期限", "发布版本"]
    assert [r[:3] for r in reports[1:]] == [["大冶市科技局", 2024, "2021"]]


def test_it_neutralises_every_formula_start() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("科技局") == "科技局"
    assert neutralise(12) == 12
