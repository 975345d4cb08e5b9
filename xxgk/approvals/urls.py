"""Staff (back-office) URLs of the approvals app."""

from __future__ import annotations

from django.urls import path  # noqa: F401

app_name = "approvals"

urlpatterns: list = []
