"""`xxgk publish_scheduled`: put scheduled items online when their time has come (cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xxgk.publications.services import run_scheduled


class Command(BaseCommand):
    help = "发布到达定时发布时间的主动公开信息（供定时任务每几分钟运行一次）。"

    def handle(self, *args: Any, **options: Any) -> None:
        done = run_scheduled()
        self.stdout.write(f"已发布{len(done)}条定时发布的信息。")
