"""The console's server side without a browser: the page and its files (packaged, with a strict
Content-Security-Policy), the snapshot it polls (GET /_sandbox/console) and the key presses it
sends (POST /_sandbox/ivr/press), against a real sandbox over HTTP."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
import requests
from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.remote import SandboxError
from hoiio.sandbox.server import Sandbox

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "generated" / "hoiio" / "sandbox" / "console"
HTML = {"Accept": "text/html,application/xhtml+xml"}


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture(scope="module")
def rx() -> Iterator[Receiver]:
    with Receiver() as r:
        yield r


@pytest.fixture
def acct(sandbox: Sandbox) -> Dict[str, Any]:
    created: Dict[str, Any] = sandbox.create_account()
    return created


def test_the_page_is_served_at_the_root_and_at_every_shareable_link(sandbox: Sandbox) -> None:
    for path in ("", "sms", "sms/AA-S-141147", "calls/AA-C-1", "ivr/S-1234", "fax/AA-F-1", "numbers/+6531581101", "notifications/3", "account", "faults"):
        res = requests.get(sandbox.url + path, headers=HTML, timeout=10)
        assert res.status_code == 200 and res.headers["Content-Type"].startswith("text/html"), path
        assert '<script src="/_console/console.js"' in res.text
        csp = res.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp  # nothing from elsewhere; no framing
        assert res.headers["X-Frame-Options"] == "DENY"
    guide = requests.get(sandbox.url, timeout=10)  # curl and scripts still get the short guide
    assert guide.headers["Content-Type"].startswith("text/plain") and f"Console (open it in a browser): {sandbox.url}" in guide.text
    assert requests.get(sandbox.url + "nothing-here", headers=HTML, timeout=10).status_code == 404
    assert requests.post(sandbox.url + "sms", headers=HTML, timeout=10).status_code == 404


def test_the_files_are_served_and_shipped_in_the_package(sandbox: Sandbox) -> None:
    for name, kind in (("console.js", "text/javascript"), ("console.css", "text/css"), ("favicon.svg", "image/svg+xml")):
        res = requests.get(f"{sandbox.url}_console/{name}", timeout=10)
        assert res.status_code == 200 and res.headers["Content-Type"].startswith(kind) and res.content == (STATIC / name).read_bytes()
    assert requests.get(f"{sandbox.url}_console/../app.py", timeout=10).status_code == 404
    assert requests.get(f"{sandbox.url}_console/index.htm", timeout=10).status_code == 404
    # pyproject's package-data takes every file of the console (a wheel without them serves a broken page)
    text = (ROOT / "pyproject.toml").read_text()
    globs = [g for g in text.split("[tool.setuptools.package-data]", 1)[1].split("\n", 2)[1].split('"') if "/" in g or "." in g]
    for f in STATIC.iterdir():
        assert any(fnmatch.fnmatch(f"sandbox/console/{f.name}", g) for g in globs), f"{f.name} is not in package-data"
    # nothing on the page comes from elsewhere: no absolute URL in the page's own files
    for f in STATIC.iterdir():
        body = f.read_text()
        assert "https://" not in body and "http://" not in body.replace("http://www.w3.org/2000/svg", ""), f.name


def test_the_snapshot_shows_an_sms_its_parts_cost_and_notification(sandbox: Sandbox, acct: Dict[str, Any], rx: Receiver) -> None:
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        ref = client.sms.send("x" * 200, "+6591234567", notify_url=rx.url("/snap")).txn_ref
    snap = sandbox.console(app_id=acct["app_id"])
    (sms,) = snap["sms"]
    assert (sms["ref"], sms["direction"], sms["split_count"], sms["debit"], sms["sms_status"]) == (ref, "outgoing", "2", "0.076", "queued")
    assert snap["counts"]["sms"] == 1 and snap["account"]["balance"] == "54.574"
    assert snap["charges"] == [{"date": sms["date"], "kind": "sms", "ref": ref, "what": "SMS to +6591234567 (2 part(s))", "debit": "0.076"}]
    assert not any(k.startswith("_") for k in sms) and "access_token" not in str(snap["sms"])
    # an unchanged snapshot answers only its version (the page polls it)
    again = sandbox.console(app_id=acct["app_id"], since=snap["version"])
    assert again == {"version": snap["version"], "unchanged": True, "clock": again["clock"]}
    sandbox.fault("delay", path="sms/query_status", seconds=0.1)  # faults live in memory, and count too
    faulty = sandbox.console(app_id=acct["app_id"], since=snap["version"])
    assert "unchanged" not in faulty and faulty["faults"][0]["kind"] == "delay"
    sandbox.clear_faults()
    assert sandbox.console(app_id=acct["app_id"], since=snap["version"]).get("unchanged")
    sandbox.advance(5)
    rx.wait_for(1, path="/snap")
    sandbox.wait_for_notifications()
    later = sandbox.console(ref=ref, since=snap["version"])  # the ref alone picks the account
    assert later["version"] != snap["version"] and later["account"]["app_id"] == acct["app_id"]
    assert later["focus"]["txn"]["sms_status"] == "delivered"
    (note,) = later["focus"]["notifications"]
    assert (note["kind"], note["ref"], note["url"], note["state"], note["http_status"]) == ("sms_delivery", ref, rx.url("/snap"), "delivered", 200)
    assert note["signature"] == rx.at("/snap")[0].signature and note["body"] == rx.at("/snap")[0].body.decode()
    assert sandbox.console(note=note["id"])["focus"]["note"]["id"] == note["id"]


def test_numbers_their_charges_and_an_incoming_fax(sandbox: Sandbox, acct: Dict[str, Any]) -> None:
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        client.number.subscribe("+6531581105", "3").raise_for_status()
        client.number.configure("+6531581105", forward_to="http://127.0.0.1:9/fax", mode="fax")
    ref = sandbox.incoming_fax("+6531581105", "+6598765432", app_id=acct["app_id"])
    snap = sandbox.console(app_id=acct["app_id"])
    (number,) = snap["numbers"]
    assert number["number"] == "+6531581105" and number["mode"] == "fax" and number["forward_to"] == "http://127.0.0.1:9/fax"
    assert number["charges"][0]["what"] == "subscribed" and number["charges"][0]["months"] == 3 and number["expiry"]
    assert {c["kind"] for c in snap["charges"]} == {"number", "fax"}
    (fax,) = snap["fax"]
    assert fax["ref"] == ref and fax["direction"] == "incoming" and fax["fax_pages"] == "1"
    assert requests.get(fax["fax_url"], timeout=10).content.startswith(b"%PDF")


def test_an_ivr_session_keeps_a_timeline_and_keys_pressed_now_end_the_gather(sandbox: Sandbox, acct: Dict[str, Any], rx: Receiver) -> None:
    url = rx.url("/ivr")
    with sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"]) as client:
        dial = client.ivr.dial("+6591234567", msg="Hello", notify_url=url)
        with pytest.raises(SandboxError, match="not in a gather"):
            sandbox.press_now("1", dial.session)
        sandbox.advance(5 + 3)
        assert client.ivr.gather(dial.session, msg="Your PIN?", max_digits=4, notify_url=url).is_success()
        with pytest.raises(SandboxError, match="digits"):
            sandbox.press_now("12a", dial.session)
        with pytest.raises(SandboxError, match="no session"):
            sandbox.press_now("1", "S-999999")
        sandbox.press_now("4321#", dial.session)  # at once, without moving the clock
        gathered = rx.wait_for(2, path="/ivr")[1].note
        assert type(gathered).__name__ == "GatherNotification" and gathered.digits == "4321"
        sandbox.advance(30)  # the gather's own input moments are stale: no second notification
        sandbox.wait_for_notifications()
        assert len(rx.at("/ivr")) == 2
        client.ivr.hangup(dial.session, msg="Bye", notify_url=url)
        sandbox.advance(3)
    snap = sandbox.console(session=dial.session)
    s = snap["focus"]["session"]
    assert [(t["event"], t.get("block")) for t in s["timeline"]] == [
        ("block", "dial"), ("block", "gather"), ("keys", None), ("block", "hangup"), ("ended", None)]
    assert s["timeline"][1]["msg"] == "Your PIN?" and s["timeline"][1]["max_digits"] == 4 and s["timeline"][2]["digits"] == "4321"
    assert s["timeline"][4]["status"] == "answered" and s["timeline"][4]["debit"]
    assert all("access_token" not in t for t in s["timeline"])
    kinds = [n["kind"] for n in sorted(snap["focus"]["notifications"], key=lambda n: n["id"])]
    assert kinds == ["ivr_dial", "ivr_gather", "ivr_hangup"]
    # each entry names the last notification made before it, which places it among them
    notes = sorted(n["id"] for n in snap["focus"]["notifications"])
    assert [t["after"] >= notes[0] for t in s["timeline"]] == [False, True, True, True, True]


def test_make_sandbox_prints_the_console_url_beside_the_base_url() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "hoiio", "sandbox", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        lines = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not (lines and lines[-1].startswith("Press Ctrl-C")):
            lines.append(proc.stdout.readline())
        base = next(line.split("=", 1)[1].strip() for line in lines if "HOIIO_BASE_URL=" in line)
        index = next(i for i, line in enumerate(lines) if "HOIIO_BASE_URL=" in line)
        console = lines[index + 1].split()[1]
        assert lines[index + 1].strip().startswith("console: ") and console == base[: -len("open/")]
        page = requests.get(console, headers=HTML, timeout=10)
        assert page.status_code == 200 and "Hoiio sandbox console" in page.text
    finally:
        proc.terminate()
        proc.communicate(timeout=15)
