"""State: concurrent requests keep it consistent; --db keeps it across a restart; failed
notification deliveries are recorded and never retried; reset; the clock."""

from __future__ import annotations

import concurrent.futures
from typing import Any, Dict

from hoiio.sandbox.server import Sandbox

from .conftest import Receiver, balance


def test_concurrent_sends_keep_the_balance_consistent(sandbox: Sandbox, make_client: Any) -> None:
    acct = sandbox.create_account(points="1.000", bonus="0.140")  # 30 SMS at 0.038
    client = make_client(acct, pool_size=16)

    def send(i: int) -> str:
        return str(client.sms.send(f"hello {i}", "+6591234567").status)

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(send, range(48)))
    assert statuses.count("success_ok") == 30
    assert statuses.count("error_insufficient_credit") == 18
    history = client.sms.history()
    assert history.total_entries_count == 30
    assert len({e.txn_ref for e in history.entries}) == 30
    assert balance(sandbox, acct) == {"balance": "0.000", "points": "0.000", "bonus": "0.000"}


def test_concurrent_mixed_traffic(sandbox: Sandbox, make_client: Any) -> None:
    accounts = [sandbox.create_account() for _ in range(4)]
    clients = [make_client(a, pool_size=8) for a in accounts]

    def work(i: int) -> None:
        c = clients[i % 4]
        assert c.sms.send("x", "+6591234567").is_success()
        assert c.account.balance().is_success()
        assert c.sms.history().is_success()

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(work, range(64)))
    for acct in accounts:
        assert balance(sandbox, acct)["balance"] == f"{54.650 - 16 * 0.038:.3f}"


def test_state_survives_a_restart(tmp_path: Any) -> None:
    db = str(tmp_path / "sandbox.db")
    with Sandbox(db=db, freeze=True) as first:
        client = first.client()
        sent = client.sms.send("persist me", "+6591234567")
        number = client.number.available_numbers("SG").entries[0].number
        client.number.subscribe(number, "1")
        first.advance(2)  # not delivered yet: the event survives too
        moment = first.now()
    with Sandbox(db=db) as second:
        assert second.request("GET", "clock")["frozen"] is True and second.now() == moment
        client = second.client()
        assert client.sms.status(sent.txn_ref).sms_status == "queued"
        second.advance(5)
        assert client.sms.status(sent.txn_ref).sms_status == "delivered"
        assert client.number.subscribed_numbers().entries[0].number == number
        assert client.account.balance().json["balance"] == "44.612"
        assert client.sms.send("again", "+6591234567").txn_ref != sent.txn_ref


def test_failed_delivery_is_recorded_not_retried(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    receiver.fail.add("/broken")
    client.sms.send("hi", "+6591234567", notify_url=receiver.url("/broken"))
    client.sms.send("hi", "+6591234567", notify_url="http://127.0.0.1:1/nobody-listens")
    sandbox.advance(60)
    notes = sandbox.notifications(kind="sms_delivery", app_id=account["app_id"])
    assert [(n["state"], n["http_status"]) for n in notes] == [("failed", 500), ("failed", None)]
    assert "Connection" in notes[1]["error"]
    sandbox.advance(3600)
    assert len(receiver.at("/broken")) == 1


def test_notifications_listing(sandbox: Sandbox, client: Any, account: Dict[str, Any], receiver: Receiver) -> None:
    client.sms.send("hi", "+6591234567", notify_url=receiver.url("/listed"))
    sandbox.advance(10)
    (note,) = sandbox.notifications(app_id=account["app_id"])
    assert note["state"] == "delivered" and note["http_status"] == 200
    assert note["fields"]["sms_status"] == "delivered" and note["url"] == receiver.url("/listed")
    assert receiver.at("/listed")[0].signature == note["signature"]


def test_reset_and_clock() -> None:
    with Sandbox() as sb:
        client = sb.client()
        client.sms.send("hi", "+6591234567")
        before = sb.now()
        assert sb.advance(hours=2)["now"] >= before + 7200
        assert sb.request("GET", "clock")["frozen"] is False
        sb.freeze()
        frozen = sb.now()
        assert sb.now() == frozen
        sb.reset()
        assert client.sms.history().total_entries_count == 0
        assert client.account.balance().balance == 54.65
        sb.unfreeze()
        assert sb.now() >= frozen


def test_the_clock_runs_by_itself() -> None:
    with Sandbox() as sb, Receiver() as rx:
        sb.client().sms.send("hi", "+6591234567", notify_url=rx.url("/tick"))
        sb.advance(4.6)  # the delivery report is due 0.4 s from now; no request will come
        assert rx.wait_for(1, path="/tick", timeout=5)[0].note.sms_status == "delivered"
