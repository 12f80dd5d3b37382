"""HTTP over aiohttp for the async client: the same rules as the sync Transport (they are in
:mod:`.rules`), only the I/O differs. ``pip install 'hoiio[async]'`` adds aiohttp; nothing else in
hoiio imports this module or aiohttp.

Every request goes through ``aiohttp.ClientSession``'s public API: the client's own session
(``auto_decompress=False``: the body is decompressed here, within the size cap; no cookie jar)
or an ``http_client`` of your own. The client's own session honours the environment as
``trust_env=True`` would (the proxy for the base URL from HTTP_PROXY/HTTPS_PROXY/NO_PROXY, its
credentials, .netrc), read once when the session is made and passed with each request:
``trust_env`` itself looks both up again on every request, through a worker thread each, which
more than doubles a call's CPU. The
answer's body is read from ``response.content`` as it arrives into :class:`.rules.BodyReader`,
and what is handed out is a :class:`.response.HTTPResponse`, the token scrubbed.

"May the request have left?" comes from aiohttp's trace signals, conservatively: once a
connection was obtained for the attempt (``on_connection_create_end``, ``on_connection_reuseconn``)
it may have; a failure before that (the name does not resolve, the connection is refused or
times out, the TLS handshake or a proxy's CONNECT fails) sent nothing. On an ``http_client`` of
your own, whose trace signals hoiio does not touch, the exception's type says the same: only
aiohttp's connector errors (raised while it makes the connection) mean "never sent". The
overall deadline is an asyncio timeout around each attempt. A task cancelled during an attempt
is never sent again: the CancelledError goes on, and when the request may have left, a warning
is logged (and noted on the exception) that the outcome is unknown.
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
import sys
import time
import uuid
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import unquote, urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp

from ..exceptions import HoiioException
from . import rules
from .response import HTTPHeaders, HTTPRequest, HTTPResponse
from .rules import Failure, RetryBudget, Timeout

if TYPE_CHECKING:  # pragma: no cover
    from .params import Endpoint

log = logging.getLogger("hoiio")

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
            self._handle = asyncio.get_running_loop().call_later(self._delay, self._expire, task)
            return self

        def _expire(self, task: "asyncio.Task[Any]") -> None:
            self._expired = True
            task.cancel()

        async def __aexit__(self, kind: Any, exc: Any, tb: Any) -> bool:
            self._handle.cancel()
            if self._expired and kind is asyncio.CancelledError:
                raise TimeoutError from None
            return False


#: the exceptions aiohttp raises only while it makes the connection: nothing was sent
_NOT_SENT: Tuple[type, ...] = (aiohttp.ClientConnectorError, aiohttp.ClientHttpProxyError, aiohttp.ConnectionTimeoutError)
#: the timeouts (a connect timeout is a ConnectionTimeoutError, a subclass)
_TIMEOUTS: Tuple[type, ...] = (aiohttp.ServerTimeoutError, asyncio.TimeoutError, TimeoutError)
#: aiohttp's parser refusing the answer's framing (a bad chunk size, conflicting lengths, ...)
_BAD_ANSWER: Tuple[type, ...] = (aiohttp.ClientResponseError, aiohttp.ClientPayloadError)


class _Progress:
    """Whether the attempt in flight got a connection (from aiohttp's trace signals)."""

    __slots__ = ("sent",)

    def __init__(self) -> None:
        self.sent = False


async def _connected(session: Any, context: Any, params: Any) -> None:
    progress = context.trace_request_ctx
    if isinstance(progress, _Progress):
        progress.sent = True


_TRACE: Optional[aiohttp.TraceConfig] = None


def _trace() -> aiohttp.TraceConfig:
    global _TRACE
    if _TRACE is None:
        config = aiohttp.TraceConfig()
        config.on_connection_create_end.append(_connected)
        config.on_connection_reuseconn.append(_connected)
        _TRACE = config
    return _TRACE


#: the sessions of forked parents: never closed nor collected in the child (their sockets and
#: the event loop's selector are the parent's)
_ORPHANS: List[Any] = []


class AsyncTransport:
    """Sends one endpoint's form with aiohttp and returns the decoded JSON object, retrying where
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
        auto_tag: bool = False,
        client: Optional[aiohttp.ClientSession] = None,
        deadline: Optional[float] = None,
        max_response_size: Optional[int] = None,
    ) -> None:
        self.base_url = base_url
        self.settings = rules.Settings(
            timeout=timeout, max_retries=max_retries, deadline=deadline, max_response_size=max_response_size,
            log_sensitive=log_sensitive, auto_tag=auto_tag,
        )  # fmt: skip
        self.log_sensitive = log_sensitive
        self._sleep = asyncio.sleep
        self._pool_size = pool_size
        self._own = client is None
        self._session: Optional[aiohttp.ClientSession] = client
        self._loop: Any = None  # the event loop the own session belongs to
        self._pid = os.getpid()
        self._host = urlsplit(base_url).hostname or base_url
        #: what the environment says for requests to base_url: (proxy, the CONNECT's headers, the request's headers)
        self._env: Tuple[Optional[str], Optional[Dict[str, str]], Dict[str, str]] = (None, None, {})
        if client is None:
            self._env = _environment(base_url)  # now: an unusable proxy is a ValidationError of the constructor
        self._proxied = self._env[0] is not None if client is None else client.trust_env and _proxy_in_env(base_url)
        self._headers = {
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": rules.ACCEPT_ENCODING,
            "Content-Type": "application/x-www-form-urlencoded",
        }
        self._timeouts: Dict[Tuple[float, float], aiohttp.ClientTimeout] = {}

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
            self._env = _environment(self.base_url)
            self._proxied = self._env[0] is not None
            self._session = session = _own_session(self._pool_size)
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
        if log.isEnabledFor(logging.DEBUG):
            log.debug("POST %s params=%s", endpoint.path, rules.describe(endpoint, call.form, files, self.log_sensitive))
        url = self.base_url + endpoint.path
        headers = self._headers
        if self._own and self._env[2]:  # credentials for the host or a forwarding proxy
            headers = dict(headers, **self._env[2])
        if files:
            body, content_type = _multipart(call.form, files)
            headers = dict(headers, **{"Content-Type": content_type})
        else:
            body = call.body().encode("ascii")
        while True:
            started = time.perf_counter()
            connect, read = call.next_attempt()
            progress = _Progress()
            failure: Optional[Failure] = None
            raised: Optional[HoiioException] = None
            http: Optional[HTTPResponse] = None
            try:
                async with _timeout_after(max(call.remaining(), 0.001)):
                    http = await self._attempt(session, url, headers, body, connect, read, progress, call)
            except HoiioException as exc:
                raised = exc
            except asyncio.CancelledError as exc:
                note = call.cancelled(progress.sent or not self._own)
                if note and hasattr(exc, "add_note"):
                    exc.add_note(note)
                raise
            except Exception as exc:  # whatever aiohttp or the socket raise
                failure = self._failure(exc, progress, call)
            if raised is not None:
                raise raised
            if failure is not None:
                await self._sleep(call.failed(failure))
                continue
            assert http is not None
            answer = call.answered(http.status_code, http.headers, http.content, http)
            if log.isEnabledFor(logging.DEBUG):
                status = answer[0].get("status") if answer is not None else "(retrying)"
                log.debug("POST %s -> HTTP %s %s in %.1f ms", endpoint.path, http.status_code, status, (time.perf_counter() - started) * 1000)
            if answer is None:
                await self._sleep(call.delay)
                continue
            if call.rewritten is not None:  # the token came back escaped: the scrubbed body
                http = HTTPResponse(http.status_code, http.reason, http.headers, http.url, call.rewritten, http.request, http.elapsed.total_seconds())
            return answer[0], answer[1], http

    async def _attempt(
        self, session: aiohttp.ClientSession, url: str, headers: Mapping[str, str], body: bytes,
        connect: float, read: float, progress: _Progress, call: rules.Call,
    ) -> HTTPResponse:  # fmt: skip
        """One attempt: the answer, its body read (and decompressed, within the size cap) and
        scrubbed."""
        timeout = self._timeouts.get((connect, read))
        if timeout is None:
            if len(self._timeouts) > 32:
                self._timeouts.clear()
            timeout = self._timeouts[(connect, read)] = aiohttp.ClientTimeout(total=None, connect=connect, sock_connect=connect, sock_read=read)
        started = time.perf_counter()
        if self._own:
            resp = await session.post(
                url, data=body, headers=headers, allow_redirects=False, auto_decompress=False, raise_for_status=False,
                timeout=timeout, trace_request_ctx=progress, proxy=self._env[0], proxy_headers=self._env[1],
            )  # fmt: skip
        else:
            resp = await session.post(
                url, data=body, headers=headers, allow_redirects=False, auto_decompress=False, raise_for_status=False,
                timeout=timeout, trace_request_ctx=progress,
            )  # fmt: skip
        complete = False
        try:
            progress.sent = True  # an answer came: the request left
            length = resp.headers.get("Content-Length")
            encoding = resp.headers.get("Content-Encoding")
            if not encoding and length and length.isdigit() and int(length) > call.settings.max_response_size:
                raise call._error(f"the answer is larger than max_response_size ({call.settings.max_response_size} bytes)", sent=True)
            reader = call.reader(encoding)
            content = resp.content
            while True:
                chunk = await content.readany()
                if not chunk:
                    break
                reader.feed(chunk)
            data = reader.finish()
            complete = True
        finally:
            if complete:
                resp.release()
            else:
                resp.close()  # never back to the pool with unread bytes
        scrub = call.scrub if call.secrets else None
        info = resp.request_info
        request = HTTPRequest(
            "POST", str(info.url), _headers(info.headers.items(), scrub), call.scrub_bytes(body) if scrub else body
        )
        version = resp.version
        return HTTPResponse(
            resp.status, scrub(resp.reason or "") if scrub else resp.reason or "", _headers(resp.headers.items(), scrub), str(resp.url),
            call.scrub_bytes(data) if scrub else data, request, time.perf_counter() - started,
            f"HTTP/{version.major}.{version.minor}" if version is not None else "HTTP/1.1",
        )  # fmt: skip

    def _failure(self, exc: Exception, progress: _Progress, call: rules.Call) -> Failure:
        """What an exception says about the attempt (only strings: never the exception itself)."""
        if self._own:
            sent = progress.sent and not isinstance(exc, _NOT_SENT)
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


def _refused(exc: BaseException) -> bool:
    """Whether a ClientPayloadError came from a refused framing (a bad chunk), not a cut-off."""
    return any(type(e).__name__ in ("TransferEncodingError", "ContentLengthError", "BadHttpMessage") and "not enough data" not in str(e).lower()
               for e in rules.chain(exc))  # fmt: skip


def _headers(items: Any, scrub: Any) -> HTTPHeaders:
    if scrub is None:
        return HTTPHeaders(list(items))
    return HTTPHeaders([(scrub(k), scrub(v)) for k, v in items])


def _environment(base_url: str) -> Tuple[Optional[str], Optional[Dict[str, str]], Dict[str, str]]:
    """What the environment says for requests to ``base_url``, as aiohttp's ``trust_env`` reads
    it: the proxy (HTTP_PROXY or HTTPS_PROXY, unless NO_PROXY names the host); the proxy's
    credentials (in its URL, or .netrc) as the CONNECT's header (https) or the request's (http,
    forwarded); the server's credentials in .netrc as the request's Authorization header. A
    proxy aiohttp cannot use is a ValidationError."""
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    proxy: Optional[str] = None
    proxy_headers: Optional[Dict[str, str]] = None
    extra: Dict[str, str] = {}
    found = getproxies().get(parts.scheme)
    if found and not proxy_bypass(host):
        where = urlsplit(found if "://" in found else "http://" + found)
        if where.scheme != "http" or not where.hostname:
            from ..exceptions import ValidationError

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
    server = _netrc(host) if host else None
    if server:
        extra["Authorization"] = server
    return proxy, proxy_headers, extra


def _basic(login: str, password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{login}:{password}".encode()).decode("ascii")


def _proxy_in_env(base_url: str) -> bool:
    parts = urlsplit(base_url)
    return bool(getproxies().get(parts.scheme)) and not proxy_bypass(parts.hostname or "")


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


def _own_session(pool_size: int) -> aiohttp.ClientSession:
    """The client's own session: at most ``pool_size`` connections, kept alive; the system's CAs
    as the environment names them now (SSL_CERT_FILE, SSL_CERT_DIR); no cookie jar."""
    connector = aiohttp.TCPConnector(limit=pool_size, limit_per_host=0, ssl=ssl.create_default_context())
    return aiohttp.ClientSession(
        connector=connector, auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar(),
        trace_configs=[_trace()], timeout=aiohttp.ClientTimeout(total=None),
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


_CLOSING: "set[asyncio.Task[Any]]" = set()


def _multipart(form: Mapping[str, str], files: Mapping[str, Any]) -> Tuple[bytes, str]:
    """A multipart/form-data body of the form's fields and the files ((name, data, type) each)."""
    boundary = uuid.uuid4().hex
    parts: List[bytes] = []

    def quoted(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")

    for key, value in form.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{quoted(key)}"\r\n\r\n'.encode() + value.encode() + b"\r\n")
    for key, (filename, data, kind) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{quoted(key)}"; filename="{quoted(filename)}"\r\nContent-Type: {kind}\r\n\r\n'
        parts.append(head.encode() + bytes(data) + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
