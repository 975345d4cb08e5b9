"""Batch import of published report files (one file, a folder or a zip) into the region.

Used by `xxgk region import`, the upload form and background jobs: each file is read with the
reader (`xxgk.ingestion.read.read_report`) and registered with
`services.import_published_report`; a file that cannot be read or is refused is reported with
its Chinese reason and the others go on. Nothing is overwritten.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from xxgk.errors import DomainError
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import max_report_bytes, read_report
from xxgk.region import services

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency
    from xxgk.region.models import ImportedReport, Region

SUFFIXES = {".pdf", ".docx", ".xlsx", ".html", ".htm", ".txt", ".json"}
MAX_ZIP_MEMBERS = 5000


@dataclass(frozen=True)
class Source:
    """One file to import: a name to show and a way to get its bytes (lazily)."""

    name: str
    load: Callable[[], bytes]


@dataclass
class ImportSummary:
    imported: list[ImportedReport] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    @property
    def total(self) -> int:
        return len(self.imported) + len(self.refused)

    def line(self) -> str:
        return (
            f"共 {self.total} 个文件：导入 {len(self.imported)} 个，未导入 {len(self.refused)} 个。"
        )


def _zip_name(info: zipfile.ZipInfo) -> str:
    # Zips made on Chinese Windows store GBK names without the UTF-8 flag; zipfile reads cp437.
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def zip_sources(data: bytes, label: str) -> list[Source]:
    """The report files inside a zip; refuses a damaged or oversized archive (Chinese)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DomainError(f"无法打开压缩包“{label}”：文件损坏或不是 zip 格式。") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise DomainError(f"压缩包“{label}”包含的文件过多（{len(members)} 个）。")
    limit = max_report_bytes()
    out = []
    for info in members:
        name = _zip_name(info)
        base = name.rsplit("/", 1)[-1]
        if base.startswith(".") or name.startswith("__MACOSX/"):
            continue
        if Path(base).suffix.lower() not in SUFFIXES:
            continue

        def load(info: zipfile.ZipInfo = info, name: str = name) -> bytes:
            if info.file_size > limit:
                raise ReportReadError(f"文件过大，超过上限 {limit // (1024 * 1024)} MB")
            try:
                return archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError):
                raise ReportReadError("压缩数据损坏") from None

        out.append(Source(f"{label}/{name}", load))
    return out


def path_sources(paths: Iterable[str | Path]) -> Iterator[Source]:
    """Files named on the command line: a file, every report file in a folder, or a zip."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file())
            for file in files:
                if file.suffix.lower() == ".zip":
                    yield from zip_sources(file.read_bytes(), str(file))
                elif file.suffix.lower() in SUFFIXES and not file.name.startswith("."):
                    yield Source(str(file), file.read_bytes)
        elif path.is_file():
            if path.suffix.lower() == ".zip":
                yield from zip_sources(path.read_bytes(), str(path))
            else:
                yield Source(str(path), path.read_bytes)
        else:
            raise DomainError(f"找不到文件或文件夹：{path}")


def import_sources(
    region: Region,
    sources: list[Source],
    *,
    actor: User | None,
    agency: Agency | None = None,
    year: int | None = None,
    progress: Callable[[int, int, str, str], None] | None = None,
) -> ImportSummary:
    """Read and register each file; `progress(done, total, name, outcome)` after each one."""
    summary = ImportSummary()
    for index, source in enumerate(sources, start=1):
        try:
            content = source.load()
            data = read_report(content, source.name.rsplit("/", 1)[-1])
            imported = services.import_published_report(
                region,
                data,
                content,
                actor=actor,
                source_name=source.name.rsplit("/", 1)[-1],
                agency=agency,
                year=year,
            )
        except ReportReadError as exc:
            summary.refused.append((source.name, f"无法读取：{exc.message}"))
            outcome = "无法读取"
        except DomainError as exc:
            summary.refused.append((source.name, exc.message))
            outcome = "未导入"
        else:
            summary.imported.append(imported)
            outcome = f"已导入 {imported.agency.name}{imported.year}年度"
        if progress is not None:
            progress(index, len(sources), source.name, outcome)
    return summary
