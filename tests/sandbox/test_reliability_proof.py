"""Proof of the reliability promises (docs/security.md, README "Errors, retries, timeouts and
logging"), end to end over real HTTP against the sandbox:

1. a send whose connection drops after the sandbox handled it is never sent again, and the
   error says how to find out what happened;
2. a rate-limited query is retried (exactly three requests for two limits), a rate-limited send
   is not, and Retry-After is honoured;
3. a delay past the timeout fails in bounded time; a query is retried after it, a send is not;
4. nothing the user would not want in a log (token, numbers, message texts) reaches any log
   record, across every group of the API, unless the user opts in (and the token never);
5. one client shared by 16 threads: every answer belongs to its own request, and the retry
   budget's bookkeeping stays exact.

Requests are counted on the wire by an HTTPAdapter mounted on the client's session, and
transactions through the sandbox's control API (GET /_sandbox/transactions), not through the SDK.
"""

from __future__ import annotations

import concurrent.futures
import logging
import threading
import time
from typing import Any, Callable, Dict, Iterator, List, Tuple
from urllib.parse import quote_plus, urlsplit

import hoiio
import pytest
import requests
from hoiio._runtime.rules import BACKOFF_BASE, RETRY_AFTER_CAP, RetryBudget, mask
from hoiio.flow import Msg
from requests.adapters import HTTPAdapter

from .conftest import PDF, Receiver, Sandbox, balance, checked_session

START_BALANCE = {"balance": "54.650", "points": "50.000", "bonus": "4.650"}


class CountingAdapter(HTTPAdapter):
    """Counts every HTTP request that goes out (answered or not), by API path."""

    def __init__(self) -> None:
        super().__init__(pool_maxsize=32)
        self.sent: List[str] = []
        self._lock = threading.Lock()

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        path = urlsplit(request.url or "").path
        with self._lock:
            self.sent.append(path.split("/open/", 1)[-1])
        return super().send(request, *args, **kwargs)

    def count(self, endpoint: str) -> int:
        with self._lock:
            return self.sent.count(endpoint)


Wired = Tuple[hoiio.Client, CountingAdapter, List[float]]


@pytest.fixture
def wired(make_client: Callable[..., hoiio.Client]) -> Callable[..., Wired]:
    """A client whose requests are counted on the wire and whose backoff sleeps are recorded
    (not slept)."""

    def make(acct: Dict[str, Any], **kwargs: Any) -> Wired:
        session = checked_session()
        adapter = CountingAdapter()
        session.mount("http://", adapter)
        client = make_client(acct, session=session, **kwargs)
        sleeps: List[float] = []
        client._transport._sleep = sleeps.append
        return client, adapter, sleeps

    return make


@pytest.fixture(autouse=True)
def no_faults_left(sandbox: Sandbox) -> Iterator[None]:
    sandbox.clear_faults()
    yield
    sandbox.clear_faults()


def transactions(sandbox: Sandbox, acct: Dict[str, Any], kind: str) -> List[Dict[str, Any]]:
    return sandbox.transactions(kind=kind, app_id=acct["app_id"])


def remaining_faults(sandbox: Sandbox) -> List[Tuple[str, str, int]]:
    return [(f["kind"], f["path"], f["count"]) for f in sandbox.request("GET", "faults")]


def wait_until(predicate: Callable[[], bool], timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


# ---- 1. a connection dropped after the send took effect --------------------------------------


def assert_outcome_unknown(err: hoiio.TransportError, tag: str, token: str) -> None:
    message = str(err)
    assert err.outcome_unknown is True
    assert err.attempts == 1, "sent once, never again"
    assert err.tag == tag
    assert "outcome is unknown" in message and "not sent again" in message
    assert repr(tag) in message and "history" in message and "status" in message  # how to look it up
    assert token not in message and token not in repr(err.args)
    assert err.__cause__ is None and err.__context__ is None  # requests' exception (it holds the token) is not chained in


def test_dropped_after_the_send_took_effect_is_never_resent(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    client, wire, sleeps = wired(account)  # default max_retries=2: retries are on
    assert client.max_retries == 2
    token = account["access_token"]

    sandbox.fault("drop", path="sms/send", after=True)
    with pytest.raises(hoiio.TransportError) as sms_err:
        client.sms.send("pay me once", "+6591234567", tag="sms-once")
    assert_outcome_unknown(sms_err.value, "sms-once", token)
    assert wire.count("sms/send") == 1 and sleeps == []
    sms = transactions(sandbox, account, "sms")
    assert [(t["tag"], t["dest"], t["msg"]) for t in sms] == [("sms-once", "+6591234567", "pay me once")]
    assert balance(sandbox, account)["balance"] == "54.612"  # charged once: 54.650 - 0.038

    # what the message says to do works: the history finds it by its tag, the status by txn_ref
    found = [e for e in client.sms.history().entries if e.tag == sms_err.value.tag]
    assert len(found) == 1 and client.sms.status(found[0].txn_ref).tag == "sms-once"

    # a call, with the tag the client made up (auto_tag)
    tagging, call_wire, call_sleeps = wired(account, auto_tag=True)
    sandbox.fault("drop", path="voice/call", after=True)
    with pytest.raises(hoiio.TransportError) as call_err:
        tagging.voice.call("+6591234567", "+6598765432")
    tag = call_err.value.tag
    assert tag and tag.startswith("hoiio-")
    assert_outcome_unknown(call_err.value, tag, token)
    assert call_wire.count("voice/call") == 1 and call_sleeps == []
    calls = transactions(sandbox, account, "call")
    assert [(t["tag"], t["dest1"], t["dest2"]) for t in calls] == [(tag, "+6591234567", "+6598765432")]
    assert [e.tag for e in tagging.voice.history().entries] == [tag]
    assert remaining_faults(sandbox) == []


# ---- 2. rate limits --------------------------------------------------------------------------


def test_rate_limited_query_is_retried_exactly_until_it_succeeds(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    client, wire, sleeps = wired(account)
    sandbox.fault("rate_limit", count=2, path="user/get_balance")
    res = client.account.balance()
    assert res.is_success() and res.balance == 54.65
    assert wire.count("user/get_balance") == 3, wire.sent  # limited, limited, answered
    assert remaining_faults(sandbox) == []  # the sandbox saw both limited requests
    assert len(sleeps) == 2  # the sandbox sends no Retry-After: full jitter, 0.5 s base, doubling
    assert 0 <= sleeps[0] <= BACKOFF_BASE and 0 <= sleeps[1] <= 2 * BACKOFF_BASE
    assert client.retry_budget.available == 500 - 2 * RetryBudget.RETRY_COST + 1

    # one limit too many for max_retries=2: the status comes back after 3 requests, no more
    sandbox.fault("rate_limit", count=4, path="sms/get_history")
    assert client.sms.history().status == "error_rate_limit_exceeded"
    assert wire.count("sms/get_history") == 3
    assert remaining_faults(sandbox) == [("rate_limit", "sms/get_history", 1)]


def test_rate_limited_send_is_sent_once(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    client, wire, sleeps = wired(account)
    sandbox.fault("rate_limit", count=2, path="sms/send")
    res = client.sms.send("limited", "+6591234567", tag="limited")
    assert res.status == "error_rate_limit_exceeded" and not res.is_success()  # returned, not retried
    assert wire.count("sms/send") == 1 and sleeps == []
    assert remaining_faults(sandbox) == [("rate_limit", "sms/send", 1)]
    raising, raising_wire, raising_sleeps = wired(account, raise_on_error=True)
    with pytest.raises(hoiio.RateLimitError) as err:
        raising.sms.send("limited", "+6591234567", tag="limited")  # raise_on_error: raised instead
    assert err.value.status == "error_rate_limit_exceeded"
    assert raising_wire.count("sms/send") == 1 and raising_sleeps == []
    assert transactions(sandbox, account, "sms") == [] and balance(sandbox, account) == START_BALANCE
    assert client.sms.send("now it goes", "+6591234567").is_success()
    assert len(transactions(sandbox, account, "sms")) == 1


def test_retry_after_is_honoured(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    """The sandbox sends no Retry-After; a proxy in front of it that adds one (a response hook
    on the client's session) shows the SDK waits exactly that long, capped at 60 s (the deadline
    is raised so that a 60 s wait fits in it)."""
    client, wire, sleeps = wired(account, deadline=120)
    waits = iter(["1.5", "3600"])

    def add_retry_after(res: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if res.headers.get("Content-Type", "").startswith("application/json") and res.json().get("status") == "error_rate_limit_exceeded":
            assert "Retry-After" not in res.headers
            res.headers["Retry-After"] = next(waits)
        return res

    client._transport.session.hooks["response"].append(add_retry_after)
    sandbox.fault("rate_limit", count=2, path="user/get_info")
    assert client.account.info().is_success()
    assert sleeps == [1.5, RETRY_AFTER_CAP]
    assert wire.count("user/get_info") == 3


# ---- 3. timeouts -----------------------------------------------------------------------------


def test_delay_past_the_timeout_fails_in_bounded_time(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    per_call, _, _ = wired(account, max_retries=0)
    sandbox.fault("delay", seconds=1.0, path="user/get_info")
    started = time.monotonic()
    with pytest.raises(hoiio.TransportError) as err:
        per_call.account.info(request_timeout=0.2)
    assert 0.15 <= time.monotonic() - started < 0.8
    assert "read timeout" in str(err.value) and not err.value.outcome_unknown  # a query: nothing happened

    per_client, _, _ = wired(account, max_retries=0, timeout=0.2)
    assert per_client.timeout == 0.2
    sandbox.fault("delay", seconds=1.0, path="user/get_balance")
    started = time.monotonic()
    with pytest.raises(hoiio.TransportError, match="read timeout"):
        per_client.account.balance()
    assert 0.15 <= time.monotonic() - started < 0.8


def test_a_query_is_retried_after_a_timeout(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    client, wire, sleeps = wired(account, timeout=0.2)
    sandbox.fault("delay", seconds=0.6, path="sms/get_history")
    started = time.monotonic()
    assert client.sms.history().is_success()
    assert time.monotonic() - started < 0.6  # it did not wait for the slow answer
    assert wire.count("sms/get_history") == 2 and len(sleeps) == 1
    assert client.retry_budget.available == 500 - RetryBudget.TIMEOUT_COST + 1


def test_a_send_is_not_retried_after_a_read_timeout(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    client, wire, sleeps = wired(account, timeout=0.2)  # max_retries=2
    sandbox.fault("delay", count=2, seconds=0.5, path="sms/send")
    started = time.monotonic()
    with pytest.raises(hoiio.TransportError) as err:
        client.sms.send("slow one", "+6591234567", tag="slow")
    assert time.monotonic() - started < 0.5
    assert_outcome_unknown(err.value, "slow", account["access_token"])
    assert "read timeout" in str(err.value)
    assert wire.count("sms/send") == 1 and sleeps == []
    assert remaining_faults(sandbox) == [("delay", "sms/send", 1)]  # one request reached the sandbox
    # the slow request still went through on the sandbox's side: exactly one SMS
    assert wait_until(lambda: len(transactions(sandbox, account, "sms")) == 1)
    assert [t["tag"] for t in transactions(sandbox, account, "sms")] == ["slow"]


# ---- 4. logging ------------------------------------------------------------------------------

SMS_TO = "+6591234567"
BULK_TO = ("+6592223344", "+6593334455")
CALL_TO = ("+6594445566", "+6595556677")
CONF_TO = ("+6596667788", "+6597778899")
FAX_TO = "+6561234578"
IVR_TO = "+6598887766"
UNSERVED = "+88212345678"  # a number of a country Hoiio does not serve
TEXTS = {
    "sms": "Alpha secret message",
    "bulk": "Bravo bulk greeting",
    "big": "Zulu " * 40,  # to a destination Hoiio does not serve: error_dest_not_supported
    "dropped": "Yankee lost message",
    "dial": "Charlie says hello",
    "gather": "Delta press one",
    "play": "Echo thank you",
    "hangup": "Foxtrot goodbye",
}


def full_run(client: hoiio.Client, sandbox: Sandbox, receiver: Receiver) -> List[str]:
    """Touch every group (and an error, a dropped send and a retried query); return the numbers
    used (the subscribed one is picked from the sandbox's list)."""
    client._transport._sleep = lambda s: None
    hook = receiver.url("/logging")
    sent = client.sms.send(TEXTS["sms"], SMS_TO, tag="log-sms")
    assert sent.is_success()
    assert client.sms.bulk_send(TEXTS["bulk"], *BULK_TO).is_success()
    app_log = logging.getLogger("app")  # the application logs the SDK's exceptions, tracebacks and all
    too_big = client.sms.send(TEXTS["big"], UNSERVED)  # an error path (a message too long is refused before sending)
    try:
        too_big.raise_for_status()
    except hoiio.InvalidRequestError as exc:
        assert exc.status == "error_dest_not_supported"
        app_log.exception("the send was refused: %r", exc)
    else:
        raise AssertionError("error_dest_not_supported did not raise")
    sandbox.fault("drop", path="sms/send")
    try:
        client.sms.send(TEXTS["dropped"], SMS_TO)  # a network failure
    except hoiio.TransportError as exc:
        assert exc.outcome_unknown
        app_log.exception("the send failed: %r", exc)
    else:
        raise AssertionError("the dropped send did not raise")
    assert client.sms.status(sent.txn_ref).is_success()
    assert client.sms.history().is_success()
    call = client.voice.call(*CALL_TO)
    assert call.is_success()
    assert client.voice.status(call.txn_ref).is_success()
    assert client.conference.call(*CONF_TO, room="logroom").is_success()
    assert client.fax.send(FAX_TO, PDF, filename="tiny.pdf").is_success()
    dial = client.ivr.dial(IVR_TO, msg=Msg.text(TEXTS["dial"]), notify_url=hook)
    assert dial.is_success()
    sandbox.advance(10)
    sandbox.press("1", session=dial.session)
    assert client.ivr.gather(dial.session, msg=TEXTS["gather"], max_digits=1, notify_url=hook).is_success()
    sandbox.advance(10)
    assert client.ivr.play(dial.session, TEXTS["play"], notify_url=hook).is_success()
    sandbox.advance(10)
    assert client.ivr.hangup(dial.session, msg=TEXTS["hangup"]).is_success()
    number = client.number.available_numbers("SG").entries[0].number
    assert number and client.number.subscribe(number, "1").is_success()
    sandbox.fault("rate_limit", path="user/get_balance")
    assert client.account.balance().is_success()  # a retried query
    assert client.account.info().is_success()
    return [SMS_TO, *BULK_TO, *CALL_TO, *CONF_TO, FAX_TO, IVR_TO, number]


def formatted(records: List[logging.LogRecord]) -> List[str]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    out = []
    for record in records:
        out.append(formatter.format(record))  # the message, and any traceback (exc_text)
        out.append(f"{record.msg!r} {record.args!r} {record.exc_text or ''}")
    return out


def leaks(lines: List[str], secrets: List[str]) -> List[Tuple[str, str]]:
    forms = {s: {s, quote_plus(s), s.lstrip("+")} for s in secrets}
    return [(s, line) for line in lines for s in secrets if any(f in line for f in forms[s])]


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    assert logging.getLogger("hoiio").propagate
    caplog.set_level(logging.DEBUG)  # the root logger
    for name in ("hoiio", "urllib3"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog


def test_logs_never_show_the_token_and_mask_numbers_and_texts(
    sandbox: Sandbox, make_client: Callable[..., hoiio.Client], receiver: Receiver, debug_logs: pytest.LogCaptureFixture
) -> None:
    acct = sandbox.create_account()
    token = acct["access_token"]
    debug_logs.clear()
    numbers = full_run(make_client(acct), sandbox, receiver)
    lines = formatted(debug_logs.records)
    names = {r.name for r in debug_logs.records}
    assert "hoiio" in names and "urllib3.connectionpool" in names, names  # the capture saw both

    assert leaks(lines, [token]) == []
    assert leaks(lines, numbers) == []
    assert leaks(lines, list(TEXTS.values())) == []

    text = "\n".join(lines)
    for number in numbers:  # logging did not silently stop: the masked forms are there
        assert mask(number) in text, number
    assert f"'dest': '{mask(','.join(BULK_TO))}'" in text
    for msg in TEXTS.values():
        assert f"'msg': '<{len(msg)} chars>'" in text, msg
    requests_logged = [m for m in (r.getMessage() for r in debug_logs.records) if m.startswith("POST ") and " params=" in m]
    assert len(requests_logged) == 18 and all("'access_token': '***'" in m for m in requests_logged)
    for path in ("sms/send", "sms/bulk_send", "sms/query_status", "sms/get_history", "voice/call", "voice/query_status",
                 "conference/call", "fax/send", "ivr/start/dial", "ivr/middle/gather", "ivr/middle/play", "ivr/end/hangup",
                 "number/get_choices", "number/subscribe", "user/get_balance", "user/get_info"):  # fmt: skip
        assert f"POST {path} params=" in text, path
    assert "'file': '<" in text and "bytes>'" in text
    assert "error_dest_not_supported" in text
    tracebacks = [r.exc_text for r in debug_logs.records if r.name == "app" and r.exc_text]
    assert len(tracebacks) == 2 and "InvalidRequestError" in tracebacks[0] and "outcome is unknown" in tracebacks[1]
    assert "retrying account.balance (attempt 2 of 3) after error_rate_limit_exceeded" in text

    # the user's opt-in: numbers and texts are shown, the token still never
    opted = sandbox.create_account()
    debug_logs.clear()
    numbers = full_run(make_client(opted, log_sensitive=True), sandbox, receiver)
    lines = formatted(debug_logs.records)
    text = "\n".join(lines)
    assert leaks(lines, [opted["access_token"]]) == []
    assert "'access_token': '***'" in text
    for number in numbers:
        assert number in text, number
    for msg in TEXTS.values():
        assert msg in text


# ---- 5. one client, 16 threads ---------------------------------------------------------------

#: 16 numbers, in 13 countries (four in Singapore), with their SMS rate.
DESTS = [(f"+65912345{60 + i}", "0.038") for i in range(4)] + [
    ("+16505550123", "0.015"), ("+85291234567", "0.045"), ("+60123456789", "0.040"), ("+61412345678", "0.060"),
    ("+64211234567", "0.065"), ("+84912345678", "0.050"), ("+628123456789", "0.030"), ("+8613812345678", "0.035"),
    ("+27821234567", "0.055"), ("+447912345678", "0.058"), ("+919812345678", "0.020"), ("+819012345678", "0.090"),
]  # fmt: skip


def test_sixteen_threads_share_one_client_without_cross_talk(sandbox: Sandbox, wired: Callable[..., Wired]) -> None:
    acct = sandbox.create_account(points="100.000")
    client, wire, _ = wired(acct)
    rounds = 3
    start = threading.Barrier(16)

    def work(i: int) -> List[str]:
        dest, rate = DESTS[i]
        start.wait()
        refs = []
        for r in range(rounds):
            tag, msg = f"thread-{i}-round-{r}", f"message {i}/{r} " + "x" * i
            quote = client.sms.rate(msg, dest)
            assert (quote.json["rate"], quote.split_count) == (rate, 1), (i, r, quote.json)
            sent = client.sms.send(msg, dest, tag=tag)
            assert sent.is_success(), sent.json
            status = client.sms.status(sent.txn_ref)
            assert (status.txn_ref, status.tag, status.dest, status.msg, status.json["rate"]) == (sent.txn_ref, tag, dest, msg, rate)
            refs.append(sent.txn_ref)
        return refs

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(work, range(16)))
    refs = [ref for refs in results for ref in refs]
    assert len(set(refs)) == 16 * rounds
    # every send went out exactly once; a free query may go out again after the server closed
    # a kept-alive connection under it ("the connection broke"), as the retry rules allow
    assert wire.sent.count("sms/send") == 16 * rounds
    assert {"sms/get_rate", "sms/query_status"} >= set(p for p in wire.sent if p != "sms/send")
    assert 3 * 16 * rounds <= len(wire.sent) <= 3 * 16 * rounds + 4
    # the sandbox agrees: each txn_ref is the SMS its thread sent
    by_ref = {t["txn_ref"]: t for t in transactions(sandbox, acct, "sms")}
    assert set(by_ref) == set(refs)
    for i, thread_refs in enumerate(results):
        for r, ref in enumerate(thread_refs):
            assert (by_ref[ref]["tag"], by_ref[ref]["dest"]) == (f"thread-{i}-round-{r}", DESTS[i][0])


def test_the_retry_budget_stays_exact_under_concurrency(sandbox: Sandbox, wired: Callable[..., Wired], account: Dict[str, Any]) -> None:
    client, wire, sleeps = wired(account)
    budget = client.retry_budget
    for _ in range(20):  # below capacity, so that every success's refund counts
        assert budget.spend()
    assert budget.available == 500 - 20 * RetryBudget.RETRY_COST
    limits = 24
    sandbox.fault("rate_limit", count=limits, path="user/get_balance")
    start = threading.Barrier(16)

    def work(i: int) -> str:
        start.wait()
        return str(client.account.balance(max_retries=limits).status)

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(work, range(16)))
    assert statuses == ["success_ok"] * 16
    assert remaining_faults(sandbox) == []
    # one retry per limit, no more; besides, a query may go out again after the server closed a
    # kept-alive connection under it (seen with cheroot and 16 threads): each such retry is
    # counted, slept and paid for exactly like the others
    extra = wire.count("user/get_balance") - (16 + limits)
    assert 0 <= extra <= 4 and len(sleeps) == limits + extra
    assert budget.available == 400 - (limits + extra) * RetryBudget.RETRY_COST + 16  # no update lost, never below zero
