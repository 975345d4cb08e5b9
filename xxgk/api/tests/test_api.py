from __future__ import annotations

import json

from django.test import Client, override_settings
from django.utils import timezone

import pytest

from xxgk.applications.models import Application
from xxgk.applications.services import confirm_application
from xxgk.portal.tests import factories

pytestmark = pytest.mark.django_db

PERSONAL = (
    "张三",
    "420281199001011237",
    "13800000000",
    "zhangsan@example.com",
    "湖北省大冶市某路1号",
)


def body(**over: object) -> dict[str, object]:
    data = {
        "agency": "大冶市科技局",
        "applicant_kind": "natural",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": "420281199001011237",
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "address": "湖北省大冶市某路1号",
        "description": "请公开2025年部门预算。",
        "form": "email",
        "delivery": "email",
    }
    data.update(over)
    return data


def post(client: Client, data: dict[str, object], key: str | None = "key-1") -> object:
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        "/api/v1/applications", json.dumps(data), content_type="application/json", headers=headers
    )


def test_it_creates_an_application_and_tracks_it(client: Client, world) -> None:
    response = post(client, body())
    assert response.status_code == 201
    out = response.json()
    app = Application.objects.get()
    assert out["case_number"] == app.case_number
    assert out["tracking_code"] == app.tracking_code
    # Art. 31: an online submission waits as 待确认 until the office confirms it.
    assert (out["received_on"], out["due"]) == (None, None)
    assert app.requested_form == "email"
    track = client.get("/api/v1/applications/track", {"code": app.tracking_code})
    assert track.status_code == 200
    assert (track.json()["status"], track.json()["status_label"]) == (
        "awaiting_confirmation",
        "待确认",
    )
    app = confirm_application(
        app, actor=world.alice, confirmed_on=timezone.localdate(app.created_at)
    )
    track = client.get("/api/v1/applications/track", {"code": app.tracking_code})
    assert track.json()["status"] == "received"
    assert track.json()["received_on"] == app.received_on.isoformat()
    assert track.json()["due"] == app.due_date.isoformat()
    for text in (
        json.dumps(response.json(), ensure_ascii=False),
        json.dumps(track.json(), ensure_ascii=False),
    ):
        for personal in PERSONAL:
            assert personal not in text


def test_it_accepts_the_agency_code_and_organisations(client: Client, world) -> None:
    response = post(
        client,
        body(
            agency="daye-kjj",
            applicant_kind="legal_services",
            name="某律师事务所",
            id_type="credit_code",
            id_number="31420000MD1234567X",
        ),
    )
    assert response.status_code == 201, response.json()
    app = Application.objects.get()
    assert app.applicant_kind == "legal_services"
    assert app.credit_code == "31420000MD1234567X"


def test_it_returns_the_same_case_for_the_same_key(client: Client, world) -> None:
    first = post(client, body())
    second = post(client, body())
    assert first.status_code == 201
    assert second.status_code == 201  # a replay answers as the first did
    assert second.json()["case_number"] == first.json()["case_number"]
    assert Application.objects.count() == 1
    post(client, body(), key="key-2")
    assert Application.objects.count() == 2


def test_it_reports_validation_errors_per_field_in_chinese(client: Client, world) -> None:
    response = post(
        client, body(applicant_kind="alien", id_number="420281199001011230", description="")
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["applicant_kind"] == [
        "申请人类型无效：应为 natural、commercial、research、public_interest、legal_services、other_org 之一。"
    ]
    assert errors["description"] == ["此项不能为空。"]
    assert Application.objects.count() == 0


def test_it_rejects_an_unknown_agency(client: Client, world) -> None:
    response = post(client, body(agency="不存在的局"))
    assert response.status_code == 400
    assert response.json() == {"agency": ["没有这个机关：请填写机关全称或网址代码。"]}


def test_it_answers_malformed_json_without_a_traceback(client: Client, world) -> None:
    response = client.post("/api/v1/applications", "{oops", content_type="application/json")
    assert response.status_code == 400
    assert Application.objects.count() == 0


@override_settings(
    REST_FRAMEWORK={
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_THROTTLE_RATES": {"applications": "3/hour"},
    }
)
def test_it_rate_limits_submissions_per_ip_even_with_a_forged_forwarded_header(
    client: Client, world
) -> None:
    codes = [post(client, body(description=f"第{i}件"), key=f"k{i}").status_code for i in range(3)]
    forged = client.post(
        "/api/v1/applications",
        json.dumps(body()),
        content_type="application/json",
        headers={"Idempotency-Key": "k9", "X-Forwarded-For": "203.0.113.7"},
    )
    assert codes == [201, 201, 201]
    assert forged.status_code == 429
    assert Application.objects.count() == 3


@override_settings(
    REST_FRAMEWORK={
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_THROTTLE_RATES": {"applications": "off"},
    }
)
def test_a_rate_of_off_lifts_the_submission_limit(client: Client, world) -> None:
    codes = [post(client, body(description=f"第{i}件"), key=f"k{i}").status_code for i in range(12)]
    assert codes == [201] * 12
    assert Application.objects.count() == 12


def test_it_allows_several_submissions_an_hour_by_default(client: Client, world) -> None:
    codes = [post(client, body(description=f"第{i}件"), key=f"k{i}").status_code for i in range(5)]
    assert codes == [201] * 5


def test_it_answers_a_wrong_tracking_code_neutrally(client: Client, world) -> None:
    response = client.get("/api/v1/applications/track", {"code": "ZZZZZZZZZZZZZZZZ"})
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到"}


def test_it_searches_published_items(client: Client, world) -> None:
    pub = factories.publication(world.a, "2025年部门预算公开")
    factories.publication(world.b, "统计公报")
    out = client.get(
        "/api/v1/publications", {"q": "预算", "agency": "daye-kjj", "year": "2025"}
    ).json()
    assert out["count"] == 1
    assert out["results"][0]["id"] == pub.pk
    assert out["results"][0]["title"] == "2025年部门预算公开"
    assert out["results"][0]["url"] == f"http://testserver/daye-kjj/publications/{pub.pk}/"
    bad = client.get("/api/v1/publications", {"year": "abc"})
    assert bad.status_code == 400
    assert bad.json() == {"year": "年份应为四位数字。"}


def test_it_publishes_the_openapi_document(client: Client, world) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    assert set(doc["paths"]) >= {
        "/api/v1/publications",
        "/api/v1/applications",
        "/api/v1/applications/track",
    }
