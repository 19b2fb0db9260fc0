"""The review app in a real browser: Debian's Chromium driven by Playwright.

No skip when Chromium is absent: `make setup` installs it, and a silently skipped browser test
would hide exactly the failures it is here for.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pikepdf
import pytest

from checkers.web.app import make_server

GOLDEN = Path(__file__).resolve().parent / "golden"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    assert Path(path).exists(), "Chromium is not installed (Debian package 'chromium'; run make setup)"
    return path


@pytest.fixture
def app_url():
    srv = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


def test_upload_noncompliant_notice_and_download_annotated_pdf(app_url, tmp_path):
    from playwright.sync_api import sync_playwright

    from checkers.check import check_file

    report = check_file(str(GOLDEN / "grievance-decision.pdf"))
    expected = {status: [e["id"] for e in report["elements"] if e["status"] == status]
                for status in ("missing", "incorrect")}

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(app_url)
            page.set_input_files("input[name=document]", str(GOLDEN / "grievance-decision.pdf"))
            page.click("button[type=submit]")
            page.wait_for_selector(".verdict")
            assert page.inner_text(".verdict").strip().lower() == "noncompliant"
            missing = page.locator("table.elements tr.missing td:nth-child(2)").all_inner_texts()
            assert missing == expected["missing"] and missing  # what the checker reports, no more
            assert page.locator("tr.incorrect").count() == len(expected["incorrect"])
            assert page.locator("svg.crop").count() > 0  # evidence drawn on the page image
            assert page.locator("text=Clause that would satisfy it").count() > 0
            with page.expect_download() as info:
                page.click("[data-testid=annotated]")
            saved = tmp_path / "annotated.pdf"
            info.value.save_as(saved)
        finally:
            browser.close()
    with pikepdf.open(saved) as pdf:
        subtypes = [str(a.Subtype) for pg in pdf.pages for a in pg.obj.get("/Annots", [])]
    assert subtypes.count("/Highlight") > 0 and "/Text" in subtypes
