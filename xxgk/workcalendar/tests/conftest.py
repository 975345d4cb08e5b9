"""Fixtures of the calendar tests: import files for 2027 written to a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# A plausible 2027 arrangement (the real notice is not published yet): weekday rest days
# and weekend workdays only. 2027-01-01 is a Friday; 2027-02-06 (除夕) a Saturday.
DAYS_2027 = [
    {"date": "2027-01-01", "is_workday": False, "note": "元旦"},
    {"date": "2027-02-08", "is_workday": "休息", "note": "春节"},
    {"date": "2027-02-09", "is_workday": "休息", "note": "春节"},
    {"date": "2027-02-20", "is_workday": "上班", "note": "春节"},
]


@pytest.fixture
def good_json(tmp_path: Path) -> Path:
    path = tmp_path / "2027.json"
    data = {"year": 2027, "source": "国办发明电〔2026〕（测试）", "days": DAYS_2027}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def bad_csv(tmp_path: Path) -> Path:
    path = tmp_path / "2027.csv"
    path.write_text(
        "date,is_workday,note\n"
        "2027-01-01,休息,元旦\n"
        "2027-02-30,休息,春节\n"  # line 3: no such date
        "2027-02-20,也许,春节\n",  # line 4: neither 上班 nor 休息
        encoding="utf-8",
    )
    return path
