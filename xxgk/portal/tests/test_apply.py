from __future__ import annotations

import re

from django.core import mail, signing
from django.test import Client, override_settings
from django.utils import timezone

import pytest

from xxgk.applications.models import Application
from xxgk.applications.services import confirm_application
from xxgk.portal import captcha

pytestmark = pytest.mark.django_db

ID_NUMBER = "420281199001011237"  # valid GB 11643 check digit


def solved(client: Client, agency: str = "daye-kjj") -> dict[str, str]:
    html = client.get(f"/{agency}/apply/").content.decode()
    token = re.search(r'name="captcha_token" value="([^"]+)"', html).group(1)
    form_token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = signing.loads(token, salt=captcha.SALT)
    return {
        "captcha_token": token,
        "captcha_answer": str(data["a"] + data["b"]),
        "form_token": form_token,
    }


def natural(**over: str) -> dict[str, str]:
    base = {
        "applicant_type": "natural",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "address": "湖北省大冶市某路1号",
        "title": "2025年部门预算",
        "description": "请公开2025年部门预算及说明。",
        "requested_form": "paper",
        "delivery": "mail",
        "promise": "on",
    }
    base.update(over)
    return base


def test_it_accepts_an_application_and_shows_the_receipt(
    client: Client, world, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/daye-kjj/apply/", natural(**solved(client)))
    app = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/daye-kjj/apply/receipt/{app.pk}/"
    html = client.get(response["Location"]).content.decode()
    assert app.case_number in html
    assert app.tracking_code in html
    # Art. 31: no receipt date and no due date until the office confirms the submission.
    assert (app.status, app.received_on, app.due_date) == ("awaiting_confirmation", None, None)
    assert "待确认（本机关确认后，以双方确认之日为收到申请之日）" in html
    assert app.channel == "online"
    assert app.applicant_kind == "natural"
    assert len(mail.outbox) == 1
    assert app.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["zhangsan@example.com"]


def test_it_accepts_an_organisation_with_its_report_category(client: Client, world) -> None:
    data = {
        "applicant_type": "organisation",
        "org_kind": "research",
        "org_name": "某研究院",
        "credit_code": "12420281MB1234567X",
        "contact_person": "李四",
        "phone": "0714-1234567",
        "description": "请公开科研项目资金分配结果。",
        "requested_form": "email",
        "delivery": "mail",
        "promise": "on",
    }
    response = client.post("/daye-kjj/apply/", {**data, **solved(client)})
    assert response.status_code == 302, response.content.decode()
    app = Application.objects.get()
    assert app.applicant_kind == "research"
    assert app.credit_code == "12420281MB1234567X"


def test_it_shows_chinese_errors_next_to_fields_and_creates_nothing(client: Client, world) -> None:
    response = client.post(
        "/daye-kjj/apply/",
        natural(name="", id_number="420281199001011230", description="", **solved(client)),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert '<span class="field-error" id="id_name-error" role="alert">请填写此项。</span>' in html
    assert "居民身份证号码有误：应为18位，且校验位正确。" in html
    assert (
        '<span class="field-error" id="id_description-error" role="alert">请填写此项。</span>'
        in html
    )
    assert Application.objects.count() == 0


def test_it_escapes_form_input_when_redisplaying(client: Client, world) -> None:
    html = client.post(
        "/daye-kjj/apply/", natural(title="<script>x()</script>", description="", **solved(client))
    ).content.decode()
    assert "<script>x()</script>" not in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html


def test_it_rejects_a_wrong_captcha(client: Client, world) -> None:
    tokens = solved(client)
    tokens["captcha_answer"] = str(int(tokens["captcha_answer"]) + 1)
    html = client.post("/daye-kjj/apply/", natural(**tokens)).content.decode()
    assert "验证题答案不正确。" in html
    assert Application.objects.count() == 0


def test_it_rejects_a_replayed_captcha(client: Client, world) -> None:
    tokens = solved(client)
    client.post("/daye-kjj/apply/", natural(**tokens))
    other = {**tokens, "form_token": "another-form-token-0123456789"}
    html = client.post("/daye-kjj/apply/", natural(**other)).content.decode()
    assert "验证题已使用过，请回答新的验证题。" in html
    assert Application.objects.count() == 1


def test_it_never_makes_two_cases_on_a_double_submit(client: Client, world) -> None:
    tokens = solved(client)
    first = client.post("/daye-kjj/apply/", natural(**tokens))
    second = client.post("/daye-kjj/apply/", natural(**tokens))
    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]


@override_settings(XXGK_PORTAL_RATE_LIMITS={"apply_ip": (2, 3600)})
def test_it_rate_limits_per_ip(client: Client, world) -> None:
    for i in range(2):
        client.post(
            "/daye-kjj/apply/", natural(id_number=ID_NUMBER, title=f"第{i}件", **solved(client))
        )
    response = client.post("/daye-kjj/apply/", natural(**solved(client)))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Application.objects.count() == 2


@override_settings(XXGK_PORTAL_RATE_LIMITS={"apply_applicant": (1, 3600)})
def test_it_rate_limits_per_applicant(client: Client, world) -> None:
    client.post("/daye-kjj/apply/", natural(**solved(client)))
    other_ip = Client(REMOTE_ADDR="10.0.0.9")
    response = other_ip.post("/daye-kjj/apply/", natural(**solved(other_ip)))
    assert response.status_code == 429
    assert "同一申请人提交过于频繁" in response.content.decode()
    assert Application.objects.count() == 1


def test_it_shows_the_receipt_only_to_the_submitting_session(client: Client, world) -> None:
    response = client.post("/daye-kjj/apply/", natural(**solved(client)))
    assert Client().get(response["Location"]).status_code == 404


def test_it_tracks_a_case_with_its_code_only(client: Client, world) -> None:
    client.post("/daye-kjj/apply/", natural(**solved(client)))
    app = Application.objects.get()
    stranger = Client()
    html = stranger.post("/track/", {"code": app.tracking_code.lower()}).content.decode()
    assert "待确认" in html
    app = confirm_application(
        app, actor=world.alice, confirmed_on=timezone.localdate(app.created_at)
    )
    html = stranger.post("/track/", {"code": app.tracking_code.lower()}).content.decode()
    assert app.case_number in html
    assert "办理中" in html
    assert app.due_date.isoformat() in html
    for personal in (
        "张三",
        ID_NUMBER,
        "13800000000",
        "zhangsan@example.com",
        "湖北省大冶市某路1号",
    ):
        assert personal not in html
    letter = app.letters.filter(to_applicant=True).first()
    assert letter is not None
    pdf = stranger.get(f"/track/letters/{letter.pk}.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert Client().get(f"/track/letters/{letter.pk}.pdf").status_code == 404


def test_it_answers_a_wrong_code_with_the_neutral_page(client: Client, world) -> None:
    response = client.post("/track/", {"code": "AAAAAAAAAAAAAAAA"})
    assert response.status_code == 404
    assert "没有找到与该查询码对应的申请" in response.content.decode()


@override_settings(XXGK_PORTAL_RATE_LIMITS={"track_ip": (3, 3600)})
def test_it_rate_limits_tracking_guesses(client: Client, world) -> None:
    client.post("/daye-kjj/apply/", natural(**solved(client)))
    code = Application.objects.get().tracking_code
    for _ in range(3):
        client.post("/track/", {"code": "AAAAAAAAAAAAAAAA"})
    response = client.post("/track/", {"code": code})
    assert response.status_code == 429
    assert Application.objects.get().case_number not in response.content.decode()
