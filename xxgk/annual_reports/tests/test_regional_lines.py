"""The aggregate over a configured region: accepted submissions count, a returned one blocks."""

from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from xxgk.annual_reports import regional
from xxgk.region import services
from xxgk.region.testing import TZ, approved_report, make_region_world
from xxgk.testing import World

CELL = ("cell", "t2.new.total", "本年新收申请数与台账不一致。")


@time_machine.travel(datetime(2026, 1, 20, 9, tzinfo=TZ), tick=False)
def test_it_aggregates_accepted_submissions_and_lists_a_returned_one(world: World) -> None:
    rw = make_region_world(world, waits=True)
    w = rw.world
    a = services.submit_report(approved_report(w), actor=w.grace).submission
    b = services.submit_report(approved_report(w, w.b), actor=w.olivia).submission
    services.return_submission(a, [CELL], actor=w.otto)
    services.accept_submission(b, actor=w.otto)
    with pytest.raises(regional.AggregateBlocked) as exc:
        regional.compute_aggregate(w.government, 2025)
    assert "大冶市科技局（已退回）" in exc.value.message
    assert "大冶市统计局" not in exc.value.message
    regional.exclude_from_aggregate(
        w.government, 2025, w.a, reason="退回修改中，下次汇总计入", actor=w.otto
    )
    result = regional.compute_aggregate(w.government, 2025)
    b.refresh_from_db()
    assert result.covers == [w.government.name, w.b.name]
    assert result.sources == {w.government.name: "records", w.b.name: "platform"}
    assert result.refs == {w.b.name: f"round:{b.accepted_round_id}"}
    for code, by_agency in result.provenance.items():
        assert sum(by_agency.values()) == result.report.cells[code], code
