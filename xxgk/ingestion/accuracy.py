"""Scoring the reader against the corpus's expected cells (``tests/data/reports/corpus/``).

A cell is *right* when the reader's value equals the expected one (``None`` = blank). A wrong
cell is *flagged* when the reader left it blank and said so (a finding), and *silent* when it
gave a different number — the one failure the reader must never have (issue 13: "every blank or
ambiguous cell flagged rather than guessed").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from xxgk.annual_reports.data import ReportData
from xxgk.annual_reports.rules import Rule

# The codes a reader gives when it leaves a cell blank or unsure (R-READ-…).
READER_CODES = frozenset(rule.value for rule in Rule if rule.name.startswith("READ_"))

# Folder → the file type it holds (variants are DOCX files).
KINDS = {
    "docx": "DOCX",
    "variant": "DOCX（手工变体）",
    "pdf": "PDF",
    "scan": "PDF扫描件（OCR）",
    "xlsx": "XLSX",
    "odt": "ODT",
    "doc": "DOC",
    "xls": "XLS",
}
# Read only where LibreOffice is installed (converted in-process), see xxgk/ingestion/legacy.py.
NEEDS_LIBREOFFICE = ("doc", "xls")


@dataclass(frozen=True)
class Score:
    file: str
    total: int
    right: int
    flagged: int
    silent: list[str]

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


def corpus_files(root: Path) -> list[tuple[str, Path]]:
    """(folder, file) of every corpus file with expected cells; scans by their OCR TSV."""
    out: list[tuple[str, Path]] = []
    for folder in KINDS:
        for path in sorted((root / folder).glob("*")):
            if folder == "scan" and path.suffix != ".tsv":
                continue
            out.append((folder, path))
    return out


def expected_for(root: Path, path: Path) -> dict:
    name = path.name.rsplit(".", 1)[0]
    return json.loads((root / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def _same(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(str(a)) == Decimal(str(b))


def score(path: Path, report: ReportData, expected: dict) -> Score:
    right = flagged = 0
    silent: list[str] = []
    reader_findings = any(f.code in READER_CODES for f in report.findings)
    for code, value in expected["cells"].items():
        got = report.cells.get(code)
        if _same(got, value):
            right += 1
        elif got is None and reader_findings:
            flagged += 1
        else:
            silent.append(f"{code}: 应为 {value}，读作 {got}")
    return Score(path.name, len(expected["cells"]), right, flagged, silent)
