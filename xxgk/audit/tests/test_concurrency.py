"""Concurrent writers never fork the chain (appends are serialised on the head row)."""

from __future__ import annotations

import threading

from django.db import connection, transaction

import pytest

from xxgk.audit import services
from xxgk.audit.models import AuditHead, AuditRecord

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 4
EACH = 10


def test_concurrent_appends_keep_one_chain():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        # Threads cannot share pytest's in-memory SQLite database. On SQLite the guarantee is
        # that every transaction begins IMMEDIATE (takes the write lock first), so appends
        # are serialised by the database itself; the threaded run below is the PostgreSQL leg.
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    # Start without the head row, as after a flushed database: the writers race to create it.
    AuditHead.objects.all().delete()
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            barrier.wait()
            for i in range(EACH):
                with transaction.atomic():
                    services.record(f"test.write.{n}", actor=f"thread{n}", after={"i": i})
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditRecord.objects.count() == THREADS * EACH
    assert services.verify().ok
