"""The statutory clock (no database). Every date is hand-counted from the 国务院办公厅
holiday notices in the comment next to it, then cross-checked by an independent count that
asks the chinesecalendar package directly."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar as cc
import pytest

from xxgk.lib.deadlines import (
    ClockRules,
    Pause,
    PauseKind,
    amendment_notice_due,
    compute_deadline,
    fee_payment_due,
    is_late,
    publication_due,
    third_party_reply_due,
)
from xxgk.lib.workdays import WorkCalendar, chinese_calendar

CAL = chinese_calendar()


def package_count(start: date, n: int, paused: tuple[date, date] | None = None) -> date:
    """Independent reference: the n-th cc.is_workday day after start, outside `paused`."""
    day = start
    while n:
        day += timedelta(days=1)
        if cc.is_workday(day) and not (paused and paused[0] <= day <= paused[1]):
            n -= 1
    return day


def test_it_counts_across_national_day_2019_with_makeup_saturday_and_sunday() -> None:
    # Receipt Fri 2019-09-20 (not counted). 9-23…9-27 = 1–5; Sun 9-29 上班 = 6; 9-30 = 7;
    # 10-1…10-7 国庆 rest; 10-8…10-11 = 8–11; Sat 10-12 上班 = 12; 10-14…10-18 = 13–17;
    # 10-21, 10-22, 10-23 = 18–20.
    deadline = compute_deadline(date(2019, 9, 20), calendar=CAL)
    assert deadline.due == date(2019, 10, 23)
    assert deadline.due == package_count(date(2019, 9, 20), 20)
    assert deadline.extended_due is None
    assert deadline.provisional is False
    assert [step.kind for step in deadline.steps] == ["receipt", "due", "calendar"]
    calendar_text = deadline.steps[2].text
    assert "2019年9月29日（星期日）、2019年10月12日（星期六），计为工作日" in calendar_text
    assert "2019年10月7日（星期一）" in calendar_text


def test_it_would_be_two_days_later_without_the_makeup_workdays() -> None:
    rest_only = {d: w for d, w in CAL.overrides.items() if not w}
    cal = WorkCalendar(rest_only, CAL.covered_years)
    assert compute_deadline(date(2019, 9, 20), calendar=cal).due == date(2019, 10, 25)


def test_it_counts_across_spring_festival_2025() -> None:
    # Receipt Fri 2025-01-24. Sun 1-26 上班 = 1; 1-27 = 2; 1-28…2-4 春节 rest; 2-5…2-7 = 3–5;
    # Sat 2-8 上班 = 6; 2-10…2-14 = 7–11; 2-17…2-21 = 12–16; 2-24…2-27 = 17–20.
    deadline = compute_deadline(date(2025, 1, 24), calendar=CAL)
    assert deadline.due == date(2025, 2, 27)
    assert deadline.due == package_count(date(2025, 1, 24), 20)


def test_it_counts_across_mid_autumn_and_national_day_2026() -> None:
    # 2026: 中秋 9-25 (Fri) rest; 国庆 10-1…10-7 rest; Sun 9-20 and Sat 10-10 上班.
    # Receipt Fri 9-18: Sun 9-20 = 1; 9-21…9-24 = 2–5; 9-25 rest; 9-28…9-30 = 6–8;
    # 10-8, 10-9 = 9–10; Sat 10-10 = 11; 10-12…10-16 = 12–16; 10-19…10-22 = 17–20.
    deadline = compute_deadline(date(2026, 9, 18), calendar=CAL)
    assert deadline.due == date(2026, 10, 22)
    assert deadline.due == package_count(date(2026, 9, 18), 20)


def test_it_restarts_the_count_from_the_amended_application() -> None:
    # Amended application received Wed 2019-10-09: 10-10, 10-11 = 1–2; Sat 10-12 上班 = 3;
    # 10-14…10-18 = 4–8; 10-21…10-25 = 9–13; 10-28…11-1 = 14–18; 11-4, 11-5 = 19–20.
    deadline = compute_deadline(date(2019, 9, 20), amended=date(2019, 10, 9), calendar=CAL)
    assert deadline.due == date(2019, 11, 5)
    assert deadline.due == package_count(date(2019, 10, 9), 20)
    assert deadline.counted_from == date(2019, 10, 9)
    assert deadline.steps[1].kind == "amendment"
    assert "重新计算" in deadline.steps[1].text


def test_it_excludes_the_working_days_of_a_pause_spanning_national_day() -> None:
    # Third-party consultation Fri 2019-09-27 … Thu 10-10 (both days paused). Working days
    # inside: 9-27, Sun 9-29 (上班), 9-30, 10-8, 10-9, 10-10 = 6 (10-1…10-7 are rest anyway).
    # Count: 9-23…9-26 = 1–4; Fri 10-11 = 5; Sat 10-12 = 6; 10-14…10-18 = 7–11;
    # 10-21…10-25 = 12–16; 10-28…10-31 = 17–20.
    pause = Pause(date(2019, 9, 27), date(2019, 10, 10), PauseKind.THIRD_PARTY)
    deadline = compute_deadline(date(2019, 9, 20), pauses=[pause], calendar=CAL)
    assert deadline.due == date(2019, 10, 31)
    assert deadline.due == package_count(date(2019, 9, 20), 20, (pause.start, pause.end))
    pause_step = next(step for step in deadline.steps if step.kind == "pause")
    assert pause_step.days == 6
    assert "征求第三方意见（《条例》第三十二条）" in pause_step.text


def test_it_merges_overlapping_pauses_and_excludes_each_day_once() -> None:
    pauses = [
        Pause(date(2019, 9, 27), date(2019, 10, 8), PauseKind.THIRD_PARTY),
        Pause(date(2019, 10, 8), date(2019, 10, 10), PauseKind.OTHER_AGENCY),
    ]
    deadline = compute_deadline(date(2019, 9, 20), pauses=pauses, calendar=CAL)
    assert deadline.due == date(2019, 10, 31)  # same as the single pause 9-27…10-10
    pause_steps = [step for step in deadline.steps if step.kind == "pause"]
    assert len(pause_steps) == 1
    assert (pause_steps[0].start, pause_steps[0].end, pause_steps[0].days) == (
        date(2019, 9, 27),
        date(2019, 10, 10),
        6,
    )
    assert "合并计算" in pause_steps[0].text


def test_it_ignores_a_pause_that_ended_before_the_restart() -> None:
    pause = Pause(date(2019, 9, 23), date(2019, 9, 24), PauseKind.OTHER_AGENCY)
    deadline = compute_deadline(
        date(2019, 9, 20), amended=date(2019, 10, 9), pauses=[pause], calendar=CAL
    )
    assert deadline.due == date(2019, 11, 5)
    pause_step = next(step for step in deadline.steps if step.kind == "pause")
    assert pause_step.days == 0
    assert "起算之前" in pause_step.text


def test_it_counts_the_extension_after_the_original_due_date() -> None:
    # Due Wed 2019-10-23; +20: 10-24, 10-25 = 1–2; 10-28…11-1 = 3–7; 11-4…11-8 = 8–12;
    # 11-11…11-15 = 13–17; 11-18, 11-19, 11-20 = 18–20.
    deadline = compute_deadline(date(2019, 9, 20), extension_days=20, calendar=CAL)
    assert deadline.due == date(2019, 10, 23)
    assert deadline.extended_due == date(2019, 11, 20)
    assert deadline.final_due == date(2019, 11, 20)
    extension = next(step for step in deadline.steps if step.kind == "extension")
    assert (extension.start, extension.end, extension.days) == (
        date(2019, 10, 23),
        date(2019, 11, 20),
        20,
    )


def test_it_excludes_paused_days_inside_the_extension() -> None:
    # A consultation Mon 10-28 … Tue 10-29 during the extension pushes 11-20 by 2 working days.
    pause = Pause(date(2019, 10, 28), date(2019, 10, 29), PauseKind.OTHER_AGENCY)
    deadline = compute_deadline(date(2019, 9, 20), pauses=[pause], extension_days=20, calendar=CAL)
    assert deadline.due == date(2019, 10, 23)
    assert deadline.extended_due == date(2019, 11, 22)


def test_it_treats_the_fee_pause_as_configurable() -> None:
    pause = Pause(date(2019, 9, 23), date(2019, 9, 27), PauseKind.FEE)
    stopped = compute_deadline(date(2019, 9, 20), pauses=[pause], calendar=CAL)
    running = compute_deadline(
        date(2019, 9, 20),
        pauses=[pause],
        calendar=CAL,
        rules=ClockRules(fee_pause_stops_clock=False),
    )
    # 5 paused working days 9-23…9-27: 10-23 + 5 = 10-24, 10-25, 10-28, 10-29, 10-30.
    assert stopped.due == date(2019, 10, 30)
    assert running.due == date(2019, 10, 23)
    assert "计入答复期限" in running.steps[1].text


def test_it_marks_a_count_into_a_year_without_data_as_provisional() -> None:
    # Receipt Thu 2026-12-10: 12-11 = 1; 12-14…12-18 = 2–6; 12-21…12-25 = 7–11;
    # 12-28…12-31 = 12–15; 2027 has no data, but Fri 1-1 is 元旦 under 《全国年节及纪念日放假
    # 办法》, so it is not counted (issue 12 item 5); 1-4…1-8 = 16–20.
    deadline = compute_deadline(date(2026, 12, 10), calendar=CAL)
    assert deadline.due == date(2027, 1, 8)
    assert deadline.provisional is True
    assert deadline.provisional_years == (2027,)
    assert deadline.steps[-1].kind == "provisional"
    assert deadline.steps[-1].text == (
        "注意：2027年的期限为暂定（调休安排未公布）：国务院办公厅的放假通知尚未导入，"
        "该年份按《全国年节及纪念日放假办法》规定的法定节假日计算，调休尚未计入；"
        "导入该年份日历后须重新计算。"
    )
    [calendar_step] = [step for step in deadline.steps if step.kind == "calendar"]
    assert calendar_step.text == (
        "依据2026年国务院办公厅公布的节假日安排计算；2027年暂定（调休安排未公布）："
        "按《全国年节及纪念日放假办法》规定的法定节假日计算，未计入调休："
        "元旦（法定节假日，按《全国年节及纪念日放假办法》推算）2027年1月1日（星期五），不计入。"
    )
    assert "期间没有节假日" not in " ".join(step.text for step in deadline.steps)
    assert deadline.to_dict()["provisional"] is True


def test_it_counts_bare_weekdays_only_when_asked() -> None:
    bare = WorkCalendar(CAL.overrides, CAL.covered_years, CAL.notes, statutory_fallback=False)
    assert compute_deadline(date(2026, 12, 10), calendar=bare).due == date(2027, 1, 7)


def test_it_is_final_once_the_next_year_is_loaded() -> None:
    overrides = dict(CAL.overrides)
    overrides[date(2027, 1, 1)] = False  # 元旦 2027 is a Friday
    cal = WorkCalendar(overrides, CAL.covered_years | {2027})
    deadline = compute_deadline(date(2026, 12, 10), calendar=cal)
    assert deadline.due == date(2027, 1, 8)
    assert deadline.provisional is False
    assert deadline.provisional_years == ()


def test_it_does_not_flag_a_count_that_stays_in_covered_years() -> None:
    assert compute_deadline(date(2026, 11, 2), calendar=CAL).provisional is False


def test_it_has_exactly_the_documented_json_keys() -> None:
    data = compute_deadline(date(2019, 9, 20), extension_days=5, calendar=CAL).to_dict()
    assert set(data) == {"due", "extended_due", "provisional", "steps"}
    assert data["due"] == "2019-10-23"
    assert data["extended_due"] == "2019-10-30"  # 10-24, 10-25, 10-28, 10-29, 10-30
    assert all(isinstance(step["text"], str) and step["text"] for step in data["steps"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amended": date(2019, 9, 19)}, "补正日期无效"),
        ({"extension_days": 21}, "最长不得超过 20 个工作日"),
        ({"extension_days": -1}, "不能为负数"),
        ({"pauses": [Pause(date(2019, 9, 1), date(2019, 9, 25))]}, "早于收到申请之日"),
    ],
)
def test_it_refuses_impossible_inputs(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        compute_deadline(date(2019, 9, 20), calendar=CAL, **kwargs)


def test_it_refuses_a_pause_ending_before_it_starts() -> None:
    with pytest.raises(ValueError, match="结束日 2019-10-01 早于开始日 2019-10-08"):
        Pause(date(2019, 10, 8), date(2019, 10, 1))


def test_it_computes_the_side_periods() -> None:
    # Art. 30: 7th working day after Fri 2025-01-24 = Mon 2025-02-10 (see test_workdays).
    assert amendment_notice_due(date(2025, 1, 24), calendar=CAL).date == date(2025, 2, 10)
    # Art. 32: 15 working days after Fri 2019-09-27: 9-29, 9-30 = 1–2; 10-8…10-11 = 3–6;
    # Sat 10-12 = 7; 10-14…10-18 = 8–12; 10-21…10-23 = 13–15.
    assert third_party_reply_due(date(2019, 9, 27), calendar=CAL).date == date(2019, 10, 23)
    assert fee_payment_due(date(2019, 9, 20), calendar=CAL).date == date(2019, 10, 23)
    assert publication_due(date(2019, 9, 20), calendar=CAL).date == date(2019, 10, 23)
    custom = ClockRules(amendment_notice_days=3)
    assert amendment_notice_due(date(2025, 1, 24), calendar=CAL, rules=custom).date == date(
        2025, 2, 5
    )
    assert is_late(date(2019, 10, 24), date(2019, 10, 23)) is True
    assert is_late(date(2019, 10, 23), date(2019, 10, 23)) is False
