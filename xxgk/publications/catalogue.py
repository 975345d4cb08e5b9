"""Default catalogue of an agency: the seed's four headings and the 法定主动公开内容 items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from xxgk.portal import pagecache
from xxgk.publications.models import CatalogueSettings, Category, IndexCounter

if TYPE_CHECKING:
    from xxgk.agencies.models import Agency

# The seed's headings (大冶市科技局 2019: 基础概况、办事指南、政策文件、动态信息).
OWN_HEADINGS = ["基础概况", "办事指南", "政策文件", "动态信息"]
STATUTORY_ROOT = "法定主动公开内容"
# 条例 Art. 20 (一)–(十五) and Art. 21, short labels of the 专栏 (国办公开办函〔2019〕61号).
STATUTORY_ITEMS: list[tuple[str, str]] = [
    ("art20.1", "规章和规范性文件"),
    ("art20.2", "机关职能"),
    ("art20.3", "规划信息"),
    ("art20.4", "统计信息"),
    ("art20.5", "行政许可和其他对外管理服务事项"),
    ("art20.6", "行政处罚和行政强制"),
    ("art20.7", "财政预算、决算"),
    ("art20.8", "行政事业性收费"),
    ("art20.9", "政府集中采购"),
    ("art20.10", "重大建设项目"),
    ("art20.11", "扶贫、教育、医疗、社会保障、促进就业"),
    ("art20.12", "突发公共事件应急管理"),
    ("art20.13", "环境保护、公共卫生、安全生产、食品药品、产品质量监督检查"),
    ("art20.14", "公务员招考"),
    ("art20.15", "其他依法应当主动公开的信息"),
    ("art21", "市县级政府及部门重点公开事项（第二十一条）"),
]


@transaction.atomic
def ensure_default_categories(agency: Agency) -> list[Category]:
    """Create the default tree the first time an agency uses the catalogue; return all."""
    if not Category.objects.filter(agency=agency).exists():
        for order, name in enumerate(OWN_HEADINGS, start=1):
            Category.objects.create(agency=agency, name=name, order=order)
        root = Category.objects.create(agency=agency, name=STATUTORY_ROOT, order=10)
        for order, (code, name) in enumerate(STATUTORY_ITEMS, start=1):
            Category.objects.create(
                agency=agency, parent=root, name=name, item_code=code, order=order
            )
        pagecache.bump_agency(agency)  # the column's category tree and 指南 changed
    return list(Category.objects.filter(agency=agency).select_related("parent"))


def _org_code(agency: Agency) -> str:
    # The 组织机构代码 is characters 9–17 of the 统一社会信用代码 (GB 32100-2015).
    if agency.credit_code and len(agency.credit_code) == 18:
        return agency.credit_code[8:17]
    return agency.code.upper()


@transaction.atomic
def next_index_number(agency: Agency, year: int) -> str:
    """Return a new unique 索引号 from the agency's pattern (条例 Art. 12: 政府信息公开目录)."""
    settings_row, _ = CatalogueSettings.objects.get_or_create(agency=agency)
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(agency=agency, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return format_index_number(
        settings_row.index_pattern,
        org=_org_code(agency),
        code=agency.code,
        year=year,
        seq=counter.last,
    )


def format_index_number(pattern: str, *, org: str, code: str, year: int, seq: int) -> str:
    """Return the pattern filled in; a broken pattern falls back to the default one."""
    try:
        return pattern.format(org=org, code=code, year=year, seq=seq)
    except (KeyError, IndexError, ValueError):
        return f"{org}/{year}-{seq:05d}"
