"""The annual report's approval and versioning flow, in a real browser.

The 公开办 computes the report from the records, writes sections 五 and 六, submits; each
reviewer of the chain approves in their own session; the report appears in the public 年报
column; a correction goes through the chain again and becomes version 2 while version 1
stays readable.
"""

from __future__ import annotations

from datetime import date

import pytest

from xxgk.browser_testing import ARTIFACTS, BROWSER_MARKS, chromium_browser, new_page
from xxgk.testing import PASSWORD

pytestmark = BROWSER_MARKS

# Two years back: always past its deadline, so the R-DATE-LATE warning path is exercised.
YEAR = date.today().year - 2

PROBLEMS = (
    "一是主动公开信息发布时效有待提高，二是答复文书说理不足。下一步将建立时限提醒并开展文书培训。"
)
OTHER = "本年度未收取信息处理费，人大代表建议和政协提案办理结果已按要求公开。"


def login(browser: object, base: str, username: str) -> object:
    page = new_page(browser)
    page.goto(base + "/backoffice/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base + "/backoffice/")
    return page


def approve_all(browser: object, base: str, report_url: str) -> None:
    for reviewer in ("bob", "carol", "dave", "erin"):
        page = login(browser, base, reviewer)
        page.goto(report_url)
        page.get_by_role("button", name="同意").click()
        assert "已审核同意" in page.locator(".messages").inner_text()
        page.context.close()


@pytest.mark.usefixtures("world")
def test_it_computes_approves_publishes_and_corrects_a_report(live_server) -> None:
    base = live_server.url
    with chromium_browser() as browser:
        office = login(browser, base, "grace")
        office.get_by_role("link", name="年度报告").click()
        office.get_by_label("年度").fill(str(YEAR))
        office.get_by_role("button", name="计算并生成草稿").click()
        assert office.locator("h1").inner_text() == f"大冶市科技局{YEAR}年政府信息公开工作年度报告"
        report_url = office.url
        # Prompts in 五 and 六 block submission until the office writes them.
        assert "R-TEXT-PROMPT" in office.locator("table.grid").first.inner_text()
        office.get_by_label("五、存在的主要问题及改进情况").fill(PROBLEMS)
        office.get_by_label("六、其他需要报告的事项").fill(OTHER)
        office.get_by_role("button", name="保存正文").click()
        findings = office.locator("section.card", has_text="校验结果")
        # Past the 31 January deadline: a warning that needs a written reason.
        assert "R-DATE-LATE" in findings.inner_text()
        assert "R-TEXT-PROMPT" not in findings.inner_text()
        office.get_by_role("button", name="提交审核").click()
        assert "以下警告需要书面说明后才能提交" in office.locator(".messages").inner_text()
        findings.get_by_label("接受理由").fill("本系统上线前未能按期报送，已向主管部门报备。")
        findings.get_by_role("button", name="保存说明").click()
        assert "警告说明已保存" in office.locator(".messages").inner_text()
        office.get_by_role("button", name="提交审核").click()
        assert "已提交审核" in office.locator(".messages").inner_text()
        office.screenshot(path=str(ARTIFACTS / "report-1-submitted.png"), full_page=True)

        approve_all(browser, base, report_url)

        public = new_page(browser)
        public.goto(base + "/daye-kjj/reports/")
        public.get_by_role("link", name=f"大冶市科技局{YEAR}年政府信息公开工作年度报告").click()
        assert "第1版" in public.content()
        public.screenshot(path=str(ARTIFACTS / "report-2-published.png"), full_page=True)

        office.goto(report_url)
        office.get_by_label("更正原因与内容").fill("补充第五部分的整改措施。")
        office.get_by_role("button", name="开始更正（发布后生成新版本）").click()
        office.get_by_label("五、存在的主要问题及改进情况").fill(PROBLEMS + "另将每季度通报。")
        office.get_by_role("button", name="保存正文").click()
        office.get_by_role("button", name="提交审核").click()
        approve_all(browser, base, report_url)

        public.reload()
        body = public.content()
        assert "第2版（现行）" in body and "补充第五部分的整改措施。" in body
        public.get_by_role("link", name="网页").last.click()  # version 1 is still readable
        assert "另将每季度通报" not in public.content() and PROBLEMS in public.content()
        public.screenshot(path=str(ARTIFACTS / "report-3-version-1.png"), full_page=True)
