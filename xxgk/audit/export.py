"""The audit trail as CSV or XLSX (formula injection neutralised in every text cell)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from xxgk.audit.models import AuditRecord
from xxgk.backoffice.spreadsheet import neutralise, workbook_bytes

HEADERS = [
    "序号",
    "时间",
    "操作人",
    "机关",
    "操作",
    "对象类型",
    "对象编号",
    "对象",
    "修改前",
    "修改后",
    "哈希",
]


def rows_of(records: Iterable[AuditRecord]) -> Iterable[list[Any]]:
    for r in records:
        yield [
            r.seq,
            timezone.localtime(r.at).strftime("%Y-%m-%d %H:%M:%S"),
            r.actor_name,
            r.agency_name,
            r.action,
            r.object_type,
            r.object_id,
            r.object_repr,
            json.dumps(r.before, ensure_ascii=False, sort_keys=True),
            json.dumps(r.after, ensure_ascii=False, sort_keys=True),
            r.hash,
        ]


def to_csv(records: Iterable[AuditRecord]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for row in rows_of(records):
        writer.writerow([neutralise(v) for v in row])
    # UTF-8 with BOM so Excel/WPS on Windows open the Chinese text correctly.
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(records: Iterable[AuditRecord]) -> bytes:
    return workbook_bytes("审计日志", HEADERS, rows_of(records))
