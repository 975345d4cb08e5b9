from __future__ import annotations

import io
from datetime import date

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings

import pytest
import time_machine
from docx import Document

from xxgk.applications import services as s
from xxgk.applications.letters.render import build
from xxgk.applications.models import Application, Attachment, LetterTemplate
from xxgk.applications.similarity import duplicate_candidates
from xxgk.applications.tests.scripting import submit
from xxgk.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2025-03-28 10:00 +0800", tick=False):
        yield


def test_it_uses_the_agencys_own_template_for_new_letters(world) -> None:
    s.save_letter_template(
        agency=world.a,
        actor=world.grace,
        kind="receipt",
        title="回执（科技局）",
        body="{applicant}：我局于{received}收到申请，编号{case_number}。",
    )
    app = submit(world.a, world.alice, date(2025, 3, 3))
    letter = app.letters.get()
    assert letter.title == "回执（科技局）"
    assert letter.body.startswith(f"{app.applicant_name}：我局于2025年3月3日收到申请")
    other = submit(world.b, world.charlie, date(2025, 3, 3))
    assert other.letters.get().title == "政府信息公开申请接收回执"


def test_it_refuses_unknown_placeholders_and_unauthorised_editors(world) -> None:
    with pytest.raises(DomainError, match="未知的占位符"):
        s.save_letter_template(
            agency=world.a, actor=world.grace, kind="receipt", title="t", body="{password}"
        )
    with pytest.raises(DomainError, match="花括号"):
        s.save_letter_template(
            agency=world.a, actor=world.grace, kind="receipt", title="t", body="{applicant"
        )
    with pytest.raises(PermissionDenied):
        s.save_letter_template(
            agency=world.a, actor=world.alice, kind="receipt", title="t", body="x"
        )
    with pytest.raises(PermissionDenied):
        s.save_letter_template(
            agency=world.a, actor=world.olivia, kind="receipt", title="t", body="x"
        )
    assert LetterTemplate.objects.count() == 0


def test_it_writes_a_numbered_docx_reply_with_the_remedies_clause(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    s.close_application(app, actor=world.alice, outcome="disclosed", closed_on=date(2025, 3, 20))
    reply = Application.objects.get(pk=app.pk).reply_letter
    text = "\n".join(p.text for p in Document(io.BytesIO(build(reply, "docx"))).paragraphs)
    assert "冶科依复〔2025〕1号" in text
    assert "60日内" in text and "6个月内" in text and "复议前置" not in text
    assert "2025年3月20日" in text


def test_it_suggests_a_duplicate_for_the_same_applicant(world) -> None:
    first = submit(world.a, world.alice, date(2025, 3, 3), n=5, title="2024年科技项目资金分配表")
    s.close_application(first, actor=world.alice, outcome="disclosed", closed_on=date(2025, 3, 10))
    again = submit(world.a, world.alice, date(2025, 3, 17), n=5, title="2024年科技项目资金分配表")
    stranger = submit(
        world.a, world.alice, date(2025, 3, 17), n=6, title="2024年科技项目资金分配表"
    )
    assert [c.pk for c, _score in duplicate_candidates(again)] == [first.pk]
    assert duplicate_candidates(stranger) == []


@override_settings(MAX_UPLOAD_MB=1)
def test_it_checks_attachment_type_and_size(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    pdf = SimpleUploadedFile("申请表.pdf", b"%PDF-1.4\n...")
    item = s.add_attachment(app, actor=world.alice, upload=pdf)
    assert item.content_type == "application/pdf"
    with pytest.raises(DomainError, match="扩展名不符"):
        s.add_attachment(app, actor=world.alice, upload=SimpleUploadedFile("x.pdf", b"MZ\x90\x00"))
    with pytest.raises(DomainError, match="扩展名不符"):
        s.add_attachment(app, actor=world.alice, upload=SimpleUploadedFile("x.exe", b"%PDF-1.4"))
    with pytest.raises(DomainError, match="不能超过 1 MB"):
        s.add_attachment(
            app,
            actor=world.alice,
            upload=SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (1024 * 1024)),
        )
    assert Attachment.objects.count() == 1


def test_it_mails_each_agency_its_digest(world) -> None:
    world.alice.email = "alice@example.gov.cn"
    world.alice.save()
    world.charlie.email = "charlie@example.gov.cn"
    world.charlie.save()
    submit(world.a, world.alice, date(2025, 3, 3))  # due 31 Mar: due soon on 28 Mar
    call_command("remind", stdout=io.StringIO())
    # other apps may add digest sections (reminders.DIGEST_SECTIONS); look at ours only
    by_recipient = {tuple(m.to): m.body for m in mail.outbox}
    assert "5个工作日内到期的申请（1件）" in by_recipient[("alice@example.gov.cn",)]
    others = [body for to, body in by_recipient.items() if to != ("alice@example.gov.cn",)]
    assert not any("到期的申请" in body or "答复期限的申请" in body for body in others)


@override_settings(SITE_URL="https://xxgk.daye.gov.cn")
def test_it_links_the_digest_absolutely_and_names_a_missing_recipient(world) -> None:
    app = submit(world.a, world.alice, date(2025, 3, 3))
    mail.outbox.clear()  # the applicant's receipt
    world.a.office_email = ""
    world.a.save()
    out = io.StringIO()

    call_command("remind", "--agency", "daye-kjj", "--date", "2025-03-28", stdout=out)

    assert mail.outbox == []
    assert out.getvalue().splitlines() == [
        "大冶市科技局：未发送：本机关的承办人、公开办工作人员和工作机构负责人均未填写电子邮箱，"
        "机关信息中的“电子邮箱”也为空。请在后台为他们填写电子邮箱。",
        "2025-03-28：1 个机关已发送提醒。",
    ]
    world.a.office_email = "gkb@daye.gov.cn"
    world.a.save()
    call_command("remind", "--agency", "daye-kjj", "--date", "2025-03-28", stdout=io.StringIO())
    [message] = mail.outbox
    assert message.to == ["gkb@daye.gov.cn"]
    assert f"https://xxgk.daye.gov.cn/backoffice/applications/{app.pk}/" in message.body
