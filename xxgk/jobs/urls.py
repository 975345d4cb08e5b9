"""Back-office URLs of background jobs."""

from __future__ import annotations

from django.urls import path

from xxgk.jobs import views

app_name = "jobs"

urlpatterns = [
    path("check/", views.check_files, name="check_files"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress/", views.progress, name="progress"),
]
