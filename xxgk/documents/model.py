"""The document model shared by the PDF and DOCX writers.

A writer records blocks (title, headings, paragraphs, tables, signature, QR code) through
one API and lays them out when ``to_bytes()`` is called. Tables are given like HTML: each
row lists its cells left to right, a cell covered by a rowspan/colspan from above or the
left is simply not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Generic, Literal, Protocol, TypeVar

from xxgk.documents.printable import visible

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    align: Align = "center"


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    header_rows: int = 0
    caption: str = ""
    # Relative column widths; equal widths when empty.
    widths: list[float] = field(default_factory=list)
    font_size: float = 10.5


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True
    align: Align = "justify"


@dataclass(frozen=True)
class Signature:
    lines: list[str]


@dataclass(frozen=True)
class QRCode:
    url: str
    caption: str = ""
    size_mm: float = 30.0


Block = Title | Heading | Paragraph | Table | Signature | QRCode


class Spanned(Protocol):
    @property
    def rowspan(self) -> int: ...

    @property
    def colspan(self) -> int: ...


C = TypeVar("C", bound=Spanned)


@dataclass(frozen=True)
class PlacedCell(Generic[C]):
    cell: C
    row: int
    col: int


def place_cells(rows: list[list[C]]) -> tuple[list[PlacedCell[C]], int]:
    """Return every cell with its grid position, and the number of grid columns."""
    occupied: set[tuple[int, int]] = set()
    placed: list[PlacedCell[C]] = []
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in occupied:
                c += 1
            placed.append(PlacedCell(cell, r, c))
            for dr in range(max(cell.rowspan, 1)):
                for dc in range(max(cell.colspan, 1)):
                    occupied.add((r + dr, c + dc))
            c += max(cell.colspan, 1)
            n_cols = max(n_cols, c)
    return placed, n_cols


class DocumentBuilder:
    """Record the blocks of an A4 official document; subclasses write the bytes."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def clean(self, text: str) -> str:
        """The text as this writer can print it (xxgk/documents/printable.py).

        The base removes invisible characters; the PDF writer also replaces what its fonts
        lack. Every add_* passes its text through here, so no input can fail a document.
        """
        return visible(text)

    def add_title(self, text: str) -> None:
        self.blocks.append(Title(self.clean(text)))

    def add_heading(self, text: str, level: int = 1) -> None:
        self.blocks.append(Heading(self.clean(text), level))

    def add_paragraph(self, text: str, *, indent: bool = True, align: Align = "justify") -> None:
        # One block per paragraph: blank lines in the input separate paragraphs.
        for part in self.clean(text).split("\n"):
            if part.strip():
                self.blocks.append(Paragraph(part.strip(), indent, align))

    def add_table(
        self,
        rows: list[list[Cell]],
        *,
        header_rows: int = 0,
        caption: str = "",
        widths: list[float] | None = None,
        font_size: float = 10.5,
    ) -> None:
        rows = [[replace(cell, text=self.clean(cell.text)) for cell in row] for row in rows]
        self.blocks.append(
            Table(rows, header_rows, self.clean(caption), list(widths or []), font_size)
        )

    def add_signature(self, *lines: str) -> None:
        self.blocks.append(Signature([self.clean(line) for line in lines if line]))

    def add_qr(self, url: str, caption: str = "", size_mm: float = 30.0) -> None:
        self.blocks.append(QRCode(url, self.clean(caption), size_mm))

    def text(self) -> str:
        """Return all text the document will print (for font subsetting and glyph checks)."""
        parts: list[str] = []
        for block in self.blocks:
            if isinstance(block, Table):
                parts.append(block.caption)
                parts.extend(cell.text for row in block.rows for cell in row)
            elif isinstance(block, Signature):
                parts.extend(block.lines)
            elif isinstance(block, QRCode):
                parts.append(block.caption)
            else:
                parts.append(block.text)
        return "".join(parts)

    def to_bytes(self) -> bytes:
        raise NotImplementedError
