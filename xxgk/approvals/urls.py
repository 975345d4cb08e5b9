"""Staff (back-office) URLs of the approvals app."""

from __future__ import annotations

from django.urls import path

from xxgk.approvals import views

app_name = "approvals"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("workflow/<slug:code>/<slug:kind>/", views.configure, name="configure"),
]
