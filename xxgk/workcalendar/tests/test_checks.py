"""System check workcalendar.W001: next year's calendar missing from 1 November."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import connection

import pytest
import time_machine

from xxgk.lib.workdays import OverrideRow
from xxgk.workcalendar.checks import check_calendar_years
from xxgk.workcalendar.models import CalendarYear
from xxgk.workcalendar.services import import_calendar_year

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def ids() -> list[str]:
    return [message.id for message in check_calendar_years()]


@time_machine.travel(datetime(2026, 11, 27, 10, tzinfo=SHANGHAI), tick=False)
def test_it_warns_about_2027_after_1_november() -> None:
    messages = check_calendar_years()
    assert [m.id for m in messages] == ["workcalendar.W001"]
    assert "尚未导入 2027 年的官方节假日安排" in messages[0].msg


@time_machine.travel(datetime(2026, 10, 31, 10, tzinfo=SHANGHAI), tick=False)
def test_it_is_silent_in_october() -> None:
    assert ids() == []


@time_machine.travel(datetime(2026, 11, 27, 10, tzinfo=SHANGHAI), tick=False)
def test_it_is_silent_once_2027_is_loaded() -> None:
    import_calendar_year(
        2027, [OverrideRow(date(2027, 1, 1), False, "holiday")], actor=None, source="t"
    )
    assert ids() == []


@time_machine.travel(datetime(2027, 3, 1, 10, tzinfo=SHANGHAI), tick=False)
def test_it_warns_when_the_current_year_is_missing() -> None:
    assert ids() == ["workcalendar.W002"]


@time_machine.travel(datetime(2026, 11, 27, 10, tzinfo=SHANGHAI), tick=False)
def test_it_only_warns_in_manage_py_check() -> None:
    err = StringIO()
    call_command("check", stdout=StringIO(), stderr=err)  # raises SystemCheckError on errors
    assert "workcalendar.W001" in err.getvalue()


def test_it_does_not_query_a_database_without_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection.introspection, "table_names", lambda *a, **k: [])
    assert check_calendar_years() == []
    assert CalendarYear.objects.count() == 23  # the seed is untouched
