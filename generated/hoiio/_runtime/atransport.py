"""HTTP over httpx for the async client: the same rules as the sync Transport (they are in
:mod:`.rules`), only the I/O differs. ``pip install 'hoiio[async]'`` adds httpx; nothing else
in hoiio imports this module or httpx.

"Provably never sent" comes from httpx's own trace of the request: an attempt that failed before
httpx started writing the request's headers sent nothing. The overall deadline is an asyncio
timeout around each attempt. A task cancelled during an attempt is never sent again: the
CancelledError goes on, and when the request may have left, a warning is logged (and noted on the
exception) that the outcome is unknown.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple

import httpx

from ..exceptions import HoiioException
from . import rules
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
        self._pid = os.getpid()
        self._headers = {
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": rules.ACCEPT_ENCODING,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self._urls: Dict[str, httpx.URL] = {}

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
            limits = httpx.Limits(max_connections=self._pool_size, max_keepalive_connections=self._pool_size)
            # trust_env: proxies, SSL_CERT_FILE/SSL_CERT_DIR and .netrc, as requests reads them
            self._client = httpx.AsyncClient(limits=limits, follow_redirects=False, trust_env=True)
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
        call = self.settings.start(name, endpoint, form, options)
        client = self.client
        if log.isEnabledFor(logging.DEBUG):
            log.debug("POST %s params=%s", endpoint.path, rules.describe(endpoint, form, files, self.log_sensitive))
        url = self._urls.get(endpoint.path)
        if url is None:
            url = self._urls[endpoint.path] = httpx.URL(self.base_url + endpoint.path)
        if files:
            request = client.build_request("POST", url, data=form, files=files, headers={k: v for k, v in self._headers.items() if k != "Content-Type"})
        else:
            request = client.build_request("POST", url, content=rules.encode_form(form).encode("ascii"), headers=self._headers)
        http: Any = None
        try:
            while True:
                started = time.perf_counter()
                connect, read = call.next_attempt()
                progress = _Progress()
                request.extensions = {
                    "timeout": {"connect": connect, "read": read, "write": read, "pool": connect},
                    "trace": progress.trace,
                }
                failure: Optional[Failure] = None
                raised: Optional[HoiioException] = None
                http = None
                body = b""
                try:
                    async with _timeout_after(max(call.remaining(), 0.001)):
                        http, body = await self._attempt(client, request, call)
                except HoiioException as exc:
                    raised = exc
                except asyncio.CancelledError as exc:
                    note = call.cancelled(progress.sent)
                    if note and hasattr(exc, "add_note"):
                        exc.add_note(note)
                    raise
                except (TimeoutError, asyncio.TimeoutError):
                    failure = Failure(f"no complete answer within the deadline of {call.settings.deadline:g} s", sent=progress.sent, timeout=True)
                except Exception as exc:  # whatever httpx, httpcore or the socket raise
                    failure = _failure(exc, progress.sent, call)
                if raised is not None:
                    raise raised
                if failure is not None:
                    await self._sleep(call.failed(failure))
                    continue
                answer = call.answered(http.status_code, http.headers, body, http)
                if log.isEnabledFor(logging.DEBUG):
                    status = answer[0].get("status") if answer is not None else "(retrying)"
                    log.debug("POST %s -> HTTP %s %s in %.1f ms", endpoint.path, http.status_code, status, (time.perf_counter() - started) * 1000)
                if answer is None:
                    await self._sleep(call.delay)
                    continue
                return answer[0], answer[1], http
        finally:
            if http is not None:
                http.request = _scrubbed(request, call)

    async def _attempt(self, client: httpx.AsyncClient, request: httpx.Request, call: rules.Call) -> Tuple[httpx.Response, bytes]:
        http = await client.send(request, stream=True, follow_redirects=False)
        try:
            reader = call.reader(http.headers.get("Content-Encoding"))
            length = http.headers.get("Content-Length")
            if not http.headers.get("Content-Encoding") and length and length.isdigit() and int(length) > call.settings.max_response_size:
                raise call._error(f"the answer is larger than max_response_size ({call.settings.max_response_size} bytes)", sent=True)
            async for chunk in http.aiter_raw():
                reader.feed(chunk)
            body = reader.finish()
        finally:
            await http.aclose()
        if call.secrets:
            body = call.scrub_bytes(body)
        http._content = body
        return http, body


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
