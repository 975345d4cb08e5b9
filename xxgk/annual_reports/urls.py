"""Staff (back-office) URLs of the annual reports."""

from __future__ import annotations

from django.urls import path

from xxgk.annual_reports import region_views, views

app_name = "annual_reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("reference/", views.import_reference, name="reference"),
    path("aggregate/<int:pk>/<int:year>/", region_views.aggregate, name="aggregate"),
    path(
        "aggregate/<int:pk>/<int:year>/cell/<str:code>/",
        region_views.aggregate_cell,
        name="aggregate_cell",
    ),
    path("scorecard/", region_views.scorecard_start, name="scorecard"),
    path("scorecard/<int:pk>/", region_views.scorecard_result, name="scorecard_result"),
    path(
        "scorecard/<int:pk>.<str:kind>",
        region_views.scorecard_export,
        name="scorecard_export",
    ),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/recompute/", views.recompute, name="recompute"),
    path("<int:pk>/sections/", views.edit_sections, name="sections"),
    path("<int:pk>/justify/", views.justify, name="justify"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/correct/", views.correct, name="correct"),
    path("<int:pk>/v<int:number>.<str:kind>", views.version_file, name="version"),
    path("<int:pk>/preview.<str:kind>", views.preview, name="preview"),
]
