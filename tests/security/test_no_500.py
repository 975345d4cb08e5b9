"""Issue 11 defect 5: inputs that used to raise a 500 get a Chinese answer instead."""

from __future__ import annotations

import json

from django.core.cache import cache
from django.test import Client, override_settings

import pytest
import time_machine

HUGE = "9" * 30  # beyond 64 bits


@pytest.fixture
def anon() -> Client:
    cache.clear()
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("page", [HUGE, "999999", "-5", "abc"])
def test_it_answers_any_page_number_of_the_api_and_listings(anon: Client, world, page) -> None:
    api = anon.get("/api/v1/publications", {"page": page})
    assert api.status_code == 200
    assert api.json()["page"] == 1  # nothing published: the last page is the first
    assert anon.get("/search/", {"q": "预算", "page": page}).status_code == 200
    assert anon.get(f"/{world.a.code}/proactive/", {"page": page}).status_code == 200


def test_it_shows_the_last_page_beyond_the_end(anon: Client, world) -> None:
    from xxgk.portal.tests.factories import publication

    for i in range(3):
        publication(world.a, f"公告{i}")
    response = anon.get("/api/v1/publications", {"page": HUGE})
    assert response.status_code == 200
    body = response.json()
    assert (body["page"], body["num_pages"], body["count"]) == (1, 1, 3)
    assert len(body["results"]) == 3


def post_json(client: Client, raw: str | bytes) -> object:
    return client.post("/api/v1/applications", raw, content_type="application/json")


def test_it_refuses_deeply_nested_json_with_a_chinese_400(anon: Client, world) -> None:
    response = post_json(anon, "[" * 1000 + "]" * 1000)
    assert response.status_code == 400
    assert response.json() == {"detail": "JSON 嵌套层数过多（最多32层）。"}
    response = post_json(anon, '{"agency": ' + "[" * 100000)
    assert response.status_code == 400


def test_it_explains_malformed_json_and_empty_bodies_in_chinese(anon: Client, world) -> None:
    bad = post_json(anon, "{bad")
    assert bad.status_code == 400
    assert bad.json() == {"detail": "请求内容不是有效的 JSON（第2个字符附近）。"}
    blank = post_json(anon, "   ")
    assert blank.json() == {"detail": "请求内容为空：请以 JSON 格式提交。"}
    empty = post_json(anon, "")
    assert empty.status_code == 400
    assert empty.json()["agency"] == ["此项为必填项。"]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024)
def test_it_answers_an_oversized_body_with_a_chinese_413(anon: Client, world) -> None:
    api = post_json(anon, "x" * (2 * 1024 * 1024))
    assert api.status_code == 413
    assert api["Content-Type"] == "application/json"
    assert api.json() == {"detail": "提交的内容过大（不超过1MB），请删减后重新提交。"}
    page = anon.post("/track/", {"code": "x" * (2 * 1024 * 1024)})
    assert page.status_code == 413
    assert "提交的内容过大" in page.content.decode()


def test_it_answers_api_errors_in_json(anon: Client, world) -> None:
    response = anon.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。"}


def test_it_reports_a_nul_character_as_an_invalid_character(anon: Client, world) -> None:
    body = {
        "agency": "大冶市科技局",
        "applicant_kind": "natural",
        "name": "\x00",
        "description": "x",
    }
    response = post_json(anon, json.dumps(body))
    assert response.status_code == 400
    assert response.json()["name"] == ["含有无效字符（空字符 NUL，\\x00），请删除后重新填写。"]


@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"received": "9999-12-31"},
            "received",
            "收到申请之日应在2008年5月1日（《条例》施行）至2027年12月31日之间。",
        ),
        (
            {"received": "0001-01-01"},
            "received",
            "收到申请之日应在2008年5月1日（《条例》施行）至2027年12月31日之间。",
        ),
        (
            {"received": "2026-03-02", "pause_start": "2026-03-03", "pause_end": "9999-12-30"},
            "pause_end",
            "该日期应在收到申请之日起两年以内。",
        ),
    ],
)
def test_it_bounds_the_deadline_calculator(anon: Client, world, query, field, message) -> None:
    response = anon.get("/deadline/", query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[field] == [message]
