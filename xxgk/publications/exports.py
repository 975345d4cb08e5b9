"""Channel adapters: RSS/Atom feeds, a JSON export for external platforms, printable notices.

The own-portal adapter is `services.publishing._go_live` (automatic). These adapters read only live
revisions. Absolute links use settings.SITE_URL, so printed QR codes work off-site.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import feedgenerator, timezone

from xxgk.documents.docx import DocxDocument
from xxgk.documents.pdf import PdfDocument
from xxgk.lib.dates import chinese_date
from xxgk.publications.models import Publication, PublicationStatus
from xxgk.publications.richtext import plain_text

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

FEED_SIZE = 50


def absolute_url(publication: Publication) -> str:
    """Return the item's public address (portal), or its back-office page when no portal."""
    path = publication.portal_url() or publication.get_absolute_url()
    return settings.SITE_URL + path


def live_items(agency: Agency, year: int | None = None) -> list[Publication]:
    items = Publication.objects.filter(
        agency=agency, status=PublicationStatus.PUBLISHED, live_revision__isnull=False
    ).select_related("live_revision__category", "published_by")
    if year is not None:
        items = items.filter(published_at__year=year)
    return list(items.order_by("-published_at", "-pk"))


def feed_bytes(agency: Agency, kind: str = "atom") -> bytes:
    """Return the agency's latest live items as an Atom (default) or RSS 2.0 feed."""
    cls = feedgenerator.Atom1Feed if kind == "atom" else feedgenerator.Rss201rev2Feed
    feed = cls(
        title=f"{agency.name}主动公开信息",
        link=settings.SITE_URL + "/",
        description=f"{agency.name}政府信息公开：主动公开信息",
        language="zh-cn",
    )
    for publication in live_items(agency)[:FEED_SIZE]:
        revision = publication.live_revision
        feed.add_item(
            title=revision.title,
            link=absolute_url(publication),
            description=revision.summary or plain_text(revision.body)[:300],
            pubdate=publication.published_at,
            unique_id=f"{settings.SITE_URL}/publication/{publication.index_number}",
            categories=[revision.category.name],
        )
    return feed.writeString("utf-8").encode("utf-8")


def item_dict(publication: Publication) -> dict[str, Any]:
    revision = publication.live_revision
    assert revision is not None
    return {
        "index_number": publication.index_number,
        "title": revision.title,
        "issuer": revision.issuer,
        "document_number": revision.document_number,
        "formed_on": revision.formed_on.isoformat(),
        "published_at": timezone.localtime(publication.published_at).isoformat(),
        "category": revision.category.name,
        "item_code": revision.category.item_code,
        "validity": publication.get_validity_display(),
        "keywords": revision.keywords,
        "summary": revision.summary,
        "body_html": revision.body,
        "body_text": plain_text(revision.body),
        "url": absolute_url(publication),
        "attachments": [
            {
                "name": a.original_name,
                "kind": a.kind,
                "size": a.size,
                "sha256": a.sha256,
                "url": settings.SITE_URL + a.file.url,
            }
            for a in revision.attachments.all()
        ],
    }


def json_export(agency: Agency, year: int | None = None) -> dict[str, Any]:
    """Return the live items as a JSON-ready dict for upload to external platforms."""
    return {
        "agency": agency.name,
        "agency_code": agency.code,
        "generated_at": timezone.localtime().isoformat(),
        "items": [item_dict(p) for p in live_items(agency, year)],
    }


def notice_bytes(publication: Publication, fmt: str) -> bytes:
    """Return a printable A4 notice (PDF or DOCX) for 政务公开栏 / 办事指南 handouts, with a QR code."""
    revision = publication.live_revision
    if revision is None:
        raise ValueError("该信息尚未发布，不能打印公告。")
    meta = {"title": revision.title, "author": publication.agency.name}
    doc = PdfDocument(**meta) if fmt == "pdf" else DocxDocument(**meta)
    doc.add_title(revision.title)
    line = f"索引号：{publication.index_number}"
    if revision.document_number:
        line += f"　文号：{revision.document_number}"
    doc.add_paragraph(line, indent=False, align="center")
    for paragraph in plain_text(revision.body).split("\n"):
        doc.add_paragraph(paragraph)
    published = timezone.localdate(publication.published_at or timezone.now())
    doc.add_signature(revision.issuer, chinese_date(published))
    doc.add_qr(absolute_url(publication), "扫码查看网上原文")
    return doc.to_bytes()
