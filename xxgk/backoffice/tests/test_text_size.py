from __future__ import annotations

from django.test import Client

from xxgk.testing import World


def test_the_back_office_offers_the_large_font_mode_in_chinese(
    world: World, client: Client
) -> None:
    client.force_login(world.alice)

    normal = client.get("/backoffice/").content.decode()
    client.cookies["xxgk_text"] = "large"
    large = client.get("/backoffice/").content.decode()

    assert "大字版（适老化）" in normal and '<html lang="zh-Hans">' in normal
    assert '<html lang="zh-Hans" class="large-text">' in large
    assert 'data-text-size="normal" aria-pressed="true">标准字号</button>' in large
    assert (
        "政府信息公开工作平台 · 依据《中华人民共和国政府信息公开条例》（国务院令第711号）" in large
    )
    back = client.get("/text-size/", {"size": "normal", "next": "/backoffice/"})
    assert (back.status_code, back["Location"]) == (302, "/backoffice/")
    assert back.cookies["xxgk_text"].value == "normal"
