"""The public page cache is always right (xxgk/portal/pagecache.py, issue 17 item 1).

Every test first makes the old page a cache hit, then changes something through the
service that changes it, and asserts the very next request shows the change.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.test import Client

import pytest
import time_machine

from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.errors import DomainError
from xxgk.portal import pagecache
from xxgk.portal.models import PageVersion
from xxgk.publications import services
from xxgk.publications.tests.factories import approve_all, approved
from xxgk.testing import PASSWORD, World

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
TITLE = "关于申报2026年市级科技计划项目的通知"


def hit(client: Client, url: str, **headers: str) -> tuple[int, str, str]:
    response = client.get(url, headers=headers)
    return response.status_code, response.content.decode(), response.get("X-Page-Cache", "")


def warm(client: Client, url: str) -> str:
    """Render `url`, then check the second request comes from the cache; its body."""
    first = hit(client, url)
    second = hit(client, url)
    assert (first[0], first[2], second[0], second[2]) == (200, "miss", 200, "hit")
    assert second[1] == first[1]
    return second[1]


@time_machine.travel(NOW, tick=False)
def test_it_shows_a_published_item_on_the_next_request(client: Client, world: World) -> None:
    publication = approved(world)
    urls = ["/daye-kjj/", "/daye-kjj/proactive/", "/search/?q=科技计划", "/daye-kjj/feed/rss/"]
    for url in urls:
        assert "关于申报2026年市级" not in warm(client, url)
    services.publish(publication, actor=world.grace)
    for url in urls:
        status, body, source = hit(client, url)
        # (search results highlight the query words, so look for the title's start)
        assert (status, source, "关于申报2026年市级" in body) == (200, "miss", True), url


@time_machine.travel(NOW, tick=False)
def test_it_drops_a_withdrawn_item_on_the_next_request(client: Client, world: World) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    item = f"/daye-kjj/publications/{publication.pk}/"
    assert TITLE in warm(client, "/daye-kjj/proactive/")
    assert TITLE in warm(client, item)
    services.withdraw(publication, actor=world.grace, reason="内容已过时")
    assert TITLE not in hit(client, "/daye-kjj/proactive/")[1]
    status, body, _ = hit(client, item)
    assert (status, "内容已过时" in body or "撤" in body) == (404, True)


@time_machine.travel(NOW, tick=False)
def test_it_shows_a_correction_on_the_next_request(client: Client, world: World) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    item = f"/daye-kjj/publications/{publication.pk}/"
    assert "（更正）" not in warm(client, item)
    services.edit_draft(publication, actor=world.alice, title=TITLE + "（更正）")
    # an edit under review changes nothing public: still the cached page
    assert hit(client, item)[2] == "hit"
    services.submit_for_review(publication, actor=world.alice)
    approve_all(world, publication)
    services.publish_correction(publication, actor=world.grace)
    status, body, source = hit(client, item)
    assert (status, source, TITLE + "（更正）" in body) == (200, "miss", True)


@time_machine.travel(NOW, tick=False)
def test_it_shows_a_reconfigured_agency_on_the_next_request(client: Client, world: World) -> None:
    assert "大冶市科学技术局" not in warm(client, "/daye-kjj/guide/")
    assert "大冶市科学技术局" not in warm(client, "/")
    User.objects.create_superuser("root", password=PASSWORD)
    staff = Client()
    assert staff.login(username="root", password=PASSWORD)
    form = {
        "name": "大冶市科学技术局",
        "short_name": "冶科",
        "code": "daye-kjj",
        "kind": world.a.kind,
        "parent": str(world.government.pk),
        "credit_code": "",
        "is_active": "on",
        "office_name": world.a.office_name,
        "office_address": world.a.office_address,
        "office_hours": "",
        "office_phone": world.a.office_phone,
        "office_fax": "",
        "office_email": world.a.office_email,
        "office_postcode": world.a.office_postcode,
        "website": "",
    }
    response = staff.post(f"/admin/agencies/agency/{world.a.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:1500]
    assert Agency.objects.get(pk=world.a.pk).name == "大冶市科学技术局"
    for url in ("/daye-kjj/guide/", "/"):
        status, body, source = hit(client, url)
        assert (status, source, "大冶市科学技术局" in body) == (200, "miss", True), url


@time_machine.travel(NOW, tick=False)
def test_it_keeps_the_other_agencys_pages_cached(client: Client, world: World) -> None:
    warm(client, "/daye-tjj/proactive/")
    services.publish(approved(world), actor=world.grace)
    assert hit(client, "/daye-tjj/proactive/")[2] == "hit"


@time_machine.travel(NOW, tick=False)
def test_it_keeps_the_cache_when_a_publish_is_refused(client: Client, world: World) -> None:
    publication = approved(world)
    warm(client, "/daye-kjj/proactive/")
    before = list(PageVersion.objects.values_list("scope", "token"))
    with pytest.raises(DomainError):
        services.publish(publication, actor=world.alice)  # a drafter may not publish
    assert list(PageVersion.objects.values_list("scope", "token")) == before
    assert hit(client, "/daye-kjj/proactive/")[2] == "hit"


@time_machine.travel(NOW, tick=False)
def test_it_caches_each_text_size_apart(client: Client, world: World) -> None:
    normal = warm(client, "/daye-kjj/")
    client.cookies["xxgk_text"] = "large"
    status, large, source = hit(client, "/daye-kjj/")
    assert (status, source) == (200, "miss")
    assert 'class="large-text"' in large and 'class="large-text"' not in normal


@time_machine.travel(NOW, tick=False)
def test_it_never_shares_a_signed_in_page(client: Client, world: World) -> None:
    assert client.login(username="alice", password=PASSWORD)
    response = client.get("/daye-kjj/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
    assert "Last-Modified" not in response
    anonymous = Client()
    assert anonymous.get("/daye-kjj/")["X-Page-Cache"] == "miss"


@time_machine.travel(NOW, tick=False)
def test_it_never_caches_a_page_with_a_csrf_token(client: Client, world: World) -> None:
    for _ in range(2):
        response = client.get("/daye-kjj/apply/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "csrfmiddlewaretoken" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_it_answers_not_modified_until_a_change(client: Client, world: World) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    first = client.get("/daye-kjj/proactive/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "no-cache"
    assert client.get("/daye-kjj/proactive/", headers={"if-none-match": etag}).status_code == 304
    assert (
        client.get("/daye-kjj/proactive/", headers={"if-modified-since": modified}).status_code
        == 304
    )
    services.withdraw(publication, actor=world.grace, reason="内容已过时")
    assert client.get("/daye-kjj/proactive/", headers={"if-none-match": etag}).status_code == 200
    # the bump moves Last-Modified on by at least a second, even within the same second
    after = client.get("/daye-kjj/proactive/", headers={"if-modified-since": modified})
    assert after.status_code == 200
    assert after["Last-Modified"] != modified


@time_machine.travel(NOW, tick=False)
def test_it_answers_not_modified_for_items_and_feeds(client: Client, world: World) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    for url in (f"/daye-kjj/publications/{publication.pk}/", "/daye-kjj/feed/atom/"):
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304, url


def test_it_moves_last_modified_strictly_forward(world: World) -> None:
    with time_machine.travel(NOW, tick=False):
        pagecache.bump_agency(world.a)
        first = pagecache.versions(["structure", "agency:daye-kjj"])
        pagecache.bump_agency(world.a)
        second = pagecache.versions(["structure", "agency:daye-kjj"])
    assert first[0] != second[0]
    assert first[1] is not None and second[1] is not None
    assert (second[1] - first[1]).total_seconds() == 1
