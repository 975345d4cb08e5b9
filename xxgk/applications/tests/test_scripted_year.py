"""A scripted year of cases through the services → tables 2 and 3 pass the report rules."""

from __future__ import annotations

from datetime import date, timedelta

import time_machine

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.rules import validate
from xxgk.appeals.services import AppealData, record_appeal
from xxgk.applications import services as s
from xxgk.applications.models import Outcome
from xxgk.applications.tables import application_tables, data_problems
from xxgk.applications.tests.scripting import submit

KINDS = ["natural", "commercial", "research", "public_interest", "legal_services", "other_org"]
PLAIN = [
    o
    for o in Outcome
    if o
    not in {
        Outcome.OTHER_NO_AMENDMENT,
        Outcome.OTHER_UNPAID_FEE,
        Outcome.UNAVAILABLE_UNCLEAR,
        Outcome.WITHHELD_THIRD_PARTY,
        Outcome.NOT_PROCESSED_EXCESSIVE,
    }
]
RULES = {"R-T2-BALANCE", "R-T2-TOTAL", "R-T2-COLSUM", "R-T3-TOTAL", "R-T2-OTHER-SUM"}


def script_year(world) -> dict[str, object]:
    a, alice, frank = world.a, world.alice, world.frank
    made: dict[str, object] = {}
    # 2024: one closed in 2024 (not in 2025's table), two carried into 2025
    old = submit(a, alice, date(2024, 11, 4), n=900)
    s.close_application(old, actor=alice, outcome="disclosed", closed_on=date(2024, 11, 20))
    carry1 = submit(a, alice, date(2024, 12, 23), kind="commercial", n=901)
    carry2 = submit(a, alice, date(2024, 12, 27), n=902)
    s.close_application(carry1, actor=alice, outcome="disclosed", closed_on=date(2025, 1, 10))
    s.close_application(carry2, actor=alice, outcome="partial", closed_on=date(2025, 1, 15))
    # 2025: one case per plain outcome, applicant kinds rotating
    for i, outcome in enumerate(PLAIN):
        app = submit(a, alice, date(2025, 3, 3), kind=KINDS[i % 6], n=i + 1)
        s.close_application(
            app,
            actor=alice,
            outcome=outcome,
            closed_on=date(2025, 3, 20),
            reply_text="见附件",
            legal_basis="申请人撤回申请" if outcome == Outcome.OTHER_OTHER else "",
        )
    # 补正 then lapse → other.no_amendment
    app = submit(a, alice, date(2025, 4, 1), n=100)
    s.request_amendment(
        app, actor=alice, sent_on=date(2025, 4, 3), items="请写明文号", reply_by=date(2025, 4, 18)
    )
    s.lapse_amendment(app, actor=alice, on=date(2025, 4, 21))
    # 补正 received, still unclear → unavailable.unclear
    app = submit(a, alice, date(2025, 4, 1), kind="research", n=101)
    s.request_amendment(
        app, actor=alice, sent_on=date(2025, 4, 2), items="请写明年份", reply_by=date(2025, 4, 15)
    )
    s.record_amendment(app, actor=alice, amended_on=date(2025, 4, 10))
    s.close_application(
        app, actor=alice, outcome="unavailable.unclear", closed_on=date(2025, 4, 30)
    )
    # third-party consultation, objection → withheld.third_party; with an extension
    app = submit(a, alice, date(2025, 5, 6), kind="commercial", n=102)
    c = s.start_consultation(
        app, actor=alice, kind="third_party", party="某公司", sent_on=date(2025, 5, 8)
    )
    s.record_consultation_reply(
        c, actor=alice, answer="disagree", on=date(2025, 5, 20), reasons="商业秘密"
    )
    s.approve_extension(
        app, actor=frank, days=10, reason="需要进一步核实", approved_on=date(2025, 6, 3)
    )
    made["extended"] = app
    s.close_application(
        app, actor=alice, outcome="withheld.third_party", closed_on=date(2025, 6, 20)
    )
    # fee paid, then disclosed; fee unpaid → other.unpaid_fee
    paid = submit(a, alice, date(2025, 7, 1), n=103)
    s.record_mass_request(paid, actor=alice, note="本月第40件申请")
    s.issue_fee_notice(paid, actor=alice, method="per_page", pages=45, sent_on=date(2025, 7, 3))
    s.record_fee_payment(paid, actor=alice, paid_on=date(2025, 7, 10))
    s.close_application(paid, actor=alice, outcome="disclosed", closed_on=date(2025, 7, 25))
    unpaid = submit(a, alice, date(2025, 7, 1), n=104)
    s.record_mass_request(unpaid, actor=alice, note="大量申请")
    fee = s.issue_fee_notice(
        unpaid, actor=alice, method="per_page", pages=31, sent_on=date(2025, 7, 2)
    )
    fee = s.record_fee_notice_delivery(unpaid, actor=alice, delivered_on=date(2025, 7, 4))
    s.lapse_fee(unpaid, actor=alice, on=fee.payment_due + timedelta(days=1))
    # Art. 35: unreasonable reasons → not_processed.excessive
    app = submit(a, alice, date(2025, 8, 4), kind="other_org", n=105)
    s.record_mass_request(app, actor=alice, note="一个月内提出60件")
    s.request_reasons(app, actor=alice, requested_on=date(2025, 8, 5), reply_by=date(2025, 8, 15))
    s.record_reasons(
        app, actor=alice, received_on=date(2025, 8, 12), reasonable=False, reasons="无"
    )
    excessive = s.close_application(
        app, actor=alice, outcome="not_processed.excessive", closed_on=date(2025, 8, 20)
    )
    # carried out to 2026: one still open, one closed in January 2026
    submit(a, alice, date(2025, 12, 22), kind="legal_services", n=106)
    late = submit(a, alice, date(2025, 12, 29), n=107)
    s.close_application(late, actor=alice, outcome="disclosed", closed_on=date(2026, 1, 9))
    # reviews and lawsuits
    withheld = excessive  # any closed case of the agency
    grace = world.grace
    record_appeal(
        agency=a,
        actor=grace,
        application=withheld,
        data=AppealData(
            "reconsideration",
            "大冶市人民政府",
            date(2025, 9, 1),
            decided_on=date(2025, 10, 1),
            result="upheld",
        ),
    )
    record_appeal(
        agency=a,
        actor=grace,
        application=withheld,
        data=AppealData("reconsideration", "大冶市人民政府", date(2025, 11, 3)),
    )
    record_appeal(
        agency=a,
        actor=grace,
        application=withheld,
        data=AppealData(
            "litigation_direct",
            "大冶市人民法院",
            date(2025, 9, 5),
            decided_on=date(2025, 12, 1),
            result="corrected",
        ),
    )
    record_appeal(
        agency=a,
        actor=grace,
        application=withheld,
        data=AppealData(
            "litigation_after",
            "黄石市中级人民法院",
            date(2025, 10, 20),
            decided_on=date(2025, 12, 20),
            result="other",
        ),
    )
    record_appeal(
        agency=a,
        actor=grace,
        data=AppealData(
            "litigation_after",
            "大冶市人民法院",
            date(2025, 6, 1),
            description="作为复议机关共同被告",
            review_body_co_defendant=True,
        ),
    )
    return made


@time_machine.travel("2026-02-02 10:00 +0800", tick=False)
def test_it_yields_tables_that_pass_every_rule(world) -> None:
    # given
    made = script_year(world)
    # when
    cells = application_tables(world.a, 2025)
    # then
    assert cells["t2.carried_in.total"] == 2
    assert cells["t2.new.total"] == len(PLAIN) + 8
    assert cells["t2.carried_out.total"] == 2
    assert cells["t2.total.total"] == cells["t2.new.total"] + 2 - 2
    for outcome in Outcome:
        assert cells[f"t2.{outcome.value}.total"] >= 1, outcome
    assert cells["t2.partial.total"] == 2  # the 2024 carry-over and the 2025 case
    assert cells["t2.other.total"] == 3
    assert cells["t3.reconsideration.total"] == 2
    assert cells["t3.reconsideration.pending"] == 1
    assert cells["t3.litigation_direct.corrected"] == 1
    assert cells["t3.litigation_after.total"] == 1  # the co-defendant row is not counted
    for fmt in ("2019", "2021"):
        report = ReportData(agency=world.a.name, year=2025, format=fmt, cells=dict(cells))
        broken = [f for f in validate(report) if f.code in RULES]
        assert broken == []
    assert data_problems(world.a, 2025) == []
    assert made["extended"].extension.days == 10


def test_it_would_notice_an_unbalanced_table() -> None:
    # guards the test above: the rules do fire on our cell codes
    from xxgk.applications.tables import aggregate_t2, aggregate_t3

    cells = aggregate_t2([], 2025) | aggregate_t3([], 2025)
    cells["t2.new.natural"] = 1
    cells["t2.new.total"] = 1
    report = ReportData(agency="甲", year=2025, format="2021", cells=cells)
    assert "R-T2-BALANCE" in {f.code for f in validate(report)}
