"""`xxgk calendar import YEAR FILE` / `xxgk calendar show YEAR` / `xxgk calendar status`.

Import formats (JSON or CSV) are documented in docs/deadlines.md. A file with any bad row
imports nothing and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, transaction
from django.utils import timezone

from xxgk.applications.services import recompute_open_deadlines
from xxgk.errors import DomainError
from xxgk.lib.calendar_files import CalendarFileError, parse_calendar_file
from xxgk.lib.statutory_holidays import PROVISIONAL_REASON, statutory_holidays
from xxgk.lib.workdays import weekday_name
from xxgk.workcalendar.checks import check_calendar_years
from xxgk.workcalendar.management.arguments import bad_input, parse_count
from xxgk.workcalendar.models import CalendarDay, CalendarYear
from xxgk.workcalendar.services import import_calendar_year, provisional_years


def _ranges(years: list[int]) -> str:
    """Return "2004–2026、2028" for [2004, …, 2026, 2028] (sorted input)."""
    parts: list[str] = []
    i = 0
    while i < len(years):
        j = i
        while j + 1 < len(years) and years[j + 1] == years[j] + 1:
            j += 1
        parts.append(str(years[i]) if i == j else f"{years[i]}–{years[j]}")
        i = j + 1
    return "、".join(parts)


class Command(BaseCommand):
    help = "管理工作日历（国务院办公厅节假日安排）：导入、查看、状态。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="import|show|status")
        importer = sub.add_parser("import", help="从 JSON/CSV 文件导入一年的节假日安排")
        importer.add_argument("year", metavar="YEAR")
        importer.add_argument("file", metavar="FILE")
        importer.add_argument("--source", default="", help="来源说明，如通知文号（默认为文件名）")
        show = sub.add_parser("show", help="列出一年的调休日")
        show.add_argument("year", metavar="YEAR")
        sub.add_parser("status", help="列出已导入日历的年份")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except DatabaseError:
            raise bad_input("无法读取工作日历：数据库尚未初始化，请先运行 xxgk migrate。") from None

    def _import(self, options: dict[str, Any]) -> None:
        year = parse_count(options["year"], "年份", minimum=1949)
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise bad_input(f"无法读取文件“{path}”：文件不存在。") from None
        except IsADirectoryError:
            raise bad_input(f"无法读取文件“{path}”：这是一个目录。") from None
        except PermissionError:
            raise bad_input(f"无法读取文件“{path}”：没有读取权限。") from None
        except OSError as exc:
            raise bad_input(f"无法读取文件“{path}”：{exc.strerror}。") from None
        try:
            parsed = parse_calendar_file(path.name, content, year)
        except CalendarFileError as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise bad_input(f"文件有 {len(exc.problems)} 处错误，未导入任何数据。") from None
        source = options["source"] or parsed.source or f"文件 {path.name}"
        try:
            # One transaction: the calendar and the recomputed due dates change together.
            with transaction.atomic():
                years = import_calendar_year(year, parsed.rows, actor=None, source=source)
                # Explicit call (no hook, no signal): the case desk recomputes every stored
                # derived date of the open cases that counted through these years.
                recomputed = recompute_open_deadlines(years, actor=None)
        except DomainError as exc:
            raise bad_input(exc.message) from None
        rest = sum(1 for row in parsed.rows if not row.is_workday)
        self.stdout.write(
            f"已导入 {year} 年日历：工作日放假 {rest} 天，调休上班 {len(parsed.rows) - rest} 天"
            + (
                f"（另有 {parsed.ignored} 行与周一至周五规则相同，已忽略）"
                if parsed.ignored
                else ""
            )
            + "。"
        )
        self.stdout.write(f"已重新计算 {recomputed} 件未结案件的期限。")

    def _show(self, options: dict[str, Any]) -> None:
        year = parse_count(options["year"], "年份", minimum=1949)
        loaded = CalendarYear.objects.filter(year=year).first()
        if loaded is None:
            self.stdout.write(
                f"{year} 年尚未导入官方节假日安排，暂定（{PROVISIONAL_REASON}）："
                "期限按周一至周五、扣除《全国年节及纪念日放假办法》规定的法定节假日计算。"
            )
            try:
                holidays = statutory_holidays(year)
            except ValueError as exc:
                self.stdout.write(str(exc))
                holidays = {}
            for d, name in sorted(holidays.items()):
                self.stdout.write(
                    f"{d.isoformat()} {weekday_name(d)} 休息 法定节假日（推算） {name}"
                )
            return
        self.stdout.write(
            f"{year} 年：{loaded.source}（{timezone.localtime(loaded.loaded_at):%Y-%m-%d %H:%M}"
            f" {loaded.loaded_by}）"
        )
        for day in CalendarDay.objects.filter(date__year=year):
            self.stdout.write(
                f"{day.date.isoformat()} {weekday_name(day.date)} "
                f"{'上班' if day.is_workday else '休息'} {day.get_kind_display()} {day.note}".rstrip()
            )

    def _status(self, options: dict[str, Any]) -> None:
        years = list(CalendarYear.objects.order_by("year").values_list("year", flat=True))
        if years:
            self.stdout.write(f"已导入官方节假日安排的年份：{_ranges(years)}（共 {len(years)} 年）")
        else:
            self.stdout.write("尚未导入任何年份的官方节假日安排。")
        provisional = provisional_years(set(years), timezone.localdate().year)
        if provisional:
            self.stdout.write(
                f"暂定年份（{PROVISIONAL_REASON}）：{_ranges(provisional)}"
                "——按《全国年节及纪念日放假办法》推算法定节假日，调休待国务院办公厅通知公布后导入。"
            )
        for message in check_calendar_years():
            self.stdout.write(f"警告：{message.msg}\n  {message.hint}")
