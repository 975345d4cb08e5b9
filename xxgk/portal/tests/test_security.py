"""Issue 6 Security: nothing unpublished on any public path; no personal data anywhere."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest

from xxgk.portal import search
from xxgk.portal.tests import factories
from xxgk.publications.indexing import entry_for
from xxgk.publications.models import PublicationStatus

pytestmark = pytest.mark.django_db

HIDDEN_STATES = ["draft", "in_review", "approved", "scheduled", "withdrawn", "future"]


def hidden(world, state: str):
    if state == "future":
        # Published status but its go-live time has not come yet.
        return factories.publication(
            world.a, "秘密预算草案", go_live_at=timezone.now() + timedelta(days=2), index=False
        )
    status = {
        "draft": PublicationStatus.DRAFT,
        "in_review": PublicationStatus.IN_REVIEW,
        "approved": PublicationStatus.APPROVED,
        "scheduled": PublicationStatus.SCHEDULED,
        "withdrawn": PublicationStatus.WITHDRAWN,
    }[state]
    return factories.publication(world.a, "秘密预算草案", body="<p>机密正文内容</p>", status=status)


def force_into_index(pub) -> None:
    """Simulate a stale index entry: the public paths must still refuse it."""
    pub.published_at = pub.published_at or timezone.now()
    pub.live_revision = pub.latest_revision
    search.index(entry_for(pub))


@pytest.mark.parametrize("state", HIDDEN_STATES)
def test_it_hides_unpublished_items_on_every_path(client: Client, world, state: str) -> None:
    cat = factories.category(world.a)
    pub = hidden(world, state)
    force_into_index(pub)
    page = client.get(f"/daye-kjj/publications/{pub.pk}/")
    assert page.status_code == 404
    assert "机密正文内容" not in page.content.decode()
    for path in (
        f"/daye-kjj/publications/{pub.pk}/print/",
        f"/daye-kjj/publications/{pub.pk}/qr.svg",
    ):
        assert client.get(path).status_code == 404
    assert "秘密预算草案" not in client.get("/search/", {"q": "预算"}).content.decode()
    assert "秘密预算草案" not in client.get("/daye-kjj/proactive/").content.decode()
    assert "秘密预算草案" not in client.get("/daye-kjj/").content.decode()
    assert "秘密预算草案" not in client.get("/daye-kjj/feed/rss/").content.decode()
    assert "秘密预算草案" not in client.get("/daye-kjj/feed/atom/").content.decode()
    assert (
        "秘密预算草案"
        not in client.get(f"/daye-kjj/categories/{cat.id}/feed/rss/").content.decode()
    )
    assert f"/publications/{pub.pk}/" not in client.get("/sitemap.xml").content.decode()
    api = client.get("/api/v1/publications", {"q": "预算"}).json()
    assert api["results"] == []
    assert client.get("/api/v1/publications", {"agency": "daye-kjj"}).json()["results"] == []


def test_it_shows_only_a_notice_for_a_withdrawn_item(client: Client, world) -> None:
    pub = hidden(world, "withdrawn")
    response = client.get(f"/daye-kjj/publications/{pub.pk}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "该信息已撤回" in html
    assert "机密正文内容" not in html


def test_it_hides_attachments_of_unpublished_items(client: Client, world) -> None:
    pub = hidden(world, "draft")
    assert client.get(f"/daye-kjj/publications/{pub.pk}/attachments/1/").status_code == 404


def test_it_hides_the_column_of_an_inactive_agency(client: Client, world) -> None:
    pub = factories.publication(world.a, "2025年部门预算")
    world.a.is_active = False
    world.a.save()
    assert client.get("/daye-kjj/").status_code == 404
    assert client.get(f"/daye-kjj/publications/{pub.pk}/").status_code == 404
    assert client.get("/daye-kjj/feed/rss/").status_code == 404
