"""Mass and repeated applications: the Art. 35/42 condition, 信息处理费 (109号), 说明理由 (Art. 35)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date
from xxgk.applications.models import (
    Application,
    EventType,
    Fee,
    LetterKind,
    Outcome,
    ReasonsRequest,
    Status,
)
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
from xxgk.lib import deadlines, fees

if TYPE_CHECKING:
    from xxgk.accounts.models import User


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
    move(application, Status.AWAITING_FEE)
    not_before(sent_on, counted_from(application), "收费通知日期", "答复期限起算日")
    not_future(sent_on, "收费通知日期")
    if method == Fee.Method.PER_REQUEST:
        units = request_ordinal(application)
        amount = fees.per_request_fee(units, scale=clock.fee_scales().per_request)
        explanation = [f"本月第{units}件申请，按件计收标准为{fees.format_yuan(amount)}元。"]
    elif method == Fee.Method.PER_PAGE:
        if isinstance(pages, bool) or not isinstance(pages, int) or pages < 1:
            raise DomainError("按量计收须填写页数（正整数）。")
        units = pages
        amount = fees.per_page_fee(pages, scale=clock.fee_scales().per_page)
        explanation = fees.explain(clock.fee_scales().per_page, pages)
    else:
        raise DomainError("计收方式无效：应为按件计收或按量计收。")
    if amount <= 0:
        raise DomainError(f"按109号标准本件无需收费（{explanation[0] if explanation else ''}）。")
    # 109号 [R]: the period runs from the applicant's receipt of the notice; until the delivery
    # is recorded (record_fee_notice_delivery) it is estimated from the dispatch date.
    counted = deadlines.fee_payment_due(sent_on, calendar=clock.calendar(), rules=clock.rules())
    payment_due = counted.date
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
            "payment_days": str(clock.rules().fee_payment_days),
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
        payment_due_provisional=counted.provisional,
        letter=letter,
    )
    save_clock(application)
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
def record_fee_notice_delivery(application: Application, *, actor: User, delivered_on: date) -> Fee:
    """Record the day the applicant received the fee notice (e.g. the postal receipt).

    109号 [R]: the payment period (20 working days) runs from that day, so the payment due
    date and, through the pause, the reply due date are recomputed; only now can the fee
    lapse.
    """
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    fee = _open_fee(application)
    if not isinstance(delivered_on, date):
        raise DomainError("送达日期无效。")
    not_before(delivered_on, fee.notice_sent_on, "送达日期", "收费通知日期")
    not_future(delivered_on, "送达日期")
    before = fee.payment_due
    counted = deadlines.fee_payment_due(
        delivered_on, calendar=clock.calendar(), rules=clock.rules()
    )
    fee.notice_delivered_on = delivered_on
    fee.payment_due = counted.date
    fee.payment_due_provisional = counted.provisional
    fee.save(update_fields=["notice_delivered_on", "payment_due", "payment_due_provisional"])
    save_clock(application)
    record(
        application,
        EventType.FEE_NOTICE_DELIVERED,
        actor=actor,
        on=delivered_on,
        payment_due_before=before,
        payment_due=fee.payment_due,
        due_date=application.due_date,
    )
    return fee


@transaction.atomic
def record_fee_payment(application: Application, *, actor: User, paid_on: date) -> Fee:
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    fee = _open_fee(application)
    not_before(paid_on, fee.notice_sent_on, "缴费日期", "收费通知日期")
    not_future(paid_on, "缴费日期")
    fee.paid_on = paid_on
    fee.save(update_fields=["paid_on"])
    move(application, Status.RECEIVED)
    save_clock(application)
    record(application, EventType.FEE_PAID, actor=actor, on=paid_on, due_date=application.due_date)
    return fee


@transaction.atomic
def lapse_fee(application: Application, *, actor: User, on: date) -> Application:
    """Not paid in time: 视为放弃申请 → outcome other.unpaid_fee (2021 row （六）2)."""
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    fee = _open_fee(application)
    return lapse_and_close(
        application,
        fee,
        actor=actor,
        on=on,
        # The period runs from the applicant's receipt of the notice: unknown receipt, no lapse.
        period_end=fee.payment_due if fee.notice_delivered_on else None,
        period="缴费期限",
        what="逾期未缴费",
        event=EventType.FEE_LAPSED,
        outcome=Outcome.OTHER_UNPAID_FEE,
        not_started="尚未记录申请人收到收费通知的日期；缴费期限自申请人收到收费通知之日起计算，"
        "请先记录送达日期，期限届满后才能认定逾期未缴费。",
    )


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
    move(application, Status.AWAITING_REASONS)
    not_before(requested_on, counted_from(application), "告知日期", "答复期限起算日")
    not_future(requested_on, "告知日期")
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
    save_clock(application)
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
    not_future(received_on, "收到说明之日")
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
    move(application, Status.RECEIVED)
    save_clock(application, "deferred_due")
    record(
        application,
        EventType.REASONS_RECORDED,
        actor=actor,
        on=received_on,
        reasonable=reasonable,
        deferred_due=deferred_due,
    )
    return request
