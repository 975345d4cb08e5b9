from __future__ import annotations

from datetime import UTC, datetime

import pytest

from xxgk.portal import bigrams, search
from xxgk.portal.models import SearchDocument


def entry(key: str, agency_id: int, title: str, text: str = "", **kw: object) -> search.IndexEntry:
    base = {
        "agency_id": agency_id,
        "key": key,
        "title": title,
        "text": text,
        "category": "财政预决算",
        "category_id": None,
        "item_code": "07",
        "year": 2025,
        "validity": "有效",
        "url": f"/x/{key}/",
        "published_at": datetime(2025, 3, 1, tzinfo=UTC),
        "index_number": "",
    }
    base.update(kw)
    return search.IndexEntry(**base)  # type: ignore[arg-type]


def test_it_tokenizes_cjk_into_overlapping_bigrams_and_ascii_words() -> None:
    assert bigrams.tokenize("信息公开 GB2024") == [
        bigrams._cjk_token("信息"),
        bigrams._cjk_token("息公"),
        bigrams._cjk_token("公开"),
        "b",
        "wgb2024",
    ]


def test_it_flags_single_character_terms_for_a_scan() -> None:
    assert bigrams.needs_scan("税") is True
    assert bigrams.needs_scan("税收") is False
    assert bigrams.needs_scan("A股") is True


@pytest.mark.django_db
def test_it_finds_two_character_words_and_highlights_them(world) -> None:
    search.index(entry("publication:1", world.a.id, "2025年部门预算公开", "本部门预算说明。"))
    search.index(entry("publication:2", world.a.id, "科技项目申报通知", "申报材料。"))
    page = search.search("预算")
    assert page.total == 1
    assert [h.key for h in page.hits] == ["publication:1"]
    assert str(page.hits[0].title_html) == "2025年部门<mark>预算</mark>公开"
    assert str(page.hits[0].snippet_html) == "本部门<mark>预算</mark>说明。"


@pytest.mark.django_db
def test_it_does_not_match_across_punctuation(world) -> None:
    search.index(entry("publication:1", world.a.id, "标题", "信息。息公"))
    assert search.search("信息公").total == 0
    assert search.search("信息").total == 1


@pytest.mark.django_db
def test_it_upserts_and_unindexes(world) -> None:
    search.index(entry("publication:1", world.a.id, "旧标题预算"))
    search.index(entry("publication:1", world.a.id, "新标题决算"))
    assert SearchDocument.objects.count() == 1
    assert search.search("预算").total == 0
    assert search.search("决算").total == 1
    search.unindex("publication:1")
    search.unindex("publication:1")
    assert search.search("决算").total == 0
    assert SearchDocument.objects.count() == 0


@pytest.mark.django_db
def test_it_filters_by_agency_year_and_validity(world) -> None:
    search.index(entry("publication:1", world.a.id, "统计公报"))
    search.index(entry("publication:2", world.b.id, "统计公报", year=2024, validity="失效"))
    assert [h.key for h in search.search("统计", agency_id=world.b.id).hits] == ["publication:2"]
    assert [h.key for h in search.search("统计", year=2025).hits] == ["publication:1"]
    assert [h.key for h in search.search("统计", validity="失效").hits] == ["publication:2"]


@pytest.mark.django_db
def test_it_scans_for_one_character_queries(world) -> None:
    search.index(entry("publication:1", world.a.id, "税务公告"))
    search.index(entry("publication:2", world.a.id, "教育公告"))
    page = search.search("税")
    assert [h.key for h in page.hits] == ["publication:1"]
    assert page.total_is_lower_bound is False


@pytest.mark.django_db
def test_it_escapes_html_in_titles(world) -> None:
    search.index(entry("publication:1", world.a.id, "<script>预算</script>"))
    hit = search.search("预算").hits[0]
    assert str(hit.title_html) == "&lt;script&gt;<mark>预算</mark>&lt;/script&gt;"


def test_it_never_matches_filter_tokens_with_content() -> None:
    tokens = bigrams.document_tokens("预算", filters=bigrams.filter_tokens(agency_id=7, year=2025))
    assert tokens.split() == ["fa37", "fy32303235", "b", bigrams._cjk_token("预算")]


@pytest.mark.django_db
def test_it_orders_newest_first_even_with_equal_times(world) -> None:
    same = datetime(2025, 3, 1, tzinfo=UTC)
    search.index(entry("publication:1", world.a.id, "预算一", published_at=same))
    search.index(entry("publication:2", world.a.id, "预算二", published_at=same))
    search.index(
        entry("publication:3", world.a.id, "预算三", published_at=datetime(2025, 4, 1, tzinfo=UTC))
    )
    keys = [h.key for h in search.search("预算").hits]
    assert keys[0] == "publication:3"
    assert sorted(keys[1:]) == ["publication:1", "publication:2"]
    assert [h.key for h in search.search("预算", per_page=1, page=3).hits] == [keys[2]]


@pytest.mark.django_db
def test_it_keeps_the_index_consistent_when_the_date_changes(world) -> None:
    search.index(entry("publication:1", world.a.id, "预算"))
    search.index(
        entry("publication:1", world.a.id, "预算", published_at=datetime(2025, 5, 1, tzinfo=UTC))
    )
    page = search.search("预算")
    assert page.total == 1
    assert page.hits[0].published_at == datetime(2025, 5, 1, tzinfo=UTC)


@pytest.mark.django_db
def test_it_rebuilds_the_index_from_published_items_only(world) -> None:
    from io import StringIO

    from django.core.management import call_command

    from xxgk.portal.tests import factories

    pub = factories.publication(world.a, "部门预算", index=False)
    factories.publication(world.a, "草稿预算", status="draft")
    search.index(entry("publication:999999", world.a.id, "过期条目预算"))
    out = StringIO()
    call_command("reindex_search", stdout=out)
    assert out.getvalue() == "已重建检索索引：1 条已发布信息。\n"
    assert [h.key for h in search.search("预算").hits] == [f"publication:{pub.pk}"]
