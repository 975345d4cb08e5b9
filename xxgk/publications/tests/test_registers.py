from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from xxgk.errors import DomainError, PermissionDenied
from xxgk.publications.models import NormativeDocument, ServiceItem
from xxgk.publications.registers import table1_cells
from xxgk.publications.registers.services import import_register, set_figure
from xxgk.publications.registers.sheets import template_bytes
from xxgk.publications.registers.table1 import (
    DocumentFigures,
    ServiceFigures,
    Table1Figures,
    cells_from_figures,
)

HEADER = ["类别", "标题", "文号", "制发日期", "公开日期", "废止/失效日期", "状态"]


def _xlsx(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_turns_figures_into_both_formats() -> None:
    figures = Table1Figures(
        normative=DocumentFigures(
            made=16, published=16, total_published=16, issued=16, in_force=20
        ),
        other_services=ServiceFigures(prev_items=14, items=1, decisions=45),
        licensing=ServiceFigures(prev_items=2, items=3, decisions=7),
        fees_amount_yuan=Decimal("1200"),
        procurement_projects=2,
        procurement_amount_yuan=Decimal("251000"),
    )
    cells_2019 = cells_from_figures(figures, "2019")
    assert len(cells_2019) == 22
    assert cells_2019["t1.other_services.change"] == -13
    assert cells_2019["t1.licensing.change"] == 1
    assert cells_2019["t1.procurement.amount"] == Decimal("251000")
    cells_2021 = cells_from_figures(figures, "2021")
    assert sorted(cells_2021) == sorted(
        [
            f"t1.{r}.{c}"
            for r in ("regulations", "normative")
            for c in ("issued", "repealed", "in_force")
        ]
        + [
            "t1.licensing.decisions",
            "t1.penalty.decisions",
            "t1.coercion.decisions",
            "t1.fees.amount",
        ]
    )
    assert cells_2021["t1.normative.in_force"] == 20
    assert cells_2021["t1.fees.amount"] == Decimal("0.12")
    with pytest.raises(ValueError, match="未知的年报格式"):
        cells_from_figures(figures, "2020")


def test_it_imports_a_good_file_and_computes_cells(world) -> None:
    rows = [
        [
            "行政规范性文件",
            "办法一",
            "冶科发〔2019〕1号",
            date(2019, 3, 1),
            date(2019, 3, 5),
            None,
            "现行有效",
        ],
        [
            "行政规范性文件",
            "办法二",
            "冶科发〔2018〕9号",
            date(2018, 6, 1),
            date(2018, 6, 2),
            "2019-08-01",
            "废止",
        ],
        ["规章", "规章一", "冶政令第1号", "2019-04-01", None, None, "现行有效"],
    ]
    assert import_register(world.a, "normative", _xlsx(rows), actor=world.alice) == 3
    cells = table1_cells(world.a, 2019, "2021")
    assert cells["t1.normative.issued"] == 1
    assert cells["t1.normative.repealed"] == 1
    assert cells["t1.normative.in_force"] == 1
    assert cells["t1.regulations.issued"] == 1
    cells_2019 = table1_cells(world.a, 2019, "2019")
    assert cells_2019["t1.regulations.published"] == 0
    assert cells_2019["t1.normative.total_published"] == 1
    # a yearly figure wins over the counted items
    set_figure(world.a, actor=world.alice, year=2019, register="normative", metric="made", value=5)
    assert table1_cells(world.a, 2019, "2019")["t1.normative.made"] == 5


def test_it_imports_nothing_when_a_row_is_bad(world) -> None:
    rows = [
        ["行政规范性文件", "办法一", "冶科发〔2019〕1号", date(2019, 3, 1), None, None, "现行有效"],
        ["红头文件", "办法二", "冶科发〔2019〕2号", "2019-13-45", None, None, "现行有效"],
        ["行政规范性文件", "", "冶科发〔2019〕1号", date(2019, 3, 1), None, None, "现行有效"],
    ]
    with pytest.raises(DomainError) as info:
        import_register(world.a, "normative", _xlsx(rows), actor=world.alice)
    message = info.value.message
    assert "未导入任何数据" in message
    assert "第3行：“类别”应为以下之一" in message
    assert "第3行：“制发日期”日期格式应为" in message
    assert "第4行：“标题”不能为空" in message
    assert "第4行：与第2行重复" in message
    assert NormativeDocument.objects.count() == 0


def test_it_refuses_a_wrong_header_or_garbage(world) -> None:
    with pytest.raises(DomainError, match="表头"):
        import_register(world.a, "normative", _xlsx([], header=["a", "b"]), actor=world.alice)
    with pytest.raises(DomainError, match="无法读取"):
        import_register(world.a, "service_items", b"not an xlsx", actor=world.alice)
    assert ServiceItem.objects.count() == 0


def test_it_keeps_other_agencies_out_of_the_registers(world) -> None:
    with pytest.raises(PermissionDenied):
        import_register(
            world.a, "service_items", template_bytes("service_items"), actor=world.charlie
        )


def test_it_offers_templates_that_round_trip(world) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes("service_items")))
    assert [c.value for c in book.worksheets[0][1]] == ["事项类别", "年度", "事项名称", "事项编码"]
    sheet = book.worksheets[0]
    sheet.append(["其他对外管理服务事项", 2018, "科技成果登记", ""])
    sheet.append(["其他对外管理服务事项", 2019, "科技成果登记", ""])
    out = io.BytesIO()
    book.save(out)
    assert import_register(world.a, "service_items", out.getvalue(), actor=world.alice) == 2
    cells = table1_cells(world.a, 2019, "2019")
    assert cells["t1.other_services.prev_items"] == 1
    assert cells["t1.other_services.change"] == 0
