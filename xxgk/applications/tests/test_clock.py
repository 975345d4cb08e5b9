"""Hand-computed due dates through the services (official 2025 calendar with 调休)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

import time_machine

from xxgk.applications import services as s
from xxgk.applications.models import ApplicationEvent
from xxgk.applications.tests.scripting import submit
from xxgk.workcalendar.models import CalendarDay, CalendarYear

NOW = "2025-12-31 10:00 +0800"


@time_machine.travel(NOW, tick=False)
def test_it_counts_around_the_national_day_with_makeup_workdays(world) -> None:
    # received Fri 26 Sep; Sun 28 Sep and Sat 11 Oct are 调休 workdays; 1–8 Oct off
    app = submit(world.a, world.alice, date(2025, 9, 26))
    assert app.due_date == date(2025, 10, 30)


@time_machine.travel(NOW, tick=False)
def test_it_counts_around_the_spring_festival(world) -> None:
    # received Fri 24 Jan; Sun 26 Jan and Sat 8 Feb are 调休 workdays; 28 Jan–4 Feb off
    app = submit(world.a, world.alice, date(2025, 1, 24))
    assert app.due_date == date(2025, 2, 27)
    assert any("春节" in step["text"] for step in app.clock_steps)


@time_machine.travel(NOW, tick=False)
def test_it_restarts_the_count_from_the_amended_application(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    amendment = s.request_amendment(
        app,
        actor=world.alice,
        sent_on=date(2025, 3, 13),
        items="请写明文号",
        reply_by=date(2025, 3, 28),
    )
    assert amendment.notice_due == date(2025, 3, 12)
    assert amendment.late is True  # sent on the 8th working day
    app.refresh_from_db()
    assert app.due_date is None and app.status == "awaiting_amendment"
    s.record_amendment(app, actor=world.alice, amended_on=date(2025, 3, 17))
    app.refresh_from_db()
    assert app.due_date == date(2025, 4, 15)  # 清明 4 Apr not counted


@time_machine.travel(NOW, tick=False)
def test_it_pauses_for_a_consultation_and_extends_after_the_original_due_date(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    assert app.due_date == date(2025, 3, 31)
    c = s.start_consultation(
        app, actor=world.alice, kind="third_party", party="某公司", sent_on=date(2025, 3, 5)
    )
    assert c.reply_due == date(2025, 3, 26)
    s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2025, 3, 12))
    app.refresh_from_db()
    assert app.due_date == date(2025, 4, 9)  # 6 working days 5–12 Mar not counted
    s.approve_extension(
        app, actor=world.frank, days=10, reason="数量较多", approved_on=date(2025, 4, 8)
    )
    app.refresh_from_db()
    assert app.due_date == date(2025, 4, 23)
    assert [step["kind"] for step in app.clock_steps][:4] == [
        "receipt",
        "pause",
        "due",
        "extension",
    ]


def test_it_recomputes_open_cases_when_a_missing_year_is_loaded(world) -> None:
    with time_machine.travel("2026-12-21 10:00 +0800", tick=False):
        app = submit(world.a, world.alice, date(2026, 12, 18))
        assert app.due_provisional is True
        # 元旦 2027 (Fri 1 Jan) is already a rest day while 2027 is provisional (issue 12 item 5).
        assert app.due_date == date(2027, 1, 18)
        CalendarYear.objects.create(year=2027, loaded_at=timezone.now(), source="test")
        CalendarDay.objects.create(
            date=date(2027, 1, 1), is_workday=False, kind="holiday", note="元旦"
        )
        changed = s.recompute_open_deadlines([2027], actor=None)
    app.refresh_from_db()
    assert changed == 1
    assert app.due_provisional is False
    assert app.due_date == date(2027, 1, 18)
    assert ApplicationEvent.objects.filter(application=app, type="deadline_recomputed").count() == 1
