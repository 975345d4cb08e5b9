"""``xxgk report parse FILE [--json]``: read a published report (or our JSON) and show it."""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

from xxgk.annual_reports.cli import EXIT_OK, EXIT_UNREADABLE
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.rules import validate
from xxgk.annual_reports.schema import FORMATS
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import read_report

HELP = "读取年度报告文件（文本、HTML、PDF、DOCX、XLSX 或 JSON），输出各单元格"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="报告文件路径")
    parser.add_argument("--json", action="store_true", help="按交换格式输出 JSON")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        report = read_report(options["file"])
    except ReportReadError as exc:
        stderr.write(f"无法读取报告：{exc.message}\n")
        return EXIT_UNREADABLE
    report.findings = report.findings + validate(report)
    if options.get("json"):
        stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
    else:
        stdout.write(summary(report))
    return EXIT_OK


def summary(report: ReportData) -> str:
    fmt = FORMATS[report.format]
    filled = sum(1 for code in fmt.cell_codes() if report.cells.get(code) is not None)
    lines = [
        f"机关：{report.agency or '（未识别）'}",
        f"年度：{report.year}",
        f"格式：{fmt.name}",
        f"成文日期：{report.dated.isoformat() if report.dated else '（无）'}",
        f"部分标题：{'；'.join(s.heading for s in report.sections) or '（未识别）'}",
        f"单元格：{filled}/{len(fmt.cell_codes())} 已读取",
    ]
    for code in fmt.cell_codes():
        value = report.cells.get(code)
        lines.append(f"  {code} = {'空' if value is None else value}")
    errors = sum(1 for f in report.findings if f.severity == "error")
    lines.append(f"发现：{errors} 个错误，{len(report.findings) - errors} 个警告")
    lines.extend(f"  {f.line()}" for f in report.findings)
    return "\n".join(lines) + "\n"
