"""Fill letter templates and write them as DOCX/PDF through xxgk.documents."""

from __future__ import annotations

import string
from datetime import date
from typing import TYPE_CHECKING

from xxgk.applications.letters.defaults import PLACEHOLDERS, default_text
from xxgk.applications.models.choices import WITHHELD_OUTCOMES
from xxgk.errors import DomainError
from xxgk.lib.dates import chinese_date

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency
    from xxgk.applications.models import Letter

# 行政复议法 (2023) Art. 23(1)(4), in force 2024-01-01: a refusal to disclose must first go to
# administrative review before a lawsuit (复议前置).
REVIEW_FIRST_SINCE = date(2024, 1, 1)
REVIEW_DAYS = 60  # 行政复议法 Art. 20
LAWSUIT_MONTHS = 6  # 行政诉讼法 Art. 46


def placeholders_in(text: str) -> set[str]:
    """Return the {names} used in a template; raise DomainError on malformed braces."""
    try:
        return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError as exc:
        raise DomainError(f"模板格式有误（花括号不成对）：{exc}") from None


def check_template(text: str) -> None:
    unknown = sorted(placeholders_in(text) - set(PLACEHOLDERS))
    if unknown:
        raise DomainError(
            "模板中有未知的占位符：" + "、".join("{" + n + "}" for n in unknown) + "。"
        )


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def fill(text: str, context: dict[str, str]) -> str:
    return text.format_map(_Blank(context))


def review_body(agency: Agency) -> str:
    # 行政复议法 (2023) Art. 24: a county-level department's review body is the 本级人民政府.
    return agency.parent.name if agency.parent_id else "有管辖权的行政复议机关"


def remedies_clause(agency: Agency, outcome: str, dated: date) -> str:
    """Return the remedies clause of a reply (行政复议法 Art. 20, 23; 行政诉讼法 Art. 46)."""
    body = review_body(agency)
    if outcome in WITHHELD_OUTCOMES and dated >= REVIEW_FIRST_SINCE:
        return (
            f"如对本答复不服，根据《中华人民共和国行政复议法》第二十三条第一款第（四）项，应当先在收到本答复之日起"
            f"{REVIEW_DAYS}日内向{body}申请行政复议（复议前置）；对行政复议决定不服的，可以依法向人民法院提起行政诉讼。"
        )
    return (
        f"如对本答复不服，可以在收到本答复之日起{REVIEW_DAYS}日内向{body}申请行政复议，"
        f"或者在{LAWSUIT_MONTHS}个月内依法向人民法院提起行政诉讼。"
    )


def third_party_remedies_clause(agency: Agency) -> str:
    """Return the remedies of a third party told of a disclosure (行政复议法 Art. 20, 行政诉讼法 Art. 46).

    复议前置 (Art. 23(1)(4)) covers only a refusal to disclose, so the third party may choose.
    """
    return (
        f"如对本决定不服，可以在收到本告知书之日起{REVIEW_DAYS}日内向{review_body(agency)}申请行政复议，"
        f"或者在{LAWSUIT_MONTHS}个月内依法向人民法院提起行政诉讼。"
    )


def template_text(agency: Agency, kind: str, outcome: str = "") -> tuple[str, str]:
    """Return the agency's (title, body) for a letter kind, or the shipped default."""
    from xxgk.applications.models import LetterTemplate

    row = LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome).first()
    if row is not None:
        return row.title, row.body
    return default_text(kind, outcome)


def build(letter: Letter, fmt: str) -> bytes:
    """Return the letter as DOCX or PDF bytes (rendered on demand from the stored text)."""
    from xxgk.documents.docx import DocxDocument
    from xxgk.documents.pdf import PdfDocument

    agency = letter.application.agency
    doc = (
        DocxDocument(title=letter.title, author=agency.name, identifier=letter.number)
        if fmt == "docx"
        else PdfDocument(title=letter.title, author=agency.name)
    )
    doc.add_title(letter.title)
    doc.add_paragraph(letter.number, indent=False, align="center")
    lines = letter.body.split("\n")
    if lines:
        doc.add_paragraph(lines[0], indent=False, align="left")
    for line in lines[1:]:
        doc.add_paragraph(line)
    doc.add_signature(agency.name, chinese_date(letter.dated))
    return doc.to_bytes()
