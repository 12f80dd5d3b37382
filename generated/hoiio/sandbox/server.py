"""Serving the sandbox: cheroot's thread-pooled WSGI server, in the foreground (``serve``, for the
command line) or in a background thread (``Sandbox``, for tests and demos).

    from hoiio.sandbox import Sandbox

    with Sandbox() as sb:                 # a free port on 127.0.0.1, an in-memory database
        client = sb.client()
        res = client.sms.send("hi", "+6591234567")
        sb.advance(10)                    # the SMS is delivered
        assert client.sms.status(res.txn_ref).sms_status == "delivered"
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Dict, Iterable, List, Optional

try:
    from cheroot import wsgi
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(f"the sandbox needs cheroot and werkzeug: pip install 'hoiio[sandbox]' ({exc})") from exc

from .app import SandboxApp
from .connection import Connection, Gateway
from .engine import Engine
from .guard import HostPolicy
from .remote import SandboxControl

log = logging.getLogger("hoiio.sandbox")

#: Worker threads serving requests (each open console event stream holds one while it lasts).
THREADS = 16


def public_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else "[::1]" if host == "::" else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


class SandboxServer:
    """The sandbox's HTTP server: cheroot's thread-pooled WSGI server around a SandboxApp.

    ``port`` is the port it listens on (the one picked when 0 was asked), ``engine`` the
    sandbox. ``serve_forever()`` serves until ``shutdown()``; ``server_close()`` frees the port.
    """

    def __init__(self, host: str, port: int, app: SandboxApp, *, threads: int = THREADS, verbose: bool = False) -> None:
        self.app = app
        self.engine = app.engine
        self.verbose = verbose
        self._server = wsgi.Server((host, port), _logged(app) if verbose else app, numthreads=threads, server_name="hoiio-sandbox")
        self._server.ConnectionClass = Connection  # cheroot's, with less work per request (connection.py)
        self._server.gateway = Gateway  # cheroot's WSGI 1.0 gateway, likewise
        self._server.timeout = 60  # seconds a connection may stay silent (mid-request, or idle between requests)
        # keep every idle keep-alive connection (cheroot closes those over 10 by default, which a
        # client reusing one at that moment sees as a broken connection: an unknown outcome)
        self._server.keep_alive_conn_limit = None  # type: ignore[assignment]
        self._server.shutdown_timeout = 2
        if not verbose:
            self._server.error_log = _quiet  # type: ignore[method-assign]
        self._server.prepare()  # binds now: a port in use fails here, with OSError
        self.host = host
        self.port = int(self._server.bind_addr[1])
        self._stopped = threading.Event()

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        try:
            self._server.serve()
        finally:
            self._stopped.set()

    def shutdown(self) -> None:
        self._server.stop()

    def server_close(self) -> None:
        if self._server.ready:
            self._server.stop()


def _logged(app: Any) -> Any:
    """``app``, logging each request's method, path (never the query string: credentials may be
    in it), status and time."""

    def logged(environ: Dict[str, Any], start_response: Any) -> Any:
        started = time.perf_counter()
        status: List[str] = []

        def respond(line: str, headers: Any, exc_info: Any = None) -> Any:
            status.append(line.split(" ", 1)[0])
            return start_response(line, headers, exc_info) if exc_info else start_response(line, headers)

        result = app(environ, respond)
        log.info("%s %s %s %.1f ms", environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"), status[0] if status else "-",
                 (time.perf_counter() - started) * 1e3)  # fmt: skip
        return result

    return logged


def _quiet(msg: str = "", level: int = 20, traceback: bool = False) -> None:
    log.debug("cheroot: %s", msg)


def make_sandbox_server(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    db: Optional[str] = None,
    app_id: Optional[str] = None,
    access_token: Optional[str] = None,
    freeze: bool = False,
    verbose: bool = False,
    allow_hosts: Optional[Iterable[str]] = None,
    notify_hosts: Optional[Iterable[str]] = None,
) -> SandboxServer:
    """A server for a new Engine (``server.engine``); port 0 picks a free one.

    ``allow_hosts``: more names the sandbox answers to (its Host header; guard.py).
    ``notify_hosts``: more hosts notifications may go to (notify.py DeliveryPolicy).
    """
    engine = Engine(db, app_id=app_id, access_token=access_token, freeze=freeze, notify_hosts=notify_hosts)
    try:
        server = SandboxServer(host, port, SandboxApp(engine, HostPolicy(host, allow_hosts)), verbose=verbose)
    except BaseException:
        engine.close()
        raise
    engine.public_url = public_url(host, server.port)
    return server


class Sandbox(SandboxControl):
    """A sandbox running in a background thread, with the control methods of SandboxControl.

    ``base_url`` is the API base URL to give the SDK, ``app_id`` and ``access_token`` the
    credentials it accepts, ``client()`` a ready hoiio.Client. ``freeze=True`` stops the clock
    (only ``advance`` moves it). ``db`` keeps the state in that SQLite file (one sandbox at a
    time: another on the same file refuses to start). ``allow_hosts``: more names it answers to
    (besides IP addresses and localhost); ``notify_hosts``: more hosts notifications may go to
    (besides loopback and private addresses; ``["*"]`` for anywhere).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        db: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        freeze: bool = False,
        verbose: bool = False,
        allow_hosts: Optional[Iterable[str]] = None,
        notify_hosts: Optional[Iterable[str]] = None,
    ) -> None:
        self._options = dict(host=host, port=port, db=db, app_id=app_id, access_token=access_token, freeze=freeze, verbose=verbose,
                             allow_hosts=allow_hosts, notify_hosts=notify_hosts)  # fmt: skip
        self._server: Optional[SandboxServer] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def engine(self) -> Engine:
        if self._server is None:
            raise RuntimeError("the sandbox is not running (use it as a context manager, or call start())")
        return self._server.engine

    def start(self) -> "Sandbox":
        if self._server is not None:
            return self
        server = make_sandbox_server(**self._options)  # type: ignore[arg-type]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="hoiio-sandbox", daemon=True)
        self._thread.start()
        engine = self.engine
        super().__init__(engine.public_url, app_id=engine.default_app_id, access_token=engine.default_access_token)
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        server.server_close()
        server.engine.close()
        self.close()

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"<Sandbox {where}>"
