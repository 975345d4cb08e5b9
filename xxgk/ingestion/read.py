"""``read_report(path_or_bytes, filename=None)``: read any supported report file.

The reader is chosen by content sniffing (PDF, ZIP-based DOCX/XLSX, JSON, HTML), then by the
file extension, else plain text. Files above ``MAX_REPORT_BYTES`` are refused before reading:
50 MB by default, or ``XXGK_REPORT_MAX_MB`` megabytes when that environment variable is set.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.annual_reports.data import CellSource, Finding, ReportData
from xxgk.annual_reports.rules import Rule, finding
from xxgk.annual_reports.schema import FORMATS
from xxgk.ingestion.base import READERS, ReportReadError, register
from xxgk.ingestion.text import read_text_report

DEFAULT_MAX_MB = 50


def max_report_bytes() -> int:
    raw = os.environ.get("XXGK_REPORT_MAX_MB", "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        mb = DEFAULT_MAX_MB
    return int(mb * 1024 * 1024) if mb > 0 else DEFAULT_MAX_MB * 1024 * 1024


MAX_REPORT_BYTES = max_report_bytes()


def decode_text(data: bytes) -> str:
    """Decode report text: UTF-8 (with or without BOM), else GB18030 (older Chinese sites)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise ReportReadError("文件不是可识别的文本编码（UTF-8 或 GB18030），也不是支持的文档格式")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls > max(2, len(sample) // 100)


def read_plain_text(data: bytes) -> ReportData:
    return read_text_report(decode_text(data))


# The HTML and PDF readers pull in BeautifulSoup and pdfminer (≈0.5 s): imported on first use,
# so `xxgk report …` starts fast (issue 17).
def _read_html(data: bytes) -> ReportData:
    from xxgk.ingestion.html import read_html_report

    return read_html_report(data)


def _read_pdf(data: bytes) -> ReportData:
    from xxgk.ingestion.pdf import read_pdf_report

    return read_pdf_report(data)


def _read_json(data: bytes) -> ReportData:
    from xxgk.ingestion.jsonfile import read_json_report

    return read_json_report(data)


_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_IMAGES = {
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF8": "GIF",
    b"BM": "BMP",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def _is_report(report: ReportData, filename: str | None) -> ReportData:
    """Refuse what is not an annual report; take an unknown year from the file name."""
    fmt = FORMATS.get(report.format)
    read_any = fmt is not None and any(report.cells.get(c) is not None for c in fmt.cell_codes())
    if not read_any and not report.title and not report.agency:
        # No title "…政府信息公开工作年度报告", no agency, not a single number of the tables.
        other = next(
            (f.message for f in report.findings if f.message.startswith("文件标题为")), None
        )
        if other:
            raise ReportReadError(f"{other}，不是政府信息公开工作年度报告")
        if not 1990 <= report.year <= 2100:
            raise ReportReadError(
                "未能识别报告年度，也未找到年度报告的表格，文件可能不是政府信息公开工作年度报告"
            )
        raise ReportReadError(
            "未找到年度报告的三张表格中的任何数字，文件可能不是政府信息公开工作年度报告"
        )
    if not 1990 <= report.year <= 2100:
        match = _YEAR_IN_NAME.search(Path(filename).name) if filename else None
        if match:
            report.year = int(match[1])
            report.findings.append(
                finding(Rule.READ_META, f"正文未写明年度，按文件名取{match[1]}年度", "标题")
            )
        else:
            report.findings.append(
                finding(Rule.READ_META, "未能从标题、正文或文件名识别报告年度", "标题")
            )
    return report


def _is_html(head: bytes) -> bool:
    lowered = head[:2048].lstrip().lower()
    return lowered.startswith((b"<!doctype html", b"<html")) or b"<table" in head.lower()


register("pdf", _read_pdf, sniff=lambda head: head.startswith(b"%PDF"))
register("json", _read_json, sniff=lambda head: head.lstrip()[:1] == b"{")
register("html", _read_html, sniff=_is_html, extensions=("html", "htm"))
register("txt", read_plain_text, extensions=("txt", "text"))


def read_report(source: str | Path | bytes, filename: str | None = None) -> ReportData:
    """Read a report from a path or bytes; ``ReportReadError`` (Chinese) when it cannot be read."""
    limit = max_report_bytes()
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        filename = filename or path.name
        try:
            size = path.stat().st_size
        except OSError:
            raise ReportReadError(f"无法打开文件：{path}") from None
        if size > limit:
            raise ReportReadError(
                f"文件过大（{size // (1024 * 1024)} MB），超过上限 {limit // (1024 * 1024)} MB"
            )
        try:
            data = path.read_bytes()
        except OSError:
            raise ReportReadError(f"无法读取文件：{path}") from None
    if len(data) > limit:
        raise ReportReadError(f"文件过大，超过上限 {limit // (1024 * 1024)} MB")
    if not data.strip():
        raise ReportReadError("文件为空")
    head = data[:4096]
    image = next((kind for magic, kind in _IMAGES.items() if head.startswith(magic)), None)
    if image:
        raise ReportReadError(f"这是{image}图片文件，不是报告文档；扫描件请以PDF提交")
    _load_plugins()
    ext = Path(filename).suffix.lower().lstrip(".") if filename else ""
    chosen = next((r for r in READERS.values() if r.sniff and r.sniff(head)), None)
    if chosen is None and ext:
        chosen = next((r for r in READERS.values() if ext in r.extensions), None)
    if chosen is None:
        chosen = READERS["txt"]
    try:
        report = chosen.read(data)
        return report if chosen.kind == "json" else _is_report(report, filename)
    except ReportReadError:
        raise
    except Exception as exc:  # noqa: BLE001 — third-party parsers raise arbitrary types on bad files
        raise ReportReadError(f"无法读取该文件（{type(exc).__name__}）") from None


def _load_plugins() -> None:
    # These readers register themselves on import (xxgk/ingestion/docx.py, xlsx.py, …).
    for name in ("docx", "xlsx", "opendocument", "legacy"):
        try:
            __import__(f"xxgk.ingestion.{name}")
        except ImportError:
            continue


@dataclass(frozen=True)
class ReadResult:
    """What :func:`read_document` found in one file (the public entry point for callers that
    need more than the report: the 主管部门's upload of other agencies' files, the batch check).

    ``report``: the cells, sections and identity; ``identity_known``: whether agency and year
    were found in the file (else a R-READ-META finding says so); ``findings``: the reader's
    findings (``validate`` adds the rules'); ``provenance``: where each cell came from.
    """

    report: ReportData
    kind: str
    identity_known: bool
    findings: list[Finding] = field(default_factory=list)
    provenance: dict[str, CellSource] = field(default_factory=dict)


def read_document(source: str | Path | bytes, filename: str | None = None) -> ReadResult:
    """Read any report file (path or bytes); ``ReportReadError`` (Chinese) when it cannot be."""
    report = read_report(source, filename)
    name = filename or ("" if isinstance(source, bytes) else Path(source).name)
    kind = Path(name).suffix.lower().lstrip(".") if name else ""
    known = bool(report.agency) and 1990 <= report.year <= 2100
    return ReadResult(report, kind, known, list(report.findings), dict(report.provenance))
