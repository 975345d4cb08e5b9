"""Attachments of a case: type checked by magic bytes and extension, size by settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction

from xxgk.accounts.policy import Action
from xxgk.applications.filetypes import ALLOWED_LABEL, detect
from xxgk.applications.models import Application, Attachment, EventType
from xxgk.applications.services.common import record, require
from xxgk.errors import DomainError

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from xxgk.accounts.models import User


# Attachment.original_name holds 200 characters.
MAX_NAME_LENGTH = 200


@transaction.atomic
def add_attachment(application: Application, *, actor: User, upload: UploadedFile) -> Attachment:
    require(actor, Action.HANDLE_APPLICATION, application.agency)
    attachment = store_attachment(application, upload, uploaded_by=actor)
    record(
        application,
        EventType.ATTACHMENT_ADDED,
        actor=actor,
        name=attachment.original_name,
        size=attachment.size,
    )
    return attachment


def store_attachment(
    application: Application, upload: UploadedFile, *, uploaded_by: User | None
) -> Attachment:
    """Check an upload (size, type by magic bytes and extension) and store it on the case.

    Shared by the staff's upload and the applicant's online 补正; the caller checks who may
    add it and writes the event. Raises DomainError with a Chinese message.
    """
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size is None or upload.size == 0:
        raise DomainError("上传的文件是空的。")
    if upload.size > limit:
        raise DomainError(f"文件过大：不能超过 {settings.MAX_UPLOAD_MB} MB。")
    name = (upload.name or "").rsplit("/", 1)[-1]
    if len(name) > MAX_NAME_LENGTH:
        # Cutting the name would cut its extension and report a wrong "type not allowed".
        raise DomainError(
            f"文件名过长（{len(name)}个字符）：不能超过{MAX_NAME_LENGTH}个字符，请改短文件名后重新上传。"
        )
    upload.seek(0)
    head = upload.read(512)
    upload.seek(0)
    content_type = detect(head, name)
    if content_type is None:
        raise DomainError(f"文件类型不允许或与扩展名不符：只接受 {ALLOWED_LABEL}。")
    attachment = Attachment(
        application=application,
        original_name=name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment
