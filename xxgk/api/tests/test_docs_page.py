from __future__ import annotations

from django.test import Client

import pytest

from xxgk.api.docs import operations, schema

pytestmark = pytest.mark.django_db


def test_it_documents_every_operation_of_the_openapi_document(client: Client) -> None:
    response = client.get("/api/")
    html = response.content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    paths = schema()["paths"]
    listed = [(op.method, op.path) for op in operations()]
    assert listed == [(m.upper(), p) for p, methods in paths.items() for m in methods]
    assert ("POST", "/api/v1/applications") in listed
    for method, path in listed:
        assert f"<code>{method} {path}</code>" in html
    assert "提交政府信息公开申请" in html
    assert "<code>Idempotency-Key</code></td><td>请求头</td>" in html
    assert 'href="/api/v1/openapi.json"' in html
    assert '<script src="http' not in html


def test_the_footer_leads_to_the_readable_api_page_and_there_is_a_favicon(client: Client) -> None:
    html = client.get("/").content.decode()

    assert '<a href="/api/">开放接口</a>' in html
    assert '<link rel="icon" href="/static/xxgk/favicon.svg" type="image/svg+xml">' in html
    icon = client.get("/favicon.ico")
    assert (icon.status_code, icon["Location"]) == (301, "/static/xxgk/favicon.svg")
