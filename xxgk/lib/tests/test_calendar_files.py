"""Reading holiday files (no database)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from xxgk.lib.calendar_files import CalendarFileError, parse_calendar_file
from xxgk.lib.workdays import OverrideRow


def test_it_reads_the_csv_format() -> None:
    content = "date,is_workday,note,kind\n2027-01-01,false,元旦,\n2027-02-10,休息,春节,调休放假\n2027-02-20,上班,春节,\n"
    parsed = parse_calendar_file("2027.csv", content.encode(), 2027)
    assert parsed.rows == [
        OverrideRow(date(2027, 1, 1), False, "holiday", "元旦"),
        OverrideRow(date(2027, 2, 10), False, "in_lieu_rest", "春节"),
        OverrideRow(date(2027, 2, 20), True, "makeup_workday", "春节"),
    ]


def test_it_reads_a_json_list_and_holiday_cn_files() -> None:
    plain = json.dumps([{"date": "2027-01-01", "is_workday": 0}]).encode()
    assert parse_calendar_file("x.json", plain, 2027).rows == [
        OverrideRow(date(2027, 1, 1), False, "holiday", "")
    ]
    # holiday-cn lists every off day, weekends included; those repeat the Mon–Fri rule.
    holiday_cn = {
        "year": 2027,
        "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
            {"name": "元旦", "date": "2027-01-02", "isOffDay": True},
            {"name": "春节", "date": "2027-02-20", "isOffDay": False},
        ],
    }
    parsed = parse_calendar_file("2027.json", json.dumps(holiday_cn).encode(), 2027)
    assert [(r.date, r.is_workday, r.note) for r in parsed.rows] == [
        (date(2027, 1, 1), False, "元旦"),
        (date(2027, 2, 20), True, "春节"),
    ]
    assert parsed.ignored == 1


def test_it_lists_every_bad_row() -> None:
    items = [
        {"date": "2027-01-01", "is_workday": False},
        {"date": "2026-12-31", "is_workday": False},
        {"date": "2027-01-01", "is_workday": False},
        {"date": "2027-02-20", "is_workday": True, "kind": "法定节假日"},
        "oops",
    ]
    with pytest.raises(CalendarFileError) as caught:
        parse_calendar_file("bad.json", json.dumps(items, ensure_ascii=False).encode(), 2027)
    assert caught.value.problems == [
        "第2条：日期 2026-12-31 不属于 2027 年。",
        "第3条：日期 2027-01-01 重复（已在第1条出现）。",
        "第4条：类型“法定节假日”与“上班”矛盾。",
        "第5条：应为含 date、is_workday 的对象。",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", b"", "文件是空的"),
        ("a.csv", b"when,what\n2027-01-01,1\n", "表头应包含 date 与 is_workday"),
        ("a.json", b'{"days": [\n  {"date": }\n]}', "第2行：JSON 格式错误"),
        ("a.json", b'{"year": 2028, "days": []}', "年份 2028 与命令中的 2027 不一致"),
        ("a.csv", b"date,is_workday\n2027-01-04,1\n", "全部与周一至周五规则相同"),
        ("a.csv", "date,is_workday\n".encode("gbk") + "2027-01-01,休息\n".encode("gbk"), "UTF-8"),
    ],
)
def test_it_refuses_unusable_files(name: str, content: bytes, message: str) -> None:
    with pytest.raises(CalendarFileError, match=message):
        parse_calendar_file(name, content, 2027)
