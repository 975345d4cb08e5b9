"""Public 政府信息公开专栏 URLs (stable: agency code + item id).

Fixed paths come before `<slug:agency>/`, so those words cannot be agency codes.
"""

from __future__ import annotations

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from xxgk.portal import feeds
from xxgk.portal.pagecache import public_page
from xxgk.portal.sitemaps import SITEMAPS
from xxgk.portal.views import annual_reports, apply, column, finder, publications

app_name = "portal"

urlpatterns = [
    path("", column.home, name="home"),
    path("search/", finder.search_page, name="search"),
    path("track/", apply.track, name="track"),
    path("track/<int:application_id>/amend/", apply.amend, name="amend"),
    path("track/letters/<int:letter_id>.<str:fmt>", apply.letter_download, name="letter"),
    path("deadline/", apply.deadline, name="deadline"),
    path("text-size/", apply.text_size, name="text_size"),
    path("sitemap.xml", public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("<slug:agency>/", column.agency, name="agency"),
    path("<slug:agency>/guide/", column.guide, name="guide"),
    path("<slug:agency>/rules/", column.rules, name="rules"),
    path("<slug:agency>/reports/", column.annual_reports, name="reports"),
    path("<slug:agency>/reports/<int:year>/", annual_reports.report, name="report"),
    path(
        "<slug:agency>/reports/<int:year>/v<int:number>.<str:kind>",
        annual_reports.report_file,
        name="report_file",
    ),
    path("<slug:agency>/proactive/", publications.proactive, name="proactive"),
    path("<slug:agency>/publications/<int:pk>/", publications.publication, name="publication"),
    path(
        "<slug:agency>/publications/<int:pk>/print/",
        publications.publication_print,
        name="publication_print",
    ),
    path(
        "<slug:agency>/publications/<int:pk>/qr.svg",
        publications.publication_qr,
        name="publication_qr",
    ),
    path(
        "<slug:agency>/publications/<int:pk>/attachments/<int:attachment_id>/",
        publications.attachment,
        name="attachment",
    ),
    path("<slug:agency>/apply/", apply.apply, name="apply"),
    path("<slug:agency>/apply/receipt/<int:pk>/", apply.receipt, name="receipt"),
    path("<slug:agency>/feed/rss/", public_page(feeds.AgencyFeed()), name="feed_rss"),
    path("<slug:agency>/feed/atom/", public_page(feeds.AgencyAtomFeed()), name="feed_atom"),
    path(
        "<slug:agency>/categories/<int:category>/feed/rss/",
        public_page(feeds.CategoryFeed()),
        name="category_feed_rss",
    ),
    path(
        "<slug:agency>/categories/<int:category>/feed/atom/",
        public_page(feeds.CategoryAtomFeed()),
        name="category_feed_atom",
    ),
]
