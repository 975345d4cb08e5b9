"""Intake: registering an application on any channel (条例 Art. 29, 31) and what the public sees."""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from xxgk.accounts.policy import Action
from xxgk.agencies.models import CREDIT_CODE_RE
from xxgk.applications import clock
from xxgk.applications.letters.render import chinese_date
from xxgk.applications.models import (
    ApplicantKind,
    Application,
    Channel,
    Delivery,
    EventType,
    IdType,
    LetterKind,
    RequestedForm,
    Status,
)
from xxgk.applications.services.common import (
    desk_settings,
    issue_letter,
    next_number,
    record,
    require,
)
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read over the phone
TRACKING_LENGTH = 16
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class ApplicantData:
    """条例 Art. 29 item 1: who applies, their identity document and contact details."""

    kind: str
    name: str
    organisation_name: str = ""
    credit_code: str = ""
    legal_representative: str = ""
    contact_person: str = ""
    id_type: str = ""
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class RequestData:
    """条例 Art. 29 items 2–3: the information sought and the form of providing it."""

    title: str
    description: str
    document_number: str = ""
    index_number: str = ""
    requested_form: str = RequestedForm.PAPER
    delivery: str = Delivery.MAIL


def valid_resident_id(number: str) -> bool:
    """Check an 18-digit 居民身份证号码 and its GB 11643 check character."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def check_applicant(a: ApplicantData) -> None:
    if a.kind not in ApplicantKind.values:
        raise DomainError("申请人类型无效：应为自然人或法人或其他组织的五个类别之一。")
    if not a.name.strip():
        raise DomainError("请填写申请人姓名或名称（《条例》第二十九条）。")
    if not (a.phone.strip() or a.email.strip() or a.address.strip()):
        raise DomainError(
            "请至少填写一种联系方式：电话、电子邮箱或通信地址（《条例》第二十九条）。"
        )
    if a.id_type and a.id_type not in IdType.values:
        raise DomainError("证件类型无效。")
    if (
        a.id_type == IdType.RESIDENT_ID
        and a.id_number
        and not valid_resident_id(a.id_number.upper())
    ):
        raise DomainError("居民身份证号码有误：应为18位，且校验位正确。")
    if a.credit_code and not CREDIT_CODE_RE.match(a.credit_code.upper()):
        raise DomainError("统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）。")
    if a.email:
        try:
            validate_email(a.email)
        except ValidationError:
            raise DomainError("电子邮箱格式有误。") from None
    if a.postcode and not re.fullmatch(r"\d{6}", a.postcode):
        raise DomainError("邮政编码应为6位数字。")


def check_request(r: RequestData) -> None:
    if not r.title.strip() and not r.description.strip():
        raise DomainError("请填写所需信息的名称或内容描述（《条例》第二十九条）。")
    if r.requested_form not in RequestedForm.values:
        raise DomainError("指定提供载体形式无效：应为纸质、电子邮件、光盘或磁盘。")
    if r.delivery not in Delivery.values:
        raise DomainError("获取信息方式无效。")


def applicant_key(a: ApplicantData) -> str:
    """A keyed hash of the applicant's identity: finds the same applicant without storing it twice."""
    if a.id_number:
        raw = f"id:{a.id_number.strip().upper()}"
    elif a.credit_code:
        raw = f"org:{a.credit_code.strip().upper()}"
    else:
        raw = f"name:{a.name.strip()}|{(a.phone or a.email).strip().lower()}"
    return salted_hmac("xxgk.applications.applicant_key", raw).hexdigest()


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def same_applicant_in_month(application: Application) -> int:
    """Return how many of this applicant's applications the agency received that month.

    A date range, not `received_on__month`: that compares a function of the column row by
    row (issue 17: intake fell to 4/s on SQLite at 100k cases a year); a range uses indexes.
    """
    first = application.received_on.replace(day=1)
    after = (first + timedelta(days=31)).replace(day=1)
    return Application.objects.filter(
        agency=application.agency,
        applicant_key=application.applicant_key,
        received_on__gte=first,
        received_on__lt=after,
    ).count()


@transaction.atomic
def submit_application(
    *,
    agency: Agency,
    actor: User | None,
    channel: str,
    received_on: date,
    applicant: ApplicantData,
    request: RequestData,
    idempotency_key: str | None = None,
) -> Application:
    """Register an application; actor None = the public online form (or the public API).

    Staff registration: `received_on` is the Art. 31 date of receipt (for 平信, fax, e-mail:
    the date the office confirmed it with the applicant); the clock starts and the 回执 is
    issued. A public online submission has no receipt date yet: it waits as 待确认 until the
    office confirms it (`confirm_application`), which sets `received_on`, starts the clock
    and issues the 回执 (Art. 31: 双方确认之日). `received_on` is then ignored.

    The same idempotency_key for the same agency returns the case already created (a
    double click, a retried API call), guarded by a unique constraint.
    """
    if actor is not None:
        require(actor, Action.HANDLE_APPLICATION, agency)
    elif channel != Channel.ONLINE:
        raise DomainError("公众只能通过网上渠道提交申请。")
    if channel not in Channel.values:
        raise DomainError("申请方式无效。")
    if not isinstance(received_on, date):
        raise DomainError("收到申请之日无效。")
    if received_on > timezone.localdate():
        raise DomainError("收到申请之日不能晚于今天。")
    check_applicant(applicant)
    check_request(request)
    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > 100:
        raise DomainError("提交标识过长（最多100个字符）。")
    digest = payload_digest(applicant, request)
    if key is not None:
        existing = Application.objects.filter(agency=agency, idempotency_key=key).first()
        if existing is not None:
            return _same_payload(existing, digest)
    try:
        with transaction.atomic():
            return _create(agency, actor, channel, received_on, applicant, request, key, digest)
    except IntegrityError:
        existing = (
            Application.objects.filter(agency=agency, idempotency_key=key).first()
            if key is not None
            else None
        )
        if existing is None:
            raise
        return _same_payload(existing, digest)


def payload_digest(applicant: ApplicantData, request: RequestData) -> str:
    """A keyed digest of what was submitted, binding an idempotency key to its payload.

    Keyed (HMAC with the secret key) because it covers the applicant's personal data.
    """
    payload = json.dumps(
        {"applicant": asdict(applicant), "request": asdict(request)},
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    return salted_hmac("xxgk.applications.idempotency", payload, algorithm="sha256").hexdigest()


def _same_payload(existing: Application, digest: str) -> Application:
    """Return the case a replayed key created, or refuse a key reused for another payload.

    A key reused with a different body must never hand out the first applicant's case (its
    tracking code would reveal their request and letters).
    """
    submitted = existing.events.filter(type=EventType.SUBMITTED).first()
    stored = submitted.data.get("payload_digest") if submitted is not None else None
    if stored is not None and stored != digest:
        raise DomainError(
            "该提交标识（Idempotency-Key）已用于内容不同的另一份申请；"
            "重新提交新的申请请使用新的提交标识。",
            code="idempotency_conflict",
        )
    return existing


def _create(
    agency: Agency,
    actor: User | None,
    channel: str,
    received_on: date,
    a: ApplicantData,
    r: RequestData,
    key: str | None,
    digest: str,
) -> Application:
    settings = desk_settings(agency)
    public = actor is None
    application = Application(
        agency=agency,
        case_number=next_number(agency, received_on.year, "case", settings.case_number_pattern),
        tracking_code=new_tracking_code(),
        idempotency_key=key,
        channel=channel,
        received_on=None if public else received_on,
        applicant_kind=a.kind,
        applicant_name=a.name.strip(),
        organisation_name=a.organisation_name.strip(),
        credit_code=a.credit_code.strip().upper(),
        legal_representative=a.legal_representative.strip(),
        contact_person=a.contact_person.strip(),
        id_type=a.id_type,
        id_number=a.id_number.strip().upper(),
        phone=a.phone.strip(),
        email=a.email.strip(),
        address=a.address.strip(),
        postcode=a.postcode.strip(),
        applicant_key=applicant_key(a),
        information_title=(r.title.strip() or r.description.strip()[:100]),
        document_number=r.document_number.strip(),
        index_number=r.index_number.strip(),
        description=r.description.strip() or r.title.strip(),
        requested_form=r.requested_form,
        delivery=r.delivery,
        status=Status.AWAITING_CONFIRMATION if public else Status.RECEIVED,
        created_by=actor,
    )
    clock.recompute(application)
    application.save()
    if public:
        record(
            application,
            EventType.SUBMITTED,
            actor=None,
            on=received_on,
            channel=channel,
            case_number=application.case_number,
            due_date=None,
            payload_digest=digest,
        )
        return application
    count = _flag_volume(application, settings.monthly_volume_limit)
    record(
        application,
        EventType.SUBMITTED,
        actor=actor,
        on=received_on,
        channel=channel,
        case_number=application.case_number,
        due_date=application.due_date,
        month_count=count,
        payload_digest=digest,
    )
    issue_letter(application, LetterKind.RECEIPT, dated=received_on, actor=actor)
    return application


def _flag_volume(application: Application, limit: int) -> int:
    count = same_applicant_in_month(application)
    if count > limit:
        application.volume_flag = True
        application.save(update_fields=["volume_flag"])
    return count


@transaction.atomic
def confirm_application(
    application: Application, *, actor: User, confirmed_on: date
) -> Application:
    """Confirm an online submission with the applicant (条例 Art. 31: 双方确认之日).

    Sets `received_on` to the confirmation date, starts the clock, issues the 回执 and
    records the event. Refused unless the case is 待确认; the date may not precede the
    submission nor be in the future.
    """
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    application = Application.objects.select_for_update().get(pk=application.pk)
    application.ensure_can_move_to(Status.RECEIVED)
    if not isinstance(confirmed_on, date):
        raise DomainError("确认日期无效。")
    submitted = timezone.localdate(application.created_at)
    if confirmed_on < submitted:
        raise DomainError(
            f"确认日期（{chinese_date(confirmed_on)}）不能早于提交日期（{chinese_date(submitted)}）。",
            code="bad_date",
        )
    if confirmed_on > timezone.localdate():
        raise DomainError(
            f"确认日期（{chinese_date(confirmed_on)}）不能晚于今天。", code="bad_date"
        )
    application.received_on = confirmed_on
    application.status = Status.RECEIVED
    clock.recompute(application)
    application.save(update_fields=["received_on", "status", *clock.CLOCK_FIELDS])
    count = _flag_volume(application, desk_settings(application.agency).monthly_volume_limit)
    record(
        application,
        EventType.CONFIRMED,
        actor=actor,
        on=confirmed_on,
        due_date=application.due_date,
        month_count=count,
    )
    issue_letter(application, LetterKind.RECEIPT, dated=confirmed_on, actor=actor)
    return application


@transaction.atomic
def confirm_applications(
    applications: list[Application], *, actor: User, confirmed_on: date
) -> list[Application]:
    """Confirm several online submissions at once (the 工作台's bulk action); all or none."""
    if not applications:
        raise DomainError("请选择要确认的申请。")
    return [confirm_application(a, actor=actor, confirmed_on=confirmed_on) for a in applications]


def normalise_tracking_code(code: str) -> str:
    """A code as people copy or read it out: any case, with spaces or dashes between groups."""
    return "".join(ch for ch in (code or "") if not ch.isspace() and ch not in "-－—").upper()


def find_by_tracking_code(code: str) -> Application | None:
    """Return the case of a tracking code (any case, spaces and dashes ignored), or None."""
    code = normalise_tracking_code(code)
    if not code or len(code) > 32:
        return None
    return Application.objects.select_related("agency").filter(tracking_code=code).first()


def _without_parties(text: str, parties: list[str]) -> str:
    """Remove the names of consulted parties from a clock step shown to the public."""
    for party in parties:
        text = text.replace(party, "")
    # The names stood in a parenthesis after the pause label, joined by "；".
    text = re.sub(r"（[；\s]*）", "", text)
    return text


def public_status(application: Application) -> dict[str, Any]:
    """Return what the applicant may see when tracking the case (no personal data).

    The public sees the step and its dates, never who was consulted: a third party's name
    (Art. 32) is not the applicant's to learn, and anyone holding the code may track.
    """
    # Longest first so a name containing another is removed whole.
    parties = sorted(
        {c.party for c in application.consultations.all() if c.party}, key=len, reverse=True
    )
    letters = [
        {
            "id": letter.pk,
            "number": letter.number,
            "title": letter.title,
            "dated": letter.dated.isoformat(),
        }
        for letter in application.letters.filter(to_applicant=True).order_by("dated", "id")
    ]
    return {
        "agency": application.agency.name,
        "case_number": application.case_number,
        "information": application.information_title,
        "status": application.status,
        "status_label": application.get_status_display(),
        "received_on": application.received_on.isoformat() if application.received_on else None,
        "due_date": application.due_date.isoformat() if application.due_date else None,
        "due_provisional": application.due_provisional,
        "due_explanation": [
            _without_parties(step["text"], parties) for step in application.clock_steps
        ],
        "closed_on": application.closed_on.isoformat() if application.closed_on else None,
        "outcome": application.outcome or None,
        "outcome_label": application.get_outcome_display() if application.outcome else None,
        "letters": letters,
        "amendment": _open_amendment_notice(application),
    }


def _open_amendment_notice(application: Application) -> dict[str, str] | None:
    """The 补正 the applicant is asked for, while it is awaited (shown with the online form)."""
    if application.status != Status.AWAITING_AMENDMENT:
        return None
    notice = application.amendments.filter(amended_on__isnull=True, lapsed_on__isnull=True).first()
    if notice is None:
        return None
    return {"items": notice.items, "reply_by": notice.reply_by.isoformat()}
