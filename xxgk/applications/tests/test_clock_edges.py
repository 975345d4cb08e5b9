"""Issue 12 items 2, 3, 4, 6: clock edges and configurable clock rules, through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

import pytest
import time_machine

from xxgk.applications import services as s
from xxgk.applications.models import Application, ApplicationEvent, Consultation, Fee
from xxgk.applications.tests.scripting import submit
from xxgk.config import Env
from xxgk.errors import DomainError
from xxgk.lib.deadlines import ClockRules, Pause, PauseKind, compute_deadline
from xxgk.lib.fees import FeeScales
from xxgk.lib.workdays import OverrideRow
from xxgk.workcalendar.services import db_calendar, import_calendar_year

NOW = "2025-12-31 10:00 +0800"


# --- item 2: a late reply does not stretch the consultation pause ----------------------------


@time_machine.travel(NOW, tick=False)
def test_it_ends_the_consultation_pause_at_the_reply_deadline_when_the_reply_is_late(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    c = s.start_consultation(
        app, actor=world.alice, kind="third_party", party="某公司", sent_on=date(2025, 3, 5)
    )
    assert c.reply_due == date(2025, 3, 26)
    # The answer arrives on 2 April, five working days after its 15 working days ran out.
    s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2025, 4, 2))
    app.refresh_from_db()
    capped = compute_deadline(
        date(2025, 3, 3),
        pauses=[Pause(date(2025, 3, 5), date(2025, 3, 26), PauseKind.THIRD_PARTY)],
        calendar=db_calendar(),
    )
    # 4 Mar is day 1; 5–26 Mar paused; 27 Mar … with 清明 (4 Apr) off → day 20 is 23 Apr.
    assert capped.due == date(2025, 4, 23)
    assert app.due_date == date(2025, 4, 23)


# --- item 3: the fee payment period runs from the applicant's receipt -------------------------


def _fee_case(world) -> Application:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.record_mass_request(app, actor=world.alice, note="本月第40件申请")
    return app


@time_machine.travel(NOW, tick=False)
def test_it_counts_the_payment_period_from_the_notice_delivery(world) -> None:
    app = _fee_case(world)
    fee = s.issue_fee_notice(
        app, actor=world.alice, method="per_page", pages=45, sent_on=date(2025, 3, 5)
    )
    assert fee.payment_due == date(2025, 4, 2)  # estimate: 20 working days after dispatch
    assert "请于收到本通知之日起20个工作日内缴纳" in fee.letter.body
    fee = s.record_fee_notice_delivery(app, actor=world.alice, delivered_on=date(2025, 3, 10))
    # 11 Mar is day 1 … 清明 (4 Apr) off → day 20 is 8 Apr.
    assert (fee.notice_delivered_on, fee.payment_due) == (date(2025, 3, 10), date(2025, 4, 8))
    assert (
        ApplicationEvent.objects.filter(application=app, type="fee_notice_delivered").count() == 1
    )


@time_machine.travel(NOW, tick=False)
def test_it_never_lapses_a_fee_before_the_period_from_delivery_ends(world) -> None:
    app = _fee_case(world)
    fee = s.issue_fee_notice(
        app, actor=world.alice, method="per_page", pages=45, sent_on=date(2025, 3, 5)
    )
    events = ApplicationEvent.objects.count()
    # Delivery not recorded: the period has not started, so no lapse, however late.
    with pytest.raises(DomainError, match="尚未记录申请人收到收费通知的日期"):
        s.lapse_fee(app, actor=world.alice, on=date(2025, 6, 1))
    s.record_fee_notice_delivery(app, actor=world.alice, delivered_on=date(2025, 3, 10))
    # 3 April is after the period counted from dispatch (2 Apr) but inside the real one (8 Apr).
    with pytest.raises(DomainError, match="缴费期限至2025年4月8日"):
        s.lapse_fee(app, actor=world.alice, on=date(2025, 4, 3))
    with pytest.raises(DomainError, match="缴费期限至2025年4月8日"):
        s.lapse_fee(app, actor=world.alice, on=date(2025, 4, 8))
    fee.refresh_from_db()
    app.refresh_from_db()
    assert (fee.lapsed_on, app.status) == (None, "awaiting_fee")
    assert ApplicationEvent.objects.count() == events + 1  # only the delivery event
    s.lapse_fee(app, actor=world.alice, on=date(2025, 4, 9))
    app.refresh_from_db()
    assert (app.status, app.outcome) == ("closed", "other.unpaid_fee")


# --- item 4: every stored derived date follows a calendar import ------------------------------


def test_it_recomputes_side_deadlines_and_their_flags_after_an_import(world) -> None:
    with time_machine.travel("2026-12-30 10:00 +0800", tick=False):
        app = submit(world.a, world.alice, date(2026, 12, 1))
        c = s.start_consultation(
            app, actor=world.alice, kind="third_party", party="某公司", sent_on=date(2026, 12, 15)
        )
        s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2026, 12, 18))
        s.record_mass_request(app, actor=world.alice, note="本月第40件申请")
        s.issue_fee_notice(
            app, actor=world.alice, method="per_page", pages=45, sent_on=date(2026, 12, 21)
        )
        s.record_fee_notice_delivery(app, actor=world.alice, delivered_on=date(2026, 12, 22))
        c.refresh_from_db()
        fee = Fee.objects.get(application=app)
        app.refresh_from_db()
        before = (c.reply_due, fee.payment_due, app.due_date)
        assert (c.reply_due_provisional, fee.payment_due_provisional, app.due_provisional) == (
            True,
            True,
            True,
        )
        rows = [
            OverrideRow(date(2027, 1, 1), False, "holiday", "元旦"),
            OverrideRow(date(2027, 1, 4), False, "in_lieu_rest", "元旦"),
        ]
        years = import_calendar_year(2027, rows, actor=None, source="测试通知")
        assert s.recompute_open_deadlines(years, actor=None) == 1
    c = Consultation.objects.get(pk=c.pk)
    fee = Fee.objects.get(pk=fee.pk)
    app.refresh_from_db()
    # 2027 now has 1 and 4 January off: each date is counted again and is no longer 暂定.
    assert (c.reply_due, fee.payment_due, app.due_date) == (
        date(2027, 1, 7),
        date(2027, 1, 21),
        date(2027, 2, 5),
    )
    assert all(a != b for a, b in zip(before, (c.reply_due, fee.payment_due, app.due_date)))
    assert (c.reply_due_provisional, fee.payment_due_provisional, app.due_provisional) == (
        False,
        False,
        False,
    )
    [event] = ApplicationEvent.objects.filter(application=app, type="deadline_recomputed")
    assert event.data["side_deadlines"] == {
        "consultation_reply_due:某公司": "2027-01-07",
        "fee_payment_due": "2027-01-21",
    }


# --- item 6: the clock rules and fee scales are configuration --------------------------------


def test_it_reads_and_validates_the_clock_rules_at_start_up() -> None:
    env = Env({"XXGK_CLOCK_RULES": '{"reply_days": 15, "receipt_day_counts": true}'})
    assert env.parsed("XXGK_CLOCK_RULES", ClockRules.from_mapping, ClockRules()) == ClockRules(
        reply_days=15, receipt_day_counts=True
    )
    bad = {
        '{"reply_days": 0}': "配置项 XXGK_CLOCK_RULES 无效：reply_days 应为 1 至 365 之间的整数（工作日数），收到 0。",
        '{"reply_day": 20}': "配置项 XXGK_CLOCK_RULES 无效：未知的项“reply_day”；可用的项：reply_days、max_extension_days、amendment_notice_days、third_party_reply_days、fee_payment_days、publication_days、fee_pause_stops_clock、receipt_day_counts。",
        '{"fee_pause_stops_clock": "yes"}': "配置项 XXGK_CLOCK_RULES 无效：fee_pause_stops_clock 应为 true 或 false，收到 'yes'。",
        "[20]": '配置项 XXGK_CLOCK_RULES 无效：应为 JSON 对象，例如 {"reply_days": 20}。',
        "{": "配置项 XXGK_CLOCK_RULES 不是有效的 JSON。",
    }
    for raw, message in bad.items():
        with pytest.raises(ImproperlyConfigured) as caught:
            Env({"XXGK_CLOCK_RULES": raw}).parsed(
                "XXGK_CLOCK_RULES", ClockRules.from_mapping, ClockRules()
            )
        assert str(caught.value) == message


def test_it_reads_and_validates_the_fee_scales_at_start_up() -> None:
    raw = '{"per_page": {"bands": [[50, 0]], "tail_rate": 5}}'
    scales = Env({"XXGK_FEE_SCALES": raw}).parsed(
        "XXGK_FEE_SCALES", FeeScales.from_mapping, FeeScales()
    )
    assert scales.per_page.total(60) == Decimal(50)
    assert scales.per_request == FeeScales().per_request
    with pytest.raises(ImproperlyConfigured) as caught:
        Env({"XXGK_FEE_SCALES": '{"per_page": {"bands": [[50, -1]], "tail_rate": 5}}'}).parsed(
            "XXGK_FEE_SCALES", FeeScales.from_mapping, FeeScales()
        )
    assert (
        str(caught.value) == "配置项 XXGK_FEE_SCALES 无效：per_page 第50档单价不能为负数，收到 -1。"
    )


@time_machine.travel(NOW, tick=False)
def test_it_uses_the_configured_clock_rules_in_the_case_desk(world) -> None:
    assert submit(world.a, world.alice, date(2025, 3, 3)).due_date == date(2025, 3, 31)
    with override_settings(XXGK_CLOCK_RULES=ClockRules(reply_days=15)):
        assert submit(world.a, world.alice, date(2025, 3, 3), n=1).due_date == date(2025, 3, 24)
    with override_settings(XXGK_CLOCK_RULES=ClockRules(receipt_day_counts=True)):
        app = submit(world.a, world.alice, date(2025, 3, 3), n=2)
        assert app.due_date == date(2025, 3, 28)  # Monday 3 March is itself day 1
        assert "按本系统配置计入期限" in app.clock_steps[0]["text"]
    with override_settings(XXGK_CLOCK_RULES=ClockRules(max_extension_days=10)):
        app = submit(world.a, world.alice, date(2025, 3, 3), n=3)
        with pytest.raises(DomainError, match="1至10之间"):
            s.approve_extension(
                app, actor=world.frank, days=15, reason="多", approved_on=date(2025, 3, 10)
            )


@time_machine.travel(NOW, tick=False)
def test_it_uses_the_configured_fee_scales_in_the_case_desk(world) -> None:
    scales = FeeScales.from_mapping({"per_page": {"bands": [[10, 0]], "tail_rate": 1}})
    with override_settings(XXGK_FEE_SCALES=scales):
        app = _fee_case(world)
        fee = s.issue_fee_notice(
            app, actor=world.alice, method="per_page", pages=45, sent_on=date(2025, 3, 5)
        )
    assert fee.amount == Decimal(35)  # 109号 default would be 150
