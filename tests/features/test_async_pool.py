"""hoiio._runtime.apool.AsyncPool, the lean keep-alive pool of AsyncClient's own httpx client,
over real sockets against small servers written here: connections reused only when clean, an
interrupted request's connection never reused (no late answer reaches another request), every
framing h11 reads, httpx's timeouts and exceptions, the trace event before the first byte, and
the bound on connections."""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, List, Tuple

import httpx
import pytest
from hoiio._runtime.apool import AsyncPool
from support.hostile import Certificate

pytestmark = pytest.mark.anyio

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter, int], Awaitable[None]]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def answer(body: bytes, *, close: bool = False, extra: bytes = b"") -> bytes:
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n%s%s\r\n%s"
            % (len(body), b"Connection: close\r\n" if close else b"", extra, body))  # fmt: skip


async def read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return head + await reader.readexactly(length)


async def serve(handler: Handler) -> Tuple[asyncio.AbstractServer, str, List[int]]:
    """A server calling handler(reader, writer, connection number); returns it, its URL, and the connections list."""
    connections: List[int] = []

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(len(connections) + 1)
        try:
            await handler(reader, writer, len(connections))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/open/x", connections


async def echo_forever(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
    while True:
        request = await read_request(reader)
        body = request.split(b"\r\n\r\n", 1)[1]
        writer.write(answer(b'{"echo":"%s","conn":%d}' % (body, n)))
        await writer.drain()


async def test_keep_alive_reuse_and_a_closed_idle_connection_is_not_used() -> None:
    async def once_then_close(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(answer(b'{"conn":%d}' % n))  # no Connection: close, but the server closes it
        await writer.drain()

    server, url, connections = await serve(once_then_close)
    async with httpx.AsyncClient(transport=AsyncPool(4)) as http:
        first = (await http.post(url, content=b"a")).json()
        await asyncio.sleep(0.1)  # the server's FIN arrives while the connection is idle
        second = (await http.post(url, content=b"b")).json()
    assert (first, second) == ({"conn": 1}, {"conn": 2})
    server.close()

    server, url, connections = await serve(echo_forever)
    async with httpx.AsyncClient(transport=AsyncPool(4)) as http:
        got = [(await http.post(url, content=b"m%d" % i)).json() for i in range(5)]
    assert got == [{"echo": f"m{i}", "conn": 1} for i in range(5)] and connections == [1]
    server.close()


async def test_an_interrupted_request_leaves_no_answer_for_the_next() -> None:
    async def slow_then_fast(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            request = await read_request(reader)
            body = request.split(b"\r\n\r\n", 1)[1]
            if body == b"slow":
                await asyncio.sleep(0.3)
            writer.write(answer(b'{"echo":"%s"}' % body))
            await writer.drain()

    server, url, connections = await serve(slow_then_fast)
    async with httpx.AsyncClient(transport=AsyncPool(1)) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.post(url, content=b"slow", timeout=httpx.Timeout(0.1))
        task = asyncio.ensure_future(http.post(url, content=b"slow"))
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.4)  # the late answers were written to the closed connections
        assert (await http.post(url, content=b"fast")).json() == {"echo": "fast"}
    assert connections == [1, 2, 3]  # a fresh connection after each interruption
    server.close()


async def test_framings_informational_chunked_and_close() -> None:
    async def framings(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            request = await read_request(reader)
            if request.split(b"\r\n\r\n", 1)[1] == b"chunked":
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                             b"4\r\n{\"a\"\r\n5\r\n:\"b\"}\r\n0\r\n\r\n")  # fmt: skip
                await writer.drain()
                continue
            # HTTP/1.0 style: the body ends when the connection does
            writer.write(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"until\":\"close\"}")
            await writer.drain()
            return

    server, url, connections = await serve(framings)
    async with httpx.AsyncClient(transport=AsyncPool(2)) as http:
        assert (await http.post(url, content=b"chunked")).json() == {"a": "b"}
        assert (await http.post(url, content=b"close")).json() == {"until": "close"}
        assert (await http.post(url, content=b"chunked")).json() == {"a": "b"}  # on a new connection
    assert connections == [1, 2]
    server.close()


async def test_errors_are_httpx_errors_and_the_trace_says_when_the_request_started() -> None:
    async def drop(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        await read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{\"cut")  # then gone

    events: List[str] = []

    async def trace(event: str, info: Any) -> None:
        events.append(event)

    server, url, _ = await serve(drop)
    async with httpx.AsyncClient(transport=AsyncPool(2)) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.post(url, content=b"x", extensions={"trace": trace})
        assert events == ["http11.send_request_headers.started"]
        events.clear()
        server.close()
        await server.wait_closed()
        with pytest.raises(httpx.ConnectError):
            await http.post(url, content=b"x", extensions={"trace": trace})
        assert events == []  # it never started to leave
    garbage_server, garbage_url, _ = await serve(lambda r, w, n: _garbage(r, w))
    async with httpx.AsyncClient(transport=AsyncPool(2)) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            await http.post(garbage_url, content=b"x")
    garbage_server.close()


async def _garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await read_request(reader)
    writer.write(b"SMTP ready\r\n\r\n")
    await writer.drain()
    await asyncio.sleep(0.1)


async def test_at_most_max_connections_and_a_pool_timeout() -> None:
    in_flight = {"now": 0, "most": 0}

    async def slowish(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            await read_request(reader)
            in_flight["now"] += 1
            in_flight["most"] = max(in_flight["most"], in_flight["now"])
            await asyncio.sleep(0.05)
            in_flight["now"] -= 1
            writer.write(answer(b"{}"))
            await writer.drain()

    server, url, connections = await serve(slowish)
    async with httpx.AsyncClient(transport=AsyncPool(3)) as http:
        answers = await asyncio.gather(*(http.post(url, content=b"x") for _ in range(12)))
        assert all(a.status_code == 200 for a in answers)
        assert in_flight["most"] == 3 and len(connections) == 3
        blockers = [asyncio.ensure_future(http.post(url, content=b"x")) for _ in range(3)]
        await asyncio.sleep(0.01)
        with pytest.raises(httpx.PoolTimeout):
            await http.post(url, content=b"x", timeout=httpx.Timeout(5, pool=0.01))
        await asyncio.gather(*blockers)
    server.close()


async def test_https_verifies_the_certificate(cert: Certificate) -> None:
    import ssl

    server_side = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_side.load_cert_chain(cert.cert, cert.key)  # conftest.py's certificate
    connections: List[int] = []

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        try:
            await echo_forever(reader, writer, len(connections))
        except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0, ssl=server_side)
    url = f"https://127.0.0.1:{server.sockets[0].getsockname()[1]}/open/x"
    trusting = ssl.create_default_context(cafile=cert.cert)
    async with httpx.AsyncClient(transport=AsyncPool(2, ssl_context=trusting)) as http:
        got = [(await http.post(url, content=b"t%d" % i)).json() for i in range(3)]
    assert got == [{"echo": f"t{i}", "conn": 1} for i in range(3)]
    events: List[str] = []

    async def trace(event: str, info: Any) -> None:
        events.append(event)

    async with httpx.AsyncClient(transport=AsyncPool(2)) as http:  # the system's CAs: the self-signed one is refused
        with pytest.raises(httpx.ConnectError, match="(?i)certificate"):
            await http.post(url, content=b"x", extensions={"trace": trace})
    assert events == []  # refused before anything was sent
    server.close()


def test_one_client_across_event_loops() -> None:
    """asyncio.run twice with the same client: the second loop gets fresh connections (the
    first loop's belong to it) and a gate of its own."""

    async def call(http: httpx.AsyncClient, url: str) -> Any:
        return (await http.post(url, content=b"x")).json()

    results: List[Any] = []

    async def with_server(http: httpx.AsyncClient) -> None:
        server, url, connections = await serve(echo_forever)
        results.append((await call(http, url), await call(http, url), list(connections)))
        server.close()

    http = httpx.AsyncClient(transport=AsyncPool(2))
    asyncio.run(with_server(http))
    asyncio.run(with_server(http))
    asyncio.run(http.aclose())
    assert results == [({"echo": "x", "conn": 1}, {"echo": "x", "conn": 1}, [1])] * 2


async def test_the_whole_async_client_on_the_pool_against_hostile_answers() -> None:
    """hoiio.AsyncClient (its own httpx client on AsyncPool, the transport's rules above it):
    a redirect is not followed, an oversized answer and a dripping one end in a HoiioException,
    each action sent exactly once, and the token is in no error."""
    import hoiio

    requests_seen: List[bytes] = []

    async def hostile(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, n: int) -> None:
        while True:
            request = await read_request(reader)
            requests_seen.append(request)
            body = request.split(b"\r\n\r\n", 1)[1]
            if b"msg=redirect" in body:
                writer.write(b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:9/open/sms/send\r\nContent-Length: 0\r\n\r\n")
            elif b"msg=huge" in body:
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 9000000\r\n\r\n" + b" " * 65536)
            elif b"msg=drip" in body:
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n")
                for _ in range(20):
                    await writer.drain()
                    writer.write(b" ")
                    await asyncio.sleep(0.2)
            await writer.drain()

    server, url, _ = await serve(hostile)
    base = url.rsplit("/open/", 1)[0] + "/open/"
    async with hoiio.AsyncClient("app", "SECRET-TOKEN", base_url=base, max_retries=3, deadline=1.0, max_response_size=100_000) as client:
        for msg in ("redirect", "huge", "drip"):
            before = len(requests_seen)
            with pytest.raises(hoiio.HoiioException) as error:
                await client.sms.send(msg, "+6591234567", request_timeout=(1, 0.5))
            assert len(requests_seen) == before + 1, msg  # never sent again
            assert "SECRET-TOKEN" not in str(error.value) and "SECRET-TOKEN" not in repr(error.value)
            assert getattr(error.value, "outcome_unknown", True), msg
    server.close()
