"""Shared fixtures: the two-agency world of personas (xxgk/testing.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from xxgk.testing import World, make_world


@pytest.fixture
def world(db: None) -> World:
    return make_world()


@pytest.fixture(scope="session", autouse=True)
def _end_stray_database_sessions(
    django_db_setup: None, django_db_blocker: object
) -> Iterator[None]:
    """End sessions the live-server threads of the browser tests leave open on PostgreSQL.

    Otherwise dropping the test database at the end of the run fails with "database is
    being accessed by other users". Runs before django_db_setup's teardown (it depends on it).
    """
    yield
    from django.db import connection

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
