"""Keeping the portal's search index in step with live revisions (called explicitly)."""

from __future__ import annotations

from django.utils import timezone

from xxgk.portal import search
from xxgk.publications.models import Publication
from xxgk.publications.richtext import plain_text


def search_key(publication: Publication) -> str:
    return f"publication:{publication.pk}"


def entry_for(publication: Publication) -> search.IndexEntry:
    """Build the index entry from the live revision (body + attachment text)."""
    revision = publication.live_revision
    assert revision is not None
    assert publication.published_at is not None
    parts = [revision.summary, plain_text(revision.body)]
    parts += [a.text for a in revision.attachments.all() if a.text]
    return search.IndexEntry(
        agency_id=publication.agency_id,
        key=search_key(publication),
        title=revision.title,
        text="\n".join(p for p in parts if p),
        category=revision.category.name,
        category_id=revision.category_id,
        item_code=revision.category.item_code,
        year=timezone.localtime(publication.published_at).year,
        validity=publication.validity,
        url=publication.portal_url(),
        published_at=publication.published_at,
        index_number=publication.index_number,
    )


def reindex(publication: Publication) -> None:
    """Index a live publication, or remove one that is not live."""
    if publication.is_live:
        search.index(entry_for(publication))
    else:
        search.unindex(search_key(publication))
