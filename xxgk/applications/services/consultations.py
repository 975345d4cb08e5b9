"""After a consultation letter went out: its delivery date and the public-interest override (条例 Art. 32, 34)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date, third_party_remedies_clause
from xxgk.applications.models import Application, Consultation, EventType, LetterKind, Status
from xxgk.applications.services.common import (
    issue_letter,
    lock,
    not_before,
    not_future,
    record,
    require,
    save_clock,
)
from xxgk.errors import DomainError
from xxgk.lib import deadlines

if TYPE_CHECKING:
    from xxgk.accounts.models import User


def _locked(consultation: Consultation, actor: User) -> tuple[Application, Consultation]:
    application = consultation.application
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    consultation = Consultation.objects.get(pk=consultation.pk, application=application)
    if application.status == Status.CLOSED:
        raise DomainError("本申请已办结，不能再更改征求意见的记录。", code="bad_state")
    return application, consultation


@transaction.atomic
def record_consultation_delivery(
    consultation: Consultation, *, actor: User, delivered_on: date
) -> Consultation:
    """Record the day the consulted party received the letter (e.g. from the signed receipt).

    Art. 32 (and Art. 34 for co-producers): the 15 working days run from that day, so the
    party's reply due date and, through the pause, the case's due date are recomputed.
    """
    application, consultation = _locked(consultation, actor)
    if not isinstance(delivered_on, date):
        raise DomainError("送达日期无效。")
    if consultation.answer == Consultation.Answer.NO_REPLY:
        raise DomainError("已认定被征求意见方逾期未答复，不能再更改送达日期。", code="bad_state")
    not_before(delivered_on, consultation.sent_on, "送达日期", "征求意见书发出日期")
    not_future(delivered_on, "送达日期")
    if consultation.replied_on and delivered_on > consultation.replied_on:
        raise DomainError(
            f"送达日期（{chinese_date(delivered_on)}）不能晚于收到答复之日"
            f"（{chinese_date(consultation.replied_on)}）。",
            code="bad_date",
        )
    before = consultation.reply_due
    consultation.delivered_on = delivered_on
    counted = deadlines.third_party_reply_due(
        delivered_on, calendar=clock.calendar(), rules=clock.rules()
    )
    consultation.reply_due = counted.date
    consultation.reply_due_provisional = counted.provisional
    consultation.save(update_fields=["delivered_on", "reply_due", "reply_due_provisional"])
    save_clock(application)
    record(
        application,
        EventType.CONSULTATION_DELIVERED,
        actor=actor,
        on=delivered_on,
        party=consultation.party,
        reply_due_before=before,
        reply_due=consultation.reply_due,
        due_date=application.due_date,
    )
    return consultation


@transaction.atomic
def override_third_party_objection(
    consultation: Consultation,
    *,
    actor: User,
    reasons: str,
    on: date,
    content: str = "",
) -> Consultation:
    """Decide to disclose despite the third party's objection (Art. 32, public interest).

    The third party is told in writing of the content to be disclosed and the reasons
    (政府信息依申请公开告知书（给第三方）); the case can then no longer be closed as
    不予公开·保护第三方合法权益.
    """
    application, consultation = _locked(consultation, actor)
    if consultation.kind != Consultation.Kind.THIRD_PARTY:
        raise DomainError(
            "只有征求第三方意见（《条例》第三十二条）后才能基于公共利益决定予以公开。"
        )
    if consultation.overridden_on is not None:
        raise DomainError(
            f"已于{chinese_date(consultation.overridden_on)}决定予以公开，不能重复决定。",
            code="bad_state",
        )
    if consultation.answer != Consultation.Answer.DISAGREE:
        raise DomainError(
            "第三方尚未提出不同意公开的意见，无需基于公共利益作出公开决定（《条例》第三十二条）。",
            code="bad_state",
        )
    if not reasons.strip():
        raise DomainError("请写明不公开可能对公共利益造成重大影响的理由。")
    if not isinstance(on, date):
        raise DomainError("决定日期无效。")
    not_before(
        on, consultation.replied_on or consultation.sent_on, "决定日期", "收到第三方意见之日"
    )
    not_future(on, "决定日期")
    disclosed = content.strip() or application.information_title
    letter = issue_letter(
        application,
        LetterKind.DISCLOSURE_NOTICE_THIRD_PARTY,
        dated=on,
        actor=actor,
        recipient=consultation.party,
        to_applicant=False,
        context={
            "party": consultation.party,
            "consulted": chinese_date(consultation.sent_on),
            "objection": consultation.reasons,
            "content": disclosed,
            "reason": reasons.strip(),
            "remedies": third_party_remedies_clause(application.agency),
        },
    )
    consultation.overridden_on = on
    consultation.override_content = disclosed
    consultation.override_reasons = reasons.strip()
    consultation.override_letter = letter
    consultation.save(
        update_fields=["overridden_on", "override_content", "override_reasons", "override_letter"]
    )
    record(
        application,
        EventType.THIRD_PARTY_OVERRIDDEN,
        actor=actor,
        on=on,
        party=consultation.party,
        letter=letter.number,
    )
    return consultation
