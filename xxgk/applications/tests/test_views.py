from __future__ import annotations

from datetime import date

from django.urls import reverse

import pytest
import time_machine

from xxgk.applications.models import Application, Status
from xxgk.applications.services import ApplicantData, RequestData, submit_application
from xxgk.testing import PASSWORD

pytestmark = pytest.mark.django_db

APPLICANT = ApplicantData(
    kind="natural",
    name="李四",
    id_type="resident_id",
    id_number="420281199001011237",
    phone="13912345678",
    email="lisi@example.com",
    address="湖北省大冶市罗桥街道1号",
)


@pytest.fixture
def case(world):
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        return submit_application(
            agency=world.a,
            actor=world.alice,
            channel="in_person",
            received_on=date(2025, 3, 3),
            applicant=APPLICANT,
            request=RequestData(title="科技项目清单", description="2024年科技项目清单"),
        )


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def case_urls(case) -> list[str]:
    letter = case.letters.get()
    return [
        reverse("applications:detail", args=[case.pk]),
        reverse("applications:letter", args=[case.pk, letter.pk, "pdf"]),
        reverse("applications:letter", args=[case.pk, letter.pk, "docx"]),
    ]


def test_it_gives_404_to_the_other_agency_on_every_case_view(client, world, case) -> None:
    login(client, world.charlie)
    for url in case_urls(case):
        assert client.get(url).status_code == 404, url
    for name in ("close", "amendment", "consult", "extension", "fee"):
        url = reverse("applications:act", args=[case.pk, name])
        assert client.post(url, {}).status_code == 404, url
    assert client.post(reverse("applications:upload", args=[case.pk]), {}).status_code == 404
    assert client.get(reverse("applications:templates", args=[world.a.code])).status_code == 404
    assert client.get(reverse("applications:tables", args=[world.a.code])).status_code == 404
    assert case.case_number not in client.get(reverse("applications:index")).content.decode()
    case.refresh_from_db()
    assert case.status == Status.RECEIVED


def test_it_masks_personal_data_for_the_supervisor(client, world, case) -> None:
    login(client, world.sam)
    page = client.get(reverse("applications:detail", args=[case.pk])).content.decode()
    assert "4202**********1237" in page
    assert "139****5678" in page
    assert "l***@example.com" in page
    assert "420281199001011237" not in page and "13912345678" not in page
    assert "罗桥街道" not in page


def test_it_shows_personal_data_to_the_case_handler(client, world, case) -> None:
    login(client, world.alice)
    page = client.get(reverse("applications:detail", args=[case.pk])).content.decode()
    assert "420281199001011237" in page and "罗桥街道" in page


@time_machine.travel("2025-03-28 10:00 +0800", tick=False)
def test_it_highlights_due_soon_cases_in_the_inbox(client, world, case) -> None:
    login(client, world.alice)
    page = client.get(reverse("applications:index")).content.decode()
    assert case.case_number in page
    assert "即将到期" in page  # due 2025-03-31, 1 working day away


@time_machine.travel("2025-04-02 10:00 +0800", tick=False)
def test_it_highlights_overdue_cases(client, world, case) -> None:
    login(client, world.alice)
    page = client.get(reverse("applications:index") + "?due=overdue").content.decode()
    assert case.case_number in page and "已超期" in page


@time_machine.travel("2025-03-20 10:00 +0800", tick=False)
def test_it_closes_a_case_from_the_case_page_and_serves_the_reply(client, world, case) -> None:
    login(client, world.alice)
    url = reverse("applications:act", args=[case.pk, "close"])
    response = client.post(url, {"close-outcome": "disclosed", "close-closed_on": "2025-03-20"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == "disclosed"
    reply = case.reply_letter
    assert reply.number == "冶科依复〔2025〕1号"
    pdf = client.get(reverse("applications:letter", args=[case.pk, reply.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@time_machine.travel("2025-03-20 10:00 +0800", tick=False)
def test_it_refuses_a_bad_form_with_a_chinese_message_and_changes_nothing(
    client, world, case
) -> None:
    login(client, world.frank)
    url = reverse("applications:act", args=[case.pk, "extension"])
    response = client.post(
        url,
        {"extension-days": "25", "extension-reason": "x", "extension-approved_on": "2025-03-20"},
        follow=True,
    )
    assert "延长期限最长不得超过20个工作日" in response.content.decode()
    assert not hasattr(Application.objects.get(pk=case.pk), "extension")


def test_it_forbids_extension_to_a_drafter(client, world, case) -> None:
    login(client, world.alice)
    url = reverse("applications:act", args=[case.pk, "extension"])
    assert client.post(url, {"extension-days": "5"}).status_code == 403


@time_machine.travel("2025-03-10 10:00 +0800", tick=False)
def test_it_registers_an_application_from_the_intake_form(client, world) -> None:
    login(client, world.grace)
    form = client.get(reverse("applications:intake"))
    assert form.status_code == 200
    data = {
        "agency": str(world.a.pk),
        "channel": "mail_signed",
        "received_on": "2025-03-07",
        "applicant_kind": "commercial",
        "applicant_name": "某公司",
        "phone": "0714-1234567",
        "title": "招商引资协议",
        "description": "某协议全文",
        "requested_form": "paper",
        "delivery": "mail",
        "idempotency_key": "abc",
    }
    first = client.post(reverse("applications:intake"), data)
    second = client.post(reverse("applications:intake"), data)
    assert first.status_code == 302 and second.status_code == 302
    assert Application.objects.filter(agency=world.a).count() == 1


def test_it_hides_intake_from_a_user_without_a_role(client, world) -> None:
    login(client, world.oscar)
    assert client.get(reverse("applications:intake")).status_code == 404
    assert client.get(reverse("applications:index")).status_code == 200


def test_it_renders_the_template_and_table_screens_for_office_staff(client, world, case) -> None:
    login(client, world.grace)
    index = client.get(reverse("applications:index")).content.decode()
    assert reverse("applications:templates", args=[world.a.code]) in index
    page = client.get(
        reverse("applications:templates", args=[world.a.code]) + "?kind=reply&outcome=partial"
    )
    assert "第三十七条" in page.content.decode()
    tables = client.get(reverse("applications:tables", args=[world.a.code]) + "?year=2025")
    html = tables.content.decode()
    # The statutory layout: Chinese captions, row and column labels; one new case by a person.
    assert "<caption>表二 收到和处理政府信息公开申请情况</caption>" in html
    assert "<caption>表三 政府信息公开行政复议、行政诉讼情况</caption>" in html
    assert "一、本年新收政府信息公开申请数量" in html and "自然人" in html
    assert '<td data-code="t2.new.natural">1</td>' in html
    assert '<td data-code="t2.new.total">1</td>' in html
    assert "表一" not in html
    detail = client.get(reverse("applications:detail", args=[case.pk])).content.decode()
    assert reverse("appeals:new") in detail
