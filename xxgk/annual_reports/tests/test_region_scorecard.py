"""Score cards from the database: published reports, imported ones, none; the job and screens."""

from __future__ import annotations

import io
from datetime import date

from django.test import Client
from django.urls import reverse

from docx import Document
from openpyxl import load_workbook

from xxgk.annual_reports import services
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.scoring import region_scorecard
from xxgk.annual_reports.tests.test_report_workflow import publish, ready_report
from xxgk.jobs.models import Job, JobStatus
from xxgk.testing import World


def test_it_scores_published_imported_and_missing_reports_with_reasons(world: World) -> None:
    publish(world, ready_report(world))  # 大冶市科技局: published on the platform 2026-01-20
    imported = ReportData(agency=world.b.name, year=2025, format="2019", dated=date(2026, 2, 10))
    services.import_reference_report(
        world.b, 2025, imported, actor=None, source_name="tjj-2025.pdf"
    )
    cards = region_scorecard([world.government, world.a, world.b], 2025)
    by_agency = {c.agency: c for c in cards}
    a, b, gov = by_agency[world.a.name], by_agency[world.b.name], by_agency[world.government.name]
    assert [c.agency for c in cards] == [world.a.name, world.b.name, world.government.name]
    assert [c.rank for c in cards] == [1, 2, 3]
    assert {r.code: r.passed for r in a.indicators}["on_time"] is True
    assert {r.code: r.passed for r in a.indicators}["in_column"] is True
    b_results = {r.code: (r.passed, r.reason) for r in b.indicators}
    assert b_results["on_time"] == (
        False,
        "2026年2月10日发布，晚于法定期限2026年1月31日（逾期10天）",
    )
    assert b_results["format_version"][0] is False
    assert b_results["in_column"] == (False, "未在政府信息公开年报栏目发布")
    assert gov.score == 0
    assert gov.failed[0].reason == "2025年度报告未发布（法定期限2026年3月31日）"


def test_it_runs_the_score_card_as_a_job_and_exports_it(world: World, client: Client) -> None:
    publish(world, ready_report(world))
    client.force_login(world.sam)  # the supervisor above both agencies
    response = client.post(
        reverse("annual_reports:scorecard"), {"agency": world.government.pk, "year": 2025}
    )
    job = Job.objects.get(kind="scorecard")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.DONE
    assert (job.done, job.total) == (3, 3)
    assert job.result["summary"].startswith(f"已对3个单位评分。前三名：1. {world.a.name}")
    page = client.get(reverse("annual_reports:scorecard_result", args=[job.pk]))
    html = page.content.decode()
    assert "2025年度报告未发布（法定期限2026年3月31日）" in html
    xlsx = client.get(reverse("annual_reports:scorecard_export", args=[job.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(xlsx.content))["排名"].iter_rows(values_only=True))
    assert rows[2][:2] == (1, world.a.name)
    docx = client.get(reverse("annual_reports:scorecard_export", args=[job.pk, "docx"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert f"{world.government.name}对本地区3家单位2025年度" in text
    client.force_login(world.charlie)  # agency B's drafter sees neither the job nor its exports
    assert client.get(reverse("annual_reports:scorecard_result", args=[job.pk])).status_code == 404


def test_the_scorecard_cli_prints_json_and_writes_xlsx(world: World, tmp_path) -> None:
    import json
    from io import StringIO

    from xxgk.annual_reports.cli import scorecard as cli

    publish(world, ready_report(world))
    out, err = StringIO(), StringIO()
    target = tmp_path / "rank.xlsx"
    code = cli.handle(
        {"agency": world.government.name, "year": 2025, "json": True, "xlsx": str(target)},
        out,
        err,
    )
    assert (code, err.getvalue()) == (0, "")
    rows = json.loads(out.getvalue())
    assert [(r["agency"], r["rank"]) for r in rows] == [
        (world.a.name, 1),
        (world.government.name, 2),  # both 0 points: a shared rank, listed by name
        (world.b.name, 2),
    ]
    assert rows[0]["indicators"][0] == {
        "code": "on_time",
        "label": "按时发布",
        "weight": 15,
        "passed": True,
        "reason": "2026年1月20日发布，未超过法定期限2026年1月31日",
    }
    assert set(rows[1]) == {"agency", "year", "score", "rank", "indicators"}
    assert rows[1]["score"] == 0.0
    sheet = load_workbook(target)["排名"]
    assert sheet.cell(3, 2).value == world.a.name
    code = cli.handle({"agency": "不存在的机关", "year": 2025}, out, err)
    assert code == 2
    assert err.getvalue() == "找不到机关“不存在的机关”。请使用机关全称或网址代码（如 daye-kjj）。\n"
