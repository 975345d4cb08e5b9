"""`xxgk deadline --received DATE [--amended DATE] [--pause FROM:TO]... [--extend [DAYS]] [--json]`

Prints the Art. 33 reply due date computed with the calendar stored in the database, and
the Chinese explanation of how it was computed (docs/deadlines.md).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError

from xxgk.lib.deadlines import compute_deadline
from xxgk.lib.statutory_holidays import PROVISIONAL_REASON
from xxgk.lib.workdays import weekday_name
from xxgk.workcalendar.management.arguments import (
    bad_input,
    parse_count,
    parse_date,
    parse_pause,
)
from xxgk.workcalendar.services import db_calendar


class Command(BaseCommand):
    help = "计算依申请公开的答复期限（《条例》第三十三条），并说明计算过程。"
    requires_system_checks: list[str] = []  # keep stdout/stderr clean for scripts

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--received", help="收到申请之日 YYYY-MM-DD（《条例》第三十一条）")
        parser.add_argument("--amended", help="收到补正后申请之日 YYYY-MM-DD（期限重新计算）")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="FROM:TO[:类型]",
            help="不计入期限的期间（含首尾两日），可重复；类型：第三方、其他机关、收费、说明理由",
        )
        parser.add_argument(
            "--extend",
            nargs="?",
            const="20",
            default=None,
            metavar="DAYS",
            help="经批准延长的工作日数（省略数值即 20）",
        )
        parser.add_argument("--json", action="store_true", help="输出 JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["received"]:
            raise bad_input("请用 --received 指定收到申请之日（YYYY-MM-DD）。")
        received = parse_date(options["received"], "收到申请之日")
        amended = parse_date(options["amended"], "补正日期") if options["amended"] else None
        pauses = [parse_pause(value) for value in options["pause"]]
        extension = 0
        if options["extend"] is not None:
            extension = parse_count(options["extend"], "延长的工作日数", minimum=1)
        try:
            calendar = db_calendar()
        except DatabaseError:
            raise bad_input("无法读取工作日历：数据库尚未初始化，请先运行 xxgk migrate。") from None
        try:
            deadline = compute_deadline(
                received,
                amended=amended,
                pauses=pauses,
                extension_days=extension,
                calendar=calendar,
            )
        except ValueError as exc:
            raise bad_input(str(exc)) from None

        if options["json"]:
            self.stdout.write(json.dumps(deadline.to_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"答复期限：{deadline.due.isoformat()}（{weekday_name(deadline.due)}）")
        if deadline.extended_due:
            self.stdout.write(
                f"延长后的答复期限：{deadline.extended_due.isoformat()}"
                f"（{weekday_name(deadline.extended_due)}）"
            )
        if deadline.provisional:
            years = "、".join(f"{y}年" for y in deadline.provisional_years)
            self.stdout.write(
                f"暂定期限（{PROVISIONAL_REASON}）：{years}的官方节假日安排尚未导入，"
                "已按法定节假日计算。"
            )
        self.stdout.write("计算说明：")
        for number, step in enumerate(deadline.steps, start=1):
            self.stdout.write(f"  {number}. {step.text}")
