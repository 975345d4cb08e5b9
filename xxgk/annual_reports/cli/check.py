"""``xxgk report check FILE|DIR|ZIP... [--previous FILE] [--json] [--xlsx OUT]``.

One file: its findings, one per line, each with the place in the file the reader took the cell
from ("第3页 表格2 第7行"); exit 0 (fine), 1 (errors) or 2 (unreadable). Several files, a folder
or a ZIP: the batch check (:mod:`xxgk.annual_reports.cli.batch`) with a progress bar, a summary
table and optionally a summary XLSX; exit 2 if any file could not be read, else 1 if any file
has errors, else 0.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import IO, Any

from xxgk.annual_reports.cli import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE

HELP = "校验年度报告（文件、文件夹或 ZIP，可多个）：逐条列出发现及其在原文件中的位置"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="+", help="报告文件、文件夹或 ZIP 压缩包")
    parser.add_argument("--previous", help="上一年度报告文件，用于核对结转数（仅单个文件时）")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--xlsx", help="批量校验时把汇总表写入该 XLSX 文件")
    parser.add_argument("--workers", type=int, help="批量校验的进程数（默认为 CPU 核数，至多 2）")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    from xxgk.annual_reports.cli.batch import is_batch

    paths = options["file"] if isinstance(options["file"], list) else [options["file"]]
    if is_batch(paths) or options.get("xlsx"):
        return _batch(paths, options, stdout, stderr)
    return _single(paths[0], options, stdout, stderr)


def _single(path: str, options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    from xxgk.annual_reports.rules import validate
    from xxgk.ingestion.base import ReportReadError
    from xxgk.ingestion.read import read_report

    try:
        report = read_report(path)
    except ReportReadError as exc:
        stderr.write(f"无法读取报告 {Path(path).name}：{exc.message}\n")
        return EXIT_UNREADABLE
    previous = None
    if options.get("previous"):
        try:
            previous = read_report(options["previous"])
        except ReportReadError as exc:
            stderr.write(f"无法读取上一年度报告 {Path(options['previous']).name}：{exc.message}\n")
            return EXIT_UNREADABLE
    findings = report.findings + validate(report, previous)
    errors = sum(1 for f in findings if f.severity == "error")
    places = {source.where: source.place for source in report.provenance.values()}
    if options.get("json"):
        payload = [{**f.to_json(), "place": places.get(f.where, "")} for f in findings]
        stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        for item in findings:
            place = places.get(item.where)
            stdout.write(item.line() + (f"（原文位置：{place}）" if place else "") + "\n")
        stdout.write(f"共 {errors} 个错误，{len(findings) - errors} 个警告\n")
    return EXIT_ERRORS if errors else EXIT_OK


def _batch(paths: list[str], options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    from xxgk.annual_reports.cli.batch import run_batch, summary_table, summary_xlsx

    results = run_batch(paths, stderr, options.get("workers"))
    if options.get("json"):
        stdout.write(
            json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1) + "\n"
        )
    else:
        stdout.write(summary_table(results))
    if options.get("xlsx"):
        out = Path(options["xlsx"])
        try:
            out.write_bytes(summary_xlsx(results))
        except OSError as exc:
            stderr.write(f"无法写入文件 {out}：{exc.strerror or exc}\n")
            return EXIT_UNREADABLE
        stderr.write(f"汇总表已写入 {out}\n")
    if any(r.status == "unreadable" for r in results):
        return EXIT_UNREADABLE
    return EXIT_ERRORS if any(r.status == "errors" for r in results) else EXIT_OK
