"""Validation rules of the annual report (pure). ``validate(report, previous=None)`` never raises.

Every rule has a stable code (:class:`Rule`, never renamed: supervising offices filter on them),
a fixed severity and an entry in ``docs/annual-report-rules.md`` (kept in sync by a test).
Sources: the note printed on table 2 (勾稽关系), 条例 Art. 49–50, and the evaluators' checks
listed in domain.md §2.5 and §6.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from xxgk.annual_reports.data import Finding, ReportData, Severity
from xxgk.annual_reports.schema import (
    FORMAT_2021,
    FORMATS,
    HEADINGS,
    OTHER_2021,
    T2_COLUMN_KEYS,
    T2_COLUMNS,
    T3_COLUMN_KEYS,
    T3_GROUPS,
    ReportFormat,
    format_for_year,
    t2_row_keys,
)
from xxgk.lib.dates import chinese_date
from xxgk.lib.report_deadline import report_deadline, report_due


class Rule(StrEnum):
    T2_BALANCE = "R-T2-BALANCE"
    T2_TOTAL = "R-T2-TOTAL"
    T2_COLSUM = "R-T2-COLSUM"
    T2_OTHER_SUM = "R-T2-OTHER-SUM"
    T3_TOTAL = "R-T3-TOTAL"
    T1_CHANGE = "R-T1-CHANGE"
    CELL_BLANK = "R-CELL-BLANK"
    CELL_INVALID = "R-CELL-INVALID"
    DATE_MISSING = "R-DATE-MISSING"
    DATE_BEFORE_YEAR_END = "R-DATE-BEFORE-YEAR-END"
    DATE_LATE = "R-DATE-LATE"
    FORMAT_VERSION = "R-FORMAT-VERSION"
    HEADINGS = "R-HEADINGS"
    CROSS_YEAR_CARRY = "R-CROSS-YEAR-CARRY"
    PREVIOUS_YEAR = "R-PREVIOUS-YEAR"
    TEXT_TABLE = "R-TEXT-TABLE"
    SECTION5_EMPTY = "R-SECTION5-EMPTY"
    GOV_ASSESSMENT = "R-GOV-ASSESSMENT"
    FEES_SECTION6 = "R-FEES-SECTION6"
    TEXT_PROMPT = "R-TEXT-PROMPT"
    TEXT_COPY = "R-TEXT-COPY"
    CONVERT_UNKNOWN = "R-CONVERT-UNKNOWN"
    READ_TABLE_MISSING = "R-READ-TABLE-MISSING"
    READ_ROW_MISSING = "R-READ-ROW-MISSING"
    READ_AMBIGUOUS = "R-READ-AMBIGUOUS"
    READ_JOINED = "R-READ-JOINED"
    READ_META = "R-READ-META"
    READ_UNIT = "R-READ-UNIT"
    # Codes of the structured readers (DOCX/XLSX/grid, xxgk/ingestion): registered here so that
    # every code any reader, renderer or rule emits has one entry (tests/test_finding_codes.py).
    TABLE_MISSING = "R-TABLE-MISSING"
    LAYOUT = "R-LAYOUT"
    CELL_UNKNOWN = "R-CELL-UNKNOWN"
    DATE_INVALID = "R-DATE-INVALID"
    # The 本级政府 aggregate (annual_reports/aggregate.py).
    AGG_BLANK = "R-AGG-BLANK"
    READ_PLACEHOLDER = "R-READ-PLACEHOLDER"
    READ_OCR = "R-READ-OCR"
    READ_OCR_LOW = "R-READ-OCR-LOW"
    COMPARE_CONTINUITY = "R-COMPARE-CONTINUITY"
    COMPARE_CHANGE = "R-COMPARE-CHANGE"
    COMPARE_COPIED = "R-COMPARE-COPIED"
    INTERNAL = "R-INTERNAL"


@dataclass(frozen=True)
class RuleInfo:
    severity: Severity
    summary: str


RULES: dict[Rule, RuleInfo] = {
    Rule.T2_BALANCE: RuleInfo(
        "error", "表二每列：一（本年新收）+ 二（上年结转）= （七）总计 + 四（结转下年度）"
    ),
    Rule.T2_TOTAL: RuleInfo("error", "表二每列：（七）总计 = （一）至（六）各行之和"),
    Rule.T2_COLSUM: RuleInfo("error", "表二每行：总计列 = 自然人 + 五类法人或其他组织之和"),
    Rule.T2_OTHER_SUM: RuleInfo("error", "2021格式表二每列：（六）其他处理 = 其三个子行之和"),
    Rule.T3_TOTAL: RuleInfo("error", "表三每组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
    Rule.T1_CHANGE: RuleInfo(
        "warning", "2019格式表一：上一年项目数量 + 本年增/减 ≥ 0；对外公开总数量 ≥ 本年新公开数量"
    ),
    Rule.CELL_BLANK: RuleInfo("warning", "格式中的单元格为空或缺失（应填 0）"),
    Rule.CELL_INVALID: RuleInfo(
        "error", "单元格不是数字、不应为负却为负、应为整数却有小数，或代码不属于该格式"
    ),
    Rule.DATE_MISSING: RuleInfo("warning", "报告未注明成文日期"),
    Rule.DATE_BEFORE_YEAR_END: RuleInfo("error", "成文日期不晚于报告年度12月31日"),
    Rule.DATE_LATE: RuleInfo(
        "warning",
        "成文日期晚于法定期限（2019年度起：部门1月31日，人民政府本级3月31日；2018年度及以前：3月31日）",
    ),
    Rule.FORMAT_VERSION: RuleInfo(
        "warning", "2021年及以后使用2019格式，或2020年及以前使用2021格式"
    ),
    Rule.HEADINGS: RuleInfo("warning", "格式规定的六个部分标题缺失或措辞不同"),
    Rule.CROSS_YEAR_CARRY: RuleInfo(
        "error", "本年“上年结转”≠ 上一年度报告“结转下年度继续办理”（每列）"
    ),
    Rule.PREVIOUS_YEAR: RuleInfo(
        "warning", "提供的上一年度报告不是上一年度或不是同一机关，无法比对结转"
    ),
    Rule.TEXT_TABLE: RuleInfo("warning", "正文所述数字与表格不符（申请件数、无复议诉讼等）"),
    Rule.GOV_ASSESSMENT: RuleInfo(
        "warning",
        "人民政府本级报告未写明工作考核、社会评议和责任追究结果情况（条例第五十条第四项）",
    ),
    Rule.SECTION5_EMPTY: RuleInfo("error", "第五部分“存在的主要问题及改进情况”为空或仅写“无”"),
    Rule.FEES_SECTION6: RuleInfo(
        "warning",
        "本年度收取了信息处理费（收费记录或正文所述），第六部分“其他需要报告的事项”未写明收费情况",
    ),
    Rule.TEXT_PROMPT: RuleInfo("error", "正文中仍有待填写的提示（【请…】）"),
    Rule.TEXT_COPY: RuleInfo("warning", "第五、六部分与上一年度报告相应部分相似度达90%以上"),
    Rule.CONVERT_UNKNOWN: RuleInfo("warning", "格式转换时无法推出的单元格，置为空"),
    Rule.READ_TABLE_MISSING: RuleInfo("warning", "读取时未找到某张表"),
    Rule.READ_ROW_MISSING: RuleInfo("warning", "读取时未找到表中的某行或某行数字不全"),
    Rule.READ_AMBIGUOUS: RuleInfo("warning", "单元格数字连写且无法唯一拆分，留空"),
    Rule.READ_JOINED: RuleInfo("warning", "单元格数字连写，已按勾稽关系唯一拆分"),
    Rule.READ_META: RuleInfo("warning", "读取时未能识别机关名称、年度或格式"),
    Rule.READ_UNIT: RuleInfo("warning", "单元格带有单位文字，按所印数字读取"),
    Rule.TABLE_MISSING: RuleInfo("error", "读取DOCX/XLSX时缺少某张表或某个工作表"),
    Rule.LAYOUT: RuleInfo("error", "读取时表格版式（表头文字）与所声明的格式不符"),
    Rule.CELL_UNKNOWN: RuleInfo("warning", "读取XLSX时遇到格式中没有的单元格代码"),
    Rule.DATE_INVALID: RuleInfo("error", "读取时成文日期不是有效日期"),
    Rule.AGG_BLANK: RuleInfo(
        "warning", "汇总本级政府报告时，某部门/下级报告的单元格为空，未计入汇总"
    ),
    Rule.READ_PLACEHOLDER: RuleInfo(
        "warning", "单元格填写“—”“/”“无”等而非数字，未按0读取，留空待核对"
    ),
    Rule.READ_OCR: RuleInfo("warning", "文件是扫描件（无文字层），表格数字由OCR识别，请核对原件"),
    Rule.READ_OCR_LOW: RuleInfo("warning", "OCR识别置信度低的单元格，请核对原件"),
    Rule.COMPARE_CONTINUITY: RuleInfo(
        "warning",
        "跨年度：本年现行有效件数 ≠ 上年现行有效 + 本年制发 − 本年废止（2019格式：上一年项目数量 ≠ 上年项目数量 + 增减）",
    ),
    Rule.COMPARE_CHANGE: RuleInfo(
        "warning", "跨年度：某数字较上一年度变化超过设定比例（默认50%，且至少10）"
    ),
    Rule.COMPARE_COPIED: RuleInfo(
        "warning", "跨年度：某部分文字与上一年度报告几乎相同（≥90%），可能照搬"
    ),
    Rule.INTERNAL: RuleInfo("error", "校验器内部错误（不应出现；请报告缺陷）"),
}


def finding(rule: Rule, message: str, where: str = "") -> Finding:
    return Finding(rule.value, RULES[rule].severity, message, where)


def validate(
    report: ReportData,
    previous: ReportData | None = None,
    *,
    fees_collected_yuan: Decimal | None = None,
) -> list[Finding]:
    """Every finding for ``report`` (and the carry-over against ``previous``). Never raises.

    ``fees_collected_yuan``: the 信息处理费 collected in the report year according to the
    agency's own fee records (None when unknown, e.g. a report read from a website); a positive
    amount makes R-FEES-SECTION6 require section 六 to state the fees.
    """
    checks: list[Callable[[], Iterable[Finding]]] = [
        lambda: _check_cells(report),
        lambda: _check_t2(report),
        lambda: _check_t3(report),
        lambda: _check_t1(report),
        lambda: _check_dates(report),
        lambda: _check_format(report),
        lambda: _check_headings(report),
        lambda: _check_text(report),
        lambda: _check_section5(report),
        lambda: _check_assessment(report),
        lambda: _check_fees_section6(report, fees_collected_yuan),
        lambda: _check_previous(report, previous),
    ]
    out: list[Finding] = []
    for check in checks:
        try:
            out.extend(check())
        except Exception as exc:  # noqa: BLE001 — a validator bug must not hide the other findings
            out.append(finding(Rule.INTERNAL, f"校验时发生内部错误（{type(exc).__name__}）"))
    return out


# --- numbers ----------------------------------------------------------------------------------


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return None


def _fmt_of(report: ReportData) -> ReportFormat | None:
    return FORMATS.get(report.format) if isinstance(report.format, str) else None


def _values(report: ReportData, codes: list[str]) -> list[Decimal] | None:
    """The numbers of ``codes``, or None when any is blank/invalid (already reported)."""
    cells = report.cells if isinstance(report.cells, dict) else {}
    out = [_number(cells.get(code)) for code in codes]
    if any(v is None for v in out):
        return None
    return out  # type: ignore[return-value]


def _show(value: Decimal) -> str:
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))


# --- cells ------------------------------------------------------------------------------------


def _check_cells(report: ReportData) -> list[Finding]:
    fmt = _fmt_of(report)
    if fmt is None:
        return []
    cells = report.cells if isinstance(report.cells, dict) else {}
    out: list[Finding] = []
    blanks: dict[str, list[str]] = {}
    for code in fmt.cell_codes():
        spec = fmt.cell(code)
        value = cells.get(code)
        if value is None:
            blanks.setdefault(f"{spec.table}|{spec.row_label}", []).append(code)
            continue
        number = _number(value)
        if number is None:
            out.append(finding(Rule.CELL_INVALID, f"单元格不是数字：{value!r}", spec.where))
        elif number < 0 and spec.kind != "signed":
            out.append(
                finding(Rule.CELL_INVALID, f"该单元格不能为负数：{_show(number)}", spec.where)
            )
        elif spec.kind != "decimal" and number != number.to_integral_value():
            out.append(finding(Rule.CELL_INVALID, f"该单元格应为整数：{_show(number)}", spec.where))
    for code in fmt.derived_codes():
        value = cells.get(code)
        if value is not None and _number(value) is None:
            out.append(
                finding(Rule.CELL_INVALID, f"单元格不是数字：{value!r}", fmt.cell(code).where)
            )
    for code in cells:
        if not isinstance(code, str) or not fmt.has_cell(code):
            out.append(
                finding(Rule.CELL_INVALID, f"单元格代码不属于{fmt.code}格式：{code}", "单元格")
            )
    out.extend(_single_other_row(fmt, cells, blanks))
    out.extend(_blank_findings(fmt, blanks))
    return out


def _single_other_row(
    fmt: ReportFormat, cells: dict[str, object], blanks: dict[str, list[str]]
) -> list[Finding]:
    """2021 format printed the 2019 way: one （六）其他处理 row (its total known) and no sub-rows.

    One finding says so instead of three "fill in 0" ones: the sub-rows cannot be split from
    the printed row, and its total still takes part in R-T2-TOTAL (derived ``t2.other.*``)."""
    if fmt.code != FORMAT_2021:
        return []
    subs = {f"t2.other.{key}.{col}" for key, _ in OTHER_2021 for col in T2_COLUMN_KEYS}
    keys = [k for k, codes in blanks.items() if set(codes) <= subs]
    blank = {c for k in keys for c in blanks[k]}
    if blank != subs or any(cells.get(f"t2.other.{col}") is None for col in T2_COLUMN_KEYS):
        return []
    for key in keys:
        del blanks[key]
    return [
        finding(
            Rule.CELL_BLANK,
            "（六）其他处理只印了一行（2019格式的写法），2021格式要求分为三个子行"
            "（1.逾期不补正、2.逾期未缴纳费用、3.其他）；子行为空，无法从该行拆分，请按子行填写。"
            "该行各列数字已计入（七）总计的校验",
            "表二 （六）其他处理行",
        )
    ]


def _blank_findings(fmt: ReportFormat, blanks: dict[str, list[str]]) -> list[Finding]:
    out: list[Finding] = []
    for table in fmt.tables:
        codes = [c.code for c in table.cells]
        blank_here = [
            c for key, cs in blanks.items() if key.startswith(table.code + "|") for c in cs
        ]
        if codes and len(blank_here) == len(codes):
            out.append(
                finding(
                    Rule.CELL_BLANK,
                    f"{table.name}全部单元格为空或缺失，应填写数字（无则填0）",
                    table.name,
                )
            )
            continue
        for key, row_codes in blanks.items():
            if not key.startswith(table.code + "|"):
                continue
            specs = [fmt.cell(c) for c in row_codes]
            cols = "、".join(s.column_label for s in specs)
            where = f"{table.name} {specs[0].row_label}行" if table.code != "t3" else table.name
            out.append(finding(Rule.CELL_BLANK, f"单元格为空（无则应填0）：{cols}", where))
    return out


# --- table 2 ----------------------------------------------------------------------------------

_COLUMN_LABEL = dict(T2_COLUMNS)


def _check_t2(report: ReportData) -> list[Finding]:
    fmt = _fmt_of(report)
    if fmt is None:
        return []
    out: list[Finding] = []
    result_rows = [
        r
        for r in t2_row_keys(report.format)
        if r not in ("new", "carried_in", "total", "carried_out") and not r.startswith("other.")
    ]
    if "other" not in result_rows:
        result_rows.append("other")
    for col in T2_COLUMN_KEYS:
        where = f"表二 {_COLUMN_LABEL[col]}列"
        v = _values(
            report, [f"t2.{r}.{col}" for r in ("new", "carried_in", "total", "carried_out")]
        )
        if v is not None and v[0] + v[1] != v[2] + v[3]:
            out.append(
                finding(
                    Rule.T2_BALANCE,
                    f"本年新收{_show(v[0])}+上年结转{_show(v[1])}={_show(v[0] + v[1])}，"
                    f"不等于总计{_show(v[2])}+结转下年度{_show(v[3])}={_show(v[2] + v[3])}",
                    where,
                )
            )
        parts = _values(report, [f"t2.{r}.{col}" for r in result_rows])
        total = _values(report, [f"t2.total.{col}"])
        if parts is not None and total is not None and sum(parts) != total[0]:
            out.append(
                finding(
                    Rule.T2_TOTAL,
                    f"（七）总计为{_show(total[0])}，但（一）至（六）各行之和为{_show(sum(parts))}",
                    where,
                )
            )
        if report.format == FORMAT_2021:
            subs = _values(report, [f"t2.other.{k}.{col}" for k, _ in OTHER_2021])
            other = _values(report, [f"t2.other.{col}"])
            if subs is not None and other is not None and sum(subs) != other[0]:
                out.append(
                    finding(
                        Rule.T2_OTHER_SUM,
                        f"（六）其他处理为{_show(other[0])}，但其三个子行之和为{_show(sum(subs))}",
                        where,
                    )
                )
    for row in t2_row_keys(report.format):
        v = _values(report, [f"t2.{row}.{col}" for col in T2_COLUMN_KEYS])
        if v is not None and sum(v[:6]) != v[6]:
            out.append(
                finding(
                    Rule.T2_COLSUM,
                    f"总计列为{_show(v[6])}，但各类申请人之和为{_show(sum(v[:6]))}",
                    f"表二 {fmt.cell(f't2.{row}.total').row_label}行",
                )
            )
    return out


def _check_t3(report: ReportData) -> list[Finding]:
    if _fmt_of(report) is None:
        return []
    out: list[Finding] = []
    for group, label in T3_GROUPS:
        v = _values(report, [f"t3.{group}.{col}" for col in T3_COLUMN_KEYS])
        if v is not None and sum(v[:4]) != v[4]:
            out.append(
                finding(
                    Rule.T3_TOTAL,
                    f"总计为{_show(v[4])}，但结果维持、结果纠正、其他结果、尚未审结之和为{_show(sum(v[:4]))}",
                    f"表三 {label}",
                )
            )
    return out


def _check_t1(report: ReportData) -> list[Finding]:
    if report.format != "2019":
        return []
    out: list[Finding] = []
    labels = {
        "licensing": "行政许可",
        "other_services": "其他对外管理服务事项",
        "penalty": "行政处罚",
        "coercion": "行政强制",
        "fees": "行政事业性收费",
    }
    for row, label in labels.items():
        v = _values(report, [f"t1.{row}.prev_items", f"t1.{row}.change"])
        if v is not None and v[0] + v[1] < 0:
            out.append(
                finding(
                    Rule.T1_CHANGE,
                    f"上一年项目数量{_show(v[0])}加本年增/减{_show(v[1])}为负数",
                    f"表一 {label}行",
                )
            )
    for row, label in (("regulations", "规章"), ("normative", "规范性文件")):
        v = _values(report, [f"t1.{row}.published", f"t1.{row}.total_published"])
        if v is not None and v[1] < v[0]:
            out.append(
                finding(
                    Rule.T1_CHANGE,
                    f"对外公开总数量{_show(v[1])}小于本年新公开数量{_show(v[0])}",
                    f"表一 {label}行",
                )
            )
    return out


# --- dates, format, headings --------------------------------------------------------------------


def deadline(year: int, agency_kind: str | None) -> date:
    """The last day to publish the report for ``year`` (xxgk/lib/report_deadline.py)."""
    return report_due(year, agency_kind)


def _check_dates(report: ReportData) -> list[Finding]:
    if not isinstance(report.year, int) or not 1900 <= report.year <= 9000:
        return []
    if report.dated is None:
        return [finding(Rule.DATE_MISSING, "报告末尾未注明成文日期", "落款日期")]
    if not isinstance(report.dated, date):
        return []
    shown = chinese_date(report.dated)
    if report.dated <= date(report.year, 12, 31):
        return [
            finding(
                Rule.DATE_BEFORE_YEAR_END,
                f"{report.year}年度报告的成文日期为{shown}，不晚于{report.year}年12月31日，日期有误",
                "落款日期",
            )
        ]
    due = report_deadline(report.year, report.effective_agency_kind)
    if report.dated > due.due:
        return [
            finding(
                Rule.DATE_LATE,
                f"成文日期{shown}晚于法定期限{chinese_date(due.due)}（{due.explanation}）",
                "落款日期",
            )
        ]
    return []


def _check_format(report: ReportData) -> list[Finding]:
    if report.format not in FORMATS or not isinstance(report.year, int):
        return []
    expected = format_for_year(report.year)
    if report.format == expected:
        return []
    return [
        finding(
            Rule.FORMAT_VERSION,
            f"{report.year}年度报告应使用{FORMATS[expected].name}规定的格式，"
            f"实际使用{FORMATS[report.format].name}格式",
            "报告格式",
        )
    ]


_NUMERALS = "一二三四五六"
_PREFIX = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)])\s*"
)


def normalise_heading(text: str) -> str:
    """Heading without numbering, spaces and punctuation, for comparing wordings."""
    text = _PREFIX.sub("", text)
    return re.sub(r"[\s、，,。：:“”\"（）()]", "", text)


def _check_headings(report: ReportData) -> list[Finding]:
    fmt = _fmt_of(report)
    headings = fmt.headings if fmt else HEADINGS
    printed = [s.heading for s in report.sections if isinstance(s.heading, str)]
    exact = {re.sub(r"\s", "", h) for h in printed}
    expected_set = {re.sub(r"\s", "", h) for h in headings}
    out: list[Finding] = []
    for index, expected in enumerate(headings):
        where = f"第{_NUMERALS[index]}部分标题"
        if re.sub(r"\s", "", expected) in exact:
            continue
        others = [h for h in printed if re.sub(r"\s", "", h) not in expected_set]
        similar = _same_number(index, others) or _most_similar(expected, others)
        if similar is None:
            out.append(finding(Rule.HEADINGS, f"缺少格式规定的标题「{expected}」", where))
        else:
            out.append(
                finding(
                    Rule.HEADINGS, f"标题印为「{similar.strip()}」，格式规定为「{expected}」", where
                )
            )
    return out


def _same_number(index: int, printed: list[str]) -> str | None:
    for heading in printed:
        if re.match(rf"^\s*{_NUMERALS[index]}\s*[、.．]", heading):
            return heading
    return None


def _most_similar(expected: str, printed: list[str]) -> str | None:
    target = set(normalise_heading(expected))
    best, best_score = None, 0.0
    for heading in printed:
        chars = set(normalise_heading(heading))
        if not chars:
            continue
        score = len(target & chars) / len(target | chars)
        if score > best_score:
            best, best_score = heading, score
    # A printed heading sharing under a third of the characters is another section.
    return best if best_score >= 0.34 else None


# --- text vs table --------------------------------------------------------------------------------

_APPLICATIONS = re.compile(
    r"(?:共|新|累计)?(?:收到|受理|接收|新收)[^，。；,;]{0,24}?政府信息公开申请(?:共计|共|合计)?\s*(\d+)\s*[件份个]"
)
_NO_APPLICATIONS = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^。；;]{0,24}?政府信息公开申请")
_NO_REVIEW = re.compile(
    r"(?:无|未发生|没有|未)[^。；;，,]{0,20}?(?:被申请)?行政复议[^。；;]{0,12}?行政诉讼"
)


def _section_text(report: ReportData) -> str:
    return "\n".join(s.text for s in report.sections if isinstance(s.text, str))


def _check_text(report: ReportData) -> list[Finding]:
    if _fmt_of(report) is None:
        return []
    text = _section_text(report)
    out: list[Finding] = []
    new_total = _values(report, ["t2.new.total"])
    if new_total is not None:
        stated = {int(m.group(1)) for m in _APPLICATIONS.finditer(text)}
        if stated and int(new_total[0]) not in stated:
            shown = "、".join(str(n) for n in sorted(stated))
            out.append(
                finding(
                    Rule.TEXT_TABLE,
                    f"正文称收到政府信息公开申请{shown}件，表二本年新收总计为{_show(new_total[0])}件",
                    "表二 一、本年新收政府信息公开申请数量行 总计列",
                )
            )
        if _NO_APPLICATIONS.search(text) and new_total[0] > 0:
            out.append(
                finding(
                    Rule.TEXT_TABLE,
                    f"正文称未收到政府信息公开申请，表二本年新收总计为{_show(new_total[0])}件",
                    "表二 一、本年新收政府信息公开申请数量行 总计列",
                )
            )
    totals = _values(report, [f"t3.{g}.total" for g, _ in T3_GROUPS])
    if totals is not None and sum(totals) > 0 and _NO_REVIEW.search(text):
        out.append(
            finding(
                Rule.TEXT_TABLE,
                f"正文称无行政复议、行政诉讼，表三总计共{_show(sum(totals))}件",
                "表三",
            )
        )
    return out


def _check_section5(report: ReportData) -> list[Finding]:
    for section in report.sections:
        if not isinstance(section.heading, str) or not isinstance(section.text, str):
            continue
        name = normalise_heading(section.heading)
        if "问题" in name and "改进" in name:
            body = re.sub(r"[\s。.]", "", section.text)
            if body in ("", "无", "暂无", "没有"):
                return [
                    finding(
                        Rule.SECTION5_EMPTY,
                        "存在的主要问题及改进情况应写明实际问题和改进措施，不能为空或只写“无”",
                        "第五部分",
                    )
                ]
    return []


# Art. 50(4): only 各级人民政府 report 工作考核、社会评议和责任追究结果; 2021 guidance accepts it
# in 一（监督保障） or 五, so any section that names all three counts. Neither a 【请…】 prompt nor
# the bare paragraph label "工作考核、社会评议和责任追究结果情况：" is a statement.
_ASSESSMENT_WORDS = ("考核", "评议", "责任追究")
_NOT_A_STATEMENT = re.compile(r"【[^】]*】|工作考核、社会评议和责任追究结果情况[：:]")


def assessment_stated(text: str) -> bool:
    """Whether ``text`` states the Art. 50(4) results (all three words, outside prompts/labels)."""
    text = _NOT_A_STATEMENT.sub("", text)
    return all(word in text for word in _ASSESSMENT_WORDS)


def _check_assessment(report: ReportData) -> list[Finding]:
    if report.effective_agency_kind != "government" or not report.sections:
        return []
    if assessment_stated(_section_text(report)):
        return []
    return [
        finding(
            Rule.GOV_ASSESSMENT,
            "人民政府的年度报告应写明政府信息公开工作考核、社会评议和责任追究结果情况"
            "（条例第五十条第四项）",
            "第五部分",
        )
    ]


# 信息处理费 (条例 Art. 42; 国办函〔2020〕109号) stated as charged: "收取信息处理费共计400元",
# "收取信息处理费0.04万元". Not 行政事业性收费 (table 1, item （八）): those are the agency's own
# administrative fees and say nothing about disclosure fees, so table 1 is never consulted.
_FEE_CHARGED = re.compile(
    r"收取(?:了)?(?:政府信息公开)?信息处理费[^。；;]{0,12}?(\d+(?:\.\d+)?)\s*(万)?元"
)
_FEE_MENTION = re.compile(r"信息处理费")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*万?元")
_SENTENCE = re.compile(r"[。；;\n]")


def _is_section6(heading: str) -> bool:
    name = normalise_heading(heading)
    return "其他需要报告" in name


def _check_fees_section6(report: ReportData, collected: Decimal | None) -> list[Finding]:
    """If fees were charged in the year, section 六 must state them (domain.md §2.5(10), §6(6))."""
    sections = [
        s for s in report.sections if isinstance(s.heading, str) and isinstance(s.text, str)
    ]
    six = [s for s in sections if _is_section6(s.heading)]
    six_text = "\n".join(s.text for s in six)
    stated_elsewhere = [
        Decimal(m.group(1)) * (10000 if m.group(2) else 1)
        for s in sections
        if not _is_section6(s.heading)
        for m in _FEE_CHARGED.finditer(s.text)
    ]
    charged = max([collected or Decimal(0), *stated_elsewhere])
    if charged <= 0:
        return []
    if any(
        _FEE_MENTION.search(part) and _AMOUNT.search(part) for part in _SENTENCE.split(six_text)
    ):
        return []
    source = "收费记录" if collected and collected > 0 else "正文"
    return [
        finding(
            Rule.FEES_SECTION6,
            f"据{source}，本年度收取信息处理费{_show(charged)}元，"
            "第六部分“其他需要报告的事项”应写明收取信息处理费的情况（件数、金额）",
            "第六部分",
        )
    ]


def _check_previous(report: ReportData, previous: ReportData | None) -> list[Finding]:
    if previous is None:
        return []
    if previous.year != report.year - 1 or previous.agency.strip() != report.agency.strip():
        return [
            finding(
                Rule.PREVIOUS_YEAR,
                f"提供的上一年度报告为{previous.agency}{previous.year}年度，"
                f"与{report.agency}{report.year}年度报告不衔接，未比对结转数",
                "表二 二、上年结转政府信息公开申请数量行",
            )
        ]
    out: list[Finding] = []
    for col in T2_COLUMN_KEYS:
        now = _values(report, [f"t2.carried_in.{col}"])
        before = _values(previous, [f"t2.carried_out.{col}"])
        if now is not None and before is not None and now[0] != before[0]:
            out.append(
                finding(
                    Rule.CROSS_YEAR_CARRY,
                    f"本年上年结转为{_show(now[0])}，上一年度报告结转下年度继续办理为{_show(before[0])}",
                    f"表二 二、上年结转政府信息公开申请数量行 {_COLUMN_LABEL[col]}列",
                )
            )
    return out
