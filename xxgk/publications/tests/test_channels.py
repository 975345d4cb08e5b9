from __future__ import annotations

from django.test import Client

from xxgk.accounts.models import AuditEvent
from xxgk.publications.models import Channel
from xxgk.testing import PASSWORD, World


def test_it_lets_the_office_add_and_switch_off_a_channel(client: Client, world: World) -> None:
    client.login(username="grace", password=PASSWORD)
    response = client.post(
        "/backoffice/publications/agency/daye-kjj/channels/",
        {"name": "云上大冶", "kind": "new_media", "url": ""},
    )
    assert response.status_code == 302
    channel = Channel.objects.get(agency=world.a, name="云上大冶")
    client.post(f"/backoffice/publications/agency/daye-kjj/channels/{channel.pk}/toggle/")
    channel.refresh_from_db()
    assert channel.is_active is False
    assert list(
        AuditEvent.objects.filter(agency=world.a).values_list("kind", flat=True).order_by("pk")
    ) == [
        "channel_created",
        "channel_disabled",
    ]


def test_it_refuses_a_duplicate_name_in_chinese(client: Client, world: World) -> None:
    Channel.objects.create(agency=world.a, name="云上大冶", kind="new_media")
    client.login(username="grace", password=PASSWORD)
    body = client.post(
        "/backoffice/publications/agency/daye-kjj/channels/",
        {"name": "云上大冶", "kind": "new_media"},
    ).content.decode()
    assert "渠道“云上大冶”已存在。" in body
    assert Channel.objects.filter(agency=world.a).count() == 1


def test_it_hides_another_agencys_channels(client: Client, world: World) -> None:
    channel = Channel.objects.create(agency=world.a, name="云上大冶", kind="new_media")
    for name in (
        "olivia",
        "charlie",
        "alice",
        "sam",
    ):  # B's office, B's drafter, A's drafter, supervisor
        client.login(username=name, password=PASSWORD)
        assert client.get("/backoffice/publications/agency/daye-kjj/channels/").status_code == 404
        assert (
            client.post(
                f"/backoffice/publications/agency/daye-kjj/channels/{channel.pk}/toggle/"
            ).status_code
            == 404
        )
        client.logout()
    channel.refresh_from_db()
    assert channel.is_active is True
