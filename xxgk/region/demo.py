"""Demo region: 大冶市 (30 departments, 7 towns and streets) reporting to 大冶市人民政府办公室,
a sibling county 阳新县, and 黄石市 above both with a read-only supervisor.

Reports of 2023 and 2024 were published before the agencies used the platform: they are
imported files (with the defect patterns seen in real reports: unbalanced table 2, blank
cells, a date before the year ended, late publication). 2025 reports are made on the platform
in every state: published on time and late, returned and resubmitted, returned, submitted,
accepted awaiting publication, drafting, not started, and imported. 大冶市 makes publication
wait for acceptance; 阳新县 does not. Idempotent: an agency-year already present is kept.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password

from xxgk.accounts.models import Membership, Role, User
from xxgk.agencies.models import Agency, AgencyKind
from xxgk.annual_reports import services as reports
from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.models import AnnualReport
from xxgk.annual_reports.render import render
from xxgk.annual_reports.schema import FORMATS
from xxgk.region import services
from xxgk.region.models import ImportedReport, Level, Region, Submission

TZ = ZoneInfo("Asia/Shanghai")

# Already created by xxgk.agencies.demo: daye-kjj, daye-tjj, daye-zfb (the office), daye, huangshi.
DAYE_DEPARTMENTS: list[tuple[str, str, str]] = [
    ("daye-kjj", "大冶市科技局", "冶科"),
    ("daye-tjj", "大冶市统计局", "冶统"),
    ("daye-fgj", "大冶市发展和改革局", "冶发改"),
    ("daye-jyj", "大冶市教育局", "冶教"),
    ("daye-gaj", "大冶市公安局", "冶公"),
    ("daye-mzj", "大冶市民政局", "冶民"),
    ("daye-sfj", "大冶市司法局", "冶司"),
    ("daye-czj", "大冶市财政局", "冶财"),
    ("daye-rsj", "大冶市人力资源和社会保障局", "冶人社"),
    ("daye-zrzy", "大冶市自然资源和规划局", "冶自规"),
    ("daye-sthj", "黄石市生态环境局大冶分局", "冶环"),
    ("daye-zjj", "大冶市住房和城乡建设局", "冶住建"),
    ("daye-jtj", "大冶市交通运输局", "冶交"),
    ("daye-slj", "大冶市水利和湖泊局", "冶水"),
    ("daye-nyj", "大冶市农业农村局", "冶农"),
    ("daye-swj", "大冶市商务局", "冶商"),
    ("daye-wlj", "大冶市文化和旅游局", "冶文旅"),
    ("daye-wjj", "大冶市卫生健康局", "冶卫健"),
    ("daye-tyjr", "大冶市退役军人事务局", "冶退役"),
    ("daye-yjj", "大冶市应急管理局", "冶应急"),
    ("daye-sjj", "大冶市审计局", "冶审"),
    ("daye-scj", "大冶市市场监督管理局", "冶市监"),
    ("daye-ybj", "大冶市医疗保障局", "冶医保"),
    ("daye-cgj", "大冶市城市管理执法局", "冶城管"),
    ("daye-lyj", "大冶市林业局", "冶林"),
    ("daye-spj", "大冶市行政审批局", "冶审批"),
    ("daye-jxj", "大冶市经济和信息化局", "冶经信"),
    ("daye-xfj", "大冶市信访局", "冶信访"),
    ("daye-lsj", "大冶市粮食和物资储备局", "冶粮"),
    ("daye-zsj", "大冶市招商服务中心", "冶招商"),
]
DAYE_TOWNS: list[tuple[str, str, str]] = [
    ("daye-dongyue", "大冶市东岳路街道办事处", "东岳"),
    ("daye-jinhu", "大冶市金湖街道办事处", "金湖"),
    ("daye-luojiaqiao", "大冶市罗家桥街道办事处", "罗家桥"),
    ("daye-jinshandian", "大冶市金山店镇人民政府", "金山店"),
    ("daye-huandiqiao", "大冶市还地桥镇人民政府", "还地桥"),
    ("daye-baoan", "大冶市保安镇人民政府", "保安"),
    ("daye-lingxiang", "大冶市灵乡镇人民政府", "灵乡"),
]
YANGXIN_DEPARTMENTS: list[tuple[str, str, str]] = [
    ("yangxin-kjj", "阳新县科技局", "阳科"),
    ("yangxin-jyj", "阳新县教育局", "阳教"),
    ("yangxin-czj", "阳新县财政局", "阳财"),
    ("yangxin-mzj", "阳新县民政局", "阳民"),
    ("yangxin-fuchi", "阳新县富池镇人民政府", "富池"),
]

# 2025 on the platform (大冶市): what happened to each agency's report.
PLATFORM_2025: dict[str, str] = {
    "daye-kjj": "round_trip",  # returned with a reason on a cell, corrected, accepted, published
    "daye-tjj": "on_time",
    "daye-fgj": "on_time",
    "daye-jyj": "late",
    "daye-gaj": "returned",
    "daye-mzj": "submitted",
    "daye-sfj": "accepted",
    "daye-czj": "drafting",
    "daye-rsj": "submitted",
    "daye-zrzy": "accepted",
    "daye-dongyue": "returned",
    "daye-jinhu": "drafting",
    "yangxin-kjj": "submitted",
}
# Agencies that never reported for a year (未开始).
NOT_STARTED = {
    2023: {"daye-xfj", "daye-lingxiang"},
    2024: {"daye-lingxiang"},
    2025: {"daye-zsj", "daye-lingxiang", "daye-baoan", "yangxin-mzj"},
}
# Imported files with the defect patterns of real reports, by (agency, year).
DEFECTS: dict[tuple[str, int], str] = {
    ("daye-wjj", 2023): "unbalanced",
    ("daye-scj", 2023): "blank",
    ("daye-jtj", 2024): "before_year_end",
    ("daye-ybj", 2024): "late",
    ("daye-huandiqiao", 2024): "late",
    ("daye-cgj", 2025): "late",
    ("daye-lyj", 2025): "unbalanced",
    ("daye-jinshandian", 2025): "blank",
    ("yangxin-jyj", 2024): "late",
}

CHAIN = ("section", "secrecy", "deputy", "head")
CHAIN_ROLES = {
    "office": Role.OFFICE_STAFF,
    "section": Role.SECTION_HEAD,
    "secrecy": Role.SECRECY_REVIEWER,
    "deputy": Role.DEPUTY_HEAD,
    "head": Role.HEAD,
}
CHAIN_NAMES = {
    "office": "公开办",
    "section": "科室负责人",
    "secrecy": "保密审查",
    "deputy": "分管",
    "head": "负责人",
}

# Logins printed by `xxgk demo` (README): (username, full name, agency code, role).
REGION_ACCOUNTS: list[tuple[str, str, str, Role]] = [
    ("huangshi-supervisor", "黄督查", "huangshi", Role.SUPERVISOR),
    ("huangshi-office", "黄公开", "huangshi-zfb", Role.OFFICE_STAFF),
    ("yangxin-office", "阳公开", "yangxin-zfb", Role.OFFICE_STAFF),
]

PROBLEMS = (
    "2025年，本单位政府信息公开工作仍存在主动公开信息更新不够及时、政策解读形式较为单一等问题。"
    "下一步将建立信息发布时限提醒，推行图解、问答等多种解读形式，并按季度自查公开情况。"
)
OTHER = "本年度未收取信息处理费。人大代表建议和政协提案办理结果已按要求公开，无其他需要报告的事项。"
RETURN_REASON = "本年新收申请总数与政府信息公开申请台账不一致，请逐件核对后更正。"


def load() -> None:
    from xxgk.accounts.demo import DEMO_PASSWORD

    password = make_password(DEMO_PASSWORD)  # hashed once: dozens of demo users
    agencies = _agencies()
    _accounts(agencies, password)
    daye, yangxin, _huangshi = _regions(agencies)
    for year in (2023, 2024):
        for code, _name, _short in DAYE_DEPARTMENTS + DAYE_TOWNS:
            if code not in NOT_STARTED[year]:
                _import(daye, agencies[code], year)
        for code, _name, _short in YANGXIN_DEPARTMENTS:
            _import(yangxin, agencies[code], year)
    for code, _name, _short in DAYE_DEPARTMENTS + DAYE_TOWNS + YANGXIN_DEPARTMENTS:
        if code in NOT_STARTED[2025]:
            continue
        region = yangxin if code.startswith("yangxin") else daye
        state = PLATFORM_2025.get(code)
        if state is None:
            _import(region, agencies[code], 2025)
        else:
            _platform(agencies[code], state)


def _agencies() -> dict[str, Agency]:
    gov = Agency.objects.get(code="daye")
    huangshi = Agency.objects.get(code="huangshi")
    specs: list[tuple[str, str, str, str, str]] = [
        (c, n, s, AgencyKind.DEPARTMENT, "daye") for c, n, s in DAYE_DEPARTMENTS
    ]
    specs += [(c, n, s, AgencyKind.TOWNSHIP, "daye") for c, n, s in DAYE_TOWNS]
    specs += [
        ("huangshi-zfb", "黄石市人民政府办公室", "黄政办", AgencyKind.DEPARTMENT, "huangshi"),
        ("yangxin", "阳新县人民政府", "阳政", AgencyKind.GOVERNMENT, "huangshi"),
        ("yangxin-zfb", "阳新县人民政府办公室", "阳政办", AgencyKind.DEPARTMENT, "yangxin"),
    ]
    specs += [
        (
            c,
            n,
            s,
            AgencyKind.TOWNSHIP if n.endswith("镇人民政府") else AgencyKind.DEPARTMENT,
            "yangxin",
        )
        for c, n, s in YANGXIN_DEPARTMENTS
    ]
    by_code = {a.code: a for a in Agency.objects.all()}
    by_code.setdefault("daye", gov)
    by_code.setdefault("huangshi", huangshi)
    for code, name, short, kind, parent in specs:
        if code not in by_code:
            by_code[code] = Agency.objects.create(
                code=code,
                name=name,
                short_name=short,
                kind=kind,
                parent=by_code[parent],
                office_name=f"{name}办公室",
                office_email=f"{code}@daye.example.gov.cn",
            )
    return by_code


def _accounts(agencies: dict[str, Agency], password: str) -> None:
    wanted = list(REGION_ACCOUNTS)
    for code in PLATFORM_2025:
        if code == "daye-kjj" or code == "daye-tjj":
            continue  # their demo accounts exist (xxgk.accounts.demo)
        for key, role in CHAIN_ROLES.items():
            wanted.append(
                (f"{code}-{key}", f"{agencies[code].short_name}{CHAIN_NAMES[key]}", code, role)
            )
    for key in CHAIN:
        wanted.append((f"daye-tjj-{key}", f"冶统{CHAIN_NAMES[key]}", "daye-tjj", CHAIN_ROLES[key]))
    for username, full_name, code, role in wanted:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                full_name=full_name,
                password=password,
                email=f"{username}@daye.example.gov.cn",
            )
        Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)


def _regions(agencies: dict[str, Agency]) -> tuple[Region, Region, Region]:
    def region(gov: str, office: str, level: str, waits: bool) -> Region:
        existing = Region.objects.filter(government=agencies[gov]).first()
        return existing or services.create_region(
            agencies[gov],
            agencies[office],
            actor=None,
            level=level,
            publication_waits_for_acceptance=waits,
            aggregate_townships=True,
        )

    huangshi = region("huangshi", "huangshi-zfb", Level.CITY, False)
    daye = region("daye", "daye-zfb", Level.COUNTY, True)
    yangxin = region("yangxin", "yangxin-zfb", Level.COUNTY, False)
    for gov in ("daye", "yangxin"):
        if not hasattr(agencies[gov], "reporting_line"):
            services.set_reporting_line(agencies[gov], huangshi, actor=None)
    for code, _n, _s in DAYE_DEPARTMENTS + DAYE_TOWNS:
        if not hasattr(agencies[code], "reporting_line"):
            services.set_reporting_line(agencies[code], daye, actor=None)
    for code, _n, _s in YANGXIN_DEPARTMENTS:
        if not hasattr(agencies[code], "reporting_line"):
            services.set_reporting_line(agencies[code], yangxin, actor=None)
    return daye, yangxin, huangshi


# ---------------------------------------------------------------- imported files


def _published_data(agency: Agency, year: int, defect: str | None) -> ReportData:
    """A plausible published report of an agency outside the platform (deterministic)."""
    fmt = FORMATS["2021"]
    seed = agency.pk * 7 + year
    new = 2 + seed % 9
    cells: dict[str, int | None] = dict.fromkeys(fmt.all_codes(), 0)
    partial = 1 if new > 4 else 0
    not_held = 1 if new > 6 else 0
    disclosed = new - partial - not_held
    for col, share in (("natural", new - 1), ("commercial", 1)):
        cells[f"t2.new.{col}"] = share
    cells["t2.new.total"] = new
    cells["t2.disclosed.natural"] = disclosed - 1
    cells["t2.disclosed.commercial"] = 1
    cells["t2.disclosed.total"] = disclosed
    cells["t2.partial.natural"] = cells["t2.partial.total"] = partial
    cells["t2.unavailable.not_held.natural"] = cells["t2.unavailable.not_held.total"] = not_held
    cells["t2.total.natural"] = new - 1
    cells["t2.total.commercial"] = 1
    cells["t2.total.total"] = new
    for code in list(cells):
        if code.startswith("t2.other."):
            cells[code] = None  # derived in the 2021 format: recomputed from its sub-rows
    cells["t1.normative.issued"] = seed % 3
    cells["t1.normative.in_force"] = 5 + seed % 11
    cells["t1.licensing.decisions"] = 10 + seed % 40
    dated = date(year + 1, 1, 10 + seed % 18)
    if defect == "unbalanced":
        cells["t2.total.total"] = new + 1  # the sum printed one too high
    elif defect == "blank":
        for code in ("t1.licensing.decisions", "t1.penalty.decisions", "t1.coercion.decisions"):
            cells[code] = None
    elif defect == "before_year_end":
        dated = date(year, 12, 28)
    elif defect == "late":
        dated = date(year + 1, 2, 8 + seed % 20)
    sections = [
        {"heading": h, "text": _section_text(agency, year, i)} for i, h in enumerate(fmt.headings)
    ]
    return ReportData.from_json(
        {
            "agency": agency.name,
            "year": year,
            "format": "2021",
            "dated": dated.isoformat(),
            "agency_kind": "township" if agency.kind == AgencyKind.TOWNSHIP else "department",
            "title": f"{agency.name}{year}年政府信息公开工作年度报告",
            "sections": sections,
            "cells": cells,
        }
    )


def _section_text(agency: Agency, year: int, index: int) -> str:
    texts = (
        f"{year}年，{agency.name}认真贯彻《中华人民共和国政府信息公开条例》，围绕中心工作做好政府信息公开。",
        f"{year}年主动公开各类政府信息，及时更新政府信息公开专栏。",
        "详见下表。",
        "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
        f"{year}年政府信息公开工作仍存在信息更新不够及时的问题，下一步将建立发布时限提醒并加强培训。",
        "本年度未收取信息处理费，无其他需要报告的事项。",
    )
    return texts[index]


def _import(region: Region, agency: Agency, year: int) -> None:
    if ImportedReport.objects.filter(agency=agency, year=year).exists():
        return
    if AnnualReport.objects.filter(agency=agency, year=year).exists():
        return
    data = _published_data(agency, year, DEFECTS.get((agency.code, year)))
    content = render(data, "html")
    dated = data.dated or date(year + 1, 1, 20)
    services.import_published_report(
        region,
        replace(data, findings=[]),
        content,
        actor=None,
        source_name=f"{agency.code}-{year}.html",
        now=datetime(dated.year, dated.month, dated.day, 16, tzinfo=TZ),
    )


# ---------------------------------------------------------------- 2025 on the platform


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=TZ)


def _users(agency: Agency) -> tuple[User, tuple[User, ...]]:
    if agency.code == "daye-kjj":
        names = ["kjj-office", "kjj-section", "kjj-secrecy", "kjj-deputy", "kjj-head"]
    elif agency.code == "daye-tjj":
        names = ["tjj-office"] + [f"daye-tjj-{k}" for k in CHAIN]
    else:
        names = [f"{agency.code}-office"] + [f"{agency.code}-{k}" for k in CHAIN]
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    return users[names[0]], tuple(users[n] for n in names[1:])


def _approve(
    report: AnnualReport, office: User, chain: tuple[User, ...], at: datetime
) -> AnnualReport:
    for finding in reports.check_report(report, dated=at.date()):
        if finding.severity == "warning":
            reports.justify_warning(
                report, reports.finding_key(finding), "演示数据：已核实，情况属实。", actor=office
            )
    reports.submit_report(report, actor=office, now=at)
    for reviewer in chain:
        reports.approve_report_step(report, actor=reviewer, now=at)
    report.refresh_from_db()
    return report


def _platform(agency: Agency, state: str) -> None:
    if AnnualReport.objects.filter(agency=agency, year=2025).exists():
        return
    office, chain = _users(agency)
    report = reports.compute_draft(agency, 2025, actor=office)
    texts = [s["text"] for s in report.sections]
    texts[4], texts[5] = PROBLEMS, OTHER
    report = reports.edit_sections(report, texts, actor=office)
    if state == "drafting":
        return
    report = _approve(report, office, chain, _at(1, 15))
    reviewer = (
        User.objects.get(username="zfb-office")
        if agency.code.startswith("daye")
        else (User.objects.get(username="yangxin-office"))
    )
    submitted = services.submit_report(report, actor=office, now=_at(1, 16)).submission
    if state == "submitted":
        return
    if state in ("returned", "round_trip"):
        services.return_submission(
            submitted,
            [
                ("cell", "t2.new.total", RETURN_REASON),
                ("section", "5", "存在的主要问题应对照上年报告逐项说明改进情况。"),
            ],
            actor=reviewer,
            now=_at(1, 19),
        )
        if state == "returned":
            return
        report.refresh_from_db()
        texts = [s["text"] for s in report.sections]
        texts[4] = "对照上年报告，" + PROBLEMS
        report = reports.edit_sections(report, texts, actor=office)
        report = _approve(report, office, chain, _at(1, 21))
        services.submit_report(report, actor=office, now=_at(1, 22))
        submitted = Submission.objects.get(pk=submitted.pk)
    services.accept_submission(submitted, actor=reviewer, comment="同意。", now=_at(1, 24))
    if state == "accepted":
        return
    reports.publish_report(report, actor=office, now=_at(2, 12) if state == "late" else _at(1, 26))
