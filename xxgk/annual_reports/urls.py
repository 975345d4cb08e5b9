"""Staff (back-office) URLs of the annual_reports app."""

from __future__ import annotations

from django.urls import path  # noqa: F401

app_name = "annual_reports"

urlpatterns: list = []
