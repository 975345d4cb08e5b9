"""The applicant tracks a case by its code and sends the 补正 online (条例 Art. 30)."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest
import time_machine

from xxgk.applications import services
from xxgk.applications.models import Application, EventType, Status
from xxgk.applications.tests.scripting import submit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("frozen"),
]


@pytest.fixture
def frozen():
    with time_machine.travel("2025-03-10 10:00 +0800", tick=False):
        yield


def awaiting_amendment(world) -> Application:
    app = submit(world.a, world.alice, date(2025, 3, 3), title="2024年科技项目资金分配结果")
    services.request_amendment(
        app,
        actor=world.alice,
        sent_on=date(2025, 3, 4),
        items="请写明所需信息的文号或者时间范围。",
        reply_by=date(2025, 3, 20),
    )
    return Application.objects.get(pk=app.pk)


def spaced(code: str) -> str:
    """The code as a person types it from a printed receipt: lower case, in groups of four."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4)).lower()


def test_it_finds_a_case_by_a_code_typed_in_lower_case_with_spaces(client: Client, world) -> None:
    app = awaiting_amendment(world)

    html = client.post("/track/", {"code": f"  {spaced(app.tracking_code)} "}).content.decode()

    assert app.case_number in html
    assert "请写明所需信息的文号或者时间范围。" in html
    assert "2025-03-20" in html
    assert f'action="/track/{app.pk}/amend/"' in html


def test_it_takes_the_amendment_online_and_restarts_the_clock(client: Client, world) -> None:
    app = awaiting_amendment(world)
    client.post("/track/", {"code": app.tracking_code})
    scan = SimpleUploadedFile("补正说明.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")

    response = client.post(
        f"/track/{app.pk}/amend/",
        {"text": "所需信息为2024年度科技项目资金分配结果（冶科发〔2024〕12号）。", "files": [scan]},
    )

    app.refresh_from_db()
    assert response.status_code == 200
    assert "补正已提交" in response.content.decode()
    assert app.status == Status.RECEIVED
    assert app.amended_on == date(2025, 3, 10)
    # 20 working days from 10 March 2025, 清明 (4 April) not counted.
    assert app.due_date == date(2025, 4, 8)
    amendment = app.amendments.get()
    assert (amendment.amended_on, amendment.received_online) == (date(2025, 3, 10), True)
    assert amendment.amended_text.startswith("所需信息为2024年度")
    [attachment] = app.attachments.all()
    assert (attachment.original_name, attachment.uploaded_by) == ("补正说明.pdf", None)
    event = app.events.get(type=EventType.AMENDMENT_RECEIVED)
    assert (event.actor, event.data["channel"], event.data["files"]) == (
        None,
        "online",
        ["补正说明.pdf"],
    )


def test_it_refuses_an_empty_amendment_and_keeps_the_case_waiting(client: Client, world) -> None:
    app = awaiting_amendment(world)
    client.post("/track/", {"code": app.tracking_code})

    response = client.post(f"/track/{app.pk}/amend/", {"text": "  "})

    assert response.status_code == 400
    assert "请填写补正后的内容，或上传补正材料。" in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.AWAITING_AMENDMENT
    assert app.amended_on is None


def test_it_refuses_a_wrong_file_type_and_keeps_what_was_typed(client: Client, world) -> None:
    app = awaiting_amendment(world)
    client.post("/track/", {"code": app.tracking_code})
    exe = SimpleUploadedFile("说明.pdf", b"MZ\x90\x00", content_type="application/pdf")

    response = client.post(f"/track/{app.pk}/amend/", {"text": "补正内容甲", "files": [exe]})

    html = response.content.decode()
    assert response.status_code == 400
    assert "文件类型不允许或与扩展名不符" in html
    assert "补正内容甲" in html
    app.refresh_from_db()
    assert (app.status, app.attachments.count()) == (Status.AWAITING_AMENDMENT, 0)


def test_it_accepts_an_amendment_only_from_the_session_that_tracked_the_case(world) -> None:
    app = awaiting_amendment(world)

    response = Client().post(f"/track/{app.pk}/amend/", {"text": "补正"})

    assert response.status_code == 404
    app.refresh_from_db()
    assert app.status == Status.AWAITING_AMENDMENT


def test_a_letter_for_an_emoji_name_downloads_and_shows_the_name(client: Client, world) -> None:
    from xxgk.applications.services import ApplicantData, RequestData, submit_application
    from xxgk.documents.glyphs import pdf_text

    app = submit_application(
        agency=world.a,
        actor=world.alice,
        channel="in_person",
        received_on=date(2025, 3, 3),
        applicant=ApplicantData(kind="natural", name="张😀𠮷\u202e", address="湖北省大冶市"),
        request=RequestData(title="预算", description="请公开2025年预算"),
    )
    letter = app.letters.filter(to_applicant=True).first()
    client.post("/track/", {"code": app.tracking_code})

    pdf = client.get(f"/track/letters/{letter.pk}.pdf")
    docx = client.get(f"/track/letters/{letter.pk}.docx")

    assert (pdf.status_code, docx.status_code) == (200, 200)
    assert "张〔U+1F600〕〔U+20BB7〕" in pdf_text(pdf.content).replace("\n", "")
