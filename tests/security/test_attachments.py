"""Issue 11 defect 10: attachments — precise message for long names, content checked, downloads."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest
import time_machine

from xxgk.applications import services as s
from xxgk.applications.models import Attachment
from xxgk.applications.tests.scripting import submit
from xxgk.errors import DomainError
from xxgk.publications.filetypes import check_upload

PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def case(world):
    with time_machine.travel("2025-12-31 10:00 +0800", tick=False):
        yield submit(world.a, world.alice, date(2025, 3, 3))


def test_it_names_the_real_problem_of_a_long_file_name(world, case) -> None:
    name = "申" * 201 + ".pdf"
    with pytest.raises(DomainError) as refused:
        s.add_attachment(case, actor=world.alice, upload=SimpleUploadedFile(name, PDF))
    assert refused.value.message == (
        "文件名过长（205个字符）：不能超过200个字符，请改短文件名后重新上传。"
    )
    assert not Attachment.objects.exists()
    with pytest.raises(DomainError) as refused:
        check_upload("公" * 250 + ".pdf", PDF, max_mb=20)
    assert refused.value.code == "name_too_long"


def test_it_accepts_a_long_chinese_name_within_the_limit(world, case) -> None:
    name = "申" * 196 + ".pdf"
    attachment = s.add_attachment(case, actor=world.alice, upload=SimpleUploadedFile(name, PDF))
    assert (attachment.original_name, attachment.content_type) == (name, "application/pdf")


def test_it_checks_the_content_not_only_the_extension(world, case) -> None:
    with pytest.raises(DomainError) as refused:
        s.add_attachment(
            case, actor=world.alice, upload=SimpleUploadedFile("scan.pdf", b"MZ\x90\x00exe")
        )
    assert "不符" in refused.value.message
    assert not Attachment.objects.exists()


def test_it_serves_attachments_as_downloads(client: Client, world, case) -> None:
    attachment = s.add_attachment(
        case, actor=world.alice, upload=SimpleUploadedFile("scan.pdf", PDF)
    )
    client.force_login(world.alice)
    response = client.get(f"/backoffice/applications/{case.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
