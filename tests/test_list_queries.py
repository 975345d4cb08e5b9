"""Every list page runs a constant number of queries whatever its length (issue 17 item 2).

Each test counts the queries of a page showing one row, then adds 29 rows and asserts the
page showing 30 runs no more. Portal pages are asked with the page cache off, so the count is
the rendering's own (a cached page is one query).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

import pytest
import time_machine

from xxgk.annual_reports.models import AnnualReport
from xxgk.appeals.services import AppealData, record_appeal
from xxgk.applications import services as cases
from xxgk.applications.tests.scripting import submit
from xxgk.portal.tests import factories as portal_factories
from xxgk.publications import services as publications
from xxgk.publications.tests.factories import draft
from xxgk.testing import PASSWORD, World

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen"),
]

NO_PAGE_CACHE = override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
)


@pytest.fixture
def frozen():
    with time_machine.travel("2026-11-20 10:00 +0800", tick=False):
        yield


def queries_of(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


def assert_flat(
    client: Client, url: str, add: Callable[[int], None], django_assert_max_num_queries
) -> None:
    add(1)
    client.get(url)  # first request fills per-process caches (content types, calendar)
    one = queries_of(client, url)
    add(29)
    with django_assert_max_num_queries(one):
        response = client.get(url)
    assert response.status_code == 200


def signed_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


# -- portal ---------------------------------------------------------------------------


def add_items(world: World) -> Callable[[int], None]:
    cat = portal_factories.category(world.a)

    def add(n: int) -> None:
        for i in range(n):
            portal_factories.publication(world.a, f"第{i}号预算公告", cat=cat)

    return add


@NO_PAGE_CACHE
@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/daye-kjj/",
        "/daye-kjj/proactive/",
        "/daye-kjj/proactive/?item=art20.7",
        "/search/?q=预算",
        "/search/?agency=daye-kjj",
        "/daye-kjj/feed/rss/",
        "/daye-kjj/feed/atom/",
        "/sitemap.xml",
    ],
)
def test_it_keeps_portal_listings_flat(
    client: Client, world: World, url: str, django_assert_max_num_queries
) -> None:
    assert_flat(client, url, add_items(world), django_assert_max_num_queries)


# -- back office ----------------------------------------------------------------------


def add_in_review(world: World) -> Callable[[int], None]:
    def add(n: int) -> None:
        for i in range(n):
            pub = draft(world, title=f"关于第{i}批科技计划项目的通知")
            publications.submit_for_review(pub, actor=world.alice)

    return add


def test_it_keeps_the_approvals_inbox_flat(world: World, django_assert_max_num_queries) -> None:
    assert_flat(
        signed_in("bob"),
        "/backoffice/approvals/",
        add_in_review(world),
        django_assert_max_num_queries,
    )


def test_it_keeps_the_dashboard_flat_with_reviews_waiting(
    world: World, django_assert_max_num_queries
) -> None:
    assert_flat(
        signed_in("bob"), "/backoffice/", add_in_review(world), django_assert_max_num_queries
    )


def test_it_keeps_the_publications_list_flat(world: World, django_assert_max_num_queries) -> None:
    assert_flat(
        signed_in("alice"),
        "/backoffice/publications/",
        add_in_review(world),
        django_assert_max_num_queries,
    )


def add_cases(world: World) -> Callable[[int], None]:
    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            submit(world.a, world.grace, date(2026, 11, 2), n=next(counter))

    return add


def test_it_keeps_the_case_list_flat(world: World, django_assert_max_num_queries) -> None:
    assert_flat(
        signed_in("grace"),
        "/backoffice/applications/",
        add_cases(world),
        django_assert_max_num_queries,
    )


def test_it_keeps_the_dashboard_flat_with_cases_open(
    world: World, django_assert_max_num_queries
) -> None:
    assert_flat(signed_in("grace"), "/backoffice/", add_cases(world), django_assert_max_num_queries)


def add_appeals(world: World) -> Callable[[int], None]:
    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            app = submit(world.a, world.grace, date(2026, 3, 3), n=next(counter))
            app = cases.close_application(
                app, actor=world.grace, outcome="withheld.process", closed_on=date(2026, 3, 20)
            )
            record_appeal(
                agency=world.a,
                actor=world.grace,
                application=app,
                data=AppealData("reconsideration", "大冶市人民政府", date(2026, 4, 1)),
            )

    return add


def test_it_keeps_the_appeals_list_flat(world: World, django_assert_max_num_queries) -> None:
    assert_flat(
        signed_in("grace"),
        "/backoffice/appeals/",
        add_appeals(world),
        django_assert_max_num_queries,
    )


def add_reports(world: World) -> Callable[[int], None]:
    years = iter(range(2025, 1900, -1))

    def add(n: int) -> None:
        for _ in range(n):
            AnnualReport.objects.create(agency=world.a, year=next(years), created_by=world.grace)

    return add


def test_it_keeps_the_reports_list_flat(world: World, django_assert_max_num_queries) -> None:
    assert_flat(
        signed_in("grace"),
        "/backoffice/reports/",
        add_reports(world),
        django_assert_max_num_queries,
    )


def test_it_keeps_the_agencies_list_flat(world: World, django_assert_max_num_queries) -> None:
    from xxgk.agencies.models import Agency, AgencyKind

    counter = iter(range(1, 1000))

    def add(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            Agency.objects.create(
                name=f"大冶市第{i}局",
                short_name=f"冶{i}",
                code=f"daye-{i}",
                kind=AgencyKind.DEPARTMENT,
                parent=world.government,
            )

    assert_flat(signed_in("sam"), "/backoffice/agencies/", add, django_assert_max_num_queries)
