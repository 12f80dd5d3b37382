"""Inputs the sandbox refuses before doing any work on them, over real HTTP against the real
sandbox: control-API numbers out of range however they are written (``1e700000`` is eight
characters but a 700,000-digit integer, which took the old sandbox's CPU for half a minute), and
a notify_url holding a control character (a NUL, CR, LF, ...), refused as Hoiio refuses any bad URL."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
import requests
from hoiio.sandbox.checks import endpoints
from hoiio.sandbox.server import Sandbox

from .conftest import balance
from .test_checks import request_for, with_param


def post(sb: Sandbox, path: str, body: Any) -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return requests.post(sb.url + "_sandbox/" + path, data=data, headers={"Content-Type": "application/json"}, timeout=10)


@pytest.mark.parametrize("value", ["1e700000", "-1e700000", "9" * 5000, "1" + "0" * 200, "1e11", "Infinity", "sNaN"])
@pytest.mark.parametrize("path, name", [("topup", "points"), ("topup", "bonus"), ("account", "points"), ("account", "bonus"), ("drain", "leave")])
def test_an_amount_out_of_range_is_refused_before_any_arithmetic(sandbox: Sandbox, account: Dict[str, Any], path: str, name: str, value: str) -> None:
    before = balance(sandbox, account)
    answer = post(sandbox, path, {name: value, "app_id": account["app_id"]})
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error.startswith(f"{name}: ") and ("more than" in error or "not an amount" in error), error
    assert len(error) < 200  # the value is shown cut short
    assert balance(sandbox, account) == before


def test_a_new_account_with_a_huge_amount_is_refused(sandbox: Sandbox) -> None:
    answer = post(sandbox, "accounts", {"app_id": "AP-HUGE", "points": "1e700000"})
    assert answer.status_code == 400 and "points" in answer.json()["error"], answer.text
    assert "AP-HUGE" not in [a["app_id"] for a in sandbox.request("GET", "accounts")]


@pytest.mark.parametrize("value", ["1e700000", "0e999999999", "1e-999999999"])
def test_tiny_and_zero_amounts_written_with_huge_exponents_are_plain_numbers(sandbox: Sandbox, account: Dict[str, Any], value: str) -> None:
    before = balance(sandbox, account)
    if value == "1e700000":
        value = "1e2"  # a control: an ordinary exponent works
    answer = post(sandbox, "topup", {"points": value, "app_id": account["app_id"]})
    assert answer.status_code == 200, answer.text
    added = float(balance(sandbox, account)["points"]) - float(before["points"])
    assert added == (100.0 if value == "1e2" else 0.0)


@pytest.mark.parametrize(
    "path, body",
    [
        ("advance", {"seconds": "1e700000"}),
        ("advance", {"seconds": "9" * 5000}),
        ("advance", '{"seconds": 1e700000}'),
        ("advance", {"minutes": "1" + "0" * 200}),
        ("advance", {"seconds": 1, "timeout": "1e700000"}),
        ("faults", {"kind": "delay", "seconds": "1e700000"}),
        ("faults", {"kind": "rate_limit", "count": "1e700000"}),
        ("faults", {"kind": "rate_limit", "count": "9" * 5000}),
        ("notifications/wait", {"timeout": "1e700000"}),
    ],
)
def test_other_numbers_out_of_range_are_refused(sandbox: Sandbox, path: str, body: Any) -> None:
    clock = sandbox.request("GET", "clock")
    answer = post(sandbox, path, body)
    assert answer.status_code == 400, answer.text
    assert len(answer.json()["error"]) < 200
    assert sandbox.request("GET", "faults") == []
    assert sandbox.request("GET", "clock")["offset"] == clock["offset"]


def test_a_huge_after_in_a_query_is_refused(sandbox: Sandbox) -> None:
    answer = requests.get(sandbox.url + "_sandbox/notifications", params={"after": "1e700000"}, timeout=10)
    assert answer.status_code == 400, answer.text


@pytest.mark.parametrize("bad", ["\x00", "\r\n", "\n", "\t", "\x7f", "\x85", "\x1b"])
@pytest.mark.parametrize("path", [p for p in with_param("notify_url") if p in ("sms/send", "voice/call", "fax/send", "ivr/start/dial")])
def test_a_control_character_in_notify_url_is_an_invalid_url(sandbox: Sandbox, account: Dict[str, Any], path: str, bad: str) -> None:
    ep = endpoints()[path]

    def send(url: str) -> str:
        form, files = request_for(ep, notify_url=url)
        form.update(app_id=account["app_id"], access_token=account["access_token"])
        return str(requests.post(sandbox.base_url + path, data=form, files=files or None, timeout=10).json()["status"])

    assert send(f"http://127.0.0.1:9/hook{bad}x") == "error_invalid_notify_url"
    assert sandbox.request("GET", "transactions", app_id=account["app_id"]) == []  # nothing done, nothing to notify
    assert send("http://127.0.0.1:9/hookx") != "error_invalid_notify_url"  # the same URL without it passes that check


@pytest.mark.parametrize("note", ["9" * 30, "9" * 4000, "1e700000", "-1", "\u0661"])
def test_the_consoles_note_id_out_of_range_is_no_failure(sandbox: Sandbox, note: str) -> None:
    """The console's snapshot takes a notification id to focus on: one SQLite cannot hold is
    no such notification (it was a 500, an OverflowError in the store)."""
    answer = requests.get(sandbox.url + "_sandbox/console", params={"note": note}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert "note" not in answer.json()["focus"]
