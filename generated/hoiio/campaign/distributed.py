"""Campaigns on many machines: the chunks run as Celery tasks, the journal lives in PostgreSQL.

    pip install 'hoiio[campaign-distributed]'

    # on each worker machine (the credentials and the journal come from the environment,
    # never through the broker):
    export HOIIO_APP_ID=... HOIIO_ACCESS_TOKEN=... HOIIO_CAMPAIGN_JOURNAL=postgresql://...
    export HOIIO_CAMPAIGN_BROKER=redis://broker:6379/0
    celery -A hoiio.campaign.distributed worker --pool solo -n w1@%h

    # anywhere: plan the campaign into PostgreSQL, queue the tasks, follow it to the end
    hoiio campaign send --journal postgresql://... --broker redis://... --msg ... --dest @numbers.txt

The same chunk states and the same engine as on one machine (``hoiio.campaign.core``), and one
more state, ``claimed``: a task claims a planned chunk with ``SELECT ... FOR UPDATE SKIP
LOCKED`` (so two workers never take the same one) and holds a PostgreSQL advisory lock on it
for as long as it works on it. That lock is the worker's life line: when a worker dies (killed,
its machine gone), its session ends and the lock goes with it, and the chunk it left
``claimed`` (not sent: ``sending`` is written before the request leaves), ``sending`` or
``unknown`` is adopted by another worker, which reconciles it from the SMS history before
anything is sent again. A task drains the campaign: it claims chunks until none is left, then
adopts what dead workers left; a lost task costs nothing but its share of the work.

Never imported by ``hoiio`` or ``hoiio.campaign``: it needs celery, redis and psycopg.
"""

from __future__ import annotations

import json
import os
import socket
import time
import zlib
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import psycopg
from celery import Celery

from .core import Gate, Summary, apply_conclusions, plan, reconcile, send_chunk
from .journal import Chunk, JournalError

__all__ = ["app", "PostgresJournal", "create", "queue", "dispatch", "follow", "drain", "status", "latest_campaign", "TASK"]

TASK = "hoiio.campaign.drain"
QUEUE = "hoiio-campaign"
ORPHAN_STATES = ("claimed", "sending", "unknown")

SCHEMA = """
CREATE TABLE IF NOT EXISTS hoiio_campaigns (id TEXT PRIMARY KEY, meta JSONB NOT NULL, created_at DOUBLE PRECISION NOT NULL);
CREATE TABLE IF NOT EXISTS hoiio_campaign_chunks (
    campaign TEXT NOT NULL REFERENCES hoiio_campaigns (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    idx INTEGER NOT NULL,
    numbers TEXT NOT NULL,
    count INTEGER NOT NULL,
    cost TEXT,
    state TEXT NOT NULL DEFAULT 'planned',
    attempt INTEGER NOT NULL DEFAULT 0,
    first_at DOUBLE PRECISION,
    sending_at DOUBLE PRECISION,
    bulk_txn_ref TEXT,
    status TEXT,
    reconciled INTEGER NOT NULL DEFAULT 0,
    note TEXT,
    worker TEXT,
    PRIMARY KEY (campaign, idx)
);
CREATE INDEX IF NOT EXISTS hoiio_campaign_chunks_state ON hoiio_campaign_chunks (campaign, state, idx);
CREATE TABLE IF NOT EXISTS hoiio_campaign_notes (
    id BIGSERIAL PRIMARY KEY, campaign TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, chunk INTEGER, text TEXT NOT NULL
);
"""

_COLUMNS = "idx, count, cost, state, attempt, first_at, sending_at, bulk_txn_ref, status, reconciled, note"


def _env(name: str, default: Optional[str] = None) -> str:
    value = os.environ.get(name, default)
    if not value:
        raise JournalError(f"set {name} (the distributed campaign's workers read it from their environment)")
    return value


app = Celery("hoiio-campaign", broker=os.environ.get("HOIIO_CAMPAIGN_BROKER", "redis://127.0.0.1:6379/0"))
app.conf.update(
    task_default_queue=QUEUE,
    worker_prefetch_multiplier=1,  # a task waits in the broker, not in a worker that may die
    task_acks_late=False,  # a task is a drain loop: redelivered, it would only find nothing to do
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=False,
    task_ignore_result=True,
)


class PostgresJournal:
    """The journal of one campaign in PostgreSQL, shared by every worker. One connection
    (autocommit: each change its own transaction), which also holds this worker's advisory
    locks on the chunks it works on."""

    def __init__(self, dsn: str, cid: str = "", *, create: bool = False) -> None:
        self.dsn = dsn
        self.cid = cid
        self.key = _key(cid)
        self.db = psycopg.connect(dsn, autocommit=True)
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        if create:
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(4242)")  # one schema creation at a time
                self.db.execute(SCHEMA)
        elif cid and self.db.execute("SELECT 1 FROM hoiio_campaigns WHERE id = %s", (cid,)).fetchone() is None:
            raise JournalError(f"no campaign {cid!r} in the journal")
        self._plan: Any = None

    def close(self) -> None:
        self.db.close()

    # ---- meta -----------------------------------------------------------------------------

    def meta(self) -> Dict[str, Any]:
        row = self.db.execute("SELECT meta FROM hoiio_campaigns WHERE id = %s", (self.cid,)).fetchone()
        return dict(row[0]) if row else {}

    def set_meta(self, **values: Any) -> None:
        self.db.execute("UPDATE hoiio_campaigns SET meta = meta || %s::jsonb WHERE id = %s", (json.dumps(values), self.cid))

    # ---- planning (one transaction) ---------------------------------------------------------

    def begin_plan(self, cid: str = "") -> None:
        self.cid, self.key = cid, _key(cid)
        self.db.execute("BEGIN")
        self._plan = True
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS hoiio_seen (n TEXT PRIMARY KEY) ON COMMIT DROP")
        self._rows: List[Tuple[Any, ...]] = []

    def fresh(self, numbers: Sequence[str]) -> List[str]:
        """The numbers new to this plan, in order: one round trip a batch."""
        new = {r[0] for r in self.db.execute("INSERT INTO hoiio_seen (n) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING RETURNING n", (list(numbers),))}
        out = []
        for n in numbers:
            if n in new:
                new.discard(n)  # a second time in the same batch: a duplicate
                out.append(n)
        return out

    def add_chunk(self, idx: int, numbers: Sequence[str], cost: Optional[str]) -> None:
        self._rows.append((self.cid, idx, ",".join(numbers), len(numbers), cost))
        if len(self._rows) >= 100:
            self._flush()

    def _flush(self) -> None:
        with self.db.cursor() as cur:
            cur.executemany("INSERT INTO hoiio_campaign_chunks (campaign, idx, numbers, count, cost) VALUES (%s, %s, %s, %s, %s)", self._rows)
        self._rows = []

    def commit_plan(self, **meta: Any) -> None:
        self._flush()
        self.db.execute("INSERT INTO hoiio_campaigns (id, meta, created_at) VALUES (%s, %s::jsonb, %s)", (self.cid, json.dumps(meta), time.time()))
        self.db.execute("COMMIT")
        self._plan = None

    def abort_plan(self) -> None:
        if self._plan is not None:
            self._plan = None
            self.db.execute("ROLLBACK")

    # ---- chunks -----------------------------------------------------------------------------

    def chunk(self, idx: int, numbers: bool = False) -> Chunk:
        row = self.db.execute(f"SELECT {_COLUMNS}, numbers FROM hoiio_campaign_chunks WHERE campaign = %s AND idx = %s", (self.cid, idx)).fetchone()  # noqa: S608
        if row is None:
            raise JournalError(f"no chunk #{idx}")
        return Chunk(row[:-1], row[-1] if numbers else None)

    def update(self, idx: int, expect: Optional[Sequence[str]] = None, note: Optional[str] = None, **values: Any) -> None:
        if note is not None:
            values["note"] = note
        sets = ", ".join(f"{k} = %s" for k in values)
        query = f"UPDATE hoiio_campaign_chunks SET {sets} WHERE campaign = %s AND idx = %s"  # noqa: S608
        args: List[Any] = [*values.values(), self.cid, idx]
        if expect:
            query += " AND state = ANY(%s)"
            args.append(list(expect))
        with self.db.transaction():
            if self.db.execute(query, args).rowcount != 1:
                raise JournalError(f"chunk #{idx} is not in state {'/'.join(expect or ())}")
            if note is not None:
                self.db.execute("INSERT INTO hoiio_campaign_notes (campaign, at, chunk, text) VALUES (%s, %s, %s, %s)", (self.cid, time.time(), idx, note))

    def add_note(self, text: str, chunk: Optional[int] = None) -> None:
        self.db.execute("INSERT INTO hoiio_campaign_notes (campaign, at, chunk, text) VALUES (%s, %s, %s, %s)", (self.cid, time.time(), chunk, text))

    def notes(self, limit: int = 50) -> List[Tuple[float, Optional[int], str]]:
        rows = self.db.execute("SELECT at, chunk, text FROM hoiio_campaign_notes WHERE campaign = %s ORDER BY id DESC LIMIT %s", (self.cid, limit)).fetchall()
        return [(r[0], r[1], r[2]) for r in reversed(rows)]

    def claim(self) -> Optional[int]:
        """Take the first planned chunk nobody else is taking (FOR UPDATE SKIP LOCKED), mark it
        ``claimed`` by this worker and hold its advisory lock; None when none is left."""
        while True:
            with self.db.transaction():
                rows = self.db.execute(
                    "SELECT idx FROM hoiio_campaign_chunks WHERE campaign = %s AND state = 'planned' ORDER BY idx LIMIT 8 FOR UPDATE SKIP LOCKED", (self.cid,)
                ).fetchall()
                if not rows:
                    return None
                for (idx,) in rows:
                    locked = self.db.execute("SELECT pg_try_advisory_lock(%s, %s)", (self.key, idx)).fetchone()
                    if locked and locked[0]:  # else a reconciler still holds it: another one
                        self.db.execute("UPDATE hoiio_campaign_chunks SET state = 'claimed', worker = %s WHERE campaign = %s AND idx = %s",
                                        (self.worker, self.cid, idx))  # fmt: skip
                        return int(idx)
            time.sleep(0.2)

    def release(self, idx: int) -> None:
        self.db.execute("SELECT pg_advisory_unlock(%s, %s)", (self.key, idx))

    def adopt_orphans(self) -> List[Chunk]:
        """The chunks left ``claimed``, ``sending`` or ``unknown`` whose worker is gone (or done
        with them): their advisory lock is free. Each is locked by this worker (release them)."""
        adopted = []
        rows = self.db.execute("SELECT idx FROM hoiio_campaign_chunks WHERE campaign = %s AND state = ANY(%s) ORDER BY idx", (self.cid, list(ORPHAN_STATES))).fetchall()
        for (idx,) in rows:
            got = self.db.execute("SELECT pg_try_advisory_lock(%s, %s)", (self.key, idx)).fetchone()
            if not got or not got[0]:
                continue
            chunk = self.chunk(idx)  # read again, under the lock
            if chunk.state in ORPHAN_STATES:
                adopted.append(chunk)
            else:
                self.release(idx)
        return adopted

    def left(self) -> int:
        row = self.db.execute("SELECT COUNT(*) FROM hoiio_campaign_chunks WHERE campaign = %s AND state <> ALL(%s)", (self.cid, ["sent", "refused"])).fetchone()
        return int(row[0]) if row else 0

    def tally(self) -> Dict[str, Any]:
        q = self.db.execute
        by_state = {s: (int(n), int(c)) for s, n, c in q("SELECT state, COALESCE(SUM(count), 0), COUNT(*) FROM hoiio_campaign_chunks WHERE campaign = %s GROUP BY state", (self.cid,))}
        refused = {str(k): int(v) for k, v in q("SELECT status, SUM(count) FROM hoiio_campaign_chunks WHERE campaign = %s AND state = 'refused' GROUP BY status", (self.cid,))}
        rec = q("SELECT COUNT(*), COALESCE(SUM(count), 0) FROM hoiio_campaign_chunks WHERE campaign = %s AND reconciled = 1", (self.cid,)).fetchone() or (0, 0)
        resent = (q("SELECT COUNT(*) FROM hoiio_campaign_chunks WHERE campaign = %s AND attempt > 0 AND state = 'sent'", (self.cid,)).fetchone() or (0,))[0]
        costs = [c for (c,) in q("SELECT cost FROM hoiio_campaign_chunks WHERE campaign = %s AND state = 'sent' AND cost IS NOT NULL", (self.cid,))]
        numbers = {s: v[0] for s, v in by_state.items()}
        chunks = {s: v[1] for s, v in by_state.items()}
        numbers["sending"] = numbers.get("sending", 0) + numbers.pop("claimed", 0)  # claimed: not sent, but not settled either
        return {
            "numbers": numbers,
            "chunks": chunks,
            "refused": refused,
            "reconciled_chunks": int(rec[0]),
            "reconciled_numbers": int(rec[1]),
            "resent_chunks": int(resent),
            "cost": str(sum((Decimal(c) for c in costs), Decimal(0))) if costs else None,
        }


def _key(cid: str) -> int:
    """The advisory locks' first key for a campaign (a 32-bit int from its id)."""
    return zlib.crc32(cid.encode()) - (1 << 31)


def _client_from_env() -> Any:
    from .._runtime.client import Client

    kwargs: Dict[str, Any] = {}
    if os.environ.get("HOIIO_CAMPAIGN_PREFIX"):
        kwargs["prefix"] = os.environ["HOIIO_CAMPAIGN_PREFIX"]
    return Client(**kwargs)  # HOIIO_APP_ID, HOIIO_ACCESS_TOKEN, HOIIO_BASE_URL


# ---- the task ----------------------------------------------------------------------------------


def drain(cid: str, *, dsn: Optional[str] = None, client: Any = None, reconcile_wait: float = 30.0, clock_skew: float = 3600.0, max_attempts: int = 5) -> Dict[str, Any]:
    """One worker's share of a campaign: claim and send planned chunks until none is left,
    then adopt what dead workers left (a ``claimed`` chunk goes back to planned at once: it
    was never sent; ``sending``/``unknown`` ones are reconciled from the history), and go on
    while that gives more to send. Returns what this worker did."""
    journal = PostgresJournal(dsn or _env("HOIIO_CAMPAIGN_JOURNAL"), cid)
    own_client = client is None
    client = client if client is not None else _client_from_env()
    done = {"sent": 0, "refused": 0, "unknown": 0, "reconciled": 0, "absent": 0}
    try:
        meta = journal.meta()
        if meta.get("app_id") and getattr(client, "app_id", None) != meta["app_id"]:
            raise JournalError(f"this worker's HOIIO_APP_ID is not the campaign's application ({meta['app_id']})")
        gate = Gate()
        for _ in range(max_attempts + 1):
            while not gate.stopped and journal.meta().get("state") != "stopped":
                idx = journal.claim()
                if idx is None:
                    break
                try:
                    state = send_chunk(client, journal, meta, idx, gate, ready="claimed")
                    done[state] = done.get(state, 0) + 1
                finally:
                    journal.release(idx)
            if gate.stopped:
                journal.set_meta(state="stopped", stop_reason=gate.stop_reason)
                break
            orphans = journal.adopt_orphans()
            if not orphans:
                break
            try:
                for chunk in [c for c in orphans if c.state == "claimed"]:
                    journal.update(chunk.idx, expect=("claimed",), state="planned",
                                   note="reconciled: not sent (claimed by a worker that stopped before writing 'sending')")  # fmt: skip
                pending = [c for c in orphans if c.state != "claimed"]
                if pending:
                    conclusions = reconcile(client, cid, pending, wait=reconcile_wait, clock_skew=clock_skew)
                    found, absent, _ = apply_conclusions(journal, conclusions)
                    done["reconciled"] += found
                    done["absent"] += absent
            finally:
                for chunk in orphans:
                    journal.release(chunk.idx)
    finally:
        journal.close()
        if own_client:
            client.close()
    return done


def _drain_task(cid: str, reconcile_wait: float = 30.0, clock_skew: float = 3600.0) -> Dict[str, Any]:
    return drain(cid, reconcile_wait=reconcile_wait, clock_skew=clock_skew)


drain_task = app.task(name=TASK)(_drain_task)  # what the workers run


# ---- the coordinator -------------------------------------------------------------------------------


def create(client: Any, dsn: str, msg: str, numbers: Iterable[Any], **plan_options: Any) -> str:
    """Plan a campaign into the PostgreSQL journal (see ``hoiio.campaign.plan``); returns its id.
    Nothing is sent until :func:`dispatch`."""
    journal = PostgresJournal(dsn, create=True)
    try:
        meta = plan(client, journal, msg, numbers, **plan_options)
        journal.set_meta(app_id=getattr(client, "app_id", None))
        return str(meta["campaign_id"])
    finally:
        journal.close()


def latest_campaign(dsn: str) -> str:
    with psycopg.connect(dsn) as db:
        row = db.execute("SELECT id FROM hoiio_campaigns ORDER BY created_at DESC LIMIT 1").fetchone()
    if row is None:
        raise JournalError("the journal holds no campaign")
    return str(row[0])


def queue(broker: str, cid: str, *, tasks: int = 4, reconcile_wait: float = 30.0, clock_skew: float = 3600.0) -> None:
    """Put ``tasks`` drain tasks for the campaign on the broker (only the campaign's id and two
    numbers travel: the workers take the credentials and the journal from their environment)."""
    sender = Celery("hoiio-campaign", broker=broker)
    sender.conf.update(task_default_queue=QUEUE, broker_connection_retry_on_startup=True)
    try:
        for _ in range(max(1, tasks)):
            sender.send_task(TASK, args=(cid,), kwargs={"reconcile_wait": reconcile_wait, "clock_skew": clock_skew}, queue=QUEUE)
    finally:
        sender.close()


def dispatch(
    dsn: str,
    broker: str,
    cid: str,
    settings: Optional[Mapping[str, Any]] = None,
    *,
    tasks: int = 4,
    wait: bool = True,
    reconcile_wait: float = 30.0,
    clock_skew: float = 3600.0,
    stall: float = 60.0,
    progress: Optional[Callable[[int, int], None]] = None,
    poll: float = 0.5,
) -> Optional[Summary]:
    """Mark the campaign running, queue ``tasks`` drain tasks and, with ``wait``, follow it
    (:func:`follow`). ``settings`` is not sent: the workers read their own environment."""
    journal = PostgresJournal(dsn, cid)
    try:
        journal.set_meta(state="running", stop_reason=None)
    finally:
        journal.close()
    queue(broker, cid, tasks=tasks, reconcile_wait=reconcile_wait, clock_skew=clock_skew)
    if not wait:
        return None
    return follow(dsn, broker, cid, tasks=tasks, reconcile_wait=reconcile_wait, clock_skew=clock_skew, stall=stall, progress=progress, poll=poll)


def follow(
    dsn: str,
    broker: str,
    cid: str,
    *,
    tasks: int = 4,
    reconcile_wait: float = 30.0,
    clock_skew: float = 3600.0,
    stall: float = 60.0,
    progress: Optional[Callable[[int, int], None]] = None,
    poll: float = 0.5,
) -> Summary:
    """Follow the journal until every chunk is sent or refused, or the campaign stops (an
    insufficient credit, say). When nothing moves for ``stall`` seconds with work left (the
    workers that could adopt it are gone, a task was lost with its worker), queue another round
    of ``tasks``. Returns the summary."""
    journal = PostgresJournal(dsn, cid)
    try:
        total = int(journal.meta().get("total") or 0)
        last = (-1, time.monotonic())
        while True:
            tally = journal.tally()["numbers"]
            settled = int(tally.get("sent", 0)) + int(tally.get("refused", 0))
            if progress is not None:
                progress(settled, total)
            if journal.left() == 0:
                journal.set_meta(state="done", stop_reason=None)
                break
            if journal.meta().get("state") == "stopped" and not _chunks(journal, ("claimed", "sending")):
                break
            if settled != last[0]:
                last = (settled, time.monotonic())
            elif time.monotonic() - last[1] > stall:
                queue(broker, cid, tasks=tasks, reconcile_wait=reconcile_wait, clock_skew=clock_skew)
                last = (settled, time.monotonic())
            time.sleep(poll)
        return Summary(journal.meta(), journal.tally())
    finally:
        journal.close()


def _chunks(journal: PostgresJournal, states: Sequence[str]) -> List[Chunk]:
    rows = journal.db.execute(f"SELECT {_COLUMNS} FROM hoiio_campaign_chunks WHERE campaign = %s AND state = ANY(%s)", (journal.cid, list(states))).fetchall()  # noqa: S608
    return [Chunk(r) for r in rows]


def status(dsn: str, cid: Optional[str] = None) -> Tuple[Summary, List[str]]:
    """The summary of a campaign in the PostgreSQL journal (the latest one by default), and its
    last notes."""
    journal = PostgresJournal(dsn, cid or latest_campaign(dsn))
    try:
        notes = [f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(at))} " + (f"chunk #{c}: " if c is not None else "") + text for at, c, text in journal.notes(10)]
        return Summary(journal.meta(), journal.tally()), notes
    finally:
        journal.close()
