"""`xxgk fee per-request N` / `xxgk fee per-page N`: 信息处理费 under 国办函〔2020〕109号.

Prints the amount in 元 with two decimals (e.g. `100.00`), the form used on a 收费通知书;
`per-page --detail` first prints the bands that make up the amount.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xxgk.lib.fees import (
    PER_PAGE_SCALE,
    explain,
    format_yuan,
    per_page_fee,
    per_request_fee,
)
from xxgk.workcalendar.management.arguments import parse_count


class Command(BaseCommand):
    help = "计算政府信息公开信息处理费（国办函〔2020〕109号），单位：元。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="method", required=True, metavar="per-request|per-page")
        per_request = sub.add_parser("per-request", help="按件计收：本自然月第 N 件申请的费用")
        per_request.add_argument("n", metavar="N")
        per_page = sub.add_parser("per-page", help="按量计收：N 页的费用")
        per_page.add_argument("n", metavar="N")
        per_page.add_argument("--detail", action="store_true", help="同时列出分档计算")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["method"] == "per-request":
            n = parse_count(options["n"], "申请的序号", minimum=1)
            self.stdout.write(format_yuan(per_request_fee(n)))
        else:
            n = parse_count(options["n"], "页数", minimum=0)
            if options["detail"]:
                for line in explain(PER_PAGE_SCALE, n):
                    self.stdout.write(line)
            self.stdout.write(format_yuan(per_page_fee(n)))
