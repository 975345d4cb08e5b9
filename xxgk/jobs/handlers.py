"""Handlers of the job kinds that live in this app (see kinds.py for the list)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date
from io import StringIO
from pathlib import PurePosixPath
from typing import Any

from django.core.files.storage import default_storage
from django.core.management import call_command

from xxgk.annual_reports.rules import validate
from xxgk.ingestion.base import ReportReadError
from xxgk.ingestion.read import max_report_bytes, read_report
from xxgk.jobs.kinds import Progress
from xxgk.jobs.models import Job

# A zip of a whole region's reports is a few hundred files; more is a mistake or an attack.
MAX_ZIP_MEMBERS = 2000
SHOWN_FINDINGS = 20


def _files(job: Job) -> Iterator[tuple[str, bytes | None, str]]:
    """(name, bytes or None, error) of every uploaded file, zip members included."""
    limit = max_report_bytes()
    for stored, name in zip(job.params.get("paths", []), job.params.get("names", [])):
        with default_storage.open(stored, "rb") as handle:
            data = handle.read()
        if not name.lower().endswith(".zip"):
            yield name, data, ""
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [m for m in archive.infolist() if not m.is_dir()]
        except zipfile.BadZipFile:
            yield name, None, "压缩包已损坏，无法打开"
            continue
        if len(members) > MAX_ZIP_MEMBERS:
            yield name, None, f"压缩包内文件超过{MAX_ZIP_MEMBERS}个，请分批上传"
            continue
        for member in members:
            label = f"{name}/{_zip_name(member)}"
            if member.file_size > limit:
                yield label, None, f"文件过大，超过上限 {limit // (1024 * 1024)} MB"
                continue
            yield label, archive.read(member), ""


def _zip_name(member: zipfile.ZipInfo) -> str:
    # Chinese Windows zips store GBK names without the UTF-8 flag; zipfile decodes them as cp437.
    name = member.filename
    if not member.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return str(PurePosixPath(name))


def check_files(job: Job, progress: Progress) -> dict[str, Any]:
    """Read every uploaded report with the reader and apply every rule to it."""
    files = list(_files(job))
    out: list[dict[str, Any]] = []
    progress(0, len(files), "开始校验")
    for index, (name, data, error) in enumerate(files, start=1):
        row: dict[str, Any] = {"name": name}
        if data is None:
            row["error"] = error
        else:
            try:
                report = read_report(data, filename=name)
            except ReportReadError as exc:
                row["error"] = exc.message
            else:
                findings = list(report.findings) + validate(report)
                row.update(
                    agency=report.agency,
                    year=report.year,
                    format=report.format,
                    errors=sum(1 for f in findings if f.severity == "error"),
                    warnings=sum(1 for f in findings if f.severity == "warning"),
                    findings=[f.line() for f in findings[:SHOWN_FINDINGS]],
                )
        out.append(row)
        progress(index, len(files), f"已校验 {index}/{len(files)}：{name}")
    unreadable = sum(1 for r in out if "error" in r)
    with_errors = sum(1 for r in out if r.get("errors"))
    return {
        "files": out,
        "summary": f"共{len(out)}个文件：{unreadable}个无法读取，{with_errors}个有错误，"
        f"{len(out) - unreadable - with_errors}个无错误",
    }


def send_reminders(job: Job, progress: Progress) -> dict[str, Any]:
    """The daily digest of `xxgk remind` for the job's agency, run in the background."""
    progress(0, 1, "正在发送提醒")
    out = StringIO()
    options: dict[str, Any] = {"stdout": out, "stderr": out}
    if job.agency is not None:
        options["agency"] = job.agency.code
    if job.params.get("date"):
        options["date"] = date.fromisoformat(job.params["date"]).isoformat()
    call_command("remind", **options)
    progress(1, 1, "提醒已发送")
    return {"summary": out.getvalue().strip() or "没有需要提醒的事项", "output": out.getvalue()}
