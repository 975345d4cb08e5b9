"""Check a generated PDF for text that a reader could not see or that has no glyph."""

from __future__ import annotations

import io

import pdfplumber

from xxgk.documents import fonts


def pdf_text(data: bytes) -> str:
    """Return the extractable text of every page, pages separated by a newline."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def pdf_missing_glyphs(data: bytes) -> set[str]:
    """Return the characters drawn in the PDF that neither shipped font has a glyph for."""
    covered = fonts.codepoints(fonts.SERIF) | fonts.codepoints(fonts.SANS)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        drawn = {ch["text"] for page in pdf.pages for ch in page.chars}
    return {t for t in drawn for c in t if ord(c) not in covered and not c.isspace()}
