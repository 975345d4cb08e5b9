from __future__ import annotations

from django.test import Client
from django.urls import reverse

import pytest

from xxgk.portal.tests import factories

pytestmark = pytest.mark.django_db


def test_it_lists_agencies_as_a_tree_and_links_the_column(client: Client, world) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<li class="depth-1"><a href="/daye-kjj/">大冶市科技局</a></li>' in html


def test_it_shows_the_five_sub_columns(client: Client, world) -> None:
    html = client.get("/daye-kjj/").content.decode()
    for label in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "政府信息公开年报",
        "依申请公开",
    ):
        assert label in html


def test_it_generates_the_guide_from_the_configuration(client: Client, world) -> None:
    factories.category(world.a, "财政预决算", "art20.7")
    html = client.get("/daye-kjj/guide/").content.decode()
    assert "大冶市科技局政府信息公开指南" in html
    assert "湖北省大冶市东岳路行政中心" in html
    assert "0714-8711234" in html
    assert "财政预决算（《条例》第二十条（七）财政预算、决算信息）" in html
    assert "20 个工作日" in html


def test_it_browses_a_category_newest_first(client: Client, world) -> None:
    cat = factories.category(world.a)
    older = factories.publication(world.a, "2024年部门决算", cat=cat)
    newer = factories.publication(world.a, "2025年部门预算", cat=cat)
    html = client.get(f"/daye-kjj/proactive/?category={cat.id}").content.decode()
    assert html.index("2025年部门预算") < html.index("2024年部门决算")
    assert older.pk != newer.pk
    item_html = client.get("/daye-kjj/proactive/?item=art20.7").content.decode()
    assert "2025年部门预算" in item_html


def test_it_renders_the_item_page_with_its_metadata(client: Client, world) -> None:
    pub = factories.publication(world.a, "2025年部门预算", body="<p>预算<strong>说明</strong></p>")
    response = client.get(
        reverse("portal:publication", kwargs={"agency": "daye-kjj", "pk": pub.pk})
    )
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("索引号", "发布机构", "文号", "成文日期", "发布日期", "分类", "有效性"):
        assert f'<th scope="row">{label}</th>' in html
    assert pub.index_number in html
    assert "<p>预算<strong>说明</strong></p>" in html
    assert client.get(f"/daye-kjj/publications/{pub.pk}/print/").status_code == 200
    qr = client.get(f"/daye-kjj/publications/{pub.pk}/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<svg")


def test_it_marks_repealed_items(client: Client, world) -> None:
    pub = factories.publication(world.a, "旧办法", validity="repealed")
    html = client.get(f"/daye-kjj/publications/{pub.pk}/").content.decode()
    assert "本文件已废止，仅供查阅。" in html


def test_it_does_not_show_an_item_under_another_agency_code(client: Client, world) -> None:
    pub = factories.publication(world.a, "2025年部门预算")
    assert client.get(f"/daye-tjj/publications/{pub.pk}/").status_code == 404


def test_it_searches_a_two_character_word(client: Client, world) -> None:
    factories.publication(world.a, "2025年部门预算公开", body="<p>本单位预算说明</p>")
    factories.publication(world.b, "统计公报")
    html = client.get("/search/", {"q": "预算"}).content.decode()
    assert "共找到 1 条结果" in html
    assert "2025年部门<mark>预算</mark>公开" in html


def test_it_escapes_the_query_in_the_search_page(client: Client, world) -> None:
    html = client.get("/search/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_it_lists_annual_reports_by_year(client: Client, world) -> None:
    cat = factories.category(world.a, "政府信息公开年报", "annual_report")
    factories.publication(world.a, "大冶市科技局2024年政府信息公开工作年度报告", cat=cat)
    html = client.get("/daye-kjj/reports/").content.decode()
    assert '<span class="year">2024年度</span>' in html


def test_it_lists_rules_and_national_rules(client: Client, world) -> None:
    cat = factories.category(world.a, "政府信息公开制度", "rules")
    factories.publication(world.a, "大冶市科技局政府信息公开工作制度", cat=cat)
    html = client.get("/daye-kjj/rules/").content.decode()
    assert "大冶市科技局政府信息公开工作制度" in html
    assert "<li>中华人民共和国政府信息公开条例（2019年修订，国务院令第711号）</li>" in html


def test_it_serves_feeds_and_sitemap(client: Client, world) -> None:
    cat = factories.category(world.a)
    pub = factories.publication(world.a, "2025年部门预算", cat=cat)
    rss = client.get("/daye-kjj/feed/rss/").content.decode()
    atom = client.get("/daye-kjj/feed/atom/").content.decode()
    cat_rss = client.get(f"/daye-kjj/categories/{cat.id}/feed/rss/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<title>2025年部门预算</title>" in rss
    assert "<title>2025年部门预算</title>" in atom
    assert "<title>2025年部门预算</title>" in cat_rss
    assert f"/daye-kjj/publications/{pub.pk}/</loc>" in sitemap


def test_it_sets_the_large_text_cookie_without_javascript(client: Client, world) -> None:
    response = client.get("/text-size/", {"size": "large", "next": "/daye-kjj/"})
    assert response.status_code == 302
    assert response["Location"] == "/daye-kjj/"
    assert response.cookies["xxgk_text"].value == "large"
    # A class, not an inline style: the Content-Security-Policy forbids inline styles.
    assert '<html lang="zh-Hans" class="large-text">' in client.get("/daye-kjj/").content.decode()
    evil = client.get("/text-size/", {"size": "large", "next": "https://evil.example/"})
    assert evil["Location"] == "/"


def test_it_explains_a_deadline(client: Client, world) -> None:
    response = client.get("/deadline/", {"received": "2025-09-26", "extension_days": "0"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "计算结果" in html
    assert "当日不计入期限" in html


def test_it_rejects_an_extension_over_twenty_days_in_chinese(client: Client, world) -> None:
    html = client.get(
        "/deadline/", {"received": "2025-09-26", "extension_days": "21"}
    ).content.decode()
    assert "延长期限最长不得超过20个工作日" in html


def test_it_paginates_and_includes_sub_categories(client: Client, world) -> None:
    parent = factories.category(world.a, "财政信息", "")
    child = factories.category(world.a, "部门预算", "art20.7", parent=parent)
    for i in range(21):
        factories.publication(world.a, f"预算公告第{i:02d}号", cat=child)
    first = client.get(f"/daye-kjj/proactive/?category={parent.id}").content.decode()
    second = client.get(f"/daye-kjj/proactive/?category={parent.id}&page=2").content.decode()
    assert "第 1 / 2 页，共 21 条" in first
    assert "预算公告第20号" in first
    assert "预算公告第00号" not in first
    assert "预算公告第00号" in second
    assert f'href="?category={parent.id}&amp;page=1" rel="prev"' in second
    other = factories.category(world.a, "人事信息", "art20.14")
    assert (
        "暂无公开信息。" in client.get(f"/daye-kjj/proactive/?category={other.id}").content.decode()
    )
    assert client.get("/daye-kjj/proactive/?category=999999").status_code == 404
    assert client.get("/daye-kjj/proactive/?item=art99").status_code == 404


def test_it_downloads_an_attachment_of_the_live_revision(
    client: Client, world, settings, tmp_path
) -> None:
    from django.core.files.base import ContentFile

    from xxgk.publications.models import Attachment

    settings.MEDIA_ROOT = tmp_path
    pub = factories.publication(world.a, "2025年部门预算")
    att = Attachment(
        publication=pub, original_name="预算表.pdf", kind="pdf", size=9, sha256="0" * 64
    )
    att.file.save("budget.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    att.save()
    pub.live_revision.attachments.add(att)
    response = client.get(f"/daye-kjj/publications/{pub.pk}/attachments/{att.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    other = factories.publication(world.a, "另一条")
    assert client.get(f"/daye-kjj/publications/{other.pk}/attachments/{att.pk}/").status_code == 404
