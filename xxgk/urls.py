"""Root URLs: the public portal at /, the staff back office at /backoffice/, config at /admin/."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import include, path
from django.views.generic import RedirectView

from xxgk.api.docs import api_docs

urlpatterns = [
    path("admin/", admin.site.urls),
    path("backoffice/", include("xxgk.backoffice.urls")),
    path("backoffice/publications/", include("xxgk.publications.urls")),
    path("backoffice/approvals/", include("xxgk.approvals.urls")),
    path("backoffice/applications/", include("xxgk.applications.urls")),
    path("backoffice/appeals/", include("xxgk.appeals.urls")),
    path("backoffice/reports/", include("xxgk.annual_reports.urls")),
    path("backoffice/jobs/", include("xxgk.jobs.urls")),
    path("backoffice/region/", include("xxgk.region.urls")),
    path("backoffice/calendar/", include("xxgk.workcalendar.urls")),
    path("backoffice/audit/", include("xxgk.audit.urls")),
    path("api/", api_docs, name="api_docs"),
    path("api/v1/", include("xxgk.api.urls")),
    # Browsers and feed readers ask for /favicon.ico whatever the page links.
    path(
        "favicon.ico",
        RedirectView.as_view(url=staticfiles_storage.url("xxgk/favicon.svg"), permanent=True),
    ),
    path("", include("xxgk.portal.urls")),
]

handler400 = "xxgk.backoffice.views.error_400"
handler403 = "xxgk.backoffice.views.error_403"
handler404 = "xxgk.backoffice.views.error_404"
handler500 = "xxgk.backoffice.views.error_500"
