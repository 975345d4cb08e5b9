"""Issue 12 item 1: Art. 31 — an online submission's receipt date is 双方确认之日."""

from __future__ import annotations

from datetime import date

from django.test import Client

import pytest
import time_machine

from xxgk.applications import services as s
from xxgk.applications.models import Application, ApplicationEvent, Letter
from xxgk.applications.services import RequestData
from xxgk.applications.tests.scripting import applicant
from xxgk.errors import DomainError, PermissionDenied
from xxgk.testing import PASSWORD

SUBMITTED = "2025-03-03 20:00 +0800"  # Monday evening, online
CONFIRMED = "2025-03-05 10:00 +0800"  # Wednesday: the office confirms


def online(world, n: int = 0) -> Application:
    return s.submit_application(
        agency=world.a,
        actor=None,
        channel="online",
        received_on=date(2025, 3, 3),
        applicant=applicant("natural", n),
        request=RequestData(title=f"申请事项{n}", description="请提供有关信息"),
    )


def test_it_keeps_an_online_submission_waiting_without_a_receipt_date(world) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        app = online(world)
    app.refresh_from_db()
    assert (app.status, app.received_on, app.due_date) == ("awaiting_confirmation", None, None)
    assert Letter.objects.filter(application=app).count() == 0  # no 回执 before confirmation
    status = s.public_status(app)
    assert (status["status_label"], status["received_on"], status["due_date"]) == (
        "待确认",
        None,
        None,
    )
    assert status["due_explanation"] == [
        "网上提交的申请待本机关确认；确认之日为收到申请之日，答复期限自该日起算"
        "（《条例》第三十一条：以双方确认之日为收到申请之日）。"
    ]
    html = Client().post("/track/", {"code": app.tracking_code}).content.decode()
    assert "待确认" in html


def test_it_starts_the_clock_and_sends_the_receipt_on_confirmation(world) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        app = online(world)
    with time_machine.travel(CONFIRMED, tick=False):
        app = s.confirm_application(app, actor=world.alice, confirmed_on=date(2025, 3, 5))
    app.refresh_from_db()
    assert (app.status, app.received_on) == ("received", date(2025, 3, 5))
    assert app.due_date == date(2025, 4, 2)  # 20 working days after 5 March, not after 3 March
    [receipt] = Letter.objects.filter(application=app)
    assert (receipt.kind, receipt.dated) == ("receipt", date(2025, 3, 5))
    [event] = ApplicationEvent.objects.filter(application=app, type="confirmed")
    assert (event.on, event.actor) == (date(2025, 3, 5), world.alice)


def test_it_refuses_a_bad_confirmation_and_changes_nothing(world) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        app = online(world)
    events = ApplicationEvent.objects.count()
    with time_machine.travel(CONFIRMED, tick=False):
        with pytest.raises(
            DomainError, match="确认日期（2025年3月2日）不能早于提交日期（2025年3月3日）"
        ):
            s.confirm_application(app, actor=world.alice, confirmed_on=date(2025, 3, 2))
        with pytest.raises(DomainError, match="不能晚于今天"):
            s.confirm_application(app, actor=world.alice, confirmed_on=date(2025, 3, 6))
        with pytest.raises(PermissionDenied):
            s.confirm_application(app, actor=world.charlie, confirmed_on=date(2025, 3, 5))
        app.refresh_from_db()
        assert (app.status, app.received_on, ApplicationEvent.objects.count()) == (
            "awaiting_confirmation",
            None,
            events,
        )
        s.confirm_application(app, actor=world.alice, confirmed_on=date(2025, 3, 5))
        with pytest.raises(DomainError, match="当前状态为“办理中”，不能转为“办理中”"):
            s.confirm_application(app, actor=world.alice, confirmed_on=date(2025, 3, 5))


def test_it_confirms_in_bulk_from_the_workbench_showing_the_age(world) -> None:
    with time_machine.travel(SUBMITTED, tick=False):
        first, second = online(world, 1), online(world, 2)
    client = Client()
    client.login(username="alice", password=PASSWORD)
    with time_machine.travel(CONFIRMED, tick=False):
        html = client.get("/backoffice/applications/").content.decode()
        assert "待确认的网上申请（2件）" in html
        assert html.count("<td>2天</td>") == 2
        response = client.post(
            "/backoffice/applications/confirm/",
            {"ids": [first.pk, second.pk], "confirmed_on": "2025-03-05"},
        )
    assert response.status_code == 302
    for app in (first, second):
        app.refresh_from_db()
        assert (app.status, app.received_on, app.due_date) == (
            "received",
            date(2025, 3, 5),
            date(2025, 4, 2),
        )
