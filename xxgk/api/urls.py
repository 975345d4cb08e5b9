"""Public JSON API /api/v1 (OpenAPI document at /api/v1/openapi.json)."""

from __future__ import annotations

from django.urls import path

from drf_spectacular.views import SpectacularJSONAPIView

from xxgk.api import views

app_name = "api"

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("publications", views.PublicationList.as_view(), name="publications"),
    path("applications", views.ApplicationCreate.as_view(), name="applications"),
    path("applications/track", views.ApplicationTrack.as_view(), name="track"),
]
