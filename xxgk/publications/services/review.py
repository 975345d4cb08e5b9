"""Review of the latest revision through the agency's approval chain: submit, approve, reject."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.approvals import services as approvals
from xxgk.approvals.models import WorkflowStatus
from xxgk.errors import DomainError
from xxgk.publications.models import (
    Publication,
)
from xxgk.publications.services.transitions import KIND, E, S, _event, _lock, _move, _now

if TYPE_CHECKING:
    from xxgk.accounts.models import User


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
