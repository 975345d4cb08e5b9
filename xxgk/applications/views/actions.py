"""The actions offered on a case page: which form, in which states, for whom, which service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.applications import forms as f
from xxgk.applications import services as s
from xxgk.applications.models import Application, Consultation, Status
from xxgk.applications.models.choices import OPEN_STATUSES


@dataclass(frozen=True)
class CaseAction:
    name: str
    label: str
    form: type[forms.Form]
    statuses: frozenset[str]
    permission: Action
    run: Callable[[Application, Any, dict[str, Any]], object]
    available: Callable[[Application], bool] = lambda app: True


def _reply(app: Application, user: Any, d: dict[str, Any]) -> object:
    consultation = Consultation.objects.get(application=app, pk=d["consultation"])
    return s.record_consultation_reply(
        consultation, actor=user, answer=d["answer"], on=d["on"], reasons=d["reasons"]
    )


def _delivered(app: Application, user: Any, d: dict[str, Any]) -> object:
    consultation = Consultation.objects.get(application=app, pk=d["consultation"])
    return s.record_consultation_delivery(consultation, actor=user, delivered_on=d["delivered_on"])


def _override(app: Application, user: Any, d: dict[str, Any]) -> object:
    consultation = Consultation.objects.get(application=app, pk=d["consultation"])
    return s.override_third_party_objection(
        consultation, actor=user, reasons=d["reasons"], on=d["on"], content=d["content"]
    )


def deliverable_consultations(app: Application) -> QuerySet[Consultation]:
    """Consultations whose receipt date may still be recorded (or corrected)."""
    return app.consultations.exclude(answer=Consultation.Answer.NO_REPLY)


def overridable_consultations(app: Application) -> QuerySet[Consultation]:
    """Third-party objections not yet overridden on public-interest grounds (Art. 32)."""
    return app.consultations.filter(
        kind=Consultation.Kind.THIRD_PARTY,
        answer=Consultation.Answer.DISAGREE,
        overridden_on__isnull=True,
    )


R = Status.RECEIVED
ACTIONS: list[CaseAction] = [
    CaseAction(
        "close",
        "答复并办结",
        f.CloseForm,
        frozenset({R}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.close_application(a, actor=u, **d),
    ),
    CaseAction(
        "amendment",
        "发出补正告知",
        f.AmendmentForm,
        frozenset({R}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.request_amendment(a, actor=u, **d),
        lambda a: not a.amendments.exists(),
    ),
    CaseAction(
        "amended",
        "记录收到补正",
        f.AmendedForm,
        frozenset({Status.AWAITING_AMENDMENT}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.record_amendment(a, actor=u, **d),
    ),
    CaseAction(
        "lapse_amendment",
        "认定逾期未补正（视为放弃）",
        f.LapseForm,
        frozenset({Status.AWAITING_AMENDMENT}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.lapse_amendment(a, actor=u, **d),
    ),
    CaseAction(
        "consult",
        "征求意见（第三十二条、第三十四条）",
        f.ConsultationForm,
        frozenset({R, Status.CONSULTING}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.start_consultation(a, actor=u, **d),
    ),
    CaseAction(
        "consult_reply",
        "记录征求意见结果",
        f.ConsultationReplyForm,
        frozenset({Status.CONSULTING}),
        Action.HANDLE_APPLICATION,
        _reply,
    ),
    CaseAction(
        "consult_delivered",
        "记录征求意见书送达日期",
        f.ConsultationDeliveryForm,
        frozenset(OPEN_STATUSES),
        Action.HANDLE_APPLICATION,
        _delivered,
        lambda a: deliverable_consultations(a).exists(),
    ),
    CaseAction(
        "override",
        "基于公共利益决定予以公开（第三十二条）",
        f.OverrideForm,
        frozenset(OPEN_STATUSES),
        Action.HANDLE_APPLICATION,
        _override,
        lambda a: overridable_consultations(a).exists(),
    ),
    CaseAction(
        "extension",
        "批准延期答复",
        f.ExtensionForm,
        frozenset({R, Status.CONSULTING}),
        Action.APPROVE_EXTENSION,
        lambda a, u, d: s.approve_extension(a, actor=u, **d),
        lambda a: not hasattr(a, "extension"),
    ),
    CaseAction(
        "confirm",
        "确认收到申请（第三十一条，双方确认之日为收到申请之日）",
        f.ConfirmForm,
        frozenset({Status.AWAITING_CONFIRMATION}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.confirm_application(a, actor=u, **d),
    ),
    CaseAction(
        "mass_request",
        "认定超出合理范围（第三十五条、第四十二条）",
        f.MassRequestForm,
        frozenset({R}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.record_mass_request(a, actor=u, **d),
    ),
    CaseAction(
        "fee",
        "发出收费通知",
        f.FeeForm,
        frozenset({R}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.issue_fee_notice(a, actor=u, **d),
        lambda a: bool(a.mass_request_note) and not hasattr(a, "fee"),
    ),
    CaseAction(
        "fee_delivered",
        "记录收费通知送达日期",
        f.FeeDeliveryForm,
        frozenset({Status.AWAITING_FEE}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.record_fee_notice_delivery(a, actor=u, **d),
    ),
    CaseAction(
        "paid",
        "记录缴费",
        f.PaymentForm,
        frozenset({Status.AWAITING_FEE}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.record_fee_payment(a, actor=u, **d),
    ),
    CaseAction(
        "lapse_fee",
        "认定逾期未缴费（视为放弃）",
        f.LapseForm,
        frozenset({Status.AWAITING_FEE}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.lapse_fee(a, actor=u, **d),
    ),
    CaseAction(
        "reasons_request",
        "要求说明理由（第三十五条）",
        f.ReasonsRequestForm,
        frozenset({R}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.request_reasons(a, actor=u, **d),
        lambda a: bool(a.mass_request_note or a.volume_flag) and not hasattr(a, "reasons_request"),
    ),
    CaseAction(
        "reasons",
        "记录申请人说明的理由",
        f.ReasonsForm,
        frozenset({Status.AWAITING_REASONS}),
        Action.HANDLE_APPLICATION,
        lambda a, u, d: s.record_reasons(a, actor=u, **d),
    ),
]
BY_NAME = {a.name: a for a in ACTIONS}


def allowed_actions(application: Application, user: Any) -> list[CaseAction]:
    return [
        a
        for a in ACTIONS
        if application.status in a.statuses
        and policy.can(user, a.permission, application.agency)
        and a.available(application)
    ]
