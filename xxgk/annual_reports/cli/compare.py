"""``xxgk report compare OLD NEW [--threshold 0.5] [--json]``: two years of one agency."""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

from xxgk.annual_reports.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE

HELP = "比对同一机关两个年度的报告：结转衔接、现行有效件数连续性、大幅变化、照搬上年文字"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", help="上一年度报告文件")
    parser.add_argument("new", help="本年度报告文件")
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.5,
        help="数字变化超过该比例（相对两年中较大者）即提示，默认 0.5",
    )
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    from xxgk.annual_reports.compare import compare
    from xxgk.ingestion.base import ReportReadError
    from xxgk.ingestion.read import read_report

    reports = []
    for key in ("old", "new"):
        try:
            reports.append(read_report(options[key]))
        except ReportReadError as exc:
            stderr.write(f"无法读取报告 {options[key]}：{exc.message}\n")
            return EXIT_UNREADABLE
    old, new = reports
    findings = compare(old, new, options.get("threshold") or 0.5)
    errors = sum(1 for f in findings if f.severity == "error")
    if options.get("json"):
        payload = {
            "old": {"agency": old.agency, "year": old.year, "format": old.format},
            "new": {"agency": new.agency, "year": new.year, "format": new.format},
            "findings": [f.to_json() for f in findings],
        }
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        stdout.write(
            f"{old.agency}{old.year}年度 → {new.agency}{new.year}年度\n"
            + "".join(f.line() + "\n" for f in findings)
            + f"共 {errors} 个错误，{len(findings) - errors} 个警告\n"
        )
    return EXIT_ERRORS if errors else EXIT_OK
