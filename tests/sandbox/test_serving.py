"""The sandbox's HTTP connection (hoiio/sandbox/connection.py), over real sockets: requests read
from the buffer or the socket alike (pipelined, long header lines, big bodies), responses whole
(headers with the body, or alone), the socket read and written directly only while that would not
block (a stalled request still times out), a worker that waits on a kept-alive connection never keeps
another connection waiting, idle connections and shutdown as before."""

from __future__ import annotations

import email.utils
import io
import socket
import threading
import time
from typing import Any, Dict, Iterator, List, Tuple
from urllib.parse import urlencode

import pytest
from cheroot import makefile, wsgi
from hoiio.sandbox import connection
from hoiio.sandbox.connection import LINGER, Connection, Gateway
from hoiio.sandbox.server import Sandbox
from hypothesis import given, settings
from hypothesis import strategies as st


def echo(environ: Dict[str, Any], start_response: Any) -> List[bytes]:
    """Answers the body's length and the X-Long header's, or (path /empty) an empty body."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    if environ["PATH_INFO"] == "/empty":
        start_response("200 OK", [("Content-Length", "0")])
        return []
    if environ["PATH_INFO"] == "/slow":
        time.sleep(0.2)
    out = f"{environ['PATH_INFO']} {len(body)} {len(environ.get('HTTP_X_LONG', ''))}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(out)))])
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [out]


@pytest.fixture
def server(request: Any) -> Iterator[Tuple[wsgi.Server, int]]:
    threads = getattr(request, "param", 4)
    srv = wsgi.Server(("127.0.0.1", 0), echo, numthreads=threads)
    srv.ConnectionClass = Connection
    srv.keep_alive_conn_limit = None
    srv.prepare()
    thread = threading.Thread(target=srv.serve, daemon=True)
    thread.start()
    yield srv, int(srv.bind_addr[1])
    srv.stop()
    thread.join(timeout=5)


def request(path: str, body: bytes = b"", headers: str = "", method: str = "POST") -> bytes:
    return (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n{headers}\r\n").encode() + body


def read_response(sock: socket.socket, buf: bytearray, head: bool = False) -> Tuple[Dict[str, str], bytes]:
    """One response from ``sock`` (``buf`` holds what was read past the previous one)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        assert chunk, "the connection closed before a response"
        buf += chunk
    end = buf.index(b"\r\n\r\n")
    lines = buf[:end].decode("latin-1").split("\r\n")
    assert lines[0].startswith("HTTP/1.1 200"), lines[0]
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    del buf[: end + 4]
    size = 0 if head else int(headers["content-length"])
    while len(buf) < size:
        chunk = sock.recv(65536)
        assert chunk, "the connection closed mid-body"
        buf += chunk
    body = bytes(buf[:size])
    del buf[:size]
    return headers, body


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def test_pipelined_requests_are_each_answered_in_order(server: Any) -> None:
    _, port = server
    with connect(port) as sock:
        sock.sendall(b"".join(request(f"/{i}", b"x" * i) for i in range(1, 6)))  # five requests in one segment
        buf = bytearray()
        answers = [read_response(sock, buf)[1] for _ in range(5)]
    assert answers == [f"/{i} {i} 0".encode() for i in range(1, 6)]


def test_long_header_lines_and_big_bodies_come_through_whole(server: Any) -> None:
    _, port = server
    body = b"a=" + b"z" * 300_000  # many times the read buffer
    with connect(port) as sock:
        buf = bytearray()
        sock.sendall(request("/big", body, headers=f"X-Long: {'y' * 3000}\r\n"))
        assert read_response(sock, buf)[1] == f"/big {len(body)} 3000".encode()
        for size in (0, 1, 8191, 8192, 8193):  # then the same connection goes on
            sock.sendall(request("/again", b"b" * size))
            assert read_response(sock, buf)[1] == f"/again {size} 0".encode()


def test_responses_with_and_without_a_body(server: Any) -> None:
    _, port = server
    with connect(port) as sock:
        buf = bytearray()
        sock.sendall(request("/empty"))
        headers, body = read_response(sock, buf)
        assert (headers["content-length"], body) == ("0", b"")
        sock.sendall(request("/head", method="HEAD"))
        headers, body = read_response(sock, buf, head=True)
        assert body == b""
        sock.sendall(request("/after"))
        headers, body = read_response(sock, buf)  # nothing was left over from either
        assert body == b"/after 0 0"
        assert buf == bytearray()
    sent = email.utils.parsedate_to_datetime(headers["date"]).timestamp()
    assert abs(sent - time.time()) < 5
    assert headers["server"]


def test_a_response_is_one_send_headers_and_body(server: Any, monkeypatch: Any) -> None:
    """The header block leaves with the body in one send (cheroot sends them apart)."""
    _, port = server
    sends: List[bytes] = []
    write = connection.RawSocket.write  # every write to the socket (its descriptor, or socket.send)

    def counted(self: Any, b: Any) -> Any:
        sends.append(bytes(b))
        return write(self, b)

    monkeypatch.setattr(connection.RawSocket, "write", counted)
    with connect(port) as sock:
        buf = bytearray()
        for path in ("/one", "/two", "/empty"):
            sock.sendall(request(path))
            read_response(sock, buf)
    assert len(sends) == 3, sends
    assert sends[0].startswith(b"HTTP/1.1 200 OK\r\n") and sends[0].endswith(b"\r\n\r\n/one 0 0")
    assert sends[2].endswith(b"\r\n\r\n")  # no body: the header block alone, still sent


@pytest.mark.parametrize("server", [2], indirect=True)
def test_busy_kept_alive_connections_never_keep_another_waiting(server: Any) -> None:
    """Two workers, two clients sending request after request on their connections: a third
    connection is still answered at once, not when the busy ones stop."""
    _, port = server
    stop = threading.Event()
    counts = [0, 0]

    def busy(i: int) -> None:
        with connect(port) as sock:
            buf = bytearray()
            while not stop.is_set():
                sock.sendall(request(f"/busy{i}"))
                read_response(sock, buf)
                counts[i] += 1

    loops = [threading.Thread(target=busy, args=(i,), daemon=True) for i in range(2)]
    for t in loops:
        t.start()
    try:
        deadline = time.monotonic() + 30
        while min(counts) < 20:
            assert time.monotonic() < deadline and all(t.is_alive() for t in loops), "the busy clients stalled"
            time.sleep(0.01)
        for _ in range(3):
            started = time.monotonic()
            with connect(port) as sock:
                sock.sendall(request("/third"))
                assert read_response(sock, bytearray())[1] == b"/third 0 0"
            assert time.monotonic() - started < 2.0, "a third connection waited for the busy ones"
    finally:
        stop.set()
        for t in loops:
            t.join(timeout=10)


@pytest.mark.parametrize("server", [1], indirect=True)
def test_an_idle_connection_goes_back_to_the_selector(server: Any) -> None:
    """One worker: a connection idle past LINGER leaves it, so another is served; both go on."""
    _, port = server
    with connect(port) as first, connect(port) as second:
        buf1, buf2 = bytearray(), bytearray()
        first.sendall(request("/a"))
        assert read_response(first, buf1)[1] == b"/a 0 0"
        time.sleep(LINGER * 5)
        started = time.monotonic()
        second.sendall(request("/b"))
        assert read_response(second, buf2)[1] == b"/b 0 0"
        assert time.monotonic() - started < 2.0
        time.sleep(LINGER * 5)
        first.sendall(request("/c"))
        assert read_response(first, buf1)[1] == b"/c 0 0"


def test_stopping_with_kept_alive_connections_is_prompt(server: Any) -> None:
    srv, port = server
    socks = [connect(port) for _ in range(3)]
    try:
        for i, sock in enumerate(socks):
            sock.sendall(request(f"/{i}"))
            read_response(sock, bytearray())
        started = time.monotonic()
        srv.stop()
        assert time.monotonic() - started < 3.0
    finally:
        for sock in socks:
            sock.close()


def test_the_sandbox_answers_pipelined_api_requests() -> None:
    with Sandbox(freeze=True) as sb:
        form = urlencode({"app_id": sb.app_id, "access_token": sb.access_token, "dest": "+6591234567", "msg": "hi"}).encode()
        port = int(sb.url.rsplit(":", 1)[1].strip("/"))
        with connect(port) as sock:
            sock.sendall(b"".join(
                request("/open/sms/send", form, headers="Content-Type: application/x-www-form-urlencoded\r\n") for _ in range(3)
            ))  # fmt: skip
            buf = bytearray()
            bodies = [read_response(sock, buf)[1] for _ in range(3)]
        assert all(b'"status":"success_ok"' in b for b in bodies), bodies
        assert len({b.split(b'"txn_ref":"')[1].split(b'"')[0] for b in bodies}) == 3
        assert len(sb.engine.store.txns()) == 3


def test_the_environ_is_the_one_cheroots_gateway_builds(monkeypatch: Any) -> None:
    """The lean environ, key for key and in the same order, against cheroot's WSGI 1.0 gateway,
    for the same requests: repeated, odd-cased and unknown headers, a query, HEAD, no body."""
    pairs: List[Tuple[List[Any], List[Any]]] = []

    def both(self: Any) -> Dict[str, Any]:
        lean = Gateway.get_environ(self)
        pairs.append((list(lean.items()), list(wsgi.Gateway_10.get_environ(self).items())))
        return lean

    monkeypatch.setattr(connection, "_ENV_KEYS_MAX", 3)  # past the cache's bound: made each time
    srv = wsgi.Server(("127.0.0.1", 0), echo, numthreads=2)
    srv.ConnectionClass = Connection
    srv.gateway = type("Both", (Gateway,), {"get_environ": both})
    srv.prepare()
    thread = threading.Thread(target=srv.serve, daemon=True)
    thread.start()
    try:
        with connect(int(srv.bind_addr[1])) as sock:
            buf = bytearray()
            for path, body, headers, method in [
                ("/a?x=1&y=%20", b"k=v", "Content-Type: application/x-www-form-urlencoded\r\nX-Long: abc\r\n", "POST"),
                ("/b", b"", "accept: */*\r\nAccept: text/plain\r\nX-Caf\xe9: \xe9t\xe9\r\nx-dashed-name: 1\r\n", "GET"),
                ("/b", b"", "X-Long: " + "z" * 300 + "\r\n", "HEAD"),
                ("/c", b"xyz", "Cookie: a=1\r\nCookie: b=2\r\nUser-Agent: t\r\n", "PUT"),
            ]:
                sock.sendall(request(path, body, headers, method).decode().encode("latin-1"))  # \xe9 as one byte
                read_response(sock, buf, head=method == "HEAD")
    finally:
        srv.stop()
        thread.join(timeout=5)
    assert len(pairs) == 4
    for lean, cheroots in pairs:
        assert lean == cheroots


def test_the_socket_is_read_directly_until_it_would_block_then_waits_with_its_timeout(monkeypatch: Any) -> None:
    """Data at hand: one read of the descriptor, no socket.SocketIO call (and its poll); none
    yet: the socket's own call waits for it, with the socket's timeout (which still fires)."""
    waits: List[int] = []
    readinto = socket.SocketIO.readinto

    def counted(self: Any, b: Any) -> Any:
        waits.append(len(b))
        return readinto(self, b)

    monkeypatch.setattr(socket.SocketIO, "readinto", counted)
    a, b = socket.socketpair()
    try:
        a.settimeout(0.3)
        reader = connection.make_file(a, "rb")
        writer = connection.make_file(a, "wb")
        b.sendall(b"line one\r\nrest")
        time.sleep(0.05)
        assert reader.readline() == b"line one\r\n" and waits == []
        assert reader.read(4) == b"rest" and waits == []
        threading.Timer(0.1, b.sendall, (b"later\n",)).start()
        assert reader.readline() == b"later\n" and len(waits) == 1  # waited in the socket's call
        started = time.monotonic()
        with pytest.raises(socket.timeout):
            reader.read(1)
        assert 0.25 < time.monotonic() - started < 2
        writer.write(b"answer")
        writer.flush()
        assert b.recv(100) == b"answer"
        b.close()
        with pytest.raises(OSError):
            reader.read(1)  # a timed-out stream stays unreadable, as socket.SocketIO's does
    finally:
        a.close()
        b.close()


def test_a_stalled_request_still_times_out(server: Any) -> None:
    srv, port = server
    srv.timeout = 0.5
    with connect(port) as sock:
        sock.sendall(b"POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc")
        sock.settimeout(5)
        started = time.monotonic()
        answer = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        assert time.monotonic() - started < 4
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer


class Pieces(io.RawIOBase):
    """A raw stream that gives its bytes in the pieces it was given, one piece a read at most."""

    def __init__(self, pieces: List[bytes]) -> None:
        self.pieces = [p for p in pieces if p]

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        if not self.pieces:
            return 0
        piece = self.pieces[0]
        n = min(len(b), len(piece))
        b[:n] = piece[:n]
        self.pieces[0] = piece[n:]
        if not self.pieces[0]:
            self.pieces.pop(0)
        return n


@settings(max_examples=200, deadline=None)
@given(
    chunks=st.lists(st.binary(max_size=300).map(lambda b: b.replace(b"x", b"\n")), max_size=6),
    sizes=st.lists(st.sampled_from([-1, None, 0, 1, 2, 7, 256, 300]), min_size=1, max_size=12),
)
def test_lines_read_are_the_lines_cheroots_reader_reads(chunks: List[bytes], sizes: List[Any]) -> None:
    """readline(size) and read(size), however the bytes arrive, give what cheroot's own reader
    (on _pyio) gives for the same pieces, up to the end."""
    a, b = socket.socketpair()
    try:
        ours, theirs = connection.make_file(a, "rb"), makefile.StreamReader(b, "rb")
        ours._raw, theirs._raw = Pieces(chunks), Pieces(chunks)
        for size in sizes * 3:
            assert ours.readline(size) == theirs.readline(size)
            assert ours.read(3 if size else 0) == theirs.read(3 if size else 0)
            assert ours.bytes_read == theirs.bytes_read
        assert ours.read() == theirs.read()
    finally:
        a.close()
        b.close()


FIELD_NAMES = st.sampled_from([b"Host", b"content-length", b"Content-Type", b"ACCEPT", b"Accept-Encoding", b"Connection", b"X-Hoiio_Sig", b"a"])
FIELD_VALUES = st.sampled_from([b"127.0.0.1", b"42", b"", b" ", b"a, b", b"x \t", b"\tx", b"gzip", b"keep-alive", b"\xc3\xa9", b"x\ry", b"x\x0b"])
PLAIN_LINES = st.builds(lambda n, b, v: n + b":" + b + v + b"\r\n", FIELD_NAMES, st.sampled_from([b"", b" ", b"\t "]), FIELD_VALUES)
ODD_LINES = st.sampled_from([b" folded\r\n", b"\tfolded\r\n", b"no colon\r\n", b"Bad Name: x\r\n", b"Host : x\r\n", b"A: b\n", b":x\r\n", b"A: b\rc\r\n"])


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.one_of(PLAIN_LINES, PLAIN_LINES, ODD_LINES), max_size=10),
    end=st.sampled_from([b"\r\n", b"", b"\n"]),
    body=st.sampled_from([b"", b"msg=hi", b"\r\n\r\nA: b\r\n"]),
    cuts=st.lists(st.integers(min_value=1, max_value=400), max_size=3),
    limit=st.sampled_from([0, 40, 120, 10_000]),
)
def test_headers_read_are_the_headers_cheroots_reader_reads(lines: List[bytes], end: bytes, body: bytes, cuts: List[int], limit: int) -> None:
    """The one-pass header reader gives what cheroot's HeaderReader gives for any header block,
    however it arrives (all in the buffer, or in pieces): the same dict or the same error, the
    same byte counts, the same bytes left for the body."""
    from cheroot import server as cheroot_server

    data = b"POST /open/sms/send HTTP/1.1\r\n" + b"".join(lines) + end + body
    chunks, at = [], 0
    for cut in sorted(cuts) + [len(data)]:
        if cut > at:
            chunks.append(data[at:cut])
            at = cut
    results = []
    for reader, headers in ((connection.make_file, connection.HeaderReader()), (makefile.StreamReader, cheroot_server.HeaderReader())):
        a, b = socket.socketpair()
        try:
            stream = reader(a, "rb")
            stream._raw = Pieces([bytes(c) for c in chunks])
            sized = cheroot_server.SizeCheckWrapper(stream, limit)
            sized.readline()  # the request line
            try:
                outcome: Any = ("headers", headers(sized, {}))
            except Exception as exc:  # noqa: BLE001 - ValueError, MaxSizeExceeded, and cheroot's own slips: the same
                outcome = ("raised", type(exc), exc.args)
            results.append((outcome, sized.bytes_read, stream.bytes_read, stream.read()))
        finally:
            a.close()
            b.close()
    ours, cheroots = results
    if cheroots[0][:2] == ("raised", UnboundLocalError):  # cheroot's slip on a leading continuation line
        cheroots = (("raised", ValueError, ("Illegal continuation line.",)),) + cheroots[1:]
    assert ours == cheroots


def test_a_header_block_that_starts_with_a_continuation_line_is_a_400() -> None:
    """cheroot's reader fails with an UnboundLocalError there (a 500); the sandbox answers 400."""
    with Sandbox(freeze=True) as sb:
        sock = connect(int(sb.url.rsplit(":", 1)[1].split("/")[0]))
        try:
            sock.sendall(b"POST /open/sms/send HTTP/1.1\r\n folded\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
            answer = sock.recv(65536)
        finally:
            sock.close()
    assert answer.startswith(b"HTTP/1.1 400 Bad Request"), answer
    assert b"Illegal continuation line." in answer


def test_a_plain_header_block_is_read_in_one_pass(monkeypatch: Any) -> None:
    from cheroot import server as cheroot_server

    monkeypatch.setattr(cheroot_server.HeaderReader, "__call__", None)  # cheroot's line-by-line reader is not used
    a, b = socket.socketpair()
    try:
        stream = connection.make_file(a, "rb")
        stream._raw = Pieces([request("/x", b"msg=hi", "Accept: a\r\naccept: b\r\nX-Hoiio-Signature:  s1 \r\n")])
        sized = cheroot_server.SizeCheckWrapper(stream, 0)
        sized.readline()
        got = connection.HeaderReader()(sized, {})
        assert got == {b"Host": b"127.0.0.1", b"Content-Length": b"6", b"Accept": b"a, b", b"X-Hoiio-Signature": b"s1"}
        assert stream.read() == b"msg=hi"
    finally:
        a.close()
        b.close()
