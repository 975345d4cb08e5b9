from __future__ import annotations

from django.urls import path

from xxgk.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.trail, name="trail"),
]
