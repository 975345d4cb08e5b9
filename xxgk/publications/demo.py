"""Demo data of 主动公开: 大冶市科技局's 2019 records as in its published report, and more.

Everything goes through the services with the demo accounts; historical dates are passed
as `now=` (the services' documented parameter for loading past records). Idempotent: a
part that already exists is skipped.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

import openpyxl

from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.lib.formulas import neutralise_workbook
from xxgk.publications import services
from xxgk.publications.catalogue import ensure_default_categories
from xxgk.publications.models import Category, Channel, ChannelKind, Publication
from xxgk.publications.registers.services import import_register

# (category, channel, title, formed_on) — the seed: 21 items in 2019, 湖北政务服务网 1,
# 大冶市政府网 5, 云上大冶 15, in the categories 基础概况、办事指南、政策文件、动态信息.
KJJ_2019: list[tuple[str, str, str, date]] = [
    ("基础概况", "大冶市政府网", "大冶市科技局机构职能", date(2019, 1, 14)),
    ("基础概况", "大冶市政府网", "大冶市科技局领导分工", date(2019, 3, 4)),
    ("基础概况", "云上大冶", "大冶市科技局内设机构及联系电话", date(2019, 3, 11)),
    ("基础概况", "云上大冶", "大冶市科技局2019年部门预算公开", date(2019, 4, 8)),
    ("办事指南", "湖北政务服务网", "科技成果登记办事指南", date(2019, 4, 15)),
    ("办事指南", "云上大冶", "市级科技计划项目申报指南", date(2019, 3, 18)),
    ("办事指南", "云上大冶", "高新技术企业认定申报指南", date(2019, 5, 6)),
    ("办事指南", "云上大冶", "科技型中小企业评价服务指南", date(2019, 5, 20)),
    ("政策文件", "大冶市政府网", "大冶市科技局政务公开工作实施方案", date(2019, 2, 25)),
    ("政策文件", "大冶市政府网", "大冶市科技计划项目管理办法", date(2019, 6, 3)),
    ("政策文件", "大冶市政府网", "关于进一步加强科技创新平台建设的实施意见", date(2019, 7, 8)),
    ("政策文件", "云上大冶", "大冶市科技局行政职权目录和流程图", date(2019, 6, 17)),
    ("政策文件", "云上大冶", "关于组织申报2019年度湖北省技术创新专项的通知", date(2019, 8, 5)),
    ("动态信息", "云上大冶", "关于组织申报2019年度市级科技计划项目的通知", date(2019, 3, 25)),
    ("动态信息", "云上大冶", "关于开展2019年高新技术企业认定工作的通知", date(2019, 5, 13)),
    ("动态信息", "云上大冶", "市科技局开展科技活动周宣传活动", date(2019, 5, 27)),
    ("动态信息", "云上大冶", "2019年大冶市拟认定科技型中小企业名单公示", date(2019, 7, 15)),
    ("动态信息", "云上大冶", "市科技局组织企业参加科技成果对接会", date(2019, 9, 9)),
    ("动态信息", "云上大冶", "2019年度市级科技计划项目立项公示", date(2019, 10, 14)),
    ("动态信息", "云上大冶", "市科技局开展科技特派员服务企业活动", date(2019, 11, 4)),
    ("动态信息", "云上大冶", "2019年大冶市高新技术企业申报情况通报", date(2019, 12, 2)),
]
KJJ_CHANNELS = [
    ("湖北政务服务网", ChannelKind.SERVICE_PORTAL),
    ("大冶市政府网", ChannelKind.GOVERNMENT_PORTAL),
    ("云上大冶", ChannelKind.NEW_MEDIA),
    ("市科技局政务公开栏", ChannelKind.BULLETIN_BOARD),
    ("科技工作QQ群、微信群", ChannelKind.MESSAGING_GROUP),
]
KJJ_REVIEWERS = ["kjj-section", "kjj-secrecy", "kjj-deputy", "kjj-head"]
ZFB_REVIEWERS = ["zfb-section", "zfb-secrecy", "zfb-deputy", "zfb-head"]

ZFB_ITEMS: list[tuple[str, str, date]] = [
    (
        "规章和规范性文件",
        "大冶市人民政府关于印发大冶市政府信息公开工作规则的通知",
        date(2024, 3, 4),
    ),
    (
        "规章和规范性文件",
        "大冶市人民政府办公室关于印发大冶市行政规范性文件管理办法的通知",
        date(2024, 5, 13),
    ),
    ("机关职能", "大冶市人民政府办公室主要职责和内设机构", date(2024, 2, 19)),
    ("财政预算、决算", "大冶市人民政府办公室2024年部门预算", date(2024, 3, 25)),
    ("行政事业性收费", "大冶市行政事业性收费项目目录清单（2024年）", date(2024, 6, 3)),
    ("政府集中采购", "大冶市2024年政府集中采购目录及标准", date(2024, 1, 22)),
    ("规章和规范性文件", "大冶市人民政府关于废止部分行政规范性文件的决定", date(2025, 4, 7)),
    ("规划信息", "大冶市国民经济和社会发展第十五个五年规划编制工作方案", date(2025, 6, 16)),
    ("财政预算、决算", "大冶市人民政府办公室2025年部门预算", date(2025, 3, 24)),
    ("突发公共事件应急管理", "大冶市突发事件总体应急预案（2025年修订）", date(2025, 8, 11)),
    ("其他依法应当主动公开的信息", "大冶市2025年政务公开工作要点", date(2025, 5, 12)),
]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _publish_item(
    agency: Agency,
    *,
    drafter: str,
    reviewers: list[str],
    office: str,
    category: Category,
    title: str,
    formed_on: date,
    channels: list[Channel],
    document_number: str = "",
) -> Publication:
    start = _at(formed_on + timedelta(days=2), 9)
    publication = services.create_draft(
        agency,
        actor=_user(drafter),
        title=title,
        formed_on=formed_on,
        category=category,
        document_number=document_number,
        keywords=category.name,
        body=f"<p>{title}。</p><p>特此公告。</p>",
        now=start,
    )
    services.submit_for_review(publication, actor=_user(drafter), now=start)
    for hour, reviewer in enumerate(reviewers, start=1):
        publication = services.approve_revision(
            publication, actor=_user(reviewer), comment="同意", now=start + timedelta(hours=hour)
        )
    return services.publish(
        publication,
        actor=_user(office),
        channels=channels,
        now=_at(formed_on + timedelta(days=3), 15),
    )


def _xlsx(header: list[str], rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    neutralise_workbook(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _load_kjj(agency: Agency) -> None:
    ensure_default_categories(agency)
    channels = {}
    for name, kind in KJJ_CHANNELS:
        channels[name], _ = Channel.objects.get_or_create(
            agency=agency, name=name, defaults={"kind": kind}
        )
    # The agency opened its own 政府信息公开专栏 after 2019: the seed lists no such channel.
    own, _ = Channel.objects.get_or_create(
        agency=agency,
        name="大冶市科技局政府信息公开专栏",
        defaults={"kind": ChannelKind.OWN_PORTAL, "is_active": False},
    )
    if Publication.objects.filter(agency=agency).exists():
        return  # loaded before: the demo is idempotent (registers included)
    own.is_active = False
    own.save(update_fields=["is_active"])
    for category_name, channel_name, title, formed_on in KJJ_2019:
        _publish_item(
            agency,
            drafter="kjj-drafter",
            reviewers=KJJ_REVIEWERS,
            office="kjj-office",
            category=Category.objects.get(agency=agency, name=category_name, parent=None),
            title=title,
            formed_on=formed_on,
            channels=[channels[channel_name]],
        )
    own.is_active = True
    own.save(update_fields=["is_active"])
    _load_kjj_drafts(agency)
    drafter = _user("kjj-drafter")
    # 16 行政规范性文件 issued and published in 2019 (the seed's 16 / 16 / 16).
    import_register(
        agency,
        "normative",
        _xlsx(
            ["类别", "标题", "文号", "制发日期", "公开日期", "废止/失效日期", "状态"],
            [
                [
                    "行政规范性文件",
                    f"大冶市科技局关于{topic}的通知",
                    f"冶科发〔2019〕{n}号",
                    date(2019, min(12, n % 12 + 1), 10),
                    date(2019, min(12, n % 12 + 1), 15),
                    None,
                    "现行有效",
                ]
                for n, topic in enumerate(NORMATIVE_TOPICS, start=1)
            ],
        ),
        actor=drafter,
    )
    # 其他对外管理服务事项: 14 items in 2018, 1 in 2019 (−13), 45 decisions in 2019.
    rows: list[list[object]] = [
        ["其他对外管理服务事项", 2018, name, ""] for name in SERVICE_ITEMS_2018
    ]
    rows.append(["其他对外管理服务事项", 2019, "科技成果登记", ""])
    import_register(
        agency,
        "service_items",
        _xlsx(["事项类别", "年度", "事项名称", "事项编码"], rows),
        actor=drafter,
    )
    import_register(
        agency,
        "figures",
        _xlsx(
            ["年度", "登记簿", "指标", "数值"], [[2019, "其他对外管理服务事项", "处理决定数量", 45]]
        ),
        actor=drafter,
    )


NORMATIVE_TOPICS = [
    "印发2019年全市科技工作要点",
    "组织申报2019年度市级科技计划项目",
    "开展2019年高新技术企业培育工作",
    "做好2019年科技型中小企业评价工作",
    "加强科技创新平台建设",
    "开展2019年科技活动周",
    "推荐2019年度湖北省科技进步奖",
    "组织申报湖北省技术创新专项",
    "做好科技特派员选派工作",
    "加强科技计划项目验收管理",
    "开展科技成果转化对接活动",
    "规范科技项目资金管理",
    "做好2019年度科技统计工作",
    "开展科技领域安全生产检查",
    "组织申报2020年度市级科技计划项目",
    "印发大冶市科技局政务公开工作实施方案",
]
SERVICE_ITEMS_2018 = [
    "科技成果登记",
    "技术合同认定登记",
    "高新技术企业认定初审",
    "科技型中小企业评价初审",
    "市级科技计划项目立项",
    "市级科技计划项目验收",
    "科技进步奖推荐",
    "科技特派员选派",
    "众创空间备案",
    "科技企业孵化器认定初审",
    "工程技术研究中心认定初审",
    "校企共建研发中心认定初审",
    "科普示范基地认定",
    "科技统计调查",
]


def _load_kjj_drafts(agency: Agency) -> None:
    """A few 2026 items at each stage of the chain, for the demo's inboxes."""
    drafter = _user("kjj-drafter")
    dynamic = Category.objects.get(agency=agency, name="动态信息", parent=None)
    titles = [
        ("关于组织申报2027年度市级科技计划项目的通知", 0),
        ("2026年大冶市科技型中小企业评价工作情况通报", 1),
        ("关于开展2026年度高新技术企业认定工作的通知", 2),
        ("市科技局开展2026年科技活动周宣传活动", 4),
    ]
    today = date.today()  # noqa: DTZ011 - demo drafts are dated on the day the demo is loaded
    for title, approvals_done in titles:
        publication = services.create_draft(
            agency,
            actor=drafter,
            title=title,
            formed_on=today - timedelta(days=3),
            category=dynamic,
            body=f"<p>{title}。</p>",
        )
        services.submit_for_review(publication, actor=drafter)
        for reviewer in KJJ_REVIEWERS[:approvals_done]:
            publication = services.approve_revision(
                publication, actor=_user(reviewer), comment="同意"
            )


def _load_zfb(agency: Agency) -> None:
    ensure_default_categories(agency)
    if Publication.objects.filter(agency=agency).exists():
        return
    portal, _ = Channel.objects.get_or_create(
        agency=agency, name="大冶市政府网", defaults={"kind": ChannelKind.GOVERNMENT_PORTAL}
    )
    Channel.objects.get_or_create(
        agency=agency,
        name="大冶市人民政府政府信息公开专栏",
        defaults={"kind": ChannelKind.OWN_PORTAL},
    )
    for n, (category_name, title, formed_on) in enumerate(ZFB_ITEMS, start=1):
        publication = _publish_item(
            agency,
            drafter="zfb-drafter",
            reviewers=ZFB_REVIEWERS,
            office="zfb-office",
            category=Category.objects.get(agency=agency, name=category_name),
            title=title,
            formed_on=formed_on,
            channels=[portal],
            document_number=f"冶政办发〔{formed_on.year}〕{n}号" if "通知" in title else "",
        )
        del publication
    drafter = _user("zfb-drafter")
    import_register(
        agency,
        "normative",
        _xlsx(
            ["类别", "标题", "文号", "制发日期", "公开日期", "废止/失效日期", "状态"],
            [
                [
                    "行政规范性文件",
                    "大冶市政府信息公开工作规则",
                    "冶政发〔2024〕3号",
                    date(2024, 3, 4),
                    date(2024, 3, 7),
                    None,
                    "现行有效",
                ],
                [
                    "行政规范性文件",
                    "大冶市行政规范性文件管理办法",
                    "冶政办发〔2024〕8号",
                    date(2024, 5, 13),
                    date(2024, 5, 16),
                    None,
                    "现行有效",
                ],
                [
                    "行政规范性文件",
                    "大冶市城区停车管理暂行办法",
                    "冶政发〔2020〕5号",
                    date(2020, 4, 1),
                    date(2020, 4, 3),
                    date(2025, 4, 7),
                    "废止",
                ],
                [
                    "行政规范性文件",
                    "大冶市农村公益事业建设奖补办法",
                    "冶政发〔2025〕2号",
                    date(2025, 2, 10),
                    date(2025, 2, 12),
                    None,
                    "现行有效",
                ],
                [
                    "行政规范性文件",
                    "大冶市既有住宅加装电梯实施办法",
                    "冶政发〔2025〕6号",
                    date(2025, 6, 9),
                    date(2025, 6, 12),
                    None,
                    "现行有效",
                ],
            ],
        ),
        actor=drafter,
    )
    items = [
        ["行政许可", year, name, ""]
        for year in (2024, 2025)
        for name in ("政府信息公开申请受理", "户外广告设置许可")
    ]
    items.append(["行政许可", 2025, "临时占用城市道路许可", ""])
    items += [
        ["其他对外管理服务事项", 2024, "政务服务咨询", ""],
        ["其他对外管理服务事项", 2025, "政务服务咨询", ""],
    ]
    import_register(
        agency,
        "service_items",
        _xlsx(["事项类别", "年度", "事项名称", "事项编码"], items),
        actor=drafter,
    )
    decisions = [
        [
            "行政许可",
            date(year, month, 10 + k),
            f"冶许〔{year}〕{month * 10 + k}号",
            "户外广告设置许可",
        ]
        for year in (2024, 2025)
        for month in range(1, 13, 2)
        for k in range(2 if year == 2025 else 1)
    ]
    import_register(
        agency,
        "decisions",
        _xlsx(["事项类别", "决定日期", "决定书编号/办件号", "事项名称"], decisions),
        actor=drafter,
    )
    import_register(
        agency,
        "fees",
        _xlsx(
            ["年度", "收费项目", "收费依据", "收费标准", "本年收费金额（元）"],
            [
                [2024, "政府信息公开信息处理费", "国办函〔2020〕109号", "按件/按量计收", 400],
                [2025, "政府信息公开信息处理费", "国办函〔2020〕109号", "按件/按量计收", 1200],
            ],
        ),
        actor=drafter,
    )
    import_register(
        agency,
        "procurement",
        _xlsx(
            ["立项年度", "项目名称", "采购金额（元）", "是否结项"],
            [
                [2024, "政务服务中心办公设备采购", 251000, "是"],
                [2025, "政府网站集约化平台运维服务", 180000, "是"],
                [2025, "档案数字化加工服务", 96000, "否"],
            ],
        ),
        actor=drafter,
    )


def load() -> None:
    """Load the demo records (idempotent)."""
    kjj = Agency.objects.filter(code="daye-kjj").first()
    if kjj is not None:
        _load_kjj(kjj)
    zfb = Agency.objects.filter(code="daye-zfb").first()
    if zfb is not None:
        _load_zfb(zfb)
