"""The clock-moving procedures of a case: 补正, 征求意见, 延期, 收费, 说明理由 (条例 Art. 30–35, 42)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date
from xxgk.applications.models import (
    AmendmentRequest,
    Application,
    Consultation,
    EventType,
    Extension,
    Fee,
    LetterKind,
    Outcome,
    ReasonsRequest,
    Status,
)
from xxgk.applications.services.closing import close_procedurally
from xxgk.applications.services.common import (
    counted_from,
    issue_letter,
    lock,
    not_before,
    record,
    require,
)
from xxgk.errors import DomainError
from xxgk.lib import deadlines, fees
from xxgk.lib.workdays import format_date

if TYPE_CHECKING:
    from xxgk.accounts.models import User


def _today() -> date:
    return timezone.localdate()


def _not_future(day: date, what: str) -> None:
    if day > _today():
        raise DomainError(f"{what}（{chinese_date(day)}）不能晚于今天。", code="bad_date")


def _move(application: Application, target: str) -> None:
    application.ensure_can_move_to(target)
    application.status = target


def _save_clock(application: Application, *extra: str) -> None:
    clock.recompute(application)
    application.save(update_fields=[*clock.CLOCK_FIELDS, "status", *extra])


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
    _move(application, Status.AWAITING_AMENDMENT)
    if not items.strip():
        raise DomainError("请写明需要补正的事项。")
    not_before(sent_on, application.received_on, "补正告知日期", "收到申请之日")
    _not_future(sent_on, "补正告知日期")
    if reply_by <= sent_on:
        raise DomainError("补正期限应晚于告知日期。", code="bad_date")
    notice_due = deadlines.amendment_notice_due(
        application.received_on, calendar=clock.calendar(), rules=clock.RULES
    ).date
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
        late=deadlines.is_late(sent_on, notice_due),
        reply_by=reply_by,
        letter=letter,
    )
    _save_clock(application)
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
    _not_future(amended_on, "收到补正申请之日")
    amendment.amended_on = amended_on
    amendment.save(update_fields=["amended_on"])
    application.amended_on = amended_on
    _move(application, Status.RECEIVED)
    _save_clock(application, "amended_on")
    record(
        application,
        EventType.AMENDMENT_RECEIVED,
        actor=actor,
        on=amended_on,
        due_date=application.due_date,
    )
    return application


@transaction.atomic
def lapse_amendment(application: Application, *, actor: User, on: date) -> Application:
    """No amendment within the period given: 视为放弃申请 → outcome other.no_amendment."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    amendment = _open_amendment(application)
    if on <= amendment.reply_by:
        raise DomainError(
            f"补正期限至{chinese_date(amendment.reply_by)}，期限届满后才能认定逾期未补正。",
            code="bad_date",
        )
    _not_future(on, "认定日期")
    amendment.lapsed_on = on
    amendment.save(update_fields=["lapsed_on"])
    record(application, EventType.AMENDMENT_LAPSED, actor=actor, on=on)
    return close_procedurally(application, actor=actor, outcome=Outcome.OTHER_NO_AMENDMENT, on=on)


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
    _move(application, Status.CONSULTING)
    not_before(sent_on, counted_from(application), "征求意见日期", "答复期限起算日")
    _not_future(sent_on, "征求意见日期")
    # Art. 32: 15 working days from the party's receipt of the letter; the dispatch date is
    # used as the start, the conservative reading for the agency's own clock.
    reply_due = deadlines.third_party_reply_due(
        sent_on, calendar=clock.calendar(), rules=clock.RULES
    ).date
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
        letter=letter,
    )
    _save_clock(application)
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
    _not_future(on, "答复日期")
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
        _move(application, Status.RECEIVED)
    _save_clock(application)
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
    limit = clock.RULES.max_extension_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= limit:
        raise DomainError(f"延长的工作日数应为1至{limit}之间的整数（《条例》第三十三条）。")
    if not reason.strip():
        raise DomainError("请写明延期理由。")
    not_before(approved_on, application.received_on, "批准日期", "收到申请之日")
    _not_future(approved_on, "批准日期")
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
    _save_clock(application)
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


# --- 超出合理范围, 收费 (Art. 35, 42; 109号) -------------------------------------------------------


@transaction.atomic
def record_mass_request(application: Application, *, actor: User, note: str) -> Application:
    """Record why the requests clearly exceed a reasonable range (the Art. 35/42 condition)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    if not application.is_open:
        raise DomainError("本申请已办结。", code="bad_state")
    if not note.strip():
        raise DomainError("请写明认定申请数量、频次明显超过合理范围的事实。")
    application.mass_request_note = note.strip()
    application.save(update_fields=["mass_request_note"])
    record(application, EventType.MASS_REQUEST_NOTED, actor=actor, note=note.strip())
    return application


def request_ordinal(application: Application) -> int:
    """Return the ordinal of this request among the applicant's requests in its month (109号 Art. 4)."""
    d = application.received_on
    same_month = Application.objects.filter(
        agency=application.agency,
        applicant_key=application.applicant_key,
        received_on__year=d.year,
        received_on__month=d.month,
    )
    return (
        same_month.filter(received_on__lt=d).count()
        + same_month.filter(received_on=d, pk__lte=application.pk).count()
    )


@transaction.atomic
def issue_fee_notice(
    application: Application,
    *,
    actor: User,
    method: str,
    sent_on: date,
    pages: int | None = None,
) -> Fee:
    """Issue a 收费通知 (109号); the time until payment is not counted [R, configurable]."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    if not application.mass_request_note:
        raise DomainError(
            "本申请不符合收费条件：只有申请数量、频次明显超过合理范围的，才可以收取信息处理费"
            "（《条例》第四十二条）。请先记录认定理由。",
            code="not_eligible",
        )
    if Fee.objects.filter(application=application).exists():
        raise DomainError("本申请已发出过收费通知；每件申请只能选择一种计收方式（109号）。")
    _move(application, Status.AWAITING_FEE)
    not_before(sent_on, counted_from(application), "收费通知日期", "答复期限起算日")
    _not_future(sent_on, "收费通知日期")
    if method == Fee.Method.PER_REQUEST:
        units = request_ordinal(application)
        amount = fees.per_request_fee(units)
        explanation = [f"本月第{units}件申请，按件计收标准为{fees.format_yuan(amount)}元。"]
    elif method == Fee.Method.PER_PAGE:
        if isinstance(pages, bool) or not isinstance(pages, int) or pages < 1:
            raise DomainError("按量计收须填写页数（正整数）。")
        units = pages
        amount = fees.per_page_fee(pages)
        explanation = fees.explain(fees.PER_PAGE_SCALE, pages)
    else:
        raise DomainError("计收方式无效：应为按件计收或按量计收。")
    if amount <= 0:
        raise DomainError(f"按109号标准本件无需收费（{explanation[0] if explanation else ''}）。")
    payment_due = deadlines.fee_payment_due(
        sent_on, calendar=clock.calendar(), rules=clock.RULES
    ).date
    letter = issue_letter(
        application,
        LetterKind.FEE,
        dated=sent_on,
        actor=actor,
        context={
            "fee_method": Fee.Method(method).label,
            "fee_amount": fees.format_yuan(amount),
            "fee_explanation": "；".join(explanation),
            "reply_by": chinese_date(payment_due),
        },
    )
    fee = Fee.objects.create(
        application=application,
        method=method,
        units=units,
        amount=amount,
        explanation=explanation,
        notice_sent_on=sent_on,
        payment_due=payment_due,
        letter=letter,
    )
    _save_clock(application)
    record(
        application,
        EventType.FEE_NOTICE_ISSUED,
        actor=actor,
        on=sent_on,
        method=method,
        units=units,
        amount=fees.format_yuan(amount),
        payment_due=payment_due,
        letter=letter.number,
    )
    return fee


def _open_fee(application: Application) -> Fee:
    fee = Fee.objects.filter(application=application).first()
    if application.status != Status.AWAITING_FEE or fee is None or not fee.is_open:
        raise DomainError("本申请没有待缴的信息处理费。", code="bad_state")
    return fee


@transaction.atomic
def record_fee_payment(application: Application, *, actor: User, paid_on: date) -> Fee:
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    fee = _open_fee(application)
    not_before(paid_on, fee.notice_sent_on, "缴费日期", "收费通知日期")
    _not_future(paid_on, "缴费日期")
    fee.paid_on = paid_on
    fee.save(update_fields=["paid_on"])
    _move(application, Status.RECEIVED)
    _save_clock(application)
    record(application, EventType.FEE_PAID, actor=actor, on=paid_on, due_date=application.due_date)
    return fee


@transaction.atomic
def lapse_fee(application: Application, *, actor: User, on: date) -> Application:
    """Not paid in time: 视为放弃申请 → outcome other.unpaid_fee (2021 row （六）2)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    fee = _open_fee(application)
    if on <= fee.payment_due:
        raise DomainError(
            f"缴费期限至{chinese_date(fee.payment_due)}，期限届满后才能认定逾期未缴费。",
            code="bad_date",
        )
    _not_future(on, "认定日期")
    fee.lapsed_on = on
    fee.save(update_fields=["lapsed_on"])
    record(application, EventType.FEE_LAPSED, actor=actor, on=on)
    return close_procedurally(application, actor=actor, outcome=Outcome.OTHER_UNPAID_FEE, on=on)


# --- 说明理由 (Art. 35) ----------------------------------------------------------------------


@transaction.atomic
def request_reasons(
    application: Application, *, actor: User, requested_on: date, reply_by: date
) -> ReasonsRequest:
    """Ask the applicant of mass/repeated requests to state reasons (Art. 35)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    if not (application.mass_request_note or application.volume_flag):
        raise DomainError(
            "只有申请数量、频次明显超过合理范围的，才可以要求说明理由（《条例》第三十五条）。"
        )
    if ReasonsRequest.objects.filter(application=application).exists():
        raise DomainError("本申请已要求过说明理由。")
    _move(application, Status.AWAITING_REASONS)
    not_before(requested_on, counted_from(application), "告知日期", "答复期限起算日")
    _not_future(requested_on, "告知日期")
    if reply_by <= requested_on:
        raise DomainError("说明理由期限应晚于告知日期。", code="bad_date")
    letter = issue_letter(
        application,
        LetterKind.REASONS,
        dated=requested_on,
        actor=actor,
        context={"reply_by": chinese_date(reply_by)},
    )
    request = ReasonsRequest.objects.create(
        application=application, requested_on=requested_on, reply_by=reply_by, letter=letter
    )
    _save_clock(application)
    record(
        application,
        EventType.REASONS_REQUESTED,
        actor=actor,
        on=requested_on,
        reply_by=reply_by,
        letter=letter.number,
    )
    return request


@transaction.atomic
def record_reasons(
    application: Application,
    *,
    actor: User,
    received_on: date,
    reasonable: bool,
    reasons: str = "",
    deferred_due: date | None = None,
) -> ReasonsRequest:
    """Record the reasons; if reasonable, optionally set a deferred reply deadline (Art. 35)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    request = ReasonsRequest.objects.filter(application=application).first()
    if application.status != Status.AWAITING_REASONS or request is None or not request.is_open:
        raise DomainError("本申请没有待说明的理由。", code="bad_state")
    not_before(received_on, request.requested_on, "收到说明之日", "告知日期")
    _not_future(received_on, "收到说明之日")
    if deferred_due is not None:
        if not reasonable:
            raise DomainError("理由不合理的，应告知不予处理，不能确定延迟答复期限。")
        not_before(deferred_due, received_on, "延迟答复期限", "收到说明之日")
    request.received_on = received_on
    request.reasonable = reasonable
    request.reasons = reasons.strip()
    request.deferred_due = deferred_due
    request.save(update_fields=["received_on", "reasonable", "reasons", "deferred_due"])
    application.deferred_due = deferred_due
    _move(application, Status.RECEIVED)
    _save_clock(application, "deferred_due")
    record(
        application,
        EventType.REASONS_RECORDED,
        actor=actor,
        on=received_on,
        reasonable=reasonable,
        deferred_due=deferred_due,
    )
    return request
