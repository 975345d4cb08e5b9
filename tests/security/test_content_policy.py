"""Issue 11 defect 11: own-origin Content-Security-Policy; no images from other hosts."""

from __future__ import annotations

import re

from django.test import Client, override_settings

from xxgk.publications.richtext import sanitise
from xxgk.testing import PASSWORD


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def test_it_sends_an_own_origin_policy_on_the_portal_and_the_back_office(
    client: Client, world
) -> None:
    pages = [client.get("/"), client.get(f"/{world.a.code}/"), client.get("/backoffice/login/")]
    assert client.login(username="heidi", password=PASSWORD)
    pages += [client.get("/backoffice/"), client.get("/backoffice/agencies/")]
    for page in pages:
        assert page.status_code == 200
        policy = directives(page)
        for name in ("script-src", "style-src", "img-src", "default-src"):
            assert policy[name] == "'self'", (page.request["PATH_INFO"], name, policy)
        html = page.content.decode()
        # Nothing the policy would block: no inline script, style block or style attribute.
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
        assert "<style" not in html and " style=" not in html


@override_settings(SITE_URL="https://xxgk.example.gov.cn")
def test_it_drops_images_from_other_hosts_and_rewrites_our_own() -> None:
    body = (
        '<p><img src="https://tracker.example.com/a.png" alt="外部">'
        '<img src="//cdn.example.com/b.png" alt="协议相对">'
        '<img src="https://xxgk.example.gov.cn/media/c.png" alt="本站">'
        '<img src="/media/d.png" alt="相对"></p>'
    )
    clean = sanitise(body, site_url="https://xxgk.example.gov.cn")
    assert "example.com" not in clean
    assert '<img src="/media/c.png" alt="本站">' in clean
    assert '<img src="/media/d.png" alt="相对">' in clean
    assert '<img alt="外部">' in clean
