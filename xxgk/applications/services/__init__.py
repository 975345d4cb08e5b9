"""Every state change of a 依申请公开 case (see ARCHITECTURE.md rule 2)."""

from xxgk.applications.services.attachments import add_attachment
from xxgk.applications.services.closing import close_application, recompute_open_deadlines
from xxgk.applications.services.consultations import (
    override_third_party_objection,
    record_consultation_delivery,
)
from xxgk.applications.services.intake import (
    ApplicantData,
    RequestData,
    confirm_application,
    confirm_applications,
    find_by_tracking_code,
    public_status,
    submit_application,
)
from xxgk.applications.services.mass_requests import (
    issue_fee_notice,
    lapse_fee,
    record_fee_notice_delivery,
    record_fee_payment,
    record_mass_request,
    record_reasons,
    request_reasons,
)
from xxgk.applications.services.procedures import (
    approve_extension,
    lapse_amendment,
    record_amendment,
    record_consultation_reply,
    request_amendment,
    start_consultation,
    submit_amendment_online,
)
from xxgk.applications.services.templates import save_letter_template

__all__ = [
    "ApplicantData",
    "RequestData",
    "add_attachment",
    "approve_extension",
    "close_application",
    "confirm_application",
    "confirm_applications",
    "find_by_tracking_code",
    "issue_fee_notice",
    "lapse_amendment",
    "lapse_fee",
    "override_third_party_objection",
    "public_status",
    "recompute_open_deadlines",
    "record_amendment",
    "submit_amendment_online",
    "record_consultation_delivery",
    "record_consultation_reply",
    "record_fee_notice_delivery",
    "record_fee_payment",
    "record_mass_request",
    "record_reasons",
    "request_amendment",
    "request_reasons",
    "save_letter_template",
    "start_consultation",
    "submit_application",
]
