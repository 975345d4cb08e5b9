"""Public JSON API /api/v1 (see docs and /api/v1/openapi.json)."""

from __future__ import annotations

from django.urls import path  # noqa: F401

app_name = "api"

urlpatterns: list = []
