"""`xxgk backup --to FILE`: database, uploaded files and audit anchors in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.backup import archive
from xxgk.errors import DomainError


class Command(BaseCommand):
    help = "备份：数据库、上传文件和审计锚点写入一个压缩包（不含加密密钥）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--to", required=True, metavar="FILE", help="备份文件（.tar.gz）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = archive.backup(Path(options["to"]))
        except (DomainError, OSError) as exc:
            raise CommandError(f"备份失败：{exc}", returncode=2) from None
        self.stdout.write(
            f"已备份到 {result.path}（{result.engine}，审计链第 {result.audit_seq} 条，"
            f"上传文件 {result.media_files} 个）。"
        )
