"""``xxgk region scorecard --agency NAME --year Y [--json] [--xlsx OUT]``: the region's ranking.

One row per agency of NAME's region: ``score``, ``rank`` and ``indicators`` (code, weight,
passed, reason). ``--xlsx OUT`` also writes the ranking workbook (排名 + 指标 sheets).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import IO, Any

from xxgk.agencies.lookup import find_agency
from xxgk.annual_reports.region_scope import region_agencies
from xxgk.annual_reports.render.scorecard import scorecard_xlsx
from xxgk.annual_reports.scorecard import reasons
from xxgk.annual_reports.scoring import region_scorecard
from xxgk.errors import DomainError

HELP = "对地区内各单位的年度报告逐项评估计分、排名并说明原因"
EXIT_OK, EXIT_UNREADABLE = 0, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--agency", required=True, help="本级政府、主管部门或上级机关（全称、简称或网址代码）"
    )
    parser.add_argument("--year", required=True, type=int, help="报告年度")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--xlsx", metavar="OUT", help="同时导出 XLSX 排名表")


def handle(options: dict[str, Any], stdout: IO[str], stderr: IO[str]) -> int:
    try:
        root = find_agency(options["agency"])
    except DomainError as exc:
        stderr.write(exc.message + "\n")
        return EXIT_UNREADABLE
    year = options["year"]
    cards = region_scorecard(region_agencies(root), year)
    if options.get("xlsx"):
        out = Path(options["xlsx"])
        try:
            out.write_bytes(scorecard_xlsx(f"{root.name}{year}年度年报评估", cards))
        except OSError as exc:
            stderr.write(f"无法写入 {out}：{exc.strerror}\n")
            return EXIT_UNREADABLE
    if options.get("json"):
        rows = [c.to_json() for c in cards]
        stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return EXIT_OK
    stdout.write(f"{root.name}{year}年度年报评估（{len(cards)}个单位）\n")
    for card in cards:
        stdout.write(f"{card.rank:>4}. {card.agency} {card.score}分：{reasons(card)}\n")
    return EXIT_OK
