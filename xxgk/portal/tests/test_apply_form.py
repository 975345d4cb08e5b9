"""The application form tells what is required, counts characters and points at errors."""

from __future__ import annotations

from django.test import Client

import pytest

from xxgk.applications.models import Application
from xxgk.portal.tests.test_apply import natural, solved

pytestmark = pytest.mark.django_db


def test_it_stars_required_fields_before_submitting(client: Client, world) -> None:
    html = client.get("/daye-kjj/apply/").content.decode()

    for label in ("姓名", "证件名称", "证件号码", "所需信息的内容描述", "名称"):
        assert f'>{label} <span class="required" aria-hidden="true">*</span>' in html, label
    assert '<label for="id_work_unit">工作单位</label>' in html
    assert '带 <span class="required">*</span> 的为必填项' in html


def test_it_counts_the_description_and_never_cuts_it(client: Client, world) -> None:
    html = client.get("/daye-kjj/apply/").content.decode()
    textarea = html[html.index('<textarea name="description"') :].split(">", 1)[0]

    assert "maxlength" not in textarea
    assert 'data-count-max="2000"' in textarea
    assert 'aria-describedby="id_description-count"' in textarea
    assert '<p class="muted char-count" id="id_description-count" aria-live="polite">' in html


def test_it_keeps_an_overlong_description_whole_and_points_at_the_error(
    client: Client, world
) -> None:
    text = "请公开" + "甲" * 1998  # 2001 characters

    response = client.post("/daye-kjj/apply/", natural(description=text, **solved(client)))

    html = response.content.decode()
    assert response.status_code == 400
    assert f">\n{text}</textarea>" in html
    assert (
        '<span class="field-error" id="id_description-error" role="alert">所需信息的内容描述最多2000个字。</span>'
        in html
    )
    textarea = html[html.index('<textarea name="description"') :].split(">", 1)[0]
    assert 'aria-invalid="true"' in textarea
    assert 'aria-describedby="id_description-error id_description-count"' in textarea
    assert "已输入 2001 字，最多 2000 字。" in html
    assert Application.objects.count() == 0


def test_it_asks_a_new_question_after_a_validation_error_and_keeps_the_text(
    client: Client, world
) -> None:
    response = client.post(
        "/daye-kjj/apply/", natural(name="", description="请公开2025年预算。", **solved(client))
    )

    html = response.content.decode()
    assert response.status_code == 400
    label = html[html.index('<label for="id_captcha_answer">') :].split("</label>", 1)[0]
    assert "验证题：" in label and "等于几" in label
    assert (
        'name="captcha_answer" value=""' in html
        or 'name="captcha_answer" maxlength="4" required id="id_captcha_answer"' in html
    )
    assert ">\n请公开2025年预算。</textarea>" in html
