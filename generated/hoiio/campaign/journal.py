"""The campaign's journal: what was planned, what is being sent, what came of each chunk.

One row a chunk: its numbers (comma-separated E.164), its count and cost, its state and the
attempt whose tag it went out with. States:

- ``planned``: not sent (or proven not sent): may be sent;
- ``sending``: written, durably, *before* the request leaves; a chunk found in this state by a
  later run was interrupted (a crash, a kill) and is reconciled before anything is re-sent;
- ``sent``: Hoiio answered with a ``bulk_txn_ref``, or reconciliation found the chunk's tag in
  the SMS history;
- ``refused``: Hoiio answered an error status (kept in ``status``): nothing was sent;
- ``unknown``: the request may have reached Hoiio and no answer came: reconciled like
  ``sending``.

:class:`SQLiteJournal` is the default (a file, no server: WAL, ``synchronous=FULL``, so each
state change is on disk before the next step). The distributed mode keeps the same rows in
PostgreSQL (``hoiio.campaign.distributed``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

__all__ = ["Chunk", "SQLiteJournal", "JournalError", "STATES"]

STATES = ("planned", "sending", "sent", "refused", "unknown")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    idx INTEGER PRIMARY KEY,
    numbers TEXT NOT NULL,
    count INTEGER NOT NULL,
    cost TEXT,
    state TEXT NOT NULL DEFAULT 'planned',
    attempt INTEGER NOT NULL DEFAULT 0,
    first_at REAL,
    sending_at REAL,
    bulk_txn_ref TEXT,
    status TEXT,
    reconciled INTEGER NOT NULL DEFAULT 0,
    note TEXT
);
CREATE INDEX IF NOT EXISTS chunks_state ON chunks (state, idx);
CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, at REAL NOT NULL, chunk INTEGER, text TEXT NOT NULL);
"""


class JournalError(Exception):
    """The journal cannot be used as asked (missing, not a campaign journal, in use, ...)."""


class Chunk:
    """One chunk's row (without its numbers unless asked for)."""

    __slots__ = ("idx", "count", "cost", "state", "attempt", "first_at", "sending_at", "bulk_txn_ref", "status", "reconciled", "note", "numbers")

    def __init__(self, row: Sequence[Any], numbers: Optional[str] = None) -> None:
        (self.idx, self.count, self.cost, self.state, self.attempt, self.first_at, self.sending_at,
         self.bulk_txn_ref, self.status, self.reconciled, self.note) = row  # fmt: skip
        self.numbers = numbers

    def __repr__(self) -> str:
        return f"<Chunk #{self.idx} {self.count} numbers {self.state} attempt {self.attempt}>"


_COLUMNS = "idx, count, cost, state, attempt, first_at, sending_at, bulk_txn_ref, status, reconciled, note"


class SQLiteJournal:
    """A campaign journal in one SQLite file. Safe to share between the threads of one runner
    (one connection, one lock); one runner at a time holds the file (:meth:`lock`)."""

    def __init__(self, path: str, *, create: bool = False, synchronous: str = "FULL") -> None:
        self.path = os.fspath(path)
        if not create and not os.path.exists(self.path):
            raise JournalError(f"journal {self.path!r} does not exist")
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        if synchronous.upper() not in ("FULL", "NORMAL", "EXTRA"):
            raise ValueError("synchronous: expected FULL, NORMAL or EXTRA")
        self._db.execute(f"PRAGMA synchronous={synchronous.upper()}")
        self._db.executescript(SCHEMA)
        self._lockfile: Any = None
        if not create and self.meta().get("campaign_id") is None:
            raise JournalError(f"{self.path!r} holds no campaign (its planning did not finish: nothing was sent)")

    # ---- the runner's exclusive hold on the file ------------------------------------------

    def lock(self) -> None:
        """Hold the journal for this process (released when it ends, even by SIGKILL). Raises
        JournalError when another process holds it."""
        if self._lockfile is not None:
            return
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX: no cross-process guard
            return
        handle = open(self.path, "rb")  # noqa: SIM115 - held for the runner's lifetime
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise JournalError(f"journal {self.path!r} is in use by another runner") from None
        self._lockfile = handle

    def close(self) -> None:
        with self._lock:
            self._db.close()
        if self._lockfile is not None:
            self._lockfile.close()
            self._lockfile = None

    # ---- meta -------------------------------------------------------------------------------

    def meta(self) -> Dict[str, Any]:
        with self._lock:
            return {k: json.loads(v) for k, v in self._db.execute("SELECT key, value FROM meta")}

    def set_meta(self, **values: Any) -> None:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [(k, json.dumps(v)) for k, v in values.items()])
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # ---- planning (one transaction: a crash while planning leaves no campaign) ---------------

    def begin_plan(self, cid: str = "") -> None:
        with self._lock:
            if self._db.execute("SELECT 1 FROM meta WHERE key = 'campaign_id'").fetchone() is not None:
                raise JournalError(f"journal {self.path!r} already holds a campaign (use resume, or another file)")
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM chunks")
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS seen (n TEXT PRIMARY KEY) WITHOUT ROWID")

    def fresh(self, numbers: Sequence[str]) -> List[str]:
        """The numbers new to this plan, in order (the duplicate check, on disk, not in memory):
        one look-up and one insert a batch."""
        known = {r[0] for r in self._db.execute("SELECT n FROM seen WHERE n IN (SELECT value FROM json_each(?))", (json.dumps(list(numbers)),))}
        out = []
        for n in numbers:
            if n not in known:
                known.add(n)  # a second time in the same batch: a duplicate
                out.append(n)
        self._db.executemany("INSERT INTO seen (n) VALUES (?)", [(n,) for n in out])
        return out

    def add_chunk(self, idx: int, numbers: Sequence[str], cost: Optional[str]) -> None:
        self._db.execute("INSERT INTO chunks (idx, numbers, count, cost) VALUES (?, ?, ?, ?)", (idx, ",".join(numbers), len(numbers), cost))

    def commit_plan(self, **meta: Any) -> None:
        self._db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()])
        self._db.execute("DROP TABLE IF EXISTS temp.seen")
        self._db.execute("COMMIT")

    def abort_plan(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._db.execute("DROP TABLE IF EXISTS temp.seen")

    # ---- chunks -----------------------------------------------------------------------------

    def chunk(self, idx: int, numbers: bool = False) -> Chunk:
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS}, numbers FROM chunks WHERE idx = ?", (idx,)).fetchone()  # noqa: S608
        if row is None:
            raise JournalError(f"no chunk #{idx}")
        return Chunk(row[:-1], row[-1] if numbers else None)

    def chunks(self, *states: str) -> List[Chunk]:
        """The chunks in these states (all when none given), in order, without their numbers."""
        where = f"WHERE state IN ({','.join('?' * len(states))})" if states else ""
        with self._lock:
            return [Chunk(r) for r in self._db.execute(f"SELECT {_COLUMNS} FROM chunks {where} ORDER BY idx", states)]  # noqa: S608

    def planned_ids(self) -> List[int]:
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT idx FROM chunks WHERE state = 'planned' ORDER BY idx")]

    def update(self, idx: int, expect: Optional[Sequence[str]] = None, note: Optional[str] = None, **values: Any) -> None:
        """Change one chunk's row, durably (committed before this returns). With ``expect``,
        only if the chunk is in one of those states (JournalError otherwise). ``note`` also
        goes to the notes log."""
        sets = ", ".join(f"{k} = ?" for k in values)
        args: List[Any] = list(values.values())
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if note is not None:
                    sets = f"{sets}, note = ?" if sets else "note = ?"
                    args.append(note)
                    self._db.execute("INSERT INTO notes (at, chunk, text) VALUES (?, ?, ?)", (time.time(), idx, note))
                query = f"UPDATE chunks SET {sets} WHERE idx = ?"  # noqa: S608
                args.append(idx)
                if expect:
                    query += f" AND state IN ({','.join('?' * len(expect))})"
                    args.extend(expect)
                if self._db.execute(query, args).rowcount != 1:
                    raise JournalError(f"chunk #{idx} is not in state {'/'.join(expect or ())}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def add_note(self, text: str, chunk: Optional[int] = None) -> None:
        with self._lock:
            self._db.execute("INSERT INTO notes (at, chunk, text) VALUES (?, ?, ?)", (time.time(), chunk, text))

    def notes(self, limit: int = 50) -> List[Tuple[float, Optional[int], str]]:
        with self._lock:
            rows = self._db.execute("SELECT at, chunk, text FROM notes ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [(r[0], r[1], r[2]) for r in reversed(rows)]

    def tally(self) -> Dict[str, Any]:
        """Counts for the summary: numbers and chunks by state, refused numbers by status,
        reconciled chunks, the cost of what was sent."""
        with self._lock:
            by_state = {s: (n, c) for s, n, c in self._db.execute("SELECT state, COALESCE(SUM(count), 0), COUNT(*) FROM chunks GROUP BY state")}
            refused = dict(self._db.execute("SELECT status, SUM(count) FROM chunks WHERE state = 'refused' GROUP BY status").fetchall())
            rec = self._db.execute("SELECT COUNT(*), COALESCE(SUM(count), 0) FROM chunks WHERE reconciled = 1").fetchone()
            resent = self._db.execute("SELECT COUNT(*) FROM chunks WHERE attempt > 0 AND state = 'sent'").fetchone()[0]
            costs = [c for (c,) in self._db.execute("SELECT cost FROM chunks WHERE state = 'sent' AND cost IS NOT NULL")]
        return {
            "numbers": {s: v[0] for s, v in by_state.items()},
            "chunks": {s: v[1] for s, v in by_state.items()},
            "refused": {str(k): int(v) for k, v in refused.items()},
            "reconciled_chunks": int(rec[0]),
            "reconciled_numbers": int(rec[1]),
            "resent_chunks": int(resent),
            "cost": str(sum((Decimal(c) for c in costs), Decimal(0))) if costs else None,
        }

    def iter_numbers(self) -> Iterator[Tuple[int, str, List[str]]]:
        """(chunk index, state, numbers) for every chunk, one chunk in memory at a time."""
        last = -1
        while True:
            with self._lock:
                row = self._db.execute("SELECT idx, state, numbers FROM chunks WHERE idx > ? ORDER BY idx LIMIT 1", (last,)).fetchone()
            if row is None:
                return
            last = row[0]
            yield row[0], row[1], row[2].split(",")
