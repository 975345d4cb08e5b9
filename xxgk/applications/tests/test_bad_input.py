"""The issue's "Bad input" list: refused with a Chinese message, nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from xxgk.applications import services as s
from xxgk.applications.models import Application, ApplicationEvent, Extension, Fee, Letter
from xxgk.applications.tests.scripting import submit
from xxgk.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2025-06-30 10:00 +0800", tick=False):
        yield


def snapshot(app: Application) -> tuple:
    fresh = Application.objects.get(pk=app.pk)
    return (
        fresh.status,
        fresh.outcome,
        fresh.closed_on,
        fresh.due_date,
        fresh.amended_on,
        ApplicationEvent.objects.count(),
        Letter.objects.count(),
        Extension.objects.count(),
        Fee.objects.count(),
    )


def test_it_refuses_an_amendment_received_before_the_notice(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.request_amendment(
        app, actor=world.alice, sent_on=date(2025, 3, 5), items="文号", reply_by=date(2025, 3, 20)
    )
    before = snapshot(app)
    with pytest.raises(DomainError, match="不能早于补正告知日期"):
        s.record_amendment(app, actor=world.alice, amended_on=date(2025, 3, 1))
    assert snapshot(app) == before


def test_it_refuses_a_pause_that_ends_before_it_starts(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    c = s.start_consultation(
        app, actor=world.alice, kind="third_party", party="某公司", sent_on=date(2025, 3, 10)
    )
    before = snapshot(app)
    with pytest.raises(DomainError, match="不能早于征求意见日期"):
        s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2025, 3, 7))
    assert snapshot(app) == before
    c.refresh_from_db()
    assert c.answer == ""


def test_it_refuses_a_consultation_sent_before_receipt(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    with pytest.raises(DomainError, match="不能早于答复期限起算日"):
        s.start_consultation(
            app, actor=world.alice, kind="third_party", party="某公司", sent_on=date(2025, 3, 1)
        )
    assert snapshot(app) == before


def test_it_refuses_a_second_outcome_on_a_closed_case(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.close_application(app, actor=world.alice, outcome="partial", closed_on=date(2025, 3, 20))
    before = snapshot(app)
    with pytest.raises(DomainError, match="只能有一个办理结果"):
        s.close_application(
            app, actor=world.alice, outcome="withheld.process", closed_on=date(2025, 3, 21)
        )
    assert snapshot(app) == before
    assert Application.objects.get(pk=app.pk).outcome == "partial"


def test_it_refuses_an_extension_beyond_20_days(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    with pytest.raises(DomainError, match="1至20"):
        s.approve_extension(
            app, actor=world.frank, days=21, reason="多", approved_on=date(2025, 3, 20)
        )
    assert snapshot(app) == before


def test_it_refuses_an_extension_without_the_office_head(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    for user in (world.alice, world.grace, world.bella, world.sam):
        with pytest.raises(PermissionDenied):
            s.approve_extension(app, actor=user, days=5, reason="多", approved_on=date(2025, 3, 20))
    assert snapshot(app) == before


def test_it_refuses_an_extension_after_the_due_date(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    with pytest.raises(DomainError, match="届满"):
        s.approve_extension(
            app, actor=world.frank, days=5, reason="多", approved_on=date(2025, 4, 1)
        )
    assert snapshot(app) == before


def test_it_refuses_a_fee_on_a_case_that_is_not_eligible(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    with pytest.raises(DomainError, match="不符合收费条件"):
        s.issue_fee_notice(
            app, actor=world.alice, method="per_page", pages=100, sent_on=date(2025, 3, 5)
        )
    assert snapshot(app) == before


def test_it_refuses_a_fee_the_scale_makes_free(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.record_mass_request(app, actor=world.alice, note="大量")
    before = snapshot(app)
    with pytest.raises(DomainError, match="无需收费"):
        s.issue_fee_notice(
            app, actor=world.alice, method="per_page", pages=30, sent_on=date(2025, 3, 5)
        )
    assert snapshot(app) == before


def test_it_computes_per_request_fees_by_the_monthly_ordinal(world) -> None:
    apps = [submit(world.a, world.alice, date(2025, 3, 3), n=7) for _ in range(12)]
    last = apps[-1]
    assert Application.objects.get(pk=last.pk).volume_flag is True  # > 10 a month (default range)
    s.record_mass_request(last, actor=world.alice, note="本月第12件")
    fee = s.issue_fee_notice(
        last, actor=world.alice, method="per_request", sent_on=date(2025, 3, 5)
    )
    assert (fee.units, fee.amount) == (12, 100)
    first = apps[0]
    s.record_mass_request(first, actor=world.alice, note="大量")
    with pytest.raises(DomainError, match="无需收费"):
        s.issue_fee_notice(first, actor=world.alice, method="per_request", sent_on=date(2025, 3, 5))


def test_it_refuses_a_lapse_before_the_period_ends(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.request_amendment(
        app, actor=world.alice, sent_on=date(2025, 3, 5), items="文号", reply_by=date(2025, 3, 20)
    )
    before = snapshot(app)
    with pytest.raises(DomainError, match="期限届满后"):
        s.lapse_amendment(app, actor=world.alice, on=date(2025, 3, 20))
    assert snapshot(app) == before


def test_it_refuses_other_agency_staff_every_action(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    with pytest.raises(PermissionDenied):
        s.close_application(
            app, actor=world.charlie, outcome="disclosed", closed_on=date(2025, 3, 5)
        )
    with pytest.raises(PermissionDenied):
        s.request_amendment(
            app, actor=world.olivia, sent_on=date(2025, 3, 5), items="x", reply_by=date(2025, 3, 9)
        )
    with pytest.raises(PermissionDenied):
        s.start_consultation(
            app, actor=world.sam, kind="third_party", party="x", sent_on=date(2025, 3, 5)
        )
    assert snapshot(app) == before


def test_it_refuses_withheld_third_party_without_consultation(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    before = snapshot(app)
    with pytest.raises(DomainError, match="征求第三方意见"):
        s.close_application(
            app, actor=world.alice, outcome="withheld.third_party", closed_on=date(2025, 3, 20)
        )
    assert snapshot(app) == before


def test_it_states_review_first_for_withheld_replies_since_2024(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.close_application(
        app, actor=world.alice, outcome="withheld.process", closed_on=date(2025, 3, 20)
    )
    body = Application.objects.get(pk=app.pk).reply_letter.body
    assert "复议前置" in body and "大冶市人民政府" in body
    assert "收到您提出的政府信息公开申请" in body and "2025年3月3日" in body
