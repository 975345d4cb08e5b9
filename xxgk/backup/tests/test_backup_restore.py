"""Guarantee 17: backup, then restore on an empty installation → same trail, same reports."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

import pytest
import time_machine

from xxgk.annual_reports.compute import compute_report
from xxgk.applications.models import Application, Attachment
from xxgk.applications.services import add_attachment
from xxgk.audit import services as audit
from xxgk.audit.models import AuditRecord
from xxgk.audit.tests.scripting import script_across_apps
from xxgk.backup import archive
from xxgk.privacy.tests.rawdump import raw_dump
from xxgk.privacy.tests.test_encryption import ID, submit_person
from xxgk.testing import make_world

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def state(world) -> dict:
    with time_machine.travel("2027-01-05 10:00 +0800", tick=False):
        reports = {
            (agency.code, year): compute_report(agency, year).report.to_json()
            for agency in (world.a, world.b)
            for year in (2025, 2026)
        }
    return {
        "reports": reports,
        "audit": list(AuditRecord.objects.order_by("seq").values_list("seq", "hash")),
        "cases": sorted(
            Application.objects.values_list("case_number", "id_number", "phone", "status")
        ),
    }


@pytest.fixture
def places(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "old" / "media"
    settings.XXGK_AUDIT_ANCHOR_FILE = tmp_path / "old" / "anchors.jsonl"
    return tmp_path


def test_backup_and_restore_on_an_empty_installation(settings, places):
    world = make_world()
    script_across_apps(world)
    case = submit_person(world)
    with time_machine.travel("2026-03-02 11:00 +0800", tick=False):
        add_attachment(
            case,
            actor=world.alice,
            upload=SimpleUploadedFile("身份证明.pdf", PDF, content_type="application/pdf"),
        )
    before = state(world)
    assert audit.verify().ok
    target = places / "backups" / "xxgk-2027-01-05.tar.gz"
    kind = archive.engine()
    dump = archive.SQLITE_NAME if kind == "sqlite" else archive.PG_NAME
    message = run("backup", "--to", str(target))
    assert message.startswith(f"已备份到 {target}（{kind}，审计链第 {len(before['audit'])} 条")
    with tarfile.open(target) as tar:
        names = set(tar.getnames())
        manifest = json.loads(tar.extractfile("manifest.json").read())
        database = tar.extractfile(dump).read()
    assert {"manifest.json", dump, "audit-anchors.jsonl"} <= names
    assert any(n.startswith("media/applications/") for n in names)
    assert manifest["audit_head"]["seq"] == len(before["audit"])
    assert ID.encode() not in database  # the archive carries no key and no plaintext ID

    # A new, empty installation: fresh data directory, empty database.
    settings.MEDIA_ROOT = places / "new" / "media"
    settings.XXGK_AUDIT_ANCHOR_FILE = places / "new" / "anchors.jsonl"
    call_command("flush", interactive=False, verbosity=0)
    assert Application.objects.count() == 0

    message = run("restore", str(target))
    assert message == (
        f"已恢复（{kind}，上传文件 1 个）；审计链完整：共 {len(before['audit'])} 条记录。\n"
    )
    after = state(make_world_lookup())
    assert after["reports"] == before["reports"]
    assert after["audit"][: len(before["audit"])] == before["audit"]
    assert after["audit"][-1][0] == len(before["audit"]) + 1  # the restore itself is audited
    assert after["cases"] == before["cases"]
    assert run("audit", "verify").startswith("审计链完整")
    restored = Attachment.objects.get()
    assert Path(restored.file.path).read_bytes() == PDF
    assert str(restored.file.path).startswith(str(places / "new" / "media"))
    assert ID not in raw_dump()


def make_world_lookup():
    """The restored world's agencies (the same codes as before the backup)."""
    from xxgk.agencies.models import Agency

    class Restored:
        a = Agency.objects.get(code="daye-kjj")
        b = Agency.objects.get(code="daye-tjj")

    return Restored


def test_restore_refuses_a_non_empty_installation(settings, places):
    world = make_world()
    script_across_apps(world)
    target = places / "backup.tar.gz"
    run("backup", "--to", str(target))
    count = AuditRecord.objects.count()
    with pytest.raises(CommandError) as refused:
        run("restore", str(target))
    assert str(refused.value).startswith(
        "恢复失败：只能恢复到空的安装中，本安装已有：机关、用户、申请、审计记录"
    )
    assert AuditRecord.objects.count() == count


def test_restore_refuses_what_is_not_a_backup(places):
    junk = places / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="不是 xxgk 备份文件"):
        run("restore", str(junk))
    with pytest.raises(CommandError, match="不存在"):
        run("restore", str(places / "missing.tar.gz"))


def test_a_backup_is_refused_by_an_installation_of_another_engine(places, monkeypatch):
    make_world()
    target = places / "backup.tar.gz"
    run("backup", "--to", str(target))
    call_command("flush", interactive=False, verbosity=0)
    real = archive.engine()
    other = "postgresql" if real == "sqlite" else "sqlite"
    monkeypatch.setattr(archive, "engine", lambda: other)
    with pytest.raises(CommandError, match=f"备份来自 {real} 数据库，本安装使用 {other}"):
        run("restore", str(target))
