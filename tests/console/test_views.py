"""Every view and every kind of detail of the console renders in headless Chromium, without a
JavaScript error, on a laptop-sized window and a smaller one (screenshots of each are saved)."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest
from hoiio.flow import Msg
from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.server import Sandbox

from .conftest import HEIGHT, WIDTH, console_errors, needs_selenium, wait_for

needs_selenium()

from selenium.webdriver.common.by import By  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>endobj\n" \
      b"3 0 obj<</Type/Page/Parent 2 0 R>>endobj\n4 0 obj<</Type /Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # fmt: skip


@pytest.fixture(scope="module")
def world(sandbox: Sandbox) -> Iterator[Dict[str, Any]]:
    """An account that did a bit of everything."""
    acct = sandbox.create_account()
    with Receiver() as rx, sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        url = rx.url("/app")
        sms = client.sms.send("Hello <script>alert(1)</script> & welcome", "+6591234567", notify_url=url).txn_ref
        client.number.subscribe("+16505551101", "auto_extend").raise_for_status()
        client.number.configure("+16505551101", forward_sms_to=url, forward_to=url).raise_for_status()
        received = sandbox.incoming_sms("+16505551101", "+16501234567", "Yes, see you then", app_id=acct["app_id"])[0]
        call = client.voice.call("+6591234567", "+6598765432", notify_url=url).txn_ref
        conf = client.voice.conference("+6591234567", "+6598765432", notify_url=url)
        fax = client.fax.send("+6561234567", PDF, filename="menu.pdf", notify_url=url).txn_ref
        dial = client.ivr.dial("+6591234567", msg=Msg.text("Hello"), notify_url=url)
        sandbox.advance(8)
        client.ivr.record(dial.session, msg="After the tone", notify_url=url)
        sandbox.advance(20)
        client.ivr.gather(dial.session, msg="Your PIN?", max_digits=4, notify_url=url)
        sandbox.fault("delay", count=3, path="sms/query_status", seconds=1)
        sandbox.wait_for_notifications()
        notes = sandbox.notifications(app_id=acct["app_id"])
        yield {"app_id": acct["app_id"], "sms": sms, "received": received, "call": call, "conf": conf.txn_refs[0], "fax": fax,
               "session": dial.session, "note": notes[-1]["id"], "number": "+16505551101"}  # fmt: skip
    sandbox.clear_faults()


PAGES = [  # (screenshot, path, the view lit in the menu, a text the view shows)
    ("overview", "", "overview", "Your app talks to this sandbox"),
    ("sms", "sms", "sms", "Hello <script>"),
    ("sms-detail", "sms/{sms}", "sms", "parts"),
    ("sms-received", "sms/{received}", "sms", "Yes, see you then"),
    ("calls", "calls", "calls", "conference"),
    ("call-detail", "calls/{call}", "calls", "Leg"),
    ("conference-detail", "calls/{conf}", "calls", "conference"),
    ("ivr", "ivr", "ivr", "S-"),
    ("ivr-detail", "ivr/{session}", "ivr", "record block"),
    ("fax", "fax", "fax", "+6561234567"),
    ("fax-detail", "fax/{fax}", "fax", "Open the PDF"),
    ("numbers", "numbers", "numbers", "+16505551101"),
    ("number-detail", "numbers/{number}", "numbers", "subscribed"),
    ("notifications", "notifications", "notifications", "sms_delivery"),
    ("notification-detail", "notifications/{note}", "notifications", "X-Hoiio-Signature"),
    ("account", "account", "account", "What was charged"),
    ("faults", "faults", "faults", "sms/query_status"),
]


@pytest.mark.parametrize("size", [(WIDTH, HEIGHT), (1100, 720)], ids=["laptop", "small"])
def test_every_view_renders(sandbox: Sandbox, browser: Any, world: Dict[str, Any], shot: Any, size: Any) -> None:
    browser.set_window_size(*size)
    try:
        for name, path, view, expect in PAGES:
            browser.get(f"{sandbox.url}{path.format(**world)}?app_id={world['app_id']}")
            wait_for(browser, "#view", text=expect)
            assert browser.find_element(By.CSS_SELECTOR, "#nav a.on").get_attribute("data-view") == view
            assert not browser.find_elements(By.CSS_SELECTOR, "#view script"), "markup from a message became part of the page"
            shot(name)
            assert not console_errors(browser), name
        # the ivr detail's timeline shows the recording and the running gather
        browser.get(f"{sandbox.url}ivr/{world['session']}?app_id={world['app_id']}")
        wait_for(browser, "li[data-kind='ivr_record']", text="listen")
        wait_for(browser, "#gathering")
        assert browser.find_element(By.ID, "press-now").is_enabled()
    finally:
        browser.set_window_size(WIDTH, HEIGHT)


def test_the_tables_fit_their_containers_at_1400_px(sandbox: Sandbox, browser: Any, world: Dict[str, Any]) -> None:
    """The overview's latest activity (and the notifications beside it) at 1400 px wide: no table
    wider than its container (long messages are cut with an ellipsis, their text in the title)."""
    acct = sandbox.create_account()
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        client.sms.send("A rather long message about a table for four at eight tonight, with a view " * 2, "+6591234567")
        client.voice.conference("+6591234567", "+6598765432", "+6598765433")
        client.fax.send("+6561234567", PDF, filename="menu.pdf")
        sandbox.advance(3)
    browser.set_window_size(1400, HEIGHT)
    try:
        browser.get(f"{sandbox.url}?app_id={acct['app_id']}")
        wait_for(browser, "#view", text="Latest activity")
        wait_for(browser, "#view tr.row", text="to +6561234567")
        widths = browser.execute_script(
            "return [...document.querySelectorAll('#view .scroll')].map(s => [s.querySelector('table').scrollWidth, s.clientWidth,"
            " s.closest('.split > div') ? s.closest('.split > div').clientWidth : s.clientWidth]);"
        )
        assert widths and all(table <= box and box <= column for table, box, column in widths), widths
        assert not console_errors(browser)
    finally:
        browser.set_window_size(WIDTH, HEIGHT)


def test_an_outgoing_fax_shows_who_it_is_from(sandbox: Sandbox, browser: Any, world: Dict[str, Any]) -> None:
    """The fax list's From column (it was empty): the account's registered number for a fax sent
    without a caller_id, else its caller_id. Hoiio's answers stay as they were."""
    with sandbox.client(app_id=world["app_id"], access_token=sandbox.account(world["app_id"])["access_token"]) as client:
        private = client.fax.send("+6561234567", PDF, caller_id="private").txn_ref
        assert "src" not in client.fax.status(private).json
    browser.get(f"{sandbox.url}fax?app_id={world['app_id']}")
    for ref, sender in ((world["fax"], "+6511111111"), (private, "private")):
        row = wait_for(browser, f"tr[data-id='{ref}']")
        cells = [td.text for td in row.find_elements(By.CSS_SELECTOR, "td")]
        assert cells[1:4] == ["↑ out", sender, "+6561234567"], cells
