"""Glue between a case's procedure rows and the pure clock (xxgk/lib/deadlines.py).

One clock per case (docs/adr/0003-case-clock.md): the reply due date is always recomputed
from scratch from the receipt date, the last 补正 receipt (restart), every pause
(consultation, fee, Art. 35 reasons) and the approved extension. Services call
`recompute()` after each clock event; nothing else writes the stored due date.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from xxgk.applications.models import Application, Status
from xxgk.lib import deadlines
from xxgk.lib.deadlines import ClockRules, Deadline, Pause, PauseKind, compute_deadline
from xxgk.lib.fees import FeeScales
from xxgk.lib.workdays import Counted, WorkCalendar, format_date

CLOCK_FIELDS = ["due_date", "due_provisional", "clock_years", "clock_steps"]


def rules() -> ClockRules:
    """The installation's clock rules (XXGK_CLOCK_RULES, validated at start-up)."""
    return settings.XXGK_CLOCK_RULES


def fee_scales() -> FeeScales:
    """The installation's 109号 fee scales (XXGK_FEE_SCALES, validated at start-up)."""
    return settings.XXGK_FEE_SCALES


def calendar() -> WorkCalendar:
    from xxgk.workcalendar.services import db_calendar

    return db_calendar()


def pauses_of(application: Application) -> list[Pause]:
    """Return the periods not counted in the reply period, from the procedure rows.

    An open pause is assumed to last until its statutory end (the consultee's 15th working
    day, the fee payment deadline, the reasons deadline); the due date is recomputed when
    the answer, payment or reasons arrive.
    """
    pauses: list[Pause] = []
    if application.pk is None:
        return pauses
    for c in application.consultations.all():
        kind = PauseKind.THIRD_PARTY if c.kind == "third_party" else PauseKind.OTHER_AGENCY
        # Art. 32/33: the pause ends at the reply or at the reply deadline, whichever is
        # first — a late reply does not stretch it (issue 12 item 2).
        end = min(c.replied_on, c.reply_due) if c.replied_on else c.reply_due
        pauses.append(Pause(c.sent_on, max(end, c.sent_on), kind, c.party))
    fee = getattr(application, "fee", None) if application.pk else None
    if fee is not None:
        end = fee.paid_on or fee.lapsed_on or fee.payment_due
        pauses.append(Pause(fee.notice_sent_on, max(end, fee.notice_sent_on), PauseKind.FEE))
    reasons = getattr(application, "reasons_request", None) if application.pk else None
    if reasons is not None:
        end = reasons.received_on or reasons.reply_by
        pauses.append(
            Pause(reasons.requested_on, max(end, reasons.requested_on), PauseKind.MASS_REQUEST)
        )
    return pauses


def deadline_of(application: Application, cal: WorkCalendar | None = None) -> Deadline:
    extension = getattr(application, "extension", None) if application.pk else None
    return compute_deadline(
        application.received_on,
        amended=application.amended_on,
        pauses=pauses_of(application),
        extension_days=extension.days if extension else 0,
        calendar=cal or calendar(),
        rules=rules(),
    )


def recompute(application: Application, cal: WorkCalendar | None = None) -> list[str]:
    """Set the stored clock fields of an open case; return their names for save(update_fields)."""
    if application.status == Status.AWAITING_CONFIRMATION:
        # Art. 31: an online submission has no receipt date until both sides confirm it.
        application.due_date = None
        application.due_provisional = False
        application.clock_years = []
        application.clock_steps = [
            {
                "kind": "confirmation",
                "text": "网上提交的申请待本机关确认；确认之日为收到申请之日，答复期限自该日起算"
                "（《条例》第三十一条：以双方确认之日为收到申请之日）。",
            }
        ]
    elif application.status == Status.AWAITING_AMENDMENT:
        # Art. 30: the reply period has not started; it runs from the amended receipt.
        open_amendment = application.amendments.filter(
            amended_on__isnull=True, lapsed_on__isnull=True
        ).first()
        application.due_date = None
        application.due_provisional = False
        last = max([application.received_on] + [a.notice_due for a in application.amendments.all()])
        application.clock_years = list(range(application.received_on.year, last.year + 1))
        application.clock_steps = [
            {
                "kind": "amendment",
                "text": "已发出补正告知，答复期限自收到补正后的申请之日起重新计算（《条例》第三十条）。"
                + (f"补正期限至{format_date(open_amendment.reply_by)}。" if open_amendment else ""),
            }
        ]
    else:
        deadline = deadline_of(application, cal)
        steps = [s.to_dict() for s in deadline.steps]
        due = deadline.final_due
        if application.deferred_due is not None:
            due = application.deferred_due
            steps.append(
                {
                    "kind": "deferred",
                    "text": f"申请人说明的理由合理，已确定延迟答复期限为{format_date(due)}"
                    "（《条例》第三十五条）。",
                }
            )
        last = max([due, deadline.final_due] + [p.end for p in pauses_of(application)])
        application.due_date = due
        application.due_provisional = deadline.provisional
        application.clock_years = list(range(application.received_on.year, last.year + 1))
        application.clock_steps = steps
    return CLOCK_FIELDS


def _pair(counted: Counted) -> tuple[date, bool]:
    return counted.date, counted.provisional


def recompute_side_deadlines(application: Application, cal: WorkCalendar) -> dict[str, str]:
    """Recompute the stored side deadlines of a case from the calendar `cal`.

    The 补正 notice due date (7 working days after receipt), each consultation's reply due
    date (15 working days after delivery, or dispatch until delivery is recorded) and the
    open fee's payment due date (20 working days after the notice was received, or sent until
    its delivery is recorded), each with its provisional flag. Returns {what: new date} for
    those that changed (date or flag), for the event row.
    """
    r = rules()
    changed: dict[str, str] = {}
    for amendment in application.amendments.all():
        counted = deadlines.amendment_notice_due(application.received_on, calendar=cal, rules=r)
        if (amendment.notice_due, amendment.notice_due_provisional) != _pair(counted):
            amendment.notice_due, amendment.notice_due_provisional = _pair(counted)
            amendment.late = deadlines.is_late(amendment.sent_on, counted.date)
            amendment.save(update_fields=["notice_due", "notice_due_provisional", "late"])
            changed["amendment_notice_due"] = counted.date.isoformat()
    # Every consultation, answered or not: a reply's pause ends at min(reply, reply due).
    for c in application.consultations.all():
        counted = deadlines.third_party_reply_due(
            c.delivered_on or c.sent_on, calendar=cal, rules=r
        )
        if (c.reply_due, c.reply_due_provisional) != _pair(counted):
            c.reply_due, c.reply_due_provisional = _pair(counted)
            c.save(update_fields=["reply_due", "reply_due_provisional"])
            changed[f"consultation_reply_due:{c.party}"] = counted.date.isoformat()
    fee = getattr(application, "fee", None)
    if fee is not None and fee.is_open:
        counted = deadlines.fee_payment_due(
            fee.notice_delivered_on or fee.notice_sent_on, calendar=cal, rules=r
        )
        if (fee.payment_due, fee.payment_due_provisional) != _pair(counted):
            fee.payment_due, fee.payment_due_provisional = _pair(counted)
            fee.save(update_fields=["payment_due", "payment_due_provisional"])
            changed["fee_payment_due"] = counted.date.isoformat()
    return changed


def due_soon_cutoff(today: date, cal: WorkCalendar | None = None, days: int = 5) -> date:
    """Return the last due date that counts as "due soon" (≤ `days` working days away)."""
    return (cal or calendar()).add_workdays(today, days).date
