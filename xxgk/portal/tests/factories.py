"""Publications in every state, for the portal's tests (direct rows, no review chain)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.portal import pagecache
from xxgk.publications.indexing import reindex
from xxgk.publications.models import (
    Category,
    Publication,
    PublicationRevision,
    PublicationStatus,
)

_seq = iter(range(1, 10**6))
# Fixed, in the past: tests stay exact whatever the wall clock says.
DEFAULT_PUBLISHED_AT = datetime(2025, 3, 2, 2, 0, tzinfo=UTC)


def category(
    agency: Agency, name: str = "财政预决算", item_code: str = "art20.7", **kw: object
) -> Category:
    return Category.objects.get_or_create(
        agency=agency,
        name=name,
        parent=kw.pop("parent", None),
        defaults={"item_code": item_code, **kw},
    )[0]


def publication(
    agency: Agency,
    title: str,
    *,
    body: str = "<p>正文</p>",
    status: str = PublicationStatus.PUBLISHED,
    cat: Category | None = None,
    published_at: datetime | None = None,
    go_live_at: datetime | None = None,
    validity: str = "valid",
    index: bool = True,
) -> Publication:
    n = next(_seq)
    cat = cat or category(agency)
    pub = Publication.objects.create(
        agency=agency,
        index_number=f"{agency.code}/2025-{n:05d}",
        status=status,
        validity=validity,
        go_live_at=go_live_at,
        published_at=(published_at or DEFAULT_PUBLISHED_AT + timedelta(minutes=n))
        if status in (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)
        else None,
    )
    rev = PublicationRevision.objects.create(
        publication=pub,
        number=1,
        title=title,
        issuer=agency.name,
        document_number=f"冶科发〔2025〕{n}号",
        formed_on=date(2025, 3, 1),
        body=body,
        category=cat,
    )
    pub.latest_revision = rev
    if status in (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN):
        pub.live_revision = rev
    if status == PublicationStatus.WITHDRAWN:
        pub.withdrawn_at = timezone.now()
    pub.save()
    if index and status == PublicationStatus.PUBLISHED:
        reindex(pub)
    pagecache.bump_agency(agency)  # as the publishing services do
    return pub
