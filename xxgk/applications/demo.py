"""Demo cases for 大冶市人民政府办公室 (daye-zfb), built through the services (idempotent).

Every case goes through the same services as real work, with fixed dates, so the clock,
letters and events are lawful. A case whose idempotency key exists is skipped entirely,
so loading twice changes nothing. 大冶市科技局 gets two 2026 cases only (its 2019 seed
report says zero applications).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from xxgk.accounts.models import User
from xxgk.agencies.models import Agency
from xxgk.appeals.models import Appeal
from xxgk.appeals.services import AppealData, record_appeal
from xxgk.applications import services as s
from xxgk.applications.models import Application, Outcome
from xxgk.applications.models.choices import Channel
from xxgk.applications.services.intake import ID_CHECK, ID_WEIGHTS

KINDS = [
    "natural",
    "natural",
    "commercial",
    "research",
    "public_interest",
    "legal_services",
    "natural",
    "other_org",
]
CHANNELS = [c.value for c in Channel if c != Channel.ONLINE] + [Channel.ONLINE.value]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"
ORGS = {
    "commercial": "湖北大冶某矿业有限公司",
    "research": "湖北某地质研究院",
    "public_interest": "大冶市某环保公益协会",
    "legal_services": "湖北某律师事务所",
    "other_org": "大冶市某村民委员会",
}
TOPICS = [
    "城区道路改造项目立项批复",
    "2023年度财政预算执行情况",
    "某小区征收补偿方案",
    "矿山生态修复资金使用情况",
    "市政府常务会议纪要",
    "某企业环境影响评价报告",
    "保障性住房分配名单",
    "城市总体规划修编材料",
    "公务接待费用明细",
    "农村公路建设招标文件",
    "某行政处罚决定书",
    "防汛应急预案",
]
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
        Outcome.NOT_PROCESSED_DUPLICATE,
    }
]


def _id_number(n: int) -> str:
    body = f"420281{1960 + n % 40:04d}{1 + n % 12:02d}{1 + n % 28:02d}{100 + n:03d}"
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    return body + ID_CHECK[total % 11]


def _applicant(n: int, kind: str) -> s.ApplicantData:
    person = SURNAMES[n % len(SURNAMES)] + "某" + "甲乙丙丁戊己庚辛"[n % 8]
    if kind == "natural":
        return s.ApplicantData(
            kind=kind,
            name=person,
            id_type="resident_id",
            id_number=_id_number(n),
            phone=f"139{n:08d}",
            email=f"applicant{n}@example.com",
            address=f"湖北省大冶市东岳路{n}号",
            postcode="435100",
        )
    return s.ApplicantData(
        kind=kind,
        name=ORGS[kind],
        organisation_name=ORGS[kind],
        legal_representative=person,
        contact_person=person,
        phone=f"0714-87{n:05d}",
        address="湖北省大冶市新冶大道88号",
        postcode="435100",
    )


def _weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


class _Script:
    def __init__(self, agency: Agency, prefix: str) -> None:
        self.agency = agency
        self.prefix = prefix
        self.drafter = User.objects.get(username=f"{prefix}-drafter")
        self.head = User.objects.get(username=f"{prefix}-officehead")
        self.office = User.objects.get(username=f"{prefix}-office")
        self.created = 0

    def case(
        self, n: int, received: date, *, kind: str | None = None, applicant_n: int | None = None
    ) -> Application | None:
        """Submit case n (skipped, returning None, if it already exists)."""
        key = f"demo-{self.prefix}-{n:03d}"
        if Application.objects.filter(agency=self.agency, idempotency_key=key).exists():
            return None
        kind = kind or KINDS[n % len(KINDS)]
        channel = CHANNELS[n % len(CHANNELS)]
        self.created += 1
        return s.submit_application(
            agency=self.agency,
            # Registered by the office with the date it confirmed each submission (Art. 31),
            # online ones included: the demo's cases are already past confirmation.
            actor=self.drafter,
            channel=channel,
            received_on=_weekday(received),
            applicant=_applicant(applicant_n if applicant_n is not None else n, kind),
            request=s.RequestData(
                title=TOPICS[n % len(TOPICS)],
                description=f"申请公开{TOPICS[n % len(TOPICS)]}的全文",
                requested_form=["paper", "email", "cd", "disk"][n % 4],
                delivery=["mail", "express", "email", "pickup", "on_site", "fax"][n % 6],
            ),
            idempotency_key=key,
        )

    def close(self, app: Application, outcome: str, on: date, **kw: Any) -> None:
        if outcome == Outcome.OTHER_OTHER:
            kw.setdefault("legal_basis", "申请人书面撤回申请")
            kw.setdefault("reply_text", "申请人于答复前书面撤回申请，本机关终止办理。")
        s.close_application(app, actor=self.drafter, outcome=outcome, closed_on=_weekday(on), **kw)


def _zfb(script: _Script) -> None:
    d, head = script.drafter, script.head
    n = 0
    # Plain outcomes in both years (2024: Feb–Nov, 2025: Feb–Nov), 16 outcomes × 2.
    for year in (2024, 2025):
        for i, outcome in enumerate(PLAIN):
            n += 1
            received = date(year, 2 + i * 9 // len(PLAIN), 3 + (i * 5) % 20)
            app = script.case(n, received)
            if app:
                script.close(
                    app, outcome, received + timedelta(days=12 + i % 10), reply_text="详见附件。"
                )
    # Carry-over 2024 → 2025: received December 2024, answered January 2025.
    for i, outcome in enumerate([Outcome.DISCLOSED, Outcome.PARTIAL, Outcome.UNAVAILABLE_NOT_HELD]):
        n += 1
        app = script.case(n, date(2024, 12, 16 + i * 4))
        if app:
            script.close(app, outcome, date(2025, 1, 10 + i))
    # Special procedures, both years.
    for year in (2024, 2025):
        # 补正, not amended → other.no_amendment
        n += 1
        app = script.case(n, date(year, 4, 8))
        if app:
            s.request_amendment(
                app,
                actor=d,
                sent_on=date(year, 4, 10),
                items="请写明所需信息的名称或文号",
                reply_by=date(year, 4, 25),
            )
            s.lapse_amendment(app, actor=d, on=date(year, 4, 29))
        # 补正 received, still unclear → unavailable.unclear
        n += 1
        app = script.case(n, date(year, 5, 6))
        if app:
            s.request_amendment(
                app,
                actor=d,
                sent_on=date(year, 5, 8),
                items="请写明所需信息的时间范围",
                reply_by=date(year, 5, 22),
            )
            s.record_amendment(app, actor=d, amended_on=date(year, 5, 20))
            script.close(app, Outcome.UNAVAILABLE_UNCLEAR, date(year, 6, 12))
        # third party objects; extension approved → withheld.third_party
        n += 1
        app = script.case(n, date(year, 6, 3), kind="commercial")
        if app:
            c = s.start_consultation(
                app,
                actor=d,
                kind="third_party",
                party="湖北大冶某矿业有限公司",
                sent_on=date(year, 6, 5),
            )
            s.record_consultation_reply(
                c, actor=d, answer="disagree", on=date(year, 6, 14), reasons="涉及商业秘密"
            )
            s.approve_extension(
                app,
                actor=head,
                days=15,
                reason="涉及第三方，需进一步审查",
                approved_on=date(year, 7, 1),
            )
            script.close(app, Outcome.WITHHELD_THIRD_PARTY, date(year, 7, 15))
        # co-producing agency consulted, no reply → disclosed
        n += 1
        app = script.case(n, date(year, 7, 7))
        if app:
            c = s.start_consultation(
                app,
                actor=d,
                kind="other_agency",
                party="大冶市发展和改革局",
                sent_on=date(year, 7, 9),
            )
            s.record_consultation_reply(
                c, actor=d, answer="no_reply", on=c.reply_due + timedelta(days=1)
            )
            script.close(app, Outcome.DISCLOSED, c.reply_due + timedelta(days=6))
        # fee paid → disclosed; fee unpaid → other.unpaid_fee
        n += 1
        app = script.case(n, date(year, 8, 5), applicant_n=500)
        if app:
            s.record_mass_request(app, actor=d, note="同一申请人本月已提出大量申请")
            s.issue_fee_notice(app, actor=d, method="per_page", pages=80, sent_on=date(year, 8, 7))
            s.record_fee_payment(app, actor=d, paid_on=date(year, 8, 14))
            script.close(app, Outcome.DISCLOSED, date(year, 9, 5))
        n += 1
        app = script.case(n, date(year, 8, 5), applicant_n=500)
        if app:
            s.record_mass_request(app, actor=d, note="同一申请人本月已提出大量申请")
            fee = s.issue_fee_notice(
                app, actor=d, method="per_page", pages=150, sent_on=date(year, 8, 7)
            )
            fee = s.record_fee_notice_delivery(app, actor=d, delivered_on=date(year, 8, 9))
            s.lapse_fee(app, actor=d, on=fee.payment_due + timedelta(days=3))
        # Art. 35: unreasonable → not_processed.excessive
        n += 1
        app = script.case(n, date(year, 9, 8), applicant_n=501)
        if app:
            s.record_mass_request(app, actor=d, note="一个月内提出同类申请四十余件")
            s.request_reasons(
                app, actor=d, requested_on=date(year, 9, 10), reply_by=date(year, 9, 24)
            )
            s.record_reasons(
                app, actor=d, received_on=date(year, 9, 22), reasonable=False, reasons="未说明"
            )
            script.close(app, Outcome.NOT_PROCESSED_EXCESSIVE, date(year, 9, 26))
        # the same applicant asks again for what was answered → not_processed.duplicate
        n += 1
        app = script.case(n, date(year, 10, 13), applicant_n=1)
        if app:
            script.close(app, Outcome.NOT_PROCESSED_DUPLICATE, date(year, 10, 24))
    # The usual mix of a year: mostly disclosed.
    extra = [Outcome.DISCLOSED, Outcome.DISCLOSED, Outcome.PARTIAL, Outcome.UNAVAILABLE_NOT_HELD]
    for i, outcome in enumerate(extra * 2):
        n += 1
        received = date(2025, 3 + i, 10 + i)
        app = script.case(n, received)
        if app:
            script.close(app, outcome, received + timedelta(days=15))
    # Art. 35 reasonable, deferred deadline (2025)
    n += 1
    app = script.case(n, date(2025, 10, 20), applicant_n=502)
    if app:
        s.record_mass_request(app, actor=d, note="申请数量较大")
        s.request_reasons(app, actor=d, requested_on=date(2025, 10, 22), reply_by=date(2025, 11, 5))
        s.record_reasons(
            app,
            actor=d,
            received_on=date(2025, 11, 3),
            reasonable=True,
            reasons="课题研究需要",
            deferred_due=date(2025, 12, 31),
        )
        script.close(app, Outcome.DISCLOSED, date(2025, 12, 19))
    # Carry-over 2025 → 2026: two answered in January 2026, three still open.
    for i in range(5):
        n += 1
        app = script.case(n, date(2025, 12, 8 + i * 4))
        if app and i < 2:
            script.close(app, [Outcome.PARTIAL, Outcome.DISCLOSED][i], date(2026, 1, 9 + i))
        if app and i == 2:
            s.start_consultation(
                app,
                actor=d,
                kind="third_party",
                party="大冶市某商贸公司",
                sent_on=date(2025, 12, 18),
            )
    # A busy year: 25 more ordinary requests in 2025 (so the year counts more than 60 cases),
    # answered within the statutory period.
    busy = [Outcome.DISCLOSED] * 3 + [Outcome.PARTIAL, Outcome.UNAVAILABLE_NOT_HELD]
    for i in range(25):
        n += 1
        received = date(2025, 2 + i * 10 // 25, 4 + (i * 7) % 20)
        app = script.case(n, received)
        if app:
            script.close(app, busy[i % len(busy)], received + timedelta(days=9 + i % 12))


APPEALS = [
    # (case n, route, body, filed, decided, result)
    (3, "reconsideration", "大冶市人民政府", date(2024, 4, 20), date(2024, 6, 10), "upheld"),
    (4, "reconsideration", "大冶市人民政府", date(2024, 5, 8), date(2024, 7, 1), "corrected"),
    (6, "reconsideration", "大冶市人民政府", date(2024, 6, 3), date(2024, 8, 2), "other"),
    (19, "reconsideration", "大冶市人民政府", date(2025, 11, 3), None, "pending"),
    (5, "litigation_direct", "大冶市人民法院", date(2024, 7, 1), date(2024, 11, 20), "upheld"),
    (7, "litigation_direct", "大冶市人民法院", date(2024, 8, 5), date(2025, 2, 10), "corrected"),
    (20, "litigation_direct", "大冶市人民法院", date(2025, 5, 12), date(2025, 9, 30), "other"),
    (21, "litigation_direct", "大冶市人民法院", date(2025, 8, 18), None, "pending"),
    (8, "litigation_after", "黄石市中级人民法院", date(2024, 9, 2), date(2025, 1, 20), "upheld"),
    (
        22,
        "litigation_after",
        "黄石市中级人民法院",
        date(2025, 6, 16),
        date(2025, 10, 28),
        "corrected",
    ),
    (23, "litigation_after", "黄石市中级人民法院", date(2025, 7, 7), date(2025, 12, 1), "other"),
    (24, "litigation_after", "黄石市中级人民法院", date(2025, 9, 1), None, "pending"),
]


def _appeals(script: _Script) -> None:
    for i, (n, route, body, filed, decided, result) in enumerate(APPEALS, start=1):
        ref = f"（演示）冶复诉第{i}号"
        if Appeal.objects.filter(agency=script.agency, case_ref=ref).exists():
            continue
        app = Application.objects.filter(
            agency=script.agency, idempotency_key=f"demo-{script.prefix}-{n:03d}"
        ).first()
        filed = max(filed, app.closed_on or filed) if app else filed
        data = AppealData(
            route,
            body,
            filed,
            case_ref=ref,
            decided_on=decided and max(decided, filed),
            result=result,
        )
        record_appeal(agency=script.agency, actor=script.office, data=data, application=app)
    ref = "（演示）共同被告"
    if not Appeal.objects.filter(agency=script.agency, case_ref=ref).exists():
        record_appeal(
            agency=script.agency,
            actor=script.office,
            data=AppealData(
                "litigation_after",
                "大冶市人民法院",
                date(2025, 4, 1),
                description="本机关作为复议机关与原行政机关为共同被告",
                case_ref=ref,
                review_body_co_defendant=True,
            ),
        )


def load() -> None:
    """Create the demo cases (idempotent; needs xxgk.agencies.demo and xxgk.accounts.demo)."""
    zfb = Agency.objects.get(code="daye-zfb")
    script = _Script(zfb, "zfb")
    _zfb(script)
    _appeals(script)
    kjj = Agency.objects.get(code="daye-kjj")
    today = timezone.localdate()
    if today >= date(2026, 1, 20):
        k = _Script(kjj, "kjj")
        first = k.case(1, date(2026, 1, 12))
        if first:
            k.close(first, Outcome.DISCLOSED, date(2026, 1, 19))
        k.case(2, min(today, date(2026, 3, 2)))
    _recent(script, today)


def _recent(script: _Script, today: date) -> None:
    """A few cases received in the last weeks, so the inbox shows work in progress.

    Dates are relative to the day the demo is first loaded; later loads find them by their
    idempotency keys and change nothing.
    """
    for i, days_ago in enumerate((3, 9, 16, 24)):
        received = today - timedelta(days=days_ago)
        while received.weekday() >= 5:
            received -= timedelta(days=1)
        script.case(900 + i, received, applicant_n=70 + i)
