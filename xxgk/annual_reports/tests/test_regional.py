"""The 本级政府 report aggregated from the database and `xxgk report compute --aggregate`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from xxgk.accounts.models import Membership, Role, User
from xxgk.agencies.models import Agency
from xxgk.annual_reports import regional, services
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.models import AggregateExclusion, AggregateSnapshot
from xxgk.annual_reports.schema import FORMATS
from xxgk.annual_reports.tests.test_report_command import run
from xxgk.annual_reports.tests.test_report_workflow import publish, ready_report
from xxgk.errors import DomainError, PermissionDenied
from xxgk.testing import World


def _import_b(world: World, natural: int = 2) -> None:
    cells = dict.fromkeys(FORMATS["2021"].cell_codes(), 0)
    for row in ("new", "disclosed", "total"):
        cells[f"t2.{row}.natural"] = cells[f"t2.{row}.total"] = natural
    data = ReportData(
        agency=world.b.name, year=2025, format="2021", dated=date(2026, 1, 25), cells=cells
    )
    services.import_reference_report(world.b, 2025, data, actor=None, source_name="tjj.pdf")


def test_it_sums_the_government_and_its_departments_with_provenance(world: World) -> None:
    publish(world, ready_report(world))
    _import_b(world)
    result = regional.compute_aggregate(world.government, 2025)
    assert result.covers == [world.government.name, world.a.name, world.b.name]
    assert result.sources == {
        world.government.name: "records",
        world.a.name: "platform",
        world.b.name: "import",
    }
    assert result.refs == {world.a.name: "v1", world.b.name: "tjj.pdf"}
    assert result.report.cells["t2.new.total"] == 2
    assert result.provenance["t2.new.total"] == {
        world.government.name: 0,
        world.a.name: 0,
        world.b.name: 2,
    }
    for code, by_agency in result.provenance.items():
        assert sum(by_agency.values()) == result.report.cells[code], code
    codes = {f.code for f in result.findings}
    assert not {"R-T2-BALANCE", "R-T2-TOTAL", "R-T2-COLSUM", "R-T3-TOTAL"} & codes
    # Art. 50(4): section 五 carries the paragraph, still a prompt, so the rule warns.
    assert "\n工作考核、社会评议和责任追究结果情况：【请填写" in result.report.sections[4].text
    assert "R-GOV-ASSESSMENT" in codes
    assert "本报告汇总了3个单位的数据" in result.report.sections[0].text


def test_it_blocks_on_a_missing_report_until_it_is_excluded_with_a_reason(world: World) -> None:
    publish(world, ready_report(world))
    with pytest.raises(regional.AggregateBlocked) as exc:
        regional.compute_aggregate(world.government, 2025)
    assert exc.value.message == (
        "大冶市人民政府2025年度报告无法汇总：以下1个单位的报告尚未接收——大冶市统计局（未开始）。"
        "请催办并接收其报告，或写明理由将其排除在汇总范围之外。"
    )
    gov_staff = User.objects.create(username="zfb", full_name="政府办")
    Membership.objects.create(user=gov_staff, agency=world.government, role=Role.OFFICE_STAFF)
    with pytest.raises(DomainError, match="请写明排除的理由"):
        regional.exclude_from_aggregate(
            world.government, 2025, world.b, reason="无", actor=gov_staff
        )
    with pytest.raises(PermissionDenied):
        regional.exclude_from_aggregate(
            world.government, 2025, world.b, reason="机构改革撤并", actor=world.grace
        )
    assert AggregateExclusion.objects.count() == 0
    regional.exclude_from_aggregate(
        world.government, 2025, world.b, reason="机构改革撤并", actor=gov_staff
    )
    result = regional.compute_aggregate(world.government, 2025)
    assert result.covers == [world.government.name, world.a.name]
    assert [(e.agency, e.reason) for e in result.excluded] == [(world.b.name, "机构改革撤并")]
    snapshot = regional.aggregate_report(world.government, 2025, actor=gov_staff)
    assert AggregateSnapshot.objects.get() == snapshot
    assert snapshot.data["covers"] == [world.government.name, world.a.name]
    assert snapshot.data["excluded"] == [{"agency": world.b.name, "reason": "机构改革撤并"}]


def test_it_refuses_a_region_with_a_cycle_and_a_non_government(world: World) -> None:
    _import_b(world)
    publish(world, ready_report(world))
    # A corrupted tree (parent edited around Agency.save): the government reports to 科技局.
    Agency.objects.filter(pk=world.government.pk).update(parent=world.a)
    with pytest.raises(DomainError) as exc:
        regional.compute_aggregate(world.government, 2025)
    assert exc.value.message == (
        "汇总范围存在循环：大冶市人民政府 → 大冶市科技局 → 大冶市人民政府。"
        "同一单位的数字会被重复计入，请检查各单位配置的主管部门（本级政府）后再汇总。"
    )
    with pytest.raises(DomainError, match="大冶市科技局不是人民政府"):
        regional.compute_aggregate(world.a, 2025)


def test_the_cli_prints_covers_and_provenance(world: World) -> None:
    publish(world, ready_report(world))
    code, out, err = run(
        "compute", "--agency", world.government.name, "--year", "2025", "--aggregate", "--json"
    )
    assert code == 1
    assert (
        err
        == "大冶市人民政府2025年度报告无法汇总：以下1个单位的报告尚未接收——大冶市统计局（未开始）。请催办并接收其报告，或写明理由将其排除在汇总范围之外。\n"
    )
    _import_b(world, natural=3)
    code, out, err = run(
        "compute", "--agency", world.government.name, "--year", "2025", "--aggregate", "--json"
    )
    payload = json.loads(out)
    assert payload["covers"] == [world.government.name, world.a.name, world.b.name]
    assert payload["cells"]["t2.new.natural"] == 3
    assert payload["provenance"]["t2.new.natural"] == {
        world.government.name: 0,
        world.a.name: 0,
        world.b.name: 3,
    }
    assert set(payload["provenance"]) == set(FORMATS["2021"].all_codes())
    # The government's own draft still has its prompts (R-TEXT-PROMPT is not a validate rule).
    assert code == 0, err
    code, text, _ = run(
        "compute", "--agency", world.government.name, "--year", "2025", "--aggregate"
    )
    assert "汇总范围（3个单位）：大冶市人民政府、大冶市科技局、大冶市统计局" in text
    assert "  t2.new.natural = 3（大冶市统计局 3）" in text
    code, _, err = run("compute", "--agency", world.a.name, "--year", "2025", "--aggregate")
    assert (code, err) == (2, "大冶市科技局不是人民政府，只有本级政府的年度报告需要汇总。\n")


def test_the_screen_reaggregates_in_the_background_and_drills_down_to_each_agency(
    world: World, client
) -> None:
    from django.urls import reverse

    from xxgk.jobs.models import Job, JobStatus

    publish(world, ready_report(world))
    client.force_login(world.sam)  # the supervisor may read the region and re-aggregate
    url = reverse("annual_reports:aggregate", args=[world.government.pk, 2025])
    response = client.post(url, {"action": "aggregate"})
    job = Job.objects.get(kind="aggregate")
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.FAILED  # 统计局 has no report yet: the list is the reason
    assert job.error.startswith("大冶市人民政府2025年度报告无法汇总：以下1个单位的报告尚未接收")
    _import_b(world, natural=4)
    client.post(url, {"action": "aggregate"})
    job = Job.objects.filter(kind="aggregate").first()
    assert job.status == JobStatus.DONE
    assert job.result["summary"] == "已汇总3个单位的数据，排除0个单位。"
    page = client.get(url).content.decode()
    assert "汇总范围（3个单位）" in page
    assert 'data-code="t2.new.natural"' in page
    cell = client.get(
        reverse("annual_reports:aggregate_cell", args=[world.government.pk, 2025, "t2.new.natural"])
    ).content.decode()
    assert (
        '<th scope="row">大冶市统计局</th><td>4</td><td>导入的已发布报告</td><td>tjj.pdf</td>'
        in cell
    )
    assert (
        '<th scope="row">大冶市科技局</th><td>0</td><td>平台报送（已接收）</td><td>v1</td>' in cell
    )
    assert '<th scope="row">合计</th><td>4</td>' in cell
    client.force_login(world.charlie)  # 统计局's drafter cannot read the government's aggregate
    assert client.get(url).status_code == 404
