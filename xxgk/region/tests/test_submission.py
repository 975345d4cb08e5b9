"""报送 → 退回 → 更正重报 → 接收, and every refusal (nothing changes when refused)."""

from __future__ import annotations

from datetime import datetime

from django.core import mail

import pytest

from xxgk.annual_reports import services as reports
from xxgk.annual_reports.models import AnnualReport, ReportStatus
from xxgk.errors import DomainError, PermissionDenied
from xxgk.region import services
from xxgk.region.models import (
    TRANSITIONS,
    RegionEvent,
    ReturnReason,
    Submission,
    SubmissionRound,
    SubmissionStatus,
)
from xxgk.region.selectors import pending_submissions, publication_block
from xxgk.region.testing import TZ, RegionWorld, approve_chain, approved_report

SUBMITTED_AT = datetime(2026, 1, 16, 9, tzinfo=TZ)
CELL_REASON = ("cell", "t2.new.total", "申请受理总数与政府信息公开申请办理台账不一致，请核实。")


def _snapshot() -> tuple[object, ...]:
    return (
        list(Submission.objects.values_list("status", "rounds_count", "accepted_round_id")),
        list(SubmissionRound.objects.values_list("outcome", "number")),
        ReturnReason.objects.count(),
        RegionEvent.objects.exclude(type="line_set").count(),
        list(AnnualReport.objects.values_list("status", flat=True)),
    )


def test_it_stops_an_approved_report_of_a_region_member_before_publication(rw: RegionWorld) -> None:
    report = approved_report(rw.world)
    assert report.status == ReportStatus.APPROVED
    assert report.current_version is None
    assert publication_block(report) == "请先将审定的报告报送大冶市人民政府办公室，再发布。"


def test_it_submits_a_round_with_its_findings_and_an_event(rw: RegionWorld) -> None:
    report = approved_report(rw.world)
    round_ = services.submit_report(
        report, actor=rw.world.grace, office=rw.office, now=SUBMITTED_AT
    )
    sub = round_.submission
    assert (sub.status, sub.rounds_count, round_.number) == ("submitted", 1, 1)
    assert sub.region == rw.region
    assert round_.revision == report.revisions.get()
    assert round_.data["agency"] == "大冶市科技局"
    assert round_.errors == 0
    assert round_.warnings == len(round_.findings)
    event = RegionEvent.objects.get(type="submitted")
    assert (event.agency, event.year, event.actor) == (rw.world.a, 2025, rw.world.grace)
    assert event.data == {"round": 1, "office": "大冶市人民政府办公室"}
    assert list(pending_submissions(rw.office)) == [sub]
    assert list(pending_submissions(rw.other_office)) == []
    # Publication does not wait for acceptance in this region: the 公开办 may publish now.
    assert publication_block(report) is None


def test_it_refuses_a_submission_to_the_wrong_office_and_changes_nothing(rw: RegionWorld) -> None:
    report = approved_report(rw.world)
    before = _snapshot()
    with pytest.raises(DomainError) as exc:
        services.submit_report(report, actor=rw.world.grace, office=rw.other_office)
    assert exc.value.code == "wrong_office"
    assert exc.value.message == (
        "“大冶市科技局”的主管部门是“大冶市人民政府办公室”，不能报送给“阳新县人民政府办公室”。"
    )
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["charlie", "olivia", "sam", "otto", "alice", "yuri"])
def test_it_refuses_submission_by_anyone_but_the_agencys_office(rw: RegionWorld, who: str) -> None:
    report = approved_report(rw.world)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.submit_report(report, actor=rw.world.users[who])
    assert _snapshot() == before


def test_it_refuses_submitting_a_draft(rw: RegionWorld) -> None:
    report = reports.compute_draft(rw.world.a, 2025, actor=rw.world.grace)
    before = _snapshot()
    with pytest.raises(DomainError) as exc:
        services.submit_report(report, actor=rw.world.grace)
    assert exc.value.code == "bad_state"
    assert "只有经本机关审核同意（已审定）的报告可以报送" in exc.value.message
    assert _snapshot() == before


def test_it_refuses_submission_without_a_reporting_line(rw: RegionWorld) -> None:
    report = approved_report(rw.world)
    rw.world.a.reporting_line.delete()
    with pytest.raises(DomainError) as exc:
        services.submit_report(report, actor=rw.world.grace)
    assert exc.value.message == "“大冶市科技局”尚未设置主管部门，无法报送。请联系系统管理员。"
    assert Submission.objects.count() == 0


def _submitted(rw: RegionWorld) -> Submission:
    report = approved_report(rw.world)
    return services.submit_report(report, actor=rw.world.grace, now=SUBMITTED_AT).submission


def test_it_returns_with_a_reason_on_a_cell_and_reopens_the_draft(
    rw: RegionWorld, django_capture_on_commit_callbacks: object
) -> None:
    sub = _submitted(rw)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        round_ = services.return_submission(
            sub,
            [CELL_REASON, ("section", "5", "存在的主要问题写得过于笼统，请具体说明。")],
            actor=rw.world.otto,
            comment="请更正后重报。",
        )
    sub.refresh_from_db()
    assert sub.status == "returned"
    assert round_.outcome == "returned" and round_.decided_by == rw.world.otto
    assert [(r.target, r.ref, r.where) for r in round_.reasons.all()] == [
        ("cell", "t2.new.total", "单元格 t2.new.total"),
        ("section", "5", "正文第5部分"),
    ]
    report = AnnualReport.objects.get()
    assert report.status == ReportStatus.DRAFT
    assert report.events.filter(type="returned_by_office").count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kjj@daye.example.gov.cn"]
    assert mail.outbox[0].subject == "【政府信息公开】2025年度报告被大冶市人民政府办公室退回"
    assert "t2.new.total" in mail.outbox[0].body
    assert RegionEvent.objects.get(type="returned").data["reasons"][0] == {
        "target": "cell",
        "ref": "t2.new.total",
        "text": CELL_REASON[2],
    }


@pytest.mark.parametrize(
    ("reasons", "message"),
    [
        ([], "退回时请至少写明一条理由，并指明单元格或正文部分。"),
        ([("cell", "t9.nope", "这个单元格不存在的。")], "报告中没有单元格“t9.nope”。"),
        ([("section", "7", "第七部分不存在。")], "正文部分应为第1至第6部分。"),
        ([("cell", "t2.new.total", "不对")], "请写明退回理由（每条至少4个字）。"),
    ],
)
def test_it_refuses_a_return_without_proper_reasons(
    rw: RegionWorld, reasons: list[tuple[str, str, str]], message: str
) -> None:
    sub = _submitted(rw)
    before = _snapshot()
    with pytest.raises(DomainError) as exc:
        services.return_submission(sub, reasons, actor=rw.world.otto)
    assert exc.value.message == message
    assert _snapshot() == before


@pytest.mark.parametrize("who", ["yann", "grace", "sam", "charlie", "heidi"])
def test_only_the_regions_office_decides(rw: RegionWorld, who: str) -> None:
    sub = _submitted(rw)
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        services.return_submission(sub, [CELL_REASON], actor=rw.world.users[who])
    with pytest.raises(PermissionDenied):
        services.accept_submission(sub, actor=rw.world.users[who])
    assert _snapshot() == before


def test_the_round_trip_keeps_every_round_and_its_reasons(rw: RegionWorld) -> None:
    w = rw.world
    sub = _submitted(rw)
    services.return_submission(sub, [CELL_REASON], actor=w.otto)
    report = AnnualReport.objects.get()
    # The department corrects (here: the narrative), passes its chain again and resubmits.
    texts = [s["text"] for s in report.sections]
    texts[0] += "经核实，申请受理数已与台账一致。"
    reports.edit_sections(report, texts, actor=w.grace)
    report = approve_chain(report, w.grace, (w.bob, w.carol, w.dave, w.erin))
    assert report.status == ReportStatus.APPROVED
    round2 = services.submit_report(report, actor=w.grace)
    assert round2.number == 2 and round2.revision.number == 2
    accepted = services.accept_submission(sub, actor=w.olga, comment="同意。")
    sub.refresh_from_db()
    assert (sub.status, sub.rounds_count, sub.accepted_round) == ("accepted", 2, accepted)
    assert list(sub.rounds.values_list("number", "outcome")) == [
        (2, "accepted"),
        (1, "returned"),
    ]
    assert sub.rounds.get(number=1).reasons.get().text == CELL_REASON[2]
    version = reports.publish_report(report, actor=w.grace)
    assert version.revision == round2.revision
    round2.refresh_from_db()
    assert round2.version == version
    with pytest.raises(DomainError) as exc:
        services.accept_submission(sub, actor=w.otto)
    assert exc.value.code == "bad_state"


def test_a_region_can_make_publication_wait_for_acceptance(rw_waits: RegionWorld) -> None:
    w = rw_waits.world
    report = approved_report(w)
    round_ = services.submit_report(report, actor=w.grace)
    with pytest.raises(DomainError) as exc:
        reports.publish_report(report, actor=w.grace)
    assert exc.value.message == (
        "本地区规定年度报告须经大冶市人民政府办公室接收后方可发布；报送尚未被接收。"
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.versions.count() == 0
    services.accept_submission(round_.submission, actor=w.otto)
    version = reports.publish_report(report, actor=w.grace)
    assert version.number == 1


def test_a_published_report_returned_is_corrected_as_a_new_version(rw: RegionWorld) -> None:
    w = rw.world
    report = approved_report(w)
    services.submit_report(report, actor=w.grace)
    reports.publish_report(report, actor=w.grace)
    sub = Submission.objects.get()
    services.return_submission(sub, [CELL_REASON], actor=w.otto)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED  # stays online until corrected
    with pytest.raises(DomainError) as exc:
        services.submit_report(report, actor=w.grace)  # the same version again
    assert exc.value.code == "unchanged"
    reports.start_correction(report, actor=w.grace, note="更正申请受理数。")
    report = approve_chain(report, w.grace, (w.bob, w.carol, w.dave, w.erin))
    services.submit_report(report, actor=w.grace)
    v2 = reports.publish_report(report, actor=w.grace)
    assert v2.number == 2


def test_the_transitions_table_is_the_one_guard() -> None:
    assert TRANSITIONS == {
        "": {SubmissionStatus.SUBMITTED},
        "submitted": {"returned", "accepted"},
        "returned": {"submitted"},
        "accepted": {"submitted"},
    }


def test_a_returned_submission_cannot_be_accepted(rw: RegionWorld) -> None:
    sub = _submitted(rw)
    services.return_submission(sub, [CELL_REASON], actor=rw.world.otto)
    before = _snapshot()
    with pytest.raises(DomainError) as exc:
        services.accept_submission(sub, actor=rw.world.otto)
    assert exc.value.message == "报送当前状态为“已退回”，没有待处理的报送。"
    assert _snapshot() == before
