"""One-file backups: database + uploaded files + audit anchors (issue 11, guarantee 17).

Archive (tar.gz) layout:
    manifest.json          format, engine, time, audit head, row counts
    database.sqlite3       SQLite: a consistent copy made with the online backup API
    database.pgdump        PostgreSQL: `pg_dump --format=custom`
    media/…                $XXGK_DATA_DIR/media (attachments, letters, frozen reports)
    audit-anchors.jsonl    the audit anchor file

The encryption keys (XXGK_DATA_KEYS) and the secret key are NOT in the archive: a stolen
backup must not carry the key to its own personal data. Restore on an installation configured
with the same keys.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from xxgk.errors import DomainError

FORMAT = 1
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"
ANCHORS_NAME = "audit-anchors.jsonl"
DEFAULT_PG_BIN = "/usr/lib/postgresql/15/bin"


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def pg_tool(name: str) -> str:
    """Path of pg_dump/pg_restore: XXGK_PG_BIN, else PATH, else the Debian PostgreSQL 15 one."""
    configured = getattr(settings, "XXGK_PG_BIN", "")
    candidates = [Path(configured) / name] if configured else []
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    candidates.append(Path(DEFAULT_PG_BIN) / name)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise DomainError(f"找不到 {name}：请安装 PostgreSQL 客户端，或用 XXGK_PG_BIN 指定其目录。")


def _pg_args() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args += ["-h", str(s["HOST"])]
    if s.get("PORT"):
        args += ["-p", str(s["PORT"])]
    if s.get("USER"):
        args += ["-U", str(s["USER"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args + ["-d", str(s["NAME"])], env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tool = Path(command[0]).name
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise DomainError(f"{tool} 执行失败：{detail[0]}")


@dataclass(frozen=True)
class BackupResult:
    path: Path
    engine: str
    audit_seq: int
    media_files: int


def _counts() -> dict[str, int]:
    from xxgk.applications.models import Application
    from xxgk.audit.models import AuditRecord
    from xxgk.publications.models import Publication

    return {
        "applications": Application.objects.count(),
        "publications": Publication.objects.count(),
        "audit_records": AuditRecord.objects.count(),
    }


def backup(to: Path) -> BackupResult:
    """Write the archive to `to` (atomically: a temporary file renamed at the end)."""
    from xxgk.audit import services as audit
    from xxgk.audit.models import AuditHead

    anchor = audit.write_anchor()  # the archive carries the head it was taken at
    head = AuditHead.objects.filter(pk=1).first()
    media_root = Path(settings.MEDIA_ROOT)
    to = to.resolve()
    to.parent.mkdir(parents=True, exist_ok=True)
    media_files = 0
    with tempfile.TemporaryDirectory(prefix="xxgk-backup-") as work:
        work_dir = Path(work)
        kind = engine()
        if kind == "sqlite":
            db_file = work_dir / SQLITE_NAME
            connection.ensure_connection()
            target = sqlite3.connect(db_file)
            try:
                # The online backup API copies a consistent snapshot while the server runs.
                connection.connection.backup(target)
            finally:
                target.close()
        else:
            db_file = work_dir / PG_NAME
            args, env = _pg_args()
            _run(
                [
                    pg_tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "-f",
                    str(db_file),
                    *args,
                ],
                env,
            )
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "engine": kind,
            "created_at": timezone.now().isoformat(),
            "audit_head": {"seq": head.seq, "hash": head.hash} if head else None,
            "anchor": {"seq": anchor.seq, "hash": anchor.hash} if anchor else None,
            "counts": _counts(),
        }
        partial = to.with_name(to.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
            tar.add(db_file, arcname=db_file.name)
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        tar.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
                        media_files += 1
            anchors = audit.anchor_path()
            if anchors.exists():
                tar.add(anchors, arcname=ANCHORS_NAME)
        partial.chmod(0o600)  # personal data (encrypted) and the whole trail
        partial.replace(to)
    return BackupResult(to, kind, head.seq if head else 0, media_files)


def _add_bytes(tar: tarfile.TarFile, name: str, text: str) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def is_empty_installation() -> list[str]:
    """Return what makes this installation non-empty (nothing = safe to restore into)."""
    from django.db.utils import DatabaseError

    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency
    from xxgk.applications.models import Application
    from xxgk.audit.models import AuditRecord

    found = []
    try:
        for model, label in (
            (Agency, "机关"),
            (User, "用户"),
            (Application, "申请"),
            (AuditRecord, "审计记录"),
        ):
            if model.objects.exists():
                found.append(label)
    except DatabaseError:
        connection.close()  # no tables yet: empty
        return []
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*")):
        found.append(f"上传文件（{media_root}）")
    from xxgk.audit.services import anchor_path

    if anchor_path().exists() and anchor_path().stat().st_size:
        found.append(f"审计锚点文件（{anchor_path()}）")
    return found


@dataclass(frozen=True)
class RestoreResult:
    engine: str
    media_files: int
    manifest: dict[str, Any]


def restore(archive: Path) -> RestoreResult:
    """Restore `archive` into this (empty) installation."""
    from django.core.management import call_command

    if not archive.is_file():
        raise DomainError(f"备份文件“{archive}”不存在。")
    try:
        tar = tarfile.open(archive, "r:gz")
    except (tarfile.TarError, OSError):
        raise DomainError(f"“{archive}”不是 xxgk 备份文件（无法读取压缩包）。") from None
    with tar, tempfile.TemporaryDirectory(prefix="xxgk-restore-") as work:
        work_dir = Path(work)
        try:
            manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        except (KeyError, AttributeError, ValueError):
            raise DomainError(f"“{archive}”不是 xxgk 备份文件（缺少 manifest.json）。") from None
        if manifest.get("format") != FORMAT:
            raise DomainError(f"备份格式 {manifest.get('format')} 不受支持（本版本为 {FORMAT}）。")
        if manifest.get("engine") != engine():
            raise DomainError(
                f"备份来自 {manifest.get('engine')} 数据库，本安装使用 {engine()}，不能直接恢复。"
            )
        blockers = is_empty_installation()
        if blockers:
            raise DomainError("只能恢复到空的安装中，本安装已有：" + "、".join(blockers) + "。")
        # filter="data" refuses absolute paths, "..", links outside the target, devices.
        tar.extractall(work_dir, filter="data")
        if engine() == "sqlite":
            source = sqlite3.connect(work_dir / SQLITE_NAME)
            connection.ensure_connection()
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        else:
            args, env = _pg_args()
            _run(
                [
                    pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    *args,
                    str(work_dir / PG_NAME),
                ],
                env,
            )
        connection.close()  # forget any state cached on the old connection
        media_files = 0
        media_src = work_dir / "media"
        media_root = Path(settings.MEDIA_ROOT)
        if media_src.is_dir():
            for path in sorted(media_src.rglob("*")):
                if path.is_file():
                    dest = media_root / path.relative_to(media_src)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(path, dest)
                    media_files += 1
        anchors = work_dir / ANCHORS_NAME
        if anchors.exists():
            from xxgk.audit.services import anchor_path

            anchor_path().parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(anchors, anchor_path())
    # A backup from an older release gets this release's migrations.
    call_command("migrate", interactive=False, verbosity=0)
    return RestoreResult(engine(), media_files, manifest)
