"""Publication channels: the agency's channel list and the record of where an item appeared."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from xxgk.accounts import policy
from xxgk.accounts.policy import Action
from xxgk.accounts.services import record_config_change
from xxgk.errors import DomainError
from xxgk.publications.models import (
    Channel,
    ChannelKind,
    ChannelPublication,
    Publication,
)
from xxgk.publications.services.transitions import E, _event, _now

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency


def _record_channel(
    publication: Publication,
    channel: Channel,
    actor: User | None,
    appeared_on: date,
    note: str,
    at: datetime,
) -> ChannelPublication | None:
    record, created = ChannelPublication.objects.get_or_create(
        publication=publication,
        channel=channel,
        defaults={"appeared_on": appeared_on, "note": note, "recorded_by": actor},
    )
    if not created:
        return None
    _event(
        publication,
        E.CHANNEL_RECORDED,
        actor,
        at,
        None,
        channel=channel.name,
        on=appeared_on.isoformat(),
    )
    return record


@transaction.atomic
def record_channel(
    publication: Publication,
    channel: Channel,
    *,
    actor: User,
    appeared_on: date,
    note: str = "",
    now: datetime | None = None,
) -> ChannelPublication:
    """Record that a published item also appeared on `channel` on `appeared_on`."""
    policy.require(actor, Action.PUBLISH_PUBLICATION, publication.agency)
    now = _now(now)
    if channel.agency_id != publication.agency_id:
        raise DomainError("发布渠道无效：请选择本机关的渠道。")
    if publication.published_at is None:
        raise DomainError("该信息尚未发布，不能登记发布渠道。")
    if appeared_on < timezone.localdate(publication.published_at):
        raise DomainError("渠道发布日期不能早于信息的发布日期。")
    record = _record_channel(publication, channel, actor, appeared_on, note.strip(), now)
    if record is None:
        raise DomainError(f"该信息在“{channel.name}”的发布已登记过。")
    return record


@transaction.atomic
def create_channel(agency: Agency, *, actor: User, name: str, kind: str, url: str = "") -> Channel:
    """Add a publication channel of the agency (公开办 / 系统管理员)."""
    policy.require(actor, Action.MANAGE_CHANNELS, agency)
    name = (name or "").strip()
    if not name:
        raise DomainError("渠道名称不能为空。")
    if kind not in ChannelKind.values:
        raise DomainError("渠道类型无效。")
    if Channel.objects.filter(agency=agency, name=name).exists():
        raise DomainError(f"渠道“{name}”已存在。")
    channel = Channel.objects.create(agency=agency, name=name, kind=kind, url=url)
    record_config_change(
        actor=actor, agency=agency, kind="channel_created", data={"channel": name, "kind": kind}
    )
    return channel


def ensure_default_channels(agency: Agency) -> list[Channel]:
    """Create the own-portal channel the first time an agency's channels are listed."""
    if not Channel.objects.filter(agency=agency).exists():
        Channel.objects.create(agency=agency, name="政府信息公开专栏", kind=ChannelKind.OWN_PORTAL)
    return list(Channel.objects.filter(agency=agency))


@transaction.atomic
def set_channel_active(channel: Channel, *, actor: User, active: bool) -> Channel:
    """Switch a channel on or off; its past records stay (they feed earlier years' reports)."""
    policy.require(actor, Action.MANAGE_CHANNELS, channel.agency)
    if channel.is_active != active:
        channel.is_active = active
        channel.save(update_fields=["is_active"])
        record_config_change(
            actor=actor,
            agency=channel.agency,
            kind="channel_enabled" if active else "channel_disabled",
            data={"channel": channel.name},
        )
    return channel
