"""Staff (back-office) URLs of the appeals app."""

from __future__ import annotations

from django.urls import path

from xxgk.appeals import views

app_name = "appeals"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
]
