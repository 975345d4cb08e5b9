"""Every state change of a 主动公开 item: draft, edit, review, publish, withdraw, correct.

Each function is atomic, takes a keyword-only `actor`, asks `xxgk.accounts.policy`, checks
the source state and appends one PublicationEvent. `now` (optional, aware datetime) lets the
demo loader and imports record historical items with their real dates; by default it is
the current time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.accounts.services import record_config_change
from xxgk.approvals import services as approvals
from xxgk.approvals.models import WorkflowKind, WorkflowStatus
from xxgk.errors import DomainError
from xxgk.publications import indexing
from xxgk.publications.catalogue import ensure_default_categories, next_index_number
from xxgk.publications.extraction import extract_text
from xxgk.publications.filetypes import check_upload
from xxgk.publications.models import (
    Attachment,
    Category,
    Channel,
    ChannelKind,
    ChannelPublication,
    DisclosureMethod,
    Publication,
    PublicationEvent,
    PublicationRevision,
    PublicationStatus,
    Validity,
)
from xxgk.publications.richtext import sanitise
from xxgk.publications.timeliness import is_published_late

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

S = PublicationStatus
E = PublicationEvent.Type
KIND = WorkflowKind.PUBLICATION
EDITABLE_FIELDS = (
    "title",
    "issuer",
    "document_number",
    "formed_on",
    "keywords",
    "summary",
    "body",
    "category",
    "disclosure_method",
)


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _event(
    publication: Publication,
    type_: PublicationEvent.Type,
    actor: User | None,
    at: datetime,
    revision: PublicationRevision | None = None,
    **data: Any,
) -> PublicationEvent:
    return PublicationEvent.objects.create(
        publication=publication,
        type=type_,
        actor=actor,
        at=at,
        revision_number=revision.number if revision else None,
        data=data,
    )


def _move(publication: Publication, target: PublicationStatus) -> None:
    publication.check_transition(target)
    publication.status = target


def _lock(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().get(pk=publication.pk)


def _clean_fields(agency: Agency, fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"不能修改这些字段：{'、'.join(sorted(unknown))}。")
    cleaned = dict(fields)
    for name in ("title", "issuer", "document_number", "keywords", "summary"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "title" in cleaned and not cleaned["title"]:
        raise DomainError("标题不能为空。")
    if "issuer" in cleaned and not cleaned["issuer"]:
        raise DomainError("发布机构不能为空。")
    if "formed_on" in cleaned and not isinstance(cleaned["formed_on"], date):
        raise DomainError("成文日期无效。")
    if "body" in cleaned:
        cleaned["body"] = sanitise(cleaned["body"])
    if "category" in cleaned:
        category = cleaned["category"]
        if not isinstance(category, Category) or category.agency_id != agency.pk:
            raise DomainError("主题分类无效：请选择本机关的分类。")
    if (
        "disclosure_method" in cleaned
        and cleaned["disclosure_method"] not in DisclosureMethod.values
    ):
        raise DomainError("公开方式无效。")
    return cleaned


@transaction.atomic
def create_draft(
    agency: Agency,
    *,
    actor: User,
    title: str,
    formed_on: date,
    category: Category,
    issuer: str = "",
    document_number: str = "",
    keywords: str = "",
    summary: str = "",
    body: str = "",
    disclosure_method: str = DisclosureMethod.PROACTIVE,
    now: datetime | None = None,
) -> Publication:
    """Create an item with its first revision (谁提供 = the actor)."""
    policy.require(actor, Action.DRAFT_PUBLICATION, agency)
    now = _now(now)
    ensure_default_categories(agency)
    fields = _clean_fields(
        agency,
        {
            "title": title,
            "issuer": issuer or agency.name,
            "document_number": document_number,
            "formed_on": formed_on,
            "keywords": keywords,
            "summary": summary,
            "body": body,
            "category": category,
            "disclosure_method": disclosure_method,
        },
    )
    publication = Publication.objects.create(
        agency=agency,
        index_number=next_index_number(agency, timezone.localdate(now).year),
        created_by=actor,
        created_at=now,
    )
    revision = PublicationRevision.objects.create(
        publication=publication, number=1, author=actor, created_at=now, **fields
    )
    publication.latest_revision = revision
    publication.save(update_fields=["latest_revision"])
    _event(publication, E.CREATED, actor, now, revision, title=revision.title)
    return publication


def _new_revision(
    publication: Publication,
    actor: User,
    now: datetime,
    fields: dict[str, Any],
    extra_attachments: list[Attachment] | None = None,
) -> PublicationRevision:
    previous = publication.latest_revision
    assert previous is not None
    values = {name: getattr(previous, name) for name in EDITABLE_FIELDS}
    values.update(fields)
    revision = PublicationRevision.objects.create(
        publication=publication,
        number=previous.number + 1,
        author=actor,
        created_at=now,
        **values,
    )
    revision.attachments.set([*previous.attachments.all(), *(extra_attachments or [])])
    publication.latest_revision = revision
    publication.save(update_fields=["latest_revision"])
    return revision


def _restart_if_reviewing(
    publication: Publication, revision: PublicationRevision, actor: User, now: datetime
) -> bool:
    """An approval is bound to the exact revision (ADR 0004): a new revision restarts review."""
    running = approvals.active_state(publication)
    was_approved = publication.status in (S.APPROVED, S.SCHEDULED)
    if running is None and not was_approved:
        return False
    if running is not None and running.status == WorkflowStatus.NEEDS_CHANGES:
        # Sent back to the drafter: editing is what was asked; resubmission starts a new run.
        return False
    approvals.cancel_review(publication, now=now)
    approvals.start_review(publication, revision, actor=actor, kind=KIND, now=now)
    if publication.status != S.PUBLISHED:
        _move(publication, S.IN_REVIEW)
        publication.go_live_at = None
        publication.published_by = (
            None if publication.published_at is None else publication.published_by
        )
        publication.save(update_fields=["status", "go_live_at", "published_by"])
    _event(publication, E.REVIEW_RESTARTED, actor, now, revision)
    return True


def _check_editable(publication: Publication, actor: User) -> None:
    policy.require(actor, Action.DRAFT_PUBLICATION, publication.agency)
    if publication.status == S.WITHDRAWN:
        raise DomainError("已撤回的信息不能修改。")


@transaction.atomic
def edit_draft(
    publication: Publication, *, actor: User, now: datetime | None = None, **fields: Any
) -> PublicationRevision:
    """Save an edit as a new revision; a review in progress or an approval restarts."""
    publication = _lock(publication)
    _check_editable(publication, actor)
    now = _now(now)
    cleaned = _clean_fields(publication.agency, fields)
    revision = _new_revision(publication, actor, now, cleaned)
    _event(publication, E.EDITED, actor, now, revision, fields=sorted(cleaned))
    _restart_if_reviewing(publication, revision, actor, now)
    return revision


@transaction.atomic
def add_attachment(
    publication: Publication, upload: Upload, *, actor: User, now: datetime | None = None
) -> Attachment:
    """Attach a checked file (type by content and extension, size limit) in a new revision."""
    publication = _lock(publication)
    _check_editable(publication, actor)
    now = _now(now)
    kind = check_upload(upload.name, upload.data, max_mb=settings.MAX_UPLOAD_MB)
    attachment = Attachment(
        publication=publication,
        original_name=upload.name[-255:],
        kind=kind,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        text=extract_text(kind, upload.data),
        uploaded_by=actor,
        uploaded_at=now,
    )
    attachment.file.save(upload.name[-100:], ContentFile(upload.data), save=False)
    attachment.save()
    revision = _new_revision(publication, actor, now, {}, [attachment])
    _event(publication, E.ATTACHMENT_ADDED, actor, now, revision, name=attachment.original_name)
    _restart_if_reviewing(publication, revision, actor, now)
    return attachment


@transaction.atomic
def submit_for_review(
    publication: Publication, *, actor: User, now: datetime | None = None
) -> Publication:
    """Send the latest revision into the agency's review chain."""
    publication = _lock(publication)
    policy.require(actor, Action.DRAFT_PUBLICATION, publication.agency)
    now = _now(now)
    running = approvals.active_state(publication)
    if running is not None and running.status == WorkflowStatus.IN_PROGRESS:
        raise DomainError("该信息已在审核中。", code="already_in_review")
    if publication.status == S.PUBLISHED:
        # A correction of a published item goes through the same chain.
        if not publication.has_unpublished_changes:
            raise DomainError("没有需要审核的修改。")
    else:
        _move(publication, S.IN_REVIEW)
    if running is not None:
        approvals.cancel_review(publication, now=now)
    revision = publication.latest_revision
    approvals.start_review(publication, revision, actor=actor, kind=KIND, now=now)
    publication.save(update_fields=["status"])
    _event(publication, E.SUBMITTED, actor, now, revision)
    return publication


@transaction.atomic
def approve_revision(
    publication: Publication, *, actor: User, comment: str = "", now: datetime | None = None
) -> Publication:
    """Approve the open step (holders of its role only, never the author)."""
    publication = _lock(publication)
    now = _now(now)
    step = approvals.approve_step(publication, actor=actor, comment=comment, now=now)
    _event(
        publication, E.STEP_APPROVED, actor, now, publication.latest_revision, step=step.step_name
    )
    state = step.workflow_state
    state.refresh_from_db()
    if state.status == WorkflowStatus.APPROVED:
        if publication.status == S.IN_REVIEW:
            _move(publication, S.APPROVED)
            publication.save(update_fields=["status"])
        _event(publication, E.APPROVED, actor, now, publication.latest_revision)
    return publication


@transaction.atomic
def reject_revision(
    publication: Publication, *, actor: User, comment: str, now: datetime | None = None
) -> Publication:
    """Return the revision to its drafter with a comment (required)."""
    publication = _lock(publication)
    now = _now(now)
    step = approvals.reject_step(publication, actor=actor, comment=comment, now=now)
    if publication.status == S.IN_REVIEW:
        _move(publication, S.DRAFT)
        publication.save(update_fields=["status"])
    _event(
        publication,
        E.STEP_REJECTED,
        actor,
        now,
        publication.latest_revision,
        step=step.step_name,
        comment=step.comment,
    )
    return publication


def _check_approved_latest(publication: Publication) -> PublicationRevision:
    revision = publication.latest_revision
    if revision is None or not approvals.is_approved(publication, revision):
        raise DomainError("该版本尚未通过全部审核环节，不能发布。", code="not_approved")
    return revision


@transaction.atomic
def publish(
    publication: Publication,
    *,
    actor: User,
    go_live_at: datetime | None = None,
    channels: list[Channel] | None = None,
    now: datetime | None = None,
) -> Publication:
    """Put the approved revision online now, or schedule it (谁上网 = the actor)."""
    publication = _lock(publication)
    policy.require(actor, Action.PUBLISH_PUBLICATION, publication.agency)
    now = _now(now)
    if publication.status not in (S.APPROVED, S.SCHEDULED):
        raise DomainError(
            f"只有审核通过的信息才能发布（当前状态：{publication.get_status_display()}）。",
            code="not_approved",
        )
    _check_approved_latest(publication)
    for channel in channels or []:
        if channel.agency_id != publication.agency_id:
            raise DomainError("发布渠道无效：请选择本机关的渠道。")
    publication.published_by = actor
    if go_live_at is not None and go_live_at > now:
        _move(publication, S.SCHEDULED)
        publication.go_live_at = go_live_at
        publication.save(update_fields=["status", "go_live_at", "published_by"])
        _event(
            publication,
            E.SCHEDULED,
            actor,
            now,
            publication.latest_revision,
            go_live_at=go_live_at.isoformat(),
        )
        return publication
    return _go_live(publication, actor=actor, at=now, channels=channels or [])


def _go_live(
    publication: Publication, *, actor: User | None, at: datetime, channels: list[Channel]
) -> Publication:
    revision = publication.latest_revision
    assert revision is not None
    _move(publication, S.PUBLISHED)
    publication.live_revision = revision
    publication.published_at = at
    publication.go_live_at = None
    published_on = timezone.localdate(at)
    publication.due_on, publication.is_late = is_published_late(revision.formed_on, published_on)
    publication.save(
        update_fields=[
            "status",
            "live_revision",
            "published_at",
            "published_by",
            "go_live_at",
            "due_on",
            "is_late",
        ]
    )
    _event(
        publication,
        E.PUBLISHED,
        actor or publication.published_by,
        at,
        revision,
        late=publication.is_late,
        due_on=publication.due_on.isoformat(),
    )
    # Own-portal adapter: the agency's xxgk column shows every live item by itself.
    auto = Channel.objects.filter(
        agency=publication.agency, kind=ChannelKind.OWN_PORTAL, is_active=True
    )
    for channel in [*auto, *channels]:
        _record_channel(
            publication, channel, actor or publication.published_by, published_on, "", at
        )
    indexing.reindex(publication)
    return publication


@transaction.atomic
def run_scheduled(*, now: datetime | None = None) -> list[Publication]:
    """Publish every scheduled item whose go-live time has come (cron: publish_scheduled)."""
    now = _now(now)
    done = []
    due = Publication.objects.select_for_update().filter(status=S.SCHEDULED, go_live_at__lte=now)
    for publication in due:
        revision = publication.latest_revision
        if revision is None or not approvals.is_approved(publication, revision):
            continue  # an edit since scheduling restarted review; nothing goes online
        done.append(_go_live(publication, actor=publication.published_by, at=now, channels=[]))
    return done


@transaction.atomic
def withdraw(
    publication: Publication, *, actor: User, reason: str, now: datetime | None = None
) -> Publication:
    """Take a published item offline with a stated reason."""
    publication = _lock(publication)
    policy.require(actor, Action.WITHDRAW_PUBLICATION, publication.agency)
    now = _now(now)
    if not reason or not reason.strip():
        raise DomainError("撤回必须填写理由。", code="reason_required")
    _move(publication, S.WITHDRAWN)
    publication.withdrawn_at = now
    publication.withdrawn_reason = reason.strip()
    publication.save(update_fields=["status", "withdrawn_at", "withdrawn_reason"])
    approvals.cancel_review(publication, now=now)
    _event(publication, E.WITHDRAWN, actor, now, publication.live_revision, reason=reason.strip())
    indexing.reindex(publication)
    return publication


@transaction.atomic
def publish_correction(
    publication: Publication, *, actor: User, now: datetime | None = None
) -> Publication:
    """Replace the live revision of a published item by its approved corrected revision."""
    publication = _lock(publication)
    policy.require(actor, Action.PUBLISH_PUBLICATION, publication.agency)
    now = _now(now)
    if publication.status != S.PUBLISHED:
        raise DomainError("只有已发布的信息才能发布更正。")
    if not publication.has_unpublished_changes:
        raise DomainError("没有待发布的更正版本。")
    revision = _check_approved_latest(publication)
    previous = publication.live_revision
    _move(publication, S.PUBLISHED)
    publication.live_revision = revision
    publication.corrected_at = now
    publication.save(update_fields=["live_revision", "corrected_at"])
    _event(
        publication,
        E.CORRECTED,
        actor,
        now,
        revision,
        replaced=previous.number if previous else None,
    )
    indexing.reindex(publication)
    return publication


@transaction.atomic
def set_validity(
    publication: Publication, *, actor: User, validity: str, now: datetime | None = None
) -> Publication:
    """Mark a published item 有效 / 失效 / 废止."""
    publication = _lock(publication)
    policy.require(actor, Action.PUBLISH_PUBLICATION, publication.agency)
    now = _now(now)
    if validity not in Validity.values:
        raise DomainError("有效性只能是：有效、失效、废止。")
    if publication.status != S.PUBLISHED:
        raise DomainError("只有已发布的信息才能变更有效性。")
    before = publication.validity
    if before == validity:
        return publication
    publication.validity = validity
    publication.save(update_fields=["validity"])
    _event(
        publication,
        E.VALIDITY_CHANGED,
        actor,
        now,
        publication.live_revision,
        before=before,
        after=validity,
    )
    indexing.reindex(publication)
    return publication


def _record_channel(
    publication: Publication,
    channel: Channel,
    actor: User | None,
    appeared_on: date,
    note: str,
    at: datetime,
) -> ChannelPublication | None:
    record, created = ChannelPublication.objects.get_or_create(
        publication=publication,
        channel=channel,
        defaults={"appeared_on": appeared_on, "note": note, "recorded_by": actor},
    )
    if not created:
        return None
    _event(
        publication,
        E.CHANNEL_RECORDED,
        actor,
        at,
        None,
        channel=channel.name,
        on=appeared_on.isoformat(),
    )
    return record


@transaction.atomic
def record_channel(
    publication: Publication,
    channel: Channel,
    *,
    actor: User,
    appeared_on: date,
    note: str = "",
    now: datetime | None = None,
) -> ChannelPublication:
    """Record that a published item also appeared on `channel` on `appeared_on`."""
    policy.require(actor, Action.PUBLISH_PUBLICATION, publication.agency)
    now = _now(now)
    if channel.agency_id != publication.agency_id:
        raise DomainError("发布渠道无效：请选择本机关的渠道。")
    if publication.published_at is None:
        raise DomainError("该信息尚未发布，不能登记发布渠道。")
    if appeared_on < timezone.localdate(publication.published_at):
        raise DomainError("渠道发布日期不能早于信息的发布日期。")
    record = _record_channel(publication, channel, actor, appeared_on, note.strip(), now)
    if record is None:
        raise DomainError(f"该信息在“{channel.name}”的发布已登记过。")
    return record


@transaction.atomic
@transaction.atomic
def create_channel(agency: Agency, *, actor: User, name: str, kind: str, url: str = "") -> Channel:
    """Add a publication channel of the agency (公开办 / 系统管理员)."""
    policy.require(actor, Action.MANAGE_CHANNELS, agency)
    name = (name or "").strip()
    if not name:
        raise DomainError("渠道名称不能为空。")
    if kind not in ChannelKind.values:
        raise DomainError("渠道类型无效。")
    if Channel.objects.filter(agency=agency, name=name).exists():
        raise DomainError(f"渠道“{name}”已存在。")
    channel = Channel.objects.create(agency=agency, name=name, kind=kind, url=url)
    record_config_change(
        actor=actor, agency=agency, kind="channel_created", data={"channel": name, "kind": kind}
    )
    return channel


def ensure_default_channels(agency: Agency) -> list[Channel]:
    """Create the own-portal channel the first time an agency's channels are listed."""
    if not Channel.objects.filter(agency=agency).exists():
        Channel.objects.create(agency=agency, name="政府信息公开专栏", kind=ChannelKind.OWN_PORTAL)
    return list(Channel.objects.filter(agency=agency))


@transaction.atomic
def set_channel_active(channel: Channel, *, actor: User, active: bool) -> Channel:
    """Switch a channel on or off; its past records stay (they feed earlier years' reports)."""
    policy.require(actor, Action.MANAGE_CHANNELS, channel.agency)
    if channel.is_active != active:
        channel.is_active = active
        channel.save(update_fields=["is_active"])
        record_config_change(
            actor=actor,
            agency=channel.agency,
            kind="channel_enabled" if active else "channel_disabled",
            data={"channel": channel.name},
        )
    return channel
