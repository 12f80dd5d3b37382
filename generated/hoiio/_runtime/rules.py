"""The transport's rules, without I/O: shared by the sync Transport (requests) and the
AsyncTransport (aiohttp), so that they exist once (docs/security.md says them in full).

A call is a :class:`Call`: the I/O layer asks it for the timeouts of the next attempt and tells
it how the attempt ended (a :class:`Failure`, or an answer: status, headers, body); it answers
how long to wait before the next attempt, or the decoded answer, or raises. A query (free, no
side effects) is retried on any failure, HTTP 5xx, a body that is not JSON and a status whose
``retry:`` the spec sets; anything else only when no byte of the request can have left. Within
``max_retries``, the retry budget and the deadline, which bounds the whole call. The body's
decompressed size is capped, a 3xx is never followed, the token is scrubbed from everything
handed out, and logs mask numbers and texts.
"""

from __future__ import annotations

import functools
import json
import logging
import math
import threading
import time
import zlib
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import quote, quote_plus

from .._generated.kinds import KINDS
from ..exceptions import HoiioException, MalformedResponseError, TransportError, ValidationError
from .status import retry_helps, succeeded
from .types import Timeout

log = logging.getLogger("hoiio")

DEFAULT_TIMEOUT: Tuple[float, float] = (5.0, 30.0)
DEFAULT_DEADLINE = 60.0
DEFAULT_MAX_RESPONSE_SIZE = 4 * 1024 * 1024
MAX_SECONDS = 24 * 3600.0  # any timeout or deadline longer than a day is a mistake
BACKOFF_BASE = 0.5
BACKOFF_CAP = 20.0
RETRY_AFTER_CAP = 60.0
ACCEPT_ENCODING = "gzip, deflate"
SCRUBBED = "***"

_MASKED_WIRE = frozenset({"msg"})
_SECRET_WIRE = frozenset({"access_token"})
_PLAIN_UNKNOWN = frozenset({"app_id"})  # sent with every request, not in the endpoints' params


# ---- settings, checked once -------------------------------------------------------------------


def _seconds(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if 0 < number <= MAX_SECONDS else None  # rejects 0, negatives, inf and nan


def timeout_problem(value: Any, name: str = "timeout") -> Optional[str]:
    """Why ``value`` is not a valid timeout, or None."""
    if isinstance(value, (tuple, list)):
        if len(value) == 2 and _seconds(value[0]) is not None and _seconds(value[1]) is not None:
            return None
    elif _seconds(value) is not None:
        return None
    return f"{name}: {value!r} is not valid; expected seconds (0 < s <= {MAX_SECONDS:.0f}), or a (connect, read) pair of them"


def _pair(value: Timeout) -> Tuple[float, float]:
    """A checked timeout as a (connect, read) pair."""
    return (float(value[0]), float(value[1])) if isinstance(value, (tuple, list)) else (float(value), float(value))


def retries_problem(value: Any, name: str = "max_retries") -> Optional[str]:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        return f"{name}: {value!r} is not valid; expected an integer from 0 to 100"
    return None


class Settings:
    """A transport's settings, checked once at construction (a ValidationError of ``where``, the
    client's name, lists every problem)."""

    __slots__ = ("timeout", "pair", "max_retries", "deadline", "max_response_size", "log_sensitive", "auto_tag", "budget")

    def __init__(
        self,
        *,
        timeout: Optional[Timeout] = None,
        max_retries: int = 2,
        deadline: Optional[float] = None,
        max_response_size: Optional[int] = None,
        log_sensitive: bool = False,
        auto_tag: bool = False,
        where: str = "Client",
    ) -> None:
        problems = [p for p in (timeout_problem(timeout) if timeout is not None else None, retries_problem(max_retries)) if p]
        if deadline is not None and _seconds(deadline) is None:
            problems.append(f"deadline: {deadline!r} is not valid; expected seconds (0 < s <= {MAX_SECONDS:.0f})")
        size = DEFAULT_MAX_RESPONSE_SIZE if max_response_size is None else max_response_size
        if isinstance(size, bool) or not isinstance(size, int) or size < 1024:
            problems.append(f"max_response_size: {max_response_size!r} is not valid; expected a number of bytes >= 1024")
        if problems:
            raise ValidationError(problems, where)
        #: what the user gave (or the default), as the client reports it
        self.timeout: Timeout = DEFAULT_TIMEOUT if timeout is None else (tuple(timeout) if isinstance(timeout, (tuple, list)) else timeout)  # type: ignore[assignment]
        self.pair = _pair(self.timeout)
        self.max_retries = max_retries
        self.deadline = float(deadline) if deadline is not None else DEFAULT_DEADLINE
        self.max_response_size = size
        self.log_sensitive = log_sensitive
        #: every call that costs money or changes state, and takes a tag, gets a unique one
        self.auto_tag = auto_tag
        self.budget = RetryBudget()


class RetryBudget:
    """A client-wide token bucket: each retry spends tokens, each successful answer refunds
    one, so a failing server cannot set off a retry storm (after botocore's retry quota)."""

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

    def after_fork(self) -> None:
        """In a forked child: a lock another thread held at the fork would stay held."""
        self._lock = threading.Lock()


# ---- one call -----------------------------------------------------------------------------------


class Failure:
    """How an attempt failed, as the I/O layer saw it. ``sent`` is False only when no byte of
    the request can have left (the connection or TLS handshake failed)."""

    __slots__ = ("reason", "sent", "timeout")

    def __init__(self, reason: str, *, sent: bool, timeout: bool = False) -> None:
        self.reason = reason
        self.sent = sent
        self.timeout = timeout


#: Hoiio's own API host: its servers are gone, so a failure to reach it says where to go instead.
HOIIO_HOST = "secure.hoiio.com"
GONE_HINT = (
    "Hoiio's servers are gone (the service has closed): to try the SDK, run the local sandbox "
    "(`hoiio sandbox`, from pip install 'hoiio[sandbox]') and set HOIIO_BASE_URL to the URL it prints"
)


def chain(exc: BaseException) -> List[BaseException]:
    """``exc`` and the exceptions it wraps (``__cause__``, ``__context__``, an exception among
    its ``args`` or in its ``reason``), breadth first, each once, at most 16."""
    seen: List[BaseException] = []
    todo: List[Any] = [exc]
    while todo and len(seen) < 16:
        item = todo.pop(0)
        if not isinstance(item, BaseException) or any(item is s for s in seen):
            continue
        seen.append(item)
        todo.extend((item.__cause__, item.__context__, getattr(item, "reason", None), getattr(item, "os_error", None)))
        todo.extend(a for a in getattr(item, "args", ()) if isinstance(a, BaseException))
    return seen


def cause_of(exc: BaseException) -> str:
    """What the standard library's exceptions in ``exc``'s chain say went wrong: "dns" (the
    name does not resolve), "refused", "timeout", "tls", "answer" (the answer broke HTTP's
    framing; see :data:`REFUSED_ANSWER`), "reset" or "" (nothing known)."""
    import socket
    import ssl

    found = ""
    for item in chain(exc):
        if getattr(item, REFUSED_ANSWER, None):
            return "answer"
        if isinstance(item, socket.gaierror):
            return "dns"
        if isinstance(item, ConnectionRefusedError):
            return "refused"
        if isinstance(item, (ssl.SSLError, ssl.CertificateError)):
            found = found or "tls"
        elif isinstance(item, (TimeoutError, socket.timeout)):
            found = found or "timeout"
        elif isinstance(item, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            found = found or "reset"
    return found


#: The attribute (a str: why) that marks an exception raised because the answer broke HTTP's
#: framing (an interim answer too many, conflicting lengths, a bad chunk size).
REFUSED_ANSWER = "hoiio_refused_answer"


def failure(exc: BaseException, *, sent: bool, host: str, timeout: bool = False, proxy: bool = False, call: Optional["Call"] = None) -> Failure:
    """The one classifier of both transports: a :class:`Failure` from an attempt's exception.
    ``sent`` is the I/O layer's answer to "may a byte of the request have left?" (False only
    when the failure provably came first); ``timeout`` whether its library called it a
    timeout; ``proxy`` whether a proxy was in the way. The reason names the host and the
    cause, and, for Hoiio's own host, says that it is gone. Only strings are kept: the
    exception holds the request, token included."""
    cause = cause_of(exc)
    timeout = timeout or cause == "timeout"
    if not sent:
        if cause == "dns":
            reason = f"the connection could not be made: the name {host} does not resolve"
        elif cause == "refused":
            reason = f"the connection could not be made: {'the proxy' if proxy else host} refused the connection"
        elif timeout:
            reason = f"the connection timed out: no connection to {host} within the connect timeout"
        elif cause == "tls":
            reason = f"the TLS handshake failed with {host}: {_tls_detail(exc, call)}"
        elif proxy:
            reason = f"the connection could not be made: the proxy did not open a connection to {host} ({_detail(exc, call)})"
        else:
            reason = f"the connection could not be made to {host} ({_detail(exc, call)})"
        if host.lower() == HOIIO_HOST and cause != "tls":
            reason += ". " + GONE_HINT
        return Failure(reason, sent=False, timeout=timeout)
    if cause == "answer":
        why = next((getattr(e, REFUSED_ANSWER) for e in chain(exc) if getattr(e, REFUSED_ANSWER, None)), "")
        return Failure(f"the answer from {host} was refused: {why}", sent=True)
    if timeout:
        return Failure(f"no answer from {host} before the read timeout", sent=True, timeout=True)
    if cause == "tls":
        return Failure(f"a TLS error after the request was sent to {host}: {_tls_detail(exc, call)}", sent=True)
    return Failure(f"the connection broke: {host}{' (through the proxy)' if proxy else ''} closed or reset it before a complete answer", sent=True)


def _detail(exc: BaseException, call: Optional["Call"]) -> str:
    """A short, scrubbed description of the innermost exception of ``exc``'s chain (never the
    exception itself: it holds the request, token included)."""
    inner = chain(exc)[-1]
    try:
        text = str(inner)
    except Exception:  # a broken __str__ must not break the error report
        text = ""
    text = call.scrub(text) if call is not None else text
    return f"{type(inner).__name__}: {text[:300]}" if text else type(inner).__name__


def _tls_detail(exc: BaseException, call: Optional["Call"]) -> str:
    import ssl

    for item in chain(exc):  # (aiohttp's subclasses of these wrap the real one, without its attributes)
        if isinstance(item, ssl.SSLCertVerificationError) and hasattr(item, "verify_message"):
            return f"the certificate was not accepted ({item.verify_message or item.reason})"
        if isinstance(item, ssl.SSLError) and hasattr(item, "reason"):
            return f"{item.reason or type(item).__name__}"
    return _detail(exc, call)


class Call:
    """The state of one call across its attempts: the form as it goes on the wire (the
    arguments, the auto tag, the credentials: added here, where the request is made), the
    per-call options (already checked by ``Method.build``), the deadline and the retries."""

    __slots__ = (
        "settings", "name", "endpoint", "safe", "tag", "form", "timeout", "max_retries", "deadline_at", "attempts", "secrets",
        "_secret_bytes", "_clock", "delay", "rewritten",
    )  # fmt: skip

    def __init__(
        self, settings: Settings, name: str, endpoint: Any, form: Mapping[str, str], options: Mapping[str, Any], credentials: Tuple[str, str]
    ) -> None:
        self.settings = settings
        self.name = name
        self.endpoint = endpoint
        self.safe: bool = endpoint.retry_safe
        wire = dict(form)
        if settings.auto_tag and "tag" not in wire and "tag" in endpoint.by_wire and not self.safe:
            wire["tag"] = unique_tag()
        self.tag = wire.get("tag")
        app_id, token = credentials
        wire["app_id"] = app_id
        wire["access_token"] = token
        #: what is sent: the arguments' form, the tag, the credentials
        self.form = wire
        self.timeout = _pair(options["request_timeout"]) if "request_timeout" in options else settings.pair
        self.max_retries = options.get("max_retries", settings.max_retries)
        self.secrets, self._secret_bytes = secret_forms(token)
        self._clock: Callable[[], float] = time.monotonic
        self.deadline_at = self._clock() + settings.deadline
        self.attempts = 0
        self.delay = 0.0
        #: the body to hand out when the decoded answer had to be scrubbed (the token came back
        #: escaped), else None
        self.rewritten: Optional[bytes] = None

    def body(self) -> str:
        """The form, URL-encoded (ASCII text), as the request's body."""
        return encode_form(self.form)

    # -- before an attempt

    def remaining(self) -> float:
        return self.deadline_at - self._clock()

    def late(self) -> str:
        """Why an attempt failed that the deadline cut."""
        return f"no complete answer within the deadline of {self.settings.deadline:g} s"

    def next_attempt(self) -> Tuple[float, float]:
        """The (connect, read) timeouts of the next attempt, clipped to the deadline."""
        left = self.remaining()
        if left <= 0:
            raise self._error(self.late(), sent=self.attempts > 0)
        self.attempts += 1
        connect, read = self.timeout
        return (min(connect, left), min(read, left))

    # -- after an attempt

    def failed(self, failure: Failure) -> float:
        """The seconds to wait before the next attempt, or raise the TransportError."""
        reason = failure.reason
        if self.remaining() <= 0:
            reason = f"{self.late()} ({reason})"
        elif (not failure.sent or self.safe) and self._may_retry(reason, failure.timeout, None):
            return self.delay
        raise self._error(reason, sent=failure.sent)

    def answered(self, status_code: int, headers: Mapping[str, str], body: bytes, response: Any = None) -> Optional[Tuple[Dict[str, Any], str]]:
        """The decoded answer (data, text), or None to retry after ``self.delay`` seconds; or
        raise the HoiioException the answer calls for."""
        if 300 <= status_code < 400:
            raise self._redirect(status_code, headers)
        text = self.scrub(body.decode("utf-8", errors="replace"))
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested too deep
            data = None
        if self.secrets and data is not None and "\\" in text:  # without an escape, the text's scrub was enough
            try:
                clean = self.scrub_value(data)
            except RecursionError:  # nested deeper than can be walked: not an answer of Hoiio's
                clean = data = None
            if clean != data:  # the token came back escaped (\u0053...): what is handed out is re-encoded
                data, text = clean, json.dumps(clean, ensure_ascii=False)
                self.rewritten = text.encode("utf-8")
        if type(data) is not dict:
            reason = f"HTTP {status_code} with a body that is not a JSON object"
            if self.safe:
                if self._may_retry(reason, False, headers):
                    return None
                raise MalformedResponseError(f"{self.name}: Hoiio answered {reason}: {snippet(text)}", http_status=status_code, body=text, response=response)
            raise self._error(reason + f": {snippet(text)}", sent=True)
        status = data.get("status")
        ok = succeeded(data)
        if self.safe and (retry_helps(status) or (status_code >= 500 and not ok)):
            if self._may_retry(f"{status} (HTTP {status_code})", False, headers):
                return None
        if ok and status_code < 300:
            self.settings.budget.refund()
        return data, text

    def _may_retry(self, reason: str, timeout: bool, headers: Optional[Mapping[str, str]]) -> bool:
        if self.attempts > self.max_retries:
            return False
        delay = backoff(self.attempts, headers.get("Retry-After") if headers is not None else None)
        if delay >= self.remaining():
            log.info("not retrying %s: the deadline leaves no time to wait %.1f s (%s)", self.name, delay, reason)
            return False
        if not self.settings.budget.spend(timeout):
            log.info("not retrying %s: the client's retry budget is spent (%s)", self.name, reason)
            return False
        log.info("retrying %s (attempt %d of %d) after %s", self.name, self.attempts + 1, self.max_retries + 1, reason)
        self.delay = delay
        return True

    # -- errors

    def _error(self, reason: str, *, sent: bool) -> TransportError:
        return transport_error(self.name, reason, unknown=sent and not self.safe, attempts=self.attempts, tag=self.tag)

    def _redirect(self, status_code: int, headers: Mapping[str, str]) -> HoiioException:
        where = headers.get("Location")
        to = f" to {snippet(self.scrub(where), 120)}" if where else ""
        reason = (
            f"HTTP {status_code}, a redirect{to}. Hoiio's API never redirects, so this answer is not Hoiio's "
            "(a proxy, a captive portal or a wrong base_url?); the SDK does not follow redirects and sent nothing anywhere else"
        )
        return self._error(reason, sent=True)

    def cancelled(self, sent: bool) -> Optional[str]:
        """What to record when the task was cancelled during an attempt (None: nothing to say)."""
        if self.safe or not sent:
            return None
        message = transport_error(self.name, "the call was cancelled after the request was sent", unknown=True, attempts=self.attempts, tag=self.tag)
        log.warning("%s", message)
        return str(message)

    # -- secrets

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, SCRUBBED)
        return text

    def scrub_value(self, value: Any) -> Any:
        """A decoded JSON value with the token scrubbed from every string in it, keys included
        (the same object when there was nothing to scrub)."""
        if type(value) is str:
            return self.scrub(value)
        if type(value) is dict:
            return {self.scrub(k): self.scrub_value(v) for k, v in value.items()}
        if type(value) is list:
            return [self.scrub_value(v) for v in value]
        return value

    def scrub_bytes(self, data: bytes) -> bytes:
        for raw in self._secret_bytes:
            if raw in data:
                data = data.replace(raw, _SCRUBBED_BYTES)
        return data

    def reader(self, encoding: Optional[str], length: Optional[str] = None) -> "BodyReader":
        """A BodyReader for the answer's body; an uncompressed answer whose ``Content-Length``
        is past the size cap is refused at once."""
        cap = self.settings.max_response_size
        if not encoding and length and length.isascii() and length.isdigit() and int(length) > cap:
            raise self.too_big()
        return BodyReader(encoding, cap, self)

    def too_big(self) -> TransportError:
        return self._error(f"the answer is larger than max_response_size ({self.settings.max_response_size} bytes)", sent=True)


_SCRUBBED_BYTES = SCRUBBED.encode()


@functools.lru_cache(maxsize=64)  # a few tokens per process; never grows without bound
def secret_forms(token: str) -> Tuple[Tuple[str, ...], Tuple[bytes, ...]]:
    """The token as it may appear in a body (as given, form-encoded, JSON-escaped), as text and
    as UTF-8 bytes; kept per token, asked for on every call."""
    forms = {token, quote_plus(token), quote(token, safe=""), json.dumps(token)[1:-1]}
    text = tuple(sorted((f for f in forms if f), key=len, reverse=True))
    return text, tuple(f.encode("utf-8", "replace") for f in text)


def unique_tag(prefix: str = "hoiio-") -> str:
    """A tag no other call has: give it to a send, and look the send up by it if the outcome
    is unknown."""
    import uuid  # off the import path of hoiio

    return prefix + uuid.uuid4().hex[:24]


def transport_error(name: str, reason: str, *, unknown: bool, attempts: int, tag: Optional[str]) -> TransportError:
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if not unknown:
        return TransportError(f"{name}: request failed{tries}: {reason}", method=name, outcome_unknown=False, attempts=attempts, tag=tag)
    by_tag = f"by its tag {tag!r}" if tag else "by the tag you gave it (pass tag=..., or make the client with auto_tag=True)"
    return TransportError(
        f"{name}: the outcome is unknown: {reason}. The request may have reached Hoiio, so it was not "
        f"sent again. Before retrying, check whether it took effect: look it up in the history "
        f"{by_tag}, or with the status query once you have its txn_ref.",
        method=name, outcome_unknown=True, attempts=attempts, tag=tag,
    )  # fmt: skip


# ---- the body -----------------------------------------------------------------------------------


class BodyReader:
    """Takes the body's raw (possibly compressed) chunks as they arrive; decompresses them with
    a cap on the decompressed size. ``feed`` and ``finish`` raise a TransportError past it."""

    __slots__ = ("_parts", "_size", "_cap", "_inflate", "_call")

    def __init__(self, encoding: Optional[str], cap: int, call: Call) -> None:
        self._parts: List[bytes] = []
        self._size = 0
        self._cap = cap
        self._call = call
        self._inflate: Any = None
        coding = (encoding or "identity").strip().lower()
        if coding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._inflate = "deflate"  # zlib-wrapped or raw: decided by the first bytes
        elif coding not in ("identity", ""):
            raise call._error(f"the answer has Content-Encoding {snippet(coding, 40)}, which was not asked for", sent=True)

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        if self._inflate is None:
            self._add(chunk)
            return
        if self._inflate == "deflate":
            wrapped = len(chunk) >= 2 and chunk[0] & 0x0F == 8 and (chunk[0] * 256 + chunk[1]) % 31 == 0
            self._inflate = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        try:
            self._add(self._inflate.decompress(chunk, self._cap - self._size + 1))
        except zlib.error:
            raise self._call._error("the answer's compressed body is corrupt", sent=True) from None

    def finish(self) -> bytes:
        if self._inflate is not None and self._inflate != "deflate":
            try:
                self._add(self._inflate.flush())
            except zlib.error:
                raise self._call._error("the answer's compressed body is corrupt", sent=True) from None
        return b"".join(self._parts)

    def _add(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._cap:
            self._parts.clear()
            raise self._call.too_big()
        if data:
            self._parts.append(data)


# ---- backoff -------------------------------------------------------------------------------------


def backoff(attempt: int, retry_after: Optional[str]) -> float:
    after = parse_retry_after(retry_after)
    if after is not None:
        return min(after, RETRY_AFTER_CAP)
    import random  # off the import path

    return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * (2 ** min(attempt - 1, 30))))


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date), or None
    when it says nothing usable (whatever it holds: huge years, garbage, inf, nan)."""
    if not value:
        return None
    try:
        seconds = float(value)
    except (ValueError, TypeError):
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime  # rare: imported only when a date comes

    try:
        when = parsedate_to_datetime(value)
        if when.tzinfo is None:  # an HTTP date is in GMT
            when = when.replace(tzinfo=timezone.utc)
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError):
        return None


# ---- logs -----------------------------------------------------------------------------------------


def describe(endpoint: Any, form: Mapping[str, str], files: Optional[Mapping[str, Any]], log_sensitive: bool) -> Dict[str, str]:
    """The parameters as logged: the token always hidden, numbers and text masked unless
    log_sensitive. A parameter the spec does not know (sent through extra_params) is masked
    too: nothing says what it holds."""
    shown: Dict[str, str] = {}
    for key, value in form.items():
        if key in _SECRET_WIRE:
            shown[key] = SCRUBBED
            continue
        param = endpoint.by_wire.get(key)
        sensitive = key in _MASKED_WIRE or (KINDS[param.kind].masked if param is not None else key not in _PLAIN_UNKNOWN)
        shown[key] = value if (log_sensitive or not sensitive) else mask(value)
    for key, value in (files or {}).items():
        shown[key] = f"<{len(value[1])} bytes>"
    return shown


def mask(value: str) -> str:
    """Hide all but the shape of a value: '+6591234567' -> '+65******67', text -> '<11 chars>'."""
    parts = value.split(",")
    if all(p.startswith("+") and p[1:].isdigit() for p in parts):
        return ",".join(p[:3] + "*" * (len(p) - 5) + p[-2:] for p in parts)
    return f"<{len(value)} chars>"


def snippet(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "...") if flat else "(empty body)"


#: what urllib.parse.quote_plus leaves as it is
_SAFE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.~-"
_PLUS = [chr(b) if chr(b) in _SAFE_CHARS else "+" if b == 0x20 else f"%{b:02X}" for b in range(256)]


def _quote_plus(text: str) -> str:
    return "".join(map(_PLUS.__getitem__, text.encode("utf-8")))


def encode_form(form: Mapping[str, str]) -> str:
    """The form as application/x-www-form-urlencoded text, all ASCII: exactly what requests
    (urllib.parse.urlencode) makes of it, with a table lookup per byte instead of a call (and
    no call at all for a name or value with nothing to escape)."""
    safe, quote = _SAFE_CHARS, _quote_plus
    parts = []
    for key, value in form.items():  # x.strip(safe) is "" when x has only safe characters
        parts.append((quote(key) if key.strip(safe) else key) + "=" + (quote(value) if value.strip(safe) else value))
    return "&".join(parts)

