"""The distributed campaign with the real stack: Redis (broker), PostgreSQL (journal), three
Celery worker processes, the sandbox over TCP; one worker killed with SIGKILL mid-chunk."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any, Dict, Iterator, List

import pytest
from support import services
from support.campaign import assert_exactly_once, cli, sent_records

if os.environ.get("CI") != "true":  # in CI the extra is installed (the dev extra): a missing one fails
    pytest.importorskip("celery")

NUMBERS = int(os.environ.get("HOIIO_CAMPAIGN_DISTRIBUTED_NUMBERS", "20000"))


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    yield from services.redis_server()


@pytest.fixture(scope="module")
def pg_dsn() -> Iterator[str]:
    yield from services.postgres_server()


def numbers(count: int, start: int = 0) -> List[str]:
    return [f"+6582{i:06d}" for i in range(start, start + count)]


def start_worker(name: str, redis_url: str, pg_dsn: str, sandbox: Any, account: Dict[str, Any]) -> "subprocess.Popen[bytes]":
    env = {**os.environ, "HOIIO_CAMPAIGN_BROKER": redis_url, "HOIIO_CAMPAIGN_JOURNAL": pg_dsn, "HOIIO_BASE_URL": sandbox.base_url,
           "HOIIO_APP_ID": account["app_id"], "HOIIO_ACCESS_TOKEN": account["access_token"]}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "hoiio.campaign.distributed", "worker", "--pool", "solo", "-n", f"{name}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", "hoiio-campaign", "--loglevel", "WARNING"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def stop(workers: List["subprocess.Popen[bytes]"]) -> None:
    for w in workers:
        if w.poll() is None:
            w.terminate()
    for w in workers:
        try:
            w.wait(timeout=20)
        except subprocess.TimeoutExpired:
            w.kill()
            w.wait()


def test_three_workers_one_killed_mid_chunk_every_number_exactly_once(redis_url: str, pg_dsn: str, sandbox: Any, account: Dict[str, Any], client: Any) -> None:
    import psycopg
    from hoiio.campaign import distributed

    nums = numbers(NUMBERS)
    t0 = time.monotonic()
    cid = distributed.create(client, pg_dsn, "Sale today", iter(nums), chunk_size=200)
    t1 = time.monotonic()
    workers = [start_worker(f"w{i}", redis_url, pg_dsn, sandbox, account) for i in range(3)]
    try:
        sandbox.fault("drop", count=3, path="sms/bulk_send", after=True)  # took effect, the answer lost
        sandbox.fault("drop", count=1, path="sms/bulk_send")  # lost before it took effect
        distributed.dispatch(pg_dsn, redis_url, cid, tasks=3, wait=False, reconcile_wait=1, clock_skew=600)
        victim = workers[0]
        me = f"{socket.gethostname()}:{victim.pid}"
        deadline = time.monotonic() + 120
        caught = None
        with psycopg.connect(pg_dsn, autocommit=True) as db:
            while time.monotonic() < deadline and caught is None:
                row = db.execute("SELECT idx, state FROM hoiio_campaign_chunks WHERE campaign = %s AND worker = %s AND state = 'sending'",
                                 (cid, me)).fetchone()  # fmt: skip
                if row is not None:
                    victim.send_signal(signal.SIGKILL)
                    caught = row
                else:
                    assert victim.poll() is None, victim.stderr.read().decode() if victim.stderr else ""
                    time.sleep(0.005)
        victim.wait()
        assert caught is not None, "the first worker never took a chunk"
        t2 = time.monotonic()
        summary = distributed.follow(pg_dsn, redis_url, cid, tasks=2, reconcile_wait=1, clock_skew=600, stall=20)
        print(f"planned in {t1 - t0:.1f} s, killed after {t2 - t1:.1f} s, done {time.monotonic() - t2:.1f} s later")
        records = assert_exactly_once(sandbox, account, nums)
        assert summary.state == "done" and summary.sent == len(records) == NUMBERS
        assert summary.unknown == summary.pending == 0
        with psycopg.connect(pg_dsn) as db:
            state, worker = db.execute("SELECT state, worker FROM hoiio_campaign_chunks WHERE campaign = %s AND idx = %s", (cid, caught[0])).fetchone()
            notes = [t for (t,) in db.execute("SELECT text FROM hoiio_campaign_notes WHERE campaign = %s AND chunk = %s", (cid, caught[0]))]
        # the dead worker's chunk, killed with its request in flight, was adopted by another
        # worker and reconciled from the history, then settled
        assert state == "sent" and worker != me
        assert any(n.startswith("reconciled:") for n in notes), notes
        assert summary.reconciled_chunks >= 1, "no lost answer was reconciled"
        print(f"killed {me} on chunk #{caught[0]} ({caught[1]}): {notes}; {summary.reconciled_chunks} reconciled, {summary.resent_chunks} re-sent")
    finally:
        stop(workers)


def test_cli_distributed_send_and_status(redis_url: str, pg_dsn: str, sandbox: Any, account: Dict[str, Any], tmp_path: Any) -> None:
    nums = numbers(1000, 500000)
    (tmp_path / "n.txt").write_text("\n".join(nums))
    workers = [start_worker("c1", redis_url, pg_dsn, sandbox, account)]
    try:
        proc = cli(["send", "--msg", "Hi", "--dest", f"@{tmp_path / 'n.txt'}", "--journal", pg_dsn, "--broker", redis_url, "--chunk-size", "250",
                    "--workers", "2", "--json"], sandbox, account)  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["sent"] == 1000
        assert_exactly_once(sandbox, account, nums)
        proc = cli(["status", pg_dsn], sandbox, account)
        assert proc.returncode == 0 and "sent:       1000" in proc.stdout
        assert len(sent_records(sandbox, account)) == 1000
    finally:
        stop(workers)


def test_an_empty_account_stops_the_workers_and_a_top_up_resumes(redis_url: str, pg_dsn: str, sandbox: Any, account: Dict[str, Any], client: Any) -> None:
    from hoiio.campaign import distributed

    nums = numbers(2000, 800000)
    sandbox.drain(leave="40", app_id=account["app_id"])  # 1052 SMS at 0.038
    cid = distributed.create(client, pg_dsn, "Hi", nums, chunk_size=500)
    workers = [start_worker("k1", redis_url, pg_dsn, sandbox, account)]
    try:
        summary = distributed.dispatch(pg_dsn, redis_url, cid, tasks=2, reconcile_wait=1, clock_skew=600, stall=30)
        assert summary is not None and summary.state == "stopped"
        assert "error_insufficient_credit" in (summary.stop_reason or "")
        assert summary.sent == 1000 and summary.pending == 1000 and summary.unknown == 0
        assert len(sent_records(sandbox, account)) == 1000
        sandbox.topup(points="100", app_id=account["app_id"])
        summary = distributed.dispatch(pg_dsn, redis_url, cid, tasks=2, reconcile_wait=1, clock_skew=600, stall=30)
        assert summary is not None and summary.state == "done" and summary.sent == 2000
        assert_exactly_once(sandbox, account, nums)
    finally:
        stop(workers)
