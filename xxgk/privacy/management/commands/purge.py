"""`xxgk purge [--before DATE]`: remove applicants' personal data after the retention period.

Cases closed before DATE lose the applicant's ID, phone, e-mail, address, contact names (and a
natural person's name); the annual-report statistics are unchanged. DATE defaults to, and may
not be later than, today minus XXGK_PERSONAL_DATA_RETENTION_YEARS.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.errors import DomainError
from xxgk.privacy import services


class Command(BaseCommand):
    help = "清除保存期限已满的已办结申请中的申请人个人信息（统计数据保留）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--before", metavar="DATE", help="清除此日期（YYYY-MM-DD）之前办结的申请"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        before = None
        if options["before"]:
            try:
                before = date.fromisoformat(options["before"].strip())
            except ValueError:
                raise CommandError(
                    f"日期“{options['before']}”无效，应写成 2020-12-31 的形式。", returncode=2
                ) from None
        try:
            result = services.purge_personal_data(before=before)
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"已清除 {result.cases} 件 {result.cutoff.isoformat()} 之前办结的申请中的个人信息。"
        )
