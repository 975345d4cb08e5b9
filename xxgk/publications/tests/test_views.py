from __future__ import annotations

from django.urls import reverse

from xxgk.publications import services
from xxgk.publications.models import Publication, PublicationStatus
from xxgk.publications.tests.factories import approved, category, draft


def test_it_hides_agency_a_items_from_agency_b(world, client) -> None:
    publication = draft(world)
    client.force_login(world.charlie)
    for name in ("publications:detail", "publications:edit"):
        assert client.get(reverse(name, args=[publication.pk])).status_code == 404
    response = client.post(reverse("publications:act", args=[publication.pk, "submit"]))
    assert response.status_code == 404
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.DRAFT
    listing = client.get(reverse("publications:index"))
    assert publication.latest_revision.title not in listing.content.decode()
    assert client.get(reverse("publications:registers", args=["daye-kjj"])).status_code == 404


def test_it_runs_the_chain_through_the_screens(world, client) -> None:
    client.force_login(world.alice)
    response = client.post(
        reverse("publications:create", args=["daye-kjj"]),
        {
            "title": "关于申报市级科技计划项目的通知",
            "issuer": "大冶市科技局",
            "formed_on": "2026-11-02",
            "category": category(world).pk,
            "disclosure_method": "proactive",
            "body": "<p>通知</p><script>alert(1)</script>",
        },
    )
    publication = Publication.objects.get()
    assert response.status_code == 302
    assert "<script" not in publication.latest_revision.body
    client.post(reverse("publications:act", args=[publication.pk, "submit"]))
    inbox = client.get(reverse("approvals:inbox"))
    assert "没有待您审核的事项" in inbox.content.decode()
    for reviewer in (world.bob, world.carol, world.dave, world.erin):
        client.force_login(reviewer)
        assert (
            "关于申报市级科技计划项目的通知"
            in client.get(reverse("approvals:inbox")).content.decode()
        )
        client.post(
            reverse("publications:act", args=[publication.pk, "approve"]), {"comment": "同意"}
        )
    client.force_login(world.grace)
    client.post(reverse("publications:act", args=[publication.pk, "publish"]), {"go_live_at": ""})
    publication.refresh_from_db()
    assert publication.status == PublicationStatus.PUBLISHED
    page = client.get(reverse("publications:detail", args=[publication.pk])).content.decode()
    assert "谁上网：Grace" in page
    assert "承办科室审核 Bob" in page


def test_it_shows_the_refusal_message_and_changes_nothing(world, client) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    client.force_login(world.dave)
    response = client.post(
        reverse("publications:act", args=[publication.pk, "approve"]), follow=True
    )
    assert "承办科室审核" in response.content.decode()
    assert Publication.objects.get(pk=publication.pk).status == PublicationStatus.IN_REVIEW


def test_it_downloads_notices_feeds_and_exports(world, client) -> None:
    publication = services.publish(approved(world), actor=world.grace)
    client.force_login(world.grace)
    pdf = client.get(reverse("publications:notice", args=[publication.pk, "pdf"]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")
    docx = client.get(reverse("publications:notice", args=[publication.pk, "docx"]))
    assert docx.content.startswith(b"PK")
    atom = client.get(reverse("publications:feed", args=["daye-kjj", "atom"]))
    assert "关于申报2026年市级科技计划项目的通知" in atom.content.decode()
    export = client.get(reverse("publications:export_json", args=["daye-kjj"])).json()
    assert [i["index_number"] for i in export["items"]] == [publication.index_number]
    template = client.get(reverse("publications:register_template", args=["normative"]))
    assert template.content.startswith(b"PK")
    client.force_login(world.olivia)
    assert client.get(reverse("publications:feed", args=["daye-kjj", "atom"])).status_code == 404


def test_it_lets_only_the_admin_open_the_workflow_screen(world, client) -> None:
    url = reverse("approvals:configure", args=["daye-kjj", "publication"])
    client.force_login(world.mallory)
    assert client.get(url).status_code == 404
    client.force_login(world.heidi)
    assert client.get(url).status_code == 200
    response = client.post(url, {"name-0": "主要负责人审批", "role-0": "head", "days-0": "2"})
    assert "保密审查环节不能删除" in response.content.decode()


def test_it_adds_the_inbox_panel_to_the_dashboard(world, client) -> None:
    publication = draft(world)
    services.submit_for_review(publication, actor=world.alice)
    client.force_login(world.bob)
    page = client.get(reverse("backoffice:dashboard")).content.decode()
    assert "待我审核" in page
    assert "承办科室审核" in page


def _form_values(html: str) -> dict[str, str]:
    """What a browser would post back from the page's main form, unchanged."""
    from bs4 import BeautifulSoup

    form = BeautifulSoup(html, "lxml").select_one("main form")
    values: dict[str, str] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        if field.name == "select":
            chosen = field.select_one("option[selected]")
            values[field["name"]] = chosen["value"] if chosen else ""
        elif field.name == "textarea":
            values[field["name"]] = field.text
        elif field.get("type") not in {"checkbox", "radio"} or field.has_attr("checked"):
            values[field["name"]] = field.get("value", "")
    return values


def test_it_saves_an_edit_form_posted_back_unchanged(world, client) -> None:
    publication = draft(world)
    client.force_login(world.alice)
    url = reverse("publications:edit", args=[publication.pk])

    page = client.get(url).content.decode()
    values = _form_values(page)
    response = client.post(url, values)

    # The date input carries an ISO value the browser can show (not the locale's 2026/11/02).
    assert values["formed_on"] == "2026-11-02"
    assert response.status_code == 302
    assert publication.revisions.count() == 1
    messages = [m.message for m in response.wsgi_request._messages]
    assert messages == ["没有修改。"]
