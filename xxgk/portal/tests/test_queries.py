"""No N+1: page query counts stay flat as the number of items grows."""

from __future__ import annotations

from django.test import Client

import pytest

from xxgk.portal.tests import factories

pytestmark = pytest.mark.django_db


def many(world, n: int) -> None:
    cat = factories.category(world.a)
    for i in range(n):
        factories.publication(world.a, f"第{i}号预算公告", cat=cat)


def test_it_lists_a_category_in_constant_queries(
    client: Client, world, django_assert_max_num_queries
) -> None:
    many(world, 25)
    with django_assert_max_num_queries(8):
        assert client.get("/daye-kjj/proactive/").status_code == 200


def test_it_renders_the_column_home_in_constant_queries(
    client: Client, world, django_assert_max_num_queries
) -> None:
    many(world, 15)
    with django_assert_max_num_queries(6):
        assert client.get("/daye-kjj/").status_code == 200


def test_it_renders_an_item_in_constant_queries(
    client: Client, world, django_assert_max_num_queries
) -> None:
    pub = factories.publication(world.a, "预算公告")
    with django_assert_max_num_queries(5):
        assert client.get(f"/daye-kjj/publications/{pub.pk}/").status_code == 200


def test_it_searches_in_constant_queries(
    client: Client, world, django_assert_max_num_queries
) -> None:
    many(world, 25)
    with django_assert_max_num_queries(6):
        assert client.get("/search/", {"q": "预算"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/publications", {"q": "预算"}).status_code == 200


def test_it_serves_feeds_in_constant_queries(
    client: Client, world, django_assert_max_num_queries
) -> None:
    many(world, 25)
    with django_assert_max_num_queries(4):
        assert client.get("/daye-kjj/feed/rss/").status_code == 200
