"""The sandbox's serving layer (hoiio/sandbox/server.py: cheroot as it comes, plus the head gate),
over real sockets: requests pipelined, long, big, or with no body come through whole; idle and
slow peers never take the workers from a real client (an SDK call still answers at once); a head
too slow is answered 408; a pool of 64 connections opening at once is served; stopping is prompt."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterator, List, Tuple
from urllib.parse import urlencode

import pytest
from hoiio.sandbox.server import BACKLOG, GatedServer, Sandbox


def echo(environ: Dict[str, Any], start_response: Any) -> List[bytes]:
    """Answers the path, the body's length and the X-Long header's, or (path /empty) an empty body."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    if environ["PATH_INFO"] == "/empty":
        start_response("200 OK", [("Content-Length", "0")])
        return []
    out = f"{environ['PATH_INFO']} {len(body)} {len(environ.get('HTTP_X_LONG', ''))}".encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(out)))])
    return [] if environ["REQUEST_METHOD"] == "HEAD" else [out]


@pytest.fixture
def server(request: Any) -> Iterator[Tuple[GatedServer, int]]:
    threads, head_timeout = getattr(request, "param", (4, 10.0))
    srv = GatedServer(("127.0.0.1", 0), echo, numthreads=threads, head_timeout=head_timeout)
    srv.keep_alive_conn_limit = None  # type: ignore[assignment]
    srv.prepare()
    thread = threading.Thread(target=srv.serve, daemon=True)
    thread.start()
    yield srv, int(srv.bind_addr[1])  # type: ignore[index]
    srv.stop()
    thread.join(timeout=5)


def request(path: str, body: bytes = b"", headers: str = "", method: str = "POST") -> bytes:
    return (f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n{headers}\r\n").encode() + body


def read_response(sock: socket.socket, buf: bytearray, head: bool = False, status: str = "200") -> Tuple[Dict[str, str], bytes]:
    """One response from ``sock`` (``buf`` holds what was read past the previous one)."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        assert chunk, "the connection closed before a response"
        buf += chunk
    end = buf.index(b"\r\n\r\n")
    lines = buf[:end].decode("latin-1").split("\r\n")
    assert lines[0].startswith(f"HTTP/1.1 {status}"), lines[0]
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


def connect(port: int, timeout: float = 10) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def port_of(sb: Sandbox) -> int:
    return int(sb.url.rsplit(":", 1)[1].split("/")[0])


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
        sock.sendall(request("/huge-head", headers=f"X-Long: {'y' * 100_000}\r\n"))  # past what the gate looks at
        assert read_response(sock, buf)[1] == b"/huge-head 0 100000"
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


def test_a_head_sent_in_pieces_is_served_once_whole(server: Any) -> None:
    _, port = server
    whole = request("/pieces", b"k=v", headers="X-Long: abc\r\n")
    with connect(port) as sock:
        for i in range(0, len(whole), 7):
            sock.sendall(whole[i : i + 7])
            time.sleep(0.01)
        assert read_response(sock, bytearray())[1] == b"/pieces 3 3"


@pytest.mark.parametrize("server", [(2, 1.0)], indirect=True)
def test_a_head_not_whole_in_time_is_answered_408_and_closed(server: Any) -> None:
    _, port = server
    with connect(port) as sock:
        sock.sendall(b"POST /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and no more
        answer = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408 Request Timeout\r\n"), answer
    with connect(port) as sock:  # the server goes on
        sock.sendall(request("/next"))
        assert read_response(sock, bytearray())[1] == b"/next 0 0"


@pytest.mark.parametrize("server", [(2, 10.0)], indirect=True)
def test_busy_kept_alive_connections_never_keep_another_waiting(server: Any) -> None:
    """Two workers, two clients sending request after request on their connections: a third
    connection is still answered, not only when the busy ones stop."""
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
            with connect(port) as sock:
                sock.sendall(request("/third"))
                assert read_response(sock, bytearray())[1] == b"/third 0 0"
    finally:
        stop.set()
        for t in loops:
            t.join(timeout=10)


def test_stopping_with_kept_alive_idle_and_partial_connections_closes_them(server: Any) -> None:
    srv, port = server
    socks = [connect(port) for _ in range(3)]
    idle = [connect(port) for _ in range(3)]
    partial = [connect(port) for _ in range(3)]
    try:
        for i, sock in enumerate(socks):
            sock.sendall(request(f"/{i}"))
            read_response(sock, bytearray())
        for sock in partial:
            sock.sendall(b"GET / HTTP/1.1\r\n")
        time.sleep(0.2)
        stopping = threading.Thread(target=srv.stop, daemon=True)
        stopping.start()
        stopping.join(timeout=30)  # generous: it takes well under a second
        assert not stopping.is_alive(), "stopping hung on open connections"
        for sock in idle + partial:  # closed by the stop, not left open
            sock.settimeout(5)
            assert sock.recv(100) == b""
    finally:
        for sock in socks + idle + partial:
            sock.close()


def test_the_sandbox_answers_pipelined_api_requests() -> None:
    with Sandbox(freeze=True) as sb:
        form = urlencode({"app_id": sb.app_id, "access_token": sb.access_token, "dest": "+6591234567", "msg": "hi"}).encode()
        with connect(port_of(sb)) as sock:
            sock.sendall(b"".join(
                request("/open/sms/send", form, headers="Content-Type: application/x-www-form-urlencoded\r\n") for _ in range(3)
            ))  # fmt: skip
            buf = bytearray()
            bodies = [read_response(sock, buf)[1] for _ in range(3)]
        assert all(b'"status":"success_ok"' in b for b in bodies), bodies
        assert len({b.split(b'"txn_ref":"')[1].split(b'"')[0] for b in bodies}) == 3
        assert len(sb.engine.store.txns()) == 3


def test_a_header_block_that_starts_with_a_continuation_line_is_a_400() -> None:
    """cheroot's reader fails with an UnboundLocalError there (a 500); the sandbox answers 400."""
    with Sandbox(freeze=True) as sb:
        sock = connect(port_of(sb))
        try:
            sock.sendall(b"POST /open/sms/send HTTP/1.1\r\n folded\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n")
            answer = sock.recv(65536)
        finally:
            sock.close()
    assert answer.startswith(b"HTTP/1.1 400 Bad Request"), answer
    assert b"Illegal continuation line." in answer


def test_idle_and_slow_peers_do_not_starve_an_sdk_call() -> None:
    """32 connections that send nothing and 32 that send a request head a line at a time hold
    none of the sandbox's 16 workers: a call of the SDK on a new connection answers at once
    (cheroot alone hands each of them a worker for up to its 60 s timeout)."""
    with Sandbox(freeze=True) as sb:
        port = port_of(sb)
        idle = [connect(port) for _ in range(32)]
        slow = [connect(port) for _ in range(32)]
        stop = threading.Event()

        def trickle() -> None:
            lines = [b"POST /open/sms/send HTTP/1.1\r\n"] + [f"X-Slow-{i}: {i}\r\n".encode() for i in range(100)]
            for line in lines:
                for sock in slow:
                    try:
                        sock.sendall(line)
                    except OSError:
                        pass
                if stop.wait(0.5):
                    return

        feeder = threading.Thread(target=trickle, daemon=True)
        feeder.start()
        client = sb.client(timeout=10, max_retries=0)
        try:
            time.sleep(1.0)  # every peer connected, the slow ones a line or two in
            for _ in range(3):
                res = client.sms.send("still served", "+6591234567")
                assert res.is_success(), res.status
                assert client.account.balance().is_success()
        finally:
            stop.set()
            feeder.join(timeout=5)
            client.close()
            for sock in idle + slow:
                sock.close()


def test_128_calls_at_once_over_a_pool_of_64_connections() -> None:
    """A pool of 64 connections opening at once (more than the old backlog of 5 and the 16
    workers): every call answers, none stalls on a dropped SYN."""
    assert BACKLOG >= 128
    with Sandbox(freeze=True) as sb:
        sb.topup(points="100000")
        client = sb.client(pool_size=64, timeout=10, max_retries=0)
        gate = threading.Barrier(64)

        def call(i: int) -> str:
            if i < 64:
                gate.wait(timeout=30)
            return str(client.sms.send(f"burst {i}", "+6591234567").status)

        try:
            with ThreadPoolExecutor(max_workers=64) as pool:
                statuses = list(pool.map(call, range(128)))
        finally:
            client.close()
        assert statuses == ["success_ok"] * 128
        assert len(sb.engine.store.txns()) == 128
