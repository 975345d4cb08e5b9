"""`xxgk export cases --agency NAME --year YEAR --csv`: the cases behind table 2, for recounting."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from xxgk.agencies.lookup import find_agency
from xxgk.annual_reports.export import export_cases_csv
from xxgk.errors import DomainError


class Command(BaseCommand):
    help = "导出某机关某年度计入表二的全部申请（每件一行），供复核统计数字。"

    def add_arguments(self, parser: Any) -> None:
        sub = parser.add_subparsers(dest="what", required=True)
        cases = sub.add_parser("cases", help="依申请公开案件")
        cases.add_argument("--agency", required=True, help="机关全称、简称或网址代码")
        cases.add_argument("--year", required=True, type=int, help="报告年度")
        cases.add_argument("--csv", action="store_true", help="CSV 格式（目前唯一的格式）")
        cases.add_argument("--output", help="写入文件（默认输出到屏幕）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            agency = find_agency(options["agency"])
        except DomainError as exc:
            raise CommandError(exc.message, returncode=2) from None
        text = export_cases_csv(agency, options["year"])
        if options.get("output"):
            try:
                with open(options["output"], "w", encoding="utf-8", newline="") as fh:
                    fh.write(text)
            except OSError as exc:
                raise CommandError(f"无法写入文件：{exc.strerror}", returncode=2) from None
            self.stdout.write(f"已导出到 {options['output']}")
        else:
            sys.stdout.write(text)
