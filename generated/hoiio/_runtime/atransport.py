"""PROVISIONAL async transport (the async engineer's stand-in until the transport branch's
AsyncTransport lands; interface: common.md #1). The same rules as transport.Transport, on httpx:
billing-safe retries, outcome-unknown errors, Retry-After, the retry budget, no redirects.

A task cancelled during a call (``asyncio.CancelledError``, ``asyncio.timeout``) is never
retried: the cancellation goes on up, and nothing is sent again.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any, Dict, Mapping, Optional, Tuple

import httpx

from ..exceptions import MalformedResponseError, TransportError
from .params import Endpoint
from .transport import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    DEFAULT_TIMEOUT,
    RETRY_AFTER_CAP,
    RetryBudget,
    Timeout,
    Transport,
    _decode,
    _retry_after,
    _snippet,
    _timeout,
)

log = logging.getLogger("hoiio")


def _never_connected(exc: BaseException) -> bool:
    return isinstance(exc, (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout))


def _reason(exc: BaseException) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "the connection timed out"
    if isinstance(exc, httpx.PoolTimeout):
        return "no connection of the pool became free in time"
    if isinstance(exc, httpx.ReadTimeout):
        return "no answer before the read timeout"
    if isinstance(exc, httpx.ConnectError):
        return "the connection could not be made"
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)):
        return "the connection broke"
    return type(exc).__name__


def _httpx_timeout(value: Any) -> httpx.Timeout:
    if isinstance(value, tuple):
        connect, read = value
    else:
        connect = read = value
    return httpx.Timeout(read, connect=connect, pool=connect + read)


class AsyncTransport:
    """Sends one endpoint's form with httpx and returns the decoded JSON object, retrying where it is safe."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Optional[Timeout],
        max_retries: int,
        pool_size: int,
        user_agent: str,
        log_sensitive: bool,
        client: Optional[httpx.AsyncClient] = None,
    ) -> None:
        self.base_url = base_url
        self.timeout = _timeout(timeout) if timeout is not None else DEFAULT_TIMEOUT
        self.max_retries = max_retries
        self.budget = RetryBudget()
        self.log_sensitive = log_sensitive
        self._sleep = asyncio.sleep
        self._own = client is None
        self._client = client or httpx.AsyncClient(
            limits=httpx.Limits(max_connections=pool_size, max_keepalive_connections=pool_size),
            follow_redirects=False,
        )
        self._headers = {"User-Agent": user_agent, "Accept": "application/json"}

    async def aclose(self) -> None:
        if self._own:
            await self._client.aclose()

    def describe(self, endpoint: Endpoint, form: Mapping[str, str], files: Optional[Mapping[str, Any]]) -> Dict[str, str]:
        return Transport.describe(self, endpoint, form, files)  # type: ignore[arg-type]

    async def send(
        self,
        name: str,
        endpoint: Endpoint,
        form: Dict[str, str],
        files: Optional[Dict[str, Any]],
        options: Mapping[str, Any],
    ) -> Tuple[Dict[str, Any], str, httpx.Response]:
        """POST the form; return (decoded JSON object, body text, httpx.Response)."""
        url = self.base_url + endpoint.path
        timeout = _httpx_timeout(_timeout(options["request_timeout"]) if "request_timeout" in options else self.timeout)
        max_retries = int(options.get("max_retries", self.max_retries))
        safe = endpoint.retry_safe
        attempt = 0
        debug = log.isEnabledFor(logging.DEBUG)
        if debug:
            log.debug("POST %s params=%s", endpoint.path, self.describe(endpoint, form, files))
        while True:
            attempt += 1
            started = time.perf_counter()
            try:
                http = await self._client.post(
                    url, data=form, files=files, headers=self._headers, timeout=timeout, follow_redirects=False
                )
            except httpx.HTTPError as exc:
                unsent = _never_connected(exc)
                reason = _reason(exc)
                if (unsent or safe) and self._may_retry(attempt, max_retries, name, reason, timeout=isinstance(exc, httpx.TimeoutException)):
                    await self._sleep(self._backoff(attempt, None))
                    continue
                raise self._transport_error(name, endpoint, reason, unsent, attempt, form.get("tag")) from None
            elapsed = (time.perf_counter() - started) * 1000
            text = http.content.decode("utf-8", errors="replace")
            data = _decode(text)
            status = data.get("status") if data is not None else None
            if debug:
                log.debug("%s %s -> HTTP %s %s in %.1f ms", "POST", endpoint.path, http.status_code, status or "(no JSON)", elapsed)
            if data is None:
                reason = f"HTTP {http.status_code} with a body that is not a JSON object"
                if safe and self._may_retry(attempt, max_retries, name, reason):
                    await self._sleep(self._backoff(attempt, http))
                    continue
                if not safe:
                    raise self._transport_error(name, endpoint, reason + f": {_snippet(text)}", False, attempt, form.get("tag"))
                raise MalformedResponseError(
                    f"{name}: Hoiio answered {reason}: {_snippet(text)}",
                    http_status=http.status_code, body=text, response=http,
                )  # fmt: skip
            if safe and (status == "error_rate_limit_exceeded" or (http.status_code >= 500 and status != "success_ok")):
                if self._may_retry(attempt, max_retries, name, f"{status} (HTTP {http.status_code})"):
                    await self._sleep(self._backoff(attempt, http))
                    continue
            self.budget.refund()
            return data, text, http

    def _may_retry(self, attempt: int, max_retries: int, name: str, reason: str, timeout: bool = False) -> bool:
        return Transport._may_retry(self, attempt, max_retries, name, reason, timeout)  # type: ignore[arg-type]

    def _backoff(self, attempt: int, http: Optional[httpx.Response]) -> float:
        if http is not None:
            after = _retry_after(http.headers.get("Retry-After"))
            if after is not None:
                return min(after, RETRY_AFTER_CAP)
        return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1))))

    def _transport_error(
        self, name: str, endpoint: Endpoint, reason: str, unsent: bool, attempts: int, tag: Optional[str]
    ) -> TransportError:
        return Transport._transport_error(self, name, endpoint, reason, unsent, attempts, tag)  # type: ignore[arg-type]
