"""cheroot's HTTP connection, with less work per request (server.py uses it): the same requests
read, the same answers written, by fewer Python calls, system calls and thread hand-offs.

- Reading: a line or a body already in the connection's buffer is taken from it in one slice
  (cheroot's reader, on the pure-Python ``_pyio``, takes a request line by line through several
  calls per line), a line into an empty buffer after the one read that _pyio's readline would
  make first; anything else goes through cheroot's own reader, unchanged.
- System calls: a socket with a timeout costs Python a ``poll()`` before each ``recv`` and
  ``send``; the socket's descriptor (non-blocking, as a timeout makes it) is read and written
  directly first, and only when it would block does the socket's own call (and its timeout) wait.
- Writing: a response with a Content-Length sends its header block with the body's first bytes,
  in one ``send`` instead of two; the Date header is made once a second.
- Headers: a request's header block already in the buffer whose every line is a plain
  ``Name: value`` is read in one pass (cheroot reads a line at a time through two readers);
  any other block, or one not all here yet, goes through cheroot's own header reader.
- The WSGI environ: the same dict as cheroot's WSGI 1.0 gateway builds, each header's environ
  key made once per header name instead of once per request.
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
import os
import re
import select
import socket
import sys
import time
from typing import Any, Dict, List, Optional, Tuple

from cheroot import makefile, server, wsgi

# cheroot's classes, as mypy sees them: partly typed, so taken as they are
_StreamReader: Any = makefile.StreamReader
_StreamWriter: Any = makefile.StreamWriter
_HTTPRequest: Any = server.HTTPRequest
_HTTPConnection: Any = server.HTTPConnection
_Gateway10: Any = wsgi.Gateway_10
_server: Any = server  # for what cheroot's stubs do not have

#: Seconds a worker waits on a kept-alive connection for its next request.
LINGER = 0.02


class RawSocket(socket.SocketIO):
    """A socket's raw stream that reads and writes its descriptor directly while that would not
    block; otherwise (and for anything but a plain socket) socket.SocketIO's way."""

    _timeout_occurred: bool  # socket.SocketIO's: a timed-out stream reads no more

    def __init__(self, sock: socket.socket, mode: Any) -> None:
        super().__init__(sock, mode)
        self._plain = sock
        # A plain socket's descriptor behaves as its recv/send would (blocking without a timeout,
        # EAGAIN with one, then the socket's own call waits, with the timeout); not TLS.
        self._direct = type(sock) is socket.socket

    def read(self, size: int = -1) -> Optional[bytes]:
        if self._direct and size >= 0 and not self._timeout_occurred and not self.closed:
            try:
                return os.read(self._plain.fileno(), size)
            except BlockingIOError:
                pass
        data: Optional[bytes] = super().read(size)
        return data

    def readinto(self, b: Any) -> Optional[int]:
        if self._direct and not self._timeout_occurred and not self.closed:
            try:
                return os.readv(self._plain.fileno(), [b])  # straight into the buffer
            except BlockingIOError:
                pass
        got: Optional[int] = super().readinto(b)
        return got

    def write(self, b: Any) -> Optional[int]:
        if self._direct and not self.closed:
            try:
                return os.write(self._plain.fileno(), b)
            except BlockingIOError:
                pass
        sent: Optional[int] = super().write(b)
        return sent


class Reader(_StreamReader):  # type: ignore[misc]
    """cheroot's socket reader; what is buffered already comes out in one slice."""

    _read_buf: bytes  # _pyio.BufferedReader's buffer, and where its unread part starts
    _read_pos: int

    def __init__(self, sock: Any, mode: str = "r", bufsize: int = io.DEFAULT_BUFFER_SIZE) -> None:
        super().__init__(sock, mode, bufsize)
        self._raw = RawSocket(sock, mode)

    def readline(self, size: Optional[int] = -1) -> bytes:
        for filled in (False, True):
            buf, pos = self._read_buf, self._read_pos
            end = buf.find(b"\n", pos) + 1
            if end and (size is None or size < 0 or end - pos <= size):
                self._read_pos = end
                self.bytes_read += end - pos
                return bytes(buf[pos:end])
            if filled or len(buf) > pos or size == 0:
                break
            self.peek(1)  # an empty buffer filled by one read, as _pyio's readline starts with
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

    def __init__(self, sock: Any, mode: str = "w", bufsize: int = io.DEFAULT_BUFFER_SIZE) -> None:
        super().__init__(sock, mode, bufsize)
        self._raw = RawSocket(sock, mode)

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


# A token, a colon, optional blanks, then a value that starts with a visible character (the
# blanks and the value cannot trade characters: linear time); printable ASCII and tabs only.
_PLAIN_FIELD = re.compile(rb"([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*((?:[!-~][\t -~]*)?)")
_COMMA_SEPARATED = frozenset(_server.comma_separated_headers)


class HeaderReader(_server.HeaderReader):  # type: ignore[misc]
    """cheroot's header reader; a header block already in the buffer whose every line is plain
    is read in one pass, into the same dict (names title-cased, values stripped, the headers
    cheroot folds folded with a comma); anything else is cheroot's own, line by line. A block
    that starts with a continuation line is a 400, not cheroot's 500."""

    def __call__(self, rfile: Any, hdict: Optional[Dict[bytes, bytes]] = None) -> Dict[bytes, bytes]:
        if hdict is None:
            hdict = {}
        reader = getattr(rfile, "rfile", None)
        if type(rfile) is _server.SizeCheckWrapper and type(reader) is Reader:
            buf, pos = reader._read_buf, reader._read_pos
            end = buf.find(b"\r\n\r\n", pos)
            size = end + 4 - pos
            limit = rfile.maxlen
            if end >= pos and not (limit and rfile.bytes_read + size > limit):
                match = _PLAIN_FIELD.fullmatch
                fields = [match(line) for line in buf[pos:end].split(b"\r\n")]
                if None not in fields:
                    reader._read_pos = end + 4
                    reader.bytes_read += size
                    rfile.bytes_read += size
                    for field in fields:
                        name, value = field.groups()  # type: ignore[union-attr]
                        key, value = name.title(), value.strip()
                        if key in _COMMA_SEPARATED:
                            existing = hdict.get(key)
                            if existing:
                                value = b", ".join((existing, value))
                        hdict[key] = value
                    return hdict
        try:
            headers: Dict[bytes, bytes] = super().__call__(rfile, hdict)
        except UnboundLocalError:  # cheroot's, on a continuation line with no header before it
            raise ValueError("Illegal continuation line.") from None
        return headers


class Request(_HTTPRequest):  # type: ignore[misc]
    header_reader = HeaderReader()

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


_ENV_KEYS: Dict[bytes, str] = {}  # header name -> its environ key (bounded: names are the client's)
_ENV_KEYS_MAX = 512


def _env_key(name: bytes) -> str:
    key = _ENV_KEYS.get(name)
    if key is None:
        key = "HTTP_" + name.decode("ISO-8859-1").upper().replace("-", "_")
        if len(_ENV_KEYS) < _ENV_KEYS_MAX:
            _ENV_KEYS[name] = key
    return key


class Gateway(_Gateway10):  # type: ignore[misc]
    """cheroot's WSGI 1.0 gateway; the environ of a TCP request without TLS built in fewer steps
    (anything else is cheroot's own)."""

    def get_environ(self) -> Dict[str, Any]:
        req = self.req
        conn = req.conn
        srv = req.server
        if isinstance(srv.bind_addr, str) or conn.ssl_env:
            env: Dict[str, Any] = super().get_environ()
            return env
        env = {
            "ACTUAL_SERVER_PROTOCOL": srv.protocol,
            "PATH_INFO": req.path.decode("ISO-8859-1"),
            "QUERY_STRING": req.qs.decode("ISO-8859-1"),
            "REMOTE_ADDR": conn.remote_addr or "",
            "REMOTE_PORT": str(conn.remote_port or ""),
            "REQUEST_METHOD": req.method.decode("ISO-8859-1"),
            "REQUEST_URI": req.uri.decode("ISO-8859-1"),
            "SCRIPT_NAME": "",
            "SERVER_NAME": srv.server_name,
            "SERVER_PROTOCOL": req.request_protocol.decode("ISO-8859-1"),
            "SERVER_SOFTWARE": srv.software,
            "wsgi.errors": sys.stderr,
            "wsgi.input": req.rfile,
            "wsgi.input_terminated": bool(req.chunked_read),
            "wsgi.multiprocess": False,
            "wsgi.multithread": True,
            "wsgi.run_once": False,
            "wsgi.url_scheme": req.scheme.decode("ISO-8859-1"),
            "wsgi.version": self.version,
            "SERVER_PORT": str(srv.bind_addr[1]),
        }
        for k, v in req.inheaders.items():
            env[_env_key(k)] = v.decode("ISO-8859-1")
        ct = env.pop("HTTP_CONTENT_TYPE", None)
        if ct is not None:
            env["CONTENT_TYPE"] = ct
        cl = env.pop("HTTP_CONTENT_LENGTH", None)
        if cl is not None:
            env["CONTENT_LENGTH"] = cl
        return env
