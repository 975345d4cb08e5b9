from __future__ import annotations

from datetime import date

from django.urls import reverse

import time_machine

from xxgk.applications.models import Application, CaseDeskSettings
from xxgk.applications.tests.scripting import submit
from xxgk.testing import PASSWORD


@time_machine.travel("2025-03-28 10:00 +0800", tick=False)
def test_it_uses_the_agencys_pattern_and_volume_range(world) -> None:
    CaseDeskSettings.objects.create(
        agency=world.a, case_number_pattern="科依申{year}-{seq}", monthly_volume_limit=2
    )
    cases = [submit(world.a, world.alice, date(2025, 3, 3), n=1) for _ in range(3)]
    assert [c.case_number for c in cases] == ["科依申2025-1", "科依申2025-2", "科依申2025-3"]
    flags = [Application.objects.get(pk=c.pk).volume_flag for c in cases]
    assert flags == [False, False, True]


def test_it_keeps_desk_settings_inside_the_admins_agency(client, world) -> None:
    settings = CaseDeskSettings.objects.create(agency=world.a)
    url = reverse("admin:applications_casedesksettings_change", args=[settings.pk])
    assert client.login(username="heidi", password=PASSWORD)
    assert client.get(url).status_code == 200
    bad = client.post(
        url,
        {
            "agency": str(world.a.pk),
            "case_number_pattern": "{short}{year}",
            "reply_number_pattern": "{short}依复〔{year}〕{seq}号",
            "notice_number_pattern": "{short}依告〔{year}〕{seq}号",
            "monthly_volume_limit": "10",
        },
    )
    assert "编号格式须包含 {seq}" in bad.content.decode()
    client.logout()
    assert client.login(username="mallory", password=PASSWORD)
    assert client.get(url).status_code in (302, 403, 404)
    settings.refresh_from_db()
    assert settings.case_number_pattern == "{short}依申〔{year}〕第{seq}号"


@time_machine.travel("2025-03-28 10:00 +0800", tick=False)
def test_it_counts_the_same_applicant_per_calendar_month(world) -> None:
    CaseDeskSettings.objects.create(agency=world.a, monthly_volume_limit=1)
    days = [
        date(2024, 12, 31),
        date(2025, 1, 1),
        date(2025, 1, 31),
        date(2025, 2, 1),
        date(2025, 2, 28),
        date(2025, 3, 1),
    ]
    cases = [submit(world.a, world.alice, day, n=1) for day in days]
    counts = [c.events.get(type="submitted").data["month_count"] for c in cases]
    assert counts == [1, 1, 2, 1, 2, 1]
    flags = [Application.objects.get(pk=c.pk).volume_flag for c in cases]
    assert flags == [False, False, True, False, True, False]
