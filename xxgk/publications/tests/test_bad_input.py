from __future__ import annotations

import io
import zipfile

from django.test import override_settings

import pytest

from xxgk.errors import DomainError
from xxgk.publications import services
from xxgk.publications.filetypes import check_upload, sniff
from xxgk.publications.models import Attachment, PublicationStatus
from xxgk.publications.richtext import plain_text, sanitise
from xxgk.publications.services import Upload
from xxgk.publications.tests.factories import approved, draft


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("高新技术企业认定申报材料清单")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_it_removes_script_from_rich_text() -> None:
    dirty = '<p onclick="x()">申报<script>alert(1)</script><a href="javascript:x">链接</a></p>'
    clean = sanitise(dirty)
    assert "script" not in clean
    assert "alert" not in clean
    assert "onclick" not in clean
    assert "javascript" not in clean
    assert plain_text(clean) == "申报链接"


def test_it_stores_the_body_sanitised(world) -> None:
    publication = draft(
        world, body="<p>通知</p><script>document.cookie</script><img src=x onerror=alert(1)>"
    )
    body = publication.latest_revision.body
    assert "<script" not in body
    assert "onerror" not in body
    assert "<p>通知</p>" in body


def test_it_sniffs_file_kinds() -> None:
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(_docx_bytes()) == "docx"
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("payload.exe", b"MZ")
    assert sniff(zipped.getvalue()) is None
    assert sniff(b"MZ\x90\x00") is None


def test_it_refuses_a_fake_extension(world) -> None:
    publication = draft(world)
    before = publication.latest_revision_id
    with pytest.raises(DomainError, match="内容与扩展名不符"):
        services.add_attachment(
            publication, Upload("通知.pdf", b"MZ\x90\x00fake"), actor=world.alice
        )
    with pytest.raises(DomainError, match="内容与扩展名不符"):
        services.add_attachment(publication, Upload("清单.xlsx", _docx_bytes()), actor=world.alice)
    with pytest.raises(DomainError, match="类型不允许"):
        services.add_attachment(publication, Upload("run.exe", b"MZ"), actor=world.alice)
    publication.refresh_from_db()
    assert publication.latest_revision_id == before
    assert Attachment.objects.count() == 0


@override_settings(MAX_UPLOAD_MB=1)
def test_it_refuses_an_oversize_attachment(world) -> None:
    publication = draft(world)
    with pytest.raises(DomainError, match="超过大小限制"):
        services.add_attachment(
            publication,
            Upload("大文件.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024)),
            actor=world.alice,
        )
    assert Attachment.objects.count() == 0
    assert check_upload("小文件.pdf", b"%PDF-1.4\n", max_mb=1) == "pdf"


def test_it_extracts_attachment_text_and_restarts_review(world) -> None:
    publication = approved(world)
    attachment = services.add_attachment(
        publication, Upload("材料清单.docx", _docx_bytes()), actor=world.alice
    )
    publication.refresh_from_db()
    assert attachment.kind == "docx"
    assert "高新技术企业认定申报材料清单" in attachment.text
    assert list(publication.latest_revision.attachments.all()) == [attachment]
    assert publication.status == PublicationStatus.IN_REVIEW


def test_it_keeps_revisions_immutable(world) -> None:
    from django.core.exceptions import ValidationError

    revision = draft(world).latest_revision
    revision.title = "偷偷修改"
    with pytest.raises(ValidationError):
        revision.save()
