"""``xxgk region <subcommand>``: the region's status and imports (see xxgk.region.cli)."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xxgk.region.cli import EXIT_INVALID, SUBCOMMANDS


class Command(BaseCommand):
    help = "本地区年度报告：报送情况（status）、导入已公开的报告（import）"

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True, title="子命令")
        for name, module_path in SUBCOMMANDS.items():
            module = importlib.import_module(module_path)
            sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
            module.add_arguments(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        module = importlib.import_module(SUBCOMMANDS[options["subcommand"]])
        try:
            code = module.handle(options, self.stdout, self.stderr)
        except Exception as exc:  # noqa: BLE001 — the CLI promises no traceback
            self.stderr.write(f"处理时发生意外错误：{type(exc).__name__}: {exc}")
            code = EXIT_INVALID
        self.stdout.flush()
        if code:
            sys.exit(code)
