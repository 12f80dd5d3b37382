"""A small local HTTP server that records the notifications it receives, for demos and tests
(standard library only).

    from hoiio.sandbox.receiver import Receiver

    with Receiver() as rx:
        client.sms.send("hi", "+6591234567", notify_url=rx.url("/sms"))
        sandbox.advance(10)
        got = rx.wait_for(1, path="/sms")[0]
        assert got.verify(access_token) and got.note.sms_status == "delivered"

Every request is answered 200, except paths given in ``fail`` (answered 500).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Set
from urllib.parse import parse_qsl, urlsplit

from .. import notifications
from .._generated.facts import SIGNATURE_HEADER


@dataclass
class Received:
    """One request the receiver got."""

    path: str
    query: str
    headers: Dict[str, str]
    body: bytes
    at: float = field(default_factory=time.time)

    @property
    def signature(self) -> Optional[str]:
        return self.headers.get(SIGNATURE_HEADER.lower())

    @property
    def fields(self) -> Dict[str, str]:
        """The form fields of the body (and the query string)."""
        merged = dict(parse_qsl(self.query, keep_blank_values=True))
        merged.update(parse_qsl(self.body.decode("utf-8", errors="replace"), keep_blank_values=True))
        return merged

    @property
    def note(self) -> Any:
        """The typed notification (hoiio.notifications), signature not checked."""
        return notifications.parse(self.body, query_string=self.query, content_type=self.headers.get("content-type", ""))

    def verify(self, access_token: str) -> bool:
        """Whether X-Hoiio-Signature is the HMAC-SHA256 of the body with this token."""
        return notifications.verify_signature(self.body, self.signature, access_token)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        self.server.owner._record(Received(parts.path, parts.query, {k.lower(): v for k, v in self.headers.items()}, body))
        code = 500 if parts.path in self.server.owner.fail else 200
        payload = b"ok" if code == 200 else b"failing on purpose"
        self.send_response(code)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "Receiver"


class Receiver:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.fail: Set[str] = set()
        self.received: List[Received] = []
        self._cond = threading.Condition()
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None

    def start(self) -> "Receiver":
        server = _Server((self.host, self.port), _Handler)
        server.owner = self
        self._server = server
        self.port = server.server_address[1]
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="hoiio-receiver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "Receiver":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}/{path.lstrip('/')}"

    def _record(self, item: Received) -> None:
        with self._cond:
            self.received.append(item)
            self._cond.notify_all()

    def at(self, path: str) -> List[Received]:
        with self._cond:
            return [r for r in self.received if r.path == "/" + path.lstrip("/")]

    def wait_for(self, count: int = 1, path: Optional[str] = None, timeout: float = 5.0) -> List[Received]:
        """The requests (to ``path``, if given) once there are ``count``; TimeoutError if not."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                got = [r for r in self.received if path is None or r.path == "/" + path.lstrip("/")]
                if len(got) >= count:
                    return got
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(got)} of {count} notifications arrived{' at ' + path if path else ''}")
                self._cond.wait(left)
