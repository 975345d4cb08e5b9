"""Reading our own interchange JSON (``docs/spec/report-cells.md``)."""

from __future__ import annotations

import json

from xxgk.annual_reports.data import ReportData
from xxgk.ingestion.base import ReportReadError


def read_json_report(data: bytes) -> ReportData:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ReportReadError("JSON文件格式错误，无法解析") from None
    try:
        return ReportData.from_json(raw)
    except ValueError as exc:
        raise ReportReadError(str(exc)) from None
