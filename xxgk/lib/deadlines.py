"""The statutory clock of a disclosure-on-request case, as one pure function.

《政府信息公开条例》(2019):
* Art. 33: reply within 20 working days of receipt; with the approval of the 政府信息公开工作
  机构负责人 the period may be extended by at most 20 working days. Time spent consulting a
  third party or another agency is not counted (Art. 33 para 3).
* Art. 30: a 补正 notice goes out within 7 working days of receipt; the reply period then runs
  from the day the amended application is received.
* Art. 32 / 34: a third party or co-producing agency has 15 working days to answer.
* Art. 35: time for the applicant to state reasons for mass requests; 国办函〔2020〕109号: the
  time from fee notice to payment (both treated as pauses; the fee pause is configurable [R]).
* Art. 26: proactive publication within 20 working days of forming or changing the information.

Counting convention (民事诉讼法 Art. 85, applied via 行政诉讼法 Art. 101 / 行政复议法 Art. 88):
the day on which a period begins is not counted, so "the 20th working day after receipt".

Pause convention: a pause is a closed interval [start, end]. Every working day d with
start <= d <= end is not counted, i.e. both the day the clock stops (e.g. the consultation
letter is sent) and the day it resumes (e.g. the answer arrives) are excluded; counting
resumes with the first working day after `end`. Overlapping pauses are merged so that no
day is excluded twice. A pause ending before it starts, or starting before the application
was received, is refused with ValueError. Pause days that fall before the day the count
starts (receipt or amended receipt) or after the date reached have no effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from xxgk.lib.dates import chinese_date
from xxgk.lib.statutory_holidays import PROVISIONAL_REASON
from xxgk.lib.workdays import Counted, WorkCalendar, format_date


@dataclass(frozen=True)
class ClockRules:
    """The statutory numbers of the clock, configurable per installation ([R] items).

    An installation sets them with the environment variable XXGK_CLOCK_RULES (a JSON object
    with any of these keys, see docs/configuration.md); `from_mapping` validates it at
    start-up and refuses a bad value with a Chinese message.
    """

    reply_days: int = 20  # Art. 33 para 2
    max_extension_days: int = 20  # Art. 33 para 2
    amendment_notice_days: int = 7  # Art. 30
    third_party_reply_days: int = 15  # Art. 32, Art. 34
    fee_payment_days: int = 20  # 109号 [R]: from the day after the notice is received
    publication_days: int = 20  # Art. 26
    fee_pause_stops_clock: bool = True  # 109号 [R]: fee notice → payment not counted
    # 民事诉讼法 Art. 85: the day a period begins is not counted. An installation whose local
    # rule counts the receipt day itself (when it is a working day) sets this to true. [R]
    receipt_day_counts: bool = False

    @classmethod
    def from_mapping(cls, data: object) -> ClockRules:
        """Build the rules from a JSON object; raise ValueError (Chinese) on any bad entry."""
        if not isinstance(data, dict):
            raise ValueError('应为 JSON 对象，例如 {"reply_days": 20}。')
        known = {f.name: f for f in fields(cls)}
        values: dict[str, int | bool] = {}
        for key, value in data.items():
            if key not in known:
                raise ValueError(f"未知的项“{key}”；可用的项：{'、'.join(known)}。")
            if known[key].type in ("bool", bool):
                if not isinstance(value, bool):
                    raise ValueError(f"{key} 应为 true 或 false，收到 {value!r}。")
            elif isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 365:
                raise ValueError(f"{key} 应为 1 至 365 之间的整数（工作日数），收到 {value!r}。")
            values[key] = value
        return cls(**values)  # type: ignore[arg-type]


DEFAULT_RULES = ClockRules()


class PauseKind(StrEnum):
    THIRD_PARTY = "third_party"
    OTHER_AGENCY = "other_agency"
    FEE = "fee"
    MASS_REQUEST = "mass_request"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PAUSE_LABELS[self]


PAUSE_LABELS = {
    PauseKind.THIRD_PARTY: "征求第三方意见（《条例》第三十二条）",
    PauseKind.OTHER_AGENCY: "征求其他机关意见（《条例》第三十四条）",
    PauseKind.FEE: "收费通知至缴费（国办函〔2020〕109号）",
    PauseKind.MASS_REQUEST: "要求申请人说明理由（《条例》第三十五条）",
    PauseKind.OTHER: "暂停计算",
}


@dataclass(frozen=True)
class Pause:
    """A period [start, end] (both inclusive) whose working days are not counted."""

    start: date
    end: date
    kind: PauseKind = PauseKind.OTHER
    note: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"暂停期间无效：结束日 {self.end.isoformat()} 早于开始日 {self.start.isoformat()}。"
            )

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass(frozen=True)
class Step:
    """One line of the explanation of a due date, with its machine-readable fields."""

    kind: str  # receipt | amendment | pause | due | extension | calendar | provisional
    text: str
    start: date | None = None
    end: date | None = None
    days: int | None = None
    years: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "days": self.days,
            "years": list(self.years),
        }


@dataclass(frozen=True)
class Deadline:
    """The reply due date (and extended due date) of a case, with its explanation."""

    due: date
    extended_due: date | None
    provisional: bool
    provisional_years: tuple[int, ...]
    steps: list[Step] = field(default_factory=list)
    counted_from: date | None = None

    @property
    def final_due(self) -> date:
        return self.extended_due or self.due

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: exactly the keys due, extended_due, provisional, steps."""
        return {
            "due": self.due.isoformat(),
            "extended_due": self.extended_due.isoformat() if self.extended_due else None,
            "provisional": self.provisional,
            "steps": [step.to_dict() for step in self.steps],
        }


@dataclass
class _MergedPause:
    start: date
    end: date
    parts: list[Pause]
    skipped: int = 0


def merge_pauses(pauses: Iterable[Pause]) -> list[_MergedPause]:
    """Merge overlapping pauses (sharing at least one day) into disjoint periods."""
    merged: list[_MergedPause] = []
    for pause in sorted(pauses, key=lambda p: (p.start, p.end)):
        if merged and pause.start <= merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, pause.end)
            last.parts.append(pause)
        else:
            merged.append(_MergedPause(pause.start, pause.end, [pause]))
    return merged


def _count(
    calendar: WorkCalendar, start: date, n: int, pauses: Sequence[_MergedPause]
) -> tuple[date, set[int]]:
    """Return the n-th counted working day after start, skipping paused working days."""
    current = start
    remaining = n
    uncovered: set[int] = set()
    while remaining:
        current += timedelta(days=1)
        if not calendar.is_covered(current.year):
            uncovered.add(current.year)
        if not calendar.is_workday(current):
            continue
        paused = next((p for p in pauses if p.start <= current <= p.end), None)
        if paused is not None:
            paused.skipped += 1
            continue
        remaining -= 1
    return current, uncovered


def compute_deadline(
    received: date,
    *,
    amended: date | None = None,
    pauses: Iterable[Pause] = (),
    extension_days: int = 0,
    calendar: WorkCalendar,
    rules: ClockRules = DEFAULT_RULES,
) -> Deadline:
    """Return the Art. 33 reply due date of an application, with its explanation.

    received: the Art. 31 date of receipt. amended: the date the amended (补正) application
    was received; the count restarts from it. pauses: periods not counted (see the module
    docstring for the inclusive convention). extension_days: an approved extension, counted
    after the original due date (0 = none; at most `rules.max_extension_days`).
    """
    if amended is not None and amended < received:
        raise ValueError(
            f"补正日期无效：收到补正申请之日 {amended.isoformat()} 早于收到申请之日 "
            f"{received.isoformat()}。"
        )
    if isinstance(extension_days, bool) or not isinstance(extension_days, int):
        raise ValueError("延长的工作日数必须是整数。")
    if extension_days < 0:
        raise ValueError(f"延长的工作日数不能为负数（收到 {extension_days}）。")
    if extension_days > rules.max_extension_days:
        raise ValueError(
            f"延长答复期限最长不得超过 {rules.max_extension_days} 个工作日"
            f"（《条例》第三十三条），收到 {extension_days} 个工作日。"
        )
    pauses = list(pauses)
    for pause in pauses:
        if pause.start < received:
            raise ValueError(
                f"暂停期间无效：开始日 {pause.start.isoformat()} 早于收到申请之日 "
                f"{received.isoformat()}。"
            )

    receipt_text = (
        "当日为工作日的，按本系统配置计入期限（第1个工作日）"
        if rules.receipt_day_counts
        else "当日不计入期限（《条例》第三十一条、第三十三条；期间开始之日不计算在期间内）"
    )
    steps: list[Step] = [
        Step("receipt", f"收到申请之日为{format_date(received)}，{receipt_text}。", start=received)
    ]
    counted_from = received
    if amended is not None:
        counted_from = amended
        steps.append(
            Step(
                "amendment",
                f"{format_date(amended)}收到补正后的申请，答复期限自该日重新计算，"
                "此前经过的工作日不再计入（《条例》第三十条）；该日本身不计入期限。",
                start=amended,
            )
        )

    effective: list[Pause] = []
    for pause in pauses:
        if pause.kind == PauseKind.FEE and not rules.fee_pause_stops_clock:
            steps.append(
                Step(
                    "pause",
                    f"{chinese_date(pause.start)}至{chinese_date(pause.end)}为收费通知至缴费期间；"
                    "按本系统配置，该期间计入答复期限。",
                    start=pause.start,
                    end=pause.end,
                    days=0,
                )
            )
            continue
        effective.append(pause)
    merged = merge_pauses(effective)

    # With receipt_day_counts the count starts one day earlier, so day 0 itself is day 1.
    start = counted_from - timedelta(days=1) if rules.receipt_day_counts else counted_from
    due, uncovered = _count(calendar, start, rules.reply_days, merged)
    extended_due: date | None = None
    if extension_days:
        extended_due, more = _count(calendar, due, extension_days, merged)
        uncovered |= more
    final = extended_due or due

    for period in merged:
        labels = "、".join(dict.fromkeys(p.kind.label for p in period.parts))
        notes = "；".join(p.note for p in period.parts if p.note)
        text = f"{chinese_date(period.start)}至{chinese_date(period.end)}{labels}"
        if notes:
            text += f"（{notes}）"
        if len(period.parts) > 1:
            text += "；以上期间相互重叠，已合并计算，重叠的日子只扣除一次"
        if period.skipped:
            text += f"，其间 {period.skipped} 个工作日不计入答复期限（《条例》第三十三条第三款）。"
        elif period.end <= counted_from:
            text += "，在答复期限起算之前，不影响期限。"
        else:
            text += "，其间没有需要扣除的工作日，不影响期限。"
        steps.append(Step("pause", text, start=period.start, end=period.end, days=period.skipped))

    paused_before_due = any(p.skipped and p.start <= due for p in merged)
    due_text = (
        f"自{chinese_date(start + timedelta(days=1))}起算"
        f"{'（扣除暂停期间的工作日）' if paused_before_due else ''}第 {rules.reply_days} 个工作日"
        f"为{format_date(due)}，即答复期限（《条例》第三十三条第二款）。"
    )
    steps.append(Step("due", due_text, start=counted_from, end=due, days=rules.reply_days))
    if extended_due is not None:
        steps.append(
            Step(
                "extension",
                f"经政府信息公开工作机构负责人同意延长答复期限 {extension_days} 个工作日"
                f"（《条例》第三十三条第二款），自原期限届满次日起算，延长后的答复期限为"
                f"{format_date(extended_due)}。",
                start=due,
                end=extended_due,
                days=extension_days,
            )
        )

    steps.append(_calendar_step(calendar, start, final))
    years = tuple(sorted(uncovered))
    if years:
        names = "、".join(f"{y}年" for y in years)
        steps.append(
            Step(
                "provisional",
                f"注意：{names}的期限为暂定（{PROVISIONAL_REASON}）：国务院办公厅的放假通知尚未导入，"
                "该年份按《全国年节及纪念日放假办法》规定的法定节假日计算，调休尚未计入；"
                "导入该年份日历后须重新计算。",
                years=years,
            )
        )
    return Deadline(
        due=due,
        extended_due=extended_due,
        provisional=bool(years),
        provisional_years=years,
        steps=steps,
        counted_from=counted_from,
    )


def _calendar_step(calendar: WorkCalendar, counted_from: date, final: date) -> Step:
    """Explain which rest days and 调休 workdays fell into the counted period.

    Official data for covered years; for a year without data, the statutory holidays counted
    as rest days (provisional). Never claims "no holidays" for a year whose data is missing.
    """
    first = counted_from + timedelta(days=1)
    years = tuple(range(first.year, final.year + 1))
    covered = [y for y in years if calendar.is_covered(y)]
    uncovered = [y for y in years if not calendar.is_covered(y)]
    parts: list[str] = []
    groups: dict[tuple[bool, str], list[date]] = {}
    for d, is_workday in calendar.overrides_in(first, final):
        groups.setdefault((is_workday, calendar.notes.get(d, "")), []).append(d)
    for (is_workday, note), days in groups.items():
        listed = "、".join(format_date(d) for d in days)
        if is_workday:
            parts.append(f"{note}调休上班日 {listed}，计为工作日")
        else:
            parts.append(f"{note}放假的工作日 {listed}，不计入")
    statutory: dict[str, list[date]] = {}
    for d, name in calendar.provisional_holidays_in(first, final):
        statutory.setdefault(name, []).append(d)
    for name, days in statutory.items():
        listed = "、".join(format_date(d) for d in days)
        parts.append(f"{name}（法定节假日，按《全国年节及纪念日放假办法》推算）{listed}，不计入")
    sources: list[str] = []
    if covered:
        sources.append(
            "依据" + "、".join(f"{y}年" for y in covered) + "国务院办公厅公布的节假日安排计算"
        )
    if uncovered and calendar.statutory_fallback:
        sources.append(
            "、".join(f"{y}年" for y in uncovered)
            + f"暂定（{PROVISIONAL_REASON}）：按《全国年节及纪念日放假办法》规定的法定节假日计算，"
            "未计入调休"
        )
    elif uncovered:
        sources.append(
            "、".join(f"{y}年" for y in uncovered)
            + f"暂定（{PROVISIONAL_REASON}）：按周一至周五计算"
        )
    text = "；".join(sources)
    if parts:
        text += "：" + "；".join(parts) + "。"
    elif uncovered:
        text += "，期间没有落在工作日的法定节假日。"
    else:
        text += "，期间没有节假日或调休。"
    return Step("calendar", text, start=first, end=final, years=tuple(covered))


def _after(start: date, n: int, calendar: WorkCalendar) -> Counted:
    return calendar.add_workdays(start, n)


def amendment_notice_due(
    received: date, *, calendar: WorkCalendar, rules: ClockRules = DEFAULT_RULES
) -> Counted:
    """Return the last day for the 补正 notice: 7 working days after receipt (Art. 30)."""
    return _after(received, rules.amendment_notice_days, calendar)


def third_party_reply_due(
    letter_received: date, *, calendar: WorkCalendar, rules: ClockRules = DEFAULT_RULES
) -> Counted:
    """Return the last day for a third party's (or co-producer's) answer (Art. 32, 34)."""
    return _after(letter_received, rules.third_party_reply_days, calendar)


def fee_payment_due(
    notice_received: date, *, calendar: WorkCalendar, rules: ClockRules = DEFAULT_RULES
) -> Counted:
    """Return the last day to pay a fee: 20 working days after the notice is received [R]."""
    return _after(notice_received, rules.fee_payment_days, calendar)


def publication_due(
    formed: date, *, calendar: WorkCalendar, rules: ClockRules = DEFAULT_RULES
) -> Counted:
    """Return the last day to publish information formed or changed on `formed` (Art. 26)."""
    return _after(formed, rules.publication_days, calendar)


def is_late(done: date, due: date) -> bool:
    """Return whether an act done on `done` missed the period ending on `due` (inclusive)."""
    return done > due
