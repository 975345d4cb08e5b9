"""Putting an approved item online and managing it there: publish (now or scheduled),
withdraw, publish a correction, change its validity."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.approvals import services as approvals
from xxgk.errors import DomainError
from xxgk.portal import pagecache
from xxgk.publications import indexing
from xxgk.publications.models import (
    Channel,
    ChannelKind,
    Publication,
    PublicationRevision,
    Validity,
)
from xxgk.publications.services.channels import _record_channel
from xxgk.publications.services.transitions import E, S, _event, _lock, _move, _now
from xxgk.publications.timeliness import is_published_late

if TYPE_CHECKING:
    from xxgk.accounts.models import User


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
    # At publish time, once more: a body stored before the image rule (or by another path)
    # goes live without images from other hosts (docs/security.md §11).
    from xxgk.publications.richtext import sanitise

    clean_body = sanitise(revision.body, site_url=settings.SITE_URL)
    if clean_body != revision.body:
        revision.body = clean_body
        revision.save(update_fields=["body"])
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
    pagecache.bump_agency(publication.agency)
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
    pagecache.bump_agency(publication.agency)
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
    pagecache.bump_agency(publication.agency)
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
    pagecache.bump_agency(publication.agency)
    return publication
