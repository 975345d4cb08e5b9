"""法定主动公开内容: browse by category / Art. 20 item, the item page, print, QR, attachments.

Only `queries.public_publications()` is ever read, and only the live revision is shown:
drafts, items in review, scheduled items before their time and withdrawn bodies are 404.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode

from xxgk.documents.qr import qr_svg
from xxgk.portal import articles, finder, queries
from xxgk.portal.pagecache import public_page
from xxgk.portal.views.column import active_agency
from xxgk.publications.models import Category, Publication, PublicationStatus

PER_PAGE = 20


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@public_page
def proactive(request: HttpRequest, agency: str) -> HttpResponse:
    """Browse by category (?category=id) or Art. 20 item (?item=art20.7), newest first."""
    obj = active_agency(agency)
    tree = queries.category_tree(obj)
    current: Category | None = None
    item = request.GET.get("item", "")
    params: dict[str, str] = {}
    category_ids: list[int] | None = None
    category_param = request.GET.get("category", "")
    if category_param:
        current = next((c for c, _ in tree if str(c.id) == category_param), None)
        if current is None:
            raise Http404("分类不存在")
        category_ids = queries.descendant_ids(obj, current, tree=[c for c, _ in tree])
        params["category"] = str(current.id)
    elif item:
        if item not in articles.ITEMS:
            raise Http404("事项不存在")
        params["item"] = item
    results = finder.public_list(
        obj,
        category_ids=category_ids,
        item_code=item or None,
        page=_page_number(request),
        per_page=PER_PAGE,
    )
    used_items = sorted(
        {c.item_code for c, _ in tree if c.item_code in articles.ITEMS},
        key=lambda code: list(articles.ITEMS).index(code),
    )
    return render(
        request,
        "portal/proactive.html",
        {
            "agency": obj,
            "tree": tree,
            "current": current,
            "item": item,
            "item_label": articles.item_reference(item) if item else "",
            "items": [(code, articles.item_reference(code)) for code in used_items],
            "results": results,
            "query_prefix": urlencode(params) + "&" if params else "",
            "section": "proactive",
        },
    )


def _withdrawn_or_404(agency: str, pk: int) -> Publication:
    """A withdrawn item: the notice only (no body), with status 404."""
    pub = (
        Publication.objects.filter(
            pk=pk, agency__code=agency, agency__is_active=True, status=PublicationStatus.WITHDRAWN
        )
        .select_related("agency")
        .first()
    )
    if pub is None:
        raise Http404("信息不存在或尚未公开")
    return pub


def _public_item(agency: str, pk: int) -> Publication:
    return get_object_or_404(queries.public_publications().filter(agency__code=agency), pk=pk)


@public_page
def publication(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """The item page: metadata table, live body, attachments. Templates: portal/publication.html"""
    pub = queries.public_publications().filter(agency__code=agency, pk=pk).first()
    if pub is None:
        withdrawn = _withdrawn_or_404(agency, pk)
        return render(
            request,
            "portal/withdrawn.html",
            {"agency": withdrawn.agency, "publication": withdrawn, "section": "proactive"},
            status=404,
        )
    return _render_item(request, pub, "portal/publication.html")


@public_page
def publication_print(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """The print view of an item (same content, no navigation)."""
    return _render_item(request, _public_item(agency, pk), "portal/publication_print.html")


def _render_item(request: HttpRequest, pub: Publication, template: str) -> HttpResponse:
    rev = pub.live_revision
    return render(
        request,
        template,
        {
            "agency": pub.agency,
            "publication": pub,
            "rev": rev,
            "attachments": list(rev.attachments.all()),
            "item_label": articles.item_reference(rev.category.item_code),
            "section": "proactive",
        },
    )


@public_page
def publication_qr(request: HttpRequest, agency: str, pk: int) -> HttpResponse:
    """SVG QR code of the item's absolute URL (printed copies point to the online original)."""
    pub = _public_item(agency, pk)
    url = request.build_absolute_uri(pub.portal_url())
    response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    return response


def attachment(request: HttpRequest, agency: str, pk: int, attachment_id: int) -> FileResponse:
    """Download an attachment of the live revision only."""
    pub = _public_item(agency, pk)
    att = get_object_or_404(pub.live_revision.attachments.all(), pk=attachment_id)
    try:
        handle = att.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404("附件文件不存在") from None
    response = FileResponse(handle, as_attachment=True, filename=att.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
