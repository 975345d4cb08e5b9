"""The whole demo, loaded as `make demo` loads it: the seed reproduced, the busy agency recounted."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

from django.core.management import call_command

import pytest

from xxgk.agencies.models import Agency
from xxgk.annual_reports.compute import compute_report
from xxgk.annual_reports.export import export_cases_csv
from xxgk.annual_reports.models import AnnualReport
from xxgk.annual_reports.rules import validate
from xxgk.annual_reports.services import check_report
from xxgk.backoffice.demo import load_demo
from xxgk.ingestion.read import read_report
from xxgk.testdata import SEED


def test_the_demo_end_to_end(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    # One load for all checks: loading the whole demo is the slow part (~10 s).
    load_demo()
    check_seed_reproduction(capsys)
    check_busy_agency_recount()
    check_busy_agency_report()
    check_idempotent()
    check_demo_accounts()
    check_region_demo()


def model_counts() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label.startswith(
            (
                "accounts",
                "agencies",
                "publications",
                "applications",
                "appeals",
                "annual_reports",
                "approvals",
                "region",
            )
        )
    }


def check_seed_reproduction(capsys: pytest.CaptureFixture[str]) -> None:
    seed = read_report(SEED)
    call_command("report", "compute", "--agency", "大冶市科技局", "--year", "2019", "--json")
    computed = json.loads(capsys.readouterr().out)
    assert computed["format"] == "2019"
    assert computed["cells"] == seed.to_json()["cells"]
    assert computed["findings"] == []
    assert computed["sections"][1]["text"].startswith(
        "2019年主动公开各类信息共21条。其中：湖北政务服务网1条，大冶市政府网5条，云上大冶15条。"
    )


def check_busy_agency_recount() -> None:
    agency = Agency.objects.get(code="daye-zfb")
    cells = compute_report(agency, 2025).report.cells
    rows = list(csv.DictReader(io.StringIO(export_cases_csv(agency, 2025))))
    assert len(rows) == 65  # 62 new in 2025 + 3 carried in from 2024
    recount: Counter[str] = Counter()
    for row in rows:
        for key in (row["计入代码"], row["办理结果代码"] or "carried_out"):
            recount[f"t2.{key}.{row['申请人类型代码']}"] += 1
            recount[f"t2.{key}.total"] += 1
        if row["办理结果代码"]:
            recount["t2.total.total"] += 1
    for code, value in cells.items():
        if (
            code.startswith("t2.")
            and not code.startswith(("t2.other.", "t2.total."))
            or code == "t2.total.total"
        ):
            assert recount[code] == value, code


def check_busy_agency_report() -> None:
    agency = Agency.objects.get(code="daye-zfb")
    report = AnnualReport.objects.get(agency=agency, year=2025)
    from datetime import date

    assert check_report(report, dated=date(2026, 1, 20)) == []
    last = AnnualReport.objects.get(agency=agency, year=2024).current_version.to_report_data()
    assert [f.code for f in validate(report.to_report_data(date(2026, 1, 20)), last)] == []
    assert report.cells["t2.carried_in.total"] == last.cells["t2.carried_out.total"] == 3
    assert report.cells["t2.new.total"] >= 60
    for row in ("t3.reconsideration", "t3.litigation_direct", "t3.litigation_after"):
        assert report.cells[f"{row}.total"] > 0


def check_idempotent() -> None:
    before = model_counts()
    load_demo()
    assert model_counts() == before


def check_demo_accounts() -> None:
    """Every demo account logs in with the printed password and sees only its own agency."""
    from django.test import Client

    from xxgk.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    names = dict(Agency.objects.values_list("code", "name"))
    for username, _full_name, code, role in DEMO_ACCOUNTS:
        client = Client()
        assert client.login(username=username, password=DEMO_PASSWORD), username
        body = client.get("/backoffice/").content.decode()
        assert names[code] in body, username
        others = {"daye-kjj", "daye-tjj", "daye-zfb"} - {code}
        if role != "supervisor":
            for other in others:
                assert f"/backoffice/agencies/{other}/" not in body, (username, other)


def check_region_demo() -> None:
    """大冶市: >= 30 departments, >= 5 towns; 2025 in every state; 黄石市 above 大冶 and 阳新."""
    from collections import Counter as Tally

    from xxgk.region.models import ImportedReport, Submission
    from xxgk.region.selectors import region_rows

    office = Agency.objects.get(code="daye-zfb")
    rows = region_rows(office, 2025)
    kinds = Tally(r.kind for r in rows)
    assert kinds["department"] >= 30
    assert kinds["township"] + kinds["subdistrict"] >= 5
    statuses = Tally(r.status for r in rows)
    assert set(statuses) == {
        "not_started",
        "drafting",
        "submitted",
        "returned",
        "accepted",
        "published",
    }
    assert any(r.status == "published" and r.days_late > 0 for r in rows)
    assert Submission.objects.get(agency__code="daye-kjj", year=2025).rounds_count == 2
    assert ImportedReport.objects.filter(year__in=[2023, 2024, 2025]).count() >= 60
    supervised = {r.agency.name for r in region_rows(Agency.objects.get(code="huangshi"), 2025)}
    assert {"大冶市人民政府", "阳新县人民政府", "大冶市科技局", "阳新县科技局"} <= supervised
