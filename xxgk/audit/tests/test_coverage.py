"""No service can write an event row without its audit row.

Every app's event model inherits AuditedEvent (whose save() appends the audit row), and no
code writes event rows past save() (bulk_create, queryset update/delete, raw SQL).
"""

from __future__ import annotations

import re
from pathlib import Path

from django.apps import apps

import pytest

from xxgk.audit.models import AuditedEvent, AuditRecord

ROOT = Path(__file__).resolve().parents[2]  # the xxgk package
BYPASS = re.compile(
    r"Event\.objects\.(?:[a-z_]+\([^)]*\)\.)*(bulk_create|bulk_update|update|delete|raw)\("
    r"|INSERT INTO \w*event",
    re.IGNORECASE,
)


def our_models() -> list[type]:
    return [m for m in apps.get_models() if m.__module__.startswith("xxgk.")]


def test_every_event_model_is_audited():
    events = [m for m in our_models() if m.__name__.endswith("Event")]
    assert {m._meta.label for m in events} == {
        "accounts.AuditEvent",
        "annual_reports.ReportEvent",
        "appeals.AppealEvent",
        "applications.ApplicationEvent",
        "publications.PublicationEvent",
        "region.RegionEvent",
        "workcalendar.CalendarEvent",
    }
    assert [m._meta.label for m in events if not issubclass(m, AuditedEvent)] == []


def test_no_code_writes_event_rows_past_save():
    offenders = []
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BYPASS.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_guard_sees_a_bulk_insert():
    assert BYPASS.search("ApplicationEvent.objects.bulk_create(rows)")
    assert BYPASS.search("PublicationEvent.objects.filter(pk=1).update(data={})")
    assert not BYPASS.search("ApplicationEvent.objects.create(application=a)")


@pytest.mark.django_db
def test_an_event_written_past_save_has_no_audit_row_and_is_caught(world):
    """What the scripted test would see if a service used bulk_create: an unaudited event."""
    from xxgk.accounts.models import AuditEvent

    AuditEvent.objects.bulk_create([AuditEvent(actor=world.heidi, agency=world.a, kind="x")])
    event = AuditEvent.objects.get(kind="x")
    assert not AuditRecord.objects.filter(source=f"accounts.auditevent:{event.pk}").exists()
    AuditEvent.objects.create(actor=world.heidi, agency=world.a, kind="y")
    event = AuditEvent.objects.get(kind="y")
    assert AuditRecord.objects.filter(source=f"accounts.auditevent:{event.pk}").count() == 1
