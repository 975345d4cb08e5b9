"""A document flattened to text for the text reader, remembering where every line came from.

Every non-text reader (DOCX, PDF, XLSX, OCR) turns its file into the same shape the HTML reader
already produces: paragraphs on their own lines, each table row as pipe-separated cells
(``label | 0 | 0 |``; a merged cell appears once, a blank cell stays empty). The text reader then
finds the rows by their printed labels, whatever the producer's layout. :class:`FlatText` also
keeps, for each line, a human *place* ("第2页 表格1 第5行") and an optional OCR confidence, so
every cell the text reader takes can say where it came from (:class:`~xxgk.annual_reports.data.CellSource`).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

# Full-width digits, signs and separators print the same to a reader; NFKC maps them to ASCII,
# but NFKC would also rewrite the （）brackets the row labels are matched with, so only these.
_WIDE = str.maketrans("０１２３４５６７８９，．－＋", "0123456789,.-+")
_SPACES = re.compile(r"[\s\u3000\xa0]+")


def cell_text(raw: str) -> str:
    """A table cell's text as the text reader wants it: no whitespace, ASCII digits."""
    return _SPACES.sub("", raw.translate(_WIDE))


def line_text(raw: str) -> str:
    """A paragraph's text on one line (inner line breaks become spaces)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", raw)).strip()


@dataclass
class FlatText:
    """Text built line by line, with the place (and OCR confidence) of each line."""

    parts: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    confidences: list[float | None] = field(default_factory=list)
    size: int = 0

    def line(self, text: str, place: str, confidence: float | None = None) -> None:
        if not text:
            return
        self.offsets.append(self.size)
        self.places.append(place)
        self.confidences.append(confidence)
        self.parts.append(text + "\n")
        self.size += len(text) + 1

    def row(self, cells: list[str], place: str, confidence: float | None = None) -> None:
        """One table row; a row of only blank cells is dropped."""
        if any(cells):
            self.line(" | ".join(cells) + " |", place, confidence)

    def text(self) -> str:
        return "".join(self.parts)

    def at(self, offset: int) -> tuple[str, float | None]:
        """The place and confidence of the line holding ``offset``."""
        i = bisect.bisect_right(self.offsets, offset) - 1
        if i < 0:
            return "", None
        return self.places[i], self.confidences[i]
