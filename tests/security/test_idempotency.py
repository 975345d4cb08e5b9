"""Issue 11 defect 3: an idempotency key is bound to its payload."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.test import Client

from xxgk.applications.models import Application

BODY = {
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


def post(client: Client, data: dict[str, object], key: str) -> object:
    return client.post(
        "/api/v1/applications",
        json.dumps(data),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_it_refuses_a_reused_key_with_another_body_and_never_leaks_the_first_case(
    client: Client, world
) -> None:
    cache.clear()
    first = post(client, BODY, "shared-key")
    assert first.status_code == 201
    other = dict(BODY, name="李四", id_number="11010519491231002X", description="另一份申请")
    second = post(client, other, "shared-key")
    assert second.status_code == 422
    text = second.content.decode()
    assert first.json()["tracking_code"] not in text
    assert first.json()["case_number"] not in text
    assert "提交标识" in second.json()["Idempotency-Key"][0]
    assert Application.objects.count() == 1


def test_it_answers_a_replay_of_the_same_body_with_the_same_code(client: Client, world) -> None:
    cache.clear()
    first = post(client, BODY, "k-replay")
    # Key order and whitespace of the JSON do not matter, only the content.
    again = post(client, dict(reversed(list(BODY.items()))), "k-replay")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert Application.objects.count() == 1
