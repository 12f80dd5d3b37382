"""examples/async_ivr.py on a real server (uvicorn, on a free loopback port) against the sandbox:
a caller rings the number, the sandbox posts the incoming call to the app, the app awaits a
gather through hoiio.AsyncClient, and the key pressed decides the next block. Also: a forged
signature is refused, and a notification whose body is still arriving does not hold up the
others (from_starlette reads and verifies without blocking the event loop).
"""

from __future__ import annotations

import importlib.util
import socket
import sys
import threading
import time
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Iterator

import hoiio
import pytest
import requests
from hoiio import notifications
from hoiio.sandbox.server import Sandbox

uvicorn = pytest.importorskip("uvicorn")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "async_ivr.py"
SALES = "+6561110101"
CALLER = "+6591234567"
MSG, KEYS, RING = 3, 2, 5  # sandbox seconds (docs/sandbox.md "Time")


@pytest.fixture(scope="module")
def example() -> Iterator[ModuleType]:
    spec = importlib.util.spec_from_file_location("async_ivr", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture
def office(sandbox: Sandbox, example: ModuleType) -> Iterator[SimpleNamespace]:
    """A fresh account whose subscribed number forwards its calls to the app, served by uvicorn."""
    acct = sandbox.create_account()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/calls"
    client = hoiio.AsyncClient(acct["app_id"], acct["access_token"], base_url=sandbox.base_url)
    menu = example.AsyncMenu(client, acct["access_token"], SALES, url)
    server = uvicorn.Server(uvicorn.Config(menu.app(close_client=True), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    try:
        import asyncio

        async def setup() -> str:
            async with hoiio.AsyncClient(acct["app_id"], acct["access_token"], base_url=sandbox.base_url) as c:
                number: str = await example.prepare_number(c, None, url)
                return number

        number = asyncio.run(setup())
        yield SimpleNamespace(app_id=acct["app_id"], token=acct["access_token"], number=number, menu=menu, url=url, port=sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def ring(sandbox: Sandbox, office: SimpleNamespace) -> str:
    session: str = sandbox.incoming_call(office.number, CALLER, app_id=office.app_id)["session"]
    sandbox.wait_for_notifications()  # the app got the call and sent its gather
    return session


def session_state(sandbox: Sandbox, office: SimpleNamespace, session: str) -> Any:
    (found,) = [s for s in sandbox.sessions(app_id=office.app_id) if s["id"] == session]
    return found


def test_pressing_1_transfers_to_sales(sandbox: Sandbox, office: SimpleNamespace) -> None:
    session = ring(sandbox, office)
    state = session_state(sandbox, office, session)
    assert state["block"] == "gather" and state["gather"]["max_digits"] == 1
    sandbox.press("1", session=session)
    sandbox.advance(MSG + KEYS)  # the menu plays, the key arrives: the app transfers
    assert session_state(sandbox, office, session)["transfer"]["dest"] == SALES
    sandbox.advance(MSG + RING)
    (txn,) = sandbox.transactions(kind="call", app_id=office.app_id)
    assert txn["dest2"] == SALES and txn["call_status_dest2"] == "answered"
    notes = sandbox.notifications(app_id=office.app_id)
    assert [n["kind"] for n in notes[:2]] == ["call_incoming", "ivr_gather"]
    assert all((n["url"], n["state"], n["http_status"]) == (office.url, "delivered", 200) for n in notes)  # each signature verified
    assert office.menu.answered == [f"{session} gather", f"{session} transfer"]


def test_another_key_hears_the_hours_and_the_app_hangs_up(sandbox: Sandbox, office: SimpleNamespace) -> None:
    session = ring(sandbox, office)
    sandbox.press("2", session=session)
    sandbox.advance(MSG + KEYS)
    assert session_state(sandbox, office, session)["block"] == "hangup"
    sandbox.advance(MSG)
    assert session_state(sandbox, office, session)["state"] == "ended"
    assert office.menu.answered == [f"{session} gather", f"{session} hangup"]


def test_a_forged_notification_is_refused(office: SimpleNamespace) -> None:
    body = "session=S-1&call_state=ongoing&from=%2B6591234567&to=%2B6560000000"
    headers = {"Content-Type": "application/x-www-form-urlencoded", notifications.SIGNATURE_HEADER: "0" * 64}
    assert requests.post(office.url, data=body, headers=headers, timeout=5).status_code == 403
    assert requests.post(office.url, data="", timeout=5).status_code in (400, 403)
    assert office.menu.answered == []


def test_a_slow_notification_does_not_block_the_others(office: SimpleNamespace) -> None:
    """Half a notification's body arrives and the rest waits; meanwhile another request is
    answered at once: the app awaits the body instead of blocking its event loop."""
    body = b"session=S-1&call_state=ongoing&from=%2B6591234567"
    slow = socket.create_connection(("127.0.0.1", office.port), timeout=5)
    try:
        slow.sendall(b"POST /calls HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body) + body[:10])  # fmt: skip
        time.sleep(0.2)
        started = time.monotonic()
        forged = requests.post(office.url, data="a=1", headers={notifications.SIGNATURE_HEADER: "00"}, timeout=5)
        assert forged.status_code == 403 and time.monotonic() - started < 2
        slow.sendall(body[10:])
        answer = slow.recv(4096)
        assert answer.startswith(b"HTTP/1.1 403")  # it came unsigned: verified once complete
    finally:
        slow.close()
