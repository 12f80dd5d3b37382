"""History pages by position: every page, total and period filter agrees with the obvious
COUNT/OFFSET answer, per direction too, after rollbacks, and on a file an older sandbox made."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import List, Optional

import pytest
from hoiio.sandbox.server import Sandbox
from hoiio.sandbox.store import Store, Txn

#: The txns table as the sandbox of 0.2.0 made it.
OLD_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE txns (
    ref TEXT PRIMARY KEY, account TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL,
    created REAL NOT NULL, state TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX txns_history ON txns (account, kind, created, seq);
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT,
    url TEXT NOT NULL, body TEXT NOT NULL, signature TEXT NOT NULL, created REAL NOT NULL,
    state TEXT NOT NULL, http_status INTEGER, error TEXT, sent REAL);
"""


def txn(i: int, account: str, kind: str, created: float, direction: str) -> Txn:
    return Txn(f"AA-S-{i}", account, kind, i, created, "done", {"txn_ref": f"AA-S-{i}", "_direction": direction})


def naive(rows: List[Txn], account: str, kind: str, since: Optional[float], until: Optional[float], direction: Optional[str]) -> List[str]:
    return [t.ref for t in sorted(rows, key=lambda t: (t.created, t.seq)) if t.account == account and t.kind == kind
            and (since is None or t.created >= since) and (until is None or t.created < until)
            and (direction is None or t.data["_direction"] == direction)]  # fmt: skip


def check_against_naive(store: Store, rows: List[Txn], rng: random.Random) -> None:
    for _ in range(60):
        account, kind = rng.choice(["A", "B"]), rng.choice(["sms", "fax"])
        since = rng.choice([None, rng.uniform(0, 1000)])
        until = rng.choice([None, rng.uniform(0, 1100)])
        direction = rng.choice([None, "incoming", "outgoing"])
        expected = naive(rows, account, kind, since, until, direction)
        size = rng.choice([1, 7, 50])
        with store.transaction():
            got: List[str] = []
            for page in range(len(expected) // size + 2):
                total, part = store.history(account, kind, since, until, page * size, size, direction)
                assert total == len(expected)
                got += [t.ref for t in part]
        assert got == expected


def test_pages_totals_and_periods_match_count_and_offset() -> None:
    rng = random.Random(13)
    store = Store()
    rows: List[Txn] = []
    clock = 0.0
    with store.transaction():
        for i in range(1, 1500):
            clock += rng.choice([0.0, 0.0, 0.5, 1.0])  # equal times as well
            t = txn(i, rng.choice(["A", "B"]), rng.choice(["sms", "sms", "fax"]), clock, rng.choice(["incoming", "outgoing"]))
            store.add_txn(t)
            rows.append(t)
    check_against_naive(store, rows, rng)
    store.close()


def test_a_rolled_back_transaction_leaves_no_gap() -> None:
    store = Store()
    rows = []
    with store.transaction():
        for i in range(1, 6):
            rows.append(txn(i, "A", "sms", float(i), "outgoing"))
            store.add_txn(rows[-1])
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_txn(txn(99, "A", "sms", 10.0, "outgoing"))
            raise RuntimeError("undo")
    with store.transaction():
        with pytest.raises(RuntimeError), store.savepoint("inner"):
            store.add_txn(txn(98, "A", "sms", 11.0, "outgoing"))
            raise RuntimeError("undo the inner part")
        rows.append(txn(6, "A", "sms", 12.0, "outgoing"))
        store.add_txn(rows[-1])
        total, page = store.history("A", "sms", None, None, 0, 100, "outgoing")
    assert total == 6 and [t.ref for t in page] == [t.ref for t in rows]
    store.close()


def test_a_time_before_the_last_files_under_the_last() -> None:
    """The clock never runs back, but the system's may: the history stays in the order made."""
    store = Store()
    with store.transaction():
        store.add_txn(txn(1, "A", "sms", 100.0, "outgoing"))
        store.add_txn(txn(2, "A", "sms", 50.0, "outgoing"))
        total, page = store.history("A", "sms", 60.0, None, 0, 10)
    assert total == 2 and [t.ref for t in page] == ["AA-S-1", "AA-S-2"]
    store.close()


def test_a_file_an_older_sandbox_made_is_brought_up_to_date(tmp_path: Path) -> None:
    db = str(tmp_path / "old.sqlite")
    rng = random.Random(7)
    rows = []
    with sqlite3.connect(db) as conn:
        conn.executescript(OLD_SCHEMA)
        for i in range(1, 400):
            t = txn(i, rng.choice(["A", "B"]), "sms", float(rng.randrange(0, 1000)), rng.choice(["incoming", "outgoing"]))
            rows.append(t)
            conn.execute("INSERT INTO txns VALUES (?, ?, ?, ?, ?, ?, ?)", (t.ref, t.account, t.kind, t.seq, t.created, t.state, json.dumps(t.data)))
        conn.execute("INSERT INTO notifications (account, kind, url, body, signature, created, state) VALUES ('A', 'k', 'u', 'b', 's', 1, 'delivered')")
    store = Store(db)
    check_against_naive(store, rows, rng)
    with store.transaction():
        store.add_txn(txn(1000, "A", "sms", 2000.0, "incoming"))
        assert store.notifications()[0]["refusal"] is None
        indexes = {r[0] for r in store._conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"txns_pos", "txns_when", "txns_dpos", "txns_dwhen"} <= indexes and "txns_history" not in indexes
    store.close()


def test_the_sandbox_pages_a_long_history(sandbox: Sandbox, make_client: object) -> None:
    acct = sandbox.create_account(points="100")
    client = make_client(acct)  # type: ignore[operator]
    sent = client.sms.bulk_send("many", [f"+6590{i:06d}" for i in range(250)])
    assert sent.is_success()
    pages = [client.sms.history(page=p) for p in (1, 2, 3, 4)]
    assert [len(p.entries) for p in pages] == [100, 100, 50, 0]
    assert {p.total_entries_count for p in pages} == {250}
    refs = [e.txn_ref for p in pages for e in p.entries]
    assert len(set(refs)) == 250 and [e.txn_ref for e in client.sms.history_iter()] == refs
