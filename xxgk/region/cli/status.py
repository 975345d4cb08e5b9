"""``xxgk region status --agency NAME --year Y [--json]``: one row per agency of the region."""

from __future__ import annotations

import argparse
import json
from typing import IO, Any

from xxgk.agencies.lookup import find_agency
from xxgk.errors import DomainError
from xxgk.lib.dates import chinese_date
from xxgk.region.cli import EXIT_INVALID, EXIT_OK
from xxgk.region.selectors import RegionRow, region_rows, reporting_line_of

HELP = "本地区年度报告报送情况：主管部门（或上级监督机关）下每个机关一行"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--agency", required=True, help="主管部门、本级政府、上级机关或地区内任一机关的名称"
    )
    parser.add_argument("--year", required=True, type=int, help="报告年度，如 2025")
    parser.add_argument("--json", action="store_true", help="输出 JSON 数组")


def rows_for(name: str, year: int) -> list[RegionRow]:
    """Rows of the region NAME manages or supervises; for a member agency, its 主管部门's rows."""
    agency = find_agency(name)
    rows = region_rows(agency, year)
    if not rows:
        line = reporting_line_of(agency)
        if line is not None:
            rows = region_rows(line.region.office, year)
    return rows


def _text_row(row: RegionRow) -> str:
    late = "按时" if row.days_late == 0 else f"逾期{row.days_late}天"
    published = chinese_date(row.published_on) if row.published_on else "—"
    return (
        f"{row.agency.name}\t{row.kind_label}\t{row.status_label}\t截止{chinese_date(row.due)}"
        f"\t发布{published}\t{late}\t错误{row.errors}\t警告{row.warnings}"
    )


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        rows = rows_for(options["agency"], options["year"])
    except DomainError as exc:
        stderr.write(f"错误：{exc.message}\n")
        return EXIT_INVALID
    if options.get("json"):
        stdout.write(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not rows:
        stdout.write(f"“{options['agency']}”下没有报送年度报告的机关。\n")
        return EXIT_OK
    for row in rows:
        stdout.write(_text_row(row) + "\n")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status_label] = counts.get(row.status_label, 0) + 1
    stdout.write(
        f"共 {len(rows)} 个机关：" + "，".join(f"{k}{v}" for k, v in counts.items()) + "\n"
    )
    return EXIT_OK
