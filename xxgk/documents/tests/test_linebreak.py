from __future__ import annotations

import itertools

import pytest

from xxgk.documents.linebreak import CLOSING, OPENING, break_lines

CLOSES = "，。、；：？！）》」』”’％"
OPENS = "（《「『“‘"


def _width(s: str) -> float:
    """Full-width characters 1, ASCII 0.5 (as a CJK font sets them)."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in s)


def _assert_obeys_rules(text: str, lines: list[str], width: float) -> None:
    assert "".join(lines) == text
    for line in lines:
        assert line
        assert _width(line) <= width
    for line in lines[1:]:
        assert line[0] not in CLOSING, lines
    for line in lines[:-1]:
        assert line[-1] not in OPENING, lines


def test_it_pulls_the_previous_character_down_with_a_closing_mark() -> None:
    assert break_lines("一二三四五，六七八九十", 5, _width) == ["一二三四", "五，六七八", "九十"]


def test_it_pushes_an_opening_mark_down() -> None:
    assert break_lines("一二三四（五六七八九十", 5, _width) == ["一二三四", "（五六七八", "九十"]


def test_it_keeps_a_run_of_closing_marks_with_the_character_before() -> None:
    assert break_lines("一二三四“五”。）六", 6, _width) == ["一二三四", "“五”。）六"]


def test_it_does_not_split_a_dash_or_an_ellipsis() -> None:
    assert break_lines("一二三——四五", 4, _width) == ["一二三", "——四五"]
    assert break_lines("一二三……四五", 4, _width) == ["一二三", "……四五"]


def test_it_keeps_a_number_together() -> None:
    assert break_lines("共收到申请12345件", 6, _width) == ["共收到申请", "12345件"]


def test_it_breaks_a_word_longer_than_half_a_line_anywhere() -> None:
    url = "https://xxgk.example.gov.cn/r/1"
    lines = break_lines("见" + url, 6, _width)

    assert lines == ["见https://xx", "gk.example.g", "ov.cn/r/1"]
    assert "".join(lines) == "见" + url


def test_it_drops_spaces_at_a_break() -> None:
    assert break_lines("abc def ghi jkl", 4, _width) == ["abc def", "ghi jkl"]


def test_it_never_moves_a_closing_mark_after_spaces_to_the_head_of_a_line() -> None:
    assert break_lines("一二三 ，四", 3.5, _width) == ["一二", "三 ，四"]


def test_it_honours_newlines_and_the_first_line_width() -> None:
    assert break_lines("一二三四五六\n\n七", 4, _width, first_width=2) == [
        "一二",
        "三四五六",
        "",
        "七",
    ]
    assert break_lines("", 4, _width) == [""]


def test_it_breaks_anyway_when_only_marks_remain() -> None:
    assert break_lines("，，，，，，，", 3, _width) == ["，，，", "，，，", "，"]


def test_it_puts_a_character_wider_than_the_line_on_a_line_of_its_own() -> None:
    assert break_lines("一二", 0.5, _width) == ["一", "二"]


@pytest.mark.parametrize("width", [3, 4, 7, 12])
def test_it_obeys_the_rules_with_marks_at_every_position(width: int) -> None:
    marks = itertools.cycle(zip(CLOSES, itertools.cycle(OPENS), strict=False))
    text = "".join(
        "政务公开工作年度报告"[: k % 10 + 1] + close + open_ + "文"
        for k, (close, open_) in zip(range(80), marks, strict=False)
    )

    lines = break_lines(text, width, _width)

    _assert_obeys_rules(text, lines, width)
    # Character wrapping would have put a closing and an opening mark in every column.
    assert {i % width for i, ch in enumerate(text) if ch in CLOSES} == set(range(width))
    assert {i % width for i, ch in enumerate(text) if ch in OPENS} == set(range(width))
