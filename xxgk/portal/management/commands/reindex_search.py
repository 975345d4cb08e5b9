"""Rebuild the portal's search index from the published items (after a restore/upgrade)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xxgk.portal import finder


class Command(BaseCommand):
    help = "按已发布信息重建全文检索索引（恢复备份或升级后使用）。"

    def handle(self, *args: Any, **options: Any) -> None:
        count = finder.reindex_all()
        self.stdout.write(f"已重建检索索引：{count} 条已发布信息。")
