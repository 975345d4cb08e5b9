"""The report as interchange JSON (docs/spec/report-cells.md), pretty and UTF-8."""

from __future__ import annotations

import json

from xxgk.annual_reports.data import ReportData


def render_json(report: ReportData) -> bytes:
    return (json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
