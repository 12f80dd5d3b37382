"""The async client's direct path: a form request of its own httpx client goes straight to its
AsyncPool (no httpx client machinery). The attack suite's tests that run for both kinds
(test_transport_attacks.py), its cancellation test and the hostile-server property run again
on that path; then the branches around it: a proxy from
the environment goes through httpx's proxy transport, an ``http_client`` of your own and a file
upload go through ``httpx.AsyncClient.send``, the request handed out is the one sent without
the token, and a forked child gets connections of its own."""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any, Dict, Iterator, List, Optional

import hoiio
import httpx
import pytest
from hoiio._runtime.atransport import AsyncTransport
from properties import test_hostile_server as hostile
from support.hostile import Certificate, Hostile, Request, ok

from features import test_transport_attacks as attacks

TOKEN = attacks.TOKEN
clean_env = attacks.clean_env  # the fixtures, shared (cert: conftest.py)
OK_SEND = attacks.OK_SEND


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class _Env:
    """os.environ changed for the duration of a block (SSL_CERT_FILE for the pool's TLS)."""

    def __init__(self, **values: Optional[str]) -> None:
        self.values = values
        self.saved: Dict[str, Optional[str]] = {}

    def __enter__(self) -> None:
        for name, value in self.values.items():
            self.saved[name] = os.environ.get(name)
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value

    def __exit__(self, *exc: Any) -> None:
        for name, value in self.saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _direct_transport(base_url: str, **options: Any) -> AsyncTransport:
    transport = AsyncTransport(base_url, user_agent="test", **options)  # no client given: its own, on the pool
    transport.client  # noqa: B018
    assert transport._pool is not None, "not on the direct path"
    return transport


def call_direct(kind: str, server: Hostile, name: str, *args: Any, cert: Optional[Certificate] = None, **options: Any) -> Any:
    """attacks.call, with the async kind on the direct path (the sync kind as it is)."""
    if kind == "sync":
        return _attacks_call(kind, server, name, *args, cert=cert, **options)
    method = attacks._method(name)
    client_options = {k: options.pop(k) for k in list(options) if k in ("timeout", "max_retries", "deadline", "max_response_size")}

    async def main() -> Any:
        transport = _direct_transport(server.base_url, **client_options)
        try:
            form, files, call_options = method.build(list(args) + [None] * (len(method.params) - len(args)), options, None)
            form["app_id"], form["access_token"] = "APP", TOKEN
            data, text, response = await transport.send(method.name, method.endpoint, form, files, call_options)
            return method.model(data, text=text, response=response, method=method.name)  # type: ignore[call-arg]
        finally:
            await transport.aclose()

    with _Env(SSL_CERT_FILE=cert.cert if cert is not None else None, HTTP_PROXY=None, HTTPS_PROXY=None, ALL_PROXY=None,
              http_proxy=None, https_proxy=None, all_proxy=None):  # fmt: skip
        return asyncio.run(main())


_attacks_call = attacks.call


@pytest.fixture
def direct(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(attacks, "call", call_direct)
    yield


# ---- the attack suite, on the direct path -----------------------------------------------------------

def _arguments(fn: Any) -> List[str]:
    return list(fn.__code__.co_varnames[: fn.__code__.co_argcount])


def _grids(fn: Any) -> List[Any]:
    return [m.args for m in getattr(fn, "pytestmark", []) if m.name == "parametrize" and m.args[0] != "kind"]


# every attack run for both kinds whose other arguments are its parameters (and the certificate)
ATTACKS = sorted(
    name for name, fn in vars(attacks).items()
    if name.startswith("test_") and callable(fn) and "kind" in _arguments(fn)
    and set(_arguments(fn)) <= {"kind", "cert"} | {n.strip() for grid in _grids(fn) for n in grid[0].split(",")}
)  # fmt: skip


def _cases() -> List[Any]:
    cases = []
    for name in ATTACKS:
        fn = getattr(attacks, name)
        grids = _grids(fn)
        combos: List[Dict[str, Any]] = [{}]
        for argnames, values in grids:
            names = [n.strip() for n in argnames.split(",")]
            combos = [dict(c, **dict(zip(names, v if len(names) > 1 else (v,)))) for c in combos for v in values]
        for combo in combos:
            cases.append(pytest.param(name, combo, id=name + ("[" + "-".join(map(str, combo.values()))[:40] + "]" if combo else "")))
    return cases


@pytest.mark.parametrize("name, extra", _cases())
def test_the_attack_suite_on_the_direct_path(direct: None, cert: Certificate, name: str, extra: Dict[str, Any]) -> None:
    fn = getattr(attacks, name)
    kwargs: Dict[str, Any] = dict(extra, kind="async")
    if "cert" in _arguments(fn):
        kwargs["cert"] = cert
    fn(**kwargs)


def test_the_compressed_answers_on_the_direct_path(direct: None) -> None:
    attacks.test_a_compressed_answer_within_the_cap_is_read()


def test_the_attack_suite_is_all_there() -> None:
    assert len(ATTACKS) >= 14 and "test_the_response_handed_out_carries_no_token" in ATTACKS


# ---- the hostile-server property, on the direct path ---------------------------------------------------


def _hostile_direct(server: Hostile, name: str, cert: Optional[Certificate]) -> Any:
    method = attacks._method("sms.send" if name == "send" else "account.balance")

    async def main() -> Any:
        transport = _direct_transport(server.base_url, timeout=(0.5, 0.5), deadline=hostile.DEADLINE, max_response_size=hostile.CAP)

        async def short(seconds: float) -> None:
            await asyncio.sleep(min(seconds, 0.05))

        transport._sleep = short  # type: ignore[assignment]
        try:
            values = ["hi", "+6591234567"] if name == "send" else []
            form, files, options = method.build(values + [None] * (len(method.params) - len(values)), {}, None)
            form.update(app_id="APP", access_token=hostile.TOKEN)
            hostile._clock[0] = time.monotonic()
            data, text, response = await transport.send(method.name, method.endpoint, form, files, options)
            return method.model(data, text=text, response=response, method=method.name)  # type: ignore[call-arg]
        finally:
            await transport.aclose()

    with _Env(SSL_CERT_FILE=cert.cert if cert is not None else None):
        return asyncio.run(main())


def test_whatever_the_server_answers_on_the_direct_path(monkeypatch: pytest.MonkeyPatch, cert: Certificate) -> None:
    monkeypatch.setattr(hostile, "_async", _hostile_direct)
    hostile.test_whatever_the_server_answers(cert=cert)


# ---- the branches around it -------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_a_proxy_from_the_environment_is_used(clean_env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: ok(OK_SEND)) as proxy:
        clean_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        target = "http://127.0.0.1:9/open/"  # nothing listens there: only the proxy can answer
        async with hoiio.AsyncClient("APP", TOKEN, base_url=target) as client:
            assert client._transport._pool is None  # not the direct path: httpx's proxy transport
            res = await client.sms.send("hi", "+6591234567")
            assert res.txn_ref == "AA-S-1"
            assert isinstance(res.response, httpx.Response) and TOKEN.encode() not in res.response.request.content
    assert [r.path for r in proxy.requests] == ["http://127.0.0.1:9/open/sms/send"]


def test_a_proxy_from_the_environment_that_cannot_be_used_is_a_validation_error(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HTTPS_PROXY", "ftp://127.0.0.1:1")
    with pytest.raises(hoiio.ValidationError, match="the proxy from the environment cannot be used"):
        hoiio.AsyncClient("APP", TOKEN)


@pytest.mark.anyio
async def test_no_proxy_for_the_base_url_takes_the_direct_path(clean_env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: ok(OK_SEND)) as proxy, Hostile(lambda r: ok(OK_SEND)) as server:
        clean_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        clean_env.setenv("NO_PROXY", "127.0.0.1")
        async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url) as client:
            assert client._transport._pool is not None
            assert (await client.sms.send("hi", "+6591234567")).txn_ref == "AA-S-1"
    assert proxy.requests == [] and [r.path for r in server.requests] == ["/open/sms/send"]


@pytest.mark.anyio
async def test_an_http_client_of_your_own_goes_through_its_send(clean_env: pytest.MonkeyPatch) -> None:
    seen: List[str] = []

    async def hook(request: httpx.Request) -> None:
        seen.append(request.headers["X-Mine"])

    with Hostile(lambda r: ok(OK_SEND)) as server:
        http = httpx.AsyncClient(headers={"X-Mine": "yes"}, event_hooks={"request": [hook]})
        async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url, http_client=http) as client:
            assert client._transport._pool is None
            res = await client.sms.send("hi", "+6591234567")
        assert not http.is_closed  # yours to close
        await http.aclose()
    assert seen == ["yes"] and server.requests[0].header("X-Mine") == "yes"
    assert res.response.request.headers["X-Mine"] == "yes" and b"access_token=***" in res.response.request.content


def _request_of(server: Hostile) -> Request:
    assert len(server.requests) == 1
    return server.requests[0]


@pytest.mark.anyio
async def test_the_direct_path_sends_what_httpx_would_and_hands_out_the_request_without_the_token(clean_env: pytest.MonkeyPatch) -> None:
    answers: List[Dict[str, str]] = []
    with Hostile(lambda r: ok(OK_SEND)) as server:
        for own in (True, False):
            http = None if own else httpx.AsyncClient()
            async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url, http_client=http) as client:
                assert (client._transport._pool is not None) is own
                res = await client.sms.send("hi there", "+6591234567", tag="t-1")
            if http is not None:
                await http.aclose()
            sent = server.requests[-1]
            request = res.response.request
            assert isinstance(request, httpx.Request) and request.method == "POST"
            assert str(request.url) == server.base_url + "sms/send"
            assert TOKEN.encode() in sent.body and TOKEN.encode() not in request.content
            assert request.content == sent.body.replace(TOKEN.encode(), b"***")
            assert request.headers["Content-Length"] == str(len(sent.body))  # the length of what was sent
            assert res.response.status_code == 200 and res.response.json()["txn_ref"] == "AA-S-1"
            assert res.response.headers["content-type"].startswith("application/json")
            assert res.response.is_closed and res.response.http_version == "HTTP/1.1" and res.response.elapsed.total_seconds() >= 0
            headers = {k.lower(): sent.header(k) for k in ("Host", "User-Agent", "Accept", "Accept-Encoding", "Content-Type", "Content-Length", "Connection")}
            answers.append(headers)
            assert {k: request.headers.get(k) for k in headers} == headers
    assert answers[0] == answers[1]  # the same request on the wire as through httpx's client


@pytest.mark.anyio
async def test_a_file_upload_goes_through_httpx_on_the_own_client(clean_env: pytest.MonkeyPatch, tmp_path: Any) -> None:
    with Hostile(lambda r: ok('{"status":"success_ok","txn_ref":"AA-F-1"}')) as server:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url) as client:
            assert client._transport._pool is not None
            fax = tmp_path / "page.pdf"
            fax.write_bytes(b"%PDF-1.4 hello")
            res = await client.fax.send("+6591234567", str(fax))
    sent = _request_of(server)
    assert res.txn_ref == "AA-F-1" and b"%PDF-1.4 hello" in sent.body and sent.header("Content-Type").startswith("multipart/form-data")
    assert TOKEN.encode() not in res.response.request.content


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_gets_connections_of_its_own(clean_env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: ok(f'{{"status":"success_ok","balance":"{r.index}"}}')) as server:
        client = hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url)

        async def balances(n: int) -> bool:
            return all([(await client.account.balance()).is_success() for _ in range(n)])

        loop = asyncio.new_event_loop()  # one loop in the parent, kept across the fork, as a server would
        assert loop.run_until_complete(balances(1))
        parent_port = server.requests[-1].peer_port
        children = []
        for _ in range(3):
            pid = os.fork()
            if pid == 0:  # the child: its answers must come on its own connection
                code = 1
                try:
                    code = 0 if asyncio.run(balances(10)) else 1
                finally:
                    os._exit(code)
            children.append(pid)
        assert loop.run_until_complete(balances(10))
        codes = [os.waitpid(pid, 0)[1] for pid in children]
        loop.run_until_complete(client.aclose())
        loop.close()
    assert codes == [0, 0, 0]
    by_port: Dict[int, int] = {}
    for r in server.requests:
        by_port[r.peer_port] = by_port.get(r.peer_port, 0) + 1
    assert by_port[parent_port] == 1 + 10  # the parent kept its connection; no child used it
    assert len(by_port) == 4 and sorted(by_port.values()) == [10, 10, 10, 11]


def test_a_cancelled_send_on_the_direct_path(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """The attack suite's cancellation test, with the transport on its own client (the direct
    path): its ``httpx.AsyncClient()`` (no arguments) becomes "no client given"."""
    real = httpx.AsyncClient
    monkeypatch.setattr(httpx, "AsyncClient", lambda *args, **kwargs: real(*args, **kwargs) if args or kwargs else None)
    made: List[AsyncTransport] = []
    init = AsyncTransport.__init__

    def recording(self: AsyncTransport, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(AsyncTransport, "__init__", recording)
    attacks.test_a_cancelled_async_send_is_not_resent_and_says_the_outcome_is_unknown(caplog)
    assert len(made) == 1 and made[0]._own and made[0]._pool is not None


def test_retry_after_is_honoured_on_the_direct_path(clean_env: pytest.MonkeyPatch) -> None:
    from support.hostile import Reply, http_answer

    limited = Reply(http_answer('{"status":"error_rate_limit_exceeded"}', "429 Too Many Requests", [("Retry-After", "0.25")]))
    answers = iter([limited, ok('{"status":"success_ok","balance":"3"}')])
    waits: List[float] = []
    with Hostile(lambda r: next(answers)) as server:

        async def main() -> Any:
            async with hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url) as client:
                assert client._transport._pool is not None

                async def sleep(seconds: float) -> None:
                    waits.append(seconds)

                client._transport._sleep = sleep
                return await client.account.balance()

        res = asyncio.run(main())
    assert res.balance == 3 and len(server.requests) == 2 and waits == [0.25]
