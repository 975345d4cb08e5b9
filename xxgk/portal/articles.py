"""The statutory structure of the column: Art. 20/21 items and the national rules (pure data)."""

from __future__ import annotations

# 条例 Art. 20 (and Art. 21) item codes as used by publications.Category.item_code.
ITEMS: dict[str, str] = {
    "art20.1": "（一）行政法规、规章和规范性文件",
    "art20.2": "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "art20.3": "（三）国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "art20.4": "（四）国民经济和社会发展统计信息",
    "art20.5": "（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "art20.6": "（六）实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "art20.7": "（七）财政预算、决算信息",
    "art20.8": "（八）行政事业性收费项目及其依据、标准",
    "art20.9": "（九）政府集中采购项目的目录、标准及实施情况",
    "art20.10": "（十）重大建设项目的批准和实施情况",
    "art20.11": "（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "art20.12": "（十二）突发公共事件的应急预案、预警信息及应对情况",
    "art20.13": "（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "art20.14": "（十四）公务员招考的职位、名额、报考条件等事项以及录用结果",
    "art20.15": "（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    "art21": "第二十一条规定的其他主动公开内容",
}

# Item codes that mark the special sub-columns (国办公开办函〔2019〕61号 structure).
RULES_ITEM_CODE = "rules"
ANNUAL_REPORT_ITEM_CODE = "annual_report"

# 政府信息公开制度: the national rules every column lists. Links are a deployment setting
# (XXGK_NATIONAL_RULE_LINKS = {title: url}) because the official URLs were not verified here
# ([R]); without a link the title is shown as text.
NATIONAL_RULES: list[str] = [
    "中华人民共和国政府信息公开条例（2019年修订，国务院令第711号）",
    "政府信息公开信息处理费管理办法（国办函〔2020〕109号）",
    "关于规范政府信息公开平台有关事项的通知（国办公开办函〔2019〕61号）",
    "政府信息公开工作年度报告格式（国办公开办函〔2021〕30号）",
]


def national_rules() -> list[tuple[str, str]]:
    """(title, url or "") of the national rules, with the links configured for this site."""
    from django.conf import settings

    links: dict[str, str] = getattr(settings, "XXGK_NATIONAL_RULE_LINKS", {})
    return [(title, links.get(title, "")) for title in NATIONAL_RULES]


def item_label(code: str) -> str:
    return ITEMS.get(code, code)


def item_reference(code: str) -> str:
    """ "第二十条（七）财政预算、决算信息" for "art20.7"; "" for the agency's own headings."""
    if code.startswith("art20."):
        return "第二十条" + ITEMS.get(code, code)
    return ITEMS.get(code, "")
