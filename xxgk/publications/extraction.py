"""Text of an attachment, for the portal's search (pdfplumber / python-docx / openpyxl)."""

from __future__ import annotations

import io
import logging

logger = logging.getLogger(__name__)
MAX_TEXT = 200_000  # characters kept per attachment: enough for search, bounded storage


def extract_text(kind: str, data: bytes) -> str:
    """Return the attachment's text; images and unreadable files give ""."""
    try:
        if kind == "pdf":
            import pdfplumber

            with pdfplumber.open(io.BytesIO(data)) as pdf:
                text = "\n".join(page.extract_text() or "" for page in pdf.pages[:200])
        elif kind == "docx":
            import docx

            document = docx.Document(io.BytesIO(data))
            parts = [p.text for p in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    parts.append(" ".join(cell.text for cell in row.cells))
            text = "\n".join(parts)
        elif kind == "xlsx":
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            parts = []
            for sheet in book.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    cells = [str(v) for v in row if v is not None]
                    if cells:
                        parts.append(" ".join(cells))
            text = "\n".join(parts)
        else:
            return ""
    except Exception:  # noqa: BLE001 - a damaged file still attaches; only search loses it
        logger.warning("text extraction failed for a %s attachment", kind, exc_info=True)
        return ""
    return text[:MAX_TEXT]
