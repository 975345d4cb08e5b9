"""The daily digest e-mail of each agency (`xxgk remind`).

The digest is a list of sections; each section is a callable (agency, today) → DigestSection
or None. Another module adds its own section by appending to DIGEST_SECTIONS (e.g. annual
reports due on 31 January), nothing else needs to change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from xxgk.accounts.models import Membership
from xxgk.accounts.policy import CASE_HANDLERS
from xxgk.applications import clock
from xxgk.applications.models import Application

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency


@dataclass
class DigestSection:
    title: str
    lines: list[str] = field(default_factory=list)


SectionFn = Callable[["Agency", date], DigestSection | None]


def _line(app: Application) -> str:
    # Absolute: the digest is read in a mail client, where a path alone leads nowhere.
    url = settings.SITE_URL + reverse("applications:detail", args=[app.pk])
    return (
        f"{app.case_number} {app.information_title[:40]} · 答复期限 {app.due_date:%Y-%m-%d} · {url}"
    )


def overdue_section(agency: Agency, today: date) -> DigestSection | None:
    cases = (
        Application.objects.filter(agency=agency)
        .open()
        .filter(due_date__lt=today)
        .order_by("due_date")
    )
    if not cases:
        return None
    return DigestSection(f"已超过答复期限的申请（{len(cases)}件）", [_line(a) for a in cases])


def due_soon_section(agency: Agency, today: date) -> DigestSection | None:
    last = clock.due_soon_cutoff(today)
    cases = (
        Application.objects.filter(agency=agency)
        .open()
        .filter(due_date__gte=today, due_date__lte=last)
        .order_by("due_date")
    )
    if not cases:
        return None
    return DigestSection(f"5个工作日内到期的申请（{len(cases)}件）", [_line(a) for a in cases])


DIGEST_SECTIONS: list[SectionFn] = [overdue_section, due_soon_section]


def digest(agency: Agency, today: date) -> list[DigestSection]:
    return [section for fn in DIGEST_SECTIONS if (section := fn(agency, today)) is not None]


NO_RECIPIENT = (
    "未发送：本机关的承办人、公开办工作人员和工作机构负责人均未填写电子邮箱，"
    "机关信息中的“电子邮箱”也为空。请在后台为他们填写电子邮箱。"
)


def recipients(agency: Agency) -> list[str]:
    """E-mail addresses of the agency's case handlers (承办人, 公开办, 工作机构负责人).

    Without any, the 政府信息公开工作机构's own address (机关信息 · 电子邮箱) is used.
    """
    emails = (
        Membership.objects.filter(agency=agency, role__in=list(CASE_HANDLERS), user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    found = sorted(set(emails))
    if not found and agency.office_email:
        found = [agency.office_email]
    return found


def render_digest(agency: Agency, today: date, sections: list[DigestSection]) -> tuple[str, str]:
    subject = f"【政府信息公开】{agency.name} {today:%Y-%m-%d} 待办提醒"
    body = [f"{agency.name}：", ""]
    for section in sections:
        body.append(section.title)
        body.extend(f"  - {line}" for line in section.lines)
        body.append("")
    return subject, "\n".join(body)


def send_digests(
    today: date, *, dry_run: bool, agencies: list[Agency], out: Callable[[str], None]
) -> int:
    """Send (or print) each agency's digest; return the number of digests with content."""
    sent = 0
    for agency in agencies:
        sections = digest(agency, today)
        if not sections:
            continue
        subject, body = render_digest(agency, today, sections)
        to = recipients(agency)
        sent += 1
        if dry_run:
            out(f"收件人：{', '.join(to) or NO_RECIPIENT}\n主题：{subject}\n{body}")
            continue
        if to:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
            out(f"{agency.name}：已发送给 {', '.join(to)}。")
        else:
            out(f"{agency.name}：{NO_RECIPIENT}")
    return sent
