"""Guarantee 13: every state change appends one chained audit row; tampering is named."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from xxgk.audit import chain, services
from xxgk.audit.models import AuditedEvent, AuditHead, AuditRecord
from xxgk.audit.tests.scripting import script_across_apps

pytestmark = pytest.mark.django_db


def event_models() -> list[type[AuditedEvent]]:
    return [m for m in apps.get_models() if issubclass(m, AuditedEvent)]


def event_sources() -> list[str]:
    return sorted(
        services.source_of(row) for model in event_models() for row in model.objects.all()
    )


def verify_output() -> tuple[int, str]:
    try:
        call_command("audit", "verify", stdout=(out := _Buffer()))
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.text


class _Buffer:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_it_writes_exactly_one_chained_row_per_event_across_apps(world, settings, tmp_path):
    settings.XXGK_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    seeded = set(event_sources())  # written by data migrations, before the chain existed
    script_across_apps(world)
    sources = sorted(set(event_sources()) - seeded)
    audited = sorted(AuditRecord.objects.values_list("source", flat=True))
    assert audited == sources  # one audit row per event row, none without
    kinds = {source.split(":")[0] for source in sources}
    assert kinds == {
        "accounts.auditevent",
        "annual_reports.reportevent",
        "appeals.appealevent",
        "applications.applicationevent",
        "publications.publicationevent",
        "workcalendar.calendarevent",
    }
    rows = list(AuditRecord.objects.order_by("seq"))
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0].prev_hash == chain.GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(rows, rows[1:], strict=False))
    head = AuditHead.objects.get(pk=1)
    assert (head.seq, head.hash) == (rows[-1].seq, rows[-1].hash)
    assert verify_output() == (
        0,
        f"审计链完整：共 {len(rows)} 条记录，链头第 {len(rows)} 条 {rows[-1].hash[:16]}…\n",
    )


def test_it_records_actor_agency_object_and_before_after(world):
    script_across_apps(world)
    appeal_row = AuditRecord.objects.get(action="appeals.recorded")
    assert appeal_row.actor_name == "grace"
    assert appeal_row.actor_pk == world.grace.pk
    assert (appeal_row.agency_pk, appeal_row.agency_name) == (world.a.pk, "大冶市科技局")
    assert appeal_row.object_type == "appeals.appeal"
    assert appeal_row.before == {}
    assert appeal_row.after == {"route": "reconsideration", "result": "pending"}
    calendar_row = AuditRecord.objects.get(action="workcalendar.day_saved")
    assert (calendar_row.actor_name, calendar_row.agency_pk) == ("命令行", None)
    assert calendar_row.object_repr == "2026年工作日历"


def test_it_names_the_row_altered_with_raw_sql(world):
    script_across_apps(world)
    target = AuditRecord.objects.get(action="appeals.recorded")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET actor_name = %s WHERE seq = %s", ["mallory", target.seq]
        )
    code, message = verify_output()
    assert code == 1
    assert message == (
        f"审计链校验失败：第 {target.seq} 条记录被修改。第 {target.seq} 条记录的内容已被修改。"
    )


def test_it_names_a_row_whose_json_was_altered(world):
    script_across_apps(world)
    target = AuditRecord.objects.get(action="appeals.recorded")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditrecord SET after = %s WHERE seq = %s",
            [json.dumps({"route": "reconsideration", "result": "upheld"}), target.seq],
        )
    assert verify_output()[0] == 1
    assert services.verify().problem == chain.Problem(
        target.seq, "altered", f"第 {target.seq} 条记录的内容已被修改。"
    )


def test_it_names_a_deleted_row(world):
    script_across_apps(world)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE seq = 5")
    code, message = verify_output()
    assert code == 1
    assert message.startswith("审计链校验失败：第 5 条记录被删除。")


def test_it_names_the_last_row_deleted(world):
    script_across_apps(world)
    last = AuditHead.objects.get(pk=1).seq
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditrecord WHERE seq = %s", [last])
    assert services.verify().problem.seq == last
    assert services.verify().problem.kind == "deleted"


def test_it_names_an_inserted_row(world):
    script_across_apps(world)
    last = AuditRecord.objects.order_by("-seq").first()
    forged = {**last.content(), "seq": last.seq + 1, "action": "applications.closed"}
    forged_hash = chain.row_hash(last.hash, forged)  # the attacker knows the algorithm
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditrecord (seq, at, actor_pk, actor_name, agency_pk, agency_name,"
            " action, object_type, object_id, object_repr, before, after, source, prev_hash, hash)"
            " SELECT seq + 1, at, actor_pk, actor_name, agency_pk, agency_name, %s, object_type,"
            " object_id, object_repr, before, after, source, hash, %s"
            " FROM audit_auditrecord WHERE seq = %s",
            ["applications.closed", forged_hash, last.seq],
        )
    code, message = verify_output()
    assert code == 1
    assert message.startswith(f"审计链校验失败：第 {last.seq + 1} 条记录被插入。")


def test_it_names_a_row_relinked_in_the_middle(world):
    script_across_apps(world)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditrecord SET prev_hash = %s WHERE seq = 3", ["f" * 64])
    assert services.verify().problem == chain.Problem(
        3, "inserted", "第 3 条记录与前一条记录不相连（被插入或替换）。"
    )


def test_an_anchor_catches_a_chain_recomputed_after_an_edit(world, settings, tmp_path):
    settings.XXGK_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    script_across_apps(world)
    call_command("audit", "anchor", stdout=_Buffer())
    anchored = json.loads(Path(settings.XXGK_AUDIT_ANCHOR_FILE).read_text().splitlines()[-1])
    # The attacker edits row 2 and recomputes every later hash and the head: the chain
    # itself is consistent again, only the anchor kept outside the database disagrees.
    prev = chain.GENESIS
    for row in AuditRecord.objects.order_by("seq"):
        content = row.content()
        if row.seq == 2:
            content["actor_name"] = "mallory"
        new_hash = chain.row_hash(prev, content)
        AuditRecord.objects.filter(pk=row.pk).update(
            actor_name=content["actor_name"], prev_hash=prev, hash=new_hash
        )
        prev = new_hash
    AuditHead.objects.filter(pk=1).update(hash=prev)
    problem = services.verify().problem
    assert problem is not None
    assert (problem.seq, problem.kind) == (anchored["seq"], "altered")


def test_anchors_are_written_every_n_rows(world, settings, tmp_path):
    settings.XXGK_AUDIT_ANCHOR_FILE = tmp_path / "anchors.jsonl"
    settings.XXGK_AUDIT_ANCHOR_EVERY = 5
    from django.test.utils import CaptureQueriesContext  # noqa: F401 - on_commit needs commit

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, *a, **k: fn())
        script_across_apps(world)
    seqs = [
        json.loads(line)["seq"]
        for line in Path(tmp_path / "anchors.jsonl").read_text().splitlines()
    ]
    total = AuditRecord.objects.count()
    assert seqs == list(range(5, total + 1, 5))
    assert services.verify().ok


def test_audit_rows_refuse_update_and_delete(world):
    script_across_apps(world)
    row = AuditRecord.objects.get(seq=1)
    from xxgk.errors import DomainError

    row.actor_name = "x"
    with pytest.raises(DomainError):
        row.save()
    with pytest.raises(DomainError):
        row.delete()
    assert AuditRecord.objects.get(seq=1).actor_name != "x"


def test_verify_of_an_empty_trail_passes(db):
    assert verify_output() == (0, "审计链完整：共 0 条记录，链头第 0 条 0000000000000000…\n")
