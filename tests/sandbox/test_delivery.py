"""The notifier against hostile receivers written here (a slow one, one that drips its answer),
the delivery policy (nothing leaves this machine: the policy decides before any connection or
name lookup, which the tests watch), the lock on a database file and a full database."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest
import requests
from hoiio.sandbox.notify import DeliveryPolicy
from hoiio.sandbox.server import Sandbox
from hoiio.sandbox.store import DatabaseInUse


class Hostile:
    """A receiver on 127.0.0.1: /slow answers once ``release`` is set, /drip sends its answer a
    byte at a time forever, anything else answers 200 "ok" at once. ``got`` lists the paths and
    query strings received, in order."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.got: List[str] = []
        hostile = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the base class's name
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hostile.got.append(self.path)
                if self.path.startswith("/slow"):
                    hostile.release.wait(30)
                if self.path.startswith("/drip"):
                    self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                    for _ in range(200):
                        if hostile.release.is_set():
                            return
                        self.wfile.write(b"X")
                        self.wfile.flush()
                        time.sleep(0.1)
                    return
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hostile() -> Iterator[Callable[[], Hostile]]:
    made: List[Hostile] = []

    def make() -> Hostile:
        made.append(Hostile())
        return made[-1]

    yield make
    for h in made:
        h.close()


def until(check: Callable[[], bool], timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.02)
    return False


def notes(sb: Sandbox) -> Dict[str, Dict[str, Any]]:
    """The notifications recorded, by the path of their URL."""
    return {n["url"].split("/", 3)[3]: n for n in sb.notifications(wait=False)}


def test_a_slow_receiver_delays_no_other(sandbox: Sandbox, hostile: Callable[[], Hostile]) -> None:
    slow, fast = hostile(), hostile()
    sandbox.reset()
    client = sandbox.client()
    client.sms.send("one", "+6591234567", notify_url=slow.url + "/slow?n=1")
    client.sms.send("two", "+6591234567", notify_url=slow.url + "/slow?n=2")
    client.sms.send("three", "+6591234567", notify_url=fast.url + "/fast?n=3")
    sandbox.advance(10, wait=False)
    assert until(lambda: notes(sandbox).get("fast?n=3", {}).get("state") == "delivered")
    assert until(lambda: bool(slow.got))
    now = notes(sandbox)
    # the fast receiver was served while the slow one still holds its first notification
    assert now["slow?n=1"]["state"] == "queued" and now["slow?n=2"]["state"] == "queued"
    assert slow.got == ["/slow?n=1"]  # one at a time to one receiver, in order
    slow.release.set()
    assert sandbox.wait_for_notifications(10)
    assert slow.got == ["/slow?n=1", "/slow?n=2"]
    assert {n["state"] for n in notes(sandbox).values()} == {"delivered"}


def test_each_delivery_ends_within_the_timeout_even_against_a_drip(sandbox: Sandbox, hostile: Callable[[], Hostile]) -> None:
    drip = hostile()
    sandbox.reset()
    sandbox.engine.notifier.timeout = 1.0
    try:
        sandbox.client().sms.send("drip", "+6591234567", notify_url=drip.url + "/drip")
        sandbox.advance(10, wait=False)
        assert sandbox.wait_for_notifications(5)
    finally:
        sandbox.engine.notifier.timeout = 5.0
    (note,) = sandbox.notifications()
    assert note["state"] == "failed"
    assert "within 1 s" in note["error"]
    assert 1.0 <= note["duration"] < 2.0  # the receiver would have dripped for 20 s


def test_a_delivery_is_recorded_with_the_receivers_answer(sandbox: Sandbox, hostile: Callable[[], Hostile]) -> None:
    rx = hostile()
    sandbox.reset()
    res = sandbox.client().sms.send("recorded", "+6591234567", notify_url=rx.url + "/hook?shop=7")
    sandbox.advance(10)
    (note,) = sandbox.notifications()
    assert note["url"] == rx.url + "/hook?shop=7"
    assert note["state"] == "delivered" and note["http_status"] == 200 and note["answer"] == "ok"
    assert note["fields"]["txn_ref"] == res.txn_ref and "txn_ref=" in note["body"]
    assert len(note["signature"]) == 64 and note["refusal"] is None
    assert 0 <= note["duration"] < 5 and note["sent"] >= note["created"]


# ---- the delivery policy ----


@pytest.fixture
def no_traffic(monkeypatch: pytest.MonkeyPatch) -> List[Tuple[str, Any]]:
    """Every connection and name lookup made in this process, recorded; any to a host other
    than loopback fails before a packet leaves."""
    seen: List[Tuple[str, Any]] = []
    real_connect, real_lookup = socket.socket.connect, socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> Any:
        seen.append(("connect", address))
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"a connection to {address} was attempted")
        return real_connect(self, address)

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(("lookup", host))
        if host not in ("127.0.0.1", "::1", "localhost", None):
            raise AssertionError(f"{host} was looked up")
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return seen


def test_public_hosts_are_refused_before_any_connection_or_lookup(no_traffic: List[Tuple[str, Any]], hostile: Callable[[], Hostile]) -> None:
    rx = hostile()
    with Sandbox(freeze=True) as sb:
        client = sb.client()
        for url in ("http://my.server.com/hoiio", "http://8.8.8.8/hoiio", "https://[2001:4860:4860::8888]/hoiio",
                    "http://localhost.my.server.com/hoiio", rx.url.replace("127.0.0.1", "localhost") + "/local"):  # fmt: skip
            assert client.sms.send("where to?", "+6591234567", notify_url=url).is_success()
        sb.advance(10)
        got = {n["url"]: n for n in sb.notifications()}
    for url in ("http://my.server.com/hoiio", "http://8.8.8.8/hoiio", "https://[2001:4860:4860::8888]/hoiio", "http://localhost.my.server.com/hoiio"):
        note = got[url]
        assert note["state"] == "refused" and note["http_status"] is None, note
        assert "--notify-host" in note["refusal"] and note["error"] == note["refusal"]
    assert got[rx.url.replace("127.0.0.1", "localhost") + "/local"]["state"] == "delivered"
    assert rx.got == ["/local"]
    touched = {str(target) for _, target in no_traffic}
    assert not [t for t in touched if "server.com" in t or "8.8.8.8" in t or "2001:" in t]


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("http://127.0.0.1:9/x", True), ("http://[::1]/x", True), ("http://10.0.0.8/x", True), ("http://192.168.1.20/x", True),
        ("http://172.20.0.3:8000/x", True), ("http://localhost/x", True), ("http://app.localhost/x", True),
        ("http://receiver:8000/x", True), ("http://8.8.8.8/x", False), ("http://my.server.com/x", False),
        ("http://10.0.0.8.nip.io/x", False), ("ftp://127.0.0.1/x", False), ("http:///x", False), ("http://127.0.0.1:99999/x", False),
    ],
)  # fmt: skip
def test_the_default_policy(url: str, allowed: bool) -> None:
    assert (DeliveryPolicy(environ=False).refusal(url) is None) is allowed


def test_more_hosts_can_be_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    policy = DeliveryPolicy(["*.server.com", "203.0.113.0/24", "hooks.example.org"], environ=False)
    for url in ("http://my.server.com/x", "https://a.b.server.com/x", "http://203.0.113.9/x", "http://hooks.example.org/x"):
        assert policy.refusal(url) is None, url
    for url in ("http://server.com.evil.example/x", "http://8.8.8.8/x", "http://example.org/x"):
        assert policy.refusal(url) is not None, url
    assert DeliveryPolicy(["*"], environ=False).refusal("http://anything.example/x") is None
    monkeypatch.setenv("HOIIO_SANDBOX_NOTIFY_HOSTS", "one.example, two.example")
    assert DeliveryPolicy().refusal("http://two.example/x") is None
    assert DeliveryPolicy().refusal("http://three.example/x") is not None


def test_the_command_line_allows_more_hosts() -> None:
    from hoiio.sandbox.cli import serve_parser

    args = serve_parser().parse_args(["--notify-host", "*.example.com", "--notify-host", "hooks.test", "--allow-host", "sandbox"])
    assert args.notify_host == ["*.example.com", "hooks.test"] and args.allow_host == ["sandbox"]


# ---- one sandbox per database file; a full database ----


def test_a_second_sandbox_on_a_file_in_use_refuses_to_start(tmp_path: Path) -> None:
    db = str(tmp_path / "state.sqlite")
    with Sandbox(db=db, freeze=True) as first:
        with pytest.raises(DatabaseInUse, match="in use by another sandbox"):
            Sandbox(db=db).start()
        cli = subprocess.run([sys.executable, "-m", "hoiio", "sandbox", "--db", db, "--port", "0"], capture_output=True, text=True,
                             timeout=60)  # fmt: skip
        assert cli.returncode == 1
        assert "in use by another sandbox" in cli.stderr and "Traceback" not in cli.stderr
        before = first.now()
        assert first.client().sms.send("still mine", "+6591234567").is_success()
    with Sandbox(db=db) as again:  # free once the first stopped
        assert again.now() >= before


def test_a_full_database_answers_json_and_loses_nothing(tmp_path: Path) -> None:
    with Sandbox(db=str(tmp_path / "small.sqlite"), freeze=True) as sb:
        store = sb.engine.store
        with store.lock:
            pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
            store._conn.execute(f"PRAGMA max_page_count = {pages + 3}")
        http = requests.Session()
        sent, full_api, full_control = 0, 0, 0
        for i in range(400):
            res = http.post(sb.base_url + "sms/send", data={"app_id": sb.app_id, "access_token": sb.access_token, "dest": "+6591234567",
                                                            "msg": f"message {i} " + "x" * 400}, timeout=10)  # fmt: skip
            assert res.headers["Content-Type"].startswith("application/json"), res.text[:200]
            body = res.json()
            if body["status"] == "success_ok":
                sent += 1
            else:
                assert body == {"status": "error_internal_server_error"}
                full_api += 1
            ctl = http.post(sb.url + "_sandbox/accounts", json={"name": "z" * 500}, timeout=10)
            assert ctl.headers["Content-Type"].startswith("application/json"), ctl.text[:200]
            if ctl.status_code != 200:
                assert ctl.status_code == 507 and "full" in ctl.json()["error"], ctl.text
                full_control += 1
            if full_api >= 3 and full_control >= 1:
                break
        assert sent and full_api >= 3 and full_control >= 1, (sent, full_api, full_control)
        with store.lock:
            store._conn.execute("PRAGMA max_page_count = 1073741823")
        client = sb.client()
        assert client.sms.send("room again", "+6591234567").is_success()
        history = list(client.sms.history_iter())
        assert len(history) == sent + 1  # every refused send left nothing behind
        account = sb.account()
        charged = sum(float(e.debit or 0) for e in history)
        assert round(50 + 4.65 - float(account["balance"]), 3) == pytest.approx(charged, abs=0.0005)
    with sqlite3.connect(str(tmp_path / "small.sqlite")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
