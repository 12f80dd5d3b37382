"""The sync client against what broke its promises in 0.2.0 (issue 20), over real sockets: a
proxy that reads a paid send and drops the connection (forwarding and CONNECT), interim (1xx)
answers on a kept-alive connection, hostile chunk sizes, conflicting length headers, and a CA
bundle that does not exist. Each test failed on 0.2.0's transport."""

from __future__ import annotations

import gc
import os
import socket
import tracemalloc
from typing import Any

import hoiio
import pytest
from support.hostile import Certificate, ConnectProxy, Drop, Hostile, Reply, http_answer, refused_port

TOKEN = "TOPSECRET-token-7f3a"
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
              "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE")  # fmt: skip


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_a_forwarding_proxy_that_reads_a_send_and_drops_it_leaves_the_outcome_unknown(env: pytest.MonkeyPatch) -> None:
    with Hostile(lambda r: Drop()) as proxy:
        env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
        with hoiio.Client("APP", TOKEN, base_url=f"http://127.0.0.1:{refused_port()}/open/") as client:
            with pytest.raises(hoiio.TransportError) as info:
                client.sms.send("hi", "+6591234567")
    assert info.value.outcome_unknown is True and info.value.attempts == 1, str(info.value)
    assert len(proxy.requests) == 1 and proxy.requests[0].path.endswith("/open/sms/send")
    assert "could not be made" not in str(info.value) and TOKEN not in str(info.value)


def test_a_connect_proxy_whose_target_reads_a_send_and_drops_it_leaves_the_outcome_unknown(env: pytest.MonkeyPatch, cert: Certificate) -> None:
    env.setenv("REQUESTS_CA_BUNDLE", cert.cert)
    with Hostile(lambda r: Drop(), cert=cert) as server, ConnectProxy() as proxy:
        env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            with pytest.raises(hoiio.TransportError) as info:
                client.sms.send("hi", "+6591234567")
    assert info.value.outcome_unknown is True and info.value.attempts == 1, str(info.value)
    assert len(server.requests) == 1 and proxy.tunnels == [f"127.0.0.1:{server.port}"]


def test_a_proxy_refusing_the_connect_sent_nothing_so_a_send_is_retried_and_its_outcome_known(env: pytest.MonkeyPatch, cert: Certificate) -> None:
    env.setenv("REQUESTS_CA_BUNDLE", cert.cert)
    with Hostile(lambda r: Drop(), cert=cert) as server, ConnectProxy(refuse=True) as proxy:
        env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        with hoiio.Client("APP", TOKEN, base_url=server.base_url, max_retries=2) as client:
            client._transport._sleep = lambda s: None
            with pytest.raises(hoiio.TransportError) as info:
                client.sms.send("hi", "+6591234567")
    assert info.value.outcome_unknown is False and info.value.attempts == 3, str(info.value)
    assert len(proxy.tunnels) == 3 and server.requests == []


@pytest.mark.parametrize("interim", [b"HTTP/1.1 102 Processing\r\n\r\n", b"HTTP/1.1 103 Early Hints\r\nLink: </x.css>; rel=preload\r\n\r\n"])
def test_interim_answers_are_read_past_and_each_call_gets_its_own_answer(interim: bytes) -> None:
    def script(request: Any) -> Reply:
        body = '{"status":"success_ok","txn_ref":"AA-S-' + str(request.index) + '"}'
        return Reply(interim + interim + http_answer(body))  # kept alive

    with Hostile(script) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            refs = [client.sms.send("hi", "+6591234567").txn_ref for _ in range(4)]
    assert refs == ["AA-S-0", "AA-S-1", "AA-S-2", "AA-S-3"]
    assert server.connections == 1  # one kept-alive connection, nothing left unread on it


def test_a_switching_protocols_answer_is_refused() -> None:
    with Hostile(lambda r: Reply(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\nGARBAGE")) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            with pytest.raises(hoiio.TransportError, match="101") as info:
                client.sms.send("hi", "+6591234567")
    assert info.value.outcome_unknown is True and len(server.requests) == 1


def _chunked(first_line: bytes, size: int) -> bytes:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    return head + first_line + b"\r\n" + b"y" * size


@pytest.mark.parametrize("size_line", [b"-1", b"+10", b"1_0", b" 10", b"0x10", b"zz", b"1" * 17])
def test_a_bad_chunk_size_is_refused_in_bounded_memory(size_line: bytes) -> None:
    answer = _chunked(size_line, 16 * 1024 * 1024)
    with Hostile(lambda r: Reply(answer, close=True)) as server:
        gc.collect()
        tracemalloc.start()
        try:
            with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
                with pytest.raises(hoiio.TransportError) as info:
                    client.sms.send("hi", "+6591234567")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert "chunk size" in str(info.value) and info.value.outcome_unknown is True, str(info.value)
    assert peak < 4 * 1024 * 1024, peak
    assert len(server.requests) == 1


def test_a_huge_chunk_size_is_read_only_up_to_the_cap() -> None:
    answer = _chunked(b"ffffffffffff", 8 * 1024 * 1024)
    with Hostile(lambda r: Reply(answer, close=True)) as server:
        gc.collect()
        tracemalloc.start()
        try:
            with hoiio.Client("APP", TOKEN, base_url=server.base_url, max_response_size=1024 * 1024) as client:
                with pytest.raises(hoiio.TransportError, match="larger than max_response_size"):
                    client.account.balance()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 6 * 1024 * 1024, peak
    assert len(server.requests) == 1  # too large is an answer, not a failure to retry


def test_a_chunked_answer_is_read_and_the_connection_kept() -> None:
    body = b'{"status":"success_ok","txn_ref":"AA-S-1"}'
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + b"5;ext=1\r\n" + body[:5] + b"\r\n"
    chunked += b"%x\r\n" % (len(body) - 5) + body[5:] + b"\r\n0\r\nX-Trailer: t\r\n\r\n"
    with Hostile(lambda r: Reply(chunked)) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            assert [client.sms.send("hi", "+6591234567").txn_ref for _ in range(3)] == ["AA-S-1"] * 3
    assert server.connections == 1


@pytest.mark.parametrize(
    "head",
    [b"Content-Length: 44\r\nTransfer-Encoding: chunked\r\n", b"Content-Length: 44\r\nContent-Length: 45\r\n", b"Content-Length: +44\r\n",
     b"Transfer-Encoding: gzip, chunked\r\n"],
    ids=["both", "two lengths", "signed length", "other coding"],
)  # fmt: skip
def test_an_answer_whose_length_cannot_be_told_is_refused(head: bytes) -> None:
    body = b'{"status":"success_ok","txn_ref":"AA-S-1"}'
    answer = b"HTTP/1.1 200 OK\r\n" + head + b"\r\n" + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    with Hostile(lambda r: Reply(answer, close=True)) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            with pytest.raises(hoiio.TransportError, match="was refused") as info:
                client.sms.send("hi", "+6591234567")
    assert info.value.outcome_unknown is True and len(server.requests) == 1


def test_a_ca_bundle_that_does_not_exist_is_a_validation_error_before_anything_is_sent(env: pytest.MonkeyPatch, cert: Certificate) -> None:
    env.setenv("REQUESTS_CA_BUNDLE", os.path.join(os.path.dirname(cert.cert), "no-such-bundle.pem"))
    with Hostile(lambda r: Drop(), cert=cert) as server:
        with hoiio.Client("APP", TOKEN, base_url=server.base_url) as client:
            with pytest.raises(hoiio.ValidationError, match="REQUESTS_CA_BUNDLE"):
                client.sms.send("hi", "+6591234567")
    assert server.connections == 0


def test_a_transport_error_names_the_host_and_the_cause() -> None:
    port = refused_port()
    with hoiio.Client("APP", TOKEN, base_url=f"http://127.0.0.1:{port}/open/", max_retries=0) as client:
        with pytest.raises(hoiio.TransportError) as info:
            client.sms.send("hi", "+6591234567")
    assert f"127.0.0.1:{port} refused the connection" in str(info.value) and not info.value.outcome_unknown


def test_hoiios_own_host_says_the_service_is_gone_and_points_at_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def no_such_host(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "secure.hoiio.com":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    monkeypatch.delenv("HOIIO_BASE_URL", raising=False)
    with hoiio.Client("APP", TOKEN, max_retries=0) as client:
        with pytest.raises(hoiio.TransportError) as info:
            client.sms.send("hi", "+6591234567")
    message = str(info.value)
    assert "secure.hoiio.com does not resolve" in message and "hoiio sandbox" in message and "HOIIO_BASE_URL" in message
    assert info.value.outcome_unknown is False
