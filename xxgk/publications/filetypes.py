"""Attachment type checks: the content (magic bytes) must match the extension.

A renamed executable ("notice.pdf" that is really a ZIP or an EXE) is refused.
"""

from __future__ import annotations

import io
import zipfile

from xxgk.errors import DomainError

EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".gif": "gif",
}
ALLOWED_LABEL = "PDF、DOCX、XLSX、PNG、JPG、GIF"
# Attachment.original_name holds 255 characters; 200 leaves room and matches the case desk.
MAX_NAME_LENGTH = 200


def sniff(data: bytes) -> str | None:
    """Return the kind the content really is, or None when it is none of the allowed kinds."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def check_upload(name: str, data: bytes, *, max_mb: int) -> str:
    """Return the attachment kind, or raise DomainError (Chinese) for a bad file."""
    if len(name) > MAX_NAME_LENGTH:
        raise DomainError(
            f"附件文件名过长（{len(name)}个字符）：不能超过{MAX_NAME_LENGTH}个字符，请改短后重新上传。",
            code="name_too_long",
        )
    if not data:
        raise DomainError(f"附件“{name}”是空文件。", code="empty_file")
    if len(data) > max_mb * 1024 * 1024:
        raise DomainError(f"附件“{name}”超过大小限制（{max_mb} MB）。", code="too_large")
    dot = name.rfind(".")
    ext = name[dot:].lower() if dot >= 0 else ""
    expected = EXTENSIONS.get(ext)
    if expected is None:
        raise DomainError(f"附件“{name}”的类型不允许，只接受 {ALLOWED_LABEL}。", code="bad_type")
    actual = sniff(data)
    if actual != expected:
        raise DomainError(
            f"附件“{name}”的内容与扩展名不符（不是真正的{ext[1:].upper()}文件），已拒绝。",
            code="fake_extension",
        )
    return actual
