from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from xxgk.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/<slug:code>/", views.agency_detail, name="agency"),
]
