"""Helpers to script cases through the services in tests (and the demo)."""

from __future__ import annotations

from datetime import date
from typing import Any

from xxgk.applications.services import ApplicantData, RequestData, submit_application

KIND_NAMES = {
    "natural": "王小明",
    "commercial": "大冶某建材有限公司",
    "research": "湖北某研究院",
    "public_interest": "大冶某环保协会",
    "legal_services": "湖北某律师事务所",
    "other_org": "某村民委员会",
}


def applicant(kind: str = "natural", n: int = 0) -> ApplicantData:
    name = KIND_NAMES[kind] + (str(n) if n else "")
    return ApplicantData(kind=kind, name=name, phone=f"1380000{n:04d}", address="湖北省大冶市")


def submit(
    agency: Any, actor: Any, received: date, *, kind: str = "natural", n: int = 0, title: str = ""
) -> Any:
    return submit_application(
        agency=agency,
        actor=actor,
        channel="in_person",
        received_on=received,
        applicant=applicant(kind, n),
        request=RequestData(
            title=title or f"申请事项{n}", description=f"请提供{title or '有关信息'}"
        ),
    )
