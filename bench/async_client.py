"""Benchmark 7, the async client against the loopback server:

1. Per-call client CPU of ``await client.sms.send(...)`` on hoiio.AsyncClient, side by side
   with aiohttp's own ``session.post(url, data=form)`` of the same form on a default
   ``aiohttp.ClientSession()`` (and the JSON decoded), sequential calls on one event loop, the
   variants interleaved in rounds.
2. Throughput: 2,000 ``sms.send`` at concurrency 64, hoiio.AsyncClient (64 tasks on one
   client, pool_size=64) against the sync hoiio.Client driven by 64 threads (pool_size=64), and
   aiohttp's own ``session.post`` of the same form (64 tasks, ``TCPConnector(limit=64)``, the
   JSON decoded): the ceiling of any client on aiohttp here. Each run is a child process of its
   own, so that its peak RSS is its own (the notes give the peak of a child that only imports
   the same modules); requests and aiohttp are imported before its clock starts.

    python -m bench.async_client child --variant async --url URL --count 2000 --concurrency 64
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional

from bench.common import Result, Target, child_env, median, ratio, spread
from bench.payloads import ACCESS_TOKEN, APP_ID

NAME = "async_client"
TITLE = "7. hoiio.AsyncClient: per-call client CPU against aiohttp, and throughput at concurrency 64 against the sync client"

ROOT = Path(__file__).resolve().parent.parent
SMS_FORM = {"msg": "Hoiio World", "dest": "+6511111111", "app_id": APP_ID, "access_token": ACCESS_TOKEN}


# ---- 1. per-call CPU ----


def _per_call(url: str, base_url: str, calls: int, rounds: int, warmup: int) -> Dict[str, Dict[str, Any]]:
    import aiohttp
    import hoiio

    async def main() -> Dict[str, Dict[str, Any]]:
        http = aiohttp.ClientSession()
        client = hoiio.AsyncClient(APP_ID, ACCESS_TOKEN, base_url=base_url)

        async def raw() -> Any:
            async with http.post(url, data=SMS_FORM) as resp:
                return await resp.json(content_type=None)

        async def sdk() -> Any:
            res = await client.sms.send("Hoiio World", "+6511111111")
            return res.status, res.txn_ref

        assert await sdk() == ("success_ok", "AA-S-141147")
        variants: Dict[str, Callable[[], Awaitable[Any]]] = {"aiohttp": raw, "hoiio": sdk}
        cpu: Dict[str, List[float]] = {n: [] for n in variants}
        wall: Dict[str, List[float]] = {n: [] for n in variants}
        for fn in variants.values():
            for _ in range(warmup):
                await fn()
        items = list(variants.items())
        try:
            for r in range(rounds):
                for name, fn in items[r % 2 :] + items[: r % 2]:
                    c0, w0 = time.process_time(), time.perf_counter()
                    for _ in range(calls):
                        await fn()
                    w1, c1 = time.perf_counter(), time.process_time()
                    cpu[name].append((c1 - c0) / calls)
                    wall[name].append((w1 - w0) / calls)
        finally:
            await client.aclose()
            await http.close()
        return {n: {"cpu": median(cpu[n]), "wall": median(wall[n]), "cpu_spread": spread(cpu[n]), "cpu_rounds": cpu[n],
                    "wall_rounds": wall[n]} for n in variants}  # fmt: skip

    return asyncio.run(main())


# ---- 2. throughput, in child processes ----


def _peak_rss_kib() -> int:
    """This process's peak RSS: VmHWM (it starts afresh at exec; ru_maxrss keeps the forking parent's)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:  # pragma: no cover - not Linux
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _child(variant: str, base_url: str, count: int, concurrency: int) -> Dict[str, Any]:
    """Send ``count`` SMS at ``concurrency``; return wall and CPU seconds and the peak RSS."""
    import hoiio

    if variant == "imports":
        import aiohttp  # noqa: F401

        client = hoiio.Client(APP_ID, ACCESS_TOKEN, base_url=base_url)
        client.sms  # noqa: B018
        client.close()
        return {"wall": 0.0, "cpu": 0.0, "maxrss_kib": _peak_rss_kib(), "sent": 0}
    # The HTTP libraries are imported before the clock starts: their import (about 0.2 s of CPU
    # for requests, 0.3 s for aiohttp here; hoiio.AsyncClient() imports requests too, to check
    # the base URL) is a one-time cost that benchmark 2 measures, not a send's.
    import aiohttp
    import requests  # noqa: F401

    sent = 0
    c0, w0 = time.process_time(), time.perf_counter()
    if variant == "aiohttp":

        async def ceiling() -> int:
            done = 0
            url = base_url + "sms/send"
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:
                todo = iter(range(count))

                async def worker() -> None:
                    nonlocal done
                    for _ in todo:
                        async with http.post(url, data=SMS_FORM) as resp:
                            data = await resp.json(content_type=None)
                        done += data["txn_ref"] == "AA-S-141147"

                await asyncio.gather(*(worker() for _ in range(concurrency)))
            return done

        sent = asyncio.run(ceiling())
    elif variant == "async":

        async def main() -> int:
            done = 0
            async with hoiio.AsyncClient(APP_ID, ACCESS_TOKEN, base_url=base_url, pool_size=concurrency) as client:
                todo = iter(range(count))

                async def worker() -> None:
                    nonlocal done
                    for _ in todo:
                        res = await client.sms.send("Hoiio World", "+6511111111")
                        done += res.txn_ref == "AA-S-141147"

                await asyncio.gather(*(worker() for _ in range(concurrency)))
            return done

        sent = asyncio.run(main())
    else:
        import concurrent.futures

        with hoiio.Client(APP_ID, ACCESS_TOKEN, base_url=base_url, pool_size=concurrency) as client:

            def one(_: int) -> bool:
                return client.sms.send("Hoiio World", "+6511111111").txn_ref == "AA-S-141147"

            with concurrent.futures.ThreadPoolExecutor(max_workers=concurrency) as pool:
                sent = sum(pool.map(one, range(count)))
    w1, c1 = time.perf_counter(), time.process_time()
    return {"wall": w1 - w0, "cpu": c1 - c0, "maxrss_kib": _peak_rss_kib(), "sent": sent}


def _run_child(variant: str, base_url: str, count: int, concurrency: int, pycache: str) -> Dict[str, Any]:
    env = child_env(pycache)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run(
        [sys.executable, "-m", "bench.async_client", "child", "--variant", variant, "--url", base_url,
         "--count", str(count), "--concurrency", str(concurrency)],
        cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    if proc.returncode != 0:
        raise RuntimeError(f"the {variant} child failed: {proc.stderr[-2000:]}")
    out: Dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if out["sent"] != (count if variant != "imports" else 0):
        raise RuntimeError(f"the {variant} child sent {out['sent']} of {count}")
    return out


def run(ctx: Any) -> Result:
    try:
        import aiohttp  # noqa: F401
    except ImportError:
        return Result(NAME, TITLE, skipped="aiohttp is not installed (pip install 'hoiio[async]')")
    server = ctx.server
    calls, rounds, warmup = (20, 3, 5) if ctx.quick else (200, 15, 200)
    count, concurrency, tp_rounds = (128, 64, 1) if ctx.quick else (2000, 64, 3)
    got = _per_call(server.url("/open/sms/send"), server.base_url, calls, rounds, warmup)

    runs: Dict[str, List[Dict[str, Any]]] = {"sync": [], "async": [], "aiohttp": []}
    with tempfile.TemporaryDirectory(prefix="hoiio-bench-") as pycache:
        baseline = _run_child("imports", server.base_url, 0, 1, pycache)
        for r in range(tp_rounds):
            for variant in (("sync", "async", "aiohttp") if r % 2 == 0 else ("aiohttp", "async", "sync")):
                runs[variant].append(_run_child(variant, server.base_url, count, concurrency, pycache))

    result = Result(NAME, TITLE, params={"calls_per_round": calls, "rounds": rounds, "warmup": warmup, "sends": count,
                                         "concurrency": concurrency, "throughput_rounds": tp_rounds})  # fmt: skip
    result.columns = [
        ("variant", "variant", "text"),
        ("cpu", "client CPU us/call", "us"),
        ("wall", "wall us/call", "us"),
        ("rate", "calls/s", "rate"),
        ("x_base", "x baseline", "x"),
        ("memory", "peak RSS, MiB", "mib"),
        ("spread", "CPU spread", "pct"),
    ]
    cpu_x = ratio(got["hoiio"]["cpu_rounds"], got["aiohttp"]["cpu_rounds"])
    result.rows.append({"key": "call:aiohttp", "variant": "sms/send: aiohttp.ClientSession().post (baseline)", "cpu": got["aiohttp"]["cpu"],
                        "wall": got["aiohttp"]["wall"], "x_base": 1.0, "spread": got["aiohttp"]["cpu_spread"]})  # fmt: skip
    result.rows.append({"key": "call:hoiio", "variant": "sms/send: await AsyncClient.sms.send(...)", "cpu": got["hoiio"]["cpu"],
                        "wall": got["hoiio"]["wall"], "x_base": cpu_x, "spread": got["hoiio"]["cpu_spread"]})  # fmt: skip
    wall = {v: median([r["wall"] for r in runs[v]]) for v in runs}
    for variant, label in (
        ("sync", f"{count:,} sends: Client, {concurrency} threads (baseline)"),
        ("async", f"{count:,} sends: AsyncClient, {concurrency} tasks"),
        ("aiohttp", f"{count:,} sends: aiohttp's own session.post, {concurrency} tasks (the ceiling)"),
    ):
        result.rows.append({
            "key": f"throughput:{variant}", "variant": label,
            "cpu": median([r["cpu"] for r in runs[variant]]) / count, "wall": wall[variant] / count,
            "rate": count / wall[variant], "x_base": wall["sync"] / wall[variant],
            "memory": median([r["maxrss_kib"] for r in runs[variant]]) * 1024,
            "spread": spread([r["wall"] for r in runs[variant]]),
        })  # fmt: skip
    result.targets.append(Target("await AsyncClient.sms.send client CPU <= 1.5x aiohttp's own post", cpu_x, 1.5,
                                 detail=f"(wall {ratio(got['hoiio']['wall_rounds'], got['aiohttp']['wall_rounds']):.2f}x)"))  # fmt: skip
    result.targets.append(Target(
        f"{count:,} sends at concurrency {concurrency}: AsyncClient wall time <= 0.33x the sync client's with threads (throughput >= 3x)",
        wall["async"] / wall["sync"], 1 / 3,
        detail=f"(throughput {wall['sync'] / wall['async']:.2f}x; aiohttp's own post, the ceiling of any client on it: {wall['sync'] / wall['aiohttp']:.2f}x)",
    ))  # fmt: skip
    result.notes.append(
        f"Per call: {calls} sequential awaits per variant per round, {rounds} rounds, interleaved on one event loop; both variants "
        "send the same form and decode the JSON answer, the SDK also checks the arguments and builds the typed response. "
        f"Throughput: each run a child process (median of {tp_rounds}), the HTTP libraries imported before the clock starts; "
        "'x baseline' there is throughput over the sync client's; the ceiling is aiohttp's own session.post of the same form "
        f"(a TCPConnector(limit={concurrency}), the JSON decoded), what no client on aiohttp can beat on this machine; "
        f"memory is the child's peak RSS (a child that only imports hoiio, aiohttp and requests peaks at {baseline['maxrss_kib'] / 1024:.1f} MiB). "
        f"Load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; on a busy machine 64 threads get more of the "
        "CPUs than one event loop does, which favours the sync client's wall time (compare the CPU per call)."
    )
    return result


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.async_client")
    parser.add_argument("mode", choices=["child"])
    parser.add_argument("--variant", choices=["sync", "async", "aiohttp", "imports"], required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args(argv)
    print(json.dumps(_child(args.variant, args.url, args.count, args.concurrency)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
