"""Property: whatever a hostile server answers (status line, headers, body, framing, encoding,
TLS faults, timing), a call through the real transport (sync and async) raises nothing but a
HoiioException, sends an action exactly once, ends within the deadline, stays within bounded
memory, and nothing it hands out carries the access token."""

from __future__ import annotations

import asyncio
import gzip
import os
import time
import tracemalloc
import zlib
from typing import Any, List, Optional

import hoiio
import pytest
import requests
from hoiio._runtime.model import Response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.hostile import Certificate, CorruptTLS, Drop, Hang, Hostile, Reply, Request, refused_port, tempdir

TOKEN = "TOPSECRET-token-7f3a"
_clock = [0.0]  # when the call under test started (after the client's own setup)
DEADLINE = 1.0
CAP = 64 * 1024

_statuses = st.sampled_from(
    ["200 OK", "201 Created", "204 No Content", "301 Moved", "302 Found", "303 See Other", "307 Temporary Redirect",
     "308 Permanent Redirect", "400 Bad Request", "401 Unauthorized", "429 Too Many Requests", "500 Internal Server Error",
     "502 Bad Gateway", "503 Service Unavailable", "999 Odd", "200"]
)  # fmt: skip
_texts = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
_bodies = st.one_of(
    st.just(b'{"status":"success_ok","txn_ref":"AA-S-1","balance":"1.5"}'),
    st.just(b'{"status":"error_rate_limit_exceeded"}'),
    st.just(b'{"status":"error_internal_server_error"}'),
    st.just(b"ECHO"),  # the request body, token included, echoed back
    st.just(b'{"status":"success_ok","echo":"ESCAPED"}'),  # the token echoed \u-escaped in a JSON string
    st.just(b'{"status":"success_ok","balance":' + b"9" * 400 + b',"rate":1e999,"debit":"' + b"9" * 400 + b'"}'),  # numbers that overflow
    st.builds(lambda n: b'{"status":"success_ok","x":' + b"[" * n + b"]" * n + b"}", st.integers(1, 50_000)),
    st.builds(lambda n: b'{"status":"success_ok","x":"' + b"y" * n + b'"}', st.integers(0, 3 * CAP)),
    st.binary(max_size=300),
    st.just(b""),
)


@st.composite
def answers(draw: Any, tls: bool) -> Any:
    fault = draw(st.sampled_from(["answer"] * 6 + ["drop", "hang", "drip", "garbage"] + (["tls"] if tls else [])))
    if fault == "drop":
        return Drop(draw(st.floats(0, 0.2)))
    if fault == "hang":
        return Hang(3)
    if fault == "tls":
        return CorruptTLS()
    if fault == "garbage":
        return Reply(draw(st.binary(min_size=1, max_size=200)), close=True)
    body = draw(_bodies)
    headers: List[str] = []
    coding = draw(st.sampled_from([None, None, "gzip", "deflate", "br", "x-bogus", "gzip-bad"]))
    framing = draw(st.sampled_from(["length", "length", "close", "chunked", "short", "long", "bad-length", "neg-chunk", "both-lengths"]))
    for name, value in (
        ("Content-Type", draw(st.sampled_from(["application/json", "text/html", "application/json; charset=latin-1", ""]))),
        ("Retry-After", draw(st.one_of(st.none(), _texts, st.sampled_from(["Fri, 31 Dec 99999 23:59:59 GMT", "1e400", "-1", "nan", "0.01"])))),
        ("Location", draw(st.one_of(st.none(), _texts, st.just("http://[::1"), st.just("http://127.0.0.1:1/open/sms/send")))),
        ("X-Echo", draw(st.one_of(st.none(), st.just(TOKEN)))),  # the token echoed in a header
        ("Set-Cookie", draw(st.one_of(st.none(), st.just(f"t={TOKEN}; Path=/")))),  # and in a cookie
    ):
        if value is not None:
            headers.append(f"{name}: {value}")
    interim = draw(st.lists(st.sampled_from(["100 Continue", "102 Processing", "103 Early Hints", "199 Odd"]), max_size=3))
    status = draw(st.one_of(_statuses, st.just(f"200 {TOKEN}")))  # the token echoed in the reason phrase too
    return ("answer", status, headers, body, coding, framing, draw(st.floats(0, 0.2)), fault == "drip", interim)


def _encode(body: bytes, coding: Optional[str]) -> bytes:
    if coding == "gzip":
        return gzip.compress(body)
    if coding == "deflate":
        return zlib.compress(body)
    if coding == "gzip-bad":
        return b"\x1f\x8b" + body
    return body


def render(spec: Any, request: Request) -> Any:
    if not isinstance(spec, tuple):
        return spec
    _, status, headers, body, coding, framing, delay, drip, interim = spec
    if body == b"ECHO":
        body = request.body
    body = body.replace(b"ESCAPED", "".join(f"\\u{ord(c):04x}" for c in TOKEN).encode())
    data = _encode(body, coding)
    lines = [f"HTTP/1.1 {status}", *headers]
    if coding:
        lines.append(f"Content-Encoding: {coding.replace('-bad', '')}")
    close = framing == "close"
    if framing == "chunked":
        lines.append("Transfer-Encoding: chunked")
        data = b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)
    elif framing in ("length", "short", "long"):
        declared = len(data) + {"length": 0, "short": -1, "long": 50}[framing]
        lines.append(f"Content-Length: {max(declared, 0)}")
        close = framing != "length"
    elif framing == "bad-length":
        lines.append("Content-Length: 12abc")
        close = True
    elif framing == "neg-chunk":
        lines.append("Transfer-Encoding: chunked")
        data = b"-1\r\n" + data + b"y" * 100_000
        close = True
    elif framing == "both-lengths":
        lines += ["Transfer-Encoding: chunked", f"Content-Length: {len(data)}"]
        data = b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)
    head = "".join(f"HTTP/1.1 {s}\r\n\r\n" for s in interim)
    raw = (head + "\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data
    if drip:
        return Reply(raw, pieces=min(len(raw), 40), interval=0.05, close=True)
    return Reply(raw, delay=delay, close=close)


@pytest.fixture(scope="module")
def cert() -> Optional[Certificate]:
    if not Certificate.available():
        if os.environ.get("CI") == "true":
            pytest.fail("the openssl command is needed for the TLS faults")
        return None
    return Certificate(tempdir())


def _sync(server: Hostile, name: str, cert: Optional[Certificate], proxy: bool = False) -> Any:
    session = requests.Session()
    session.trust_env = False
    base_url = server.base_url
    if cert is not None:
        session.verify = cert.cert
    elif proxy:  # the hostile server is a forwarding proxy: nothing listens at the target
        session.proxies = {"http": f"http://127.0.0.1:{server.port}"}
        base_url = f"http://127.0.0.1:{refused_port()}/open/"
    with hoiio.Client("APP", TOKEN, base_url=base_url, session=session, timeout=(0.5, 0.5), deadline=DEADLINE,
                      max_response_size=CAP, max_retries=2) as client:  # fmt: skip
        client._transport._sleep = lambda s: time.sleep(min(s, 0.05))  # type: ignore[attr-defined]
        client._transport._setup()  # type: ignore[attr-defined]  # time the call, not the setup
        _clock[0] = time.monotonic()
        return client.sms.send("hi", "+6591234567") if name == "send" else client.account.balance()


def _async(server: Hostile, name: str, cert: Optional[Certificate]) -> Any:
    from hoiio._runtime import rules
    from hoiio._runtime.atransport import AsyncTransport
    from hoiio._runtime.params import Method
    from hoiio.service import account, sms

    wanted = "sms.send" if name == "send" else "account.balance"
    method = next(m for mod in (sms, account) for m in vars(mod).values() if isinstance(m, Method) and m.name == wanted)

    async def main() -> Any:
        transport = AsyncTransport(server.base_url, rules.Settings(timeout=(0.5, 0.5), deadline=DEADLINE, max_response_size=CAP))

        async def short(seconds: float) -> None:
            await asyncio.sleep(min(seconds, 0.05))

        transport._sleep = short  # type: ignore[assignment]
        try:
            values = ["hi", "+6591234567"] if name == "send" else []
            form, files, options = method.build(values, {}, None)
            _clock[0] = time.monotonic()
            data, text, response = await transport.send(method.name, method.endpoint, form, files, options, ("APP", TOKEN))
            return method.model(data, text=text, response=response, method=method.name)
        finally:
            await transport.aclose()

    saved = os.environ.get("SSL_CERT_FILE")
    if cert is not None:  # the transport's own aiohttp session trusts the CAs the environment names when it is made
        os.environ["SSL_CERT_FILE"] = cert.cert
    try:
        return asyncio.run(main())
    finally:
        if cert is not None:
            os.environ.pop("SSL_CERT_FILE") if saved is None else os.environ.__setitem__("SSL_CERT_FILE", saved)


@pytest.fixture(scope="module", autouse=True)
def warmed_up(cert: Optional[Certificate]) -> None:
    """One ordinary call of each kind first, outside tracemalloc: what a process does once (its
    imports, its first TLS context, its first event loop) is not what a call may allocate."""
    body = b'{"status":"success_ok","txn_ref":"AA-S-1","balance":"1.5"}'
    raw = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body)
    for call in (_sync, _async):
        for tls_cert in (None, cert) if cert is not None else (None,):
            for name in ("send", "balance"):
                with Hostile(lambda r: Reply(raw, close=True), cert=tls_cert) as server:
                    call(server, name, tls_cert)


def _check_secret(*objects: Any) -> None:
    for obj in objects:
        for text in (repr(obj), str(obj)):
            assert TOKEN not in text, text[:300]


@settings(max_examples=int(os.environ.get("HOIIO_HOSTILE_EXAMPLES", "40")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(data=st.data(), kind=st.sampled_from(["sync", "async"]), name=st.sampled_from(["send", "balance"]), tls=st.booleans(),
       proxy=st.booleans())  # fmt: skip
def test_whatever_the_server_answers(cert: Optional[Certificate], data: Any, kind: str, name: str, tls: bool, proxy: bool) -> None:
    tls = tls and cert is not None
    proxy = proxy and kind == "sync" and not tls
    spec = data.draw(answers(tls))
    with Hostile(lambda r: render(spec, r), cert=cert if tls else None) as server:
        tracemalloc.start()
        _clock[0] = time.monotonic()
        result: Any = None
        error: Optional[BaseException] = None
        try:
            if kind == "sync":
                result = _sync(server, name, cert if tls else None, proxy)
            else:
                result = _async(server, name, cert if tls else None)
        except hoiio.HoiioException as exc:
            error = exc
        finally:
            took = time.monotonic() - _clock[0]
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        received = len(server.requests)
    assert took < DEADLINE + 1.0, took
    assert peak < 12 * CAP + 4 * 1024 * 1024, peak
    if name == "send":
        assert received == 1, f"an action was sent {received} times"
        if isinstance(error, hoiio.TransportError):
            assert error.attempts == 1
    else:
        assert 1 <= received <= 3
    if error is not None:
        chain = [error, error.__cause__, error.__context__]
        _check_secret(error, error.args, *chain, getattr(error, "body", ""))
        response = getattr(error, "response", None)
        if isinstance(response, Response):  # an APIError carries the typed answer, which carries the HTTP one
            _check_secret(response, response.text)
            response = response.response
        if response is not None:
            _check_secret(response.content, getattr(response.request, "body", None) or response.request.content)
            _check_secret(dict(response.headers), getattr(response, "reason", None) or getattr(response, "reason_phrase", ""))
    else:
        response = result.response
        body = response.request.content if kind == "async" else response.request.body
        _check_secret(result, result.text, result.json, response.content, body, dict(response.headers))
        _check_secret(getattr(response, "reason", None) or getattr(response, "reason_phrase", ""), list(getattr(response, "cookies", [])))
        _check_secret(result.to_dict(), [getattr(result, f) for f in ("balance", "rate", "debit", "txn_ref") if f in type(result)._FIELDS])
