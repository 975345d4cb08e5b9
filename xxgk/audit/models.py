"""The append-only, hash-chained audit trail (guarantee 13 of issue 11).

`AuditRecord` rows are written only by `xxgk.audit.services.append`; `AuditHead` is one row
holding the chain's last sequence number and hash, updated by the same transaction: taking it
first serialises concurrent appends (see services.append). `AuditedEvent` is the base of every
app's event model: saving a new event appends exactly one audit row, in the same transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models, transaction

from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency


class AuditRecord(models.Model):
    """One state change: who, in which agency, when, what, on which object, before → after.

    Actor and agency are copied as id + name rather than foreign keys: a user or agency may be
    deleted or renamed later, and the row must still hash to what it hashed to when written.
    """

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间")
    actor_pk = models.BigIntegerField("操作人编号", null=True, blank=True)
    actor_name = models.CharField("操作人", max_length=150, blank=True)
    agency_pk = models.BigIntegerField("机关编号", null=True, blank=True, db_index=True)
    agency_name = models.CharField("机关", max_length=200, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", default=dict, blank=True)
    after = models.JSONField("修改后", default=dict, blank=True)
    source = models.CharField("来源记录", max_length=100, blank=True)
    prev_hash = models.CharField("前一条哈希", max_length=64)
    hash = models.CharField("哈希", max_length=64)

    class Meta:
        verbose_name = "审计记录"
        verbose_name_plural = "审计记录"
        ordering = ["seq"]
        indexes = [models.Index(fields=["agency_pk", "seq"]), models.Index(fields=["source"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise DomainError("审计记录只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise DomainError("审计记录不能删除。")

    def content(self) -> dict[str, Any]:
        """The hashed columns (see chain.CONTENT_FIELDS)."""
        from xxgk.audit.chain import CONTENT_FIELDS

        values = {name: getattr(self, name) for name in CONTENT_FIELDS}
        values["at"] = timestamp(self.at)
        return values


def timestamp(value: Any) -> str:
    """The one text form of a row's time in the hash: UTC, microseconds, ISO 8601."""
    from datetime import UTC

    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class AuditHead(models.Model):
    """The chain head (a single row, pk=1): last sequence number and its hash."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "审计链头"
        verbose_name_plural = "审计链头"


class AuditedEvent(models.Model):
    """Base of every app's append-only event model: one saved event = one audit row.

    This is the single hook of the audit trail. Each app's services write their event rows
    through their own small helper (applications.services.common.record, publications
    transitions._event, …); all of those end in `save()` here, which appends the audit row in
    the same transaction. A subclass names the object the event is about (`audit_subject`, a
    foreign key name, or None) and may override `audit_agency` / `audit_object`.
    Bulk inserts would skip `save()`; a test (audit/tests/test_coverage.py) keeps them out.
    """

    audit_subject: ClassVar[str | None] = None
    audit_action_field: ClassVar[str] = "type"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if adding:
                from xxgk.audit import services

                services.record_event(self)

    # --- what the audit row says about this event --------------------------------------------

    def audit_action(self) -> str:
        return f"{self._meta.app_label}.{getattr(self, self.audit_action_field)}"

    def audit_actor(self) -> User | str | None:
        return getattr(self, "actor", None)

    def audit_agency(self) -> Agency | None:
        if any(f.name == "agency" for f in self._meta.fields):
            return getattr(self, "agency", None)
        subject = self.audit_object()
        return getattr(subject, "agency", None) if subject is not None else None

    def audit_object(self) -> models.Model | None:
        return getattr(self, self.audit_subject) if self.audit_subject else None

    def audit_object_label(self) -> tuple[str, str, str]:
        """(type, id, human-readable text) of the object changed."""
        subject = self.audit_object()
        if subject is None:
            return ("", "", "")
        return (subject._meta.label_lower, str(subject.pk), str(subject)[:200])

    def audit_data(self) -> dict[str, Any]:
        return dict(getattr(self, "data", None) or {})
