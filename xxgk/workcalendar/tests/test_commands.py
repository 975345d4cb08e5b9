"""The `deadline` and `fee` commands."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_prints_the_national_day_2019_deadline_as_json() -> None:
    data = json.loads(run("deadline", "--received", "2019-09-20", "--json"))
    assert list(data) == ["due", "extended_due", "provisional", "steps"]
    assert data["due"] == "2019-10-23"
    assert data["extended_due"] is None
    assert data["provisional"] is False
    assert [step["kind"] for step in data["steps"]] == ["receipt", "due", "calendar"]
    assert (
        "2019年9月29日（星期日）、2019年10月12日（星期六），计为工作日" in data["steps"][2]["text"]
    )


def test_it_combines_amendment_pause_and_extension() -> None:
    # Amended Wed 2019-10-09 → due 11-05 (see xxgk/lib/tests/test_deadlines.py). A pause
    # Mon 10-14 … Tue 10-15 removes 2 working days → 11-07; +5 working days → 11-14.
    data = json.loads(
        run(
            "deadline",
            "--received",
            "2019-09-20",
            "--amended",
            "2019-10-09",
            "--pause",
            "2019-10-14:2019-10-15:第三方",
            "--extend",
            "5",
            "--json",
        )
    )
    assert (data["due"], data["extended_due"]) == ("2019-11-07", "2019-11-14")
    pause = next(step for step in data["steps"] if step["kind"] == "pause")
    assert (pause["start"], pause["end"], pause["days"]) == ("2019-10-14", "2019-10-15", 2)


def test_it_defaults_the_extension_to_20_days() -> None:
    data = json.loads(run("deadline", "--received", "2019-09-20", "--extend", "--json"))
    assert data["extended_due"] == "2019-11-20"


def test_it_prints_a_readable_explanation() -> None:
    lines = run("deadline", "--received", "2026-12-10").splitlines()
    # 元旦 2027 (Fri 1 Jan) is a statutory holiday even before 2027's notice is imported.
    assert lines[0] == "答复期限：2027-01-08（星期五）"
    assert lines[1] == (
        "暂定期限（调休安排未公布）：2027年的官方节假日安排尚未导入，已按法定节假日计算。"
    )
    assert lines[2] == "计算说明："
    assert lines[-1].startswith("  4. 注意：2027年的期限为暂定（调休安排未公布）")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2019-02-30"], "收到申请之日“2019-02-30”无效"),
        ([], "请用 --received 指定收到申请之日"),
        (["--received", "2019-09-20", "--amended", "2019-09-01"], "补正日期无效"),
        (
            ["--received", "2019-09-20", "--pause", "2019-10-08:2019-10-01"],
            "结束日 2019-10-01 早于开始日",
        ),
        (["--received", "2019-09-20", "--pause", "2019-10-08"], "应为 开始日:结束日"),
        (["--received", "2019-09-20", "--extend", "21"], "最长不得超过 20 个工作日"),
        (["--received", "2019-09-20", "--extend", "abc"], "应为整数"),
    ],
)
def test_it_refuses_bad_input_with_exit_status_2(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as caught:
        run("deadline", *args)
    assert caught.value.returncode == 2


@pytest.mark.parametrize(
    ("args", "printed"),
    [
        (["per-request", "10"], "0.00"),
        (["per-request", "11"], "100.00"),
        (["per-request", "31"], "200.00"),
        (["per-request", "45"], "300.00"),
        (["per-page", "30"], "0.00"),
        (["per-page", "250"], "4700.00"),
    ],
)
def test_it_prints_the_fee_in_yuan(args: list[str], printed: str) -> None:
    assert run("fee", *args) == f"{printed}\n"


def test_it_details_the_page_bands() -> None:
    assert run("fee", "per-page", "101", "--detail").splitlines() == [
        "第1–30页：30页 × 0元 = 0元",
        "第31–100页：70页 × 10元 = 700元",
        "第101–101页：1页 × 20元 = 20元",
        "720.00",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["per-request", "0"], "申请的序号不能小于 1"),
        (["per-page", "-3"], "页数不能小于 0"),
        (["per-page", "十"], "页数“十”无效：应为整数"),
    ],
)
def test_it_refuses_bad_fee_input(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message) as caught:
        run("fee", *args)
    assert caught.value.returncode == 2
