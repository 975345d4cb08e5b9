"""The statutory deadline of the annual report (条例 Art. 49; old 条例 Art. 31) — the one place.

Calendar dates, not working days:
* report years from 2019 on (条例 as revised by 国务院令第711号, in force 2019-05-15):
  a 县级以上人民政府部门 publishes by 31 January (Art. 49 para 1); the 政府信息公开工作主管部门
  publishes the 本级人民政府 report by 31 March (Art. 49 para 2);
* report years before 2019 (条例 of 2007, Art. 31): every agency published by 31 March.

The agency model, the rules (R-DATE-LATE) and the reminders all ask this module, so the
dates and the wording cannot drift apart. Pure Python, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# The first report year under the 2019 条例 (its reports are due in 2020). [V] domain.md §0.
FIRST_YEAR_OF_2019_REGULATION = 2019
DEPARTMENT_MONTH_DAY = (1, 31)  # Art. 49 para 1
GOVERNMENT_MONTH_DAY = (3, 31)  # Art. 49 para 2
OLD_REGULATION_MONTH_DAY = (3, 31)  # 2007 条例 Art. 31

GOVERNMENT = "government"  # AgencyKind.GOVERNMENT / ReportData.agency_kind


@dataclass(frozen=True)
class ReportDeadline:
    """The due date of one report, who it binds and the article that sets it."""

    due: date
    who: str  # 政府部门报告 / 人民政府本级报告 / 各级行政机关的年度报告
    basis: str  # the article, e.g. 条例第四十九条第一款

    @property
    def explanation(self) -> str:
        return f"{self.who}，{self.basis}"


def report_deadline(year: int, agency_kind: str | None) -> ReportDeadline:
    """Return the deadline of the report on `year` by an agency of `agency_kind`.

    Only a people's government's own report (kind ``government``) gets 31 March under the
    2019 条例; every other kind (department, township, other, unknown) is held to 31 January.
    """
    if year < FIRST_YEAR_OF_2019_REGULATION:
        month, day = OLD_REGULATION_MONTH_DAY
        return ReportDeadline(
            date(year + 1, month, day),
            "各级行政机关的年度报告",
            "2007年《政府信息公开条例》第三十一条",
        )
    if agency_kind == GOVERNMENT:
        month, day = GOVERNMENT_MONTH_DAY
        return ReportDeadline(
            date(year + 1, month, day), "人民政府本级报告", "条例第四十九条第二款"
        )
    month, day = DEPARTMENT_MONTH_DAY
    return ReportDeadline(date(year + 1, month, day), "政府部门报告", "条例第四十九条第一款")


def report_due(year: int, agency_kind: str | None) -> date:
    """Return only the due date (see `report_deadline`)."""
    return report_deadline(year, agency_kind).due


# The last month in which any report of the previous year can still be due (reminders).
LAST_DEADLINE_MONTH = max(
    DEPARTMENT_MONTH_DAY[0], GOVERNMENT_MONTH_DAY[0], OLD_REGULATION_MONTH_DAY[0]
)
