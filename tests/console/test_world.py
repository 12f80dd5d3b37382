"""Playing the other party from the console in headless Chromium: an SMS and a fax to one of
your numbers, a conference seen leg by leg, charges and a top-up, a fault injected from the page
and met by the SDK, and a reset. Every action the page takes is a same-origin JSON request to the
control API (the page makes no form post)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import hoiio
import requests
from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.server import Sandbox

from .conftest import Seen, console_errors, needs_selenium, wait_for

needs_selenium()

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

US = "+16505551101"  # a Hoiio Number that takes SMS (and calls)
SG = "+6531581101"  # one that takes faxes


def fill(browser: Any, form_id: str, **values: str) -> None:
    form = browser.find_element(By.ID, form_id)
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def test_text_and_fax_your_numbers_from_the_page(sandbox: Sandbox, browser: Any, shot: Any) -> None:
    acct = sandbox.create_account()
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client, Receiver() as rx:
        client.number.subscribe(US, "1").raise_for_status()
        client.number.configure(US, forward_to=rx.url("/calls"), forward_sms_to=rx.url("/sms")).raise_for_status()
        client.number.subscribe(SG, "1").raise_for_status()
        client.number.configure(SG, forward_to=rx.url("/fax"), mode="fax").raise_for_status()
        browser.get(f"{sandbox.url}numbers?app_id={acct['app_id']}")
        wait_for(browser, f"tr[data-id='{US}']", text=rx.url("/sms")[:25])
        assert "SMS go to" in browser.find_element(By.CSS_SELECTOR, "thead").text

        fill(browser, "incoming-sms", to=US, **{"from": "+16501234567"}, msg="Is the shop open on Sunday?")
        wait_for(browser, ".panel", text="Is the shop open on Sunday?")  # the page follows it to /sms/<ref>
        assert "/sms/AA-SI-" in browser.current_url
        (got,) = rx.wait_for(1, path="/sms")
        assert got.fields["msg"] == "Is the shop open on Sunday?" and got.verify(acct["access_token"])
        wait_for(browser, ".panel tr.row", text="delivered")
        client.sms.send("Yes, 10 to 4", "+16501234567").raise_for_status()
        client.sms.send("To someone else", "+6591234567").raise_for_status()
        browser.find_element(By.CSS_SELECTOR, "[data-view='sms']").click()
        row = wait_for(browser, "tr.row", text="Is the shop open")
        assert "in" in row.text and "received" in row.text
        wait_for(browser, "tr.row", text="To someone else")
        Select(browser.find_element(By.CSS_SELECTOR, "select[aria-label=number]")).select_by_value("+16501234567")  # one conversation
        WebDriverWait(browser, 10).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#view tr.row")) == 2, "the filter left other numbers")
        assert "To someone else" not in browser.find_element(By.ID, "view").text and "Yes, 10 to 4" in browser.find_element(By.ID, "view").text
        assert "number=%2B16501234567" in browser.current_url

        fill(browser, "incoming-fax", to=SG, **{"from": "+6598765432"})
        panel = wait_for(browser, ".panel", text="Open the PDF")
        assert "/fax/AA-FI-" in browser.current_url and "pages\n1" in panel.text
        pdf = panel.find_element(By.LINK_TEXT, "Open the PDF").get_attribute("href")
        assert requests.get(pdf, timeout=10).content.startswith(b"%PDF")
        rx.wait_for(1, path="/fax")

        fill(browser, "incoming-sms", to="+6599999999", **{"from": "+16501234567"}, msg="hi")  # not one of yours
        wait_for(browser, "#toast.bad", text="not one of this account's Hoiio Numbers")
    assert not console_errors(browser)


def test_a_conference_shows_each_leg_and_the_charges_add_up(sandbox: Sandbox, browser: Any, shot: Any) -> None:
    acct = sandbox.create_account()
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        conf = client.voice.conference("+6591234567", "+6598765432", "+6590000001")  # ...0001 is busy
        browser.get(f"{sandbox.url}calls?app_id={acct['app_id']}")
        refs = conf.txn_refs
        for ref in refs:
            wait_for(browser, f"tr[data-id='{ref}']", text="conference")
        browser.find_element(By.CSS_SELECTOR, f"tr[data-id='{refs[0]}'] td").click()
        legs = wait_for(browser, ".panel", text=refs[1])
        assert refs[2] in legs.text and conf.room in legs.text
        browser.find_element(By.CSS_SELECTOR, "[data-advance='60']").click()
        browser.find_element(By.CSS_SELECTOR, "[data-advance='60']").click()
        wait_for(browser, f"tr[data-id='{refs[0]}']", text="answered")
        wait_for(browser, f"tr[data-id='{refs[2]}']", text="busy")
        ended = wait_for(browser, f"tr[data-id='{refs[1]}']", text="done")
        debit = client.voice.status(refs[1]).debit
        assert f"{debit:.3f}" in ended.text

        browser.find_element(By.CSS_SELECTOR, "[data-view='account']").click()
        charges = wait_for(browser, "table", text=refs[1])
        assert refs[0] in charges.text and refs[2] not in charges.text  # the busy leg cost nothing
        balance = client.account.balance().balance
        assert browser.find_element(By.ID, "balance").text.startswith(f"{balance:.3f}")
        topup = browser.find_element(By.ID, "topup-form")
        topup.find_element(By.NAME, "points").clear()
        topup.find_element(By.NAME, "points").send_keys("10")
        topup.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        wait_for(browser, "#balance", text=f"{balance + 10:.3f}")
        shot("charges")
    assert not console_errors(browser)


def test_a_fault_injected_from_the_page_meets_the_sdk_and_reset_forgets_everything(sandbox: Sandbox, browser: Any, seen: Seen) -> None:
    acct = sandbox.create_account()
    client = sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"], max_retries=0)
    browser.get(f"{sandbox.url}faults?app_id={acct['app_id']}")
    form = wait_for(browser, "#fault-form")
    Select(form.find_element(By.NAME, "kind")).select_by_value("server_error")
    form.find_element(By.NAME, "path").send_keys("sms/send")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, "tr.row", text="server_error")
    assert sandbox.request("GET", "faults")[0]["path"] == "sms/send"
    try:
        status = client.sms.send("during the outage", "+6591234567").status
    except hoiio.HoiioException as exc:
        status = str(exc)
    assert "internal_server_error" in status or "500" in status
    wait_for(browser, ".empty", text="No fault injected")  # it was used up
    assert client.sms.send("after the outage", "+6591234567").is_success()
    client.close()

    browser.get(f"{sandbox.url}sms?app_id={acct['app_id']}")
    wait_for(browser, "tr.row", text="after the outage")
    browser.find_element(By.ID, "reset").click()
    browser.switch_to.alert.accept()  # "Reset the sandbox? ..."
    wait_for(browser, "[data-view='sms'] .count", text="0")
    assert urlsplit(browser.current_url).path == "/" and [a["app_id"] for a in sandbox.request("GET", "accounts")] == ["AP-SANDBOX"]
    assert not console_errors(browser)

    # every change the page made went to the control API as same-origin JSON
    origin = sandbox.url.rstrip("/")
    changes = [s for s in seen if s[0] not in ("GET", "HEAD")]
    assert {(m, p) for m, p, *_ in changes} >= {("POST", "/_sandbox/faults"), ("POST", "/_sandbox/reset")}
    browser_changes = [s for s in changes if s[3] is not None]
    assert browser_changes and all(ct == "application/json" and o == origin and host == urlsplit(origin).netloc for _, _, ct, o, host in browser_changes)
