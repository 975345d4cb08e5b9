"""`xxgk restore FILE`: restore a backup into an empty installation, then verify the trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.audit import services as audit
from xxgk.backup import archive
from xxgk.errors import DomainError


class Command(BaseCommand):
    help = "从备份恢复（只能恢复到空的安装），恢复后校验审计链。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="xxgk backup 生成的备份文件")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = archive.restore(Path(options["file"]))
        except (DomainError, OSError) as exc:
            raise CommandError(f"恢复失败：{exc}", returncode=2) from None
        verdict = audit.verify()
        if verdict.problem is not None:
            raise CommandError(f"已恢复，但审计链校验失败：{verdict.problem.message}", returncode=1)
        audit.record(
            "backup.restored",
            actor=None,
            after={"created_at": result.manifest.get("created_at"), "engine": result.engine},
        )
        self.stdout.write(
            f"已恢复（{result.engine}，上传文件 {result.media_files} 个）；"
            f"审计链完整：共 {verdict.rows} 条记录。"
        )
