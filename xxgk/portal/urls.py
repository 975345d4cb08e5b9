"""Public 政府信息公开专栏 URLs (stable: agency code + item id).

Fixed paths come before `<slug:agency>/`, so those words cannot be agency codes.
"""

from __future__ import annotations

from django.urls import path

from xxgk.portal.views import column

app_name = "portal"

urlpatterns = [
    path("", column.home, name="home"),
    path("<slug:agency>/", column.agency, name="agency"),
    path("<slug:agency>/guide/", column.guide, name="guide"),
    path("<slug:agency>/rules/", column.rules, name="rules"),
    path("<slug:agency>/reports/", column.annual_reports, name="reports"),
]
