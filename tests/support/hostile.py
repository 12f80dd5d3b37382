"""A hostile HTTP server for the transport tests: a real socket on 127.0.0.1 (plain or TLS, with a
self-signed certificate made by the openssl CLI) that reads each request and then does whatever
the test scripted: a raw answer, a drip, a hang, a dropped connection, a corrupt TLS record.

    with Hostile(lambda req: Reply(b"HTTP/1.1 200 OK\\r\\n...")) as server:
        client = hoiio.Client("APP", TOKEN, base_url=server.base_url)
        ...
        assert len(server.requests) == 1

The script is a function of the parsed request (and its number) that returns an Action.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, List, Optional, Sequence, Tuple, Union


@dataclass
class Request:
    """One request as the server read it."""

    index: int
    method: str
    path: str
    headers: List[Tuple[str, str]]
    body: bytes
    peer_port: int

    def header(self, name: str) -> Optional[str]:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass
class Reply:
    """Write ``head`` at once, then ``data`` (in ``pieces`` separated by ``interval`` seconds,
    after ``delay``), then keep the connection for the next request or close it."""

    data: bytes
    head: bytes = b""
    delay: float = 0.0
    interval: float = 0.0
    pieces: int = 1
    close: bool = False


@dataclass
class Drop:
    """Read the request, then close without a byte of answer (after ``delay``)."""

    delay: float = 0.0


@dataclass
class Hang:
    """Read the request and never answer (until the client gives up or ``seconds`` pass)."""

    seconds: float = 30.0


@dataclass
class CorruptTLS:
    """Over TLS: read the request, then write garbage where the answer's TLS record should be."""

    garbage: bytes = b"\x17\x03\x03\x00\x10not-a-tls-record!"


Action = Union[Reply, Drop, Hang, CorruptTLS]
Script = Callable[[Request], Action]


def http_answer(
    body: Union[bytes, str] = b'{"status":"success_ok"}',
    status: str = "200 OK",
    headers: Sequence[Tuple[str, str]] = (("Content-Type", "application/json"),),
    length: bool = True,
) -> bytes:
    """A raw HTTP/1.1 answer."""
    data = body.encode() if isinstance(body, str) else body
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers]
    if length:
        lines.append(f"Content-Length: {len(data)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data


def ok(body: Union[bytes, str] = b'{"status":"success_ok","txn_ref":"AA-S-1"}', **kw: object) -> Reply:
    return Reply(http_answer(body), **kw)  # type: ignore[arg-type]


class Certificate:
    """A self-signed certificate for 127.0.0.1, made with the openssl command-line tool."""

    def __init__(self, directory: str) -> None:
        self.cert = os.path.join(directory, "cert.pem")
        self.key = os.path.join(directory, "key.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.key, "-out", self.cert,
             "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip

    @staticmethod
    def available() -> bool:
        return shutil.which("openssl") is not None


class Hostile:
    """The server. ``requests`` lists every request read; ``connections`` counts accepted sockets;
    ``failures`` says which requests the script had no answer for (it raised): such a request's
    connection is closed at once, and leaving the ``with`` block then fails the test, naming the
    requests (a stray from outside the test shows itself there)."""

    def __init__(self, script: Script, *, cert: Optional[Certificate] = None, handshake: str = "ok") -> None:
        self.script = script
        self.cert = cert
        self.handshake = handshake  # "ok", or "garbage": answer the ClientHello with junk
        self.requests: List[Request] = []
        self.failures: List[str] = []
        self.connections = 0
        self._lock = threading.Lock()
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._threads: List[threading.Thread] = []
        self._open: List[socket.socket] = []
        self._tls: Optional[ssl.SSLContext] = None
        if cert is not None:
            self._tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self._tls.load_cert_chain(cert.cert, cert.key)

    @property
    def base_url(self) -> str:
        return f"{'https' if self.cert else 'http'}://127.0.0.1:{self.port}/open/"

    def __enter__(self) -> "Hostile":
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, kind: object, exc: Optional[BaseException], tb: object) -> None:
        self.close()
        if self.failures:
            what = "the hostile server's script raised on: " + "; ".join(self.failures)
            if exc is None:
                raise AssertionError(what)
            exc.add_note(what)

    def close(self) -> None:
        self._stop.set()
        for conn in list(self._open):
            try:
                conn.close()
            except OSError:
                pass
        for thread in self._threads:
            thread.join(5)
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, addr = self._sock.accept()
            except (socket.timeout, OSError):
                continue
            with self._lock:
                self.connections += 1
                self._open.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn, addr[1]), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, raw: socket.socket, port: int) -> None:
        conn: socket.socket = raw
        try:
            raw.settimeout(10)
            if self._tls is not None:
                if self.handshake == "garbage":
                    raw.recv(4096)
                    raw.sendall(b"HTTP/1.1 400 this is not TLS\r\n\r\n")
                    return
                conn = self._tls.wrap_socket(raw, server_side=True)
                self._open.append(conn)
            reader = conn.makefile("rb")
            with reader:  # (a socket stays open while a file made from it is)
                while not self._stop.is_set():
                    request = self._read(reader, port)
                    if request is None:
                        return
                    try:
                        action = self.script(request)
                    except Exception as exc:
                        with self._lock:
                            self.failures.append(f"#{request.index} {request.method} {request.path} from port {port}, "
                                                 f"User-Agent {request.header('User-Agent')!r}: {exc!r}")  # fmt: skip
                        return
                    if not self._act(action, conn, raw):
                        return
        except (OSError, ssl.SSLError, ValueError):
            return
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def _read(self, reader: "socket.SocketIO", port: int) -> Optional[Request]:  # type: ignore[name-defined]
        line = reader.readline(65537)
        if not line:
            return None
        method, path, _ = line.decode("latin-1").split(" ", 2)
        headers: List[Tuple[str, str]] = []
        while True:
            h = reader.readline(65537)
            if h in (b"\r\n", b"\n", b""):
                break
            k, _, v = h.decode("latin-1").partition(":")
            headers.append((k.strip(), v.strip()))
        length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
        body = reader.read(length) if length else b""
        with self._lock:
            request = Request(len(self.requests), method, path, headers, body, port)
            self.requests.append(request)
        return request

    def _act(self, action: Action, conn: socket.socket, raw: socket.socket) -> bool:
        if isinstance(action, Drop):
            self._wait(action.delay)
            return False
        if isinstance(action, Hang):
            self._wait(action.seconds)
            return False
        if isinstance(action, CorruptTLS):
            dup = socket.socket(fileno=os.dup(raw.fileno()))
            try:
                dup.sendall(action.garbage)
            finally:
                dup.close()
            self._wait(1.0)
            return False
        if action.head:
            conn.sendall(action.head)
        self._wait(action.delay)
        data, pieces = action.data, max(1, action.pieces)
        step = max(1, -(-len(data) // pieces))
        for start in range(0, len(data), step):
            if self._stop.is_set():
                return False
            conn.sendall(data[start : start + step])
            if action.interval and start + step < len(data):
                self._wait(action.interval)
        return not action.close

    def _wait(self, seconds: float) -> None:
        self._stop.wait(seconds)


class ConnectProxy:
    """An HTTP proxy on 127.0.0.1 that serves CONNECT only: it tunnels to the host asked for, or,
    with ``refuse``, answers 403 and closes. ``tunnels`` lists the CONNECT targets."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.tunnels: List[str] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> "ConnectProxy":
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(5)
        self._sock.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (socket.timeout, OSError):
                continue
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                data = conn.recv(4096)
                if not data:
                    return
                head += data
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            verb, target, _ = line.split(" ", 2)
            self.tunnels.append(target)
            if verb != "CONNECT" or self.refuse:
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            host, _, port = target.rpartition(":")
            with socket.create_connection((host, int(port)), timeout=10) as upstream:
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                pipe = threading.Thread(target=self._pipe, args=(upstream, conn), daemon=True)
                pipe.start()
                self._pipe(conn, upstream)
                pipe.join(10)

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass


def refused_port() -> int:
    """A port on 127.0.0.1 where nothing listens."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def tempdir() -> str:
    return tempfile.mkdtemp(prefix="hoiio-hostile-")


def wait_until(predicate: Callable[[], bool], seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


__all__ = [
    "Certificate", "ConnectProxy", "CorruptTLS", "Drop", "Hang", "Hostile", "Reply", "Request", "http_answer", "ok", "refused_port",
    "tempdir", "wait_until",
]  # fmt: skip
