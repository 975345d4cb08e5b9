from __future__ import annotations

from django.test import Client

import pytest

from xxgk.testing import PASSWORD, PERSONAS_A, PERSONAS_B, World


def login(client: Client, username: str) -> None:
    assert client.login(username=username, password=PASSWORD)


def test_it_serves_a_chinese_login_page(client: Client, db: None) -> None:
    response = client.get("/backoffice/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="zh-Hans">' in body
    assert "工作人员登录" in body
    assert "用户名" in body and "密码" in body


def test_it_rejects_a_wrong_password_in_chinese(client: Client, world: World) -> None:
    response = client.post("/backoffice/login/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_it_sends_anonymous_users_to_login(client: Client, db: None) -> None:
    response = client.get("/backoffice/")
    assert response.status_code == 302
    assert response["Location"].startswith("/backoffice/login/")


@pytest.mark.parametrize("name", [*PERSONAS_A, *PERSONAS_B, "sam"])
def test_it_shows_each_user_only_their_agencies(client: Client, world: World, name: str) -> None:
    login(client, name)
    body = client.get("/backoffice/").content.decode()
    own = world.a if name in PERSONAS_A else world.b
    other = world.b if name in PERSONAS_A else world.a
    if name == "sam":
        assert "监督范围（只读）" in body and "大冶市科技局" in body and "大冶市统计局" in body
        return
    assert own.name in body
    assert other.name not in body


@pytest.mark.parametrize("name", [*PERSONAS_B])
def test_it_hides_agency_a_from_every_role_of_agency_b(
    client: Client, world: World, name: str
) -> None:
    login(client, name)
    assert client.get(f"/backoffice/agencies/{world.a.code}/").status_code == 404
    assert client.get(f"/backoffice/agencies/{world.b.code}/").status_code == 200


def test_it_serves_a_chinese_404(client: Client, db: None) -> None:
    response = client.get("/no-such-agency-page/x/y/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
