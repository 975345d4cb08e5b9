"""Staff (back-office) URLs of the publications app."""

from __future__ import annotations

from django.urls import path

from xxgk.publications import channel_views, views

app_name = "publications"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/<slug:code>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/notice.<str:fmt>", views.notice, name="notice"),
    path("<int:pk>/<slug:verb>/", views.act, name="act"),
    path("agency/<slug:code>/feed.<str:kind>", views.feed, name="feed"),
    path("agency/<slug:code>/export.json", views.export_json, name="export_json"),
    path("agency/<slug:code>/registers/", views.registers, name="registers"),
    path("agency/<slug:code>/channels/", channel_views.channels, name="channels"),
    path(
        "agency/<slug:code>/channels/<int:pk>/toggle/",
        channel_views.toggle_channel,
        name="toggle_channel",
    ),
    path("register-template/<slug:kind>.xlsx", views.register_template, name="register_template"),
]
