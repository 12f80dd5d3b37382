"""Serving the sandbox: cheroot's thread-pooled WSGI server, in the foreground (``serve``, for the
command line) or in a background thread (``Sandbox``, for tests and demos).

    from hoiio.sandbox import Sandbox

    with Sandbox() as sb:                 # a free port on 127.0.0.1, an in-memory database
        client = sb.client()
        res = client.sms.send("hi", "+6591234567")
        sb.advance(10)                    # the SMS is delivered
        assert client.sms.status(res.txn_ref).sms_status == "delivered"

cheroot is used as it comes (its own connection, request and WSGI gateway), through its public
API only. One thing is added, through ``process_conn`` (where cheroot hands a connection with
something to read to a worker thread): a connection goes to a worker only once a whole request
head has arrived. A connection that sends nothing goes back to cheroot's selector (which closes
it after ``IDLE_TIMEOUT`` seconds) instead of holding a worker; one whose head is still coming
waits in ``HeadGate`` (one thread for all of them), which answers 408 and closes it when the
head is not whole within ``HEAD_TIMEOUT`` seconds. So idle and slow peers cannot take the
workers from everyone else. With TLS (``tls=``) the bytes cannot be looked at before they are
decrypted: a connection goes to a worker once anything is readable.
"""

from __future__ import annotations

import logging
import select
import shutil
import socket
import ssl
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

try:
    from cheroot import wsgi
    from cheroot.ssl.builtin import BuiltinSSLAdapter
except ImportError as exc:  # pragma: no cover - depends on the installation
    raise ImportError(f"the sandbox needs cheroot and werkzeug: pip install 'hoiio[sandbox]' ({exc})") from exc

from .app import SandboxApp
from .engine import Engine
from .guard import HostPolicy
from .remote import SandboxControl

log = logging.getLogger("hoiio.sandbox")

#: Worker threads serving requests (each open console event stream holds one while it lasts).
THREADS = 16
#: Seconds a connection may stay silent: idle between requests (in cheroot's selector), or
#: mid-body (in a worker).
IDLE_TIMEOUT = 60.0
#: Seconds a request head may take to arrive whole, from its first byte on (HeadGate).
HEAD_TIMEOUT = 10.0
#: Seconds a TLS handshake may take (TlsAdapter).
HANDSHAKE_TIMEOUT = 3.0
#: The listen backlog: connections the kernel completes before the server accepts them (a pool
#: of many connections opening at once is not kept waiting for a SYN retry).
BACKLOG = 1024
#: A head with no end within this many bytes goes to a worker as it is (cheroot answers it).
HEAD_PEEK = 65536


def _plain_answer(status: str, text: str) -> bytes:
    body = text.encode("ascii")
    head = f"HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    return head.encode("ascii") + body


_TIMEOUT_ANSWER = _plain_answer("408 Request Timeout", f"The request head did not arrive within {HEAD_TIMEOUT:g} seconds.")
_CONTINUATION_ANSWER = _plain_answer("400 Bad Request", "Illegal continuation line.")


def public_url(host: str, port: int, scheme: str = "http") -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else "[::1]" if host == "::" else f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return f"{scheme}://{shown}/" if port == default else f"{scheme}://{shown}:{port}/"


def _readable(sock: Any) -> bool:
    """Whether reading ``sock`` would not block (data, its end, or an error), without waiting."""
    try:
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):  # closed: a worker finds out
        return True


def _waiting(sock: socket.socket) -> Optional[bytes]:
    """What a plain socket has waiting to be read (b"" at its end or on an error), left there;
    None while nothing has arrived."""
    if not _readable(sock):
        return None
    try:
        return sock.recv(HEAD_PEEK, socket.MSG_PEEK)
    except (BlockingIOError, InterruptedError):
        return None
    except OSError:
        return b""


def _head_whole(data: bytes) -> bool:
    """Whether ``data`` (the start of a connection's next request) holds the request's whole head,
    or is something a worker must answer now (its end, a head too long, a bare-LF head)."""
    return not data or b"\r\n\r\n" in data or b"\n\n" in data or len(data) >= HEAD_PEEK


def _continued(data: bytes) -> bool:
    """A head whose first header line is a continuation line (no header before it to continue):
    cheroot fails on it with a 500; the sandbox answers 400."""
    lines = data.split(b"\n", 2)
    return len(lines) > 2 and lines[1][:1] in (b" ", b"\t")


def _answer_and_close(conn: Any, answer: bytes) -> None:
    sock = conn.socket
    try:
        sock.setblocking(False)
        sock.send(answer)
    except (OSError, ValueError):
        pass
    try:
        conn.close()
    except OSError:
        pass


class HeadGate:
    """Where connections whose request head is partly here wait, with no worker: checked every
    ``TICK`` seconds; a head now whole goes to a worker, one older than ``timeout`` is answered 408."""

    TICK = 0.05

    def __init__(self, server: "GatedServer", timeout: float) -> None:
        self.server = server
        self.timeout = timeout
        self._held: Dict[Any, float] = {}  # connection -> its deadline (monotonic)
        self._cond = threading.Condition()
        self._thread: Optional[threading.Thread] = None
        self._stopped = False

    def hold(self, conn: Any) -> None:
        with self._cond:
            if self._stopped:
                conn.close()
                return
            self._held[conn] = time.monotonic() + self.timeout
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="hoiio-sandbox-heads", daemon=True)
                self._thread.start()
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._held and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                held = list(self._held.items())
            now = time.monotonic()
            for conn, deadline in held:
                data = _waiting(conn.socket)
                whole = data is not None and _head_whole(data)
                if not whole and now < deadline:
                    continue
                with self._cond:
                    if self._held.pop(conn, None) is None:
                        continue
                if whole:
                    self.server.admit(conn, data or b"")
                else:
                    _answer_and_close(conn, _TIMEOUT_ANSWER)
            with self._cond:
                if not self._stopped:
                    self._cond.wait(self.TICK)

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            held, self._held = list(self._held), {}
            self._cond.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=5)
        for conn in held:
            try:
                conn.close()
            except OSError:
                pass


class SocketGateway(wsgi.Gateway_10):
    """cheroot's WSGI 1.0 gateway, with the request's socket in the environ
    (``hoiio.socket``): what the fault injection's dropped connection closes."""

    def get_environ(self) -> Dict[str, Any]:  # type: ignore[override]
        environ: Dict[str, Any] = super().get_environ()  # type: ignore[no-untyped-call]
        environ["hoiio.socket"] = self.req.conn.socket
        return environ


class GatedServer(wsgi.Server):
    """cheroot's WSGI server; a connection goes to a worker thread only once its request head is
    here (the module's docstring)."""

    def __init__(self, *args: Any, head_timeout: float = HEAD_TIMEOUT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gateway = SocketGateway
        self.gate = HeadGate(self, head_timeout)

    def process_conn(self, conn: Any) -> None:
        if conn.rfile.has_data():  # the next request (pipelined) is already read in
            self.admit(conn, None)
            return
        if self.ssl_adapter is not None:
            if conn.socket.pending() or _readable(conn.socket):
                self.admit(conn, None)
            else:
                super().put_conn(conn)
            return
        data = _waiting(conn.socket)
        if data is None:
            super().put_conn(conn)  # nothing yet: back to the selector, which hands it back when readable
        elif _head_whole(data):
            self.admit(conn, data)
        else:
            self.gate.hold(conn)

    def admit(self, conn: Any, head: Optional[bytes]) -> None:
        """Hand ``conn`` to a worker (``head``: the start of its request, where it was looked at)."""
        if head and _continued(head):
            _answer_and_close(conn, _CONTINUATION_ANSWER)
            return
        super().process_conn(conn)

    def stop(self) -> None:
        super().stop()
        self.gate.stop()


class TlsAdapter(BuiltinSSLAdapter):
    """cheroot's TLS adapter (the ssl module), with a short handshake: cheroot shakes hands in
    its selector thread, so a peer that connects and says nothing would hold every other
    connection up for the server's whole timeout; it is dropped after HANDSHAKE_TIMEOUT seconds."""

    def wrap(self, sock: Any) -> Any:
        sock.settimeout(HANDSHAKE_TIMEOUT)  # cheroot sets its own timeout again on the wrapped socket
        return super().wrap(sock)  # type: ignore[no-untyped-call]  # cheroot's stub leaves it untyped


def tls_adapter(certificate: str, private_key: str) -> Any:
    """The TLS adapter for this certificate chain and key (PEM files), TLS 1.2 at least."""
    adapter = TlsAdapter(certificate, private_key)
    adapter.context.minimum_version = ssl.TLSVersion.TLSv1_2
    return adapter


class SandboxServer:
    """The sandbox's HTTP server: cheroot's thread-pooled WSGI server around a SandboxApp.

    ``port`` is the port it listens on (the one picked when 0 was asked), ``engine`` the
    sandbox. ``serve_forever()`` serves until ``shutdown()``; ``server_close()`` frees the port.
    ``tls``: (certificate chain, private key) PEM files to serve https with (tls.py makes them).
    """

    def __init__(
        self,
        host: str,
        port: int,
        app: SandboxApp,
        *,
        threads: int = THREADS,
        verbose: bool = False,
        tls: Optional[Tuple[str, str]] = None,
    ) -> None:
        self.app = app
        self.engine = app.engine
        self.verbose = verbose
        self.scheme = "https" if tls else "http"
        self.ca_file: Optional[str] = None  # the CA certificate to trust, with tls (make_sandbox_server)
        self._server = GatedServer((host, port), _logged(app) if verbose else app, numthreads=threads, server_name="hoiio-sandbox")
        self._server.timeout = IDLE_TIMEOUT
        self._server.request_queue_size = BACKLOG
        # keep every idle keep-alive connection (cheroot closes those over 10 by default, which a
        # client reusing one at that moment sees as a broken connection: an unknown outcome)
        self._server.keep_alive_conn_limit = None  # type: ignore[assignment]
        self._server.shutdown_timeout = 2
        if tls:
            self._server.ssl_adapter = tls_adapter(*tls)
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
        self._server.gate.stop()


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
    tls: bool = False,
    ca_dir: Optional[str] = None,
) -> SandboxServer:
    """A server for a new Engine (``server.engine``); port 0 picks a free one.

    ``allow_hosts``: more names the sandbox answers to (its Host header; guard.py).
    ``notify_hosts``: more hosts notifications may go to (notify.py DeliveryPolicy).
    ``tls``: serve https with a certificate for secure.hoiio.com and the loopback names, from
    the local CA kept in ``ca_dir`` (default: tls.default_ca_dir()); ``server.ca_file`` is the
    CA certificate to trust. Raises tls.TlsError when the certificates cannot be made.
    """
    files = None
    workdir = None
    if tls:
        from .tls import server_files

        workdir = tempfile.mkdtemp(prefix="hoiio-sandbox-tls-")
        try:
            files = server_files(Path(ca_dir) if ca_dir else None, Path(workdir), addresses=[host])
        except BaseException:
            shutil.rmtree(workdir, ignore_errors=True)
            raise
    engine = Engine(db, app_id=app_id, access_token=access_token, freeze=freeze, notify_hosts=notify_hosts)
    try:
        hosts = HostPolicy(host, allow_hosts, tls=tls)
        server = SandboxServer(host, port, SandboxApp(engine, hosts), verbose=verbose,
                               tls=(files.certificate, files.private_key) if files else None)  # fmt: skip
    except BaseException:
        engine.close()
        raise
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)  # loaded: the key lives in memory only
    server.ca_file = files.ca if files else None
    engine.public_url = public_url(host, server.port, server.scheme)
    return server


class Sandbox(SandboxControl):
    """A sandbox running in a background thread, with the control methods of SandboxControl.

    ``base_url`` is the API base URL to give the SDK, ``app_id`` and ``access_token`` the
    credentials it accepts, ``client()`` a ready hoiio.Client. ``freeze=True`` stops the clock
    (only ``advance`` moves it). ``db`` keeps the state in that SQLite file (one sandbox at a
    time: another on the same file refuses to start). ``allow_hosts``: more names it answers to
    (besides IP addresses and localhost); ``notify_hosts``: more hosts notifications may go to
    (besides loopback and private addresses; ``["*"]`` for anywhere). ``tls=True`` serves https
    (make_sandbox_server; ``ca_file`` is then the CA certificate to trust).
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
        tls: bool = False,
        ca_dir: Optional[str] = None,
    ) -> None:
        self._options = dict(host=host, port=port, db=db, app_id=app_id, access_token=access_token, freeze=freeze, verbose=verbose,
                             allow_hosts=allow_hosts, notify_hosts=notify_hosts, tls=tls, ca_dir=ca_dir)  # fmt: skip
        self._server: Optional[SandboxServer] = None
        self._thread: Optional[threading.Thread] = None

    @property
    def engine(self) -> Engine:
        if self._server is None:
            raise RuntimeError("the sandbox is not running (use it as a context manager, or call start())")
        return self._server.engine

    @property
    def ca_file(self) -> Optional[str]:
        """The CA certificate to trust when serving https (tls=True), else None."""
        return self._server.ca_file if self._server is not None else None

    def start(self) -> "Sandbox":
        if self._server is not None:
            return self
        server = make_sandbox_server(**self._options)  # type: ignore[arg-type]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="hoiio-sandbox", daemon=True)
        self._thread.start()
        engine = self.engine
        super().__init__(engine.public_url, app_id=engine.default_app_id, access_token=engine.default_access_token)
        if server.ca_file:  # the control API over https: SandboxControl's session trusts the sandbox's CA
            self._http.verify = server.ca_file
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
