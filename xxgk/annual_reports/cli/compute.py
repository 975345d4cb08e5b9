"""``xxgk report compute --agency NAME --year YEAR [--format F] [--aggregate] [--json]``.

The report from the records; with ``--aggregate`` the 本级政府 report summed over the region
(regional.py), whose JSON adds ``covers`` (the agencies included), ``provenance`` (for each cell
code, agency → contribution, summing to the cell), ``sources`` and ``excluded``.
"""

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
    parser.add_argument(
        "--aggregate",
        action="store_true",
        help="汇总本级政府报告：本机关业务记录 + 所辖各单位的报告（JSON 增加 covers 与 provenance）",
    )


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    if options.get("aggregate"):
        return _aggregate(options, stdout, stderr)
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


def _aggregate(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    from xxgk.annual_reports.regional import AggregateBlocked, compute_aggregate

    if options.get("format"):
        stderr.write("汇总报告的格式由年度决定，不能与 --format 同用。\n")
        return EXIT_UNREADABLE
    try:
        agency = find_agency(options["agency"])
        result = compute_aggregate(agency, options["year"])
    except DataProblemsError as exc:
        stderr.write(exc.message + "\n")
        for problem in exc.problems:
            stderr.write(f"  - {problem.label}：{problem.message} {problem.url}\n")
        return EXIT_ERRORS
    except AggregateBlocked as exc:
        stderr.write(exc.message + "\n")
        return EXIT_ERRORS
    except DomainError as exc:
        stderr.write(exc.message + "\n")
        return EXIT_UNREADABLE
    report = result.report
    errors = sum(1 for f in result.findings if f.severity == "error")
    if options.get("json"):
        payload = result.to_json() | {"findings": [f.to_json() for f in result.findings]}
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return EXIT_ERRORS if errors else EXIT_OK
    stdout.write(f"{report.title}（汇总，{FORMATS[report.format].name}）\n")
    stdout.write(f"汇总范围（{len(result.covers)}个单位）：{'、'.join(result.covers)}\n")
    for exclusion in result.excluded:
        stdout.write(f"未计入：{exclusion.agency}（{exclusion.reason}）\n")
    for code in FORMATS[report.format].cell_codes():
        value = report.cells.get(code)
        if value:
            parts = "，".join(f"{a} {v}" for a, v in result.contributions(code) if v)
            stdout.write(f"  {code} = {value}（{parts}）\n")
    stdout.write("  （未列出的单元格均为 0）\n")
    for finding in result.findings:
        stdout.write(finding.line() + "\n")
    stdout.write(f"共 {errors} 个错误，{len(result.findings) - errors} 个警告\n")
    return EXIT_ERRORS if errors else EXIT_OK
