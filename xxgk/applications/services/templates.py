"""Editing an agency's letter templates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.accounts.models import AuditEvent
from xxgk.accounts.policy import Action
from xxgk.applications.letters.render import check_template
from xxgk.applications.models import LetterKind, LetterTemplate, Outcome
from xxgk.applications.services.common import require
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency


@transaction.atomic
def save_letter_template(
    *, agency: Agency, actor: User, kind: str, outcome: str = "", title: str, body: str
) -> LetterTemplate:
    """Store the agency's own text for a letter kind (replies: per outcome)."""
    require(actor, Action.EDIT_LETTER_TEMPLATES, agency)
    if kind not in LetterKind.values:
        raise DomainError("文书类型无效。")
    if kind == LetterKind.REPLY and outcome not in Outcome.values:
        raise DomainError("答复书模板须选择办理结果。")
    if kind != LetterKind.REPLY:
        outcome = ""
    if not title.strip() or not body.strip():
        raise DomainError("标题和正文都不能为空。")
    check_template(title)
    check_template(body)
    template, _ = LetterTemplate.objects.update_or_create(
        agency=agency,
        kind=kind,
        outcome=outcome,
        defaults={"title": title.strip(), "body": body.strip(), "updated_by": actor},
    )
    # Configuration change: logged in the accounts audit log (not a case event).
    AuditEvent.objects.create(
        actor=actor,
        agency=agency,
        kind="letter_template_saved",
        data={"kind": kind, "outcome": outcome},
    )
    return template
