"""hoiio.AsyncClient (aiohttp) attacked over real sockets (issue 20): proxies that read a send
and drop it (forwarding, and CONNECT to a TLS server), a proxy refusing the CONNECT, interim
answers before the real one on a kept-alive connection, bad and huge chunk sizes, both length
headers, a refused connection and a name that does not resolve; then the attack suite of
test_transport_attacks.py again on an ``http_client`` of your own (whose trace hoiio does not
see: the exception's type decides "never sent"), and what the client hands out
(``hoiio.HTTPResponse``), its own session's proxies, connections, event loops and forks.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import gc
import gzip
import os
import socket
import ssl
import tracemalloc
from typing import Any, Dict, Iterator, List, Optional

import aiohttp
import hoiio
import pytest
from support.hostile import Certificate, ConnectProxy, Drop, Hang, Hostile, Reply, Request, http_answer, ok, refused_port

from features import test_transport_attacks as attacks

TOKEN = attacks.TOKEN
OK_SEND = attacks.OK_SEND
clean_env = attacks.clean_env  # the fixture, shared (cert: conftest.py)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def send(base_url: str, *args: Any, method: str = "sms.send", **client_options: Any) -> Any:
    """One call on a fresh AsyncClient (its own session)."""
    async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url, **client_options) as client:
        group, name = method.split(".")
        return await getattr(getattr(client, group), name)(*(args or (("hi", "+6591234567") if method == "sms.send" else ())))


def send_error(base_url: str, method: str = "sms.send", **client_options: Any) -> hoiio.HoiioException:
    with pytest.raises(hoiio.HoiioException) as info:
        run(send(base_url, method=method, **client_options))
    return info.value


# ---- proxies: never sent twice, never "nothing was sent" when it may have been ---------------------


def test_a_forwarding_proxy_that_reads_the_send_and_drops_it(clean_env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: Drop()) as proxy:
        clean_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        target = "http://127.0.0.1:9/open/"  # nothing listens there: only the proxy can have it
        err = send_error(target)
        query = send_error(target, method="account.balance")
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is True and err.attempts == 1, str(err)
    assert "through the proxy" in str(err) and TOKEN not in str(err)
    assert [r.path for r in proxy.requests[:1]] == ["http://127.0.0.1:9/open/sms/send"]
    assert TOKEN.encode() in proxy.requests[0].body  # the whole send reached the proxy
    assert isinstance(query, hoiio.TransportError) and query.outcome_unknown is False and query.attempts == 3  # a query is retried
    assert len(proxy.requests) == 1 + 3


def test_a_connect_proxy_to_a_tls_server_that_reads_the_send_and_drops_it(clean_env: pytest.MonkeyPatch, cert: Certificate) -> None:
    with Hostile(lambda r: Drop(), cert=cert) as server, ConnectProxy() as proxy:
        clean_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        clean_env.setenv("SSL_CERT_FILE", cert.cert)
        err = send_error(server.base_url)
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is True and err.attempts == 1, str(err)
    assert len(server.requests) == 1 and TOKEN.encode() in server.requests[0].body
    assert proxy.tunnels == [f"127.0.0.1:{server.port}"]
    attacks.no_token_in(err, err.args)


def test_a_connect_proxy_that_works_carries_the_send(clean_env: pytest.MonkeyPatch, cert: Certificate) -> None:
    with Hostile(lambda r: ok(OK_SEND), cert=cert) as server, ConnectProxy() as proxy:
        clean_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        clean_env.setenv("SSL_CERT_FILE", cert.cert)
        res = run(send(server.base_url))
    assert res.txn_ref == "AA-S-1" and len(server.requests) == 1 and proxy.tunnels == [f"127.0.0.1:{server.port}"]


def test_a_proxy_refusing_the_connect_sent_nothing_so_the_send_is_retried(clean_env: pytest.MonkeyPatch, cert: Certificate) -> None:
    with Hostile(lambda r: ok(OK_SEND), cert=cert) as server, ConnectProxy(refuse=True) as proxy:
        clean_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        clean_env.setenv("SSL_CERT_FILE", cert.cert)
        err = send_error(server.base_url)
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is False and err.attempts == 3, str(err)
    assert server.requests == [] and len(proxy.tunnels) == 3
    assert "proxy" in str(err) and "127.0.0.1" in str(err)


def test_a_proxy_from_the_environment_that_cannot_be_used_is_a_validation_error(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("HTTPS_PROXY", "ftp://127.0.0.1:1")
    with pytest.raises(hoiio.ValidationError, match="the proxy from the environment cannot be used"):
        hoiio.AsyncClient("APP", TOKEN)


def test_no_proxy_for_the_base_url_goes_straight_to_it(clean_env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: ok(OK_SEND)) as proxy, Hostile(lambda r: ok(OK_SEND)) as server:
        clean_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        clean_env.setenv("NO_PROXY", "127.0.0.1")
        assert run(send(server.base_url)).txn_ref == "AA-S-1"
    assert proxy.requests == [] and [r.path for r in server.requests] == ["/open/sms/send"]


def test_proxy_credentials_and_netrc_from_the_environment_are_sent(clean_env: pytest.MonkeyPatch, tmp_path: Any) -> None:
    import base64

    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login netuser password netpass\n")
    netrc.chmod(0o600)
    clean_env.setenv("NETRC", str(netrc))
    with Hostile(lambda r: ok(OK_SEND)) as proxy:
        clean_env.setenv("HTTP_PROXY", f"http://puser:ppass@127.0.0.1:{proxy.port}")
        run(send("http://127.0.0.1:9/open/"))
    sent = proxy.requests[0]
    assert sent.header("Proxy-Authorization") == "Basic " + base64.b64encode(b"puser:ppass").decode()
    assert sent.header("Authorization") == "Basic " + base64.b64encode(b"netuser:netpass").decode()


# ---- every answer framed as the RFC says ----------------------------------------------------------------


@pytest.mark.parametrize("interim", [b"HTTP/1.1 102 Processing\r\n\r\n", b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n",
                                     b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\n\r\n"])  # fmt: skip
def test_interim_answers_before_the_real_one_on_a_kept_alive_connection(interim: bytes) -> None:
    def script(r: Request) -> Reply:
        return Reply(interim + http_answer(f'{{"status":"success_ok","txn_ref":"AA-S-{r.index}"}}'))

    async def main(base_url: str) -> List[str]:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url) as client:
            return [(await client.sms.send("hi", "+6591234567")).txn_ref for _ in range(5)]

    with Hostile(script) as server:
        refs = run(main(server.base_url))
    assert refs == [f"AA-S-{i}" for i in range(5)]  # every call its own answer
    assert server.connections == 1 and len(server.requests) == 5  # on one kept-alive connection


def _bounded(base_url: str, method: str = "sms.send", **options: Any) -> Any:
    gc.collect()
    tracemalloc.start()
    try:
        err = send_error(base_url, method=method, **options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return err, peak


@pytest.fixture(scope="module")
def mb_128() -> bytes:
    return b"x" * (128 * 1024 * 1024)


@pytest.mark.parametrize("size", [b"-1", b"-0x10", b"1 2", b"zz"])
def test_a_bad_chunk_size_then_128_mb_is_refused_in_bounded_memory(size: bytes, mb_128: bytes) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + size + b"\r\n"
    with Hostile(lambda r: Reply(mb_128, head=head, close=True)) as server:
        err, peak = _bounded(server.base_url)
        assert len(server.requests) == 1
        query, _ = _bounded(server.base_url, method="account.balance")
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is True and err.attempts == 1, str(err)
    assert "was refused" in str(err) and "127.0.0.1" in str(err)
    assert peak < 16 * 1024 * 1024, peak
    assert isinstance(query, hoiio.TransportError) and query.outcome_unknown is False and query.attempts == 3
    assert len(server.requests) == 1 + 3


def test_a_huge_chunk_size_is_cut_at_the_size_cap_in_bounded_memory(mb_128: bytes) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFF\r\n"
    with Hostile(lambda r: Reply(mb_128, head=head, close=True)) as server:
        err, peak = _bounded(server.base_url)
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is True, str(err)
    assert "larger than max_response_size" in str(err) and len(server.requests) == 1
    assert peak < 16 * 1024 * 1024, peak


def test_both_length_headers_are_refused_and_the_next_call_gets_its_own_answer() -> None:
    def script(r: Request) -> Reply:
        body = f'{{"status":"success_ok","txn_ref":"AA-S-{r.index}"}}'.encode()
        if r.index == 0:
            chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
            return Reply(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
        return Reply(http_answer(body))

    async def main(base_url: str) -> Any:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url) as client:
            with pytest.raises(hoiio.TransportError) as info:
                await client.sms.send("hi", "+6591234567")
            return info.value, (await client.sms.send("hi", "+6591234567")).txn_ref

    with Hostile(script) as server:
        err, ref = run(main(server.base_url))
    assert err.outcome_unknown is True and err.attempts == 1 and "was refused" in str(err) and "Content-Length" in str(err)
    assert ref == "AA-S-1" and len(server.requests) == 2


# ---- nothing sent: outcome known, retried, the host named -------------------------------------------------


def test_a_refused_connection_is_retried_and_names_the_host() -> None:
    err = send_error(f"http://127.0.0.1:{refused_port()}/open/")
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is False and err.attempts == 3
    assert "127.0.0.1 refused the connection" in str(err)


def test_a_name_that_does_not_resolve_is_retried_and_named(clean_env: pytest.MonkeyPatch) -> None:
    err = send_error("https://no-such-host.invalid/open/", deadline=20)
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is False and err.attempts == 3
    assert "no-such-host.invalid" in str(err) and "does not resolve" in str(err), str(err)


def test_a_missing_ca_file_fails_the_handshake_and_sent_nothing(clean_env: pytest.MonkeyPatch, cert: Certificate, tmp_path: Any) -> None:
    with Hostile(lambda r: ok(OK_SEND), cert=cert) as server:
        clean_env.setenv("SSL_CERT_FILE", str(tmp_path / "missing.pem"))
        err = send_error(server.base_url)
        clean_env.setenv("SSL_CERT_FILE", cert.cert)  # the CAs are read when the client's session is made
        assert run(send(server.base_url)).txn_ref == "AA-S-1"
    assert isinstance(err, hoiio.TransportError) and err.outcome_unknown is False and err.attempts == 3, str(err)
    assert "TLS handshake failed with 127.0.0.1" in str(err) and "certificate" in str(err)
    assert len(server.requests) == 1  # the second client's send only


def test_hoiio_s_own_host_says_it_is_gone(clean_env: pytest.MonkeyPatch) -> None:
    from hoiio._runtime import rules
    from hoiio._runtime.atransport import AsyncTransport

    transport = AsyncTransport("https://secure.hoiio.com/open/", rules.Settings())
    failure = transport._failure(aiohttp.ClientConnectorDNSError(_key(), socket.gaierror(socket.EAI_NONAME, "Name or service not known")),
                                 attacks_progress(), _call())  # fmt: skip
    assert not failure.sent and "sandbox" in failure.reason and "secure.hoiio.com does not resolve" in failure.reason


def _key() -> Any:
    from types import SimpleNamespace

    return SimpleNamespace(host="secure.hoiio.com", port=443, ssl=True)


def attacks_progress() -> Any:
    from types import SimpleNamespace

    return SimpleNamespace(sent=False)  # an attempt that got no connection


def _call() -> Any:
    from hoiio._runtime import rules

    method = attacks._method("sms.send")
    return rules.Call(rules.Settings(), method.name, method.endpoint, {}, {}, ("APP", TOKEN))


# ---- the attack suite again, on an http_client of your own ---------------------------------------------


async def _acall_own_session(server: Hostile, name: str, args: Any, options: Dict[str, Any], client_options: Dict[str, Any]) -> Any:
    from hoiio._runtime import rules
    from hoiio._runtime.atransport import AsyncTransport

    method = attacks._method(name)
    cafile = os.environ.get("SSL_CERT_FILE")
    context = ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=context))  # auto_decompress left on: hoiio turns it off per request
    transport = AsyncTransport(server.base_url, rules.Settings(**client_options), client=http, user_agent="test")
    try:
        form, files, call_options = method.build(list(args) + [None] * (len(method.params) - len(args)), options, None)
        data, text, response = await transport.send(method.name, method.endpoint, form, files, call_options, ("APP", TOKEN))
        return method.model(data, text=text, response=response, method=method.name)  # type: ignore[call-arg]
    finally:
        await http.close()


def _arguments(fn: Any) -> List[str]:
    return list(fn.__code__.co_varnames[: fn.__code__.co_argcount])


def _grids(fn: Any) -> List[Any]:
    return [m.args for m in getattr(fn, "pytestmark", []) if m.name == "parametrize" and m.args[0] != "kind"]


ATTACKS = sorted(
    name for name, fn in vars(attacks).items()
    if name.startswith("test_") and callable(fn) and "kind" in _arguments(fn)
    and set(_arguments(fn)) <= {"kind", "cert"} | {n.strip() for grid in _grids(fn) for n in grid[0].split(",")}
)  # fmt: skip


def _cases() -> List[Any]:
    cases = []
    for name in ATTACKS:
        combos: List[Dict[str, Any]] = [{}]
        for argnames, values in _grids(getattr(attacks, name)):
            names = [n.strip() for n in argnames.split(",")]
            combos = [dict(c, **dict(zip(names, v if len(names) > 1 else (v,)))) for c in combos for v in values]
        for combo in combos:
            cases.append(pytest.param(name, combo, id=name + ("[" + "-".join(map(str, combo.values()))[:40] + "]" if combo else "")))
    return cases


@pytest.fixture
def own_session(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(attacks, "_acall", _acall_own_session)
    yield


@pytest.mark.parametrize("name, extra", _cases())
def test_the_attack_suite_on_an_http_client_of_your_own(own_session: None, cert: Certificate, name: str, extra: Dict[str, Any]) -> None:
    fn = getattr(attacks, name)
    kwargs: Dict[str, Any] = dict(extra, kind="async")
    if "cert" in _arguments(fn):
        kwargs["cert"] = cert
    fn(**kwargs)


def test_the_attack_suite_is_all_there() -> None:
    assert len(ATTACKS) >= 14 and "test_the_response_handed_out_carries_no_token" in ATTACKS


def test_compressed_answers_on_an_http_client_of_your_own(own_session: None) -> None:
    attacks.test_a_compressed_answer_within_the_cap_is_read()


# ---- what the client hands out: hoiio.HTTPResponse ------------------------------------------------------


def test_the_response_handed_out_is_hoiio_s_read_only_and_carries_no_token() -> None:
    headers = [("Content-Type", "application/json; charset=utf-8"), ("Set-Cookie", f"session={TOKEN}; Path=/"),
               ("X-Echo", f"token {TOKEN}"), ("X-Twice", "a"), ("X-Twice", "b")]  # fmt: skip
    answer = http_answer(f'{{"status":"success_ok","txn_ref":"AA-S-1","echo":"{TOKEN}"}}', f"200 OK {TOKEN}", headers)
    with Hostile(lambda r: Reply(answer)) as server:
        res = run(send(server.base_url, "hi there", "+6591234567"))
    sent = server.requests[0]
    http = res.response
    assert isinstance(http, hoiio.HTTPResponse) and http.status_code == 200 and http.ok
    assert http.reason == "OK ***" and http.url == server.base_url + "sms/send"
    assert http.headers["set-cookie"] == "session=***; Path=/" and http.headers["X-ECHO"] == "token ***"
    assert http.headers["x-twice"] == "a, b" and http.headers.get_all("X-Twice") == ["a", "b"] and "content-type" in http.headers
    assert http.json() == {"status": "success_ok", "txn_ref": "AA-S-1", "echo": "***"} and http.text == res.text
    assert http.content == res.text.encode() and http.http_version == "HTTP/1.1" and http.elapsed.total_seconds() >= 0
    request = http.request
    assert request.method == "POST" and request.url == server.base_url + "sms/send"
    assert request.body == sent.body.replace(TOKEN.encode(), b"***") and request.content == request.body
    assert request.headers["Content-Length"] == str(len(sent.body)) and request.headers["User-Agent"].startswith("hoiio-python/")
    assert {k.lower(): v for k, v in sent.headers} == {k.lower(): v for k, v in request.headers.items()}  # the head as sent
    attacks.no_token_in(res, http, http.headers, http.headers.raw(), request, request.headers, http.reason)
    for obj, names in ((http, ("status_code", "content", "headers", "request", "text", "ok", "elapsed", "statuscode")),
                       (request, ("method", "body", "content", "headers", "url", "extra"))):  # fmt: skip
        for name in names:  # every name read-only, a field or not (AttributeError, as on any Python)
            with pytest.raises(AttributeError):
                setattr(obj, name, None)
            with pytest.raises(AttributeError):
                delattr(obj, name)
        assert not hasattr(obj, "__dict__") and obj == obj and hash(obj) == hash(obj)
    assert http != dataclasses.replace(http) and isinstance(http.elapsed, datetime.timedelta)  # records, compared by identity
    with pytest.raises(TypeError):
        http.headers["X"] = "y"  # type: ignore[index]


def test_an_http_client_of_your_own_is_used_and_left_open(clean_env: pytest.MonkeyPatch) -> None:
    body = gzip.compress(b'{"status":"success_ok","txn_ref":"AA-S-1"}')
    answer = http_answer(body, headers=[("Content-Type", "application/json"), ("Content-Encoding", "gzip")])

    async def main(base_url: str) -> Any:
        http = aiohttp.ClientSession(headers={"X-Mine": "yes"})  # auto_decompress on, as by default
        async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url, http_client=http) as client:
            res = await client.sms.send("hi", "+6591234567")
        assert not http.closed  # yours to close
        await http.close()
        return res

    with Hostile(lambda r: Reply(answer)) as server:
        res = run(main(server.base_url))
    assert res.txn_ref == "AA-S-1" and server.requests[0].header("X-Mine") == "yes"
    assert res.response.request.headers["X-Mine"] == "yes" and b"access_token=***" in res.response.request.body


def test_a_closed_http_client_of_your_own_sent_nothing() -> None:
    async def main() -> hoiio.TransportError:
        http = aiohttp.ClientSession()
        await http.close()
        async with hoiio.AsyncClient("APP", TOKEN, base_url="http://127.0.0.1:9/open/", http_client=http) as client:
            with pytest.raises(hoiio.TransportError) as info:
                await client.sms.send("hi", "+6591234567")
        return info.value

    err = run(main())
    assert err.outcome_unknown is False and "http_client given to the AsyncClient is closed" in str(err)


def test_a_file_upload_goes_out_as_multipart(tmp_path: Any) -> None:
    fax = tmp_path / "page.pdf"
    fax.write_bytes(b"%PDF-1.4 hello")
    with Hostile(lambda r: ok('{"status":"success_ok","txn_ref":"AA-F-1"}')) as server:
        res = run(send(server.base_url, "+6591234567", str(fax), method="fax.send"))
    sent = server.requests[0]
    assert res.txn_ref == "AA-F-1" and sent.header("Content-Type").startswith("multipart/form-data; boundary=")
    assert b'filename="page.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 hello\r\n' in sent.body
    assert b'name="dest"\r\n\r\n+6591234567\r\n' in sent.body and TOKEN.encode() in sent.body
    assert TOKEN.encode() not in res.response.request.body and res.response.request.body == sent.body.replace(TOKEN.encode(), b"***")


# ---- the own session: connections, event loops, forks ----------------------------------------------------


def test_pool_size_bounds_the_connections_and_they_are_kept_alive() -> None:
    async def main(base_url: str) -> List[str]:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url, pool_size=2) as client:
            results = await asyncio.gather(*(client.account.balance() for _ in range(12)))
            return [r.status for r in results]

    with Hostile(lambda r: ok('{"status":"success_ok","balance":"1"}', delay=0.05)) as server:
        statuses = run(main(server.base_url))
    assert statuses == ["success_ok"] * 12 and len(server.requests) == 12
    assert server.connections == 2


def test_one_client_across_event_loops() -> None:
    """asyncio.run twice with the same client: the second loop gets a session of its own (the
    first loop's connections belong to it)."""
    with Hostile(lambda r: ok(f'{{"status":"success_ok","balance":"{r.index}"}}')) as server:
        client = hoiio.AsyncClient("APP", TOKEN, base_url=server.base_url)

        async def two() -> List[float]:
            return [(await client.account.balance()).balance for _ in range(2)]

        first, second = run(two()), run(two())
        run(client.aclose())
    assert (first, second) == ([0.0, 1.0], [2.0, 3.0])
    assert server.connections == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_gets_connections_of_its_own() -> None:
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


def test_an_interrupted_request_leaves_no_answer_for_the_next() -> None:
    """A call cut by its deadline while the answer drips: its connection is closed, never
    pooled, so the late answer cannot reach the next call."""
    answers = iter([Reply(http_answer('{"status":"success_ok","balance":"1"}'), delay=1.5), ok('{"status":"success_ok","balance":"2"}')])

    async def main(base_url: str) -> Optional[float]:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url, deadline=0.5, max_retries=0) as client:
            with pytest.raises(hoiio.TransportError):
                await client.account.balance()
            await asyncio.sleep(1.5)  # the late answer arrives meanwhile
            return (await client.account.balance()).balance

    with Hostile(lambda r: next(answers)) as server:
        assert run(main(server.base_url)) == 2.0
    assert server.connections == 2


def test_calls_in_flight_together_each_keep_their_deadline_and_the_task_is_not_left_cancelled() -> None:
    """The attempts in flight on one event loop share one deadline timer, set for the earliest:
    three sends that hang, started together, and a query started later, on one client, each end
    at their own deadline with the error that says so (the sends' outcome unknown, the query's
    not); the calls' tasks then go on (no cancellation left pending on them), and the next call
    on the same client and loop is answered. (Each attempt would otherwise run into its 3 s read
    timeout: the error would say so.)"""
    answers = iter([Hang(10)] * 4 + [ok('{"status":"success_ok","balance":"2"}')] * 2)

    async def main(base_url: str) -> List[Any]:
        async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url, deadline=0.8, timeout=(1, 3)) as client:

            async def send() -> BaseException:
                with pytest.raises(hoiio.TransportError) as info:
                    await client.sms.send("hi", "+6591234567")
                assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]  # (else an asyncio.timeout or TaskGroup around the call misreads it)
                await asyncio.sleep(0.01)
                return info.value

            async def query() -> BaseException:
                await asyncio.sleep(0.4)  # its deadline comes after the sends': the timer is set again for it
                with pytest.raises(hoiio.TransportError) as info:
                    await client.account.balance()
                assert asyncio.current_task().cancelling() == 0  # type: ignore[union-attr]
                await asyncio.sleep(0.01)
                return info.value

            errors = await asyncio.gather(send(), send(), send(), query())
            errors.append((await client.account.balance()).balance)
            return errors

    with Hostile(lambda r: next(answers)) as server:
        *sends, query, balance = run(main(server.base_url))
    for err in sends + [query]:
        assert "deadline of 0.8 s" in str(err) and "read timeout" not in str(err) and err.attempts == 1, str(err)
    assert [err.outcome_unknown for err in sends + [query]] == [True, True, True, False]
    assert balance == 2.0


# ---- the hostile-server property, through a proxy and after interim answers -------------------------------

_INTERIM = [b"", b"HTTP/1.1 102 Processing\r\n\r\n", b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n",
            b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 102 Processing\r\n\r\n"]  # fmt: skip


def test_whatever_the_server_answers_through_a_proxy_and_after_interim_answers(clean_env: pytest.MonkeyPatch) -> None:
    """The property of tests/properties/test_hostile_server.py (generated status lines, headers,
    framings, encodings, bodies, drops, hangs and drips) for the async client, each answer after
    0-2 interim ones, and half of the time with the server as the forwarding proxy from
    HTTP_PROXY: only HoiioExceptions, an action sent exactly once, the deadline kept, no token
    anywhere."""
    import time

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from properties import test_hostile_server as prop

    @settings(max_examples=int(os.environ.get("HOIIO_HOSTILE_EXAMPLES", "30")), deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
    @given(spec=prop.answers(False), interim=st.sampled_from(_INTERIM), proxied=st.booleans(), name=st.sampled_from(["send", "balance"]))
    def check(spec: Any, interim: bytes, proxied: bool, name: str) -> None:
        def script(request: Request) -> Any:
            action = prop.render(spec, request)
            if isinstance(action, Reply) and interim:
                return Reply(interim + action.data, head=action.head, delay=action.delay, interval=action.interval,
                             pieces=action.pieces, close=action.close)  # fmt: skip
            return action

        async def main(base_url: str) -> Any:
            async with hoiio.AsyncClient("APP", TOKEN, base_url=base_url, timeout=(0.5, 0.5), deadline=prop.DEADLINE,
                                         max_response_size=prop.CAP, raise_on_error=False) as client:  # fmt: skip

                async def short(seconds: float) -> None:
                    await asyncio.sleep(min(seconds, 0.05))

                client._transport._sleep = short  # type: ignore[attr-defined]
                return await (client.sms.send("hi", "+6591234567") if name == "send" else client.account.balance())

        with Hostile(script) as server:
            if proxied:
                os.environ["HTTP_PROXY"] = f"http://127.0.0.1:{server.port}"
            started = time.monotonic()
            result: Any = None
            error: Optional[BaseException] = None
            try:
                result = run(main("http://127.0.0.1:9/open/" if proxied else server.base_url))
            except hoiio.HoiioException as exc:
                error = exc
            finally:
                os.environ.pop("HTTP_PROXY", None)
                took = time.monotonic() - started
            received = len(server.requests)
        assert took < prop.DEADLINE + 1.5, took
        if name == "send":
            assert received == 1, f"an action was sent {received} times"
            if isinstance(error, hoiio.TransportError):
                assert error.attempts == 1
        else:
            assert 1 <= received <= 3
        if error is not None:
            attacks.no_token_in(error, error.args, error.__cause__, error.__context__, getattr(error, "body", ""))
            response = getattr(error, "response", None)
            if response is not None and hasattr(response, "request"):
                attacks.no_token_in(response.content, response.request.body)
        else:
            attacks.no_token_in(result, result.text, result.response.content, result.response.request.body, result.response.headers)

    check()
