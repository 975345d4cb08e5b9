"""`xxgk stats publications --agency NAME --year YEAR [--json]`."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.agencies.models import Agency
from xxgk.publications.stats import publication_stats


class Command(BaseCommand):
    # Read-only: calendar warnings of the system checks would clutter the JSON users pipe on.
    requires_system_checks: list[str] = []
    help = "统计数据：publications = 主动公开信息（总数、按渠道、按类别、超期公开）。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, title="统计对象")
        pubs = sub.add_parser("publications", help="主动公开信息", called_from_command_line=True)
        pubs.add_argument("--agency", required=True, help="机关全称或网址代码")
        pubs.add_argument("--year", required=True, type=int, help="年度，如 2019")
        pubs.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["agency"].strip()
        agency = (
            Agency.objects.filter(name=name).first() or Agency.objects.filter(code=name).first()
        )
        if agency is None:
            raise CommandError(f"找不到机关“{name}”：请使用机关全称或网址代码。", returncode=2)
        year = options["year"]
        if not 1990 <= year <= 2100:
            raise CommandError(f"年度“{year}”无效。", returncode=2)
        stats = publication_stats(agency, year)
        if options["json"]:
            self.stdout.write(json.dumps(stats, ensure_ascii=False))
            return
        self.stdout.write(f"{agency.name}{year}年主动公开信息共{stats['total']}条。")
        for label, key in (("按渠道", "by_channel"), ("按类别", "by_category")):
            parts = "，".join(f"{k}{v}条" for k, v in stats[key].items()) or "无"
            self.stdout.write(f"{label}：{parts}")
        self.stdout.write(f"超过20个工作日公开（《条例》第二十六条）：{stats['late']}条")
