"""Who published the report, for which year, on which date, in which format."""

from __future__ import annotations

import re
from datetime import date

from xxgk.annual_reports.schema import (
    FORMAT_2019,
    FORMAT_2021,
    format_for_year,
)

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?!\s*(?:起|至|到))")


_TITLE = re.compile(
    r"^(?:标题[:：])?(?P<agency>\S{2,60}?)(?P<year>(?:19|20)\d{2})年度?政府信息公开工作年度?报告"
)


def _identity(text: str) -> tuple[str, int | None, str | None]:
    lines = [re.sub(r"\s", "", line) for line in text.split("\n")[:400]]
    lines = [line for line in lines if line][:200]
    singles = lines
    pairs = [a + b for a, b in zip(lines, lines[1:])]
    for candidate in singles + pairs:
        m = _TITLE.match(candidate)
        if m:
            agency = re.split(r"[:：]", m.group("agency"))[-1]
            title = re.split(r"[:：]", candidate[: m.end()])[-1]
            return agency, int(m.group("year")), title
    agency = ""
    m = re.search(r"发布机构[:：]\s*(\S+)", text[:3000])
    if m:
        agency = m.group(1)
    years = re.findall(r"((?:19|20)\d{2})\s*年", text[:4000])
    year = max(set(years), key=years.count) if years else None
    return agency, int(year) if year else None, None


_SIGNED_DATE = re.compile(_DATE.pattern + r"[ \t\u3000]*(?=\n|$|来源|抄送|印发|附件|\|)")


def _dated(text: str, sections: list[tuple[int, int, str]]) -> date | None:
    """The date printed under the signature: the last date standing alone after the last heading."""
    start = sections[-1][1] if sections else max(0, len(text) - 400)
    window = text[start : start + 3000] if sections else text[start:]
    for pattern in (_SIGNED_DATE, _DATE):
        for m in reversed(list(pattern.finditer(window))):
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
        if sections:
            break
    return None


_MARKERS = {
    FORMAT_2021: ("本年制发件数", "现行有效件数", "本年收费金额", "逾期不补正", "行政规范性文件"),
    FORMAT_2019: (
        "本年新制作数量",
        "对外公开总数量",
        "上一年项目数量",
        "政府集中采购",
        "采购总金额",
    ),
}


def _detect_format(text: str, year: int | None) -> str:
    flat = re.sub(r"\s", "", text)
    score = {code: sum(flat.count(m) for m in marks) for code, marks in _MARKERS.items()}
    if score[FORMAT_2021] != score[FORMAT_2019]:
        return max(score, key=lambda code: score[code])
    return format_for_year(year) if year else FORMAT_2021


_OTHER_TITLE = re.compile(r"^\S{2,60}?(?:19|20)\d{2}\s*年度?\S{0,30}?报告$")


def _other_title(text: str) -> str | None:
    """The title of another kind of annual report (法治政府建设年度报告 …) near the top, if any."""
    for line in text.split("\n")[:60]:
        flat = re.sub(r"\s", "", line)
        if _OTHER_TITLE.match(flat) and "政府信息公开" not in flat:
            return flat
    return None
