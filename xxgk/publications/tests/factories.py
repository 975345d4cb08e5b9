"""Helpers to build publications through the services (no shortcuts past the chain)."""

from __future__ import annotations

from datetime import date

from xxgk.publications import services
from xxgk.publications.catalogue import ensure_default_categories
from xxgk.publications.models import Category, Publication
from xxgk.testing import World


def category(world: World, name: str = "动态信息", agency: object = None) -> Category:
    agency = agency or world.a
    ensure_default_categories(agency)
    return Category.objects.get(agency=agency, name=name)


def draft(
    world: World, title: str = "关于申报2026年市级科技计划项目的通知", **kw: object
) -> Publication:
    return services.create_draft(
        world.a,
        actor=world.alice,
        title=title,
        formed_on=kw.pop("formed_on", date(2026, 11, 2)),
        category=category(world),
        body=kw.pop("body", "<p>各有关单位：现将申报事项通知如下。</p>"),
        **kw,
    )


def approve_all(world: World, publication: Publication) -> Publication:
    for reviewer in (world.bob, world.carol, world.dave, world.erin):
        publication = services.approve_revision(publication, actor=reviewer, comment="同意")
    return publication


def approved(world: World, **kw: object) -> Publication:
    publication = draft(world, **kw)
    services.submit_for_review(publication, actor=world.alice)
    return approve_all(world, publication)
