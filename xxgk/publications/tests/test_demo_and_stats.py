from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

import pytest
import time_machine

from xxgk.agencies.models import Agency
from xxgk.approvals.models import StepState
from xxgk.backoffice.demo import load_demo
from xxgk.publications import services
from xxgk.publications.models import Channel, Publication
from xxgk.publications.registers import table1_cells
from xxgk.publications.stats import publication_stats
from xxgk.publications.tests.factories import approved


def _stats_json(*args: str) -> dict:
    out = StringIO()
    call_command("stats", "publications", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_it_reproduces_the_seed_from_the_demo_loader() -> None:
    # given
    load_demo()
    load_demo()  # idempotent
    kjj = Agency.objects.get(code="daye-kjj")
    # when
    result = _stats_json("--agency", "大冶市科技局", "--year", "2019")
    # then
    assert result == {
        "total": 21,
        "by_channel": {"云上大冶": 15, "大冶市政府网": 5, "湖北政务服务网": 1},
        "by_category": {"动态信息": 8, "政策文件": 5, "基础概况": 4, "办事指南": 4},
        "late": 0,
    }
    assert _stats_json("--agency", "daye-kjj", "--year", "2019")["total"] == 21
    cells = table1_cells(kjj, 2019, "2019")
    assert cells["t1.normative.made"] == 16
    assert cells["t1.normative.published"] == 16
    assert cells["t1.normative.total_published"] == 16
    assert cells["t1.other_services.prev_items"] == 14
    assert cells["t1.other_services.change"] == -13
    assert cells["t1.other_services.decisions"] == 45
    others = {
        k: v for k, v in cells.items() if not k.startswith(("t1.normative", "t1.other_services"))
    }
    assert set(others.values()) == {0}
    # drafts in review for the demo, waiting in the reviewers' inboxes
    assert StepState.objects.filter(status="in_progress", workflow_state__agency=kjj).count() == 3
    assert Publication.objects.filter(agency=kjj, status="approved").count() == 1
    # 大冶市人民政府办公室 has a non-trivial table 1
    zfb = Agency.objects.get(code="daye-zfb")
    cells_2025 = table1_cells(zfb, 2025, "2021")
    assert cells_2025["t1.normative.issued"] == 2
    assert cells_2025["t1.normative.repealed"] == 1
    assert cells_2025["t1.normative.in_force"] == 4
    assert cells_2025["t1.licensing.decisions"] == 12
    assert cells_2025["t1.fees.amount"] == Decimal("0.12")
    assert publication_stats(zfb, 2025)["total"] == 5


# The factory's drafts are formed on 2026-11-02: publish them within the 20 working days of
# 条例 Art. 26 on a fixed date, so the test does not turn "late" as the calendar moves on.
@time_machine.travel(datetime(2026, 11, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_it_counts_a_small_dataset(world) -> None:
    channel = Channel.objects.create(agency=world.a, name="云上大冶", kind="new_media")
    first = services.publish(approved(world), actor=world.grace, channels=[channel])
    services.publish(approved(world, title="科技局机构职能"), actor=world.grace)
    approved(world, title="未发布的稿件")
    year = 2026
    assert first.published_at.date() == date(2026, 11, 5)
    assert publication_stats(world.a, year) == {
        "total": 2,
        "by_channel": {"云上大冶": 1},
        "by_category": {"动态信息": 2},
        "late": 0,
    }
    assert publication_stats(world.b, year)["total"] == 0


def test_it_flags_items_published_after_twenty_working_days(world) -> None:
    from datetime import date

    publication = services.publish(approved(world, formed_on=date(2020, 1, 2)), actor=world.grace)
    publication.refresh_from_db()
    assert publication.is_late is True
    # 19 Jan was a 调休 workday; the Spring Festival holiday ran 24 Jan – 2 Feb 2020
    assert publication.due_on == date(2020, 2, 6)
    assert publication_stats(world.a, publication.published_at.year)["late"] == 1


def test_it_refuses_an_unknown_agency_in_chinese(world) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="找不到机关") as info:
        call_command("stats", "publications", "--agency", "不存在的局", "--year", "2019")
    assert info.value.returncode == 2
