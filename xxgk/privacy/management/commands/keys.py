"""`xxgk keys generate` / `xxgk keys rotate`: the keys that encrypt applicants' personal data.

Rotation: generate a key, put it FIRST in XXGK_DATA_KEYS (keep the old ones after it), restart,
run `xxgk keys rotate` (re-encrypts every value under the new key), then remove the old keys.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from xxgk.privacy import keys, services


class Command(BaseCommand):
    help = "个人信息加密密钥：生成新密钥（generate）、用第一个密钥重新加密全部数据（rotate）。"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="generate|rotate")
        sub.add_parser("generate", help="生成一个新密钥（打印到标准输出）")
        sub.add_parser("rotate", help="用 XXGK_DATA_KEYS 的第一个密钥重新加密全部个人信息")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "generate":
            self.stdout.write(keys.new_key())
            return
        try:
            result = services.rotate_keys()
        except DatabaseError:
            raise CommandError(
                "无法读取数据库：数据库尚未初始化，请先运行 xxgk migrate。", returncode=2
            ) from None
        self.stdout.write(
            f"已用当前密钥重新加密 {result.rows} 条记录中的 {result.values} 项个人信息。"
        )
