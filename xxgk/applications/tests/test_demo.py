from __future__ import annotations

from django.core.management import call_command

import pytest
import time_machine

from xxgk.accounts import demo as accounts_demo
from xxgk.agencies import demo as agencies_demo
from xxgk.appeals.models import Appeal
from xxgk.applications import demo
from xxgk.applications.models import Application, ApplicationEvent, Outcome
from xxgk.applications.tables import application_tables, data_problems


@pytest.mark.django_db
@time_machine.travel("2026-03-02 10:00 +0800", tick=False)
def test_it_loads_a_lawful_demo_once(capsys) -> None:
    # given
    agencies_demo.load()
    accounts_demo.load()
    # when
    demo.load()
    counts = (Application.objects.count(), ApplicationEvent.objects.count(), Appeal.objects.count())
    demo.load()
    # then
    assert (
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        Appeal.objects.count(),
    ) == counts
    zfb = Application.objects.filter(agency__code="daye-zfb")
    assert zfb.filter(received_on__year__in=[2024, 2025]).count() >= 60
    assert set(zfb.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome.values)
    assert zfb.filter(received_on__year=2025, closed_on__isnull=True).count() == 3
    assert not Application.objects.filter(agency__code="daye-kjj", received_on__year=2019).exists()
    for year in (2024, 2025):
        cells = application_tables(zfb.first().agency, year)
        assert (
            cells["t2.new.total"] + cells["t2.carried_in.total"]
            == cells["t2.total.total"] + cells["t2.carried_out.total"]
        )
        assert data_problems(zfb.first().agency, year) == []
    cells = application_tables(zfb.first().agency, 2025)
    assert cells["t2.carried_in.total"] == 3 and cells["t2.carried_out.total"] == 5
    for group in ("reconsideration", "litigation_direct", "litigation_after"):
        for column in ("upheld", "corrected", "other", "pending"):
            assert Appeal.objects.filter(route=group, result=column).exists()
    # and the digest runs on it
    call_command("remind", "--dry-run", "--date", "2026-03-02")
    out = capsys.readouterr().out
    assert "已超过答复期限的申请（3件）" in out
