"""The agency's trail in the back office: who reads what, filters, exports."""

from __future__ import annotations

import csv
import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from xxgk.audit import services
from xxgk.audit.models import AuditRecord
from xxgk.audit.tests.scripting import script_across_apps
from xxgk.testing import PASSWORD

pytestmark = pytest.mark.django_db
URL = reverse("audit:trail")


def page_for(client, user, **params):
    client.login(username=user.username, password=PASSWORD)
    return client.get(URL, params)


def seqs(response) -> list[int]:
    return [r.seq for r in response.context["page"]]


def test_the_office_reads_only_its_agencys_rows(client, world):
    script_across_apps(world)
    response = page_for(client, world.grace)
    assert response.status_code == 200
    a_rows = list(
        AuditRecord.objects.filter(agency_pk=world.a.pk)
        .order_by("-seq")
        .values_list("seq", flat=True)
    )
    assert seqs(response) == a_rows[:50]
    assert {r.agency_pk for r in response.context["page"]} == {world.a.pk}


def test_the_other_agencys_office_sees_none_of_a(client, world):
    script_across_apps(world)
    response = page_for(client, world.olivia, agency=str(world.a.pk))
    assert response.status_code == 200
    assert seqs(response) == []


def test_the_supervisor_reads_both_agencies(client, world):
    script_across_apps(world)
    response = page_for(client, world.sam)
    assert response.status_code == 200
    agencies = {r.agency_pk for r in AuditRecord.objects.filter(seq__in=seqs(response))}
    assert agencies == {world.a.pk, world.b.pk}


@pytest.mark.parametrize("name", ["alice", "heidi", "oscar", "charlie"])
def test_roles_without_the_trail_get_404(client, world, name):
    script_across_apps(world)
    response = page_for(client, world.users[name], agency=str(world.a.pk))
    # alice (承办人) and heidi (系统管理员) hold no 公开办 role; charlie is in B; oscar nowhere.
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("backoffice:login") in response["Location"]


def test_filters_by_action_actor_and_date(client, world):
    script_across_apps(world)
    response = page_for(client, world.grace, action="appeals.recorded")
    assert seqs(response) == [AuditRecord.objects.get(action="appeals.recorded").seq]
    response = page_for(client, world.grace, actor="heidi")
    assert {r.actor_name for r in response.context["page"]} == {"heidi"}
    response = page_for(client, world.grace, since="2026-11-01", until="2026-11-30")
    expected = AuditRecord.objects.filter(agency_pk=world.a.pk, at__year=2026, at__month=11).count()
    assert len(seqs(response)) == expected > 0
    response = page_for(client, world.grace, since="2026-13-01")
    assert response.context["problems"] == [
        "起始日期“2026-13-01”不是有效日期（格式如 2026-01-31）。"
    ]


def test_a_page_beyond_the_last_shows_the_last(client, world):
    script_across_apps(world)
    response = page_for(client, world.grace, page="99999999999999999999999")
    assert response.status_code == 200


def test_exports_neutralise_formulas(client, world):
    # Text starting with "=" (a user-chosen name could) must not run as a formula.
    services.record("accounts.renamed", actor=world.heidi, agency=world.a, after={"name": "=1+2"})
    row = AuditRecord.objects.get(action="accounts.renamed")
    response = page_for(client, world.grace, format="csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["序号", "时间", "操作人"]
    by_seq = {line[0]: line for line in table[1:]}
    assert by_seq[str(row.seq)][9] == '{"name": "=1+2"}'  # starts with "{": harmless
    services.record("=cmd|' /C calc'!A0", actor=world.heidi, agency=world.a)
    response = page_for(client, world.grace, format="xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    actions = [sheet.cell(row=i, column=5).value for i in range(2, sheet.max_row + 1)]
    assert "'=cmd|' /C calc'!A0" in actions
    table = list(
        csv.reader(
            io.StringIO(page_for(client, world.grace, format="csv").content.decode("utf-8-sig"))
        )
    )
    assert "'=cmd|' /C calc'!A0" in [line[4] for line in table[1:]]


def test_the_admin_shows_the_trail_to_superusers_only(client, world):
    from xxgk.accounts.models import User

    script_across_apps(world)
    url = reverse("admin:audit_auditrecord_changelist")
    client.login(username="heidi", password=PASSWORD)  # an agency's 系统管理员
    assert client.get(url).status_code == 403
    root = User.objects.create_superuser("root", password=PASSWORD)
    client.force_login(root)
    response = client.get(url)
    assert response.status_code == 200
    first = AuditRecord.objects.get(seq=1)
    change = reverse("admin:audit_auditrecord_change", args=[first.pk])
    assert client.post(change, {"actor_name": "x"}).status_code == 403
    assert AuditRecord.objects.get(seq=1).actor_name == first.actor_name
