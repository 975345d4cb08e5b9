"""Recording reviews and lawsuits (they feed table 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.appeals.models import Appeal, AppealEvent, Result, Route
from xxgk.applications.letters.render import REVIEW_FIRST_SINCE
from xxgk.applications.models.choices import WITHHELD_OUTCOMES
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency
    from xxgk.applications.models import Application


@dataclass(frozen=True)
class AppealData:
    route: str
    body: str
    filed_on: date
    description: str = ""
    case_ref: str = ""
    decided_on: date | None = None
    result: str = Result.PENDING
    review_body_co_defendant: bool = False


def review_first_warnings(application: Application | None, route: str) -> list[str]:
    """复议前置 (行政复议法 Art. 23(1)(4), from 2024-01-01) for a direct suit against 不予公开."""
    if (
        application is not None
        and route == Route.LITIGATION_DIRECT
        and application.outcome in WITHHELD_OUTCOMES
        and application.closed_on is not None
        and application.closed_on >= REVIEW_FIRST_SINCE
    ):
        return [
            "提示：本案答复为不予公开，且答复于2024年1月1日以后作出。根据《中华人民共和国行政复议法》"
            "第二十三条第一款第（四）项，应当先申请行政复议（复议前置），未经复议直接起诉的，"
            "法院可能不予受理，请核实。"
        ]
    return []


def _check(data: AppealData, application: Application | None) -> None:
    if data.route not in Route.values:
        raise DomainError("类型无效：应为行政复议、未经复议直接起诉或复议后起诉。")
    if data.result not in Result.values:
        raise DomainError("结果无效：应为维持、纠正、其他或尚未审结。")
    if not data.body.strip():
        raise DomainError("请填写复议机关或法院。")
    if application is None and not data.description.strip():
        raise DomainError("未关联申请的，请写明案由。")
    today = timezone.localdate()
    if data.filed_on > today:
        raise DomainError("申请/起诉日期不能晚于今天。")
    if (
        application is not None
        and application.received_on is not None
        and data.filed_on < application.received_on
    ):
        raise DomainError("申请/起诉日期不能早于政府信息公开申请的收到日期。")
    if data.result == Result.PENDING and data.decided_on is not None:
        raise DomainError("已填写审结日期的，请选择审结结果。")
    if data.result != Result.PENDING and data.decided_on is None:
        raise DomainError("已审结的，请填写审结日期。")
    if data.decided_on is not None:
        if data.decided_on < data.filed_on:
            raise DomainError("审结日期不能早于申请/起诉日期。")
        if data.decided_on > today:
            raise DomainError("审结日期不能晚于今天。")


@transaction.atomic
def record_appeal(
    *,
    agency: Agency,
    actor: User,
    data: AppealData,
    application: Application | None = None,
) -> Appeal:
    """Record a review or lawsuit; returns it with `warnings` (e.g. 复议前置) filled."""
    policy.require(actor, Action.EDIT_APPEALS, agency)
    if application is not None and application.agency_id != agency.pk:
        raise DomainError("关联的申请不属于本机关。")
    _check(data, application)
    appeal = Appeal.objects.create(
        agency=agency,
        application=application,
        description=data.description.strip(),
        route=data.route,
        body=data.body.strip(),
        case_ref=data.case_ref.strip(),
        filed_on=data.filed_on,
        decided_on=data.decided_on,
        result=data.result,
        review_body_co_defendant=data.review_body_co_defendant,
        warnings=review_first_warnings(application, data.route),
        created_by=actor,
    )
    AppealEvent.objects.create(
        appeal=appeal,
        type="recorded",
        actor=actor,
        data={"route": data.route, "result": data.result},
    )
    return appeal


EDITABLE_FIELDS = (
    "route",
    "body",
    "case_ref",
    "description",
    "filed_on",
    "decided_on",
    "result",
    "review_body_co_defendant",
)


def _snapshot(appeal: Appeal) -> dict[str, str | bool | None]:
    """The editable fields as JSON values (dates as ISO strings)."""
    out: dict[str, str | bool | None] = {}
    for name in EDITABLE_FIELDS:
        value = getattr(appeal, name)
        out[name] = value.isoformat() if isinstance(value, date) else value
    return out


@transaction.atomic
def update_appeal(appeal: Appeal, *, actor: User, data: AppealData) -> Appeal:
    """Update an appeal (typically: record its decision)."""
    policy.require(actor, Action.EDIT_APPEALS, appeal.agency)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    _check(data, appeal.application)
    before = _snapshot(appeal)
    appeal.route = data.route
    appeal.body = data.body.strip()
    appeal.case_ref = data.case_ref.strip()
    appeal.description = data.description.strip()
    appeal.filed_on = data.filed_on
    appeal.decided_on = data.decided_on
    appeal.result = data.result
    appeal.review_body_co_defendant = data.review_body_co_defendant
    appeal.warnings = review_first_warnings(appeal.application, data.route)
    appeal.save()
    after = _snapshot(appeal)
    # Every changed field with its old and new value, so an edit never loses what was there.
    changes = {
        name: {"before": before[name], "after": after[name]}
        for name in EDITABLE_FIELDS
        if before[name] != after[name]
    }
    AppealEvent.objects.create(
        appeal=appeal, type="updated", actor=actor, data={"changes": changes}
    )
    return appeal
