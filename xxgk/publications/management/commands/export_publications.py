"""`xxgk export_publications --agency NAME --format json|atom|rss [--year Y] [--output FILE]`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xxgk.agencies.models import Agency
from xxgk.publications.exports import feed_bytes, json_export


class Command(BaseCommand):
    help = "导出已发布的主动公开信息（JSON 供外部平台上传；Atom/RSS 订阅）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="机关全称或网址代码")
        parser.add_argument("--format", choices=["json", "atom", "rss"], default="json")
        parser.add_argument("--year", type=int, help="只导出该年度发布的信息（仅 JSON）")
        parser.add_argument("--output", help="输出文件（默认输出到屏幕）")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["agency"].strip()
        agency = (
            Agency.objects.filter(name=name).first() or Agency.objects.filter(code=name).first()
        )
        if agency is None:
            raise CommandError(f"找不到机关“{name}”：请使用机关全称或网址代码。", returncode=2)
        if options["format"] == "json":
            data = json.dumps(json_export(agency, options["year"]), ensure_ascii=False, indent=2)
            payload = data.encode("utf-8")
        else:
            payload = feed_bytes(agency, options["format"])
        if options["output"]:
            try:
                Path(options["output"]).write_bytes(payload)
            except OSError as exc:
                raise CommandError(f"无法写入文件：{exc.strerror}", returncode=2) from None
            self.stdout.write(f"已导出到 {options['output']}。")
        else:
            self.stdout.write(payload.decode("utf-8"))
