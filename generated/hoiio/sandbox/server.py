"""Serving the sandbox: a threaded werkzeug server, in the foreground (``serve``, for the
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
from typing import Any, Optional

try:
    from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(f"the sandbox needs werkzeug: pip install 'hoiio[sandbox]' ({exc})") from exc

from .app import SandboxApp
from .engine import Engine
from .remote import SandboxControl

log = logging.getLogger("hoiio.sandbox")


class _Handler(WSGIRequestHandler):
    """werkzeug's handler, logging requests only when the server is verbose."""

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        if getattr(self.server, "verbose", False):
            super().log_request(code, size)

    def log_error(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if getattr(self.server, "verbose", False):
            super().log_error(format, *args)


def public_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else "[::1]" if host == "::" else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def make_sandbox_server(
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    db: Optional[str] = None,
    app_id: Optional[str] = None,
    access_token: Optional[str] = None,
    freeze: bool = False,
    verbose: bool = False,
) -> BaseWSGIServer:
    """A threaded WSGI server for a new Engine (``server.engine``); port 0 picks a free one."""
    engine = Engine(db, app_id=app_id, access_token=access_token, freeze=freeze)
    try:
        server = make_server(host, port, SandboxApp(engine), threaded=True, request_handler=_Handler)
    except BaseException:
        engine.close()
        raise
    engine.public_url = public_url(host, server.port)
    server.verbose = verbose  # type: ignore[attr-defined]
    server.engine = engine  # type: ignore[attr-defined]
    return server


class Sandbox(SandboxControl):
    """A sandbox running in a background thread, with the control methods of SandboxControl.

    ``base_url`` is the API base URL to give the SDK, ``app_id`` and ``access_token`` the
    credentials it accepts, ``client()`` a ready hoiio.Client. ``freeze=True`` stops the clock
    (only ``advance`` moves it). ``db`` keeps the state in that SQLite file.
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
    ) -> None:
        self._options = dict(host=host, port=port, db=db, app_id=app_id, access_token=access_token, freeze=freeze, verbose=verbose)
        self._server: Optional[BaseWSGIServer] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def engine(self) -> Engine:
        if self._server is None:
            raise RuntimeError("the sandbox is not running (use it as a context manager, or call start())")
        engine: Engine = self._server.engine  # type: ignore[attr-defined]
        return engine

    def start(self) -> "Sandbox":
        if self._server is not None:
            return self
        server = make_sandbox_server(**self._options)  # type: ignore[arg-type]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="hoiio-sandbox", daemon=True)
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
        server.engine.close()  # type: ignore[attr-defined]
        self.close()

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def __repr__(self) -> str:
        where = self.url if self._server is not None else "stopped"
        return f"<Sandbox {where}>"
