"""Issue 11 defect 8: an appeal update event keeps before and after of each changed field."""

from __future__ import annotations

from datetime import date

import time_machine

from xxgk.appeals.models import AppealEvent
from xxgk.appeals.services import AppealData, record_appeal, update_appeal


@time_machine.travel("2025-12-31 10:00 +0800", tick=False)
def test_it_stores_before_and_after_for_every_changed_field(world) -> None:
    appeal = record_appeal(
        agency=world.a,
        actor=world.frank,
        data=AppealData(
            "reconsideration",
            "大冶市人民政府",
            date(2025, 4, 1),
            description="不服答复",
            case_ref="冶复〔2025〕1号",
        ),
    )
    update_appeal(
        appeal,
        actor=world.frank,
        data=AppealData(
            "reconsideration",
            "黄石市人民政府",
            date(2025, 4, 2),
            description="不服答复",
            case_ref="冶复〔2025〕1号",
            decided_on=date(2025, 5, 20),
            result="upheld",
        ),
    )
    event = AppealEvent.objects.get(appeal=appeal, type="updated")
    assert event.actor == world.frank
    assert event.data == {
        "changes": {
            "body": {"before": "大冶市人民政府", "after": "黄石市人民政府"},
            "filed_on": {"before": "2025-04-01", "after": "2025-04-02"},
            "decided_on": {"before": None, "after": "2025-05-20"},
            "result": {"before": "pending", "after": "upheld"},
        }
    }
