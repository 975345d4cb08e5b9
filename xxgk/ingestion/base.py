"""Reader protocol and registry of published-report readers (pure, no Django).

A reader turns the bytes of one file into a :class:`ReportData`. Problems inside a readable
report (a missing table or row, a cell that is not a number) become ``findings`` on the report;
only a file that cannot be read at all raises :class:`ReportReadError` (Chinese message).

Plugging in a reader is one line, e.g. in ``xxgk/ingestion/docx.py``::

    from xxgk.ingestion.base import register

    register("docx", read_docx, sniff=lambda head: head.startswith(b"PK") and b"word/" in head)

``read_report`` (in :mod:`xxgk.ingestion.read`) picks the reader by content sniffing first (the
``sniff`` callables get the first 4 KiB), then by the file extension (the registered kind).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from xxgk.annual_reports.data import ReportData


class ReportReadError(Exception):
    """The file cannot be read as a report at all; ``message`` is one Chinese line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Reader(Protocol):
    def __call__(self, data: bytes) -> ReportData: ...


@dataclass(frozen=True)
class RegisteredReader:
    kind: str
    read: Reader
    sniff: Callable[[bytes], bool] | None = None
    extensions: tuple[str, ...] = ()


READERS: dict[str, RegisteredReader] = {}


def register(
    kind: str,
    read: Reader,
    *,
    sniff: Callable[[bytes], bool] | None = None,
    extensions: tuple[str, ...] = (),
) -> None:
    """Register (or replace) the reader of one file kind; ``extensions`` default to ``(kind,)``."""
    READERS[kind] = RegisteredReader(kind, read, sniff, extensions or (kind,))
