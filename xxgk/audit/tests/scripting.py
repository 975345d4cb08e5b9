"""A scripted sequence of state changes across apps (shared by the audit and backup tests)."""

from __future__ import annotations

from datetime import date

import time_machine

from xxgk.accounts.models import Role
from xxgk.accounts.services import create_user, grant_role
from xxgk.annual_reports import services as reports
from xxgk.appeals.services import AppealData, record_appeal
from xxgk.applications import services as desk
from xxgk.applications.tests.scripting import submit
from xxgk.publications import services as pubs
from xxgk.publications.tests.factories import approved
from xxgk.testing import World
from xxgk.workcalendar.models import CalendarDay
from xxgk.workcalendar.services import save_calendar_day


def script_across_apps(world: World) -> None:
    """Cases, a publication, an appeal, an annual report, an account and a calendar day."""
    with time_machine.travel("2026-03-20 10:00 +0800", tick=False):
        case = submit(world.a, world.alice, date(2026, 3, 2), n=1)
        desk.close_application(
            case, actor=world.alice, outcome="disclosed", closed_on=date(2026, 3, 10)
        )
        withheld = submit(world.a, world.alice, date(2026, 3, 2), n=2)
        desk.close_application(
            withheld,
            actor=world.alice,
            outcome="withheld.state_secret",
            closed_on=date(2026, 3, 12),
            legal_basis="《中华人民共和国政府信息公开条例》第十四条",
        )
        submit(world.b, world.charlie, date(2026, 3, 2), n=3)
        record_appeal(
            agency=world.a,
            actor=world.grace,
            application=withheld,
            data=AppealData("reconsideration", "大冶市人民政府", date(2026, 3, 20)),
        )
    with time_machine.travel("2026-11-02 10:00 +0800", tick=False):
        publication = approved(world)
        pubs.publish(publication, actor=world.grace)
        user = create_user(
            actor=world.heidi, agency=world.a, username="newbie", password="Newbie-pass-2026"
        )
        grant_role(actor=world.heidi, user=user, agency=world.a, role=Role.DRAFTER)
        save_calendar_day(
            CalendarDay(date=date(2026, 12, 26), kind=CalendarDay.Kind.MAKEUP_WORKDAY),
            actor=None,
        )
    with time_machine.travel("2027-01-05 10:00 +0800", tick=False):
        reports.compute_draft(world.a, 2026, actor=world.grace)
