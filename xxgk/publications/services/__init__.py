"""Every state change of a 主动公开 item: draft, edit, review, publish, withdraw, correct.

Each function is atomic, takes a keyword-only `actor`, asks `xxgk.accounts.policy`, checks
the source state and appends one PublicationEvent. `now` (optional, aware datetime) lets the
demo loader and imports record historical items with their real dates; by default it is
the current time.

The use cases live in concept modules (`drafts`, `review`, `publishing`, `channels`, sharing
`transitions`); callers import them from here (`from xxgk.publications import services`).
"""

from __future__ import annotations

from xxgk.publications.services.channels import (
    create_channel,
    ensure_default_channels,
    record_channel,
    set_channel_active,
)
from xxgk.publications.services.drafts import (
    EDITABLE_FIELDS,
    Upload,
    add_attachment,
    create_draft,
    edit_draft,
)
from xxgk.publications.services.publishing import (
    publish,
    publish_correction,
    run_scheduled,
    set_validity,
    withdraw,
)
from xxgk.publications.services.review import (
    approve_revision,
    reject_revision,
    submit_for_review,
)

__all__ = [
    "EDITABLE_FIELDS",
    "Upload",
    "add_attachment",
    "approve_revision",
    "create_channel",
    "create_draft",
    "edit_draft",
    "ensure_default_channels",
    "publish",
    "publish_correction",
    "record_channel",
    "reject_revision",
    "run_scheduled",
    "set_channel_active",
    "set_validity",
    "submit_for_review",
    "withdraw",
]
