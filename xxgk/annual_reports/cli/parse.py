"""``xxgk report parse FILE [--json]``: read a published report (or our JSON) and show it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import IO, Any

from xxgk.annual_reports.cli import EXIT_OK, EXIT_UNREADABLE
from xxgk.annual_reports.data import CellSource, ReportData
from xxgk.annual_reports.schema import FORMATS

HELP = "读取年度报告文件（文本、HTML、PDF、DOCX、XLSX 或 JSON），输出各单元格"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="报告文件路径")
    parser.add_argument("--json", action="store_true", help="按交换格式输出 JSON")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    # Imported here: `xxgk report --help` and the other subcommands start without the readers.
    from xxgk.annual_reports.rules import validate
    from xxgk.ingestion.base import ReportReadError
    from xxgk.ingestion.read import read_report

    try:
        report = read_report(options["file"])
    except ReportReadError as exc:
        stderr.write(f"无法读取报告 {Path(options['file']).name}：{exc.message}\n")
        return EXIT_UNREADABLE
    report.findings = report.findings + validate(report)
    if options.get("json"):
        data = report.to_json()
        # Where each cell came from (issue 13): page/table/row or text line, and how sure.
        data["provenance"] = {code: s.to_json() for code, s in report.provenance.items()}
        stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
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
        source = report.provenance.get(code)
        place = f"  ← {source.place}" if source and source.place else ""
        lines.append(f"  {code} = {'空' if value is None else value}{place}{_how(source)}")
    errors = sum(1 for f in report.findings if f.severity == "error")
    lines.append(f"发现：{errors} 个错误，{len(report.findings) - errors} 个警告")
    lines.extend(f"  {f.line()}" for f in report.findings)
    return "\n".join(lines) + "\n"


def _how(source: CellSource | None) -> str:
    if source is None or source.how == "exact":
        return ""
    if source.how == "ocr" and source.confidence is not None:
        return f"（OCR 置信度 {source.confidence:.0f}%）"
    return "（按勾稽关系拆分）" if source.how == "balance" else ""
