"""``xxgk report compute --agency NAME --year YEAR [--format F] [--json]``: the report from the records."""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

from xxgk.agencies.lookup import find_agency
from xxgk.annual_reports.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from xxgk.annual_reports.compute import DataProblemsError, compute_report
from xxgk.annual_reports.drafting import draft_sections
from xxgk.annual_reports.rules import Rule, validate
from xxgk.annual_reports.schema import FORMATS
from xxgk.errors import DomainError

HELP = "从本系统的业务记录计算某机关某年度的年度报告（每个数字都来自记录）"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--agency", required=True, help="机关全称、简称或网址代码")
    parser.add_argument("--year", required=True, type=int, help="报告年度")
    parser.add_argument("--format", choices=["2019", "2021"], help="报告格式（默认按年度）")
    parser.add_argument("--json", action="store_true", help="输出 JSON（report-cells.md 约定）")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        agency = find_agency(options["agency"])
        computed = compute_report(agency, options["year"], options.get("format"))
    except DataProblemsError as exc:
        stderr.write(exc.message + "\n")
        for problem in exc.problems:
            stderr.write(f"  - {problem.label}：{problem.message} {problem.url}\n")
        return EXIT_ERRORS
    except DomainError as exc:
        stderr.write(exc.message + "\n")
        return EXIT_UNREADABLE
    report = computed.report
    report.sections = draft_sections(computed.facts)
    # A computed report is undated until it is approved and published.
    report.findings = [f for f in validate(report) if f.code != Rule.DATE_MISSING.value]
    errors = sum(1 for f in report.findings if f.severity == "error")
    if options.get("json"):
        stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n")
        return EXIT_ERRORS if errors else EXIT_OK
    stdout.write(f"{report.title}（{FORMATS[report.format].name}）\n")
    for code in FORMATS[report.format].cell_codes():
        value = report.cells.get(code)
        if value:
            stdout.write(f"  {code} = {value}\n")
    stdout.write("  （未列出的单元格均为 0）\n")
    for finding in report.findings:
        stdout.write(finding.line() + "\n")
    stdout.write(f"共 {errors} 个错误，{len(report.findings) - errors} 个警告\n")
    return EXIT_ERRORS if errors else EXIT_OK
