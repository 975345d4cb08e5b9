from __future__ import annotations

from datetime import date

from django.test import Client

import time_machine

from xxgk.annual_reports import services
from xxgk.annual_reports.reminders import report_digest_section
from xxgk.testing import PASSWORD, World


def test_it_lists_unpublished_reports_with_days_left_from_1_january(world: World) -> None:
    services.compute_draft(world.a, 2026, actor=world.grace)
    section = report_digest_section(world.government, date(2027, 1, 21))
    assert section is not None
    assert section.title == "尚未发布的年度报告（3份）"
    assert section.lines == [
        "大冶市科技局2026年度报告：草稿，截止2027年1月31日，剩余10天",
        "大冶市统计局2026年度报告：未开始，截止2027年1月31日，剩余10天",
        "大冶市人民政府2026年度报告：未开始，截止2027年3月31日，剩余69天",
    ]
    assert report_digest_section(world.b, date(2027, 2, 3)).lines == [
        "大冶市统计局2026年度报告：未开始，截止2027年1月31日，已逾期3天"
    ]


def test_it_says_nothing_before_the_year_is_over_or_after_march(world: World) -> None:
    assert report_digest_section(world.government, date(2026, 12, 31)) is None
    assert report_digest_section(world.government, date(2027, 4, 1)) is None


def test_it_shows_the_supervisor_the_reports_due_below(client: Client, world: World) -> None:
    with time_machine.travel(date(2027, 1, 5)):
        client.login(username="sam", password=PASSWORD)
        body = client.get("/backoffice/").content.decode()
    assert "年度报告：尚未发布" in body
    assert "大冶市科技局2026年度报告：未开始，截止2027年1月31日，剩余26天" in body
    assert "大冶市统计局2026年度报告" in body
