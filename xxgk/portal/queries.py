"""Read queries of the portal: what the public may see (published live revisions only)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from xxgk.agencies.models import Agency
from xxgk.publications.models import Category, Publication, PublicationStatus


def public_publications(agency: Agency | None = None) -> QuerySet[Publication]:
    """Published items whose live revision is online now.

    Drafts, items in review, approved or scheduled items, withdrawn items and anything
    with a future go-live time are excluded — every public path goes through here.
    """
    now = timezone.now()
    qs = (
        Publication.objects.filter(
            status=PublicationStatus.PUBLISHED,
            live_revision__isnull=False,
            agency__is_active=True,
        )
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
        .filter(Q(published_at__isnull=True) | Q(published_at__lte=now))
        .select_related("agency", "live_revision", "live_revision__category")
        .order_by("-published_at", "-pk")
    )
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs


def public_list(agency: Agency | None = None) -> QuerySet[Publication]:
    """`public_publications` for list pages: without the bodies (they can be large)."""
    return public_publications(agency).defer(
        "live_revision__body", "live_revision__summary", "withdrawn_reason"
    )


def public_ids(ids: list[int]) -> set[int]:
    """The subset of publication ids that are public now (guards the search index)."""
    if not ids:
        return set()
    return set(public_publications().filter(pk__in=ids).values_list("pk", flat=True))


def categories(agency: Agency) -> list[Category]:
    return list(Category.objects.filter(agency=agency, is_active=True).order_by("order", "pk"))


def category_tree(agency: Agency) -> list[tuple[Category, int]]:
    """The active categories in tree order with their depth (one query)."""
    cats = categories(agency)
    children: dict[int | None, list[Category]] = {}
    for c in cats:
        children.setdefault(c.parent_id, []).append(c)
    out: list[tuple[Category, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for c in children.get(parent, []):
            out.append((c, depth))
            walk(c.id, depth + 1)

    walk(None, 0)
    return out


def descendant_ids(
    agency: Agency, category: Category, tree: list[Category] | None = None
) -> list[int]:
    cats = tree if tree is not None else categories(agency)
    ids = {category.id}
    changed = True
    while changed:
        changed = False
        for c in cats:
            if c.parent_id in ids and c.id not in ids:
                ids.add(c.id)
                changed = True
    return sorted(ids)


def special_category(agency: Agency, item_code: str, name_hint: str) -> Category | None:
    """The agency's category for a special sub-column (by item code, else by name)."""
    qs = Category.objects.filter(agency=agency, is_active=True)
    return (
        qs.filter(item_code=item_code).first()
        or qs.filter(name__contains=name_hint).order_by("order", "pk").first()
    )
