"""Background jobs: start → run → progress → result, on the immediate backend and once on the
real database queue with a ``db_worker`` process loop, plus who may see a job."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

import pytest
from django_tasks_db.models import DBTaskResult

from xxgk.annual_reports.data import ReportData, Section
from xxgk.annual_reports.render import render
from xxgk.annual_reports.schema import FORMATS, HEADINGS
from xxgk.errors import DomainError, PermissionDenied
from xxgk.jobs import services
from xxgk.jobs.models import Job, JobStatus


def _report_json(agency: str = "大冶市科技局", natural: int = 0) -> bytes:
    cells = dict.fromkeys(FORMATS["2021"].cell_codes(), 0)
    cells["t2.new.natural"] = natural  # ≠ 0 breaks R-T2-BALANCE and R-T2-COLSUM
    report = ReportData(
        agency=agency,
        year=2025,
        format="2021",
        title=f"{agency}2025年政府信息公开工作年度报告",
        sections=[Section(h, "正文") for h in HEADINGS],
        cells=cells,
    )
    return render(report, "json")


def _zip(**files: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_it_checks_uploaded_files_and_a_zip_in_the_background(world, client) -> None:
    client.force_login(world.alice)
    response = client.post(
        reverse("jobs:check_files"),
        {
            "agency": world.a.pk,
            "files": [
                SimpleUploadedFile("good.json", _report_json()),
                SimpleUploadedFile(
                    "region.zip",
                    _zip(**{"bad.json": _report_json("大冶市统计局", 2), "empty.txt": b""}),
                ),
            ],
        },
    )
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.DONE
    assert (job.done, job.total, job.percent) == (3, 3, 100)
    assert job.created_by == world.alice and job.agency == world.a
    files = job.result["files"]
    assert [f["name"] for f in files] == [
        "good.json",
        "region.zip/bad.json",
        "region.zip/empty.txt",
    ]
    assert (files[0]["agency"], files[0]["errors"]) == ("大冶市科技局", 0)
    assert (files[1]["agency"], files[1]["errors"]) == ("大冶市统计局", 2)
    assert files[2] == {"name": "region.zip/empty.txt", "error": "文件为空"}
    assert job.result["summary"] == "共3个文件：1个无法读取，1个有错误，1个无错误"
    page = client.get(job.get_absolute_url()).content.decode()
    assert "共3个文件：1个无法读取，1个有错误，1个无错误" in page
    assert "xxgk/jobs.js" in page
    fragment = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert "data-job-poll" not in fragment  # finished: the page stops polling
    assert "已完成" in fragment


def test_it_hides_a_job_from_another_agency_and_refuses_unknown_kinds(world, client) -> None:
    job = services.start_job(
        "check_files", actor=world.alice, agency=world.a, params={"paths": [], "names": []}
    )
    client.force_login(world.charlie)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("jobs:progress", args=[job.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.start_job("check_files", actor=world.charlie, agency=world.a)
    with pytest.raises(DomainError, match="未知的后台任务类型：nope"):
        services.start_job("nope", actor=world.alice, agency=world.a)
    assert Job.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_runs_a_job_through_the_database_queue_and_a_db_worker(client) -> None:
    from xxgk.testing import make_world

    world = make_world()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        job = services.start_job(
            "check_files",
            actor=world.alice,
            agency=world.a,
            params={"paths": [], "names": []},
        )
        assert job.status == JobStatus.QUEUED
        queued = DBTaskResult.objects.get()
        assert str(queued.id) == job.task_id
        assert queued.task_path == "xxgk.jobs.tasks.run_job"
        assert queued.args_kwargs == {"args": [job.pk], "kwargs": {}}
        client.force_login(world.alice)
        fragment = client.get(reverse("jobs:progress", args=[job.pk])).content.decode()
        assert f'data-job-poll="{reverse("jobs:progress", args=[job.pk])}"' in fragment
        assert "任务已排队" in fragment

        call_command(
            "db_worker", batch=True, startup_delay=False, interval=0, reload=False, verbosity=0
        )

    job.refresh_from_db()
    queued.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result["summary"] == "共0个文件：0个无法读取，0个有错误，0个无错误"
    assert queued.status == "SUCCESSFUL"
    assert job.started_at is not None and job.finished_at is not None
