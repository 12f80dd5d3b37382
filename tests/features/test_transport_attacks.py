"""The transport attacked over real sockets (issue 9): a hostile server on 127.0.0.1 in the
test (tests/support/hostile.py), plain and TLS, against the real sync Transport (requests) and,
where the attack applies, the real AsyncTransport (aiohttp). One test per defect observed in 0.2.0.
"""

from __future__ import annotations

import asyncio
import gc
import gzip
import os
import sys
import time
import tracemalloc
import zlib
from typing import Any, Dict, List, Optional

import hoiio
import pytest
import requests
from hoiio._runtime.params import Method
from support.hostile import (
    Certificate,
    CorruptTLS,
    Hang,
    Hostile,
    Reply,
    Request,
    http_answer,
    ok,
    refused_port,
)

TOKEN = "TOPSECRET-token-7f3a"
OK_SEND = '{"status":"success_ok","txn_ref":"AA-S-1"}'
KINDS = ["sync", "async"]


def _method(name: str) -> Method[Any]:
    import importlib

    group = name.split(".")[0]
    module = importlib.import_module(f"hoiio.service.{group}")
    return next(m for m in vars(module).values() if isinstance(m, Method) and m.name == name)


def call(kind: str, server: Hostile, name: str, *args: Any, cert: Optional[Certificate] = None, **options: Any) -> Any:
    """Call method ``name`` against ``server`` with a fresh client of the given kind: the
    hoiio.Client, or the AsyncTransport driven the way the async client drives it."""
    client_options = {k: options.pop(k) for k in list(options) if k in ("timeout", "max_retries", "deadline", "max_response_size")}
    if kind == "sync":
        session = requests.Session()
        if cert is not None:
            session.verify = cert.cert
            session.trust_env = False  # else requests prefers REQUESTS_CA_BUNDLE to session.verify
        with hoiio.Client("APP", TOKEN, base_url=server.base_url, session=session, **client_options) as client:
            group, method = name.split(".")
            service = getattr(client, "account" if group == "user" else group)
            return getattr(service, method)(*args, **options)
    saved = os.environ.get("SSL_CERT_FILE")
    if cert is not None:  # the client's own session trusts the CAs the environment names when it is made
        os.environ["SSL_CERT_FILE"] = cert.cert
    try:
        return asyncio.run(_acall(server, name, args, options, client_options))
    finally:
        if cert is not None:
            os.environ.pop("SSL_CERT_FILE") if saved is None else os.environ.__setitem__("SSL_CERT_FILE", saved)


async def _acall(server: Hostile, name: str, args: Any, options: Dict[str, Any], client_options: Dict[str, Any]) -> Any:
    """The AsyncTransport on its own aiohttp session, driven the way the async client drives it
    (test_async_attacks.py runs the same on an ``http_client`` of your own)."""
    from hoiio._runtime import rules
    from hoiio._runtime.atransport import AsyncTransport

    method = _method(name)
    transport = AsyncTransport(server.base_url, rules.Settings(**client_options), user_agent="test")
    try:
        form, files, call_options = method.build(list(args) + [None] * (len(method.params) - len(args)), options, None)
        data, text, response = await transport.send(method.name, method.endpoint, form, files, call_options, ("APP", TOKEN))
        return method.model(data, text=text, response=response, method=method.name)  # type: ignore[call-arg]
    finally:
        await transport.aclose()


def no_token_in(*objects: Any) -> None:
    for obj in objects:
        for text in (repr(obj), str(obj)):
            assert TOKEN not in text, text


def exception_chain(exc: BaseException) -> List[BaseException]:
    chain: List[BaseException] = []
    seen: Optional[BaseException] = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    return chain


def assert_unknown_once(err: BaseException, server: Hostile) -> None:
    assert isinstance(err, hoiio.TransportError), repr(err)
    assert err.outcome_unknown is True and err.attempts == 1, str(err)
    assert len(server.requests) == 1, [r.path for r in server.requests]
    assert exception_chain(err) == [err]  # nothing chained: requests' exception holds the token
    no_token_in(err, err.args)


# ---- never charge twice, never claim "never sent" when it may have been ---------------------------


def test_the_hostile_server_closes_at_once_on_a_request_it_has_no_answer_for_and_names_it() -> None:
    """The test server itself: a request its script raises on (one more than the test scripted,
    or a stray from outside the test) has its connection closed at once, not held open until the
    client's deadline, and leaving the ``with`` block fails the test with the request's line."""
    answers = iter([ok('{"status":"success_ok","balance":"1"}')])
    started = time.monotonic()
    with pytest.raises(AssertionError, match=r"#1 POST /open/user/get_balance from port \d+, User-Agent 'python-requests/.*StopIteration"):
        with Hostile(lambda r: next(answers)) as server, requests.Session() as session:
            assert session.post(server.base_url + "user/get_balance", data="a=1", timeout=20).status_code == 200
            with pytest.raises(requests.ConnectionError):  # not a ReadTimeout after 20 s
                session.post(server.base_url + "user/get_balance", data="a=2", timeout=20)
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("kind", KINDS)
def test_a_tls_error_after_the_request_was_written_is_outcome_unknown_and_not_resent(kind: str, cert: Certificate) -> None:
    with Hostile(lambda r: CorruptTLS(), cert=cert) as server:
        with pytest.raises(hoiio.HoiioException) as info:
            call(kind, server, "sms.send", "hi", "+6591234567", cert=cert)
    assert_unknown_once(info.value, server)


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_tls_handshake_sent_nothing_so_a_send_is_retried(kind: str, cert: Certificate) -> None:
    with Hostile(lambda r: ok(), cert=cert, handshake="garbage") as server:
        with pytest.raises(hoiio.TransportError) as info:
            call(kind, server, "sms.send", "hi", "+6591234567", cert=cert, deadline=20)
    assert info.value.outcome_unknown is False and info.value.attempts == 3  # provably unsent: retried
    assert server.requests == [] and server.connections == 3
    assert "TLS handshake failed" in str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_refused_connection_is_retried_and_never_outcome_unknown(kind: str) -> None:
    class Nowhere:
        base_url = f"http://127.0.0.1:{refused_port()}/open/"
        requests: List[Request] = []

    with pytest.raises(hoiio.TransportError) as info:
        call(kind, Nowhere(), "sms.send", "hi", "+6591234567")  # type: ignore[arg-type]
    assert info.value.outcome_unknown is False and info.value.attempts == 3


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", ["301 Moved Permanently", "302 Found", "303 See Other", "307 Temporary Redirect", "308 Permanent Redirect"])
def test_a_redirect_is_never_followed_and_nothing_goes_anywhere_else(kind: str, status: str) -> None:
    with Hostile(lambda r: ok(OK_SEND)) as elsewhere:
        answer = http_answer("", status, [("Location", elsewhere.base_url + "sms/send")])
        with Hostile(lambda r: Reply(answer)) as server:
            with pytest.raises(hoiio.HoiioException) as info:
                call(kind, server, "sms.send", "hi", "+6591234567")
            with pytest.raises(hoiio.HoiioException) as query:
                call(kind, server, "sms.history")
    assert isinstance(info.value, hoiio.TransportError) and info.value.outcome_unknown is True
    assert "never redirects" in str(info.value) and status.split()[0] in str(info.value)
    assert elsewhere.requests == []  # neither the action nor the query went to the other host
    assert len(server.requests) == 2  # one each: a redirect is not retried, not even for a query
    assert isinstance(query.value, hoiio.TransportError) and query.value.outcome_unknown is False
    no_token_in(info.value, query.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_307_loop_sends_an_action_once(kind: str) -> None:
    holder: List[Hostile] = []
    with Hostile(lambda r: Reply(http_answer("", "307 Temporary Redirect", [("Location", holder[0].base_url + "sms/send")]))) as server:
        holder.append(server)
        with pytest.raises(hoiio.TransportError):
            call(kind, server, "sms.send", "hi", "+6591234567")
    assert len(server.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("location", ["http://[::1", "http://exa mple.com/\x00", "", "\xff\xfe", "https://" + "a" * 5000])
def test_a_bad_location_header_is_a_hoiio_exception(kind: str, location: str) -> None:
    raw = b"HTTP/1.1 302 Found\r\nLocation: " + location.encode("latin-1") + b"\r\nContent-Length: 0\r\n\r\n"
    with Hostile(lambda r: Reply(raw)) as server:
        with pytest.raises(hoiio.HoiioException):
            call(kind, server, "sms.send", "hi", "+6591234567")
        assert len(server.requests) == 1
        with pytest.raises(hoiio.HoiioException):
            call(kind, server, "account.balance")


def test_the_retry_budget_is_refunded_only_by_success() -> None:
    failing = Reply(http_answer('{"status":"error_internal_server_error"}', "503 Service Unavailable"))
    with Hostile(lambda r: failing) as server:
        session = requests.Session()
        with hoiio.Client("APP", TOKEN, base_url=server.base_url, session=session, max_retries=2, raise_on_error=False) as client:
            client._transport._sleep = lambda s: None  # type: ignore[attr-defined]
            budget = client.retry_budget
            for _ in range(10):
                assert client.account.balance().status == "error_internal_server_error"
            # 10 calls x 2 retries x 5 tokens, and not one token back for the failed answers
            assert budget.available == budget.capacity - 10 * 2 * budget.RETRY_COST
            requests_before = len(server.requests)
            for _ in range(100):  # a failing server keeps failing: the budget runs dry and stays dry
                client.account.balance()
            assert budget.available < budget.RETRY_COST
            assert len(server.requests) - requests_before == 100 + (budget.capacity - 100) // budget.RETRY_COST
        server.script = lambda r: ok('{"status":"success_ok","balance":"1"}')
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as fresh:
            spent = fresh.retry_budget
            spent._tokens = 100
            fresh.account.balance()
            assert spent.available == 101  # a success refunds one


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_gets_connections_of_its_own() -> None:
    with Hostile(lambda r: ok(f'{{"status":"success_ok","balance":"{r.index}"}}')) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            assert client.account.balance().is_success()
            parent_port = server.requests[-1].peer_port
            children = []
            for _ in range(4):
                pid = os.fork()
                if pid == 0:  # the child: its answers must come on its own connection
                    code = 1
                    try:
                        for _ in range(20):
                            assert client.account.balance().is_success()
                        code = 0
                    finally:
                        os._exit(code)
                children.append(pid)
            for _ in range(20):
                assert client.account.balance().is_success()
            codes = [os.waitpid(pid, 0)[1] for pid in children]
    assert codes == [0, 0, 0, 0]
    by_port: Dict[int, int] = {}
    for r in server.requests:
        by_port[r.peer_port] = by_port.get(r.peer_port, 0) + 1
    assert by_port[parent_port] == 1 + 20  # the parent kept its connection; no child used it
    assert len(by_port) == 5 and sorted(by_port.values()) == [20, 20, 20, 20, 21]


# ---- never hang, never run out of memory ------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_dripping_server_is_cut_at_the_deadline(kind: str, where: str) -> None:
    """One byte every 0.25 s: each read is well within the 1 s read timeout, the whole is not."""
    answer = http_answer(b'{"status":"success_ok","balance":"' + b"1" * 200 + b'"}')
    split = answer.index(b"\r\n\r\n") + 4 if where == "body" else 0
    drip = Reply(answer[split:], head=answer[:split], pieces=len(answer) - split, interval=0.25)
    with Hostile(lambda r: drip) as server:
        started = time.monotonic()
        with pytest.raises(hoiio.TransportError) as info:
            call(kind, server, "sms.send", "hi", "+6591234567", timeout=(1, 1), deadline=1.5)
        took = time.monotonic() - started
    assert took < 2.5, took
    assert "deadline of 1.5 s" in str(info.value)
    assert_unknown_once(info.value, server)


@pytest.mark.parametrize(
    "extra",
    [[("X-Plain", "one"), ("X-Plain", "two"), ("X-Blank", "")], [("X-Folded", "a\r\n  b"), ("X-After", "c")], [("X-Latin", "caf\xe9")],
     [("Bad Name", "x"), ("X-After", "c")]],  # fmt: skip
    ids=["plain", "folded", "non-ascii", "a name with a blank"],
)
def test_an_answers_head_reads_as_requests_reads_it(extra: Any) -> None:
    """The SDK's connections frame answers strictly (framing.StrictResponse): whatever the head
    holds, the SDK's response has the headers a plain requests.Session reads from the same
    answer, and the body after them."""
    answer = http_answer(OK_SEND, headers=[("Content-Type", "application/json")] + extra)
    with Hostile(lambda r: Reply(answer, close=True)) as server:
        stock = requests.Session().post(server.base_url + "/sms/send", data={"msg": "x"}, timeout=5)
        res = call("sync", server, "sms.send", "hi", "+6591234567")
    assert list(res.response.headers.items()) == list(stock.headers.items()) and stock.text == OK_SEND
    assert res.is_success() and res.txn_ref == "AA-S-1"


def test_a_large_upload_goes_out_head_first_and_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A body larger than one chunk (a fax's PDF) is not copied onto the head: the head goes
    out first, on its own, then the body; the server reads the whole request."""
    from urllib3.connection import HTTPConnection

    writes: List[bytes] = []
    real_send = HTTPConnection.send
    monkeypatch.setattr(HTTPConnection, "send", lambda self, data: (writes.append(bytes(data)), real_send(self, data))[1])
    pdf = b"%PDF-1.4\n" + os.urandom(200_000)
    with Hostile(lambda r: ok()) as server:
        res = call("sync", server, "fax.send", "+6591234567", pdf)
        assert res.is_success() and len(server.requests) == 1
    assert writes[0].startswith(b"POST /") and writes[0].endswith(b"\r\n\r\n"), writes[0][:200]
    body = b"".join(writes[1:])
    assert server.requests[0].body == body and pdf in body


def test_a_short_deadline_is_kept_while_the_watchdog_sleeps_until_a_longer_one() -> None:
    """The watchdog sleeps until the earliest deadline in flight: a call with a 30 s deadline
    in flight puts it to sleep for 30 s, and a later call with a 1.5 s deadline must wake it
    (and be cut in time); calls that end in time do not wake it at all."""
    import threading

    from hoiio._runtime.transport import _watchdog

    answer = http_answer(b'{"status":"success_ok","balance":"' + b"1" * 200 + b'"}')
    split = answer.index(b"\r\n\r\n") + 4
    drip = Reply(answer[split:], head=answer[:split], pieces=len(answer) - split, interval=0.25)
    with Hostile(lambda r: drip) as slow, Hostile(lambda r: drip) as dripping, Hostile(lambda r: ok()) as fine:
        with hoiio.Client("APP", TOKEN, base_url=fine.base_url, deadline=30) as quick:
            for _ in range(5):
                quick.account.balance()
            assert 25 < _watchdog._until - time.monotonic() <= 30  # asleep until that client's deadline
        long_one = threading.Thread(target=lambda: pytest.raises(hoiio.TransportError, call, "sync", slow, "account.balance", timeout=(1, 1), deadline=30))
        long_one.daemon = True
        long_one.start()
        time.sleep(0.5)  # the 30 s call is in flight: the watchdog sleeps until its deadline
        assert _watchdog._until - time.monotonic() > 20
        started = time.monotonic()
        with pytest.raises(hoiio.TransportError) as info:
            call("sync", dripping, "sms.send", "hi", "+6591234567", timeout=(1, 1), deadline=1.5)
        took = time.monotonic() - started
    assert took < 2.5, took
    assert "deadline of 1.5 s" in str(info.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_query_that_keeps_timing_out_ends_within_the_deadline(kind: str) -> None:
    with Hostile(lambda r: Hang(5)) as server:
        started = time.monotonic()
        with pytest.raises(hoiio.TransportError) as info:
            call(kind, server, "account.balance", timeout=(1, 0.6), deadline=1.5, max_retries=10)
        took = time.monotonic() - started
    assert took < 2.5 and info.value.outcome_unknown is False
    assert 1 <= len(server.requests) <= 3


def _bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"0" * (1024 * 1024)
    parts = [packer.compress(b'{"status":"success_ok","x":"')]
    for _ in range(size // len(block)):
        parts.append(packer.compress(block))
    parts.append(packer.compress(b'"}'))
    parts.append(packer.flush())
    return b"".join(parts)


@pytest.mark.parametrize("kind", KINDS)
def test_a_gzip_bomb_is_stopped_at_the_size_cap_in_bounded_memory(kind: str) -> None:
    bomb = _bomb(1024 * 1024 * 1024)  # 1 GB of JSON in about 1 MB
    assert len(bomb) < 1_200_000
    answer = http_answer(bomb, headers=[("Content-Type", "application/json"), ("Content-Encoding", "gzip")])
    with Hostile(lambda r: Reply(answer)) as server:
        gc.collect()
        tracemalloc.start()
        try:
            with pytest.raises(hoiio.TransportError) as info:
                call(kind, server, "account.balance", max_response_size=1024 * 1024)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert "larger than max_response_size" in str(info.value)
    assert peak < 12 * 1024 * 1024, peak
    assert len(server.requests) == 1  # too large is an answer, not a failure to retry


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("framing", ["length", "close"])
def test_a_100_mb_body_is_refused_past_the_cap_in_bounded_memory(kind: str, framing: str) -> None:
    big = b'{"status":"success_ok","x":"' + b"y" * (100 * 1024 * 1024) + b'"}'
    answer = http_answer(big, length=framing == "length")
    with Hostile(lambda r: Reply(answer, close=True)) as server:
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        try:
            with pytest.raises(hoiio.TransportError, match="larger than max_response_size"):
                call(kind, server, "sms.send", "hi", "+6591234567")
            peak = tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, peak  # the default cap is 4 MiB


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("framing", ["length", "close"])
def test_a_small_cap_holds_for_a_small_answer(kind: str, framing: str) -> None:
    """A cap below one read's size (the least allowed is 1 kB) holds for an answer read in one
    go: 3 kB of known length is refused as 3 kB read until the end is."""
    body = b'{"status":"success_ok","balance":"' + b"1" * 3000 + b'"}'
    with Hostile(lambda r: Reply(http_answer(body, length=framing == "length"), close=True)) as server:
        with pytest.raises(hoiio.TransportError, match="larger than max_response_size"):
            call(kind, server, "account.balance", max_response_size=1024)


def test_a_compressed_answer_within_the_cap_is_read() -> None:
    body = '{"status":"success_ok","balance":"12.5","currency":"SGD"}'
    for coding, data in (("gzip", gzip.compress(body.encode())), ("deflate", zlib.compress(body.encode()))):
        answer = http_answer(data, headers=[("Content-Type", "application/json"), ("Content-Encoding", coding)])
        with Hostile(lambda r, answer=answer: Reply(answer)) as server:  # type: ignore[misc]
            for kind in KINDS:
                res = call(kind, server, "account.balance")
                assert res.balance == 12.5 and res.text == body


# ---- only HoiioException, whatever comes back -------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_1000_deep_json_answer_is_malformed_not_a_recursion_error(kind: str) -> None:
    deep = '{"status":"success_ok","x":' + "[" * 100_000 + "]" * 100_000 + "}"
    with Hostile(lambda r: ok(deep)) as server:
        with pytest.raises(hoiio.HoiioException) as info:
            call(kind, server, "account.balance", max_retries=0)
        with pytest.raises(hoiio.HoiioException):
            call(kind, server, "sms.send", "hi", "+6591234567")
    assert isinstance(info.value, hoiio.MalformedResponseError)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("value", ["Fri, 31 Dec 99999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "1e400", "nan", "-5", "soon", "Tue, 99 Foo 2024 99:99:99"])
def test_a_retry_after_of_any_form_is_survived(kind: str, value: str) -> None:
    limited = Reply(http_answer('{"status":"error_rate_limit_exceeded"}', "429 Too Many Requests", [("Retry-After", value)]))
    answers = iter([limited, ok('{"status":"success_ok","balance":"3"}')])
    with Hostile(lambda r: next(answers)) as server:
        res = call(kind, server, "account.balance", deadline=5)
    assert res.balance == 3 and len(server.requests) == 2


# ---- the token stays secret everywhere --------------------------------------------------------------


def _echo(request: Request) -> Reply:
    page = b"<html><body>Bad request: " + request.body + b"</body></html>"
    return Reply(http_answer(page, "400 Bad Request", [("Content-Type", "text/html")]))


@pytest.mark.parametrize("kind", KINDS)
def test_an_error_page_echoing_the_body_does_not_leak_the_token(kind: str) -> None:
    with Hostile(_echo) as server:
        with pytest.raises(hoiio.HoiioException) as send:
            call(kind, server, "sms.send", "hi", "+6591234567")
        with pytest.raises(hoiio.MalformedResponseError) as query:
            call(kind, server, "account.balance", max_retries=0)
    assert TOKEN.encode() in server.requests[0].body  # it was sent (and echoed), as it must be
    for err in (send.value, query.value):
        no_token_in(err, err.args, *exception_chain(err))
    body = query.value.body
    assert "app_id=APP" in body and TOKEN not in body  # the rest of the body is kept for debugging
    response = query.value.response
    no_token_in(response.text, response.content, response.request.content if kind == "async" else response.request.body)


@pytest.mark.parametrize("kind", KINDS)
def test_the_response_handed_out_carries_no_token(kind: str) -> None:
    with Hostile(lambda r: ok(f'{{"status":"success_ok","txn_ref":"AA-S-1","echo":"{TOKEN}"}}')) as server:
        res = call(kind, server, "sms.send", "hi", "+6591234567")
    assert TOKEN.encode() in server.requests[0].body
    request = res.response.request
    body = request.content if kind == "async" else request.body
    no_token_in(res, res.text, res.response.content, body, request.headers, request.url)
    assert "access_token=***" in (body.decode() if isinstance(body, bytes) else body)


def test_a_cli_error_line_does_not_carry_the_token(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from hoiio.cli import main

    with Hostile(_echo) as server:
        monkeypatch.setenv("HOIIO_APP_ID", "APP")
        monkeypatch.setenv("HOIIO_ACCESS_TOKEN", TOKEN)
        monkeypatch.setenv("HOIIO_BASE_URL", server.base_url)
        code = main(["sms", "send", "--msg", "hi", "--dest", "+6591234567"])
        code2 = main(["account", "balance"])
    out = capsys.readouterr()
    assert code != 0 and code2 != 0
    assert TOKEN not in out.err and TOKEN not in out.out and "Traceback" not in out.err
    assert out.err.count("hoiio:") == 2


# ---- cancellation (async) -----------------------------------------------------------------------------


def test_a_cancelled_async_send_is_not_resent_and_says_the_outcome_is_unknown(caplog: pytest.LogCaptureFixture) -> None:
    from hoiio._runtime import rules
    from hoiio._runtime.atransport import AsyncTransport

    method = _method("sms.send")
    with Hostile(lambda r: Hang(5)) as server:

        async def main() -> BaseException:
            transport = AsyncTransport(server.base_url, rules.Settings())
            form, files, options = method.build(["hi", "+6591234567"], {}, None)
            task = asyncio.ensure_future(transport.send(method.name, method.endpoint, form, files, options, ("APP", TOKEN)))
            while not server.requests:
                await asyncio.sleep(0.01)
            task.cancel()
            try:
                await task
            except BaseException as exc:  # noqa: B036 - the CancelledError is what we look at
                await transport.aclose()
                return exc
            raise AssertionError("the cancelled task finished")

        with caplog.at_level("WARNING", logger="hoiio"):
            err = asyncio.run(main())
        time.sleep(0.3)
    assert isinstance(err, asyncio.CancelledError)  # re-raised, never swallowed
    assert len(server.requests) == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any("outcome is unknown" in w and "cancelled" in w for w in warnings), warnings
    assert all(TOKEN not in w for w in warnings)
    if sys.version_info >= (3, 11):
        assert any("outcome is unknown" in n for n in getattr(err, "__notes__", []))


# ---- the session's settings still work: proxies, CA bundle, .netrc ------------------------------------


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
                 "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NETRC"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_proxy_from_the_environment_is_used(clean_env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: ok(OK_SEND)) as proxy:
        clean_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        target = "http://127.0.0.1:9/open/"  # nothing listens there: only the proxy can answer
        with hoiio.Client("APP", TOKEN, base_url=target) as client:
            assert client.sms.send("hi", "+6591234567").txn_ref == "AA-S-1"
    assert [r.path for r in proxy.requests] == ["http://127.0.0.1:9/open/sms/send"]


def test_a_ca_bundle_from_the_environment_is_used(clean_env: pytest.MonkeyPatch, cert: Certificate) -> None:
    with Hostile(lambda r: ok(OK_SEND), cert=cert) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            with pytest.raises(hoiio.TransportError, match="TLS handshake failed"):
                client.sms.send("hi", "+6591234567")  # the system's CAs do not know this certificate
        clean_env.setenv("REQUESTS_CA_BUNDLE", cert.cert)
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            assert client.sms.send("hi", "+6591234567").is_success()


def test_netrc_credentials_are_sent(clean_env: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import base64

    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login proxyuser password proxypass\n")
    netrc.chmod(0o600)
    clean_env.setenv("NETRC", str(netrc))
    with Hostile(lambda r: ok(OK_SEND)) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            client.sms.send("hi", "+6591234567")
    assert server.requests[0].header("Authorization") == "Basic " + base64.b64encode(b"proxyuser:proxypass").decode()
