"""Appending to, verifying and anchoring the audit chain.

`append` is the only writer of AuditRecord. `record_event` turns an app's event row into
an audit row (called from AuditedEvent.save, the one hook); `record` is for the rare state
change that has no event model of its own (e.g. `xxgk keys rotate`, `xxgk purge`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from xxgk.audit import chain
from xxgk.audit.models import AuditedEvent, AuditHead, AuditRecord, timestamp

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

log = logging.getLogger(__name__)

CLI_ACTOR = "命令行"


@dataclass(frozen=True)
class Change:
    """What one audit row says (everything but sequence, time and hashes)."""

    action: str
    actor_pk: int | None = None
    actor_name: str = ""
    agency_pk: int | None = None
    agency_name: str = ""
    object_type: str = ""
    object_id: str = ""
    object_repr: str = ""
    before: Any = None
    after: Any = None
    source: str = ""


def split_before_after(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """An event's data as (before, after): its "before" key, and everything else.

    Events that store an explicit "after" key give that as the after side (with the other keys
    beside it); events without "before" are pure creations or actions (before = {}).
    """
    data = dict(data)
    before = data.pop("before", None)
    after = data.pop("after", None)
    if isinstance(after, dict):
        after = {**data, **after}
    elif after is None:
        after = data
    else:
        after = {**data, "after": after}
    return (
        before if isinstance(before, dict) else ({} if before is None else {"value": before}),
        after,
    )


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None:
        return None, CLI_ACTOR
    if isinstance(actor, str):
        return None, actor or CLI_ACTOR
    return actor.pk, actor.get_username()


def _agency_fields(agency: Agency | None) -> tuple[int | None, str]:
    if agency is None:
        return None, ""
    return agency.pk, agency.name


def record_event(event: AuditedEvent) -> AuditRecord:
    """Append the audit row for a just-saved event row (called by AuditedEvent.save)."""
    actor_pk, actor_name = _actor_fields(event.audit_actor())
    agency_pk, agency_name = _agency_fields(event.audit_agency())
    object_type, object_id, object_repr = event.audit_object_label()
    before, after = split_before_after(event.audit_data())
    return append(
        Change(
            action=event.audit_action(),
            actor_pk=actor_pk,
            actor_name=actor_name,
            agency_pk=agency_pk,
            agency_name=agency_name,
            object_type=object_type,
            object_id=object_id,
            object_repr=object_repr,
            before=before,
            after=after,
            source=source_of(event),
        )
    )


def source_of(event: models.Model) -> str:
    """The event row an audit row was written for, e.g. "applications.applicationevent:17"."""
    return f"{event._meta.label_lower}:{event.pk}"


def record(
    action: str,
    *,
    actor: Any,
    agency: Agency | None = None,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append an audit row for a state change that has no event model (CLI maintenance)."""
    actor_pk, actor_name = _actor_fields(actor)
    agency_pk, agency_name = _agency_fields(agency)
    return append(
        Change(
            action=action,
            actor_pk=actor_pk,
            actor_name=actor_name,
            agency_pk=agency_pk,
            agency_name=agency_name,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            before=before or {},
            after=after or {},
        )
    )


@transaction.atomic
def append(change: Change) -> AuditRecord:
    """Append one row to the chain, inside the caller's transaction.

    Concurrency: the first statement is an UPDATE of the head row. On PostgreSQL that takes
    the head's row lock, held until the caller's transaction commits, so appends are strictly
    serialised and no two rows can claim the same predecessor. On SQLite every transaction
    is BEGIN IMMEDIATE (settings.py), so the database write lock already serialises writers;
    the UPDATE-first order keeps the code the same on both. If the caller rolls back, the row
    and the head move back together.
    """
    updated = AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1)
    if not updated:
        # No head row (migration 0001 seeds it; a flushed test database has none). Several
        # writers may get here at once: INSERT … ON CONFLICT DO NOTHING lets exactly one create
        # it (the others wait for its commit), then every writer takes the row lock as usual.
        AuditHead.objects.bulk_create(
            [AuditHead(pk=1, seq=0, hash=chain.GENESIS)], ignore_conflicts=True
        )
        AuditHead.objects.filter(pk=1).update(seq=F("seq") + 1)
    head = AuditHead.objects.get(pk=1)
    row = AuditRecord(
        seq=head.seq,
        at=timezone.now(),
        actor_pk=change.actor_pk,
        actor_name=change.actor_name[:150],
        agency_pk=change.agency_pk,
        agency_name=change.agency_name[:200],
        action=change.action[:80],
        object_type=change.object_type[:80],
        object_id=change.object_id[:64],
        object_repr=change.object_repr[:200],
        before=chain.jsonable(change.before if change.before is not None else {}),
        after=chain.jsonable(change.after if change.after is not None else {}),
        source=change.source[:100],
        prev_hash=head.hash,
    )
    row.hash = chain.row_hash(head.hash, row.content())
    row.save()
    AuditHead.objects.filter(pk=1).update(hash=row.hash)
    every = anchor_every()
    if every and row.seq % every == 0:
        transaction.on_commit(write_anchor)
    return row


# --- verification ---------------------------------------------------------------------------


def stored_rows(batch: int = 2000) -> Any:
    """All rows in sequence order, read in batches (a long trail does not fill memory)."""
    last = -1
    while True:
        rows = list(AuditRecord.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not rows:
            return
        for row in rows:
            yield chain.StoredRow(
                seq=row.seq, prev_hash=row.prev_hash, hash=row.hash, content=row.content()
            )
        last = rows[-1].seq


def verify() -> chain.Verdict:
    """Recompute the whole chain against the head row and the anchor file."""
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, chain.GENESIS)
    return chain.verify(
        stored_rows(), head_seq=head_seq, head_hash=head_hash, anchors=read_anchors()
    )


# --- anchors --------------------------------------------------------------------------------


def anchor_path() -> Path:
    return Path(settings.XXGK_AUDIT_ANCHOR_FILE)


def anchor_every() -> int:
    return int(getattr(settings, "XXGK_AUDIT_ANCHOR_EVERY", 100))


def write_anchor() -> chain.Anchor | None:
    """Append the current head (seq, hash, time) as one JSON line to the anchor file.

    The file lives outside the database (ideally copied off the machine, see
    docs/security.md): someone who rewrites the database and recomputes every hash still
    cannot make the rows agree with anchors written earlier.
    """
    head = AuditHead.objects.filter(pk=1).first()
    if head is None or head.seq == 0:
        return None
    anchors = read_anchors()
    if anchors and anchors[-1].seq == head.seq:
        return anchors[-1]
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = {"seq": head.seq, "hash": head.hash, "at": timestamp(timezone.now())}
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return chain.Anchor(head.seq, head.hash)


def read_anchors() -> list[chain.Anchor]:
    path = anchor_path()
    if not path.exists():
        return []
    anchors = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            item = json.loads(text)
            anchors.append(chain.Anchor(int(item["seq"]), str(item["hash"])))
        except (ValueError, KeyError, TypeError):
            log.warning("audit anchor file %s line %d unreadable", path, number)
            raise AnchorFileError(f"锚点文件 {path} 第 {number} 行无法读取。") from None
    return anchors


class AnchorFileError(Exception):
    pass
