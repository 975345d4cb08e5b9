"""`xxgk audit verify` / `xxgk audit anchor`.

`verify` recomputes the hash chain over every audit row, checks it against the chain head and
the anchor file, and prints the first row that was altered, deleted or inserted (exit status 1),
or a one-line summary (exit status 0). `anchor` appends the current head to the anchor file
(run it from cron, e.g. hourly, and copy the file off the machine).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from xxgk.audit import services


class Command(BaseCommand):
    help = "审计日志：校验哈希链（verify）、写入锚点（anchor）。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="verify|anchor")
        sub.add_parser("verify", help="重新计算哈希链，指出第一条被修改、删除或插入的记录")
        sub.add_parser("anchor", help="把当前链头写入锚点文件")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "anchor":
                self._anchor()
            else:
                self._verify()
        except DatabaseError:
            raise CommandError(
                "无法读取审计日志：数据库尚未初始化，请先运行 xxgk migrate。", returncode=2
            ) from None
        except services.AnchorFileError as exc:
            raise CommandError(str(exc), returncode=2) from None

    def _anchor(self) -> None:
        anchor = services.write_anchor()
        if anchor is None:
            self.stdout.write("审计日志为空，未写入锚点。")
        else:
            self.stdout.write(
                f"已写入锚点：第 {anchor.seq} 条 {anchor.hash[:16]}…（{services.anchor_path()}）"
            )

    def _verify(self) -> None:
        verdict = services.verify()
        if verdict.problem is not None:
            # Exit status 1 for a broken chain, 2 for usage/set-up errors, so cron and
            # monitoring can tell them apart.
            raise CommandError(
                f"审计链校验失败：第 {verdict.problem.seq} 条记录"
                f"{_KIND[verdict.problem.kind]}。{verdict.problem.message}",
                returncode=1,
            )
        self.stdout.write(
            f"审计链完整：共 {verdict.rows} 条记录，链头第 {verdict.last_seq} 条 "
            f"{verdict.last_hash[:16]}…"
        )


_KIND = {"altered": "被修改", "deleted": "被删除", "inserted": "被插入"}
