"""Every state change of a 依申请公开 case (see ARCHITECTURE.md rule 2)."""

from xxgk.applications.services.intake import (
    ApplicantData,
    RequestData,
    find_by_tracking_code,
    public_status,
    submit_application,
)

__all__ = [
    "ApplicantData",
    "RequestData",
    "find_by_tracking_code",
    "public_status",
    "submit_application",
]
