"""Shared pieces of the case-desk services: permission, state guard, events, numbers, letters."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from xxgk.accounts import policy
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date, fill, remedies_clause, template_text
from xxgk.applications.models import (
    Application,
    ApplicationEvent,
    CaseDeskSettings,
    Letter,
    LetterKind,
    NumberCounter,
)
from xxgk.errors import DomainError
from xxgk.lib.workdays import format_date

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency


def require(actor: User | None, action: policy.Action, agency: Agency) -> None:
    policy.require(actor, action, agency)


def lock(application: Application) -> Application:
    """Reload the case under a row lock so concurrent actions see each other's state."""
    return Application.objects.select_for_update().get(pk=application.pk)


def record(
    application: Application,
    type: str,
    *,
    actor: User | None,
    on: date | None = None,
    **data: Any,
) -> ApplicationEvent:
    clean = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}
    return ApplicationEvent.objects.create(
        application=application, type=type, actor=actor, on=on, data=clean
    )


def desk_settings(agency: Agency) -> CaseDeskSettings:
    found = CaseDeskSettings.objects.filter(agency=agency).first()
    return found or CaseDeskSettings(agency=agency)


def next_number(agency: Agency, year: int, series: str, pattern: str) -> str:
    """Return the next number of a series for agency and year, e.g. 冶科依申〔2025〕第12号.

    The counter row is locked (select_for_update), so two concurrent intakes never get the
    same number; the unique constraints on the numbered rows are the last guard.
    """
    counter, _ = NumberCounter.objects.get_or_create(agency=agency, year=year, series=series)
    counter = NumberCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last += 1
    counter.save(update_fields=["last"])
    try:
        return pattern.format(short=agency.short_name, year=year, seq=counter.last)
    except (KeyError, IndexError, ValueError):
        raise DomainError(
            f"编号格式“{pattern}”有误，只能使用 {{short}}、{{year}}、{{seq}}。"
        ) from None


def base_context(application: Application) -> dict[str, str]:
    agency = application.agency
    return {
        "agency": agency.name,
        "office": agency.office_name or agency.name,
        "office_address": agency.office_address,
        "office_phone": agency.office_phone,
        "applicant": application.applicant_name,
        "case_number": application.case_number,
        "tracking_code": application.tracking_code,
        "received": chinese_date(application.received_on),
        "information": application.information_title,
        "due": format_date(application.due_date) if application.due_date else "",
    }


def issue_letter(
    application: Application,
    kind: str,
    *,
    dated: date,
    actor: User | None,
    recipient: str | None = None,
    to_applicant: bool = True,
    outcome: str = "",
    context: dict[str, str] | None = None,
) -> Letter:
    """Number, date and store a letter from the agency's template for this kind."""
    settings = desk_settings(application.agency)
    pattern = (
        settings.reply_number_pattern
        if kind == LetterKind.REPLY
        else settings.notice_number_pattern
    )
    series = "reply" if kind == LetterKind.REPLY else "notice"
    number = next_number(application.agency, dated.year, series, pattern)
    title, body = template_text(application.agency, kind, outcome)
    values = base_context(application) | {"number": number, "dated": chinese_date(dated)}
    if kind == LetterKind.REPLY:
        values["remedies"] = remedies_clause(application.agency, outcome, dated)
    values |= context or {}
    return Letter.objects.create(
        application=application,
        kind=kind,
        number=number,
        dated=dated,
        recipient=recipient or application.applicant_name,
        to_applicant=to_applicant,
        title=title,
        body=fill(body, values).strip(),
        created_by=actor,
    )


def not_before(day: date, earliest: date, what: str, earliest_what: str) -> None:
    if day < earliest:
        raise DomainError(
            f"{what}（{chinese_date(day)}）不能早于{earliest_what}（{chinese_date(earliest)}）。",
            code="bad_date",
        )


def counted_from(application: Application) -> date:
    return application.amended_on or application.received_on


def today() -> date:
    return timezone.localdate()


def not_future(day: date, what: str) -> None:
    if day > today():
        raise DomainError(f"{what}（{chinese_date(day)}）不能晚于今天。", code="bad_date")


def move(application: Application, target: str) -> None:
    application.ensure_can_move_to(target)
    application.status = target


def save_clock(application: Application, *extra: str) -> None:
    clock.recompute(application)
    application.save(update_fields=[*clock.CLOCK_FIELDS, "status", *extra])
