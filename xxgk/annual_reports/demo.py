"""Demo annual reports, produced the way an agency would: compute, write 五/六, review, publish.

* 大冶市科技局 2019 (2019 format): the seed's tables, from the demo records, published on a
  lawful date (the seed itself was dated 2019-01-08, before its own year ended).
* 大冶市人民政府办公室 2024 (published, so the 2025 report has a previous year to be checked
  against) and 2025 (a draft waiting for the 公开办).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.annual_reports import services
from xxgk.annual_reports.models import AnnualReport, ReportStatus

TZ = ZoneInfo("Asia/Shanghai")

PROBLEMS_TEXT: dict[object, str] = {
    "daye-kjj": (
        "2019年，我局政务信息公开工作虽然取得了一定进展，但仍存在一些问题：一是政务信息公开力度有待进一步加大，"
        "二是政务信息公开的内容有待优化。下一步我局将采取以下改进措施：一是进一步完善信息公开制度，强化责任意识，"
        "确保政务信息公开工作及时、准确；二是更好地接受社会公众对信息公开情况的监督；三是大力开展科技政策法规宣传。"
    ),
    ("daye-zfb", 2024): (
        "2024年，我办政府信息公开工作仍存在依申请公开答复文书说理不够充分、个别主动公开信息发布不够及时等问题。"
        "下一步，我办将组织答复文书规范化培训，建立主动公开信息发布时限提醒机制，并按季度通报各科室公开情况。"
    ),
    ("daye-zfb", 2025): (
        "对照2024年报告提出的问题，今年答复文书已统一模板并逐件审核，但政策解读与文件同步发布的比例仍然偏低，"
        "依申请公开转主动公开的机制尚未建立。2026年我办将推行政策文件与解读材料同步审核、同步发布，"
        "并对同一信息被三次以上申请的情形及时转为主动公开（条例第四十四条）。"
    ),
}
OTHER_TEXT = {
    2019: "2019年我局政府信息公开没有其他需要报告的事项。",
    2024: "2024年，我办按时公开人大代表建议和政协提案办理结果，落实上级政务公开工作要点。无其他需要报告的事项。",
    2025: "2025年，我办完成政府信息公开专栏的标准化改造，发布政策解读12篇；人大代表建议和政协提案办理结果已全部公开。",
}

# (agency code, year, author, reviewers in chain order, publication time or None)
PLAN = [
    (
        "daye-kjj",
        2019,
        "kjj-office",
        ["kjj-section", "kjj-secrecy", "kjj-deputy", "kjj-head"],
        datetime(2020, 1, 15, 10, tzinfo=TZ),
    ),
    (
        "daye-zfb",
        2024,
        "zfb-office",
        ["zfb-section", "zfb-secrecy", "zfb-deputy", "zfb-head"],
        datetime(2025, 1, 20, 10, tzinfo=TZ),
    ),
    ("daye-zfb", 2025, "zfb-office", [], None),
]


def load() -> None:
    """Create the demo reports (idempotent: an existing report is left as it is)."""
    users = {
        u.username: u
        for u in User.objects.filter(username__startswith=("kjj-"))
        | User.objects.filter(username__startswith="zfb-")
    }
    for code, year, author, reviewers, published_at in PLAN:
        agency = Agency.objects.get(code=code)
        if AnnualReport.objects.filter(agency=agency, year=year).exists():
            continue
        office = users[author]
        report = services.compute_draft(agency, year, actor=office)
        texts = [s["text"] for s in report.sections]
        texts[4] = PROBLEMS_TEXT[code] if code in PROBLEMS_TEXT else PROBLEMS_TEXT[(code, year)]
        texts[5] = texts[5].split("【")[0] + OTHER_TEXT[year]
        if report.agency.kind == "government":
            texts[0] = texts[0].split("【")[0]
        report = services.edit_sections(report, texts, actor=office)
        if published_at is None:
            continue
        for finding in services.check_report(report, dated=published_at.date()):
            if finding.severity == "warning":
                services.justify_warning(
                    report,
                    services.finding_key(finding),
                    "演示数据：已核实，情况属实。",
                    actor=office,
                )
        services.submit_report(report, actor=office, now=published_at)
        for reviewer in reviewers:
            services.approve_report_step(report, actor=users[reviewer], now=published_at)
        report.refresh_from_db()
        if report.status != ReportStatus.PUBLISHED:
            raise RuntimeError(f"演示报告未能发布：{report}")
