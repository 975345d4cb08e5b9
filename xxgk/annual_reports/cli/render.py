"""``xxgk report render INPUT --to OUT.{html,docx,pdf,xlsx,json} [--format 2019|2021]``."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path
from typing import IO, Any

from xxgk.annual_reports.cli import EXIT_OK, EXIT_UNREADABLE
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import read_report

HELP = "把报告（已发布的报告或本系统 JSON）输出为 HTML、DOCX、PDF、XLSX 或 JSON"
KINDS = ("html", "docx", "pdf", "xlsx", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", help="输入的报告文件")
    parser.add_argument("--to", required=True, help="输出文件，扩展名决定格式：" + "、".join(KINDS))
    parser.add_argument("--format", choices=("2019", "2021"), help="转换为该年报格式后输出")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    out = Path(options["to"])
    kind = out.suffix.lower().lstrip(".")
    if kind not in KINDS:
        stderr.write(
            f"不支持的输出格式：{out.suffix or '（无扩展名）'}；可用：{'、'.join(KINDS)}\n"
        )
        return EXIT_UNREADABLE
    try:
        report = read_report(options["input"])
    except ReportReadError as exc:
        stderr.write(f"无法读取报告 {Path(options['input']).name}：{exc.message}\n")
        return EXIT_UNREADABLE
    if options.get("format") and options["format"] != report.format:
        from xxgk.annual_reports.convert import convert

        report = convert(report, options["format"])
    # Imported lazily: the renderers pull in fpdf2/python-docx/openpyxl.
    render = importlib.import_module("xxgk.annual_reports.render").render
    try:
        data = render(report, kind)
    except ValueError as exc:
        stderr.write(f"无法输出报告：{exc}\n")
        return EXIT_UNREADABLE
    try:
        out.write_bytes(data)
    except OSError as exc:
        stderr.write(f"无法写入文件 {out}：{exc.strerror or exc}\n")
        return EXIT_UNREADABLE
    stdout.write(f"已输出 {out}（{len(data)} 字节）\n")
    return EXIT_OK
