"""Drafting a 主动公开 item: create, edit, attach files (谁提供 = the drafter)."""

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
from xxgk.approvals import services as approvals
from xxgk.approvals.models import WorkflowStatus
from xxgk.errors import DomainError
from xxgk.publications.catalogue import ensure_default_categories, next_index_number
from xxgk.publications.extraction import extract_text
from xxgk.publications.filetypes import check_upload
from xxgk.publications.models import (
    Attachment,
    Category,
    DisclosureMethod,
    Publication,
    PublicationRevision,
)
from xxgk.publications.richtext import sanitise
from xxgk.publications.services.transitions import KIND, E, S, _event, _lock, _move, _now

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

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
        cleaned["body"] = sanitise(cleaned["body"], site_url=settings.SITE_URL)
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
