"""Benchmark 7, a bulk run: ``hoiio.bulk.send_in_chunks`` to 100,000 numbers against the loopback
server (100 requests of 1,000), with every number checked once before the first request.

Counted: how many times a number is normalised (checked) per number given, which must be 1
(the chunks are made of the checked numbers and not checked again by ``sms.bulk_send``).
Timed, as a ratio in the same run: the whole run against one pass of checking alone plus the
100 requests sent by hand with requests.Session().post.
"""

from __future__ import annotations

import time
from typing import Any, List

import hoiio
import hoiio._runtime.params as params
import hoiio.bulk as bulk
import requests

from bench.common import Result, Target
from bench.payloads import ACCESS_TOKEN, APP_ID

NAME = "bulk"
TITLE = "7. A bulk run: send_in_chunks to 100,000 numbers (validation done once)"


def run(ctx: Any) -> Result:
    server = ctx.server
    count = 10_000 if ctx.quick else 100_000
    numbers = [f"+659{i:07d}" for i in range(count)]
    calls = [0]
    original = bulk.normalize

    def counted(value: Any, prefix: Any) -> str:
        calls[0] += 1
        return original(value, prefix)

    bulk.normalize = counted  # type: ignore[assignment]
    params.normalize = counted  # type: ignore[assignment]
    try:
        with hoiio.Client(APP_ID, ACCESS_TOKEN, base_url=server.base_url) as client:
            send_in_chunks = bulk.send_in_chunks
            send_in_chunks(client, "warm", numbers[:2000])
            calls[0] = 0
            c0, w0 = time.process_time(), time.perf_counter()
            results = send_in_chunks(client, "Sale today!", numbers)
            cpu, wall = time.process_time() - c0, time.perf_counter() - w0
            assert all(r.ok for r in results) and sum(len(r.numbers) for r in results) == count
            checks = calls[0]
    finally:
        bulk.normalize = original
        params.normalize = original
    session = requests.Session()
    url = server.url("/open/sms/bulk_send")
    c0, w0 = time.process_time(), time.perf_counter()
    checked: List[str] = [original(n, None) for n in numbers]
    for i in range(0, count, 1000):
        session.post(url, data={"msg": "Sale today!", "dest": ",".join(checked[i : i + 1000]), "app_id": APP_ID, "access_token": ACCESS_TOKEN}).json()
    base_cpu, base_wall = time.process_time() - c0, time.perf_counter() - w0
    session.close()

    result = Result(NAME, TITLE, params={"numbers": count, "chunk_size": 1000})
    result.columns = [
        ("variant", "variant", "text"),
        ("cpu", "client CPU ms", "ms"),
        ("wall", "wall ms", "ms"),
        ("checks", "checks per number", "x"),
    ]
    result.rows = [
        {"variant": f"send_in_chunks(client, msg, {count:,} numbers)", "cpu": cpu, "wall": wall, "checks": checks / count},
        {"variant": "one check pass + requests.Session().post per 1,000 (baseline)", "cpu": base_cpu, "wall": base_wall, "checks": 1.0},
    ]
    result.targets.append(Target("every number checked once in a bulk run (checks per number)", checks / count, 1.0, detail=f"(CPU {cpu / base_cpu:.2f}x the hand-made run)"))
    result.notes.append("One run each (the run is long enough to be stable); the SDK's row includes making the typed results.")
    return result
