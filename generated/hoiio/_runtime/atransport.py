"""HTTP over httpx for the async client: the same rules as the sync Transport (they are in
:mod:`.rules`), only the I/O differs. ``pip install 'hoiio[async]'`` adds httpx; nothing else
in hoiio imports this module or httpx.

The client's own httpx client runs on :class:`.apool.AsyncPool`, and a form request to a base URL
that no proxy serves goes straight to that pool: the request's bytes (headers resolved once per
endpoint), the answer read from the connection as it comes, none of httpx's per-call client
machinery (header and URL merging, auth flow, redirect loop, hooks, cookie jar); ``res.response``
is still an ``httpx.Response``, its ``request`` the one sent without the token. An
``http_client`` of your own, a proxy from the environment and a file upload go through httpx's
``AsyncClient.send`` as usual.

"Provably never sent" comes from httpx's own trace of the request (on the direct path, from the
pool, just before it writes the first byte): an attempt that failed before the request's headers
started to leave sent nothing. The overall deadline is an asyncio
timeout around each attempt. A task cancelled during an attempt is never sent again: the
CancelledError goes on, and when the request may have left, a warning is logged (and noted on the
exception) that the outcome is unknown.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Mapping, Optional, Tuple

import httpx

from ..exceptions import HoiioException
from . import apool, rules
from .rules import Failure, RetryBudget, Timeout

if TYPE_CHECKING:  # pragma: no cover
    from .params import Endpoint

log = logging.getLogger("hoiio")

_SENT_EVENTS = ("http11.send_request_headers.started", "http2.send_request_headers.started")

if sys.version_info >= (3, 11):
    _timeout_after = asyncio.timeout
else:  # pragma: no cover - Python 3.9/3.10

    class _timeout_after:
        """A minimal asyncio.timeout(): cancels the task at the deadline, raises TimeoutError."""

        def __init__(self, delay: float) -> None:
            self._delay = delay
            self._expired = False

        async def __aenter__(self) -> "_timeout_after":
            task = asyncio.current_task()
            assert task is not None
            loop = asyncio.get_running_loop()
            self._handle = loop.call_later(self._delay, self._expire, task)
            return self

        def _expire(self, task: "asyncio.Task[Any]") -> None:
            self._expired = True
            task.cancel()

        async def __aexit__(self, kind: Any, exc: Any, tb: Any) -> bool:
            self._handle.cancel()
            if self._expired and kind is asyncio.CancelledError:
                raise TimeoutError from None
            return False


class _Progress:
    """Whether the request of the attempt in flight started to leave (from httpx's trace)."""

    __slots__ = ("sent",)

    def __init__(self) -> None:
        self.sent = False

    async def trace(self, event: str, info: Any) -> None:
        if event in _SENT_EVENTS:
            self.sent = True


class AsyncTransport:
    """Sends one endpoint's form with httpx and returns the decoded JSON object, retrying where
    it is safe: Transport's rules, awaited."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Optional[Timeout] = None,
        max_retries: int = 2,
        pool_size: int = 10,
        user_agent: str = "hoiio-python",
        log_sensitive: bool = False,
        client: Optional[httpx.AsyncClient] = None,
        deadline: Optional[float] = None,
        max_response_size: Optional[int] = None,
    ) -> None:
        self.base_url = base_url
        self.settings = rules.Settings(
            timeout=timeout, max_retries=max_retries, deadline=deadline, max_response_size=max_response_size, log_sensitive=log_sensitive
        )
        self.log_sensitive = log_sensitive
        self._sleep = asyncio.sleep
        self._pool_size = pool_size
        self._own = client is None
        self._client: Optional[httpx.AsyncClient] = client
        self._pool: Optional[apool.AsyncPool] = None  # set when requests go straight to our pool
        self._pid = os.getpid()
        self._headers = {
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": rules.ACCEPT_ENCODING,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self._urls: Dict[str, httpx.URL] = {}
        self._routes: Dict[str, _Route] = {}

    @property
    def timeout(self) -> Timeout:
        return self.settings.timeout

    @property
    def max_retries(self) -> int:
        return self.settings.max_retries

    @property
    def budget(self) -> RetryBudget:
        return self.settings.budget

    @property
    def deadline(self) -> float:
        return self.settings.deadline

    @property
    def max_response_size(self) -> int:
        return self.settings.max_response_size

    @property
    def client(self) -> httpx.AsyncClient:
        """The httpx.AsyncClient (made on first use; a forked child makes its own)."""
        if self._client is None or (self._own and self._pid != os.getpid()):
            self._pid = os.getpid()
            self._client, self._pool = _own_client(self.base_url, self._pool_size)
            self._routes = {}
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    async def send(
        self,
        name: str,
        endpoint: "Endpoint",
        form: Dict[str, str],
        files: Optional[Dict[str, Any]],
        options: Mapping[str, Any],
    ) -> Tuple[Dict[str, Any], str, httpx.Response]:
        """POST the form; return (decoded JSON object, body text, httpx.Response)."""
        call = rules.Call(self.settings, name, endpoint, form, options)  # checks the per-call options
        client = self.client
        if log.isEnabledFor(logging.DEBUG):
            log.debug("POST %s params=%s", endpoint.path, rules.describe(endpoint, form, files, self.log_sensitive))
        exchange = self._direct(endpoint.path, form, call) if self._pool is not None and not files else self._through(client, endpoint.path, form, files, call)
        http: Any = None
        try:
            while True:
                started = time.perf_counter()
                connect, read = call.next_attempt()
                progress = _Progress()
                failure: Optional[Failure] = None
                raised: Optional[HoiioException] = None
                http = None
                try:
                    async with _timeout_after(max(call.remaining(), 0.001)):
                        http = await exchange.attempt(connect, read, progress)
                except HoiioException as exc:
                    raised = exc
                except asyncio.CancelledError as exc:
                    note = call.cancelled(progress.sent)
                    if note and hasattr(exc, "add_note"):
                        exc.add_note(note)
                    raise
                except (TimeoutError, asyncio.TimeoutError):
                    failure = Failure(f"no complete answer within the deadline of {call.settings.deadline:g} s", sent=progress.sent, timeout=True)
                except Exception as exc:  # whatever httpx, httpcore, our pool, h11 or the socket raise
                    failure = _failure(exc, progress.sent, call)
                if raised is not None:
                    raise raised
                if failure is not None:
                    await self._sleep(call.failed(failure))
                    continue
                answer = call.answered(http.status_code, http.headers, http._content, http)
                if log.isEnabledFor(logging.DEBUG):
                    status = answer[0].get("status") if answer is not None else "(retrying)"
                    log.debug("POST %s -> HTTP %s %s in %.1f ms", endpoint.path, http.status_code, status, (time.perf_counter() - started) * 1000)
                if answer is None:
                    await self._sleep(call.delay)
                    continue
                return answer[0], answer[1], http
        finally:
            if http is not None:
                http.request = exchange.sent()

    def _direct(self, path: str, form: Dict[str, str], call: rules.Call) -> "_Direct":
        route = self._routes.get(path)
        if route is None:
            route = self._routes[path] = _Route(self.client, self.base_url + path, self._headers)
        assert self._pool is not None
        return _Direct(self._pool, route, rules.encode_form(form).encode("ascii"), call)

    def _through(self, client: httpx.AsyncClient, path: str, form: Dict[str, str], files: Optional[Dict[str, Any]], call: rules.Call) -> "_Through":
        url = self._urls.get(path)
        if url is None:
            url = self._urls[path] = httpx.URL(self.base_url + path)
        if files:
            request = client.build_request("POST", url, data=form, files=files, headers={k: v for k, v in self._headers.items() if k != "Content-Type"})
        else:
            request = client.build_request("POST", url, content=rules.encode_form(form).encode("ascii"), headers=self._headers)
        return _Through(client, request, call)


class _Direct:
    """The attempts of one call on the direct path: the request's bytes straight to our pool,
    the answer read from the connection."""

    __slots__ = ("pool", "route", "body", "data", "call")

    def __init__(self, pool: apool.AsyncPool, route: "_Route", body: bytes, call: rules.Call) -> None:
        self.pool, self.route, self.body, self.call = pool, route, body, call
        self.data = b"%d\r\n\r\n" % len(body) + body  # after the head's "Content-Length: "

    async def attempt(self, connect: float, read: float, progress: _Progress) -> httpx.Response:
        """One attempt: the answer as an httpx.Response, its body read (and decompressed, within
        the size cap) and scrubbed."""
        call, pool = self.call, self.pool
        started = time.perf_counter()
        conn = await pool.checkout(self.route.origin, connect, connect)
        complete = False
        try:
            data = self.route.head.start(conn) + self.data
            progress.sent = True  # from here on, the request may have left
            await apool.send(conn, data, read)
            head = await apool.response_head(conn, read)
            http = httpx.Response(head.status_code, headers=head.headers, stream=_READ,
                                  extensions={"http_version": b"HTTP/" + head.http_version, "reason_phrase": head.reason})  # fmt: skip
            reader = _reader(http, call)
            await apool.read_body(conn, read, reader.feed)
            body = reader.finish()
            complete = True
        finally:
            pool.checkin(conn, complete)
        http._content = call.scrub_bytes(body) if call.secrets else body
        http.is_stream_consumed = http.is_closed = True
        http.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
        return http

    def sent(self) -> httpx.Request:
        """The request to hand out on ``res.response.request``: as sent, without the token."""
        return self.route.request(self.call.scrub_bytes(self.body) if self.call.secrets else self.body, len(self.body))


class _Through:
    """The attempts of one call through httpx's ``AsyncClient.send`` (an http_client of your
    own, a proxy, a file upload)."""

    __slots__ = ("client", "request", "call")

    def __init__(self, client: httpx.AsyncClient, request: httpx.Request, call: rules.Call) -> None:
        self.client, self.request, self.call = client, request, call

    async def attempt(self, connect: float, read: float, progress: _Progress) -> httpx.Response:
        call = self.call
        self.request.extensions = {"timeout": {"connect": connect, "read": read, "write": read, "pool": connect}, "trace": progress.trace}
        http = await self.client.send(self.request, stream=True, follow_redirects=False)
        try:
            reader = _reader(http, call)
            async for chunk in http.aiter_raw():
                reader.feed(chunk)
            body = reader.finish()
        finally:
            await http.aclose()
        http._content = call.scrub_bytes(body) if call.secrets else body
        return http

    def sent(self) -> httpx.Request:
        return _scrubbed(self.request, self.call)


def _reader(http: httpx.Response, call: rules.Call) -> rules.BodyReader:
    """The reader of the answer's body (a TransportError at once when its Content-Length is
    over the size cap)."""
    encoding = http.headers.get("Content-Encoding")
    length = http.headers.get("Content-Length")
    if not encoding and length and length.isdigit() and int(length) > call.settings.max_response_size:
        raise call._error(f"the answer is larger than max_response_size ({call.settings.max_response_size} bytes)", sent=True)
    return call.reader(encoding)


def _scrubbed(request: httpx.Request, call: rules.Call) -> httpx.Request:
    """The request to hand out on ``res.response.request``: the one sent, without the token."""
    content = getattr(request, "_content", None)
    if not isinstance(content, bytes) or not call.secrets:
        return request
    return httpx.Request(request.method, request.url, headers=request.headers, content=call.scrub_bytes(content), extensions={})


def _failure(exc: Exception, sent: bool, call: rules.Call) -> Failure:
    """What an exception says about the attempt (only strings: never the exception itself)."""
    if isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)) and not sent:
        timeout = not isinstance(exc, httpx.ConnectError)
        text = str(exc).lower()
        if "ssl" in text or "tls" in text or "certificate" in text:
            reason = "the TLS handshake failed"
        else:
            reason = "the connection timed out" if timeout else "the connection could not be made"
        return Failure(reason, sent=False, timeout=timeout)
    if isinstance(exc, httpx.TimeoutException):
        return Failure("no answer before the read timeout" if sent else "the connection timed out", sent=sent, timeout=True)
    if isinstance(exc, (httpx.NetworkError, httpx.RemoteProtocolError, OSError)):
        text = str(exc).lower()
        tls = "ssl" in text or "tls" in text
        if sent:
            return Failure("a TLS error after the request was sent" if tls else "the connection broke", sent=True)
        return Failure("the TLS handshake failed" if tls else "the connection could not be made", sent=False)
    return Failure(f"the answer could not be read ({rules.exception_detail(exc, call.scrub)})", sent=sent)


class _Read(httpx.AsyncByteStream):
    """The stream of a response whose body the direct path has read already."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        return
        yield b""  # pragma: no cover - an async generator


_READ = _Read()


class _Route:
    """One endpoint's request on the direct path, resolved once: the origin, the request's head
    (all but its Content-Length value), the URL and headers for the request handed out on
    ``res.response.request``."""

    __slots__ = ("origin", "url", "head", "headers")

    def __init__(self, client: httpx.AsyncClient, url: str, ours: Mapping[str, str]) -> None:
        self.url = httpx.URL(url)
        self.origin = apool.origin_of(self.url)
        headers = httpx.Headers(client.headers)  # the client's (httpx's defaults) with ours over them, as build_request merges them
        headers.update(ours)
        self.headers = [(b"Host", self.url.netloc)] + [(k, v) for k, v in headers.raw if k.lower() != b"host"]
        self.head = apool.Head(b"POST", self.url.raw_path, self.headers)

    def request(self, content: bytes, length: int) -> httpx.Request:
        """The request as sent, with ``content`` (the body without the token) as its body."""
        request = httpx.Request("POST", self.url, headers=self.headers + [(b"Content-Length", b"%d" % length)], stream=httpx.ByteStream(content))
        request.read()
        return request


def _own_client(base_url: str, pool_size: int) -> Tuple[httpx.AsyncClient, Optional[apool.AsyncPool]]:
    """The client's own httpx client, on our pool, with the proxies of the environment mounted as
    httpx would mount them (it does not when given a transport); and the pool, when requests to
    ``base_url`` go straight to it (no proxy serves it)."""
    try:
        from httpx._utils import get_environment_proxies
    except ImportError:  # pragma: no cover - a future httpx: httpx's own pool and proxies, through client.send
        return httpx.AsyncClient(limits=httpx.Limits(max_connections=pool_size), follow_redirects=False, trust_env=True), None
    limits = httpx.Limits(max_connections=pool_size, max_keepalive_connections=pool_size)
    try:
        mounts: Dict[str, Optional[httpx.AsyncBaseTransport]] = {
            pattern: None if proxy is None else httpx.AsyncHTTPTransport(proxy=proxy, limits=limits, trust_env=True)
            for pattern, proxy in get_environment_proxies().items()
        }
    except (ImportError, ValueError) as exc:  # a proxy of an unknown scheme, or SOCKS without socksio
        from ..exceptions import ValidationError

        raise ValidationError([f"the proxy from the environment cannot be used: {exc}"], "AsyncClient") from None
    pool = apool.AsyncPool(pool_size)
    client = httpx.AsyncClient(transport=pool, mounts=mounts, follow_redirects=False, trust_env=True)
    url = httpx.URL(base_url)
    route = getattr(client, "_transport_for_url", None)
    try:
        serving = route(url) if route is not None else (None if mounts else pool)
    except Exception:  # pragma: no cover - a future httpx
        serving = None
    direct = serving is pool and not (url.username or url.password)
    return client, pool if direct else None
