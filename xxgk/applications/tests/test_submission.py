from __future__ import annotations

from datetime import date

import pytest
import time_machine

from xxgk.applications.models import Application, ApplicationEvent, Letter, NumberCounter
from xxgk.applications.services import (
    ApplicantData,
    RequestData,
    public_status,
    submit_application,
)
from xxgk.errors import DomainError, PermissionDenied

APPLICANT = ApplicantData(
    kind="natural",
    name="王小明",
    id_type="resident_id",
    id_number="420281199001011237",
    phone="13800000000",
    email="wxm@example.com",
    address="湖北省大冶市某路1号",
    postcode="435100",
)
REQUEST = RequestData(
    title="2024年科技项目资金分配表", description="请提供2024年科技项目资金分配表"
)


def submit(world, **kw):
    args = {
        "agency": world.a,
        "actor": world.alice,
        "channel": "in_person",
        "received_on": date(2025, 3, 3),
        "applicant": APPLICANT,
        "request": REQUEST,
    }
    args.update(kw)
    return submit_application(**args)


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_numbers_cases_per_agency_and_year(world) -> None:
    first = submit(world)
    second = submit(world)
    other = submit(world, agency=world.b, actor=world.charlie)
    assert first.case_number == "冶科依申〔2025〕第1号"
    assert second.case_number == "冶科依申〔2025〕第2号"
    assert other.case_number == "冶统依申〔2025〕第1号"
    assert len(first.tracking_code) == 16 and first.tracking_code != second.tracking_code
    # 20th working day after Monday 2025-03-03 (no holiday in between)
    assert first.due_date == date(2025, 3, 31)
    assert first.letters.get().number == "冶科依告〔2025〕1号"


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_returns_the_same_case_for_the_same_idempotency_key(world) -> None:
    first = submit(world, actor=None, channel="online", idempotency_key="k-1")
    again = submit(world, actor=None, channel="online", idempotency_key="k-1")
    assert again.pk == first.pk
    assert Application.objects.count() == 1
    assert ApplicationEvent.objects.count() == 1


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_refuses_intake_by_other_agency_staff_and_changes_nothing(world) -> None:
    with pytest.raises(PermissionDenied):
        submit(world, actor=world.charlie)
    with pytest.raises(PermissionDenied):
        submit(world, actor=world.sam)
    assert Application.objects.count() == 0
    assert NumberCounter.objects.count() == 0
    assert Letter.objects.count() == 0


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"received_on": date(2025, 3, 11)}, "不能晚于今天"),
        ({"channel": "pigeon"}, "申请方式无效"),
        ({"applicant": ApplicantData(kind="natural", name="甲", phone="")}, "联系方式"),
        ({"applicant": ApplicantData(kind="alien", name="甲", phone="1")}, "申请人类型无效"),
        (
            {
                "applicant": ApplicantData(
                    kind="natural",
                    name="甲",
                    phone="1",
                    id_type="resident_id",
                    id_number="420281199001011234",
                )
            },
            "校验位",
        ),
        ({"request": RequestData(title="", description="")}, "所需信息"),
    ],
)
def test_it_refuses_bad_input_in_chinese(world, change, message) -> None:
    with pytest.raises(DomainError, match=message):
        submit(world, **change)
    assert Application.objects.count() == 0


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_refuses_a_public_submission_on_a_staff_channel(world) -> None:
    with pytest.raises(DomainError, match="网上"):
        submit(world, actor=None, channel="in_person")


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_shows_the_public_no_personal_data(world) -> None:
    application = submit(world)
    status = public_status(application)
    text = repr(status)
    assert status["status_label"] == "办理中"
    assert status["due_date"] == "2025-03-31"
    assert status["letters"][0]["title"] == "政府信息公开申请接收回执"
    for secret in ("420281199001011237", "13800000000", "wxm@example.com", "某路"):
        assert secret not in text
