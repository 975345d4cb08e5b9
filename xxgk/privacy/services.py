"""Key rotation and the retention purge of applicants' personal data (guarantee 14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from xxgk.errors import DomainError
from xxgk.privacy import keys
from xxgk.privacy.fields import encrypted_fields

if TYPE_CHECKING:
    from xxgk.accounts.models import User

PURGED_NAME = "（已清除）"
# Personal data of the applicant. What stays: the applicant kind, the organisation's name and
# credit code (not personal data), the request, the dates and the outcome — everything the
# annual report (compute.py) and the case statistics count.
PURGED_FIELDS = (
    "id_type",
    "id_number",
    "phone",
    "email",
    "address",
    "postcode",
    "contact_person",
    "legal_representative",
)


@dataclass(frozen=True)
class RotationResult:
    rows: int
    values: int


def rotate_keys() -> RotationResult:
    """Re-encrypt every encrypted value under the first key of XXGK_DATA_KEYS.

    Each row is rewritten in its own short transaction; a value already under the first key is
    left as it is, so an interrupted rotation is simply run again.
    """
    from xxgk.audit import services as audit

    rows = values = 0
    for model in apps.get_models():
        names = encrypted_fields(model)
        if not names:
            continue
        table = model._meta.db_table
        # Read the raw tokens (not decrypted) to see which rows need it.
        raw = model.objects.values_list("pk", *names).iterator(chunk_size=500)
        for pk, *_decrypted in raw:
            tokens = _raw_tokens(table, model._meta.pk.column, pk, names)
            stale = {
                name: token
                for name, token in tokens.items()
                if token and not keys.encrypted_under_primary(token)
            }
            if not stale:
                continue
            with transaction.atomic():
                obj = model.objects.select_for_update().only("pk", *stale).get(pk=pk)
                model.objects.filter(pk=pk).update(**{n: getattr(obj, n) for n in stale})
            rows += 1
            values += len(stale)
    audit.record(
        "privacy.keys_rotated",
        actor=None,
        after={"rows": rows, "values": values, "keys": len(settings.XXGK_DATA_KEYS)},
    )
    return RotationResult(rows=rows, values=values)


def _raw_tokens(table: str, pk_column: str, pk: object, names: list[str]) -> dict[str, str]:
    from django.db import connection

    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in names)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(table)} WHERE {quote(pk_column)} = %s", [pk])
        row = cursor.fetchone()
    return dict(zip(names, row or (), strict=False))


def earliest_allowed_cutoff(today: date | None = None) -> date:
    """The latest `--before` date allowed: today minus the retention period."""
    today = today or timezone.localdate()
    years = settings.XXGK_PERSONAL_DATA_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@dataclass(frozen=True)
class PurgeResult:
    cases: int
    cutoff: date


def purge_personal_data(*, before: date | None, actor: User | None = None) -> PurgeResult:
    """Remove applicants' personal data from cases closed before `before`.

    `before` defaults to, and may not be later than, today minus
    XXGK_PERSONAL_DATA_RETENTION_YEARS. Each case purged gets an event (hence an audit row).
    Only the command line (actor None) or a superuser may purge.
    """
    from xxgk.applications.models import ApplicantKind, Application, EventType, Letter, Status
    from xxgk.applications.services.common import record

    if actor is not None and not actor.is_superuser:
        raise DomainError("只有系统运维人员可以清除申请人个人信息。")
    limit = earliest_allowed_cutoff()
    cutoff = before or limit
    if cutoff > limit:
        raise DomainError(
            f"清除日期 {cutoff.isoformat()} 晚于保存期限允许的 {limit.isoformat()}"
            f"（个人信息保存 {settings.XXGK_PERSONAL_DATA_RETENTION_YEARS} 年，"
            "见 XXGK_PERSONAL_DATA_RETENTION_YEARS）。"
        )
    due = Application.objects.filter(
        status=Status.CLOSED, closed_on__lt=cutoff, personal_data_purged_on__isnull=True
    ).values_list("pk", flat=True)
    today = timezone.localdate()
    count = 0
    for pk in list(due):
        with transaction.atomic():
            case = Application.objects.select_for_update().get(pk=pk)
            cleared = [name for name in PURGED_FIELDS if getattr(case, name)]
            changes: dict[str, object] = dict.fromkeys(PURGED_FIELDS, "")
            if case.applicant_kind == ApplicantKind.NATURAL:
                name = case.applicant_name
                changes["applicant_name"] = PURGED_NAME
                cleared.append("applicant_name")
                for letter in Letter.objects.filter(application=case):
                    Letter.objects.filter(pk=letter.pk).update(
                        recipient=letter.recipient.replace(name, PURGED_NAME),
                        body=letter.body.replace(name, PURGED_NAME),
                    )
            changes["applicant_key"] = f"purged:{case.pk}"
            changes["personal_data_purged_on"] = today
            Application.objects.filter(pk=pk).update(**changes)
            record(case, EventType.PERSONAL_DATA_PURGED, actor=actor, fields=sorted(cleared))
        count += 1
    return PurgeResult(cases=count, cutoff=cutoff)
