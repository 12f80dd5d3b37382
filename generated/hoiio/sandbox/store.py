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
import math
import os
import sqlite3
import sys
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
    created REAL NOT NULL, state TEXT NOT NULL, data TEXT NOT NULL,
    direction TEXT NOT NULL DEFAULT '', pos INTEGER, dpos INTEGER);
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
    state TEXT NOT NULL, http_status INTEGER, error TEXT, sent REAL, answer TEXT, refusal TEXT, duration REAL);
CREATE TABLE IF NOT EXISTS files (
    id TEXT PRIMARY KEY, account TEXT NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL,
    data BLOB NOT NULL, created REAL NOT NULL);
CREATE INDEX IF NOT EXISTS notifications_ref ON notifications (ref);
CREATE TABLE IF NOT EXISTS scripts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account TEXT NOT NULL, kind TEXT NOT NULL,
    target TEXT NOT NULL, data TEXT NOT NULL);
"""

#: Indexes made after the columns they need exist (an older file gains the columns first).
INDEXES = """
CREATE INDEX IF NOT EXISTS txns_pos ON txns (account, kind, pos);
CREATE INDEX IF NOT EXISTS txns_when ON txns (account, kind, created, pos);
CREATE INDEX IF NOT EXISTS txns_dpos ON txns (account, kind, direction, dpos);
CREATE INDEX IF NOT EXISTS txns_dwhen ON txns (account, kind, direction, created, dpos);
CREATE INDEX IF NOT EXISTS notifications_account ON notifications (account, id);
DROP INDEX IF EXISTS txns_history;
"""

#: Columns added since the first version, for files an older sandbox made.
ADDED_COLUMNS = (
    ("txns", "direction", "TEXT NOT NULL DEFAULT ''"),
    ("txns", "pos", "INTEGER"),
    ("txns", "dpos", "INTEGER"),
    ("notifications", "answer", "TEXT"),
    ("notifications", "refusal", "TEXT"),
    ("notifications", "duration", "REAL"),
)

#: Numbering the history of a file made before positions existed.
BACKFILL = """
UPDATE txns SET direction = COALESCE(json_extract(data, '$._direction'), '');
WITH o AS (SELECT ref, ROW_NUMBER() OVER (PARTITION BY account, kind ORDER BY created, seq) AS p,
                  ROW_NUMBER() OVER (PARTITION BY account, kind, direction ORDER BY created, seq) AS d FROM txns)
UPDATE txns SET pos = o.p, dpos = o.d FROM o WHERE o.ref = txns.ref;
"""

TABLES = ("accounts", "txns", "sessions", "numbers", "events", "notifications", "files", "scripts", "meta")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dump(data: Dict[str, Any]) -> str:
    return _ENCODER.encode(data)


_FLAT = (str, int, float, bool, type(None))


def _flat(data: Dict[str, Any]) -> bool:
    """Whether a dict holds only plain values (so that dict(data) is a full copy)."""
    return all(type(v) in _FLAT for v in data.values())


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


class StoreError(Exception):
    """SQLite failed (``full``: the disk or the database's size limit is full)."""

    def __init__(self, message: str, full: bool = False) -> None:
        super().__init__(message)
        self.full = full

    @classmethod
    def of(cls, exc: sqlite3.Error) -> "StoreError":
        full = getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "full" in str(exc)
        return cls(f"the database is full: {exc}" if full else f"the database failed: {exc}", full)


class DatabaseInUse(StoreError):
    """Another sandbox has the database file open."""


class FileLock:
    """An exclusive lock on ``path`` (made if missing) for as long as the process holds it: the
    operating system drops it when the process ends, however it ends."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fh = open(path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            _lock(self._fh)
        except OSError:
            self._fh.seek(0)
            holder = self._fh.read(40).decode("ascii", "replace").strip()
            self._fh.close()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise DatabaseInUse(
                f"the database file {path[: -len('.lock')]} is in use by another sandbox{who}; stop it, or give this one another --db"
            ) from None
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(str(os.getpid()).encode("ascii"))
        self._fh.flush()

    def release(self) -> None:
        try:
            self._fh.seek(0)
            self._fh.truncate()
        except OSError:  # pragma: no cover
            pass
        _unlock(self._fh)
        self._fh.close()


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _lock(fh: Any) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: Any) -> None:
        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _lock(fh: Any) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: Any) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class Store:
    """The state. Use ``with store.transaction():`` around anything that reads and writes."""

    def __init__(self, path: Optional[str] = None) -> None:
        self.path = path or ":memory:"
        self._conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30.0)
        self._conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        self._depth = 0
        self._clean = -1  # total_changes when the transaction began
        self._file_lock: Optional[FileLock] = None
        # What this store last wrote, read back without a query; forgotten on any rollback. Only
        # one sandbox uses a file (FileLock), so nothing else changes it meanwhile.
        self._ends: Dict[Tuple[str, str, str], Tuple[int, float]] = {}  # history -> (last position, its time)
        self._meta: Dict[str, Optional[str]] = {}
        self._due: Optional[float] = None  # the earliest event's due time (inf: none); None: not known
        # app_id -> its row and, when it holds only plain values, its data read (None: no such account)
        self._accounts: Dict[str, Optional[Tuple[str, int, int, str, Optional[Dict[str, Any]]]]] = {}
        try:
            if self.path != ":memory:":
                self._file_lock = FileLock(self.path + ".lock")
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(SCHEMA)
            self._migrate()
        except sqlite3.Error as exc:
            self.close()
            raise StoreError.of(exc) from exc
        except BaseException:
            self.close()
            raise

    def _migrate(self) -> None:
        """Bring a file an older sandbox made up to this schema (columns, positions, indexes)."""
        with self.transaction():
            added = False
            for table, column, kind in ADDED_COLUMNS:
                have = {r["name"] for r in self._q(f"PRAGMA table_info({table})")}
                if column not in have:
                    self._q(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                    added = added or table == "txns"
            if added or self._q("SELECT 1 FROM txns WHERE pos IS NULL LIMIT 1").fetchone() is not None:
                for statement in BACKFILL.split(";"):
                    if statement.strip():
                        self._q(statement)
            for statement in INDEXES.split(";"):
                if statement.strip():
                    self._q(statement)

    def close(self) -> None:
        with self.lock:
            self._conn.close()
            if self._file_lock is not None:
                self._file_lock.release()
                self._file_lock = None

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All or nothing; SQLite's own failures (a full disk) come out as StoreError."""
        with self.lock:
            outer = self._depth == 0
            if outer:
                self._begin()
            self._depth += 1
            try:
                yield self
            except sqlite3.Error as exc:
                self._depth -= 1
                if not outer:
                    raise
                self._rollback()
                raise StoreError.of(exc) from exc
            except BaseException:
                self._depth -= 1
                if outer:
                    self._rollback()
                raise
            self._depth -= 1
            if outer:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.Error as exc:
                    self._rollback()
                    raise StoreError.of(exc) from exc

    def _begin(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError.of(exc) from exc
        self._clean = self._conn.total_changes  # what a savepoint here may skip (savepoint())

    def _forget(self) -> None:
        self._ends.clear()
        self._meta.clear()
        self._due = None
        self._accounts.clear()

    def _rollback(self) -> None:
        self._forget()
        if self._conn.in_transaction:
            try:
                self._conn.execute("ROLLBACK")
            except sqlite3.Error:  # pragma: no cover - SQLite rolled back already
                pass

    @contextmanager
    def savepoint(self, name: str) -> Iterator[None]:
        """Inside a transaction: undo only what the block did if it raises.

        While the transaction has written nothing yet (the usual request), no SAVEPOINT is
        needed: undoing the block is rolling the whole transaction back and beginning again,
        under the same lock, so no one sees the difference; two statements fewer per request."""
        if self._depth and self._conn.in_transaction and self._conn.total_changes == self._clean:
            try:
                yield
            except BaseException:
                self._rollback()
                self._begin()
                raise
            return
        self._q(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._q(f"ROLLBACK TO {name}")
            self._forget()
            self._q(f"RELEASE {name}")
            raise
        self._q(f"RELEASE {name}")

    def _q(self, sql: str, args: Tuple[Any, ...] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, args)

    def wipe(self) -> None:
        """Forget everything (the schema stays)."""
        self._forget()
        for table in TABLES:
            self._q(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    # ---- meta: small values, counters ----

    def meta(self, key: str, default: Optional[str] = None) -> Optional[str]:
        if key not in self._meta:
            row = self._q("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
            self._meta[key] = str(row["value"]) if row is not None else None
        value = self._meta[key]
        return value if value is not None else default

    def set_meta(self, key: str, value: Optional[str]) -> None:
        self._meta[key] = value
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
        if app_id not in self._accounts:
            row = self._q("SELECT * FROM accounts WHERE app_id = ?", (app_id,)).fetchone()
            self._accounts[app_id] = self._account_row(row["access_token"], int(row["points"]), int(row["bonus"]), row["data"]) if row is not None else None
        found = self._accounts[app_id]
        if found is None:
            return None
        token, points, bonus, text, data = found
        # a new object each time: callers change it
        return Account(app_id, token, points, bonus, dict(data) if data is not None else _load(text))

    @staticmethod
    def _account_row(token: str, points: int, bonus: int, text: str) -> Tuple[str, int, int, str, Optional[Dict[str, Any]]]:
        data = _load(text)
        return token, points, bonus, text, data if _flat(data) else None

    def accounts(self) -> List[Account]:
        rows = self._q("SELECT app_id FROM accounts ORDER BY rowid").fetchall()
        return [a for a in (self.account(r["app_id"]) for r in rows) if a is not None]

    def put_account(self, account: Account) -> None:
        data = _dump(account.data)
        self._accounts[account.app_id] = self._account_row(account.access_token, account.points, account.bonus, data)
        self._q(
            "INSERT INTO accounts (app_id, access_token, points, bonus, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(app_id) DO UPDATE SET access_token = excluded.access_token, points = excluded.points, "
            "bonus = excluded.bonus, data = excluded.data",
            (account.app_id, account.access_token, account.points, account.bonus, data),
        )

    def set_balance(self, app_id: str, points: int, bonus: int) -> None:
        """Change an existing account's points and bonus (nothing else)."""
        found = self._accounts.get(app_id)
        if found is not None:
            self._accounts[app_id] = (found[0], points, bonus, found[3], found[4])
        else:
            self._accounts.pop(app_id, None)
        self._q("UPDATE accounts SET points = ?, bonus = ? WHERE app_id = ?", (points, bonus, app_id))

    # ---- transactions (SMS, calls, faxes) ----

    def _end(self, account: str, kind: str, direction: str) -> Tuple[int, float]:
        """(last position, its time) of a history; (0, 0.0) while it is empty."""
        key = (account, kind, direction)
        if key not in self._ends:
            column, base, args = _series(account, kind, direction)
            row = self._q(f"SELECT {column} AS p, created FROM txns WHERE {base} ORDER BY {column} DESC LIMIT 1", args).fetchone()  # noqa: S608
            self._ends[key] = (int(row["p"]), float(row["created"])) if row is not None and row["p"] is not None else (0, 0.0)
        return self._ends[key]

    def _next_pos(self, account: str, kind: str, direction: str, created: float) -> Tuple[int, float]:
        """The next position in a history, and the time it files under (never before the last)."""
        last, when = self._end(account, kind, direction)
        nxt = (last + 1, max(created, when))
        self._ends[(account, kind, direction)] = nxt
        return nxt

    def add_txn(self, txn: Txn) -> None:
        """Store a new transaction at the end of its account's history (and its direction's)."""
        direction = str(txn.data.get("_direction") or "")
        pos, when = self._next_pos(txn.account, txn.kind, "", txn.created)
        dpos = self._next_pos(txn.account, txn.kind, direction, when)[0] if direction else None
        self._q(
            "INSERT INTO txns (ref, account, kind, seq, created, state, data, direction, pos, dpos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (txn.ref, txn.account, txn.kind, txn.seq, when, txn.state, _dump(txn.data), direction, pos, dpos),
        )

    def txn(self, ref: str) -> Optional[Txn]:
        row = self._q("SELECT * FROM txns WHERE ref = ?", (ref,)).fetchone()
        return _txn(row) if row is not None else None

    def put_txn(self, txn: Txn) -> None:
        self._q("UPDATE txns SET state = ?, data = ? WHERE ref = ?", (txn.state, _dump(txn.data), txn.ref))

    def history(
        self, account: str, kind: str, since: Optional[float], until: Optional[float], offset: int, limit: int, direction: Optional[str] = None
    ) -> Tuple[int, List[Txn]]:
        """(total in the period, one page of it), oldest first.

        Each transaction has its position in its account's history of that kind (and of that
        direction), in the order made, which is also the order of time; so the period's bounds,
        its total and any page are a few index look-ups, however long the history is: no
        COUNT(*), no OFFSET."""
        column, base, args = _series(account, kind, direction or "")
        low, high = 1, self._end(account, kind, direction or "")[0]
        if since is not None:
            row = self._q(f"SELECT {column} AS p FROM txns WHERE {base} AND created >= ? ORDER BY created, {column} LIMIT 1", (*args, since)).fetchone()  # noqa: S608
            low = int(row["p"]) if row is not None else high + 1
        if until is not None:
            row = self._q(f"SELECT {column} AS p FROM txns WHERE {base} AND created < ? ORDER BY created DESC, {column} DESC LIMIT 1", (*args, until)).fetchone()  # noqa: S608
            high = int(row["p"]) if row is not None else 0
        total = max(0, high - low + 1)
        first = low + offset
        if total == 0 or first > high or limit <= 0:
            return total, []
        rows = self._q(f"SELECT * FROM txns WHERE {base} AND {column} BETWEEN ? AND ? ORDER BY {column}", (*args, first, min(high, first + limit - 1))).fetchall()  # noqa: S608
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
        if self._due is not None:
            self._due = min(self._due, due)
        return int(cur.lastrowid or 0)

    def next_event(self, now: float) -> Optional[Event]:
        """The earliest event due by ``now``, taken off the schedule; None when none is (known
        without a query while the earliest is later)."""
        if self._due is not None and self._due > now:
            return None
        row = self._q("SELECT * FROM events ORDER BY due, id LIMIT 1").fetchone()
        if row is None or float(row["due"]) > now:
            self._due = float(row["due"]) if row is not None else math.inf
            return None
        self._q("DELETE FROM events WHERE id = ?", (row["id"],))
        self._due = None
        return Event(int(row["id"]), float(row["due"]), row["account"], row["kind"], _load(row["data"]))

    def next_due(self) -> Optional[float]:
        if self._due is None:
            row = self._q("SELECT MIN(due) AS due FROM events").fetchone()
            self._due = float(row["due"]) if row is not None and row["due"] is not None else math.inf
        return self._due if self._due != math.inf else None

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

    def finish_notification(self, note_id: int, state: str, http_status: Optional[int], error: Optional[str], sent: float, *,
                            answer: Optional[str] = None, refusal: Optional[str] = None, duration: Optional[float] = None) -> None:  # fmt: skip
        self._q(
            "UPDATE notifications SET state = ?, http_status = ?, error = ?, sent = ?, answer = ?, refusal = ?, duration = ? WHERE id = ?",
            (state, http_status, error, sent, answer, refusal, duration, note_id),
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


def _series(account: str, kind: str, direction: str) -> Tuple[str, str, Tuple[str, ...]]:
    """(position column, condition, its arguments) of a history: all of a kind, or one direction."""
    if not direction:
        return "pos", "account = ? AND kind = ?", (account, kind)
    return "dpos", "account = ? AND kind = ? AND direction = ?", (account, kind, direction)


def _txn(row: sqlite3.Row) -> Txn:
    return Txn(row["ref"], row["account"], row["kind"], int(row["seq"]), float(row["created"]), row["state"], _load(row["data"]))
