from __future__ import annotations

from datetime import date

from django.urls import reverse

import pytest
import time_machine

from xxgk.appeals.models import Appeal, AppealEvent
from xxgk.appeals.services import AppealData, record_appeal, update_appeal
from xxgk.applications import services as s
from xxgk.applications.tests.scripting import submit
from xxgk.errors import DomainError, PermissionDenied
from xxgk.testing import PASSWORD

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2025-12-31 10:00 +0800", tick=False):
        yield


@pytest.fixture
def withheld(world):
    app = submit(world.a, world.alice, date(2025, 3, 3))
    return s.close_application(
        app, actor=world.alice, outcome="withheld.process", closed_on=date(2025, 3, 20)
    )


def test_it_warns_of_review_first_for_a_direct_suit_against_withholding(world, withheld) -> None:
    appeal = record_appeal(
        agency=world.a,
        actor=world.grace,
        application=withheld,
        data=AppealData("litigation_direct", "大冶市人民法院", date(2025, 5, 6)),
    )
    assert len(appeal.warnings) == 1 and "复议前置" in appeal.warnings[0]
    review = record_appeal(
        agency=world.a,
        actor=world.grace,
        application=withheld,
        data=AppealData("reconsideration", "大冶市人民政府", date(2025, 4, 1)),
    )
    assert review.warnings == []


def test_it_records_a_decision_with_an_event(world, withheld) -> None:
    appeal = record_appeal(
        agency=world.a,
        actor=world.grace,
        application=withheld,
        data=AppealData("reconsideration", "大冶市人民政府", date(2025, 4, 1)),
    )
    update_appeal(
        appeal,
        actor=world.frank,
        data=AppealData(
            "reconsideration",
            "大冶市人民政府",
            date(2025, 4, 1),
            decided_on=date(2025, 5, 20),
            result="upheld",
        ),
    )
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == ("upheld", date(2025, 5, 20))
    assert AppealEvent.objects.filter(appeal=appeal).count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            AppealData(
                "reconsideration",
                "大冶市人民政府",
                date(2025, 4, 1),
                decided_on=date(2025, 3, 1),
                result="upheld",
            ),
            "不能早于",
        ),
        (
            AppealData("reconsideration", "大冶市人民政府", date(2025, 4, 1), result="upheld"),
            "审结日期",
        ),
        (
            AppealData(
                "reconsideration", "大冶市人民政府", date(2025, 4, 1), decided_on=date(2025, 5, 1)
            ),
            "审结结果",
        ),
        (AppealData("appeal_to_heaven", "x", date(2025, 4, 1)), "类型无效"),
        (AppealData("reconsideration", "x", date(2025, 1, 1)), "不能早于政府信息公开申请"),
    ],
)
def test_it_refuses_impossible_records(world, withheld, data, message) -> None:
    with pytest.raises(DomainError, match=message):
        record_appeal(agency=world.a, actor=world.grace, application=withheld, data=data)
    assert Appeal.objects.count() == 0


def test_it_refuses_drafters_and_the_other_agency(world, withheld) -> None:
    data = AppealData("reconsideration", "大冶市人民政府", date(2025, 4, 1))
    for user in (world.alice, world.olivia, world.sam):
        with pytest.raises(PermissionDenied):
            record_appeal(agency=world.a, actor=user, application=withheld, data=data)
    with pytest.raises(DomainError, match="不属于本机关"):
        record_appeal(agency=world.b, actor=world.olivia, application=withheld, data=data)
    assert Appeal.objects.count() == 0


def test_it_gives_404_to_the_other_agency_on_appeal_views(client, world, withheld) -> None:
    appeal = record_appeal(
        agency=world.a,
        actor=world.grace,
        application=withheld,
        data=AppealData("reconsideration", "大冶市人民政府", date(2025, 4, 1)),
    )
    assert client.login(username="olivia", password=PASSWORD)
    url = reverse("appeals:detail", args=[appeal.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"route": "reconsideration"}).status_code == 404
    assert "大冶市人民政府" not in client.get(reverse("appeals:index")).content.decode()
    client.logout()
    assert client.login(username="sam", password=PASSWORD)
    assert client.get(url).status_code == 200
    assert (
        client.post(
            url,
            {
                "route": "reconsideration",
                "body": "x",
                "filed_on": "2025-04-01",
                "result": "pending",
            },
        ).status_code
        == 404
    )
    appeal.refresh_from_db()
    assert appeal.body == "大冶市人民政府"


def test_it_records_an_appeal_from_the_form(client, world, withheld) -> None:
    assert client.login(username="grace", password=PASSWORD)
    response = client.post(
        reverse("appeals:new"),
        {
            "agency": str(world.a.pk),
            "application": withheld.case_number,
            "route": "litigation_direct",
            "body": "大冶市人民法院",
            "filed_on": "2025-05-06",
            "result": "pending",
        },
        follow=True,
    )
    assert "复议前置" in response.content.decode()
    assert Appeal.objects.get().application == withheld
