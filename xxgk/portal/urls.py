"""Public 政府信息公开专栏 URLs."""

from __future__ import annotations

from django.urls import path

from xxgk.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:agency>/", views.agency, name="agency"),
]
