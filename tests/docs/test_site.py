"""The docs site: it builds strictly (a broken link, anchor or page fails), references nothing
outside itself (it builds and reads with no internet), and, served over a real socket, renders in
headless Chromium, where the site search finds `bulk_send` in the generated API reference.

The browser part needs Debian's chromium and chromium-driver (.ci/run installs them); without
them it is skipped, except under CI (CI=true), where it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def need(condition: bool, why: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(f"{why} (required under CI=true)")
        pytest.skip(why)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
    except ImportError:
        need(False, "mkdocs and mkdocs-material are not installed (pip install '.[docs]')")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO, capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_every_page_of_the_nav_and_the_reference_is_built(site: Path) -> None:
    for page in ("index.html", "getting-started/index.html", "guides/migrating/index.html", "architecture/index.html",
                 "reference/index.html", "reference/sms/index.html", "reference/notifications/index.html",
                 "api/index.html", "openapi/index.html", "changelog/index.html", "examples/index.html"):  # fmt: skip
        assert (site / page).is_file(), page
    sms = (site / "reference" / "sms" / "index.html").read_text(encoding="utf-8")
    assert 'id="bulk_send"' in sms and "SmsBulkSendResponse" in sms and "error_dest_too_many" in sms
    # the README's sections are included, not copied: the migration guide holds its prose
    migrating = (site / "guides" / "migrating" / "index.html").read_text(encoding="utf-8")
    assert "POSTs with a form body" in migrating and "--8&lt;--" not in migrating


def test_the_site_references_nothing_outside_itself(site: Path) -> None:
    """No font, script, stylesheet or image from the internet: everything a page loads is the
    site's own (a plain hyperlink out of the site, to cheroot's docs say, loads nothing)."""
    outside = re.compile(r"""(?:\bsrc\s*=\s*["'](?:https?:)?//|<link\b[^>]*\bhref\s*=\s*["'](?:https?:)?//)""", re.I)
    found = []
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        found += [f"{page.relative_to(site)}: {m.group(0)}" for m in outside.finditer(text)]
    for css in site.rglob("*.css"):
        found += [f"{css.relative_to(site)}: {m}" for m in re.findall(r"@import\s+url\([\"']?https?://[^)]*\)", css.read_text(encoding="utf-8"))]
    assert not found, found[:10]


def test_every_link_between_pages_leads_to_a_file_of_the_site(site: Path) -> None:
    """Links rewritten by tools/mkdocs_hooks.py included: the README's (docs/X.md, examples/,
    CHANGELOG.md) and those to the published JSON files (the response schemas)."""
    href = re.compile(r'<a\s[^>]*href="([^"#?]+)[^"]*"')
    broken = []
    schema_links = 0
    for page in site.rglob("*.html"):
        for target in href.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("mailto:", "javascript:")) or "://" in target:
                continue
            dest = (site / target.lstrip("/") if target.startswith("/") else page.parent / target).resolve()
            if dest.is_dir():
                dest = dest / "index.html"
            if not dest.is_file():
                broken.append(f"{page.relative_to(site)} -> {target}")
            schema_links += "generated/hoiio/schemas/" in target
    assert not broken, broken[:10]
    assert schema_links >= 34, "every method's reference links its response's JSON Schema"
    schema = site / "generated" / "hoiio" / "schemas" / "sms__send.json"
    assert schema.read_bytes() == (REPO / "generated" / "hoiio" / "schemas" / "sms__send.json").read_bytes()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(CHROMIUM is not None and CHROMEDRIVER is not None, "chromium and chromium-driver are not installed")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        need(False, "selenium is not installed (pip install '.[docs]')")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def severe_console_errors(driver: Any) -> list:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def test_the_home_page_renders_with_its_styles_and_scripts(browser: Any, served: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(served)
    assert "hoiio" in browser.title
    h1 = browser.find_element(By.CSS_SELECTOR, "article h1")
    assert h1.is_displayed() and h1.text == "hoiio"
    # Material's stylesheet applied: the header is a coloured, fixed bar
    header = browser.find_element(By.CSS_SELECTOR, "header.md-header")
    assert header.value_of_css_property("position") in ("sticky", "fixed")
    assert header.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")
    # the README's introduction is on the page, and the nav lists the guides
    assert "sandbox" in browser.find_element(By.CSS_SELECTOR, "article").text
    nav = browser.find_element(By.CSS_SELECTOR, "nav.md-nav--primary").get_attribute("textContent")
    assert "Getting started" in nav and "API reference" in nav and "Architecture" in nav
    assert severe_console_errors(browser) == []


def test_a_reference_page_renders_its_tables_and_signature(browser: Any, served: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(served + "reference/sms/")
    section = browser.find_element(By.ID, "bulk_send")
    assert section.is_displayed()
    code = browser.find_element(By.CSS_SELECTOR, "article .highlight code").text
    assert "client.sms.send(" in code and "-> SmsSendResponse" in code
    rows = browser.find_elements(By.CSS_SELECTOR, "article table tbody tr")
    assert len(rows) > 30
    assert severe_console_errors(browser) == []


def test_the_search_finds_bulk_send(browser: Any, served: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(served + "getting-started/")
    box = WebDriverWait(browser, 10).until(ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input")))
    box.click()
    box.send_keys("bulk_send")

    def hits(driver: Any) -> list:
        items = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
        return [a.get_attribute("href") for a in items if "bulk_send" in (a.get_attribute("href") or "")]

    found = [urlsplit(href) for href in WebDriverWait(browser, 20).until(hits)]
    assert any(u.path == "/reference/sms/" and u.fragment == "bulk_send" for u in found), found
    # the guides too, where it is written `client.sms.bulk_send` (a word of its own at the dot)
    pages = {urlsplit(a.get_attribute("href") or "").path for a in browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")}
    assert {"/guides/sending-and-receiving/", "/guides/large-volumes/"} <= pages, pages
    browser.get(served + "reference/sms/#bulk_send")       # where the hit leads
    assert browser.find_element(By.ID, "bulk_send").text.startswith("bulk_send")
    assert severe_console_errors(browser) == []
