"""Staff (back-office) URLs of the region."""

from __future__ import annotations

from django.urls import path

from xxgk.region import views

app_name = "region"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.xlsx", views.export, name="export"),
    path("charts/", views.chart_page, name="charts"),
    path("import/", views.upload, name="import"),
    path("remind/", views.remind, name="remind"),
    path("reminders/<int:pk>/read/", views.reminder_read, name="reminder_read"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:pk>/decide/", views.decide, name="decide"),
    path("reports/<int:report_pk>/submit/", views.submit, name="submit"),
    path("reports/<int:report_pk>/publish/", views.publish, name="publish"),
]
