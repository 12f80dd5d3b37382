"""Benchmark 6, the sandbox under load: requests per second from several client threads sharing
one hoiio.Client, and the latency percentiles the clients see.

The sandbox runs in a child process (cheroot, SQLite in memory, clock frozen so no background
events run); the client threads run here. Two workloads: sms.send (writes a transaction and
debits the balance) and sms.status (reads one back). Issue 13's target compares sms.send from 4
threads against the sandbox of BASELINE_COMMIT (werkzeug's development server), run from git
in the same run, rounds of each in turn, best round of each.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Dict, List

from bench.common import Result, Target
from bench.sandbox_support import BASELINE_COMMIT, SandboxProcess, baseline_tree, unavailable

NAME = "sandbox_load"
TITLE = "6. The sandbox under load: requests per second and latency, client threads sharing one Client"


def percentile(sorted_values: List[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(q / 100 * (len(sorted_values) - 1)))))
    return sorted_values[index]


def load(call: Callable[[], Any], threads: int, seconds: float) -> Dict[str, Any]:
    latencies: List[List[float]] = [[] for _ in range(threads)]
    errors = [0] * threads
    start = threading.Barrier(threads + 1)
    deadline = [0.0]

    def worker(i: int) -> None:
        mine = latencies[i]
        start.wait()
        end = deadline[0]
        while True:
            t0 = time.perf_counter()
            if t0 >= end:
                return
            try:
                ok = call().is_success()
            except Exception:
                ok = False
            mine.append(time.perf_counter() - t0)
            if not ok:
                errors[i] += 1

    pool = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for t in pool:
        t.start()
    c0 = time.process_time()
    w0 = time.perf_counter()
    deadline[0] = w0 + seconds
    start.wait()
    for t in pool:
        t.join()
    wall = time.perf_counter() - w0
    cpu = time.process_time() - c0
    every = sorted(x for mine in latencies for x in mine)
    return {
        "requests": len(every),
        "errors": sum(errors),
        "rps": len(every) / wall if wall else 0.0,
        "p50": percentile(every, 50),
        "p90": percentile(every, 90),
        "p99": percentile(every, 99),
        "max": every[-1] if every else float("nan"),
        "client_cpu": cpu / wall * 100 if wall else 0.0,
    }


def compare(result: Result, seconds: float, rounds: int) -> None:
    """sms.send from 4 threads: the baseline's sandbox against this one, in turns."""
    tree = baseline_tree()
    if tree is None:
        result.notes.append(f"The baseline ({BASELINE_COMMIT}) is not at hand (no git checkout): no comparison with it.")
        return
    best: Dict[str, float] = {}
    cpu: Dict[str, float] = {}
    for _ in range(rounds):
        for label, where in (("baseline", tree), ("current", None)):
            with SandboxProcess(where) as sb:
                sb.control.topup(points="1000000")
                client = sb.client(pool_size=4)

                def send(client: Any = client) -> Any:
                    return client.sms.send("Load test message", "+6591234567")

                for _ in range(20):
                    send()
                before = sb.cpu_seconds()
                got = load(send, 4, seconds)
                after = sb.cpu_seconds()
                client.close()
            if got["errors"]:
                raise RuntimeError(f"the {label} sandbox answered {got['errors']} errors")
            best[label] = max(best.get(label, 0.0), got["rps"])
            if before is not None and after is not None and got["requests"]:
                cpu[label] = min(cpu.get(label, float("inf")), (after - before) / got["requests"])
    for label in ("baseline", "current"):
        result.rows.append({"key": f"compare:{label}", "workload": f"sms.send ({label})", "threads": 4, "rps": best[label],
                            "server_cpu": cpu.get(label)})  # fmt: skip
    if len(cpu) == 2:
        result.notes.append(
            f"Server CPU per sms.send (the sandbox process's CPU time over the requests it served, best round): {cpu['current'] * 1e6:,.0f} us "
            f"against the baseline's {cpu['baseline'] * 1e6:,.0f} us ({cpu['current'] / cpu['baseline']:.2f}x). The client's own CPU per "
            "call (the 'client CPU' column) bounds the throughput from above, whatever the server does."
        )
    result.targets.append(
        Target(f"sms.send with 4 client threads: {BASELINE_COMMIT}'s requests/s over this one's (<= 0.5: at least twice as many)",
               best["baseline"] / best["current"], 0.5,
               detail=f"({best['current']:,.0f}/s against {best['baseline']:,.0f}/s, best of {rounds} round(s) of {seconds:g} s)")
    )  # fmt: skip


def run(ctx: Any) -> Result:
    why = unavailable()
    if why:
        return Result(NAME, TITLE, skipped=why)
    thread_counts, seconds = ((1, 4), 0.5) if ctx.quick else ((1, 4, 8), 4.0)
    result = Result(NAME, TITLE, params={"threads": list(thread_counts), "seconds_per_row": seconds})
    with SandboxProcess() as sb:
        sb.control.topup(points="1000000")
        client = sb.client(pool_size=max(thread_counts))
        sent = client.sms.send("Benchmark", "+6591234567")
        if not sent.is_success():
            raise RuntimeError(f"sms.send on the sandbox answered {sent.status}")
        txn_ref = sent.txn_ref
        workloads: Dict[str, Callable[[], Any]] = {
            "sms.send": lambda: client.sms.send("Load test message", "+6591234567"),
            "sms.status": lambda: client.sms.status(txn_ref),
        }
        for name, call in workloads.items():
            for _ in range(20):  # warm up
                call()
            for threads in thread_counts:
                got = load(call, threads, seconds)
                result.rows.append({"key": f"{name}:{threads}", "workload": name, "threads": threads, **got})
        client.close()
    compare(result, seconds, rounds=1 if ctx.quick else 3)
    result.columns = [
        ("workload", "workload", "text"),
        ("threads", "client threads", "int"),
        ("requests", "requests", "int"),
        ("rps", "requests/s", "rate"),
        ("p50", "p50 ms", "ms"),
        ("p90", "p90 ms", "ms"),
        ("p99", "p99 ms", "ms"),
        ("max", "max ms", "ms"),
        ("errors", "errors", "int"),
        ("client_cpu", "client CPU", "pct"),
        ("server_cpu", "server CPU us/call", "us"),
    ]
    result.notes.append(
        f"{seconds:g} s per row; latency is each call's wall time as the client sees it (SDK included). 'client CPU' is this "
        "process's CPU time over the row's wall time (100 % is one core); the sandbox process has the other core(s)."
    )
    return result
