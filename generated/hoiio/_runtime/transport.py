"""HTTP: one requests.Session per client, form POSTs, timeouts, billing-safe retries, logging.

Retry rules (see docs/security.md):
- A query (free, no side effects) is retried on connection errors, timeouts, HTTP 5xx, a body
  that is not JSON, and error_rate_limit_exceeded, with exponential backoff and full jitter,
  honouring Retry-After, up to max_retries, while the client's retry budget lasts.
- Anything else (it costs money or changes state) is retried only when the connection could
  not be made at all, so the request provably never reached Hoiio. Past that point a failure
  raises TransportError with outcome_unknown=True.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional, Tuple, Union

import requests
from requests.adapters import HTTPAdapter

from ..exceptions import MalformedResponseError, TransportError
from .params import Endpoint, Param

log = logging.getLogger("hoiio")

Timeout = Union[float, Tuple[float, float]]
DEFAULT_TIMEOUT: Tuple[float, float] = (5.0, 30.0)
BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
RETRY_AFTER_CAP = 60.0
_MASKED_KINDS = frozenset({"phone", "phone_list", "transfer_dest", "recipients", "caller_id"})
_MASKED_WIRE = frozenset({"msg"})
_SECRET_WIRE = frozenset({"access_token"})
_PLAIN_UNKNOWN = frozenset({"app_id"})  # sent with every request, not in the endpoints' params


class RetryBudget:
    """A client-wide token bucket: each retry spends tokens, each success refunds one, so a dead
    server cannot set off a retry storm (after botocore's retry quota)."""

    RETRY_COST = 5
    TIMEOUT_COST = 10

    def __init__(self, capacity: int = 500) -> None:
        self.capacity = capacity
        self._tokens = capacity
        self._lock = threading.Lock()

    @property
    def available(self) -> int:
        return self._tokens

    def spend(self, timeout: bool = False) -> bool:
        cost = self.TIMEOUT_COST if timeout else self.RETRY_COST
        with self._lock:
            if self._tokens < cost:
                return False
            self._tokens -= cost
            return True

    def refund(self) -> None:
        if self._tokens < self.capacity:
            with self._lock:
                self._tokens = min(self.capacity, self._tokens + 1)


def never_connected(exc: BaseException) -> bool:
    """True when the request provably never left: DNS, refused connection, connect timeout, TLS."""
    if isinstance(exc, (requests.exceptions.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    if isinstance(exc, requests.exceptions.ProxyError):
        return False
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason: Any = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        name = type(reason).__name__
        return name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError", "SSLError")
    return False


class Transport:
    """Sends one endpoint's form and returns the decoded JSON object, retrying where it is safe."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Optional[Timeout],
        max_retries: int,
        pool_size: int,
        session: Optional[requests.Session],
        user_agent: str,
        log_sensitive: bool,
    ) -> None:
        self.base_url = base_url
        self.timeout = _timeout(timeout) if timeout is not None else DEFAULT_TIMEOUT
        self.max_retries = max_retries
        self.budget = RetryBudget()
        self.log_sensitive = log_sensitive
        self._sleep = time.sleep
        self._session = session or requests.Session()
        if session is None:
            adapter = HTTPAdapter(pool_connections=1, pool_maxsize=pool_size)
            self._session.mount("https://", adapter)
            self._session.mount("http://", adapter)
        self._session.headers["User-Agent"] = user_agent
        self._session.headers["Accept"] = "application/json"
        # requests reads proxies, CA bundle and .netrc from the environment on every call when
        # trust_env is on; read them once here instead and pass them explicitly.
        settings = self._session.merge_environment_settings(base_url, {}, None, None, None)
        self._proxies: Dict[str, str] = dict(settings.get("proxies") or {})
        self._verify: Any = settings.get("verify", True)
        self._cert: Any = settings.get("cert")
        if self._session.trust_env and self._session.auth is None:
            netrc_auth = requests.utils.get_netrc_auth(base_url)
            if netrc_auth:
                self._session.auth = netrc_auth
        self._session.trust_env = False

    def close(self) -> None:
        self._session.close()

    def send(
        self,
        name: str,
        endpoint: Endpoint,
        form: Dict[str, str],
        files: Optional[Dict[str, Any]],
        options: Mapping[str, Any],
    ) -> Tuple[Dict[str, Any], str, requests.Response]:
        """POST the form; return (decoded JSON object, body text, requests.Response)."""
        url = self.base_url + endpoint.path
        timeout = _timeout(options["request_timeout"]) if "request_timeout" in options else self.timeout
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
                http = self._session.request(
                    "POST", url, data=form, files=files, timeout=timeout,
                    proxies=self._proxies, verify=self._verify, cert=self._cert,
                )  # fmt: skip
            except requests.exceptions.RequestException as exc:
                unsent = never_connected(exc)
                reason = _reason(exc)
                if (unsent or safe) and self._may_retry(attempt, max_retries, name, reason, timeout=isinstance(exc, requests.exceptions.Timeout)):
                    self._sleep(self._backoff(attempt, None))
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
                    self._sleep(self._backoff(attempt, http))
                    continue
                if not safe:
                    raise self._transport_error(name, endpoint, reason + f": {_snippet(text)}", False, attempt, form.get("tag"))
                raise MalformedResponseError(
                    f"{name}: Hoiio answered {reason}: {_snippet(text)}",
                    http_status=http.status_code, body=text, response=http,
                )  # fmt: skip
            if safe and (status == "error_rate_limit_exceeded" or (http.status_code >= 500 and status != "success_ok")):
                if self._may_retry(attempt, max_retries, name, f"{status} (HTTP {http.status_code})"):
                    self._sleep(self._backoff(attempt, http))
                    continue
            self.budget.refund()
            return data, text, http

    def _may_retry(self, attempt: int, max_retries: int, name: str, reason: str, timeout: bool = False) -> bool:
        if attempt > max_retries:
            return False
        if not self.budget.spend(timeout):
            log.info("not retrying %s: the client's retry budget is spent (%s)", name, reason)
            return False
        log.info("retrying %s (attempt %d of %d) after %s", name, attempt + 1, max_retries + 1, reason)
        return True

    def _backoff(self, attempt: int, http: Optional[requests.Response]) -> float:
        if http is not None:
            after = _retry_after(http.headers.get("Retry-After"))
            if after is not None:
                return min(after, RETRY_AFTER_CAP)
        return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * (2 ** (attempt - 1))))

    def _transport_error(
        self, name: str, endpoint: Endpoint, reason: str, unsent: bool, attempts: int, tag: Optional[str]
    ) -> TransportError:
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        if unsent or endpoint.retry_safe:
            return TransportError(f"{name}: request failed{tries}: {reason}", method=name, outcome_unknown=False, attempts=attempts, tag=tag)
        by_tag = f"by its tag {tag!r}" if tag else "by the tag you gave it (pass tag=..., or make the client with auto_tag=True)"
        return TransportError(
            f"{name}: the outcome is unknown: {reason}. The request may have reached Hoiio, so it was not "
            f"sent again. Before retrying, check whether it took effect: look it up in the history "
            f"{by_tag}, or with the status query once you have its txn_ref.",
            method=name, outcome_unknown=True, attempts=attempts, tag=tag,
        )  # fmt: skip

    def describe(self, endpoint: Endpoint, form: Mapping[str, str], files: Optional[Mapping[str, Any]]) -> Dict[str, str]:
        """The parameters as logged: the token always hidden, numbers and text masked unless
        the client was made with log_sensitive=True. A parameter the spec does not know (sent
        through extra_params) is masked too: nothing says what it holds."""
        shown: Dict[str, str] = {}
        for key, value in form.items():
            if key in _SECRET_WIRE:
                shown[key] = "***"
                continue
            param: Optional[Param] = endpoint.by_wire.get(key)
            sensitive = key in _MASKED_WIRE or (param.kind in _MASKED_KINDS if param is not None else key not in _PLAIN_UNKNOWN)
            shown[key] = value if (self.log_sensitive or not sensitive) else mask(value)
        for key, value in (files or {}).items():
            shown[key] = f"<{len(value[1])} bytes>"
        return shown


def mask(value: str) -> str:
    """Hide all but the shape of a value: '+6591234567' -> '+65******67', text -> '<11 chars>'."""
    parts = value.split(",")
    if all(p.startswith("+") and p[1:].isdigit() for p in parts):
        return ",".join(p[:3] + "*" * (len(p) - 5) + p[-2:] for p in parts)
    return f"<{len(value)} chars>"


def _timeout(value: Any) -> Any:
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return (float(value[0]), float(value[1]))
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    raise ValueError(f"timeout {value!r} is not valid; expected seconds > 0, or a (connect, read) pair")


def _decode(text: str) -> Optional[Dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # rare: imported only when a date comes

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is in GMT
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _reason(exc: BaseException) -> str:
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "the connection timed out"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "no answer before the read timeout"
    if isinstance(exc, requests.exceptions.SSLError):
        return "the TLS handshake failed"
    if never_connected(exc):
        return "the connection could not be made"
    if isinstance(exc, requests.exceptions.ConnectionError):
        return "the connection broke"
    return type(exc).__name__


def _snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "...") if flat else "(empty body)"
