"""Checking many report files at once: folders and ZIP archives, both cores, never stopping.

Used by ``xxgk report check DIR_OR_ZIP... [--json] [--xlsx OUT]``. Each file is read and checked
in a worker process (``multiprocessing``, one per core, at most ``MAX_WORKERS``); a file that
cannot be read is a row with status 无法读取 and its Chinese reason, and the batch goes on. The
progress bar goes to stderr; the summary table (or JSON) to stdout.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

MAX_WORKERS = 2
# Files in a folder that are not reports (thumbnails, lock files, our own outputs).
SKIPPED_SUFFIXES = (".db", ".lock", ".tmp", ".ini", ".ds_store")
STATUS_LABELS = {"ok": "通过", "errors": "有错误", "unreadable": "无法读取"}


@dataclass
class FileResult:
    file: str
    status: str  # "ok" | "errors" | "unreadable"
    agency: str = ""
    year: int | None = None
    format: str = ""
    kind: str = ""
    errors: int = 0
    warnings: int = 0
    message: str = ""
    findings: list[dict[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def is_batch(paths: list[str]) -> bool:
    return len(paths) > 1 or any(Path(p).is_dir() or p.lower().endswith(".zip") for p in paths)


def inputs(paths: list[str]) -> Iterator[tuple[str, str | bytes]]:
    """(display name, path or bytes) of every file under the folders and inside the ZIPs."""
    from xxgk.ingestion.read import max_report_bytes

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for item in sorted(path.rglob("*")):
                if item.is_file() and not item.name.startswith((".", "~$")):
                    if item.suffix.lower() not in SKIPPED_SUFFIXES:
                        yield str(item), str(item)
        elif path.suffix.lower() == ".zip" and path.is_file():
            try:
                archive = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError):
                yield str(path), b"\x00ZIP"  # read as a damaged file: one unreadable row
                continue
            with archive:
                for member in archive.infolist():
                    if member.is_dir() or member.filename.rsplit("/", 1)[-1].startswith("."):
                        continue
                    name = f"{path}:{_member_name(member)}"
                    if member.file_size > max_report_bytes():
                        yield name, b""  # refused below as empty: too large to unpack
                        continue
                    try:
                        yield name, archive.read(member)
                    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
                        yield name, b"\x00ZIP"
        else:
            yield str(path), str(path)


def _member_name(member: zipfile.ZipInfo) -> str:
    # Chinese names in ZIPs made on Windows are GBK without the UTF-8 flag.
    if member.flag_bits & 0x800:
        return member.filename
    try:
        return member.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return member.filename


def check_one(item: tuple[str, str | bytes]) -> FileResult:
    """Read and check one file; never raises (a worker must not die on a bad file)."""
    name, source = item
    from xxgk.annual_reports.rules import validate
    from xxgk.ingestion.base import ReportReadError
    from xxgk.ingestion.read import read_report

    try:
        report = read_report(source, Path(name).name)
    except ReportReadError as exc:
        return FileResult(name, "unreadable", message=exc.message)
    except Exception as exc:  # noqa: BLE001 — one bad file must not stop the batch
        return FileResult(name, "unreadable", message=f"读取时发生意外错误（{type(exc).__name__}）")
    findings = report.findings + validate(report)
    errors = sum(1 for f in findings if f.severity == "error")
    return FileResult(
        name,
        "errors" if errors else "ok",
        agency=report.agency,
        year=report.year or None,
        format=report.format,
        kind=Path(name).suffix.lower().lstrip("."),
        errors=errors,
        warnings=len(findings) - errors,
        findings=[f.to_json() for f in findings],
    )


def run_batch(paths: list[str], stderr: IO[str], workers: int | None = None) -> list[FileResult]:
    items = list(inputs(paths))
    workers = workers or min(MAX_WORKERS, os.cpu_count() or 1)
    results: list[FileResult] = []
    progress = _Progress(len(items), stderr)
    if workers <= 1 or len(items) <= 1:
        for item in items:
            results.append(check_one(item))
            progress.step(item[0])
    else:
        # fork: the workers inherit the loaded readers (spawn would re-import Django per worker).
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            for item, result in zip(items, pool.imap(check_one, items, chunksize=1), strict=True):
                results.append(result)
                progress.step(item[0])
    progress.done()
    return results


class _Progress:
    """A one-line bar on a terminal; on a pipe, one line per tenth of the batch."""

    WIDTH = 30

    def __init__(self, total: int, stream: IO[str]) -> None:
        self.total = total
        self.count = 0
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())

    def step(self, name: str) -> None:
        self.count += 1
        filled = self.WIDTH * self.count // max(self.total, 1)
        bar = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.count}/{self.total}"
        if self.tty:
            self.stream.write(f"\r{bar} {Path(name).name[:40]}\x1b[K")
        elif self.count == self.total or self.count % max(1, self.total // 10) == 0:
            self.stream.write(f"{bar}\n")
        self.stream.flush() if hasattr(self.stream, "flush") else None

    def done(self) -> None:
        if self.tty:
            self.stream.write("\n")


def summary_table(results: list[FileResult]) -> str:
    header = ("文件", "机关", "年度", "格式", "状态", "错误", "警告", "说明")
    rows = [header] + [
        (
            r.file,
            r.agency or "—",
            str(r.year or "—"),
            r.format or "—",
            STATUS_LABELS[r.status],
            str(r.errors),
            str(r.warnings),
            r.message,
        )
        for r in results
    ]
    lines = ["\t".join(row) for row in rows]
    counts = {key: sum(1 for r in results if r.status == key) for key in STATUS_LABELS}
    lines.append(
        f"共 {len(results)} 个文件：通过 {counts['ok']}，有错误 {counts['errors']}，"
        f"无法读取 {counts['unreadable']}"
    )
    return "\n".join(lines) + "\n"


def summary_xlsx(results: list[FileResult]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(["文件", "机关", "年度", "格式", "状态", "错误数", "警告数", "说明"])
    for r in results:
        sheet.append(
            [
                r.file,
                r.agency,
                r.year,
                r.format,
                STATUS_LABELS[r.status],
                r.errors,
                r.warnings,
                r.message,
            ]
        )
    details = book.create_sheet("发现")
    details.append(["文件", "代码", "级别", "位置", "说明"])
    for r in results:
        for f in r.findings:
            level = "错误" if f["severity"] == "error" else "警告"
            details.append([r.file, f["code"], level, f["where"], f["message"]])
    for ws in (sheet, details):
        ws.freeze_panes = "A2"
        ws.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
