"""Injected faults, and how the SDK meets them: rate limits, server errors, delays, dropped
connections (before and after the request took effect), a proxy's 502 page."""

from __future__ import annotations

import time
from typing import Any, Dict

import hoiio
import pytest

from .conftest import Sandbox


@pytest.fixture(autouse=True)
def no_faults_left(sandbox: Sandbox) -> Any:
    yield
    sandbox.clear_faults()


def test_rate_limit(sandbox: Sandbox, client: Any, make_client: Any, account: Dict[str, Any]) -> None:
    sandbox.fault("rate_limit", count=2, path="user/get_balance")
    assert client.account.balance(max_retries=0).status == "error_rate_limit_exceeded"
    assert client.sms.send("hi", "+6591234567").is_success()  # other endpoints are not limited
    retrying = make_client(account, max_retries=2)
    retrying._transport._sleep = lambda s: None
    assert retrying.account.balance().is_success()  # the SDK retries a free query
    assert retrying.account.balance().is_success()


def test_rate_limit_with_retry_after(sandbox: Sandbox, make_client: Any, account: Dict[str, Any]) -> None:
    sandbox.fault("rate_limit", count=1, path="user/get_balance", seconds=2.5)
    client = make_client(account, max_retries=1)
    waits: list = []
    client._transport._sleep = waits.append
    assert client.account.balance().is_success()
    assert waits == [2.5]  # the header's seconds, not a random backoff


def test_server_error_is_retried_for_queries_only(sandbox: Sandbox, make_client: Any, account: Dict[str, Any]) -> None:
    client = make_client(account, max_retries=1)
    client._transport._sleep = lambda s: None
    sandbox.fault("server_error", count=1)
    assert client.account.info().is_success()
    sandbox.fault("server_error", count=1)
    res = client.sms.send("hi", "+6591234567")
    assert res.status == "error_internal_server_error"
    assert client.sms.history().total_entries_count == 0


def test_delay_meets_the_timeout(sandbox: Sandbox, make_client: Any, account: Dict[str, Any]) -> None:
    client = make_client(account, max_retries=0)
    sandbox.fault("delay", seconds=0.5, path="user/get_info")
    started = time.monotonic()
    assert client.account.info().is_success()
    assert time.monotonic() - started >= 0.5
    sandbox.fault("delay", seconds=1.0, path="user/get_info")
    with pytest.raises(hoiio.TransportError):
        client.account.info(request_timeout=0.3)


def test_dropped_connection(sandbox: Sandbox, make_client: Any, account: Dict[str, Any]) -> None:
    client = make_client(account, max_retries=0)
    sandbox.fault("drop", path="sms/send")
    with pytest.raises(hoiio.TransportError) as before:
        client.sms.send("hi", "+6591234567", tag="first")
    assert before.value.outcome_unknown
    assert client.sms.history().total_entries_count == 0  # dropped before it was handled
    sandbox.fault("drop", path="sms/send", after=True)
    with pytest.raises(hoiio.TransportError) as after:
        client.sms.send("hi", "+6591234567", tag="second")
    assert after.value.outcome_unknown and after.value.tag == "second"
    history = client.sms.history()
    assert [e.tag for e in history.entries] == ["second"]  # it took effect: look it up by its tag


def test_bad_gateway(sandbox: Sandbox, make_client: Any, account: Dict[str, Any]) -> None:
    client = make_client(account, max_retries=0)
    sandbox.fault("bad_gateway", count=2)
    with pytest.raises(hoiio.MalformedResponseError):
        client.account.balance()
    with pytest.raises(hoiio.TransportError):
        client.sms.send("hi", "+6591234567")
    assert client.account.balance().is_success()


def test_faults_are_listed_and_validated(sandbox: Sandbox) -> None:
    sandbox.fault("rate_limit", count=3, path="sms/send")
    assert [(f["kind"], f["count"]) for f in sandbox.request("GET", "faults")] == [("rate_limit", 3)]
    with pytest.raises(Exception, match="kind"):
        sandbox.fault("earthquake")
