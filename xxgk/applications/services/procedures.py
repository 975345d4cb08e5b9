"""The clock-moving procedures of a case: 补正, 征求意见, 延期, 收费, 说明理由 (条例 Art. 30–35, 42)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date
from xxgk.applications.models import (
    AmendmentRequest,
    Application,
    Consultation,
    EventType,
    Extension,
    LetterKind,
    Outcome,
    Status,
)
from xxgk.applications.services.attachments import store_attachment
from xxgk.applications.services.closing import lapse_and_close
from xxgk.applications.services.common import (
    counted_from,
    issue_letter,
    lock,
    move,
    not_before,
    not_future,
    record,
    require,
    save_clock,
)
from xxgk.errors import DomainError
from xxgk.lib import deadlines
from xxgk.lib.workdays import format_date

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from xxgk.accounts.models import User


# --- 补正 (Art. 30) -----------------------------------------------------------------------


@transaction.atomic
def request_amendment(
    application: Application, *, actor: User, sent_on: date, items: str, reply_by: date
) -> AmendmentRequest:
    """Send the one-time 补正 notice; the reply period stops until the amendment arrives."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    if application.amendments.exists():
        raise DomainError("补正告知应一次性告知（《条例》第三十条），本申请已发出过补正告知。")
    move(application, Status.AWAITING_AMENDMENT)
    if not items.strip():
        raise DomainError("请写明需要补正的事项。")
    not_before(sent_on, application.received_on, "补正告知日期", "收到申请之日")
    not_future(sent_on, "补正告知日期")
    if reply_by <= sent_on:
        raise DomainError("补正期限应晚于告知日期。", code="bad_date")
    notice_counted = deadlines.amendment_notice_due(
        application.received_on, calendar=clock.calendar(), rules=clock.rules()
    )
    notice_due = notice_counted.date
    letter = issue_letter(
        application,
        LetterKind.AMENDMENT,
        dated=sent_on,
        actor=actor,
        context={"items": items.strip(), "reply_by": chinese_date(reply_by)},
    )
    amendment = AmendmentRequest.objects.create(
        application=application,
        items=items.strip(),
        sent_on=sent_on,
        notice_due=notice_due,
        notice_due_provisional=notice_counted.provisional,
        late=deadlines.is_late(sent_on, notice_due),
        reply_by=reply_by,
        letter=letter,
    )
    save_clock(application)
    record(
        application,
        EventType.AMENDMENT_REQUESTED,
        actor=actor,
        on=sent_on,
        reply_by=reply_by,
        notice_due=notice_due,
        late=amendment.late,
        letter=letter.number,
    )
    return amendment


def _open_amendment(application: Application) -> AmendmentRequest:
    found = application.amendments.filter(amended_on__isnull=True, lapsed_on__isnull=True).first()
    if application.status != Status.AWAITING_AMENDMENT or found is None:
        raise DomainError("本申请没有待补正的告知。", code="bad_state")
    return found


@transaction.atomic
def record_amendment(application: Application, *, actor: User, amended_on: date) -> Application:
    """Record the amended application; the 20 working days restart from that day (Art. 30)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    amendment = _open_amendment(application)
    not_before(amended_on, amendment.sent_on, "收到补正申请之日", "补正告知日期")
    not_future(amended_on, "收到补正申请之日")
    return _receive_amendment(application, amendment, amended_on, actor=actor)


def _receive_amendment(
    application: Application,
    amendment: AmendmentRequest,
    on: date,
    *,
    actor: User | None,
    text: str = "",
    online: bool = False,
    **event: object,
) -> Application:
    """The amended application is in: the clock restarts from `on` (Art. 30), one event."""
    amendment.amended_on = on
    amendment.amended_text = text
    amendment.received_online = online
    amendment.save(update_fields=["amended_on", "amended_text", "received_online"])
    application.amended_on = on
    move(application, Status.RECEIVED)
    save_clock(application, "amended_on")
    record(
        application,
        EventType.AMENDMENT_RECEIVED,
        actor=actor,
        on=on,
        due_date=application.due_date,
        **event,
    )
    return application


MAX_ONLINE_AMENDMENT_FILES = 5


@transaction.atomic
def submit_amendment_online(
    application: Application, *, text: str, uploads: list[UploadedFile], on: date
) -> Application:
    """The applicant sends the 补正 from the public tracking page (holder of the tracking code).

    The amended request enters the case at once with ``on`` as its receipt date: the 20 working
    days restart from it (Art. 30), exactly as when staff record an amendment received on paper.
    The view proves possession of the tracking code; there is no staff actor.
    """
    application = lock(application)
    amendment = _open_amendment(application)
    text = text.strip()
    if not text and not uploads:
        raise DomainError("请填写补正后的内容，或上传补正材料。")
    if len(uploads) > MAX_ONLINE_AMENDMENT_FILES:
        raise DomainError(f"一次最多上传 {MAX_ONLINE_AMENDMENT_FILES} 个文件。")
    not_before(on, amendment.sent_on, "收到补正申请之日", "补正告知日期")
    names = [
        store_attachment(application, upload, uploaded_by=None).original_name for upload in uploads
    ]
    return _receive_amendment(
        application,
        amendment,
        on,
        actor=None,
        text=text,
        online=True,
        channel="online",
        files=names,
    )


@transaction.atomic
def lapse_amendment(application: Application, *, actor: User, on: date) -> Application:
    """No amendment within the period given: 视为放弃申请 → outcome other.no_amendment."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    amendment = _open_amendment(application)
    return lapse_and_close(
        application,
        amendment,
        actor=actor,
        on=on,
        period_end=amendment.reply_by,
        period="补正期限",
        what="逾期未补正",
        event=EventType.AMENDMENT_LAPSED,
        outcome=Outcome.OTHER_NO_AMENDMENT,
    )


# --- 征求意见 (Art. 32, 34) -------------------------------------------------------------------


@transaction.atomic
def start_consultation(
    application: Application,
    *,
    actor: User,
    kind: str,
    party: str,
    sent_on: date,
    party_address: str = "",
) -> Consultation:
    """Send a written consultation; its working days are not counted (Art. 33 para 3)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    if kind not in Consultation.Kind.values:
        raise DomainError("征求意见类型无效。")
    if not party.strip():
        raise DomainError("请填写被征求意见方。")
    move(application, Status.CONSULTING)
    not_before(sent_on, counted_from(application), "征求意见日期", "答复期限起算日")
    not_future(sent_on, "征求意见日期")
    # Art. 32: 15 working days from the party's receipt of the letter; until the receipt date
    # is recorded (record_consultation_delivery) the dispatch date is used as the start, the
    # cautious reading for the agency's own clock.
    reply_counted = deadlines.third_party_reply_due(
        sent_on, calendar=clock.calendar(), rules=clock.rules()
    )
    reply_due = reply_counted.date
    letter_kind = (
        LetterKind.CONSULT_THIRD_PARTY
        if kind == Consultation.Kind.THIRD_PARTY
        else LetterKind.CONSULT_AGENCY
    )
    letter = issue_letter(
        application,
        letter_kind,
        dated=sent_on,
        actor=actor,
        recipient=party.strip(),
        to_applicant=False,
        context={"party": party.strip(), "reply_by": chinese_date(reply_due)},
    )
    consultation = Consultation.objects.create(
        application=application,
        kind=kind,
        party=party.strip(),
        party_address=party_address.strip(),
        sent_on=sent_on,
        reply_due=reply_due,
        reply_due_provisional=reply_counted.provisional,
        letter=letter,
    )
    save_clock(application)
    record(
        application,
        EventType.CONSULTATION_STARTED,
        actor=actor,
        on=sent_on,
        kind=kind,
        party=party.strip(),
        reply_due=reply_due,
        letter=letter.number,
    )
    return consultation


@transaction.atomic
def record_consultation_reply(
    consultation: Consultation,
    *,
    actor: User,
    answer: str,
    on: date,
    reasons: str = "",
) -> Consultation:
    """Record the answer (or its absence after 15 working days); the clock resumes."""
    application = consultation.application
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    consultation = Consultation.objects.get(pk=consultation.pk)
    if application.status != Status.CONSULTING or not consultation.is_open:
        raise DomainError("该征求意见已有结果，不能重复记录。", code="bad_state")
    if answer not in Consultation.Answer.values:
        raise DomainError("意见无效：应为同意、不同意或逾期未答复。")
    not_before(on, consultation.sent_on, "答复日期", "征求意见日期")
    not_future(on, "答复日期")
    if answer == Consultation.Answer.NO_REPLY:
        if on <= consultation.reply_due:
            raise DomainError(
                f"答复期限至{chinese_date(consultation.reply_due)}，届满后才能认定逾期未答复。",
                code="bad_date",
            )
        consultation.replied_on = None
    else:
        consultation.replied_on = on
    if answer == Consultation.Answer.DISAGREE and not reasons.strip():
        raise DomainError("被征求意见方不同意公开的，请记录其理由。")
    consultation.answer = answer
    consultation.reasons = reasons.strip()
    consultation.save(update_fields=["answer", "replied_on", "reasons"])
    if not application.consultations.filter(answer="").exists():
        move(application, Status.RECEIVED)
    save_clock(application)
    record(
        application,
        EventType.CONSULTATION_ANSWERED,
        actor=actor,
        on=on,
        party=consultation.party,
        answer=answer,
        due_date=application.due_date,
    )
    return consultation


# --- 延期 (Art. 33 para 2) --------------------------------------------------------------------


@transaction.atomic
def approve_extension(
    application: Application, *, actor: User, days: int, reason: str, approved_on: date
) -> Extension:
    """Extend the reply period by ≤ 20 working days, approved by the 工作机构负责人."""
    require(actor, Action.APPROVE_EXTENSION, application.agency)
    application = lock(application)
    if application.status in (Status.CLOSED, Status.AWAITING_AMENDMENT):
        raise DomainError(
            f"当前状态为“{application.get_status_display()}”，不能延期答复。", code="bad_state"
        )
    if Extension.objects.filter(application=application).exists():
        raise DomainError("本申请已经延期一次，延长期限最长20个工作日（《条例》第三十三条）。")
    limit = clock.rules().max_extension_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= limit:
        raise DomainError(f"延长的工作日数应为1至{limit}之间的整数（《条例》第三十三条）。")
    if not reason.strip():
        raise DomainError("请写明延期理由。")
    not_before(approved_on, application.received_on, "批准日期", "收到申请之日")
    not_future(approved_on, "批准日期")
    if application.due_date and approved_on > application.due_date:
        raise DomainError(
            f"原答复期限已于{chinese_date(application.due_date)}届满，不能再批准延期。",
            code="bad_date",
        )
    extension = Extension.objects.create(
        application=application,
        days=days,
        reason=reason.strip(),
        approved_by=actor,
        approved_on=approved_on,
    )
    save_clock(application)
    extension.letter = issue_letter(
        application,
        LetterKind.EXTENSION,
        dated=approved_on,
        actor=actor,
        context={
            "days": str(days),
            "reason": reason.strip(),
            "extended_due": format_date(application.due_date) if application.due_date else "",
        },
    )
    extension.save(update_fields=["letter"])
    record(
        application,
        EventType.EXTENSION_APPROVED,
        actor=actor,
        on=approved_on,
        days=days,
        due_date=application.due_date,
        letter=extension.letter.number,
    )
    return extension
