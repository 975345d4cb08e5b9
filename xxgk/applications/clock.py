"""Glue between a case's procedure rows and the pure clock (xxgk/lib/deadlines.py).

One clock per case (docs/adr/0003-case-clock.md): the reply due date is always recomputed
from scratch from the receipt date, the last 补正 receipt (restart), every pause
(consultation, fee, Art. 35 reasons) and the approved extension. Services call
`recompute()` after each clock event; nothing else writes the stored due date.
"""

from __future__ import annotations

from datetime import date

from xxgk.applications.models import Application, Status
from xxgk.lib.deadlines import ClockRules, Deadline, Pause, PauseKind, compute_deadline
from xxgk.lib.workdays import WorkCalendar, format_date

RULES = ClockRules()
CLOCK_FIELDS = ["due_date", "due_provisional", "clock_years", "clock_steps"]


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
        end = c.replied_on or c.reply_due
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
        rules=RULES,
    )


def recompute(application: Application, cal: WorkCalendar | None = None) -> list[str]:
    """Set the stored clock fields of an open case; return their names for save(update_fields)."""
    if application.status == Status.AWAITING_AMENDMENT:
        # Art. 30: the reply period has not started; it runs from the amended receipt.
        open_amendment = application.amendments.filter(
            amended_on__isnull=True, lapsed_on__isnull=True
        ).first()
        application.due_date = None
        application.due_provisional = False
        application.clock_years = [application.received_on.year]
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


def due_soon_cutoff(today: date, cal: WorkCalendar | None = None, days: int = 5) -> date:
    """Return the last due date that counts as "due soon" (≤ `days` working days away)."""
    return (cal or calendar()).add_workdays(today, days).date
