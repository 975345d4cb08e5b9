"""Art. 32: the consulted party's receipt date starts its 15 working days; the public-interest override."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

import pytest
import time_machine

from xxgk.applications import services as s
from xxgk.applications.models import Application, ApplicationEvent, Consultation, Letter
from xxgk.applications.tests.scripting import submit
from xxgk.errors import DomainError, PermissionDenied
from xxgk.testing import PASSWORD

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen():
    with time_machine.travel("2025-06-30 10:00 +0800", tick=False):
        yield


def consulting(world, kind: str = "third_party") -> tuple[Application, Consultation]:
    """A case received Mon 2025-03-03; the consultation letter sent Wed 2025-03-05."""
    app = submit(world.a, world.alice, date(2025, 3, 3))
    c = s.start_consultation(
        app, actor=world.alice, kind=kind, party="大冶某矿业有限公司", sent_on=date(2025, 3, 5)
    )
    return app, c


def objected(world) -> tuple[Application, Consultation]:
    app, c = consulting(world)
    s.record_consultation_reply(
        c, actor=world.alice, answer="disagree", on=date(2025, 3, 20), reasons="涉及商业秘密"
    )
    return app, c


def snapshot(app: Application) -> tuple:
    fresh = Application.objects.get(pk=app.pk)
    consultations = tuple(
        Consultation.objects.filter(application=app).values_list(
            "delivered_on", "reply_due", "answer", "overridden_on", "override_reasons"
        )
    )
    return (
        fresh.status,
        fresh.outcome,
        fresh.due_date,
        fresh.clock_steps,
        consultations,
        ApplicationEvent.objects.count(),
        Letter.objects.count(),
    )


# --- delivery date (送达日期) -------------------------------------------------------------------


def test_it_counts_the_reply_period_from_sending_until_the_delivery_date_is_known(world) -> None:
    app, c = consulting(world)
    assert c.delivered_on is None
    # 15 working days after Wed 5 Mar: 6–7, 10–14, 17–21, 24–26 Mar.
    assert c.reply_due == date(2025, 3, 26)
    app.refresh_from_db()
    # Paused 5–26 Mar: 4 Mar, 27–28 Mar, 31 Mar–3 Apr, (清明 4 Apr), 7–11, 14–18, 21–23 Apr.
    assert app.due_date == date(2025, 4, 23)


def test_it_recomputes_the_reply_due_date_and_the_case_clock_from_the_delivery_date(
    world,
) -> None:
    app, c = consulting(world)
    s.record_consultation_delivery(c, actor=world.alice, delivered_on=date(2025, 3, 10))
    c.refresh_from_db()
    app.refresh_from_db()
    assert c.delivered_on == date(2025, 3, 10)
    # 15 working days after Mon 10 Mar: 11–14, 17–21, 24–28, 31 Mar.
    assert c.reply_due == date(2025, 3, 31)
    # Paused 5–31 Mar: 4 Mar, 1–3, 7–11, 14–18, 21–25 Apr and Sun 27 Apr (劳动节调休上班日).
    assert app.due_date == date(2025, 4, 27)
    event = ApplicationEvent.objects.filter(application=app).latest("pk")
    assert event.type == "consultation_delivered"
    assert event.on == date(2025, 3, 10)
    assert event.data["reply_due_before"] == "2025-03-26"
    assert event.data["reply_due"] == "2025-03-31"


def test_it_keeps_the_replied_day_as_the_end_of_the_pause_after_delivery_is_recorded(
    world,
) -> None:
    app, c = consulting(world)
    s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2025, 3, 12))
    app.refresh_from_db()
    before = app.due_date
    s.record_consultation_delivery(c, actor=world.alice, delivered_on=date(2025, 3, 7))
    c.refresh_from_db()
    app.refresh_from_db()
    assert c.delivered_on == date(2025, 3, 7)
    assert c.reply_due == date(2025, 3, 28)
    assert app.due_date == before == date(2025, 4, 9)


@pytest.mark.parametrize(
    ("delivered_on", "message"),
    [
        (date(2025, 3, 4), "送达日期（2025年3月4日）不能早于征求意见书发出日期（2025年3月5日）"),
        (date(2025, 7, 1), "送达日期（2025年7月1日）不能晚于今天"),
    ],
)
def test_it_refuses_an_impossible_delivery_date_and_changes_nothing(
    world, delivered_on: date, message: str
) -> None:
    app, c = consulting(world)
    before = snapshot(app)
    with pytest.raises(DomainError, match=message):
        s.record_consultation_delivery(c, actor=world.alice, delivered_on=delivered_on)
    assert snapshot(app) == before


def test_it_refuses_a_delivery_date_after_the_reply_and_changes_nothing(world) -> None:
    app, c = consulting(world)
    s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2025, 3, 12))
    before = snapshot(app)
    with pytest.raises(DomainError, match="不能晚于收到答复之日（2025年3月12日）"):
        s.record_consultation_delivery(c, actor=world.alice, delivered_on=date(2025, 3, 13))
    assert snapshot(app) == before


def test_it_refuses_a_delivery_date_once_no_reply_was_found_and_changes_nothing(world) -> None:
    app, c = consulting(world)
    s.record_consultation_reply(c, actor=world.alice, answer="no_reply", on=date(2025, 3, 27))
    before = snapshot(app)
    with pytest.raises(DomainError, match="已认定被征求意见方逾期未答复"):
        s.record_consultation_delivery(c, actor=world.alice, delivered_on=date(2025, 3, 10))
    assert snapshot(app) == before


def test_it_refuses_a_delivery_date_from_the_other_agency_and_changes_nothing(world) -> None:
    app, c = consulting(world)
    before = snapshot(app)
    with pytest.raises(PermissionDenied):
        s.record_consultation_delivery(c, actor=world.charlie, delivered_on=date(2025, 3, 10))
    assert snapshot(app) == before


# --- public-interest override (第三十二条) ------------------------------------------------------


def test_it_records_the_override_and_writes_the_notice_to_the_third_party(world) -> None:
    app, c = objected(world)
    s.override_third_party_objection(
        c,
        actor=world.alice,
        reasons="该矿区环境监测数据关系周边群众健康",
        on=date(2025, 3, 24),
        content="2024年某矿区环境监测报告",
    )
    c.refresh_from_db()
    assert c.overridden_on == date(2025, 3, 24)
    assert c.override_content == "2024年某矿区环境监测报告"
    assert c.override_reasons == "该矿区环境监测数据关系周边群众健康"
    letter = c.override_letter
    assert letter.kind == "disclosure_third_party"
    assert letter.title == "政府信息依申请公开告知书（给第三方）"
    assert letter.number == "冶科依告〔2025〕3号"  # 1号 回执, 2号 征求意见书
    assert letter.dated == date(2025, 3, 24)
    assert letter.recipient == "大冶某矿业有限公司"
    assert letter.to_applicant is False
    assert letter.body.startswith("大冶某矿业有限公司：\n本机关于2025年3月3日收到政府信息公开申请")
    assert (
        "本机关已于2025年3月5日书面征求您的意见，您不同意公开，理由是：涉及商业秘密" in letter.body
    )
    assert "决定公开的内容：2024年某矿区环境监测报告" in letter.body
    assert "决定公开的理由：该矿区环境监测数据关系周边群众健康" in letter.body
    assert letter.body.endswith(
        "如对本决定不服，可以在收到本告知书之日起60日内向大冶市人民政府申请行政复议，"
        "或者在6个月内依法向人民法院提起行政诉讼。"
    )
    event = ApplicationEvent.objects.filter(application=app).latest("pk")
    assert event.type == "third_party_overridden"
    assert event.data == {"party": "大冶某矿业有限公司", "letter": "冶科依告〔2025〕3号"}


def test_it_uses_the_agencys_edited_template_and_the_requested_title_by_default(world) -> None:
    s.save_letter_template(
        agency=world.a,
        actor=world.grace,
        kind="disclosure_third_party",
        title="依申请公开告知书（第三方）",
        body="{party}：拟公开“{content}”，理由：{reason}。{remedies}",
    )
    app, c = objected(world)
    s.override_third_party_objection(c, actor=world.alice, reasons="公共安全", on=date(2025, 3, 24))
    letter = Consultation.objects.get(pk=c.pk).override_letter
    assert letter.title == "依申请公开告知书（第三方）"
    assert letter.body.startswith(
        "大冶某矿业有限公司：拟公开“申请事项0”，理由：公共安全。如对本决定不服"
    )


def test_it_refuses_withheld_third_party_after_the_override_but_allows_disclosure(world) -> None:
    app, c = objected(world)
    s.override_third_party_objection(c, actor=world.alice, reasons="公共利益", on=date(2025, 3, 24))
    before = snapshot(app)
    with pytest.raises(DomainError, match="已于2025年3月24日决定基于公共利益予以公开"):
        s.close_application(
            app, actor=world.alice, outcome="withheld.third_party", closed_on=date(2025, 3, 25)
        )
    assert snapshot(app) == before
    s.close_application(app, actor=world.alice, outcome="disclosed", closed_on=date(2025, 3, 25))
    assert Application.objects.get(pk=app.pk).outcome == "disclosed"


def test_it_allows_partial_disclosure_after_the_override(world) -> None:
    app, c = objected(world)
    s.override_third_party_objection(c, actor=world.alice, reasons="公共利益", on=date(2025, 3, 24))
    s.close_application(app, actor=world.alice, outcome="partial", closed_on=date(2025, 3, 25))
    assert Application.objects.get(pk=app.pk).outcome == "partial"


def test_it_still_allows_withheld_third_party_without_an_override(world) -> None:
    app, c = objected(world)
    s.close_application(
        app, actor=world.alice, outcome="withheld.third_party", closed_on=date(2025, 3, 25)
    )
    assert Application.objects.get(pk=app.pk).outcome == "withheld.third_party"


def test_it_refuses_an_override_before_any_objection_and_changes_nothing(world) -> None:
    app, c = consulting(world)
    before = snapshot(app)
    with pytest.raises(DomainError, match="第三方尚未提出不同意公开的意见"):
        s.override_third_party_objection(
            c, actor=world.alice, reasons="公共利益", on=date(2025, 3, 24)
        )
    assert snapshot(app) == before


def test_it_refuses_an_override_after_consent_and_changes_nothing(world) -> None:
    app, c = consulting(world)
    s.record_consultation_reply(c, actor=world.alice, answer="agree", on=date(2025, 3, 12))
    before = snapshot(app)
    with pytest.raises(DomainError, match="第三方尚未提出不同意公开的意见"):
        s.override_third_party_objection(
            c, actor=world.alice, reasons="公共利益", on=date(2025, 3, 24)
        )
    assert snapshot(app) == before


def test_it_refuses_an_override_of_a_co_producing_agency_and_changes_nothing(world) -> None:
    app, c = consulting(world, kind="other_agency")
    s.record_consultation_reply(
        c, actor=world.alice, answer="disagree", on=date(2025, 3, 12), reasons="尚未定稿"
    )
    before = snapshot(app)
    with pytest.raises(DomainError, match="只有征求第三方意见"):
        s.override_third_party_objection(
            c, actor=world.alice, reasons="公共利益", on=date(2025, 3, 24)
        )
    assert snapshot(app) == before


@pytest.mark.parametrize(
    ("reasons", "on", "message"),
    [
        ("  ", date(2025, 3, 24), "请写明不公开可能对公共利益造成重大影响的理由"),
        ("公共利益", date(2025, 3, 19), "决定日期（2025年3月19日）不能早于收到第三方意见之日"),
        ("公共利益", date(2025, 7, 1), "决定日期（2025年7月1日）不能晚于今天"),
    ],
)
def test_it_refuses_an_override_with_bad_input_and_changes_nothing(
    world, reasons: str, on: date, message: str
) -> None:
    app, c = objected(world)
    before = snapshot(app)
    with pytest.raises(DomainError, match=message):
        s.override_third_party_objection(c, actor=world.alice, reasons=reasons, on=on)
    assert snapshot(app) == before


def test_it_refuses_a_second_override_and_a_closed_case_and_changes_nothing(world) -> None:
    app, c = objected(world)
    s.override_third_party_objection(c, actor=world.alice, reasons="公共利益", on=date(2025, 3, 24))
    before = snapshot(app)
    with pytest.raises(DomainError, match="已于2025年3月24日决定予以公开，不能重复决定"):
        s.override_third_party_objection(c, actor=world.alice, reasons="再次", on=date(2025, 3, 25))
    assert snapshot(app) == before
    s.close_application(app, actor=world.alice, outcome="disclosed", closed_on=date(2025, 3, 25))
    before = snapshot(app)
    with pytest.raises(DomainError, match="本申请已办结"):
        s.record_consultation_delivery(c, actor=world.alice, delivered_on=date(2025, 3, 6))
    assert snapshot(app) == before


def test_it_refuses_an_override_from_the_other_agency_and_changes_nothing(world) -> None:
    app, c = objected(world)
    before = snapshot(app)
    with pytest.raises(PermissionDenied):
        s.override_third_party_objection(
            c, actor=world.charlie, reasons="公共利益", on=date(2025, 3, 24)
        )
    assert snapshot(app) == before


# --- the case page --------------------------------------------------------------------------


def test_it_records_the_delivery_date_from_the_case_page(client, world) -> None:
    app, c = consulting(world)
    assert client.login(username=world.alice.username, password=PASSWORD)
    url = reverse("applications:detail", args=[app.pk])
    page = client.get(url).content.decode()
    assert "未记录送达日期，暂自发出之日起算15个工作日" in page
    assert "记录征求意见书送达日期" in page
    assert f'name="consult_delivered-consultation" value="{c.pk}"' in page
    # The picked consultation comes only from the radios (no empty hidden field after them).
    assert 'type="hidden" name="consult_delivered-consultation"' not in page
    response = client.post(
        reverse("applications:act", args=[app.pk, "consult_delivered"]),
        {
            "consult_delivered-consultation": str(c.pk),
            "consult_delivered-delivered_on": "2025-03-10",
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.delivered_on == date(2025, 3, 10)
    assert c.reply_due == date(2025, 3, 31)
    assert Application.objects.get(pk=app.pk).due_date == date(2025, 4, 27)
    page = client.get(url).content.decode()
    assert "2025-03-10送达，答复期限 2025-03-31（自送达之日起15个工作日）" in page


def test_it_records_the_override_from_the_case_page(client, world) -> None:
    app, c = objected(world)
    assert client.login(username=world.alice.username, password=PASSWORD)
    url = reverse("applications:detail", args=[app.pk])
    page = client.get(url).content.decode()
    assert "基于公共利益决定予以公开（第三十二条）" in page
    assert f'name="override-consultation" value="{c.pk}"' in page
    act = reverse("applications:act", args=[app.pk, "override"])
    refused = client.post(
        act,
        {"override-consultation": str(c.pk), "override-on": "2025-03-24", "override-reasons": ""},
        follow=True,
    )
    assert "不公开可能对公共利益造成重大影响的理由：请填写此项" in refused.content.decode()
    assert Consultation.objects.get(pk=c.pk).overridden_on is None
    response = client.post(
        act,
        {
            "override-consultation": str(c.pk),
            "override-on": "2025-03-24",
            "override-content": "",
            "override-reasons": "关系公共安全",
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.overridden_on == date(2025, 3, 24)
    page = client.get(url).content.decode()
    assert (
        "2025-03-24基于公共利益决定予以公开（第三十二条），已书面告知第三方：关系公共安全" in page
    )
    assert "政府信息依申请公开告知书（给第三方）（2025-03-24，致大冶某矿业有限公司）" in page
    assert 'name="override-consultation"' not in page  # nothing left to override
