"""A fast loopback HTTP/1.1 server for the benchmarks, in a process of its own.

It answers every request with a canned JSON body chosen by the request path (bench/payloads.py),
keeps connections alive, and does no parsing beyond the request line, the end of the headers
and Content-Length: one thread, non-blocking sockets and a selector, so that the time a call
takes is the client's and the kernel's, not the server's. Unknown paths get a 404 with a JSON
body. It is not a general HTTP server: chunked request bodies are refused (411).

    python -m bench.server [--port N]     # prints "PORT <n>" once listening

From a benchmark: ``with LoopbackServer() as server: server.url("/open/sms/send")``.
"""

from __future__ import annotations

import argparse
import os
import selectors
import socket
import subprocess
import sys
from pathlib import Path
from typing import Dict, Optional

from bench.common import stop_process

ROOT = Path(__file__).resolve().parent.parent


def _response(status: str, body: str, close: bool = False) -> bytes:
    data = body.encode("utf-8")
    head = (
        f"HTTP/1.1 {status}\r\n"
        "Content-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(data)}\r\n"
        f"Connection: {'close' if close else 'keep-alive'}\r\n"
        "\r\n"
    )
    return head.encode("ascii") + data


def serve(port: int, routes: Dict[str, str]) -> None:  # pragma: no cover - runs in its own process
    answers = {path.encode(): _response("200 OK", body) for path, body in routes.items()}
    not_found = _response("404 Not Found", '{"status":"error_not_found"}')
    refused = _response("411 Length Required", '{"status":"error_length_required"}', close=True)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(512)
    listener.setblocking(False)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, None)
    # per connection: [input buffer, output buffer, close after writing]
    conns: Dict[socket.socket, list] = {}
    print(f"PORT {listener.getsockname()[1]}", flush=True)

    def close(sock: socket.socket) -> None:
        conns.pop(sock, None)
        try:
            sel.unregister(sock)
        except (KeyError, ValueError):
            pass
        sock.close()

    def flush(sock: socket.socket, state: list) -> None:
        out = state[1]
        if out:
            try:
                sent = sock.send(out)
            except BlockingIOError:
                sent = 0
            except OSError:
                close(sock)
                return
            state[1] = out = out[sent:]
        if out:
            sel.modify(sock, selectors.EVENT_READ | selectors.EVENT_WRITE, None)
        elif state[2]:
            close(sock)
        else:
            sel.modify(sock, selectors.EVENT_READ, None)

    def handle(sock: socket.socket, state: list) -> None:
        buf = state[0]
        out = bytearray()
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                break
            head = bytes(buf[:end])
            lower = head.lower()
            length = 0
            at = lower.find(b"\r\ncontent-length:")
            if at >= 0:
                stop = lower.find(b"\r\n", at + 2)
                length = int(lower[at + 17 : stop if stop >= 0 else len(lower)].strip() or 0)
            elif b"\r\ntransfer-encoding:" in lower:
                out += refused
                state[2] = True
                buf.clear()
                break
            if len(buf) < end + 4 + length:
                break  # the body is not all here yet
            del buf[: end + 4 + length]
            line_end = head.find(b"\r\n")
            request_line = head[: line_end if line_end >= 0 else len(head)]
            parts = request_line.split(b" ")
            path = parts[1].split(b"?", 1)[0] if len(parts) > 1 else b""
            out += answers.get(path, not_found)
            if b"\r\nconnection: close" in lower or request_line.endswith(b"HTTP/1.0"):
                state[2] = True
                buf.clear()
                break
        if out:
            state[1] = state[1] + bytes(out) if state[1] else bytes(out)
            flush(sock, state)

    while True:
        for key, events in sel.select():
            sock = key.fileobj
            if sock is listener:
                while True:
                    try:
                        conn, _ = listener.accept()
                    except (BlockingIOError, InterruptedError):
                        break
                    conn.setblocking(False)
                    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    conns[conn] = [bytearray(), b"", False]
                    sel.register(conn, selectors.EVENT_READ, None)
                continue
            state = conns.get(sock)  # type: ignore[call-overload]
            if state is None:
                continue
            if events & selectors.EVENT_WRITE:
                flush(sock, state)  # type: ignore[arg-type]
                if sock not in conns:
                    continue
            if events & selectors.EVENT_READ:
                try:
                    data = sock.recv(262144)  # type: ignore[union-attr]
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    data = b""
                if not data:
                    close(sock)  # type: ignore[arg-type]
                    continue
                state[0] += data
                handle(sock, state)  # type: ignore[arg-type]


class LoopbackServer:
    """Starts ``python -m bench.server`` in a child process; stops it on exit."""

    def __init__(self) -> None:
        self.port = 0
        self._proc: Optional[subprocess.Popen] = None

    def __enter__(self) -> "LoopbackServer":
        env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "bench.server"],
            cwd=str(ROOT), env=env, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line.startswith("PORT "):
            self.__exit__()
            raise RuntimeError(f"the loopback server did not start (it printed {line!r})")
        self.port = int(line.split()[1])
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/open/"

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc: object) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        stop_process(proc)


def main(argv: Optional[list] = None) -> int:
    from bench.payloads import ROUTES

    parser = argparse.ArgumentParser(prog="python -m bench.server", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    args = parser.parse_args(argv)
    try:
        serve(args.port, ROUTES)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
