"""A lean keep-alive connection pool for httpx, used by hoiio.AsyncClient's own httpx client.

httpx's default pool (httpcore) re-examines every connection, and every connection again for
each, whenever a request starts or ends: with 64 connections that is thousands of checks per
request, most of a call's CPU at concurrency 64 (encode/httpx#3215). This one keeps, per
origin, a stack of idle HTTP/1.1 connections (asyncio streams, h11 for the protocol) and a
semaphore of ``max_connections``: O(1) per request.

It speaks what hoiio needs: HTTP/1.1 over TCP or TLS, request bodies in memory, any response
framing h11 reads (Content-Length, chunked, until close). It honours httpx's per-request
timeouts (connect, read, write, pool) and calls the request's ``trace`` with
``http11.send_request_headers.started`` just before the first byte is written, as httpcore
does, so the transport can tell a request that never left from one that may have. A
connection is reused only after its answer was read to the end, and never if it is closing or
has unread bytes; one interrupted (an error, a timeout, a cancelled task) is closed, so its
late answer can reach no other request. Proxies from the environment are still httpx's (it
mounts its own transports for them).
"""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import time
import weakref
from collections import deque
from typing import Any, AsyncIterator, Awaitable, Callable, Deque, Dict, List, Optional, Tuple, TypeVar

import h11
import httpx

T = TypeVar("T")
Origin = Tuple[bytes, bytes, int]

KEEPALIVE_EXPIRY = 5.0
READ_SIZE = 65536


def origin_of(url: httpx.URL) -> Origin:
    """The (scheme, host, port) a URL's connections are kept under."""
    return (url.raw_scheme, url.raw_host, url.port or (443 if url.raw_scheme == b"https" else 80))


def _ssl_context() -> ssl.SSLContext:
    make = getattr(httpx, "create_ssl_context", None)
    if make is not None:  # httpx >= 0.28: honours SSL_CERT_FILE / SSL_CERT_DIR
        context: ssl.SSLContext = make()
    else:  # pragma: no cover - older httpx
        import certifi

        context = ssl.create_default_context(cafile=certifi.where())
    context.set_alpn_protocols(["http/1.1"])
    return context


class _Connection:
    __slots__ = ("reader", "writer", "h11", "idle_since", "origin", "gate")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, origin: Origin) -> None:
        self.reader = reader
        self.writer = writer
        self.h11 = h11.Connection(h11.CLIENT)
        self.idle_since = 0.0
        self.origin = origin
        self.gate: Optional[asyncio.Semaphore] = None

    def reusable(self, now: float) -> bool:
        buffered = getattr(self.reader, "_buffer", b"")
        return not (self.writer.is_closing() or self.reader.at_eof() or buffered or now - self.idle_since > KEEPALIVE_EXPIRY)

    def close(self) -> None:
        try:
            self.writer.close()
        except RuntimeError:  # its event loop is closed: the socket went with it
            pass

    def disown(self) -> None:
        """Make this process's copy of the socket a /dev/null (see AsyncPool._after_fork)."""
        sock = self.writer.get_extra_info("socket")
        try:
            fd = sock.fileno() if sock is not None else -1
            if fd >= 0:
                null = os.open(os.devnull, os.O_RDWR)
                try:
                    os.dup2(null, fd)
                finally:
                    os.close(null)
        except OSError:  # pragma: no cover - nothing more to do
            pass


_pools: "weakref.WeakSet[AsyncPool]" = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for pool in list(_pools):
        pool._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)

_timeout = getattr(asyncio, "timeout", None)  # Python 3.11+: no task made per wait


async def _within(seconds: Optional[float], awaitable: Awaitable[T]) -> T:
    if seconds is None:
        return await awaitable
    if _timeout is not None:
        async with _timeout(seconds):
            return await awaitable
    return await asyncio.wait_for(awaitable, seconds)  # pragma: no cover - Python 3.9/3.10


class AsyncPool(httpx.AsyncBaseTransport):
    """An httpx transport: ``httpx.AsyncClient(transport=AsyncPool(64))``.

    hoiio's AsyncTransport also uses it directly, without httpx's client around it:
    :meth:`checkout` a connection, :func:`send` a request's bytes, read the answer with
    :func:`next_event`, :meth:`checkin` the connection."""

    def __init__(self, max_connections: int = 10, *, ssl_context: Optional[ssl.SSLContext] = None) -> None:
        self._max = max(1, max_connections)
        self._ssl = ssl_context
        self._idle: Dict[Origin, Deque[_Connection]] = {}
        self._gate: Optional[asyncio.Semaphore] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._closed = False
        _pools.add(self)

    def _restart(self, loop: asyncio.AbstractEventLoop) -> None:
        """First use, or a new event loop (asyncio.run again): start afresh in it."""
        stale = [c for stack in self._idle.values() for c in stack]
        self._idle.clear()
        for old in stale:
            if self._loop is not None and not self._loop.is_closed():
                self._loop.call_soon_threadsafe(old.close)
            else:
                old.close()
        self._loop, self._gate = loop, asyncio.Semaphore(self._max)

    async def checkout(self, origin: Origin, pool_timeout: Optional[float], connect_timeout: Optional[float],
                       request: Optional[httpx.Request] = None) -> _Connection:  # fmt: skip
        """A connection to ``origin`` (an idle one, or a new one), holding a place of the pool
        until :meth:`checkin`. Raises httpx's PoolTimeout, ConnectTimeout or ConnectError."""
        if self._closed:
            raise httpx.ConnectError("the connection pool is closed", request=request)
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._restart(loop)
        gate = self._gate
        assert gate is not None
        try:
            if gate.locked():
                await _within(pool_timeout, gate.acquire())
            else:  # a connection is free: no wait, no timer
                await gate.acquire()
        except asyncio.TimeoutError:
            raise httpx.PoolTimeout("no connection of the pool became free in time", request=request) from None
        try:
            conn = self._take(origin)
            if conn is None:
                conn = await self._connect(origin, connect_timeout, request)
        except BaseException:
            gate.release()
            raise
        conn.gate = gate
        return conn

    def checkin(self, conn: _Connection, complete: bool) -> None:
        """Give back what :meth:`checkout` gave: the connection is kept for the next request only
        when ``complete`` (its answer was read to the end) and h11 agrees; else it is closed."""
        gate, conn.gate = conn.gate, None
        try:
            if complete and conn.h11.our_state is h11.DONE and conn.h11.their_state is h11.DONE and not self._closed:
                conn.h11.start_next_cycle()
                conn.idle_since = time.monotonic()
                self._idle.setdefault(conn.origin, deque()).append(conn)
            else:
                conn.close()
        except h11.LocalProtocolError:
            conn.close()
        finally:
            if gate is not None:
                gate.release()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts: Dict[str, Optional[float]] = request.extensions.get("timeout", {})
        trace: Optional[Callable[[str, Dict[str, Any]], Awaitable[None]]] = request.extensions.get("trace")
        url = request.url
        conn = await self.checkout(origin_of(url), timeouts.get("pool"), timeouts.get("connect"), request)
        handed = False
        try:
            head = h11.Request(method=request.method, target=url.raw_path, headers=_headers(request))
            body = await request.aread()  # in memory: hoiio's forms and files are (a multipart body is a stream until read)
            if trace is not None:
                await trace("http11.send_request_headers.started", {"request": request})
            data = conn.h11.send(head) or b""
            if body:
                data += conn.h11.send(h11.Data(data=body)) or b""
            data += conn.h11.send(h11.EndOfMessage()) or b""
            await send(conn, data, timeouts.get("write"), request)
            event = await response_head(conn, timeouts.get("read"), request)
            stream = _Body(self, conn, timeouts.get("read"), request)
            handed = True  # the body stream owns the connection and the gate from here
            return httpx.Response(
                event.status_code,
                headers=[(k, v) for k, v in event.headers],
                stream=stream,
                extensions={"http_version": b"HTTP/" + event.http_version, "reason_phrase": event.reason},
            )
        finally:
            if not handed:
                self.checkin(conn, False)

    def _after_fork(self) -> None:
        """In a forked child: the idle connections are the parent's. Each socket's descriptor is
        pointed at /dev/null first, so that closing it here (now, or when its objects go) can
        neither reach the parent's connection nor its event loop's registrations, which a forked
        epoll shares with the parent."""
        stale = [c for stack in self._idle.values() for c in stack]
        self._idle.clear()
        self._loop = self._gate = None
        for conn in stale:
            conn.disown()

    def _take(self, origin: Origin) -> Optional[_Connection]:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            conn = idle.pop()
            if conn.reusable(now):
                return conn
            conn.close()
        return None

    async def _connect(self, origin: Origin, timeout: Optional[float], request: Optional[httpx.Request]) -> _Connection:
        scheme, host, port = origin
        tls = scheme == b"https"
        if tls and self._ssl is None:
            self._ssl = _ssl_context()
        name = host.decode("ascii")
        try:
            reader, writer = await _within(
                timeout, asyncio.open_connection(name, port, ssl=self._ssl if tls else None, server_hostname=name if tls else None, limit=READ_SIZE)
            )
        except asyncio.TimeoutError:
            raise httpx.ConnectTimeout("the connection timed out", request=request) from None
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(str(exc) or type(exc).__name__, request=request) from None
        sock = writer.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except (OSError, AttributeError):  # pragma: no cover - not TCP
                pass
        return _Connection(reader, writer, origin)

    async def aclose(self) -> None:
        self._closed = True
        idle: List[_Connection] = [c for stack in self._idle.values() for c in stack]
        self._idle.clear()
        for conn in idle:
            conn.close()


async def send(conn: _Connection, data: bytes, timeout: Optional[float], request: Optional[httpx.Request] = None) -> None:
    """Write a request's bytes (waiting, up to ``timeout``, only when the socket's buffer is full)."""
    conn.writer.write(data)
    try:
        if conn.writer.transport.get_write_buffer_size():  # not all written at once
            await _within(timeout, conn.writer.drain())
    except asyncio.TimeoutError:
        raise httpx.WriteTimeout("the request could not be written in time", request=request) from None
    except OSError as exc:
        raise httpx.WriteError(str(exc) or type(exc).__name__, request=request) from None


class Head:
    """A request head fixed but for its Content-Length (a form POST): its bytes up to the
    value, checked by h11 once, and h11's event to follow the exchange on a connection."""

    __slots__ = ("_event", "_bytes")

    def __init__(self, method: bytes, target: bytes, headers: List[Tuple[bytes, bytes]]) -> None:
        self._event = h11.Request(method=method, target=target, headers=headers)
        wire = h11.Connection(h11.CLIENT).send(h11.Request(method=method, target=target, headers=headers + [(b"Content-Length", b"0")]))
        assert wire is not None and wire.endswith(b"Content-Length: 0\r\n\r\n")
        self._bytes = wire[: -len(b"0\r\n\r\n")]

    def start(self, conn: _Connection) -> bytes:
        """The head's bytes to write on ``conn``, up to the Content-Length value (the caller adds
        it, the blank line and the body). h11 is told of a request without a body: it only
        follows the exchange (the answer's framing does not depend on the request's body)."""
        conn.h11.send(self._event)
        conn.h11.send(_END)
        return self._bytes


_END = h11.EndOfMessage()


async def read_body(conn: _Connection, timeout: Optional[float], feed: Callable[[bytes], None]) -> None:
    """Read the answer's body to its end, handing each piece to ``feed``."""
    while True:
        event = await next_event(conn, timeout)
        kind = type(event)
        if kind is h11.Data:
            feed(bytes(event.data))
        elif kind is h11.EndOfMessage:
            return
        elif kind is h11.ConnectionClosed:
            raise httpx.RemoteProtocolError("the connection closed before the answer was complete")


async def response_head(conn: _Connection, timeout: Optional[float], request: Optional[httpx.Request] = None) -> h11.Response:
    """The answer's status and headers (after any 1xx)."""
    event = await next_event(conn, timeout, request)
    while isinstance(event, h11.InformationalResponse):
        event = await next_event(conn, timeout, request)
    if not isinstance(event, h11.Response):
        raise httpx.RemoteProtocolError("the server sent no response", request=request)
    return event


def _headers(request: httpx.Request) -> List[Tuple[bytes, bytes]]:
    headers = list(request.headers.raw)
    if not any(k.lower() == b"host" for k, _ in headers):
        headers.insert(0, (b"Host", request.url.netloc))
    return headers


async def next_event(conn: _Connection, timeout: Optional[float], request: Optional[httpx.Request] = None) -> Any:
    """The next h11 event of the answer, reading from the socket as needed."""
    while True:
        try:
            event = conn.h11.next_event()
        except h11.RemoteProtocolError as exc:
            raise httpx.RemoteProtocolError(f"the answer is not valid HTTP/1.1: {exc}", request=request) from None
        if event is not h11.NEED_DATA:
            return event
        try:
            data = await _within(timeout, conn.reader.read(READ_SIZE))
        except asyncio.TimeoutError:
            raise httpx.ReadTimeout("no answer before the read timeout", request=request) from None
        except OSError as exc:
            raise httpx.ReadError(str(exc) or type(exc).__name__, request=request) from None
        conn.h11.receive_data(data)  # b"" is the end of the stream


class _Body(httpx.AsyncByteStream):
    """The answer's body, read as httpx asks for it; gives the connection back when complete."""

    def __init__(self, pool: AsyncPool, conn: _Connection, timeout: Optional[float], request: httpx.Request) -> None:
        self._pool = pool
        self._conn: Optional[_Connection] = conn
        self._timeout = timeout
        self._request = request
        self._done = False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        conn = self._conn
        if conn is None:
            return
        try:
            while True:
                event = await next_event(conn, self._timeout, self._request)
                if isinstance(event, h11.Data):
                    yield bytes(event.data)
                elif isinstance(event, h11.EndOfMessage):
                    self._done = True
                    return
                elif isinstance(event, h11.ConnectionClosed):
                    raise httpx.RemoteProtocolError("the connection closed before the answer was complete", request=self._request)
        except BaseException:
            self._done = False
            raise

    async def aclose(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            self._pool.checkin(conn, self._done)
