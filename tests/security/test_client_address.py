"""Issue 11 defect 2: behind trusted proxies each client has its own limits and lockout."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

import pytest

from xxgk.clientip import client_ip
from xxgk.testing import PASSWORD


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "127.0.0.1"),  # no proxy configured: the header is not trusted
        (1, "203.0.113.7", "203.0.113.7"),  # nginx appended what it saw
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # a forged left part is ignored
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # load balancer + nginx
        (2, "203.0.113.7", "127.0.0.1"),  # too short: did not pass both proxies
    ],
)
def test_it_reads_the_address_the_trusted_proxies_saw(proxies, forwarded, expected) -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(TRUSTED_PROXIES=proxies):
        assert client_ip(request) == expected


@override_settings(TRUSTED_PROXIES=1)
def test_it_keeps_one_visitors_track_limit_from_blocking_another(world) -> None:
    cache.clear()
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    noisy = Client(HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    codes = [noisy.post("/track/", {"code": "AAAABBBBCCCCDDDD"}).status_code for _ in range(21)]
    assert codes[-1] == 429
    other = Client(HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy)
    assert other.post("/track/", {"code": "AAAABBBBCCCCDDDD"}).status_code == 404


@override_settings(TRUSTED_PROXIES=1, AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_it_locks_out_by_username_and_address_so_nobody_can_lock_anyone_out(world) -> None:
    from axes.models import AccessAttempt

    cache.clear()
    attacker = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(4):
        attacker.post("/backoffice/login/", {"username": "alice", "password": "wrong"})
    locked = attacker.post("/backoffice/login/", {"username": "alice", "password": PASSWORD})
    assert locked.status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", "username")) == [
        ("198.51.100.66", "alice")
    ]
    alice = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    response = alice.post("/backoffice/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert get_user_model().objects.get(username="alice").last_login is not None
