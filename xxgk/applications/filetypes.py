"""Recognise an uploaded file by its first bytes and check that its extension agrees."""

from __future__ import annotations

from pathlib import PurePath

# (magic prefix, content type, allowed extensions)
SIGNATURES: list[tuple[bytes, str, set[str]]] = [
    (b"%PDF-", "application/pdf", {".pdf"}),
    (b"\x89PNG\r\n\x1a\n", "image/png", {".png"}),
    (b"\xff\xd8\xff", "image/jpeg", {".jpg", ".jpeg"}),
    (b"GIF87a", "image/gif", {".gif"}),
    (b"GIF89a", "image/gif", {".gif"}),
    (b"II*\x00", "image/tiff", {".tif", ".tiff"}),
    (b"MM\x00*", "image/tiff", {".tif", ".tiff"}),
    (b"PK\x03\x04", "application/zip", {".docx", ".xlsx", ".ofd", ".zip"}),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage", {".doc", ".xls"}),
]
TEXT_EXTENSIONS = {".txt"}


def detect(head: bytes, filename: str) -> str | None:
    """Return the content type if the bytes and the extension agree on an allowed type."""
    ext = PurePath(filename).suffix.lower()
    for magic, content_type, extensions in SIGNATURES:
        if head.startswith(magic):
            return content_type if ext in extensions else None
    if ext in TEXT_EXTENSIONS:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            # The head may cut a multi-byte character; accept a cut at the very end.
            try:
                head[:-3].decode("utf-8")
            except UnicodeDecodeError:
                return None
        return "text/plain"
    return None


ALLOWED_LABEL = "PDF、PNG、JPEG、GIF、TIFF、DOC/DOCX、XLS/XLSX、OFD、ZIP、TXT"
