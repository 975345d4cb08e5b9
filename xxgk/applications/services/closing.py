"""Closing a case with exactly one table-2 outcome, and recomputing open deadlines."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from xxgk.accounts.policy import Action
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date
from xxgk.applications.models import Application, EventType, LetterKind, Outcome, Status
from xxgk.applications.models.choices import DEFAULT_LEGAL_BASIS, PROCEDURAL_OUTCOMES
from xxgk.applications.services.common import issue_letter, lock, not_before, record, require
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.accounts.models import User


def _refuse_if_closed(application: Application) -> None:
    if application.status == Status.CLOSED:
        raise DomainError(
            f"本申请已于{application.closed_on:%Y年%m月%d日}办结（结果：{application.get_outcome_display()}），"
            "每件申请只能有一个办理结果，不能再次办结。",
            code="already_closed",
        )


def _close(
    application: Application,
    *,
    actor: User | None,
    outcome: str,
    on: date,
    legal_basis: str,
    reply_text: str,
) -> Application:
    application.ensure_can_move_to(Status.CLOSED)
    letter = issue_letter(
        application,
        LetterKind.REPLY,
        dated=on,
        actor=actor,
        outcome=outcome,
        context={"reply_text": reply_text, "legal_basis": legal_basis},
    )
    application.status = Status.CLOSED
    application.outcome = outcome
    application.legal_basis = legal_basis
    application.reply_text = reply_text
    application.closed_on = on
    application.reply_letter = letter
    application.save(
        update_fields=[
            "status",
            "outcome",
            "legal_basis",
            "reply_text",
            "closed_on",
            "reply_letter",
        ]
    )
    record(
        application,
        EventType.CLOSED,
        actor=actor,
        on=on,
        outcome=outcome,
        letter=letter.number,
        due_date=application.due_date,
        late=bool(application.due_date and on > application.due_date),
    )
    return application


def close_procedurally(
    application: Application, *, actor: User | None, outcome: str, on: date
) -> Application:
    """Close after a lapse (逾期不补正 / 逾期未缴费); called inside the lapse services."""
    _refuse_if_closed(application)
    return _close(
        application,
        actor=actor,
        outcome=outcome,
        on=on,
        legal_basis=DEFAULT_LEGAL_BASIS[outcome],
        reply_text="",
    )


def lapse_and_close(
    application: Application,
    row: Model,
    *,
    actor: User | None,
    on: date,
    period_end: date | None,
    period: str,
    what: str,
    event: str,
    outcome: str,
    not_started: str = "",
) -> Application:
    """The one lapse rule of 补正 (Art. 30) and 收费 (109号): 视为放弃申请, then close.

    A lapse is declared only after the applicant's period has run out: `on` must be after
    `period_end`, which is None while the period has not started (e.g. the fee notice's
    delivery is not yet recorded; `not_started` says why). Sets `row.lapsed_on`, records
    `event` and closes the case procedurally with `outcome`.
    """
    if period_end is None:
        raise DomainError(not_started, code="bad_state")
    if on <= period_end:
        raise DomainError(
            f"{period}至{chinese_date(period_end)}，期限届满后才能认定{what}。", code="bad_date"
        )
    if on > timezone.localdate():
        raise DomainError(f"认定日期（{chinese_date(on)}）不能晚于今天。", code="bad_date")
    row.lapsed_on = on  # type: ignore[attr-defined]
    row.save(update_fields=["lapsed_on"])
    record(application, event, actor=actor, on=on)
    return close_procedurally(application, actor=actor, outcome=outcome, on=on)


@transaction.atomic
def close_application(
    application: Application,
    *,
    actor: User,
    outcome: str,
    closed_on: date,
    legal_basis: str = "",
    reply_text: str = "",
) -> Application:
    """Reply and close the case with exactly one outcome (a row of table 2, 2021 format).

    部分公开 (Art. 37): a case handled by 区分处理 is closed as `partial` only — one outcome
    per case is the whole rule, so it is never also counted as 不予公开.
    """
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = lock(application)
    _refuse_if_closed(application)
    if outcome not in Outcome.values:
        raise DomainError("办理结果无效：应为年度报告表二的某一项。")
    if outcome in PROCEDURAL_OUTCOMES:
        raise DomainError(
            f"“{Outcome(outcome).label}”由系统在补正或缴费期限届满后认定，请使用相应的操作。"
        )
    application.ensure_can_move_to(Status.CLOSED)
    if not isinstance(closed_on, date):
        raise DomainError("答复日期无效。")
    not_before(closed_on, application.received_on, "答复日期", "收到申请之日")
    if application.amended_on:
        not_before(closed_on, application.amended_on, "答复日期", "收到补正申请之日")
    if closed_on > timezone.localdate():
        raise DomainError("答复日期不能晚于今天。", code="bad_date")
    if outcome == Outcome.UNAVAILABLE_UNCLEAR and application.amended_on is None:
        raise DomainError("“补正后申请内容仍不明确”只适用于已经补正的申请（《条例》第三十条）。")
    if (
        outcome == Outcome.WITHHELD_THIRD_PARTY
        and not application.consultations.filter(kind="third_party").exists()
    ):
        raise DomainError(
            "以保护第三方合法权益为由不予公开的，应当先书面征求第三方意见（《条例》第三十二条）。"
        )
    overridden = (
        application.consultations.filter(overridden_on__isnull=False)
        .order_by("overridden_on")
        .first()
        if outcome == Outcome.WITHHELD_THIRD_PARTY
        else None
    )
    if overridden is not None:
        raise DomainError(
            f"本机关已于{chinese_date(overridden.overridden_on)}决定基于公共利益予以公开"
            f"（已书面告知{overridden.party}，《条例》第三十二条），不能再以保护第三方合法权益为由不予公开；"
            "请按“予以公开”或“部分公开”办结。"
        )
    legal_basis = legal_basis.strip() or DEFAULT_LEGAL_BASIS[outcome]
    if not legal_basis:
        raise DomainError("请填写答复的法律依据。")
    if outcome == Outcome.OTHER_OTHER and not reply_text.strip():
        raise DomainError("“其他处理·其他”请写明具体处理情况。")
    return _close(
        application,
        actor=actor,
        outcome=outcome,
        on=closed_on,
        legal_basis=legal_basis,
        reply_text=reply_text.strip(),
    )


@transaction.atomic
def recompute_open_deadlines(years: Iterable[int], *, actor: User | None = None) -> int:
    """Recompute the stored dates of every open case whose computation touched `years`.

    Called explicitly by the calendar's import command and admin after a year of the
    official calendar is imported or edited. Recomputes the reply due date and the side
    deadlines (补正 notice due, consultation reply due, fee payment due), each with its
    provisional flag; returns the number of cases where any of them changed (each gets an
    event row).
    """
    wanted = {int(y) for y in years}
    cal = clock.calendar()
    changed = 0
    for application in Application.objects.open().select_for_update().order_by("pk"):
        if not wanted & set(application.clock_years or []):
            continue
        before = (application.due_date, application.due_provisional)
        # Side deadlines first: the pauses of the reply period end at them.
        side = clock.recompute_side_deadlines(application, cal)
        clock.recompute(application, cal)
        application.save(update_fields=clock.CLOCK_FIELDS)
        if (application.due_date, application.due_provisional) != before or side:
            changed += 1
            record(
                application,
                EventType.DEADLINE_RECOMPUTED,
                actor=actor,
                years=sorted(wanted),
                before=before[0],
                due_date=application.due_date,
                provisional=application.due_provisional,
                side_deadlines=side,
            )
    return changed
