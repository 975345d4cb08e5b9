"""Models of the 依申请公开 case desk."""

from xxgk.applications.models.case import (
    Application,
    ApplicationEvent,
    CaseDeskSettings,
    NumberCounter,
)
from xxgk.applications.models.choices import (
    ApplicantKind,
    Channel,
    Delivery,
    EventType,
    IdType,
    LetterKind,
    Outcome,
    RequestedForm,
    Status,
)
from xxgk.applications.models.letters import Letter, LetterTemplate
from xxgk.applications.models.procedures import (
    AmendmentRequest,
    Attachment,
    Consultation,
    Extension,
    Fee,
    ReasonsRequest,
)

__all__ = [
    "AmendmentRequest",
    "ApplicantKind",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "CaseDeskSettings",
    "Channel",
    "Consultation",
    "Delivery",
    "EventType",
    "Extension",
    "Fee",
    "IdType",
    "Letter",
    "LetterKind",
    "LetterTemplate",
    "NumberCounter",
    "Outcome",
    "ReasonsRequest",
    "RequestedForm",
    "Status",
]
