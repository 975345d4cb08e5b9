"""The newcomer's path in a real browser (Debian Chromium via Playwright; no download).

Open the agency index, find 大冶市科技局's column, browse a category, search a two-character
word, open the item, apply online, get a case number and track it. Screenshots go to
test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from xxgk.browser_testing import ARTIFACTS, BROWSER_MARKS, chromium_browser, new_page
from xxgk.portal import search
from xxgk.portal.tests import factories

DIGITS = "零一二三四五六七八九十"

pytestmark = BROWSER_MARKS


def chinese_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + DIGITS.index(text[1])
    return DIGITS.index(text)


def solve(question: str) -> str:
    match = re.search(r"([零一二三四五六七八九十]+)加([零一二三四五六七八九十]+)等于几", question)
    assert match is not None, question
    return str(chinese_number(match.group(1)) + chinese_number(match.group(2)))


@pytest.fixture
def page() -> Iterator[object]:
    with chromium_browser() as browser:
        pg = new_page(browser)
        yield pg
        pg.context.close()


def test_it_walks_from_the_index_to_a_tracked_application(live_server, world, page) -> None:
    search.rebuild()
    cat = factories.category(world.a, "财政预决算", "art20.7")
    factories.publication(
        world.a, "大冶市科技局2025年部门预算公开", body="<p>部门预算说明</p>", cat=cat
    )
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="大冶市科技局").click()
    page.get_by_role("link", name="法定主动公开内容").first.click()
    page.get_by_role("link", name="财政预决算").click()
    assert page.get_by_role("link", name="大冶市科技局2025年部门预算公开").is_visible()
    page.screenshot(path=str(ARTIFACTS / "1-category.png"), full_page=True)

    page.get_by_role("link", name="全文检索").first.click()
    page.fill("#q", "预算")
    page.get_by_role("button", name="检索").click()
    assert page.locator(".results h2").inner_text() == "共找到 1 条结果"
    assert page.locator(".hits mark").first.inner_text() == "预算"
    page.screenshot(path=str(ARTIFACTS / "2-search.png"), full_page=True)
    page.locator(".hits a").first.click()
    assert page.locator("h1").inner_text() == "大冶市科技局2025年部门预算公开"
    assert page.locator(".meta-table").is_visible()
    page.screenshot(path=str(ARTIFACTS / "3-item.png"), full_page=True)

    page.get_by_role("link", name="依申请公开").click()
    page.get_by_label("姓名").fill("王五")
    page.select_option("#id_id_type", "resident_id")
    page.fill("#id_id_number", "420281199001011237")
    page.fill("#id_phone", "13900000000")
    page.fill("#id_title", "2024年科技项目资金分配结果")
    page.fill("#id_description", "请公开2024年本局科技项目资金分配结果。")
    page.check("#id_promise")
    question = page.locator("label[for=id_captcha_answer]").inner_text()
    page.fill("#id_captcha_answer", solve(question))
    page.get_by_role("button", name="提交申请").click()
    assert page.locator("h1").inner_text() == "申请已提交"
    case_number = page.locator(".case-number").inner_text()
    code = page.locator(".tracking-code").inner_text()
    assert re.fullmatch(r"冶科依申〔20\d\d〕第\d+号", case_number)
    assert re.fullmatch(r"[2-9A-Z]{16}", code)
    page.screenshot(path=str(ARTIFACTS / "4-receipt.png"), full_page=True)

    page.get_by_role("link", name="申请办理查询").first.click()
    page.fill("#id_code", code)
    page.get_by_role("button", name="查询").click()
    assert page.locator(".case-number").inner_text() == case_number
    # Art. 31: an online submission waits as 待确认 until the office confirms it.
    assert page.locator(".case-status").inner_text() == "待确认"
    assert "王五" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "5-tracking.png"), full_page=True)


def test_it_toggles_the_large_text_mode_with_the_keyboard(live_server, world, page) -> None:
    page.goto(live_server.url + "/daye-kjj/")
    before = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    button = page.locator("[data-text-size]")
    button.focus()
    page.keyboard.press("Enter")
    after = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert (before, after) == ("16px", "20px")
    page.reload()
    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"


def test_it_fits_a_phone_screen(live_server, world, page) -> None:
    search.rebuild()
    pub = factories.publication(world.a, "大冶市科技局2025年部门预算公开")
    page.set_viewport_size({"width": 375, "height": 740})
    for path in ("/", "/daye-kjj/", f"/daye-kjj/publications/{pub.pk}/", "/daye-kjj/apply/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.screenshot(path=str(ARTIFACTS / "6-mobile-apply.png"), full_page=True)


def test_phones_see_the_first_documents_and_scroll_tables_in_their_box(
    live_server, world, page
) -> None:
    from xxgk.annual_reports.render import render
    from xxgk.ingestion.read import read_report
    from xxgk.testdata import SEED

    search.rebuild()
    for n in range(12):
        factories.category(world.a, f"第{n}类信息")
    pub = factories.publication(world.a, "大冶市科技局2025年部门预算公开")
    search.rebuild()
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto(live_server.url + "/daye-kjj/proactive/")
    first = page.get_by_role("link", name="大冶市科技局2025年部门预算公开").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844
    page.screenshot(path=str(ARTIFACTS / "7-phone-proactive.png"))

    # A report table is wider than the phone: it scrolls inside its box, not the page.
    html = render(read_report(SEED), "html").decode()
    page.goto("about:blank")  # leave the portal's Content-Security-Policy behind
    page.set_content(html)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    boxes = page.evaluate(
        "[...document.querySelectorAll('table.report-table')]"
        ".map(t => [getComputedStyle(t).overflowX, t.getBoundingClientRect().right])"
    )
    # Each table is its own scrolling box inside the screen (wider content scrolls in it).
    assert [(overflow, right <= 390) for overflow, right in boxes] == [("auto", True)] * 3
    page.screenshot(path=str(ARTIFACTS / f"8-phone-report-{pub.pk}.png"))
