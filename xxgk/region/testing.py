"""Test set-up of the region on top of the two-agency world (xxgk/testing.py).

大冶市人民政府办公室 is the 主管部门 of 大冶市人民政府's region (members: A = 大冶市科技局,
B = 大冶市统计局); its 公开办 staff are otto (OFFICE_STAFF) and olga (OFFICE_HEAD). A second
region, 阳新县人民政府 with 阳新县人民政府办公室 (yann, OFFICE_STAFF) and its member
阳新县科技局 (yuri, OFFICE_STAFF), proves isolation. Also used by the aggregation's tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from xxgk.accounts.models import Membership, Role, User
from xxgk.agencies.models import Agency, AgencyKind
from xxgk.annual_reports import services as reports
from xxgk.annual_reports.models import AnnualReport
from xxgk.region import services
from xxgk.region.models import Level, Region
from xxgk.testing import PASSWORD, World

TZ = ZoneInfo("Asia/Shanghai")
APPROVED_AT = datetime(2026, 1, 15, 10, tzinfo=TZ)

PROBLEMS = "一是主动公开信息的发布时效有待提高，二是依申请答复文书说理不足。下一步将建立时限提醒并开展文书培训。"
OTHER = "本年度未收取信息处理费，按要求公开了人大代表建议和政协提案办理结果，无其他需要报告的事项。"


@dataclass
class RegionWorld:
    world: World
    office: Agency
    region: Region
    other_government: Agency
    other_office: Agency
    other_region: Region
    other_department: Agency


def _user(name: str, agency: Agency, role: Role, world: World) -> User:
    user = User(username=name, full_name=name.capitalize(), email=f"{name}@example.gov.cn")
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.create(user=user, agency=agency, role=role)
    world.users[name] = user
    return user


def make_region_world(world: World, *, waits: bool = False) -> RegionWorld:
    office = Agency.objects.create(
        name="大冶市人民政府办公室",
        short_name="冶政办",
        code="daye-zfb",
        kind=AgencyKind.DEPARTMENT,
        parent=world.government,
    )
    _user("otto", office, Role.OFFICE_STAFF, world)
    _user("olga", office, Role.OFFICE_HEAD, world)
    region = services.create_region(
        world.government,
        office,
        actor=None,
        level=Level.COUNTY,
        publication_waits_for_acceptance=waits,
    )
    services.set_reporting_line(world.a, region, actor=None)
    services.set_reporting_line(world.b, region, actor=None)
    other_gov = Agency.objects.create(
        name="阳新县人民政府", short_name="阳政", code="yangxin", kind=AgencyKind.GOVERNMENT
    )
    other_office = Agency.objects.create(
        name="阳新县人民政府办公室",
        short_name="阳政办",
        code="yangxin-zfb",
        kind=AgencyKind.DEPARTMENT,
        parent=other_gov,
    )
    other_dept = Agency.objects.create(
        name="阳新县科技局",
        short_name="阳科",
        code="yangxin-kjj",
        kind=AgencyKind.DEPARTMENT,
        parent=other_gov,
    )
    _user("yann", other_office, Role.OFFICE_STAFF, world)
    _user("yuri", other_dept, Role.OFFICE_STAFF, world)
    other_region = services.create_region(other_gov, other_office, actor=None, level=Level.COUNTY)
    services.set_reporting_line(other_dept, other_region, actor=None)
    return RegionWorld(world, office, region, other_gov, other_office, other_region, other_dept)


def approved_report(world: World, agency: Agency | None = None, year: int = 2025) -> AnnualReport:
    """A's (or B's) report computed, edited and approved by the whole internal chain."""
    agency = agency or world.a
    staff = world.grace if agency == world.a else world.olivia
    chain = (
        (world.bob, world.carol, world.dave, world.erin)
        if agency == world.a
        else (world.bianca, world.boris, world.bruno, world.betty)
    )
    report = reports.compute_draft(agency, year, actor=staff)
    texts = [s["text"] for s in report.sections]
    texts[4], texts[5] = PROBLEMS, OTHER
    report = reports.edit_sections(report, texts, actor=staff)
    return approve_chain(report, staff, chain)


def approve_chain(report: AnnualReport, staff: User, chain: tuple[User, ...]) -> AnnualReport:
    reports.submit_report(report, actor=staff, now=APPROVED_AT)
    for reviewer in chain:
        reports.approve_report_step(report, actor=reviewer, now=APPROVED_AT)
    report.refresh_from_db()
    return report
