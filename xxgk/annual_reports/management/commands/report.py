"""``xxgk report <subcommand>``: parse, check and render annual reports.

Subcommands live in ``xxgk.annual_reports.cli`` (one module each, see ``SUBCOMMANDS``). Any
unexpected failure is reported as one Chinese line with exit code 2, never a traceback.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xxgk.annual_reports.cli import EXIT_UNREADABLE, SUBCOMMANDS


class Command(BaseCommand):
    help = "政府信息公开工作年度报告：读取（parse）、校验（check）、输出（render）"

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
            self.stderr.write(f"处理报告时发生意外错误：{type(exc).__name__}: {exc}")
            code = EXIT_UNREADABLE
        self.stdout.flush()
        if code:
            sys.exit(code)
