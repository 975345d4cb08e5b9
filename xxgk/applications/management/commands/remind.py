"""`xxgk remind [--dry-run] [--date YYYY-MM-DD]`: each agency's daily digest of due cases."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.applications.reminders import send_digests


class Command(BaseCommand):
    help = "向各机关的承办人员发送即将到期和已超期申请的每日提醒邮件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="只打印，不发送。")
        parser.add_argument("--date", help="按此日期计算（YYYY-MM-DD），默认今天。")
        parser.add_argument("--agency", help="只处理此机关（网址代码）。")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"日期格式有误：“{options['date']}”，应为 YYYY-MM-DD。"
                ) from None
        agencies = Agency.objects.active()
        if options["agency"]:
            agencies = agencies.filter(code=options["agency"])
            if not agencies.exists():
                raise CommandError(f"没有网址代码为“{options['agency']}”的机关。")
        count = send_digests(
            today, dry_run=options["dry_run"], agencies=list(agencies), out=self.stdout.write
        )
        verb = "需提醒" if options["dry_run"] else "已发送提醒"
        self.stdout.write(f"{today:%Y-%m-%d}：{count} 个机关{verb}。")
