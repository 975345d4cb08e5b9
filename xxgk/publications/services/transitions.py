"""The shared steps of every state change: the clock, the status guard, the row lock, the event row."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from xxgk.approvals.models import WorkflowKind
from xxgk.publications.models import (
    Publication,
    PublicationEvent,
    PublicationRevision,
    PublicationStatus,
)

if TYPE_CHECKING:
    from xxgk.accounts.models import User

S = PublicationStatus
E = PublicationEvent.Type
KIND = WorkflowKind.PUBLICATION


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
