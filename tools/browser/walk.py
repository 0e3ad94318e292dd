"""A clerk's walk through the office's web page in a real browser (Debian's Chromium, driven by
Playwright), each page screenshotted and checked with axe-core: no serious or critical violation.

Usage: walk.py BASE_URL OUTPUT_FOLDER ACCOUNT, with the account's password in $WALK_PASSWORD.
Exits non-zero, naming the step, on any failure.
"""
import os
import sys
from pathlib import Path

import openpyxl
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

base, output, account = sys.argv[1].rstrip("/"), Path(sys.argv[2]), sys.argv[3]
output.mkdir(parents=True, exist_ok=True)
axe = Axe()
failures = []


def check(page, step):
    """Screenshot, one h1, Chinese, and no serious or critical accessibility violation."""
    page.screenshot(path=str(output / f"{step}.png"), full_page=True)
    if page.locator("h1").count() != 1:
        failures.append(f"{step}: {page.locator('h1').count()} h1 elements")
    if page.locator("html").get_attribute("lang") != "zh-CN":
        failures.append(f"{step}: lang is not zh-CN")
    results = axe.run(page)
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = "; ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:3])
            failures.append(f"{step}: axe {violation['impact']} {violation['id']}: {violation['help']} ({nodes})")
    print(f"ok  {step}: {page.title()}")


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15000)
    # The console stays clean: no script error, no refused resource.
    expected_404 = []
    page.on("console", lambda message: failures.append(f"console {message.type} at {page.url}: {message.text}")
            if message.type == "error" and not expected_404 else None)

    # The office's page asks to sign in first; a wrong password is refused, the right one lands
    # where the clerk was going.
    page.goto(base + "/")
    expect(page.locator("h1")).to_have_text("登录")
    check(page, "00-login")
    page.get_by_label("用户名").fill(account)
    page.get_by_label("密码").fill("not-the-password")
    expected_404.append(True)  # the refusal is a 401, which the console reports
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_have_text("用户名或密码不正确。")
    expected_404.clear()
    page.get_by_label("密码").fill(os.environ["WALK_PASSWORD"])
    page.get_by_role("button", name="登录").click()
    expect(page.locator("h1")).to_have_text("今日待办")
    expect(page.locator("form.account span")).to_contain_text(account)
    check(page, "01-home")

    # The keyboard reaches the page: the first Tab lands on the skip link, and it is visible.
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement.textContent") != "跳到正文":
        failures.append("keyboard: the first Tab does not reach 跳到正文")

    page.get_by_role("link", name="文件", exact=True).click()
    page.get_by_label("全文检索").fill("总召集人")
    page.get_by_role("button", name="检索").click()
    expect(page.locator("h1")).to_have_text("检索：总召集人")
    expect(page.locator("mark").first).to_have_text("总召集人")
    check(page, "02-search")

    page.get_by_role("link", name="周政办字〔2020〕35号 一").click()
    expect(page.locator("h1")).to_have_text("关于印发《周村区反洗钱工作联席会议制度》的通知")
    if not page.url.endswith("#%E4%B8%80") and not page.url.endswith("#一"):
        failures.append(f"35号: the citation's link lands at {page.url}, not at clause 一")
    check(page, "03-document-35")

    page.get_by_role("link", name="周村区反洗钱工作联席会议").first.click()
    expect(page.locator("h1")).to_have_text("周村区反洗钱工作联席会议")
    check(page, "04-body")

    page.get_by_role("link", name="赵学").first.click()
    expect(page.locator("h1")).to_have_text("赵学")
    check(page, "05-person")

    page.goto(base + "/units/区财政局")
    expect(page.locator("h1")).to_have_text("区财政局")
    check(page, "06-unit")

    # 督办: the ledger with its lights, one task and its history, the figures with their bars.
    page.get_by_role("link", name="督办", exact=True).click()
    expect(page.locator("h1")).to_have_text("督办台账")
    check(page, "06b-tasks")
    page.locator("table tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_contain_text("任务 ")
    expect(page.locator("dl.head")).to_contain_text("出处")
    check(page, "06c-task")
    page.goto(base + "/tasks/stats")
    if page.locator("progress").count() < 1:
        failures.append("tasks/stats: no bar drawn")
    check(page, "06d-task-stats")

    page.get_by_role("link", name="重污染天气应急").click()
    page.get_by_role("link", name="预警评估").click()
    page.get_by_role("button", name="查询").click()
    expect(page.locator("dl.head")).to_contain_text("橙色")
    if page.locator("figure img").count() != 1:
        failures.append("assessment: the forecast chart is missing")
    check(page, "07-pollution-assessment")

    # 长者模式 persists from page to page.
    page.get_by_role("button", name="长者模式").click()
    page.goto(base + "/bodies")
    if page.locator("html.large").count() != 1:
        failures.append("长者模式 did not persist to the next page")
    check(page, "08-bodies-large")
    page.get_by_role("button", name="标准字号").click()

    # 跨机构人员: the graph is drawn (the image loads) beside its table.
    page.get_by_role("link", name="跨机构人员", exact=True).click()
    expect(page.locator("h1")).to_have_text("跨机构任职人员")
    if not page.evaluate("document.querySelector('figure.graph img').naturalWidth > 0"):
        failures.append("shared: the graph did not load")
    check(page, "09-shared")

    # A ledger as an Excel file: it opens in a spreadsheet reader with the page's header and rows.
    page.goto(base + "/modules/bankruptcy/lists?on=2021-01-15")
    headers = page.locator("table thead th").all_inner_texts()
    first_row = page.locator("table tbody tr").first.locator("td").all_inner_texts()
    with page.expect_download() as download:
        page.get_by_role("link", name="下载本表（Excel）").first.click()
    saved = output / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    rows = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    if [text.strip(" ▲▼") for text in headers] != rows[0]:
        failures.append(f"excel: header {rows[0]} is not the page's {headers}")
    if len(rows) < 2 or rows[1] != first_row:
        failures.append(f"excel: first row {rows[1:2]} is not the page's {first_row}")

    # A ledger entry corrected in its form: refused at the field first (what was typed kept), then
    # recorded, with a link to its line in the log, marked as from the web page.
    page.goto(base + "/modules/pollution")
    page.get_by_role("link", name="预警", exact=True).click()
    page.locator("table tbody tr").first.get_by_role("link").first.click()
    expect(page.locator("h1")).to_have_text("预警 1")
    check(page, "10-entry")
    page.get_by_label("解除时间").fill("2020-11-30T08:00")
    page.locator("#f-reason").fill("补录解除时间")
    expected_404.append(True)  # the refusal is a 422, which the console reports
    page.get_by_role("button", name="提交更正").click()
    expect(page.locator("#e-lifted-at")).to_be_visible()
    expect(page.get_by_label("解除时间")).to_have_value("2020-11-30T08:00")
    if page.locator("#e-lifted-at a").count() != 1:
        failures.append("entry: the refusal does not link its clause")
    check(page, "11-entry-refused")
    expected_404.clear()
    page.get_by_label("解除时间").fill("")
    page.get_by_label("级别").select_option(label="红色")
    page.locator("#f-reason").fill("录入时级别选错")
    page.get_by_role("button", name="提交更正").click()
    expect(page.get_by_role("status")).to_contain_text("已更正")
    expect(page.get_by_label("级别")).to_have_value("red")
    check(page, "12-entry-corrected")
    # The entry's page offers its actions, their forms filled in with it.
    page.get_by_role("link", name="解除预警").click()
    expect(page.get_by_label("预警编号（必填）")).to_have_value("1")
    page.get_by_label("解除时间（必填）").fill("2020-12-03T18:00")
    check(page, "13-action-lift")
    page.get_by_role("button", name="提交").click()
    expect(page.locator("h1")).to_have_text("预警 1")
    expect(page.get_by_role("status")).to_be_visible()
    # The alert's notice, as the office prints and files it on A4.
    page.get_by_role("link", name="预警发布通知").click()
    expect(page.locator("h1")).to_have_text("周村区重污染天气红色预警发布通知")
    check(page, "14-alert-notice")
    page.emulate_media(media="print")
    if page.locator("header.site nav").is_visible() or page.locator("form").first.is_visible():
        failures.append("notice: navigation or forms are printed")
    page.pdf(path=str(output / "14-alert-notice.pdf"), format="A4")
    page.emulate_media(media="screen")
    page.go_back()
    page.get_by_role("link", name="查看日志中的这一条").click()
    line = page.locator("tr:target")
    expect(line).to_contain_text("网页")
    expect(line).to_contain_text(account)
    check(page, "15-log")

    # A document made of markup and script: its clauses and its search snippet show them as text,
    # and nothing of them runs (no dialog, no handler, no global set).
    page.on("dialog", lambda dialog: (failures.append(f"hostile: a dialog opened at {page.url}: {dialog.message}"), dialog.dismiss()))
    page.goto(base + "/documents?q=页面转义")
    page.locator("main a", has_text="周村区人民政府办公室").first.click()
    expect(page.locator("main")).to_contain_text("<script>window.__pwned=3</script>本通知用于检查页面转义")
    if page.locator("main b, main img[src=x], main script").count() != 0:
        failures.append("hostile: markup from the document became elements")
    if page.evaluate("window.__pwned") is not None:
        failures.append(f"hostile: the document's script ran (window.__pwned = {page.evaluate('window.__pwned')})")
    check(page, "16-hostile-document")

    # A wrong address is a page that offers the search, not an error trace.
    expected_404.append(True)
    response = page.goto(base + "/documents/周政办字〔2020〕99号")
    if response.status != 404:
        failures.append(f"unknown document: status {response.status}")
    expect(page.get_by_label("在文件中检索")).to_have_value("周政办字〔2020〕99号")
    check(page, "17-not-found")

    # The print stylesheet hides the navigation.
    expected_404.clear()
    page.goto(base + "/bodies/1")
    page.emulate_media(media="print")
    if page.locator("header.site nav").is_visible():
        failures.append("print: the navigation is printed")
    page.pdf(path=str(output / "18-body-print.pdf"))
    page.emulate_media(media="screen")

    # Signing out ends the session: the next page asks to sign in again.
    page.get_by_role("button", name="退出").click()
    expect(page.locator("h1")).to_have_text("登录")
    page.goto(base + "/bodies")
    expect(page.locator("h1")).to_have_text("登录")
    browser.close()

if failures:
    print("\n".join("FAIL " + failure for failure in failures), file=sys.stderr)
    sys.exit(1)
print(f"browser walk: signed in and out, 18 pages, an entry corrected and lifted, its notice printed, a hostile document shown as text and an Excel download, no serious or critical violation; screenshots in {output}")
