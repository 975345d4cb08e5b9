"""``xxgk region import --agency NAME DIR_OR_ZIP...``: import published reports of agencies
not on the platform, with a progress bar on stderr and a summary on stdout."""

from __future__ import annotations

import argparse
from typing import IO, Any

from xxgk.agencies.lookup import find_agency
from xxgk.errors import DomainError
from xxgk.region.cli import EXIT_INVALID, EXIT_OK, EXIT_REFUSED
from xxgk.region.imports import import_sources, path_sources
from xxgk.region.models import Region
from xxgk.region.selectors import reporting_line_of

HELP = "导入未上平台机关已公开的年度报告文件（文件、文件夹或 zip）"
BAR_WIDTH = 30


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--agency",
        required=True,
        help="主管部门或本级政府（导入地区内各机关的文件），或地区内某一机关（只导入它的文件）",
    )
    parser.add_argument("--year", type=int, help="只接受该年度的报告")
    parser.add_argument("paths", nargs="+", metavar="DIR_OR_ZIP", help="文件、文件夹或 zip")


def region_for(name: str) -> tuple[Region, Any]:
    """The region NAME manages (as 主管部门 or government), else the region NAME belongs to."""
    agency = find_agency(name)
    region = (
        Region.objects.filter(office=agency).first()
        or Region.objects.filter(government=agency).first()
    )
    if region is not None:
        return region, None
    line = reporting_line_of(agency)
    if line is None:
        raise DomainError(f"“{agency.name}”既不是主管部门，也不属于任何报送地区。")
    return line.region, agency


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        region, member = region_for(options["agency"])
        sources = list(path_sources(options["paths"]))
    except DomainError as exc:
        stderr.write(f"错误：{exc.message}\n")
        return EXIT_INVALID
    if not sources:
        stderr.write(
            "错误：没有找到可导入的报告文件（PDF、DOCX、XLSX、HTML、TXT、JSON 或 zip）。\n"
        )
        return EXIT_INVALID

    def progress(done: int, total: int, name: str, outcome: str) -> None:
        filled = BAR_WIDTH * done // total
        bar = "█" * filled + "·" * (BAR_WIDTH - filled)
        stderr.write(f"[{bar}] {done}/{total} {name}：{outcome}\n")
        stderr.flush()

    summary = import_sources(
        region, sources, actor=None, agency=member, year=options.get("year"), progress=progress
    )
    for imported in summary.imported:
        stdout.write(
            f"已导入\t{imported.agency.name}\t{imported.year}\t{imported.source_name}"
            f"\t错误{imported.errors}\t警告{imported.warnings}\n"
        )
    for name, reason in summary.refused:
        stdout.write(f"未导入\t{name}\t{reason}\n")
    stdout.write(summary.line() + "\n")
    return EXIT_REFUSED if summary.refused else EXIT_OK
