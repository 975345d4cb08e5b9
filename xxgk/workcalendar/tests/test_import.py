"""Importing a year: all or nothing, recorded, and seen at once by the deadline command."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
import time_machine

from xxgk.errors import PermissionDenied
from xxgk.lib.workdays import OverrideRow
from xxgk.workcalendar.models import CalendarDay, CalendarEvent, CalendarYear
from xxgk.workcalendar.services import db_calendar, import_calendar_year

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def deadline_json(received: str) -> dict:
    return json.loads(run("deadline", "--received", received, "--json")[0])


def test_it_imports_nothing_when_a_row_is_bad(bad_csv: Path) -> None:
    events_before = CalendarEvent.objects.count()
    with pytest.raises(CommandError) as caught:
        run("calendar", "import", "2027", str(bad_csv))
    assert caught.value.returncode == 2
    assert "2 处错误，未导入任何数据" in str(caught.value)
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert CalendarEvent.objects.count() == events_before


def test_it_reports_bad_rows_by_line_number(bad_csv: Path) -> None:
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("calendar", "import", "2027", str(bad_csv), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "第3行：日期“2027-02-30”无效，应为 YYYY-MM-DD 格式的真实日期。",
        "第4行：是否上班的值“也许”无效，应为 上班/休息（或 true/false、1/0）。",
    ]


def test_it_makes_2027_final_after_a_good_import(good_json: Path) -> None:
    # Receipt Thu 2026-12-10: 12-11 = 1; 12-14…12-31 = 2–15; then 2027.
    before = deadline_json("2026-12-10")
    # 1-1 (元旦) is already a statutory rest day while 2027 is provisional (issue 12 item 5).
    assert (before["due"], before["provisional"]) == ("2027-01-08", True)
    out, _ = run("calendar", "import", "2027", str(good_json))
    assert out.splitlines()[0] == "已导入 2027 年日历：工作日放假 3 天，调休上班 1 天。"
    after = deadline_json("2026-12-10")
    # Now Fri 2027-01-01 is a rest day: 1-4…1-8 = 16–20.
    assert (after["due"], after["provisional"]) == ("2027-01-08", False)
    year = CalendarYear.objects.get(year=2027)
    assert (year.source, year.loaded_by) == ("国办发明电〔2026〕（测试）", "命令行")
    event = CalendarEvent.objects.get(type="year_imported", year=2027)
    assert event.data["added"] == ["2027-01-01", "2027-02-08", "2027-02-09", "2027-02-20"]


def test_it_replaces_a_year_on_reimport(good_json: Path, tmp_path: Path) -> None:
    run("calendar", "import", "2027", str(good_json))
    csv_file = tmp_path / "fix.csv"
    csv_file.write_text("日期,上班,说明\n2027-01-01,休息,元旦\n2027-01-02,休息,周六\n", "utf-8")
    out, _ = run("calendar", "import", "2027", str(csv_file))
    assert "（另有 1 行与周一至周五规则相同，已忽略）" in out
    assert list(CalendarDay.objects.filter(date__year=2027).values_list("date", flat=True)) == [
        date(2027, 1, 1)
    ]
    event = CalendarEvent.objects.filter(type="year_imported", year=2027).first()
    assert event.data["removed"] == ["2027-02-08", "2027-02-09", "2027-02-20"]


def test_it_refuses_a_missing_file_and_a_wrong_year(good_json: Path) -> None:
    with pytest.raises(CommandError, match="无法读取文件") as caught:
        run("calendar", "import", "2027", str(good_json.parent / "nope.json"))
    assert caught.value.returncode == 2
    with pytest.raises(CommandError, match="未导入任何数据"):
        run("calendar", "import", "2028", str(good_json))
    assert not CalendarYear.objects.filter(year__gte=2027).exists()


def test_it_refuses_an_import_by_a_user_who_is_not_superuser(django_user_model) -> None:
    user = django_user_model.objects.create_user(username="heidi2", password="x")
    with pytest.raises(PermissionDenied):
        import_calendar_year(
            2027, [OverrideRow(date(2027, 1, 1), False, "holiday")], actor=user, source="t"
        )
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_it_rebuilds_the_cached_calendar_after_an_import() -> None:
    assert db_calendar().is_covered(2027) is False
    import_calendar_year(
        2027, [OverrideRow(date(2027, 1, 1), False, "holiday", "元旦")], actor=None, source="t"
    )
    calendar = db_calendar()
    assert calendar.is_covered(2027) is True
    assert calendar.is_workday(date(2027, 1, 1)) is False


def test_it_shows_a_year_and_the_status() -> None:
    out, _ = run("calendar", "show", "2019")
    lines = out.splitlines()
    assert lines[0].startswith("2019 年：chinesecalendar")
    assert "2019-09-29 星期日 上班 调休上班 国庆节" in lines
    assert "2019-10-07 星期一 休息 调休放假 国庆节" in lines
    assert len(lines) == 1 + 23
    shown = run("calendar", "show", "2027")[0].splitlines()
    assert shown[0] == (
        "2027 年尚未导入官方节假日安排，暂定（调休安排未公布）："
        "期限按周一至周五、扣除《全国年节及纪念日放假办法》规定的法定节假日计算。"
    )
    assert shown[1:3] == [
        "2027-01-01 星期五 休息 法定节假日（推算） 元旦",
        "2027-02-05 星期五 休息 法定节假日（推算） 春节",
    ]
    assert len(shown) == 1 + 13
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        assert run("calendar", "status")[0].splitlines()[:2] == [
            "已导入官方节假日安排的年份：2004–2026（共 23 年）",
            "暂定年份（调休安排未公布）：2027——按《全国年节及纪念日放假办法》推算法定节假日，"
            "调休待国务院办公厅通知公布后导入。",
        ]
