"""End to end in a real browser: Debian's chromium driven by Playwright, against a live
`cchc serve`. Uploads data, previews the letter, downloads the forms zip, issues the
letter, drops a file on /check; a screenshot of each page is kept with the test output
(and copied to $CCHC_SCREENSHOT_DIR when set, which is how docs/screenshots/ is made)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest

from conftest import needs

pytest.importorskip("fastapi")
pytest.importorskip("playwright")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def server(ws):
    import uvicorn

    from cchc_docs.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(ws), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    end = time.time() + 20
    while not srv.started and time.time() < end:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def browser_page(tmp_path):
    needs("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True,
                                      locale="vi-VN")
        page = context.new_page()
        outside = []
        page.on("request", lambda req: outside.append(req.url) if not req.url.startswith(
            ("http://127.0.0.1", "data:")) else None)
        yield page
        browser.close()
        assert outside == [], f"the site fetched something from outside: {outside}"


def _shot(page, tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "screenshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    target = os.environ.get("CCHC_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, Path(target) / path.name)
    return path


def test_clerk_day_in_the_browser(server, browser_page, ws, tmp_path):
    page = browser_page
    # 1. Dashboard.
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert "Hạn báo cáo" in page.inner_text("dl.facts")
    _shot(page, tmp_path, "dashboard")

    # 2a. A table with a misspelt commune is refused, each problem on its row, nothing written.
    before = (ws / "data/findings.csv").read_bytes()
    bad = tmp_path / "so-lieu-sai.csv"
    bad.write_text(before.decode("utf-8").replace("Sơn Châu,ke-hoach", "Sơn Chau Xa,ke-hoach"), encoding="utf-8")
    page.set_input_files("form[action='/data/findings'] input[type=file]", str(bad))
    page.click("form[action='/data/findings'] button")
    alert = page.wait_for_selector("[role=alert]")
    assert "so-lieu-sai.csv, dòng 3, cột 'commune': không có đơn vị 'Sơn Chau Xa'" in alert.inner_text()
    assert (ws / "data/findings.csv").read_bytes() == before
    _shot(page, tmp_path, "dashboard-refused")

    # 2b. Upload the inspection's table: Tây Sơn now has 7 overdue files.
    rows = (ws / "data/findings.csv").read_text(encoding="utf-8").replace("Tây Sơn,tthc-qua-han,1,",
                                                                        "Tây Sơn,tthc-qua-han,7,")
    upload = tmp_path / "so-lieu-kiem-tra.csv"
    upload.write_text(rows, encoding="utf-8")
    page.set_input_files("form[action='/data/findings'] input[type=file]", str(upload))
    page.click("form[action='/data/findings'] button")
    page.wait_for_selector("text=Đã thay bảng số liệu bằng so-lieu-kiem-tra.csv")
    assert "Tây Sơn,tthc-qua-han,7," in (ws / "data/findings.csv").read_text(encoding="utf-8")

    # 3. The letter as it will print, with its footnotes.
    page.click("nav >> text=Công văn")
    page.wait_for_selector("article.paper")
    paper = page.inner_text("article.paper")
    assert "Tây Sơn (07 hồ sơ)" in paper and "Kính gửi:" in paper
    _shot(page, tmp_path, "letter")

    # 4. All forms with a progress bar, then one .zip.
    page.click("nav >> text=Phiếu khắc phục")
    page.click("text=Tạo tất cả phiếu (.zip)")
    page.wait_for_selector("#job progress")
    link = page.wait_for_selector("#job a[href='/download/forms-zip']", timeout=60000)
    _shot(page, tmp_path, "forms")
    with page.expect_download() as got:
        link.click()
    saved = tmp_path / "phieu.zip"
    got.value.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert "son-long.docx" in names and "son-long.xlsx" in names
    assert zipfile.ZipFile(saved).read("son-long.docx") == (ws / "output/forms/son-long.docx").read_bytes()

    # 5. Who answered, and the report's preview with its chart.
    page.click("nav >> text=Phiếu gửi về")
    page.wait_for_selector("text=Đã nhận báo cáo của")
    _shot(page, tmp_path, "results")
    page.click("nav >> text=Báo cáo")
    page.wait_for_selector("article.paper img")
    _shot(page, tmp_path, "report")

    # 6. Issue the letter into the register.
    page.click("nav >> text=Sổ văn bản đi")
    page.fill("form[action='/register/issue'] input[name=date]", "2024-07-05")
    page.click("form[action='/register/issue'] button")
    page.wait_for_selector("text=Đã cấp số 01/UBND-NV ngày 05/7/2024")
    assert "01/UBND-NV" in page.inner_text("table.grid")
    _shot(page, tmp_path, "register")

    # 7. Drop the issued letter, then a broken copy, on /check.
    page.click("nav >> text=Kiểm tra thể thức")
    issued = ws / "output/ban-hanh/01-UBND-NV-cong-van-don-doc.docx"
    page.set_input_files("input[type=file]", str(issued))
    page.click("form[action='/check'] button")
    page.wait_for_selector("text=Đạt: không có lỗi thể thức")
    broken = tmp_path / "cong-van-sai.docx"
    src = zipfile.ZipFile(issued)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace("Kính gửi:".encode(), "KÍNH GỬI:".encode())
            z.writestr(item, data)
    broken.write_bytes(out.getvalue())
    page.set_input_files("input[type=file]", str(broken))
    page.click("form[action='/check'] button")
    row = page.wait_for_selector("tr.bad:has-text('KÍNH GỬI:')")
    page.click("ul.jump a")
    assert row.query_selector(".why") is not None
    _shot(page, tmp_path, "check")
    shots = sorted(p.name for p in (tmp_path / "screenshots").iterdir())
    assert shots == ["check.png", "dashboard-refused.png", "dashboard.png", "forms.png", "letter.png",
                     "register.png", "report.png",
                     "results.png"]
