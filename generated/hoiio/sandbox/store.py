"""The sandbox's state in SQLite (the standard library's sqlite3).

One connection, guarded by a re-entrant lock: every API request, control call, clock tick and
notification update runs in one ``transaction()``, so concurrent requests never see or leave
half-done state. The database is in memory by default; with a path it lives in that file (in
WAL mode) and survives a restart, clock and pending events included.

Rows keep their searchable columns apart and the rest as a JSON object (``data``); keys that
start with "_" are the sandbox's own and never reach the wire.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Tuple

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (
    app_id TEXT PRIMARY KEY, access_token TEXT NOT NULL,
    points INTEGER NOT NULL, bonus INTEGER NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS txns (
    ref TEXT PRIMARY KEY, account TEXT NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL,
    created REAL NOT NULL, state TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS txns_history ON txns (account, kind, created, seq);
CREATE INDEX IF NOT EXISTS txns_state ON txns (account, state);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, account TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS numbers (number TEXT PRIMARY KEY, account TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT, due REAL NOT NULL, account TEXT NOT NULL,
    kind TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_due ON events (due, id);
CREATE TABLE IF NOT EXISTS notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT,
    url TEXT NOT NULL, body TEXT NOT NULL, signature TEXT NOT NULL, created REAL NOT NULL,
    state TEXT NOT NULL, http_status INTEGER, error TEXT, sent REAL);
CREATE TABLE IF NOT EXISTS files (
    id TEXT PRIMARY KEY, account TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL,
    data BLOB NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS notifications_ref ON notifications (ref);
CREATE TABLE IF NOT EXISTS scripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, kind TEXT NOT NULL,
    target TEXT NOT NULL, data TEXT NOT NULL);
"""

TABLES = ("accounts", "txns", "sessions", "numbers", "events", "notifications", "files", "scripts", "meta")


def _dump(data: Dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def _load(text: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(text)
    return data


@dataclass
class Account:
    app_id: str
    access_token: str
    points: int  # thousandths of the currency
    bonus: int
    data: Dict[str, Any] = field(default_factory=dict)

    @property
    def balance(self) -> int:
        return self.points + self.bonus

    @property
    def currency(self) -> str:
        return str(self.data.get("currency", "SGD"))


@dataclass
class Txn:
    ref: str
    account: str
    kind: str  # sms, call, fax
    seq: int
    created: float
    state: str  # ongoing, done
    data: Dict[str, Any]


@dataclass
class Event:
    id: int
    due: float
    account: str
    kind: str
    data: Dict[str, Any]


class Store:
    """The state. Use ``with store.transaction():`` around anything that reads and writes."""

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = path or ":memory:"
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30.0)
        self._conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        self._depth = 0
        if self.path != ":memory:":
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(SCHEMA)

    def close(self) -> None:
        with self.lock:
            self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        with self.lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield self
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if outer:
                self._conn.execute("COMMIT")

    @contextmanager
    def savepoint(self, name: str) -> Iterator[None]:
        """Inside a transaction: undo only what the block did if it raises."""
        self._q(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._q(f"ROLLBACK TO {name}")
            self._q(f"RELEASE {name}")
            raise
        self._q(f"RELEASE {name}")

    def _q(self, sql: str, args: Tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, args)

    def wipe(self) -> None:
        """Forget everything (the schema stays)."""
        for table in TABLES:
            self._q(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # ---- meta: small values, counters ----

    def meta(self, key: str, default: Optional[str] = None) -> Optional[str]:
        row = self._q("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row["value"]) if row is not None else default

    def set_meta(self, key: str, value: Optional[str]) -> None:
        if value is None:
            self._q("DELETE FROM meta WHERE key = ?", (key,))
        else:
            self._q("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def next_seq(self, name: str, start: int = 1) -> int:
        value = int(self.meta("seq:" + name, str(start - 1)) or start - 1) + 1
        self.set_meta("seq:" + name, str(value))
        return value

    # ---- accounts ----

    def account(self, app_id: str) -> Optional[Account]:
        row = self._q("SELECT * FROM accounts WHERE app_id = ?", (app_id,)).fetchone()
        if row is None:
            return None
        return Account(row["app_id"], row["access_token"], int(row["points"]), int(row["bonus"]), _load(row["data"]))

    def accounts(self) -> List[Account]:
        rows = self._q("SELECT app_id FROM accounts ORDER BY rowid").fetchall()
        return [a for a in (self.account(r["app_id"]) for r in rows) if a is not None]

    def put_account(self, account: Account) -> None:
        self._q(
            "INSERT INTO accounts (app_id, access_token, points, bonus, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(app_id) DO UPDATE SET access_token = excluded.access_token, points = excluded.points, "
            "bonus = excluded.bonus, data = excluded.data",
            (account.app_id, account.access_token, account.points, account.bonus, _dump(account.data)),
        )

    # ---- transactions (SMS, calls, faxes) ----

    def add_txn(self, txn: Txn) -> None:
        self._q(
            "INSERT INTO txns (ref, account, kind, seq, created, state, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (txn.ref, txn.account, txn.kind, txn.seq, txn.created, txn.state, _dump(txn.data)),
        )

    def txn(self, ref: str) -> Optional[Txn]:
        row = self._q("SELECT * FROM txns WHERE ref = ?", (ref,)).fetchone()
        return _txn(row) if row is not None else None

    def put_txn(self, txn: Txn) -> None:
        self._q("UPDATE txns SET state = ?, data = ? WHERE ref = ?", (txn.state, _dump(txn.data), txn.ref))

    def history(
        self, account: str, kind: str, since: Optional[float], until: Optional[float], offset: int, limit: int, direction: Optional[str] = None
    ) -> Tuple[int, List[Txn]]:
        """(total in the period, one page of it), oldest first."""
        where = ["account = ?", "kind = ?"]
        args: List[Any] = [account, kind]
        if since is not None:
            where.append("created >= ?")
            args.append(since)
        if until is not None:
            where.append("created < ?")
            args.append(until)
        if direction is not None:
            where.append("json_extract(data, '$._direction') = ?")
            args.append(direction)
        clause = " AND ".join(where)
        total = int(self._q(f"SELECT COUNT(*) AS n FROM txns WHERE {clause}", tuple(args)).fetchone()["n"])  # noqa: S608
        rows = self._q(f"SELECT * FROM txns WHERE {clause} ORDER BY created, seq LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()  # noqa: S608
        return total, [_txn(r) for r in rows]

    def txns(self, account: Optional[str] = None, state: Optional[str] = None) -> List[Txn]:
        where, args = [], []
        if account is not None:
            where.append("account = ?")
            args.append(account)
        if state is not None:
            where.append("state = ?")
            args.append(state)
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        return [_txn(r) for r in self._q(f"SELECT * FROM txns {clause} ORDER BY seq", tuple(args)).fetchall()]  # noqa: S608

    def room_members(self, account: str, room: str) -> List[Txn]:
        """The calls now in a conference room."""
        rows = self._q(
            "SELECT * FROM txns WHERE account = ? AND state = 'ongoing' AND kind = 'call' AND json_extract(data, '$.room') = ? ORDER BY seq",
            (account, room),
        ).fetchall()
        return [_txn(r) for r in rows]

    def count_ongoing(self, account: str) -> int:
        row = self._q("SELECT COUNT(*) AS n FROM txns WHERE account = ? AND state = 'ongoing' AND kind IN ('call', 'fax')", (account,)).fetchone()
        return int(row["n"])

    # ---- IVR sessions ----

    def session(self, session_id: str) -> Optional[Dict[str, Any]]:
        row = self._q("SELECT data FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return _load(row["data"]) if row is not None else None

    def put_session(self, data: Dict[str, Any]) -> None:
        self._q(
            "INSERT INTO sessions (id, account, data) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data",
            (data["id"], data["account"], _dump(data)),
        )

    def sessions(self, account: Optional[str] = None) -> List[Dict[str, Any]]:
        if account is None:
            rows = self._q("SELECT data FROM sessions ORDER BY rowid").fetchall()
        else:
            rows = self._q("SELECT data FROM sessions WHERE account = ? ORDER BY rowid", (account,)).fetchall()
        return [_load(r["data"]) for r in rows]

    # ---- Hoiio Numbers ----

    def number(self, number: str) -> Optional[Dict[str, Any]]:
        row = self._q("SELECT data FROM numbers WHERE number = ?", (number,)).fetchone()
        return _load(row["data"]) if row is not None else None

    def put_number(self, data: Dict[str, Any]) -> None:
        self._q(
            "INSERT INTO numbers (number, account, data) VALUES (?, ?, ?) "
            "ON CONFLICT(number) DO UPDATE SET account = excluded.account, data = excluded.data",
            (data["number"], data["_account"], _dump(data)),
        )

    def drop_number(self, number: str) -> None:
        self._q("DELETE FROM numbers WHERE number = ?", (number,))

    def numbers(self, account: Optional[str] = None) -> List[Dict[str, Any]]:
        if account is None:
            rows = self._q("SELECT data FROM numbers ORDER BY rowid").fetchall()
        else:
            rows = self._q("SELECT data FROM numbers WHERE account = ? ORDER BY rowid", (account,)).fetchall()
        return [_load(r["data"]) for r in rows]

    # ---- scheduled events ----

    def add_event(self, due: float, account: str, kind: str, data: Dict[str, Any]) -> int:
        cur = self._q("INSERT INTO events (due, account, kind, data) VALUES (?, ?, ?, ?)", (due, account, kind, _dump(data)))
        return int(cur.lastrowid or 0)

    def next_event(self, now: float) -> Optional[Event]:
        row = self._q("SELECT * FROM events WHERE due <= ? ORDER BY due, id LIMIT 1", (now,)).fetchone()
        if row is None:
            return None
        self._q("DELETE FROM events WHERE id = ?", (row["id"],))
        return Event(int(row["id"]), float(row["due"]), row["account"], row["kind"], _load(row["data"]))

    def next_due(self) -> Optional[float]:
        row = self._q("SELECT MIN(due) AS due FROM events").fetchone()
        return float(row["due"]) if row is not None and row["due"] is not None else None

    def events(self) -> List[Event]:
        rows = self._q("SELECT * FROM events ORDER BY due, id").fetchall()
        return [Event(int(r["id"]), float(r["due"]), r["account"], r["kind"], _load(r["data"])) for r in rows]

    # ---- notifications ----

    def add_notification(self, account: str, kind: str, ref: Optional[str], url: str, body: str, signature: str, created: float) -> int:
        cur = self._q(
            "INSERT INTO notifications (account, kind, ref, url, body, signature, created, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued')",
            (account, kind, ref, url, body, signature, created),
        )
        return int(cur.lastrowid or 0)

    def notification(self, note_id: int) -> Optional[Dict[str, Any]]:
        row = self._q("SELECT * FROM notifications WHERE id = ?", (note_id,)).fetchone()
        return dict(row) if row is not None else None

    def finish_notification(self, note_id: int, state: str, http_status: Optional[int], error: Optional[str], sent: float) -> None:
        self._q(
            "UPDATE notifications SET state = ?, http_status = ?, error = ?, sent = ? WHERE id = ?",
            (state, http_status, error, sent, note_id),
        )

    def notifications(self, account: Optional[str] = None, after: int = 0) -> List[Dict[str, Any]]:
        if account is None:
            rows = self._q("SELECT * FROM notifications WHERE id > ? ORDER BY id", (after,)).fetchall()
        else:
            rows = self._q("SELECT * FROM notifications WHERE account = ? AND id > ? ORDER BY id", (account, after)).fetchall()
        return [dict(r) for r in rows]

    def fail_queued_notifications(self, error: str) -> int:
        cur = self._q("UPDATE notifications SET state = 'failed', error = ? WHERE state = 'queued'", (error,))
        return int(cur.rowcount)

    # ---- files (faxes, recordings) ----

    def put_file(self, file_id: str, account: str, name: str, content_type: str, data: bytes, created: float) -> None:
        self._q(
            "INSERT OR REPLACE INTO files (id, account, name, content_type, data, created) VALUES (?, ?, ?, ?, ?, ?)",
            (file_id, account, name, content_type, sqlite3.Binary(data), created),
        )

    def file(self, file_id: str) -> Optional[Tuple[str, str, bytes, str]]:
        row = self._q("SELECT name, content_type, data, account FROM files WHERE id = ?", (file_id,)).fetchone()
        return (row["name"], row["content_type"], bytes(row["data"]), row["account"]) if row is not None else None

    # ---- scripts: what the simulated world does next ----

    def add_script(self, account: str, kind: str, target: str, data: Dict[str, Any]) -> None:
        self._q("INSERT INTO scripts (account, kind, target, data) VALUES (?, ?, ?, ?)", (account, kind, target, _dump(data)))

    def take_script(self, account: str, kind: str, targets: Tuple[str, ...]) -> Optional[Dict[str, Any]]:
        """The oldest script of ``kind`` for the first of ``targets`` that has one, removed."""
        for target in targets:
            row = self._q(
                "SELECT id, data FROM scripts WHERE account = ? AND kind = ? AND target = ? ORDER BY id LIMIT 1", (account, kind, target)
            ).fetchone()
            if row is not None:
                self._q("DELETE FROM scripts WHERE id = ?", (row["id"],))
                return _load(row["data"])
        return None

    def set_number_script(self, account: str, number: str, data: Optional[Dict[str, Any]]) -> None:
        self._q("DELETE FROM scripts WHERE account = ? AND kind = 'number' AND target = ?", (account, number))
        if data is not None:
            self.add_script(account, "number", number, data)

    def number_script(self, account: str, number: str) -> Optional[Dict[str, Any]]:
        row = self._q("SELECT data FROM scripts WHERE account = ? AND kind = 'number' AND target = ?", (account, number)).fetchone()
        return _load(row["data"]) if row is not None else None

    def scripts(self, account: str) -> List[Dict[str, Any]]:
        rows = self._q("SELECT kind, target, data FROM scripts WHERE account = ? ORDER BY id", (account,)).fetchall()
        return [{"kind": r["kind"], "target": r["target"], **_load(r["data"])} for r in rows]

    # ---- the console's views: the latest rows, newest first ----

    @property
    def changes(self) -> int:
        """Rows written since the store opened (the console's cheap "has anything changed?")."""
        return int(self._conn.total_changes)

    def latest_txns(self, account: str, kind: str, limit: int) -> List[Txn]:
        rows = self._q("SELECT * FROM txns WHERE account = ? AND kind = ? ORDER BY created DESC, seq DESC LIMIT ?", (account, kind, limit))
        return [_txn(r) for r in rows.fetchall()]

    def count_txns(self, account: str, kind: str) -> int:
        return int(self._q("SELECT COUNT(*) AS n FROM txns WHERE account = ? AND kind = ?", (account, kind)).fetchone()["n"])

    def latest_sessions(self, account: str, limit: int) -> List[Dict[str, Any]]:
        rows = self._q("SELECT data FROM sessions WHERE account = ? ORDER BY rowid DESC LIMIT ?", (account, limit)).fetchall()
        return [_load(r["data"]) for r in rows]

    def latest_notifications(self, account: str, limit: int, ref: Optional[str] = None) -> List[Dict[str, Any]]:
        if ref is None:
            rows = self._q("SELECT * FROM notifications WHERE account = ? ORDER BY id DESC LIMIT ?", (account, limit))
        else:
            rows = self._q("SELECT * FROM notifications WHERE account = ? AND ref = ? ORDER BY id DESC LIMIT ?", (account, ref, limit))
        return [dict(r) for r in rows.fetchall()]

    def count_events(self) -> int:
        return int(self._q("SELECT COUNT(*) AS n FROM events").fetchone()["n"])

    def last_notification_id(self) -> int:
        return int(self._q("SELECT COALESCE(MAX(id), 0) AS n FROM notifications").fetchone()["n"])

    def count_notifications(self, account: str) -> int:
        return int(self._q("SELECT COUNT(*) AS n FROM notifications WHERE account = ?", (account,)).fetchone()["n"])


def _txn(row: sqlite3.Row) -> Txn:
    return Txn(row["ref"], row["account"], row["kind"], int(row["seq"]), float(row["created"]), row["state"], _load(row["data"]))
