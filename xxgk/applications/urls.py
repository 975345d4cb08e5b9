"""Staff (back-office) URLs of the applications app."""

from __future__ import annotations

from django.urls import path, re_path

from xxgk.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.intake, name="intake"),
    path("confirm/", views.confirm, name="confirm"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/act/<slug:name>/", views.act, name="act"),
    path("<int:pk>/attachments/", views.upload, name="upload"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment, name="attachment"),
    re_path(
        r"^(?P<pk>\d+)/letters/(?P<letter_id>\d+)\.(?P<fmt>pdf|docx)$", views.letter, name="letter"
    ),
    path("agency/<slug:code>/templates/", views.templates, name="templates"),
    path("agency/<slug:code>/tables/", views.tables, name="tables"),
]
