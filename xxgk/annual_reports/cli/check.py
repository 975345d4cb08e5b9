"""``xxgk report check FILE [--previous FILE]``: findings, one per line; exit 0/1/2."""

from __future__ import annotations

import argparse
from typing import IO, Any

from xxgk.annual_reports.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from xxgk.annual_reports.rules import validate
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import read_report

HELP = "校验年度报告：逐行列出发现（代码 级别 位置：消息）；有错误时退出码为 1"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="报告文件路径")
    parser.add_argument("--previous", help="上一年度报告文件，用于核对结转数")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        report = read_report(options["file"])
        previous = read_report(options["previous"]) if options.get("previous") else None
    except ReportReadError as exc:
        stderr.write(f"无法读取报告：{exc.message}\n")
        return EXIT_UNREADABLE
    findings = report.findings + validate(report, previous)
    for item in findings:
        stdout.write(item.line() + "\n")
    errors = sum(1 for f in findings if f.severity == "error")
    stdout.write(f"共 {errors} 个错误，{len(findings) - errors} 个警告\n")
    return EXIT_ERRORS if errors else EXIT_OK
