"""Issue 11 defect 12: staff sessions end after the idle time and at browser close."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.utils import timezone

import time_machine

from xxgk.testing import PASSWORD


def test_it_expires_a_staff_session_after_two_idle_hours_and_slides_while_working(
    client: Client, world
) -> None:
    assert settings.SESSION_COOKIE_AGE == 2 * 3600
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert client.login(username="alice", password=PASSWORD)
        assert client.get("/backoffice/").status_code == 200
        clock.shift(timedelta(minutes=110))
        assert client.get("/backoffice/").status_code == 200  # still working: slides on
        clock.shift(timedelta(minutes=110))
        assert client.get("/backoffice/").status_code == 200
        clock.shift(timedelta(minutes=121))
        response = client.get("/backoffice/")
        assert response.status_code == 302
        assert response["Location"].startswith("/backoffice/login/")


def test_it_sends_a_browser_session_cookie(client: Client, world) -> None:
    response = client.post("/backoffice/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
