"""Issue 11 defect 4: tracking shows the step and the dates, never who was consulted."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.test import Client

import time_machine

from xxgk.applications import services as s
from xxgk.applications.tests.scripting import submit

PARTY = "大冶市某某矿业有限公司"


@time_machine.travel("2025-03-20 10:00 +0800", tick=False)
def test_it_hides_the_consulted_third_party_from_the_track_page_and_api(
    client: Client, world
) -> None:
    cache.clear()
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.start_consultation(
        app, actor=world.alice, kind="third_party", party=PARTY, sent_on=date(2025, 3, 5)
    )
    app.refresh_from_db()
    assert any(PARTY in step["text"] for step in app.clock_steps)  # staff still see it

    api = client.get("/api/v1/applications/track", {"code": app.tracking_code})
    assert api.status_code == 200
    body = api.content.decode()
    assert PARTY not in body
    explanation = api.json()["due_explanation"]
    pause = next(line for line in explanation if "2025年3月5日" in line)
    assert "（）" not in pause and "征求" in pause

    page = client.post("/track/", {"code": app.tracking_code})
    assert page.status_code == 200
    html = page.content.decode()
    assert PARTY not in html
    assert "2025年3月5日" in html
