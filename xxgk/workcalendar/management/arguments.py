"""Parsing of command-line values shared by the calendar, deadline and fee commands."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError

from xxgk.lib.deadlines import Pause, PauseKind

BAD_INPUT = 2  # exit status for bad input, like argparse

PAUSE_KIND_WORDS = {
    **{kind.value: kind for kind in PauseKind},
    "第三方": PauseKind.THIRD_PARTY,
    "其他机关": PauseKind.OTHER_AGENCY,
    "收费": PauseKind.FEE,
    "说明理由": PauseKind.MASS_REQUEST,
    "其他": PauseKind.OTHER,
}


def bad_input(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def parse_date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise bad_input(f"{what}“{value}”无效：应为 YYYY-MM-DD 格式的真实日期。") from None


def parse_pause(value: str) -> Pause:
    """Parse FROM:TO or FROM:TO:KIND (kind: third_party/第三方, other_agency/其他机关, …)."""
    parts = value.split(":")
    if len(parts) not in (2, 3):
        raise bad_input(f"暂停期间“{value}”无效：应为 开始日:结束日 或 开始日:结束日:类型。")
    start = parse_date(parts[0], "暂停开始日")
    end = parse_date(parts[1], "暂停结束日")
    kind = PauseKind.OTHER
    if len(parts) == 3:
        found = PAUSE_KIND_WORDS.get(parts[2].strip())
        if found is None:
            raise bad_input(
                f"暂停类型“{parts[2]}”无效，可选：第三方、其他机关、收费、说明理由、其他。"
            )
        kind = found
    try:
        return Pause(start, end, kind)
    except ValueError as exc:
        raise bad_input(str(exc)) from None


def parse_count(value: str, what: str, *, minimum: int) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise bad_input(f"{what}“{value}”无效：应为整数。") from None
    if number < minimum:
        raise bad_input(f"{what}不能小于 {minimum}（收到 {number}）。")
    return number
