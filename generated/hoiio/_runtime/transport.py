"""HTTP over requests: the sync client's transport. The rules (retries, deadline, size cap,
redirects, scrubbing) are in :mod:`.rules`, shared with the AsyncTransport; this module only
does the I/O.

Each call builds its ``requests.PreparedRequest`` directly and sends it through the session's
adapter, with the session's settings (headers, proxies, CA bundle, client certificate, .netrc)
resolved once at construction: none of ``Session.request``'s per-call machinery, and no
redirect is ever followed. The session the SDK makes has an adapter that works out the per-URL
steps (pool key, request-line URL, the CA bundle's checks on the disk) once per URL.
``res.response`` is still a ``requests.Response``.

What "provably never sent" means here: the client's connections record, in the calling thread,
the moment they start writing a request; a failure before that moment (connecting, the TLS
handshake) left nothing on the wire. They also write a form request's head and body at once (one
write, one TCP segment; http.client would write the head on its own), and parse the answer's
head in one pass (:mod:`.response_head`). A watchdog thread enforces the overall deadline by
shutting down the socket of an attempt past it. A forked child gets fresh connection pools.

``requests`` is imported on the first request, not by ``import hoiio``.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
import weakref
from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple

from ..exceptions import HoiioException
from . import rules
from .rules import BACKOFF_BASE as BACKOFF_BASE  # re-exported: the names known from here
from .rules import BACKOFF_CAP as BACKOFF_CAP
from .rules import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from .rules import RETRY_AFTER_CAP as RETRY_AFTER_CAP
from .rules import Failure
from .rules import RetryBudget as RetryBudget
from .rules import Timeout as Timeout
from .rules import mask as mask

if TYPE_CHECKING:  # pragma: no cover
    import requests

    from .params import Endpoint

log = logging.getLogger("hoiio")

_CHUNK = 64 * 1024
_local = threading.local()


class _Slot:
    """One attempt in flight: whether its request started to leave, and its connection (for the
    watchdog to cut at the deadline)."""

    __slots__ = ("deadline_at", "sent", "conn", "aborted")

    def __init__(self, deadline_at: float) -> None:
        self.deadline_at = deadline_at
        self.sent = False
        self.conn: Any = None
        self.aborted = False

    def abort(self) -> None:
        self.aborted = True
        sock = getattr(self.conn, "sock", None)
        if sock is not None:
            import socket

            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked read; the fd stays the owner's to close
            except OSError:
                pass


class _Watchdog:
    """One daemon thread per process that cuts attempts past their call's deadline. It sleeps
    until the earliest deadline of the attempts in flight (a call that ends sooner leaves it
    asleep); an attempt whose deadline comes before that wakes it. With nothing in flight it
    looks once more a second later, then sleeps until an attempt starts."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._active: Dict[int, _Slot] = {}
        self._wake = threading.Event()
        self._until = math.inf  #: when the thread looks next (monotonic); inf: not before it is woken
        self._pid = 0
        self._starting = threading.Lock()

    def watch(self, slot: _Slot) -> None:
        if not self._pid:  # not started in this process (first use, or a forked child)
            self._start()
        self._active[id(slot)] = slot
        if slot.deadline_at < self._until:  # the thread would look too late for this one
            self._wake.set()

    def unwatch(self, slot: _Slot) -> None:
        self._active.pop(id(slot), None)

    def _start(self) -> None:
        with self._starting:  # two threads making their first call at once start one watchdog
            if self._pid:
                return
            threading.Thread(target=self._run, name="hoiio-deadline", daemon=True).start()
            self._pid = os.getpid()

    def _run(self) -> None:
        active, wake, idle = self._active, self._wake, False
        while True:
            wake.clear()
            self._until = math.inf  # while it looks, an attempt that starts wakes the next wait
            now = time.monotonic()
            earliest = math.inf
            for slot in list(active.values()):
                if slot.aborted:
                    continue
                if now >= slot.deadline_at:
                    slot.abort()
                elif slot.deadline_at < earliest:
                    earliest = slot.deadline_at
            if earliest == math.inf and not idle:  # nothing in flight: look again in a second
                earliest, idle = now + 1.0, True
            elif earliest != math.inf:
                idle = False
            self._until = earliest
            wake.wait(None if earliest == math.inf else earliest - now + 0.005)


_watchdog = _Watchdog()
_transports: "weakref.WeakSet[Transport]" = weakref.WeakSet()
_POOLS: Optional[Dict[str, Any]] = None


def _tracking_pools() -> Dict[str, Any]:
    """urllib3 pool classes whose connections record when a request starts to leave."""
    global _POOLS
    if _POOLS is None:
        from urllib3.connection import HTTPConnection, HTTPSConnection
        from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

        def request(self: Any, *args: Any, **kwargs: Any) -> Any:
            slot: Optional[_Slot] = getattr(_local, "slot", None)
            if slot is None:
                return super(type(self), self).request(*args, **kwargs)
            slot.conn = self
            if self.sock is None:
                self.connect()  # what http.client would do on the first write; a failure here sent nothing
            slot.sent = True
            # http.client writes the head, then urllib3 the body: hold the head and send it with
            # the body's first chunk, one write (and one TCP segment) for a form.
            self._held = b""
            self._holding = True
            try:
                super(type(self), self).request(*args, **kwargs)
            finally:
                self._holding = False
            held, self._held = self._held, b""
            if held:  # a request without a body
                super(type(self), self).send(held)

        def send(self: Any, data: Any) -> None:
            if getattr(self, "_holding", False):
                held = self._held
                if not held and type(data) is bytes:
                    self._held = data  # the head
                    return
                self._held = b""
                self._holding = False
                if type(data) is bytes and len(data) <= _CHUNK:
                    data = held + data
                elif held:  # the head first, on its own: the body is large, or not bytes
                    super(type(self), self).send(held)
            super(type(self), self).send(data)

        from .response_head import HTTPResponse

        methods = {"request": request, "send": send, "response_class": HTTPResponse}
        tracked_http = type("TrackedHTTPConnection", (HTTPConnection,), methods)
        tracked_https = type("TrackedHTTPSConnection", (HTTPSConnection,), methods)
        _POOLS = {
            "http": type("TrackedHTTPConnectionPool", (HTTPConnectionPool,), {"ConnectionCls": tracked_http}),
            "https": type("TrackedHTTPSConnectionPool", (HTTPSConnectionPool,), {"ConnectionCls": tracked_https}),
        }
    return _POOLS


_ADAPTER: Any = None
_MEMO_SIZE = 256


def _adapter_class() -> Any:
    """The HTTPAdapter of the sessions the SDK makes: requests' own, with the steps that depend
    only on the URL and the TLS settings (the pool key, the proxy-free connection, the URL of
    the request line, the CA bundle's checks on the disk) worked out once per URL instead of
    on every call. With a proxy, or settings that are not hashable, it is requests' code."""
    global _ADAPTER
    if _ADAPTER is None:
        from requests.adapters import HTTPAdapter
        from requests.exceptions import InvalidURL

        class LeanHTTPAdapter(HTTPAdapter):
            def _remembered(self, key: Any, work: Any) -> Any:
                memo: Optional[Dict[Any, Any]] = self.__dict__.get("_memo")
                if memo is None:  # (not made in __init__: an unpickled adapter has none either)
                    memo = self.__dict__["_memo"] = {}
                try:
                    return memo[key]
                except KeyError:
                    if len(memo) >= _MEMO_SIZE:
                        memo.clear()
                    memo[key] = value = work()
                    return value
                except TypeError:  # an unhashable setting
                    return work()

            def build_connection_pool_key_attributes(self, request: Any, verify: Any, cert: Any = None) -> Any:
                base = super().build_connection_pool_key_attributes
                host, pool = self._remembered(("key", request.url, verify, cert), lambda: base(request, verify, cert))
                return dict(host), dict(pool)

            def get_connection_with_tls_context(self, request: Any, verify: Any, proxies: Any = None, cert: Any = None) -> Any:
                if proxies:
                    return super().get_connection_with_tls_context(request, verify, proxies=proxies, cert=cert)
                try:
                    host, pool = self.build_connection_pool_key_attributes(request, verify, cert)
                except ValueError as exc:
                    raise InvalidURL(exc, request=request) from None
                return self.poolmanager.connection_from_host(**host, pool_kwargs=pool)

            def request_url(self, request: Any, proxies: Any) -> Any:
                if proxies:
                    return super().request_url(request, proxies)
                return self._remembered(("url", request.url), lambda: super(LeanHTTPAdapter, self).request_url(request, proxies))

            def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
                done = (url.partition(":")[0].lower(), verify, cert)
                if conn.__dict__.get("_hoiio_cert_verified") != done:
                    super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
                    conn._hoiio_cert_verified = done

        _ADAPTER = LeanHTTPAdapter
    return _ADAPTER


def _track(adapter: Any) -> bool:
    """Make ``adapter``'s direct connections tracked; False when it cannot be (not an
    HTTPAdapter, or a pool manager of its own)."""
    from requests.adapters import HTTPAdapter
    from urllib3.poolmanager import pool_classes_by_scheme

    manager = getattr(adapter, "poolmanager", None)
    if not isinstance(adapter, HTTPAdapter) or manager is None:
        return False
    if manager.pool_classes_by_scheme is not pool_classes_by_scheme and manager.pool_classes_by_scheme is not _POOLS:
        return False
    manager.pool_classes_by_scheme = _tracking_pools()
    return True


def _after_fork_in_child() -> None:
    _watchdog._reset()  # the parent's watchdog thread did not come along
    for transport in list(_transports):
        transport._after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class Transport:
    """Sends one endpoint's form and returns the decoded JSON object, retrying where it is safe."""

    def __init__(
        self,
        base_url: str,
        *,
        timeout: Optional[Timeout] = None,
        max_retries: int = 2,
        pool_size: int = 10,
        session: Optional["requests.Session"] = None,
        user_agent: str = "hoiio-python",
        log_sensitive: bool = False,
        deadline: Optional[float] = None,
        max_response_size: Optional[int] = None,
    ) -> None:
        self.base_url = base_url
        self.settings = rules.Settings(
            timeout=timeout, max_retries=max_retries, deadline=deadline, max_response_size=max_response_size, log_sensitive=log_sensitive
        )
        self.log_sensitive = log_sensitive
        self._sleep = time.sleep
        self._pool_size = pool_size
        self._user_agent = user_agent
        self._given_session = session
        self._s: Any = None
        self._lock = threading.Lock()
        _transports.add(self)

    # -- what the client reports

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
    def _session(self) -> "requests.Session":
        """The requests.Session (made, with requests imported, on first use)."""
        if self._s is None:
            self._setup()
        return self._s  # type: ignore[no-any-return]

    # -- set up on first use (requests is imported here, not by ``import hoiio``)

    def _setup(self) -> None:
        with self._lock:
            if self._s is not None:
                return
            import requests
            from requests.structures import CaseInsensitiveDict

            session: Any = self._given_session
            if session is None:
                session = requests.Session()
                adapter = _adapter_class()(pool_connections=1, pool_maxsize=self._pool_size)
                session.mount("https://", adapter)
                session.mount("http://", adapter)
            # requests reads proxies, the CA bundle and .netrc from the environment on every call
            # when trust_env is on; read them once here instead.
            settings = session.merge_environment_settings(self.base_url, {}, None, None, None)
            self._proxies: Dict[str, str] = dict(settings.get("proxies") or {})
            self._verify: Any = settings.get("verify", True)
            self._cert: Any = settings.get("cert")
            self._auth: Any = session.auth
            if self._auth is None and session.trust_env:
                self._auth = requests.utils.get_netrc_auth(self.base_url)
            headers = CaseInsensitiveDict(session.headers)
            headers["User-Agent"] = self._user_agent
            headers["Accept"] = "application/json"
            headers["Accept-Encoding"] = rules.ACCEPT_ENCODING
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            self._headers: Any = headers
            self._headers_cls: Any = CaseInsensitiveDict
            self._adapter = session.get_adapter(self.base_url)
            # A session whose request() is its own (a test double, a wrapper) is called as such.
            self._direct = type(session).request is requests.Session.request
            proxy = requests.utils.select_proxy(self.base_url, self._proxies)
            self._tracked = self._direct and _track(self._adapter) and not (proxy or "").lower().startswith("socks")
            self._urls: Dict[str, str] = {}
            self._prepared_cls = requests.PreparedRequest
            blank = requests.PreparedRequest().__dict__
            self._hook_events = tuple(blank.get("hooks") or ())
            self._blank = {k: v for k, v in blank.items() if k != "hooks"}
            self._s = session

    def close(self) -> None:
        if self._s is not None:
            self._s.close()
        elif self._given_session is not None:
            self._given_session.close()

    def _after_fork(self) -> None:
        """In a forked child: fresh pools (the parent's sockets are the parent's), a fresh lock."""
        self.settings.budget.after_fork()
        self._lock = threading.Lock()
        adapter = getattr(self, "_adapter", None)
        init = getattr(adapter, "init_poolmanager", None)
        if adapter is not None and init is not None:
            try:
                init(adapter._pool_connections, adapter._pool_maxsize, block=adapter._pool_block)
                adapter.proxy_manager = {}
                if self._tracked:
                    _track(adapter)
            except Exception:  # an adapter of the user's own making: leave it as it is
                log.debug("could not renew the connection pool after fork", exc_info=True)

    # -- one call

    def send(
        self,
        name: str,
        endpoint: "Endpoint",
        form: Dict[str, str],
        files: Optional[Dict[str, Any]],
        options: Mapping[str, Any],
    ) -> Tuple[Dict[str, Any], str, "requests.Response"]:
        """POST the form; return (decoded JSON object, body text, requests.Response)."""
        call = rules.Call(self.settings, name, endpoint, form, options)  # checks the per-call options
        if self._s is None:
            self._setup()
        debug = log.isEnabledFor(logging.DEBUG)
        if debug:
            log.debug("POST %s params=%s", endpoint.path, self.describe(endpoint, form, files))
        prepared = self._prepare(endpoint.path, form, files)
        http: Any = None
        try:
            while True:
                started = time.perf_counter() if debug else 0.0
                timeouts = call.next_attempt()
                slot = _Slot(call.deadline_at)
                failure: Optional[Failure] = None
                raised: Optional[HoiioException] = None
                http = None
                _local.slot = slot
                _watchdog.watch(slot)
                try:
                    http, body = self._attempt(prepared, form, files, timeouts, call)
                except HoiioException as exc:
                    raised = exc
                except Exception as exc:  # whatever requests, urllib3 or the socket raise
                    failure = self._failure(exc, slot, call)
                finally:
                    _watchdog.unwatch(slot)
                    _local.slot = None
                if slot.aborted and failure is None:  # cut at the deadline: whatever came is not the answer
                    raised = None
                    failure = Failure(f"no complete answer within the deadline of {call.settings.deadline:g} s", sent=slot.sent, timeout=True)
                if raised is not None:
                    raise raised
                if failure is not None:
                    self._sleep(call.failed(failure))
                    continue
                answer = call.answered(http.status_code, http.headers, body, http)
                if debug:
                    status = answer[0].get("status") if answer is not None else "(retrying)"
                    log.debug("POST %s -> HTTP %s %s in %.1f ms", endpoint.path, http.status_code, status, (time.perf_counter() - started) * 1000)
                if answer is None:
                    self._sleep(call.delay)
                    continue
                return answer[0], answer[1], http
        finally:
            if http is not None:
                http.request = self._scrubbed(prepared, call)

    def describe(self, endpoint: Any, form: Mapping[str, str], files: Optional[Mapping[str, Any]]) -> Dict[str, str]:
        """The parameters as the debug log shows them (see :func:`.rules.describe`)."""
        return rules.describe(endpoint, form, files, self.log_sensitive)

    def _scrubbed(self, prepared: Any, call: rules.Call) -> Any:
        """The request to hand out on ``res.response.request``: the one sent, without the token
        (a copy: an adapter that recorded the request keeps what was sent)."""
        body = prepared.body
        copy = object.__new__(type(prepared))
        copy.__dict__ = {**prepared.__dict__, "body": call.scrub_bytes(body) if isinstance(body, bytes) else call.scrub(body) if isinstance(body, str) else body}
        return copy

    def _prepare(self, path: str, form: Dict[str, str], files: Optional[Dict[str, Any]]) -> Any:
        url = self._urls.get(path)
        if url is None:
            blank = self._prepared_cls()
            blank.prepare_url(self.base_url + path, None)
            url = self._urls[path] = str(blank.url)
        headers = self._headers_cls.__new__(self._headers_cls)
        headers._store = self._headers._store.copy()  # CaseInsensitiveDict.copy(), without its detour
        # PreparedRequest.__init__'s attributes, set at once (its hooks: a new list per event)
        prepared = object.__new__(self._prepared_cls)
        prepared.__dict__ = {**self._blank, "method": "POST", "url": url, "headers": headers, "hooks": {e: [] for e in self._hook_events}}
        if files:
            del headers["Content-Type"]
            prepared.prepare_body(form, files)
        else:
            body = rules.encode_form(form)
            prepared.body = body
            headers["Content-Length"] = str(len(body))
        if self._auth is not None:
            prepared.prepare_auth(self._auth, url)
        cookies = self._s.cookies
        if getattr(cookies, "_cookies", True):  # a CookieJar's own store: bool(jar) would walk every cookie
            prepared.prepare_cookies(cookies)
        return prepared

    def _attempt(
        self, prepared: Any, form: Dict[str, str], files: Optional[Dict[str, Any]], timeouts: Tuple[float, float], call: rules.Call
    ) -> Tuple[Any, bytes]:
        if not self._direct:  # a session of the user's own: through its request(), never redirecting
            http = self._s.request(
                "POST", prepared.url, data=form, files=files, timeout=timeouts,
                proxies=self._proxies, verify=self._verify, cert=self._cert, allow_redirects=False, stream=True,
            )  # fmt: skip
        else:
            http = self._adapter.send(prepared, stream=True, timeout=timeouts, verify=self._verify, cert=self._cert, proxies=self._proxies)
        try:
            body = self._read(http, call)
        except BaseException:
            http.close()  # a body left unread must not go back to the pool
            raise
        hooks = self._s.hooks.get("response")
        if hooks:
            from requests.hooks import dispatch_hook

            http = dispatch_hook("response", self._s.hooks, http)  # type: ignore[no-untyped-call]
        return http, body

    def _read(self, http: Any, call: rules.Call) -> bytes:
        raw = http.raw
        if raw is None or not hasattr(raw, "read") or http._content is not False:  # already read (a test double)
            body = call.scrub_bytes(http.content or b"")
            http._content = body
            return body
        encoding, known = _framing(http.headers)
        if not encoding and known is not None and known > call.settings.max_response_size:
            raise call._error(f"the answer is larger than max_response_size ({call.settings.max_response_size} bytes)", sent=True)
        if not encoding and known is not None and known <= _CHUNK:  # the common case: a small answer of known length, in one read
            body = raw.read(known, decode_content=False) if known else b""
            if len(body) != known:  # cut short (by the watchdog, or the server)
                raise ConnectionError(f"the body ended after {len(body)} of {known} bytes")
        else:
            reader = call.reader(encoding)
            read = raw.read
            chunk = read(_CHUNK, decode_content=False)
            while chunk:
                reader.feed(chunk)
                if raw.closed or raw._fp is None:  # the whole body is in (http.client closed it)
                    break
                chunk = read(_CHUNK, decode_content=False)
            body = reader.finish()
        if getattr(raw, "_connection", None) is not None:  # (urllib3 gives it back as a body of known length ends)
            raw.release_conn()
        if call.secrets:
            body = call.scrub_bytes(body)
        http._content = body
        http._content_consumed = True
        return body

    def _failure(self, exc: Exception, slot: _Slot, call: rules.Call) -> Failure:
        """What an exception says about the attempt (only strings: the exception holds the
        request, token included, and is never chained to what the SDK raises)."""
        import socket

        import requests.exceptions as rex

        if self._tracked:  # nothing written, and a failure that can happen before writing
            sent = slot.sent or not isinstance(exc, (rex.ConnectionError, rex.ConnectTimeout)) or isinstance(exc, rex.ReadTimeout)
        else:
            sent = not _never_connected(exc)
        timeout = isinstance(exc, (rex.Timeout, socket.timeout))
        if slot.aborted or call.remaining() <= 0:
            return Failure(f"no complete answer within the deadline of {call.settings.deadline:g} s", sent=sent, timeout=True)
        if isinstance(exc, rex.ConnectTimeout) and not sent:
            reason = "the connection timed out"
        elif timeout or type(exc).__name__ == "ReadTimeoutError":
            reason, timeout = "no answer before the read timeout", True
        elif isinstance(exc, rex.SSLError) or "SSL" in type(exc).__name__:
            reason = "a TLS error after the request was sent" if sent else "the TLS handshake failed"
        elif isinstance(exc, rex.ConnectionError) or isinstance(exc, OSError):
            reason = "the connection broke" if sent else "the connection could not be made"
        else:
            reason = f"the answer could not be read ({rules.exception_detail(exc, call.scrub)})"
        return Failure(reason, sent=sent, timeout=timeout)


def _framing(headers: Any) -> Tuple[Optional[str], Optional[int]]:
    """An answer's Content-Encoding, and its Content-Length as a number (None when absent or
    not digits): from a CaseInsensitiveDict's own store when it has one (its ``get`` raises and
    catches a KeyError for each absent header)."""
    store = getattr(headers, "_store", None)
    if type(store) is OrderedDict:
        coding, length = store.get("content-encoding"), store.get("content-length")
        coding, length = coding and coding[1], length and length[1]
    else:
        coding, length = headers.get("content-encoding"), headers.get("content-length")
    return coding, (int(length) if length and length.isascii() and length.isdigit() else None)


def _never_connected(exc: BaseException) -> bool:
    """For an adapter whose connections are not tracked: the failures that can only happen
    before anything is written (DNS, a refused connection, a connect timeout)."""
    import requests.exceptions as rex

    if isinstance(exc, rex.ConnectTimeout):
        return True
    if isinstance(exc, (rex.ProxyError, rex.SSLError)):
        return False
    if isinstance(exc, rex.ConnectionError):
        reason: Any = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        return type(reason).__name__ in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError")
    return False
