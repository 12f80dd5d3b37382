"""The console in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven by selenium through the system chromedriver, never a downloaded one.

Without Chromium the browser tests skip, except under CI (CI=true), where they fail. Every
test's screenshots go to tests/console/screenshots/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest
from hoiio.sandbox.server import Sandbox

SHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTH, HEIGHT = 1440, 900  # a laptop screen

CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check",
    "--disable-features=Translate,MediaRouter,OptimizationHints", "--metrics-recording-only", "--password-store=basic",
    f"--window-size={WIDTH},{HEIGHT}",
)  # fmt: skip


def _missing(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"the console's browser tests need Chromium under CI: {why}")
    pytest.skip(why)


def needs_selenium() -> None:
    """At the top of a browser test module: skip it (fail under CI) without selenium."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            raise
        pytest.skip("selenium is not installed (pip install -e '.[dev]')", allow_module_level=True)


def _binaries() -> "tuple[str, str]":
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").is_file() else None)
    if browser is None or driver is None:
        _missing("headless Chromium is not installed (apt-get install chromium chromium-driver)")
    assert browser is not None and driver is not None
    return browser, driver


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install -e '.[dev]')")
    binary, driver = _binaries()
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never go to the network
    profile = tempfile.mkdtemp(prefix="hoiio-console-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    drv.set_page_load_timeout(30)
    drv.set_script_timeout(30)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(autouse=True)
def page_closed_after_the_test(request: pytest.FixtureRequest) -> Iterator[None]:
    """The console's page polls its sandbox every few seconds, for as long as it is open, and
    the browser lives for the whole session: a page left open would go on polling a port its
    sandbox has let go, and whatever a later test binds there (a hostile server of the
    transport tests) would get its requests. So every test's page is closed with the test."""
    yield
    if "browser" in request.fixturenames:
        request.getfixturevalue("browser").get("about:blank")


class Seen(list):  # type: ignore[type-arg]
    """The control API requests the sandbox received: (method, path, content type, Origin, Host)."""


@pytest.fixture(scope="module")
def seen() -> Iterator[Seen]:
    """Records every request to /_sandbox/ (SandboxApp wrapped for the module)."""
    from hoiio.sandbox.app import SandboxApp

    calls = Seen()
    original = SandboxApp.__call__

    def recording(self: Any, environ: Any, start_response: Any) -> Any:
        if environ.get("PATH_INFO", "").startswith("/_sandbox/"):
            calls.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], environ.get("CONTENT_TYPE", ""), environ.get("HTTP_ORIGIN"),
                          environ.get("HTTP_HOST")))  # fmt: skip
        return original(self, environ, start_response)

    SandboxApp.__call__ = recording  # type: ignore[method-assign]
    try:
        yield calls
    finally:
        SandboxApp.__call__ = original  # type: ignore[method-assign]


@pytest.fixture(scope="module")
def sandbox(seen: Seen) -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture
def shot(browser: Any, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """shot("name") saves a screenshot of the page as tests/console/screenshots/<test>-<name>.png."""
    SHOTS.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = SHOTS / f"{request.node.name}-{name}.png"
        browser.save_screenshot(str(path))
        return path

    return take


def wait_for(browser: Any, css: str, *, text: Optional[str] = None, timeout: float = 10.0) -> Any:
    """The first element matching ``css`` (whose text contains ``text``), waiting for the page's
    live updates to bring it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(drv: Any) -> Any:
        for el in drv.find_elements(By.CSS_SELECTOR, css):
            try:
                if text is None or text in el.text:
                    return el
            except Exception:  # the element was replaced by an update meanwhile
                continue
        return False

    return WebDriverWait(browser, timeout, poll_frequency=0.1).until(found, f"no {css!r}" + (f" with {text!r}" if text else ""))


def console_errors(browser: Any) -> list[dict[str, Any]]:
    """Errors the page logged: JavaScript exceptions, and failed loads of the page's own files
    (a control API call the test meant to be refused is no error of the page's)."""
    return [e for e in browser.get_log("browser")
            if e.get("level") == "SEVERE" and (e.get("source") != "network" or "/_sandbox/" not in str(e.get("message")))]  # fmt: skip


SALES, SUPPORT = "+6561110101", "+6561110202"


@pytest.fixture(scope="module")
def example() -> Iterator[Any]:
    """examples/auto_attendant.py, imported."""
    from support import examples

    with examples.example("auto_attendant") as module:
        yield module


@pytest.fixture
def office(sandbox: Sandbox, example: Any) -> Iterator[Any]:
    """A fresh account with a subscribed number whose calls go to the auto-attendant, running
    on a free loopback port."""
    from support import examples

    with examples.attendant_office(sandbox, example, SALES, SUPPORT) as office:
        yield office
