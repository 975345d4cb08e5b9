"""Issue 16: no database connection crosses a fork (xxgk/forking.py, `xxgk serve`)."""

from __future__ import annotations

import os
import sys
from unittest import mock

from django.core.management import call_command
from django.db import connection, connections

import pytest

from xxgk import gunicorn_conf
from xxgk.forking import discard_inherited

# Transactional: a connection closed inside the test transaction could not be reopened.
pytestmark = pytest.mark.django_db(transaction=True)


def _query() -> object:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()


def test_a_forked_child_drops_the_connection_without_breaking_the_parents() -> None:
    assert _query() == (1,)
    pid = os.fork()
    if pid == 0:  # the child: exit at once, whatever happens
        code = 3
        try:
            gunicorn_conf.post_fork(None, None)
            code = 0 if connection.connection is None else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    # On PostgreSQL a normal close in the child would have ended the parent's session.
    assert _query() == (1,)


def test_discarding_twice_or_with_no_connection_is_harmless() -> None:
    assert _query() == (1,)
    pid = os.fork()
    if pid == 0:
        code = 3
        try:
            discard_inherited()
            discard_inherited()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert _query() == (1,)


def test_serve_closes_the_checks_connection_before_gunicorn_forks() -> None:
    assert _query() == (1,)
    seen: dict[str, object] = {}

    close_all = mock.Mock(wraps=connections.close_all)

    def fake_run() -> None:  # gunicorn's entry point: record the state at fork time
        seen["closed"] = close_all.call_count
        seen["connection"] = connection.connection
        seen["argv"] = list(sys.argv)

    argv = sys.argv
    try:
        with (
            mock.patch("gunicorn.app.wsgiapp.run", fake_run),
            mock.patch.object(connections, "close_all", close_all),
        ):
            call_command("serve", "--workers", "4", "--bind", "127.0.0.1:0")
    finally:
        sys.argv = argv
    assert seen["closed"] == 1
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        assert seen["connection"] is None  # (Django never closes an in-memory SQLite database)
    assert seen["argv"][seen["argv"].index("--config") + 1] == "python:xxgk.gunicorn_conf"
    assert seen["argv"][seen["argv"].index("--workers") + 1] == "4"
