"""cheroot's HTTP connection, with less work per request (server.py uses it): the same requests
read, the same answers written, by fewer Python calls, system calls and thread hand-offs.

- Reading: a line or a body already in the connection's buffer is taken from it in one slice
  (cheroot's reader, on the pure-Python ``_pyio``, takes a request line by line through several
  calls per line); anything else goes through cheroot's own reader, unchanged.
- Writing: a response with a Content-Length sends its header block with the body's first bytes,
  in one ``send`` instead of two; the Date header is made once a second.
- Keep-alive: after a response, the worker thread waits a moment (``LINGER``) for the client's
  next request on the same connection and serves it at once, instead of handing the connection
  to cheroot's selector thread and the next request to another worker (two thread wake-ups per
  request). It does so only while no other connection waits for a worker and the server runs,
  so every connection is still served in turn, and an idle one goes back to the selector (and its
  60 s timeout) as before.
"""

from __future__ import annotations

import email.utils
import io
import select
import time
from typing import Any, List, Optional, Tuple

from cheroot import makefile, server

# cheroot's classes, as mypy sees them: partly typed, so taken as they are
_StreamReader: Any = makefile.StreamReader
_StreamWriter: Any = makefile.StreamWriter
_HTTPRequest: Any = server.HTTPRequest
_HTTPConnection: Any = server.HTTPConnection

#: Seconds a worker waits on a kept-alive connection for its next request.
LINGER = 0.02


class Reader(_StreamReader):  # type: ignore[misc]
    """cheroot's socket reader; what is buffered already comes out in one slice."""

    _read_buf: bytes  # _pyio.BufferedReader's buffer, and where its unread part starts
    _read_pos: int

    def readline(self, size: Optional[int] = -1) -> bytes:
        buf, pos = self._read_buf, self._read_pos
        end = buf.find(b"\n", pos) + 1
        if end and (size is None or size < 0 or end - pos <= size):
            self._read_pos = end
            self.bytes_read += end - pos
            return bytes(buf[pos:end])
        line: bytes = super().readline(size)
        return line

    def read(self, size: Optional[int] = None) -> bytes:
        if size is not None and size >= 0:
            buf, pos = self._read_buf, self._read_pos
            if len(buf) - pos >= size:
                self._read_pos = pos + size
                self.bytes_read += size
                return bytes(buf[pos : pos + size])
        data: bytes = super().read(size)
        return data


class Writer(_StreamWriter):  # type: ignore[misc]
    """cheroot's socket writer; a held header block goes out with the next write."""

    hold_next = False
    held: Optional[bytes] = None

    def write(self, b: Any) -> int:
        if self.hold_next:
            self.hold_next = False
            self.held = bytes(b)
            return len(b)
        held, self.held = self.held, None
        if held is not None:
            super().write(held + bytes(b))
            return len(b)
        written: int = super().write(b)
        return written

    def release(self) -> None:
        """Send a held header block (a response without a body)."""
        self.hold_next = False
        held, self.held = self.held, None
        if held is not None:
            super().write(held)


def make_file(sock: Any, mode: str = "r", bufsize: int = io.DEFAULT_BUFFER_SIZE) -> Any:
    return Reader(sock, mode, bufsize) if "r" in mode else Writer(sock, mode, bufsize)


_date: List[Any] = [None, b""]  # [the second, its Date header value]


def http_date() -> bytes:
    now = int(time.time())
    if _date[0] != now:
        _date[1] = email.utils.formatdate(now, usegmt=True).encode("ascii")
        _date[0] = now
    value: bytes = _date[1]
    return value


class Request(_HTTPRequest):  # type: ignore[misc]
    def send_headers(self) -> None:
        keys = {k.lower() for k, _ in self.outheaders}
        if b"date" not in keys:
            self.outheaders.append((b"Date", http_date()))
        wfile = self.conn.wfile
        if b"content-length" in keys and isinstance(wfile, Writer) and self.method != b"HEAD":
            wfile.hold_next = True  # the header block waits for the body's first bytes
        super().send_headers()

    def respond(self) -> None:
        try:
            super().respond()
        finally:
            wfile = self.conn.wfile
            if isinstance(wfile, Writer):
                wfile.release()


class Connection(_HTTPConnection):  # type: ignore[misc]
    RequestHandlerClass = Request

    def __init__(self, server_: Any, sock: Any, makefile_: Any = None) -> None:
        super().__init__(server_, sock, make_file)

    def communicate(self) -> bool:
        keep: bool = super().communicate()
        while keep and self._next_request_soon():
            keep = super().communicate()
        return keep

    def _next_request_soon(self) -> bool:
        """Whether the client's next request is here within LINGER seconds, and this worker may
        wait for it (the server runs, and no other connection waits for a worker)."""
        if self.rfile.has_data():
            return True
        srv = self.server
        if not srv.ready or srv.requests.qsize:
            return False
        try:
            readable: Tuple[List[Any], List[Any], List[Any]] = select.select([self.socket], [], [], LINGER)
        except (OSError, ValueError):  # closed, or a descriptor select() cannot watch
            return False
        return bool(readable[0])
