"""HTTP over aiohttp for the async client: the I/O only, the rules are :mod:`.rules`' (the
sync Transport's too). ``pip install 'hoiio[async]'`` adds aiohttp; nothing else in hoiio
imports this module or aiohttp.

Every request goes through ``aiohttp.ClientSession``'s public API: the client's own session
(no cookie jar, the body decompressed here within the size cap, the environment's proxy and
credentials read once, as ``trust_env`` would read them) or an ``http_client`` of your own.
What is handed out is a :class:`.response.HTTPResponse`, the token scrubbed.

"May the request have left?": once the client's own connector (a ``TCPConnector`` whose
public ``connect`` marks the attempt in flight) has given the attempt a connection, new or
reused, it may have; a failure before that (name, connection, TLS handshake, a proxy's
CONNECT) sent nothing. On an ``http_client`` of your own only aiohttp's connector errors mean
"never sent". The deadline bounds each attempt as ``asyncio.timeout`` would, one timer per
event loop. A task cancelled during an attempt is never sent again; when its request may have
left, a warning says the outcome is unknown (and is noted on the CancelledError).
"""

from __future__ import annotations

import asyncio
import contextvars
import dataclasses
import datetime
import logging
import math
import os
import ssl
import time
import uuid
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import unquote, urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp

from ..exceptions import HoiioException, ValidationError
from . import rules
from .response import HTTPHeaders, HTTPRequest, HTTPResponse
from .rules import Failure

if TYPE_CHECKING:  # pragma: no cover
    from .params import Endpoint

log = logging.getLogger("hoiio")

#: the exceptions aiohttp raises only while it makes the connection: nothing was sent
_NOT_SENT: Tuple[type, ...] = (aiohttp.ClientConnectorError, aiohttp.ClientHttpProxyError, aiohttp.ConnectionTimeoutError)
#: the timeouts (a connect timeout is a ConnectionTimeoutError, a subclass)
_TIMEOUTS: Tuple[type, ...] = (aiohttp.ServerTimeoutError, asyncio.TimeoutError, TimeoutError)
#: aiohttp's parser refusing the answer's framing (a bad chunk size, conflicting lengths, ...)
_BAD_ANSWER: Tuple[type, ...] = (aiohttp.ClientResponseError, aiohttp.ClientPayloadError)


#: what every POST passes to aiohttp: no redirect followed, the body decompressed here (within
#: the size cap), the status read by the rules
_POST: Dict[str, Any] = {"allow_redirects": False, "auto_decompress": False, "raise_for_status": False}

#: the attempt in flight in this task, which the client's own connector marks once it has a connection
_IN_FLIGHT: "contextvars.ContextVar[Optional[_Attempt]]" = contextvars.ContextVar("hoiio_attempt", default=None)


class _MarkingConnector(aiohttp.TCPConnector):
    """aiohttp's TCP connector, which marks the attempt in flight (a context variable of the
    task that sends it) once ``connect`` has given it a connection, new or reused: from then on
    its request may have left. A failure inside ``connect`` (the name, the connection, the TLS
    handshake, a proxy's CONNECT) leaves it unmarked: nothing was sent."""

    async def connect(self, req: Any, traces: Any, timeout: Any) -> Any:
        connection = await super().connect(req, traces, timeout)
        attempt = _IN_FLIGHT.get()
        if attempt is not None:
            attempt.sent = True
        return connection

#: the sessions of forked parents: never closed nor collected in the child (their sockets and
#: the event loop's selector are the parent's)
_ORPHANS: List[Any] = []
_CLOSING: "set[asyncio.Task[Any]]" = set()


class _Deadlines:
    """The deadlines of the attempts in flight on one event loop, under one timer (set for the
    earliest) instead of one per attempt: the task of an attempt past its deadline is cancelled,
    and the attempt turns that CancelledError into a TimeoutError, as ``asyncio.timeout`` does."""

    __slots__ = ("loop", "active", "timer", "timer_at")

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.active: "set[_Attempt]" = set()
        self.timer: Optional[asyncio.TimerHandle] = None
        self.timer_at = math.inf

    def arm(self, at: float) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer, self.timer_at = self.loop.call_at(at, self._fire), at

    def _fire(self) -> None:
        self.timer, self.timer_at = None, math.inf
        now, earliest = self.loop.time(), math.inf
        for attempt in list(self.active):
            if attempt.at <= now:
                self.active.discard(attempt)
                attempt.expired = True
                attempt.task.cancel()
            elif attempt.at < earliest:
                earliest = attempt.at
        if earliest != math.inf:
            self.arm(earliest)


class _Attempt:
    """One attempt in flight: whether it got a connection (``sent``, marked by the client's
    own connector), and, as a ``with`` block around it, its deadline (see :class:`_Deadlines`)."""

    __slots__ = ("deadlines", "at", "task", "cancelling", "expired", "sent")

    def __init__(self, deadlines: _Deadlines, seconds: float) -> None:
        self.deadlines, self.at, self.expired, self.sent = deadlines, deadlines.loop.time() + seconds, False, False

    def __enter__(self) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.task, self.cancelling = task, task.cancelling()
        deadlines = self.deadlines
        deadlines.active.add(self)
        if self.at < deadlines.timer_at:  # (the calls of one client share a deadline length: seldom)
            deadlines.arm(self.at)

    def __exit__(self, kind: Any, exc: Any, tb: Any) -> None:
        self.deadlines.active.discard(self)
        if self.expired and self.task.uncancel() <= self.cancelling and kind is asyncio.CancelledError:
            raise TimeoutError from exc


class AsyncTransport:
    """Sends one endpoint's form with aiohttp and returns the decoded JSON object, retrying where
    it is safe: Transport's rules, awaited."""

    def __init__(
        self,
        base_url: str,
        settings: rules.Settings,
        *,
        client: Optional[aiohttp.ClientSession] = None,
        pool_size: int = 10,
        user_agent: str = "hoiio-python",
    ) -> None:
        self.base_url = base_url
        self.settings = settings
        self._sleep = asyncio.sleep
        self._pool_size = pool_size
        self._own = client is None
        self._session: Optional[aiohttp.ClientSession] = client
        self._loop: Any = None  # the event loop the own session belongs to
        self._pid = os.getpid()
        self._host = urlsplit(base_url).hostname or base_url
        self._headers = {
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": rules.ACCEPT_ENCODING,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self._timeouts: Dict[Tuple[float, float], aiohttp.ClientTimeout] = {}
        self._deadlines: Optional[_Deadlines] = None
        if client is None:
            self._environment()  # now: an unusable proxy is a ValidationError of the constructor
        else:
            self._proxied = client.trust_env and _proxy_for(base_url) is not None
            self._kwargs: Dict[str, Any] = dict(_POST)

    def _environment(self) -> None:
        """Read what the environment says for requests to base_url (the own session's proxy and
        credentials) into the request's keyword arguments and headers."""
        proxy, proxy_headers, extra = _environment(self.base_url)
        self._proxied = proxy is not None
        self._kwargs = dict(_POST, proxy=proxy, proxy_headers=proxy_headers)
        # Without a proxy, the fixed headers are the session's defaults (cheaper than merged per
        # request); through one, all go with each request: aiohttp adds a session's defaults
        # to the proxy's request too, and takes an Authorization among them for the proxy's.
        self._defaults: Optional[Dict[str, str]] = None if proxy else self._headers
        self._own_headers: Optional[Dict[str, str]] = dict(self._headers, **extra) if proxy else (extra or None)

    def session(self) -> aiohttp.ClientSession:
        """The aiohttp session: yours, or the client's own, made in the running event loop on
        first use (a new one in another event loop, and in a forked child)."""
        session = self._session
        if not self._own:
            assert session is not None
            return session
        loop = asyncio.get_running_loop()
        if session is None or loop is not self._loop or self._pid != os.getpid():
            if session is not None and self._pid != os.getpid():
                _ORPHANS.append(session)  # the parent's: leave its sockets alone
            elif session is not None and not session.closed:
                _close_elsewhere(session, self._loop)
            self._pid, self._loop = os.getpid(), loop
            self._environment()
            self._session = session = _own_session(self._pool_size, self.base_url.startswith("https:"), self._defaults)
        return session

    async def aclose(self) -> None:
        session = self._session
        if session is None or session.closed:
            return
        if self._own and self._pid != os.getpid():
            _ORPHANS.append(session)
        elif self._own and self._loop is not None and self._loop is not asyncio.get_running_loop() and self._loop.is_running():
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(session.close(), self._loop))
        else:
            await session.close()

    async def send(
        self,
        name: str,
        endpoint: "Endpoint",
        form: Dict[str, str],
        files: Optional[Dict[str, Any]],
        options: Mapping[str, Any],
        credentials: Tuple[str, str],
    ) -> Tuple[Dict[str, Any], str, HTTPResponse]:
        """POST the form with the credentials; return (decoded JSON object, body text,
        HTTPResponse)."""
        call = rules.Call(self.settings, name, endpoint, form, options, credentials)
        session = self.session()
        if session.closed:  # yours, closed: aiohttp would refuse it before sending anything
            raise rules.transport_error(name, "the http_client given to the AsyncClient is closed; nothing was sent", unknown=False, attempts=0, tag=call.tag)
        debug = log.isEnabledFor(logging.DEBUG)
        if debug:
            log.debug("POST %s params=%s", endpoint.path, rules.describe(endpoint, call.form, files, self.settings.log_sensitive))
        url = self.base_url + endpoint.path
        headers = self._own_headers if self._own else self._headers
        if files:
            body, content_type = _multipart(call.form, files)
            headers = dict(headers or {}, **{"Content-Type": content_type})
        else:
            body = call.body().encode("ascii")
        deadlines = self._deadlines
        if deadlines is None or deadlines.loop is not asyncio.get_running_loop():
            deadlines = self._deadlines = _Deadlines(asyncio.get_running_loop())
        while True:
            started = time.perf_counter()
            timeout = self._timeout(call.next_attempt())
            attempt = _Attempt(deadlines, max(call.remaining(), 0.001))
            failure: Optional[Failure] = None
            try:
                with attempt:
                    marked = _IN_FLIGHT.set(attempt)
                    try:
                        resp = await session.post(url, data=body, headers=headers, timeout=timeout, **self._kwargs)
                    finally:
                        _IN_FLIGHT.reset(marked)
                    attempt.sent = True  # an answer came: the request left
                    data = await self._read(resp, call)
            except asyncio.CancelledError as exc:  # (the deadline's is a TimeoutError by now)
                note = call.cancelled(attempt.sent or not self._own)
                if note:
                    exc.add_note(note)
                raise
            except HoiioException:
                raise
            except Exception as exc:  # whatever aiohttp or the socket raise
                failure = self._failure(exc, attempt, call)
            if failure is not None:  # (out of the except clause: the error must not chain aiohttp's, which holds the token)
                await self._sleep(call.failed(failure))
                continue
            http = _hand_out(resp, body, data, call, time.perf_counter() - started)
            answer = call.answered(http.status_code, http.headers, http.content, http)
            if debug:
                status = answer[0].get("status") if answer is not None else "(retrying)"
                log.debug("POST %s -> HTTP %s %s in %.1f ms", endpoint.path, http.status_code, status, (time.perf_counter() - started) * 1000)
            if answer is None:
                await self._sleep(call.delay)
                continue
            if call.rewritten is not None:  # the token came back escaped: the scrubbed body
                http = dataclasses.replace(http, content=call.rewritten)
            return answer[0], answer[1], http

    def _timeout(self, pair: Tuple[float, float]) -> aiohttp.ClientTimeout:
        """The aiohttp timeouts of an attempt: (connect, read), each made once (they are clipped
        to the deadline only near its end)."""
        timeout = self._timeouts.get(pair)
        if timeout is None:
            if len(self._timeouts) > 32:
                self._timeouts.clear()
            connect, read = pair
            timeout = self._timeouts[pair] = aiohttp.ClientTimeout(total=None, connect=connect, sock_connect=connect, sock_read=read)
        return timeout

    async def _read(self, resp: aiohttp.ClientResponse, call: rules.Call) -> bytes:
        """The answer's body, read (and decompressed) within the size cap; the connection goes
        back to the pool only once the body is read to its end."""
        try:
            reader = call.reader(resp.headers.get("Content-Encoding"), resp.headers.get("Content-Length"))
            content = resp.content
            while chunk := await content.readany():
                reader.feed(chunk)
            data = reader.finish()
        except BaseException:
            resp.close()  # never back to the pool with unread bytes
            raise
        resp.release()
        return data

    def _failure(self, exc: Exception, attempt: Any, call: rules.Call) -> Failure:
        """What an exception says about the attempt (only strings: never the exception itself)."""
        if self._own:
            sent = attempt.sent and not isinstance(exc, _NOT_SENT)
        else:  # no trace of ours on your session: only a connector error proves nothing left
            sent = not isinstance(exc, _NOT_SENT)
        if isinstance(exc, (TimeoutError, asyncio.TimeoutError)) and not isinstance(exc, aiohttp.ClientError):
            return Failure(f"no complete answer within the deadline of {call.settings.deadline:g} s", sent=sent, timeout=True)
        if sent and isinstance(exc, _BAD_ANSWER) and not isinstance(exc, aiohttp.ClientHttpProxyError):
            inner = rules.chain(exc)[-1]
            why = f"{type(inner).__name__}: {getattr(inner, 'message', None) or inner}"
            if isinstance(exc, aiohttp.ClientPayloadError) and "not completed" in str(exc).lower() and not _refused(exc):
                why = ""  # the connection closed before the end of the body: it broke
            if why:
                try:
                    setattr(exc, rules.REFUSED_ANSWER, rules.snippet(call.scrub(str(why)), 160))
                except AttributeError:  # pragma: no cover - an exception without a __dict__
                    pass
        return rules.failure(exc, sent=sent, host=self._host, timeout=isinstance(exc, _TIMEOUTS), proxy=self._proxied, call=call)


def _hand_out(resp: aiohttp.ClientResponse, body: bytes, data: bytes, call: rules.Call, elapsed: float) -> HTTPResponse:
    """What ``res.response`` is: the exchange as hoiio's own read-only record, the token
    scrubbed from the request's body and from everything the answer brought."""
    info = resp.request_info
    url = str(info.url)  # (the answer's URL: no redirect is followed)
    version = resp.version
    reason = resp.reason or ""
    if call.secrets:
        body, data, reason = call.scrub_bytes(body), call.scrub_bytes(data), call.scrub(reason)
    return HTTPResponse(
        resp.status, reason, _headers(resp.headers, call), url, data, HTTPRequest("POST", url, _headers(info.headers, call), body),
        datetime.timedelta(seconds=elapsed), "HTTP/1.1" if version == (1, 1) else f"HTTP/{version.major}.{version.minor}" if version is not None else "HTTP/1.1",
    )  # fmt: skip


def _headers(headers: Mapping[str, str], call: rules.Call) -> HTTPHeaders:
    """Headers as handed out: plain strings, the token scrubbed from every name and value (the
    pairs are looked through once, and scrubbed one by one only when the token is among them)."""
    pairs = tuple([(str(k), v) for k, v in headers.items()])  # (a multidict's items: repeated names kept, in order)
    if call.secrets:
        flat = "\n".join(map("\n".join, pairs))
        if any(secret in flat for secret in call.secrets):
            pairs = tuple((call.scrub(k), call.scrub(v)) for k, v in pairs)
    return HTTPHeaders._trusted(pairs)


def _refused(exc: BaseException) -> bool:
    """Whether a ClientPayloadError came from a refused framing (a bad chunk), not a cut-off."""
    return any(type(e).__name__ in ("TransferEncodingError", "ContentLengthError", "BadHttpMessage") and "not enough data" not in str(e).lower()
               for e in rules.chain(exc))  # fmt: skip


# ---- the client's own session and what the environment says ------------------------------------------


def _proxy_for(base_url: str) -> Optional[str]:
    """The proxy HTTP_PROXY or HTTPS_PROXY names for ``base_url``, unless NO_PROXY names its host."""
    parts = urlsplit(base_url)
    found = getproxies().get(parts.scheme)
    return found if found and not proxy_bypass(parts.hostname or "") else None


def _environment(base_url: str) -> Tuple[Optional[str], Optional[Dict[str, str]], Dict[str, str]]:
    """What the environment says for requests to ``base_url``, as aiohttp's ``trust_env`` reads
    it: the proxy; the proxy's credentials (in its URL, or .netrc) as the CONNECT's header
    (https) or the request's (http, forwarded); the server's credentials in .netrc as the
    request's Authorization header. A proxy aiohttp cannot use is a ValidationError."""
    parts = urlsplit(base_url)
    proxy: Optional[str] = None
    proxy_headers: Optional[Dict[str, str]] = None
    extra: Dict[str, str] = {}
    found = _proxy_for(base_url)
    if found:
        where = urlsplit(found if "://" in found else "http://" + found)
        if where.scheme != "http" or not where.hostname:
            raise ValidationError([f"the proxy from the environment cannot be used: {where.scheme}://{where.hostname or ''} "
                                   "(aiohttp takes an http:// proxy)"], "AsyncClient")  # fmt: skip
        proxy = f"http://{where.netloc.rpartition('@')[2]}"
        if where.username is not None:
            credentials: Optional[str] = _basic(unquote(where.username), unquote(where.password or ""))
        else:
            credentials = _netrc(where.hostname)
        if credentials and parts.scheme == "https":
            proxy_headers = {"Proxy-Authorization": credentials}
        elif credentials:
            extra["Proxy-Authorization"] = credentials
    server = _netrc(parts.hostname) if parts.hostname else None
    if server:
        extra["Authorization"] = server
    return proxy, proxy_headers, extra


def _basic(login: str, password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode("ascii")


def _netrc(host: str) -> Optional[str]:
    """The Basic credentials .netrc (or the file NETRC names) holds for ``host``, if any."""
    import netrc

    path = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    try:
        entry = netrc.netrc(path).authenticators(host) if os.path.isfile(path) else None
    except (OSError, netrc.NetrcParseError):
        return None
    if not entry:
        return None
    login, account, password = entry
    return _basic(login or account or "", password or "")


def _own_session(pool_size: int, tls: bool, headers: Optional[Dict[str, str]]) -> aiohttp.ClientSession:
    """The client's own session: at most ``pool_size`` connections, kept alive; no cookie jar;
    ``headers`` as its defaults; for an https base URL, the system's CAs as the environment names them now (SSL_CERT_FILE,
    SSL_CERT_DIR; loading them takes tens of milliseconds, so not for a plain-http one, which
    never makes a TLS connection: no redirect is followed and its proxy is http://)."""
    connector = _MarkingConnector(limit=pool_size, limit_per_host=0, ssl=ssl.create_default_context() if tls else True)
    return aiohttp.ClientSession(
        connector=connector, auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar(), headers=headers,
        timeout=aiohttp.ClientTimeout(total=None),
    )  # fmt: skip


def _close_elsewhere(session: aiohttp.ClientSession, loop: Any) -> None:
    """Close the session of another event loop: in that loop when it runs (in another thread),
    else in this one (its loop is closed or idle: its connections are closed at once)."""
    closing = session.close()
    try:
        if loop is not None and loop.is_running():
            asyncio.run_coroutine_threadsafe(closing, loop)
            return
        task = asyncio.get_running_loop().create_task(closing)
    except Exception:  # pragma: no cover - best effort
        closing.close()
        _ORPHANS.append(session)
        return
    _CLOSING.add(task)
    task.add_done_callback(_CLOSING.discard)


def _multipart(form: Mapping[str, str], files: Mapping[str, Any]) -> Tuple[bytes, str]:
    """A multipart/form-data body of the form's fields and the files ((name, data, type) each)."""
    boundary = uuid.uuid4().hex

    def quoted(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")

    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{quoted(k)}"\r\n\r\n'.encode() + v.encode() + b"\r\n" for k, v in form.items()]
    for key, (filename, data, kind) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{quoted(key)}"; filename="{quoted(filename)}"\r\nContent-Type: {kind}\r\n\r\n'
        parts.append(head.encode() + bytes(data) + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
