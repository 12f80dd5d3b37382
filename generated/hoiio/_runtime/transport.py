"""HTTP over requests: the sync client's transport, the I/O only; the rules are :mod:`.rules`'
(the AsyncTransport's too).

A request is prepared with the session's settings (the environment read once) and sent with
the session's adapter (``stream=True``: no redirect is followed); the body is read through
``Response.raw`` within the size cap. The adapter's connections (:func:`pool_classes`, a
proxy's pools included) record when a request starts to leave, so that a failure before that
provably sent nothing, and frame answers strictly (:mod:`.framing`); on an adapter of another
kind (your own, a SOCKS proxy) only a failure to open the connection means "nothing sent". A
watchdog thread cuts an attempt at the call's deadline; a forked child gets fresh pools.
requests is imported on first use, not by ``import hoiio``.
"""

from __future__ import annotations

import datetime
import functools
import io
import logging
import math
import os
import threading
import time
import weakref
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Tuple
from urllib.parse import urlsplit

from ..exceptions import HoiioException, ValidationError
from . import rules
from .rules import Failure

if TYPE_CHECKING:  # pragma: no cover
    import requests

    from .params import Endpoint

log = logging.getLogger("hoiio")

_CHUNK = 64 * 1024
_local = threading.local()
FORM = "application/x-www-form-urlencoded"


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
        self.reset()

    def reset(self) -> None:
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


@functools.cache
def pool_classes() -> Dict[str, Any]:
    """urllib3 pool classes (by scheme) whose connections record when a request starts to
    leave, and frame answers strictly."""
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    from .framing import StrictResponse

    class Tracked:
        """Records, in the calling thread's slot, the moment a request starts to leave."""

        sock: Any

        def request(self, *args: Any, **kwargs: Any) -> Any:
            slot: Optional[_Slot] = getattr(_local, "slot", None)
            if slot is not None:
                slot.conn = self
                if self.sock is None:
                    self.connect()  # type: ignore[attr-defined]  # what writing would do first; a failure here sent nothing
                slot.sent = True
            return super().request(*args, **kwargs)  # type: ignore[misc]

    class TrackedHTTPConnection(Tracked, HTTPConnection):
        response_class = StrictResponse

    class TrackedHTTPSConnection(Tracked, HTTPSConnection):
        response_class = StrictResponse

    class TrackedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = TrackedHTTPConnection

    class TrackedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = TrackedHTTPSConnection

    return {"http": TrackedHTTPConnectionPool, "https": TrackedHTTPSConnectionPool}


def _after_fork_in_child() -> None:
    _watchdog.reset()  # the parent's watchdog thread did not come along
    for transport in list(_transports):
        transport.after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class Transport:
    """Sends one endpoint's form and returns the decoded JSON object, retrying where it is safe."""

    def __init__(
        self,
        base_url: str,
        settings: rules.Settings,
        *,
        session: Optional["requests.Session"] = None,
        pool_size: int = 10,
        user_agent: str = "hoiio-python",
    ) -> None:
        self.base_url = base_url
        self.settings = settings
        self.host = urlsplit(base_url).netloc.rpartition("@")[2]
        self._sleep = time.sleep
        self._pool_size = pool_size
        self._user_agent = user_agent
        self._given_session = session
        self._s: Any = None
        self._lock = threading.Lock()
        _transports.add(self)

    @property
    def session(self) -> "requests.Session":
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
            from requests.adapters import HTTPAdapter
            from requests.structures import CaseInsensitiveDict
            from requests.utils import get_netrc_auth, prepend_scheme_if_needed, select_proxy

            session: Any = self._given_session
            if session is None:
                session = requests.Session()
                adapter = HTTPAdapter(pool_connections=1, pool_maxsize=self._pool_size)
                session.mount("https://", adapter)
                session.mount("http://", adapter)
            # requests reads proxies, the CA bundle and .netrc from the environment on every call
            # when trust_env is on; read them once here instead.
            settings = session.merge_environment_settings(self.base_url, {}, None, None, None)
            self._proxies: Dict[str, str] = dict(settings.get("proxies") or {})
            self._verify: Any = settings.get("verify", True)
            self._cert: Any = settings.get("cert")
            _check_files(self._verify, self._cert)
            auth = session.auth
            if auth is None and session.trust_env:
                auth = get_netrc_auth(self.base_url)
            self._auth: Any = auth
            headers = CaseInsensitiveDict(session.headers)
            headers["User-Agent"] = self._user_agent
            headers["Accept"] = "application/json"
            headers["Accept-Encoding"] = rules.ACCEPT_ENCODING
            self._headers: Any = headers
            self._adapter = session.get_adapter(self.base_url)
            # A session whose request() is its own (a test double, a wrapper) is called as such.
            self._direct = type(session).request is requests.Session.request
            proxy = select_proxy(self.base_url, self._proxies)
            self._proxy: Optional[str] = prepend_scheme_if_needed(proxy, "http") if proxy else None  # type: ignore[no-untyped-call]
            self._tracked = self._direct and type(self._adapter) is HTTPAdapter
            if self._tracked:
                self._adapter.poolmanager.pool_classes_by_scheme = pool_classes()
                if self._proxy and self._proxy.lower().startswith(("http:", "https:")):
                    self._adapter.proxy_manager_for(self._proxy).pool_classes_by_scheme = pool_classes()
                elif self._proxy:  # a SOCKS proxy: its own connection classes, not tracked
                    self._tracked = False
            self._urls: Dict[str, str] = {}
            self._s = session

    def close(self) -> None:
        if self._s is not None:
            self._s.close()
        elif self._given_session is not None:
            self._given_session.close()

    def after_fork(self) -> None:
        """In a forked child: fresh pools (the parent's sockets are the parent's), a fresh lock."""
        self.settings.budget.after_fork()
        self._lock = threading.Lock()
        if self._s is not None:
            try:
                self._s.close()  # the pools empty (the parent's sockets are closed in this process only)
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
        credentials: Tuple[str, str],
    ) -> Tuple[Dict[str, Any], str, "requests.Response"]:
        """POST the form with the credentials; return (decoded JSON object, body text,
        requests.Response)."""
        call = rules.Call(self.settings, name, endpoint, form, options, credentials)
        if self._s is None:
            self._setup()
        debug = log.isEnabledFor(logging.DEBUG)
        if debug:
            log.debug("POST %s params=%s", endpoint.path, rules.describe(endpoint, call.form, files, self.settings.log_sensitive))
        prepared = self._prepare(endpoint.path, call, files)
        while True:
            started = time.perf_counter()
            timeouts = call.next_attempt()
            slot = _Slot(call.deadline_at)
            failure: Optional[Failure] = None
            _local.slot = slot
            _watchdog.watch(slot)
            try:
                http, body = self._attempt(prepared, call, files, timeouts)
            except HoiioException:
                if not slot.aborted:
                    raise
            except Exception as exc:  # whatever requests, urllib3 or the socket raise
                failure = self._failure(exc, slot, call)
            finally:
                _watchdog.unwatch(slot)
                _local.slot = None
            if slot.aborted and failure is None:  # cut at the deadline: whatever came is not the answer
                failure = Failure(call.late(), sent=slot.sent, timeout=True)
            if failure is not None:
                self._sleep(call.failed(failure))
                continue
            http = self._hand_out(http, body, call, started)
            if self._s.hooks.get("response"):  # the session's response hooks see the answer first
                from requests.hooks import dispatch_hook

                http = dispatch_hook("response", self._s.hooks, http)  # type: ignore[no-untyped-call]
            answer = call.answered(http.status_code, http.headers, body, http)
            if call.rewritten is not None:  # the token came back escaped: the scrubbed answer
                http = self._hand_out(http, call.rewritten, call, started, fresh=True)
            if debug:
                status = answer[0].get("status") if answer is not None else "(retrying)"
                log.debug("POST %s -> HTTP %s %s in %.1f ms", endpoint.path, http.status_code, status, (time.perf_counter() - started) * 1000)
            if answer is None:
                self._sleep(call.delay)
                continue
            return answer[0], answer[1], http

    def _scrubbed(self, prepared: Any, call: rules.Call) -> Any:
        """The request to hand out on ``res.response.request``: the one sent, without the token
        (a new one: an adapter that recorded the request keeps what was sent)."""
        import requests

        body = prepared.body
        out = requests.PreparedRequest()
        out.method, out.url, out.headers, out.hooks = prepared.method, prepared.url, prepared.headers.copy(), prepared.hooks
        out.body = call.scrub_bytes(body) if isinstance(body, bytes) else call.scrub(body) if isinstance(body, str) else body
        return out

    def _prepare(self, path: str, call: rules.Call, files: Optional[Dict[str, Any]]) -> Any:
        """The request: the endpoint's URL and the headers (both worked out once), its body,
        the session's auth and cookies."""
        import requests

        url = self._urls.get(path)
        if url is None:
            template = requests.PreparedRequest()
            template.prepare_url(self.base_url + path, None)
            url = self._urls[path] = str(template.url)
        prepared = requests.PreparedRequest()
        prepared.method, prepared.url, prepared.headers = "POST", url, self._headers.copy()
        prepared.hooks = self._s.hooks
        if files:
            prepared.prepare_body(call.form, files)  # multipart: its own Content-Type
        else:
            prepared.headers["Content-Type"] = FORM
            prepared.prepare_body(call.body(), None)
        if self._auth is not None:
            prepared.prepare_auth(self._auth, url)
        if len(self._s.cookies):
            prepared.prepare_cookies(self._s.cookies)
        return prepared

    def _attempt(self, prepared: Any, call: rules.Call, files: Optional[Dict[str, Any]], timeouts: Tuple[float, float]) -> Tuple[Any, bytes]:
        if not self._direct:  # a session of the user's own: through its request(), never redirecting
            http = self._s.request(
                "POST", prepared.url, data=call.form, files=files, timeout=timeouts,
                proxies=self._proxies, verify=self._verify, cert=self._cert, allow_redirects=False, stream=True,
            )  # fmt: skip
        else:
            http = self._adapter.send(prepared, stream=True, timeout=timeouts, verify=self._verify, cert=self._cert, proxies=self._proxies)
        try:
            body = self._read(http, call)
        except BaseException:
            http.close()  # a body left unread must not go back to the pool
            raise
        return http, body

    def _read(self, http: Any, call: rules.Call) -> bytes:
        """The whole body, read in chunks within the size cap (the watchdog keeps the deadline);
        the connection goes back to the pool only once the body is read to its end."""
        raw = http.raw
        if raw is None:  # a test double's response, its body in memory already
            reader = call.reader(None)
            reader.feed(http.content or b"")
            return call.scrub_bytes(reader.finish())
        length = http.headers.get("Content-Length")
        reader = call.reader(http.headers.get("Content-Encoding"), length)
        known = int(length) if length and length.isascii() and length.isdigit() else None
        got = 0
        while chunk := raw.read(_CHUNK, decode_content=False):
            got += len(chunk)
            reader.feed(chunk)
        if known is not None and got != known:  # cut short (by the watchdog, or the server)
            raise ConnectionError(f"the body ended after {got} of {known} bytes")
        body = reader.finish()
        release = getattr(raw, "release_conn", None)
        if release is not None:
            release()
        return call.scrub_bytes(body) if call.secrets else body

    def _hand_out(self, http: Any, body: bytes, call: rules.Call, started: float, fresh: bool = False) -> Any:
        """What ``res.response`` is: the adapter's ``requests.Response`` (or, ``fresh``, a new one
        like it), its body ``body`` readable through requests' own path (``content``, ``text``,
        ``json()``), and no token in it, its reason, headers, cookies or request."""
        import requests

        secrets = call.secrets
        out = http
        if fresh or http.raw is None:  # (a test double's answer has its body in memory already)
            out = requests.Response()
            out.status_code, out.reason, out.headers, out.url = http.status_code, http.reason, http.headers, http.url
            out.encoding, out.cookies = http.encoding, http.cookies
            out.connection = getattr(http, "connection", None)  # type: ignore[assignment]
        out.raw = io.BytesIO(body)
        out.content  # read in now, through requests' own path  # noqa: B018
        out.elapsed = datetime.timedelta(seconds=time.perf_counter() - started)
        if out.reason and any(s in out.reason for s in secrets):
            out.reason = call.scrub(out.reason)
        if any(s in k or s in v for k, v in out.headers.items() for s in secrets):
            from requests.structures import CaseInsensitiveDict

            out.headers = CaseInsensitiveDict({call.scrub(k): call.scrub(v) for k, v in out.headers.items()})
        if any(s in (c.name or "") or s in (c.value or "") for c in out.cookies for s in secrets):
            jar = requests.cookies.RequestsCookieJar()
            for cookie in out.cookies:
                cookie.name, cookie.value = call.scrub(cookie.name or ""), call.scrub(cookie.value or "")
                jar.set_cookie(cookie)
            out.cookies = jar
        if not fresh and self._direct and len(out.cookies):
            self._s.cookies.update(out.cookies)
        out.request = self._scrubbed(http.request, call) if http.request is not None else None
        return out

    def _failure(self, exc: Exception, slot: _Slot, call: rules.Call) -> Failure:
        """What an exception says about the attempt (only strings: the exception holds the
        request, token included, and is never chained to what the SDK raises)."""
        import socket

        import requests.exceptions as rex
        from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError

        causes = rules.chain(exc)
        if self._tracked:  # (a read timeout means it was sent, even from an adapter's stand-in)
            sent = slot.sent or any(isinstance(e, (rex.ReadTimeout, ReadTimeoutError)) for e in causes)
        else:  # only a connection that could not be opened provably sent nothing
            sent = not any(isinstance(e, (NewConnectionError, ConnectTimeoutError, rex.ConnectTimeout)) for e in causes)
        if slot.aborted or call.remaining() <= 0:
            return Failure(call.late(), sent=sent, timeout=True)
        # (urllib3's NewConnectionError is a ConnectTimeoutError: a refused connection is not a timeout)
        timeout = any(
            isinstance(e, (rex.Timeout, socket.timeout, ReadTimeoutError)) or (isinstance(e, ConnectTimeoutError) and not isinstance(e, NewConnectionError))
            for e in causes
        )
        return rules.failure(exc, sent=sent, host=self.host, timeout=timeout, proxy=self._proxy is not None, call=call)


def _check_files(verify: Any, cert: Any) -> None:
    """A CA bundle or client certificate that names no file is a setting's mistake: a
    ValidationError before anything is sent (requests would fail the connection)."""
    problems = []
    if isinstance(verify, str) and not os.path.exists(verify):
        problems.append(
            f"verify: the CA bundle {verify!r} does not exist (from session.verify, REQUESTS_CA_BUNDLE or CURL_CA_BUNDLE); "
            "expected a certificate file or directory"
        )
    for path in (cert if isinstance(cert, (tuple, list)) else (cert,)) if cert else ():
        if isinstance(path, str) and not os.path.isfile(path):
            problems.append(f"cert: the client certificate file {path!r} does not exist")
    if problems:
        raise ValidationError(problems, "Client")
