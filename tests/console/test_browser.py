"""The console in headless Chromium against a real sandbox: what the SDK does shows up on the
page without a reload, and the page's buttons play the other party through the control API."""

from __future__ import annotations

from typing import Any

from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.server import Sandbox

from .conftest import console_errors, needs_selenium, wait_for

needs_selenium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def test_an_sms_sent_through_the_sdk_shows_and_its_delivery_follows_live(sandbox: Sandbox, browser: Any, shot: Any) -> None:
    acct = sandbox.create_account()
    client = sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"])
    with Receiver() as rx:
        rx.fail.add("/refused")
        browser.get(f"{sandbox.url}sms?app_id={acct['app_id']}")
        wait_for(browser, ".empty", text="No SMS yet")
        text = "Your table for 4 is ready <b>now</b> " + "x" * 140  # two parts; markup stays text
        res = client.sms.send(text, "+6591234567", tag="table-4", notify_url=rx.url("/refused"))
        row = wait_for(browser, f"tr[data-id='{res.txn_ref}']")  # no reload: the page polls
        assert "Your table for 4 is ready <b>now</b>" in row.text and "queued" in row.text and "0.076" in row.text
        assert not browser.find_elements(By.CSS_SELECTOR, "#view b")
        browser.find_element(By.CSS_SELECTOR, "[data-advance='5']").click()  # the clock, from the page
        wait_for(browser, f"tr[data-id='{res.txn_ref}'] .badge.good", text="delivered")
        assert client.sms.status(res.txn_ref).sms_status == "delivered"

        browser.find_element(By.CSS_SELECTOR, f"tr[data-id='{res.txn_ref}'] td").click()
        panel = wait_for(browser, ".panel", text=res.txn_ref)
        assert "table-4" in panel.text and "parts\n2" in panel.text and "cost\n0.076" in panel.text
        assert browser.current_url == f"{sandbox.url}sms/{res.txn_ref}?app_id={acct['app_id']}"  # a link to share
        (got,) = rx.wait_for(1, path="/refused")
        note = wait_for(browser, ".panel tr.row", text="sms_delivery")
        assert "failed" in note.text and "500" in note.text
        shot("sms")

        note.find_element(By.CSS_SELECTOR, "td").click()
        detail = wait_for(browser, "#note-detail", text="X-Hoiio-Signature")
        assert f"POST {rx.url('/refused')}" in detail.text and f"X-Hoiio-Signature: {got.signature}" in detail.text
        assert got.body.decode() in detail.text and "HTTP status\n500" in detail.text
        assert "/notifications/" in browser.current_url

    browser.get(f"{sandbox.url}sms/{res.txn_ref}")  # the shared link finds the account by itself
    wait_for(browser, ".panel", text="table-4")
    assert browser.find_element(By.ID, "account").get_attribute("value") == acct["app_id"]
    assert not console_errors(browser)
    client.close()


def test_call_the_auto_attendant_from_the_page_and_press_a_key(sandbox: Sandbox, browser: Any, office: Any, shot: Any) -> None:
    from .conftest import SUPPORT

    browser.get(f"{sandbox.url}numbers?app_id={office.app_id}")
    wait_for(browser, f"tr[data-id='{office.number}']", text=office.attendant.public_url[:20])
    form = browser.find_element(By.ID, "incoming-call")
    form.find_element(By.NAME, "to").send_keys(office.number)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    # the page follows the call to its session; the app answered with its menu (a gather)
    wait_for(browser, "#session-detail[data-block='gather'][data-state='running']")
    session = browser.current_url.split("/ivr/", 1)[1].split("?", 1)[0]
    assert session.startswith("S-")
    wait_for(browser, "li[data-block='gather']", text="Press 1 for sales, 2 for support")
    wait_for(browser, "li[data-kind='call_incoming']", text="delivered")
    shot("menu")

    browser.find_element(By.CSS_SELECTOR, "[data-advance='5']").click()  # the menu has played; the gather still listens
    wait_for(browser, "#toast.show", text="Clock moved on +5 s")
    wait_for(browser, "#session-detail[data-block='gather'][data-state='running']")
    for key in "2":
        browser.find_element(By.CSS_SELECTOR, f".keypad button[data-key='{key}']").click()
    assert browser.find_element(By.ID, "keys").text == "2"
    browser.find_element(By.ID, "press-now").click()
    # the keys reach the app at once; its next block is the transfer to support
    wait_for(browser, "li[data-event='keys']", text="2")
    wait_for(browser, "li[data-kind='ivr_gather']", text="digits 2")
    transfer = wait_for(browser, "li[data-block='transfer']", text=SUPPORT)
    assert "Connecting you now" in transfer.text
    wait_for(browser, "li[data-kind='ivr_gather']", text="delivered")
    browser.execute_script("document.getElementById('toast').className = ''")
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return getComputedStyle(document.getElementById('toast')).opacity") == "0")
    shot("pressed")  # docs/console.png is this one
    browser.find_element(By.CSS_SELECTOR, "[data-advance='60']").click()  # ring, answer, then they talk
    wait_for(browser, "li[data-event='transfer']", text="answered")
    browser.find_element(By.CSS_SELECTOR, "[data-advance='60']").click()
    wait_for(browser, "li[data-event='ended']", text="debit")
    wait_for(browser, "li[data-kind='ivr_transfer']", text="transfer answered")
    shot("timeline")
    (call,) = sandbox.transactions(kind="call", app_id=office.app_id)
    assert call["dest2"] == SUPPORT and call["call_status_dest2"] == "answered"
    assert not console_errors(browser)


def test_keys_queued_from_the_page_reach_the_gather_and_the_caller_hangs_up(sandbox: Sandbox, browser: Any, office: Any) -> None:
    session = sandbox.incoming_call(office.number, "+6591234567", app_id=office.app_id)["session"]
    browser.get(f"{sandbox.url}ivr/{session}")  # the link alone finds the account
    wait_for(browser, "#session-detail[data-block='gather'][data-state='running']")
    browser.find_element(By.TAG_NAME, "body").send_keys("7")  # the keyboard types on the keypad
    assert browser.find_element(By.ID, "keys").text == "7"
    browser.find_element(By.ID, "press-next").click()
    wait_for(browser, "#session-detail", text="keys queued for the next gather: 7")
    browser.find_element(By.CSS_SELECTOR, "[data-advance='5']").click()  # the menu plays, the key is taken
    wait_for(browser, "li[data-event='keys']", text="7")
    wait_for(browser, "#session-detail[data-block='record']")  # 7 is no department: the app takes a voicemail
    browser.find_element(By.ID, "hangup").click()
    wait_for(browser, "li[data-event='caller_hangup']")
    wait_for(browser, "li[data-event='ended']", text="answered")
    wait_for(browser, "#session-detail[data-state='ended']")
    assert not browser.find_elements(By.ID, "caller")  # no keypad once the call is over
    (ended,) = [n for n in sandbox.notifications(app_id=office.app_id) if n["fields"].get("call_state") == "ended"]
    assert ended["kind"] == "ivr_record"
    assert not console_errors(browser)
