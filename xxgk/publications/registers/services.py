"""State changes of the registers: XLSX import (all or nothing) and yearly figures."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.accounts import policy
from xxgk.accounts.services import record_config_change
from xxgk.errors import DomainError
from xxgk.publications.models import RegisterFigure
from xxgk.publications.registers.sheets import SHEETS, parse_workbook

if TYPE_CHECKING:
    from xxgk.accounts.models import User
    from xxgk.agencies.models import Agency

MAX_LISTED_ERRORS = 30


@transaction.atomic
def import_register(agency: Agency, kind: str, data: bytes, *, actor: User) -> int:
    """Import a filled-in template; any bad row refuses the whole file. Return rows imported."""
    policy.require(actor, policy.Action.EDIT_REGISTERS, agency)
    sheet = SHEETS.get(kind)
    if sheet is None:
        raise DomainError("未知的登记簿类型。")
    result = parse_workbook(kind, data)
    if result.errors:
        listed = result.errors[:MAX_LISTED_ERRORS]
        more = len(result.errors) - len(listed)
        tail = f"；另有{more}处错误" if more > 0 else ""
        raise DomainError("导入失败，未导入任何数据：" + "；".join(listed) + tail, code="bad_rows")
    for _number, row in result.rows:
        if sheet.key:
            lookup = {k: row[k] for k in sheet.key}
            defaults = {k: v for k, v in row.items() if k not in sheet.key}
            if kind == "figures":
                defaults["updated_by"] = actor
            sheet.model.objects.update_or_create(agency=agency, **lookup, defaults=defaults)
        else:
            sheet.model.objects.create(agency=agency, **row)
    record_config_change(
        actor=actor,
        agency=agency,
        kind="register_imported",
        data={"register": kind, "rows": len(result.rows)},
    )
    return len(result.rows)


@transaction.atomic
def set_figure(
    agency: Agency,
    *,
    actor: User,
    year: int,
    register: str,
    metric: str,
    value: Decimal | int,
) -> RegisterFigure:
    """Enter one yearly figure (instead of keeping the register item by item)."""
    policy.require(actor, policy.Action.EDIT_REGISTERS, agency)
    if register not in RegisterFigure.Register.values or metric not in RegisterFigure.Metric.values:
        raise DomainError("登记簿或指标无效。")
    if not 1990 <= year <= 2100:
        raise DomainError("年度无效。")
    figure, _ = RegisterFigure.objects.update_or_create(
        agency=agency,
        year=year,
        register=register,
        metric=metric,
        defaults={"value": Decimal(value), "updated_by": actor},
    )
    record_config_change(
        actor=actor,
        agency=agency,
        kind="register_figure_set",
        data={"year": year, "register": register, "metric": metric, "value": str(value)},
    )
    return figure
