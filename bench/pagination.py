"""Benchmark 5, pagination: iterating the SMS history of the sandbox with
``client.sms.history_iter()``, every field of every entry coerced, and the peak memory of the
iteration (tracemalloc, this process only: the sandbox runs in another) for 1,000 entries
against 100,000. The pager holds one page at a time, so the peak must not grow with the count.

The sandbox is seeded through the API itself: ``sms.bulk_send`` to 1,000 numbers at a time
(each recipient is one history entry), after a credit top-up through its control API.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from typing import Any, Dict, List, Tuple

from bench.common import Result, Target
from bench.sandbox_support import SandboxProcess, unavailable

NAME = "pagination"
TITLE = "5. Iterating the sandbox's SMS history with sms.history_iter(): peak memory against the entry count"

BATCH = 1000  # sms.bulk_send takes at most 1000 numbers


def seed(client: Any, control: Any, count: int) -> float:
    """Send ``count`` SMS through sms.bulk_send; return the seconds it took."""
    control.topup(points=f"{count * 0.2 + 100:.3f}")  # 3 parts at most, under 0.1 each
    started = time.perf_counter()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        dests = [f"+659{done + i:07d}" for i in range(size)]
        res = client.sms.bulk_send(f"Benchmark message for batch {done // BATCH}", dests)
        if not res.is_success():
            raise RuntimeError(f"seeding the sandbox: sms.bulk_send answered {res.status}")
        done += size
    return time.perf_counter() - started


def iterate(client: Any, limit: int) -> Tuple[int, Any]:
    """Iterate ``limit`` entries, reading every field of each; return (entries, pager)."""
    pager = client.sms.history_iter(limit=limit)
    n = 0
    for entry in pager:
        entry.txn_ref, entry.tag, entry.sms_status, entry.src, entry.dest, entry.date  # noqa: B018
        entry.split_count, entry.msg, entry.currency, entry.rate, entry.debit  # noqa: B018
        n += 1
    return n, pager


def traced(client: Any, limit: int) -> Dict[str, Any]:
    gc.collect()
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        n, pager = iterate(client, limit)
        pages = pager.pages
        del pager
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return {"entries": n, "pages": pages, "peak": peak - base, "retained": current - base}


def timed(client: Any, limit: int) -> Dict[str, float]:
    c0, w0 = time.process_time(), time.perf_counter()
    n, _ = iterate(client, limit)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return {"wall": wall, "cpu": cpu, "entries_per_s": n / wall if wall else 0.0}


def deepest_page(client: Any, count: int, repeat: int) -> float:
    """The best time of ``repeat`` requests for the last page of a history of ``count``."""
    size = len(client.sms.history().entries)  # the page size the sandbox uses
    last = -(-count // size)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        page = client.sms.history(page=last)
        best = min(best, time.perf_counter() - t0)
    if len(page.entries) != count - (last - 1) * size:
        raise RuntimeError(f"page {last} of {count} gave {len(page.entries)} entries")
    return best


def read_all(client: Any, count: int) -> float:
    t0 = time.perf_counter()
    n, _ = iterate(client, count + 1)
    if n != count:
        raise RuntimeError(f"the whole history gave {n} entries, not {count}")
    return time.perf_counter() - t0


def full_reads(small_client: Any, small: int, client: Any, big: int, rounds: int) -> Tuple[float, float, float]:
    """(seconds per entry reading the small history, the big one, the median of the rounds' ratios):
    each round reads the big history once and the small one as many times as make as many
    entries, so both see the same moments of a busy machine."""
    ratios, small_best, big_best = [], float("inf"), float("inf")
    for _ in range(rounds):
        times = max(1, big // small)
        per_small = sum(read_all(small_client, small) for _ in range(times)) / (times * small)
        per_big = read_all(client, big) / big
        small_best, big_best = min(small_best, per_small), min(big_best, per_big)
        ratios.append(per_big / per_small)
    ratios.sort()
    return small_best, big_best, ratios[len(ratios) // 2]


def growth(sb: Any, client: Any, small: int, big: int, quick: bool) -> Tuple[List[Dict[str, Any]], List[Target]]:
    """Issue 13: the deepest page and a whole read, for a history of ``small`` (another account
    of the same sandbox) against one of ``big``."""
    other = sb.control.create_account()
    small_client = sb.control.client(app_id=other["app_id"], access_token=other["access_token"])
    seed(small_client, sb.control, small)
    repeat = 5 if quick else 30
    rows = [{"key": "growth:small", "entries": small, "deepest_page": float("inf")}, {"key": "growth:big", "entries": big, "deepest_page": float("inf")}]
    s, b = rows
    deepest_page(small_client, small, 3), deepest_page(client, big, 3)  # warm up
    for _ in range(repeat):  # in turns, so that both see the same moments of a busy machine
        s["deepest_page"] = min(s["deepest_page"], deepest_page(small_client, small, 1))
        b["deepest_page"] = min(b["deepest_page"], deepest_page(client, big, 1))
    s["per_entry"], b["per_entry"], linear = full_reads(small_client, small, client, big, 3 if quick else 5)
    small_client.close()
    targets = [
        Target(f"the deepest history page at {big:,} stored / at {small:,}", b["deepest_page"] / s["deepest_page"], 1.3,
               detail=f"({b['deepest_page'] * 1e3:.2f} ms against {s['deepest_page'] * 1e3:.2f} ms, best of {repeat})"),
        Target(f"a whole history read is linear: time per entry for {big:,} / for {small:,}", linear, 1.3,
               detail=f"(median of the rounds; best {b['per_entry'] * 1e6:.0f} us against {s['per_entry'] * 1e6:.0f} us an entry)"),
    ]  # fmt: skip
    return rows, targets


def run(ctx: Any) -> Result:
    why = unavailable()
    if why:
        return Result(NAME, TITLE, skipped=why)
    small, big = (500, 5_000) if ctx.quick else (1_000, 100_000)
    result = Result(NAME, TITLE, params={"small": small, "big": big})
    with SandboxProcess() as sb:
        client = sb.client()
        seconds = seed(client, sb.control, big)
        first = client.sms.history()
        if first.total_entries_count != big:
            raise RuntimeError(f"seeded {big} SMS but the history counts {first.total_entries_count}")
        iterate(client, 200)  # warm up: connections, modules, caches
        rows: List[Dict[str, Any]] = []
        for label, limit in (("small", small), ("big", big)):
            mem = traced(client, limit)
            speed = timed(client, limit)
            if mem["entries"] != limit:
                raise RuntimeError(f"history_iter(limit={limit}) gave {mem['entries']} entries")
            rows.append({"key": label, "entries": limit, **mem, **speed})
        grown, grown_targets = growth(sb, client, small, big, ctx.quick)
        client.close()
    small_row, big_row = rows
    for row in rows:
        row["peak_x_small"] = row["peak"] / small_row["peak"] if small_row["peak"] else None
    result.rows = rows + grown
    result.columns = [
        ("entries", "entries iterated", "int"),
        ("pages", "pages", "int"),
        ("peak", "peak KiB (tracemalloc)", "kib"),
        ("peak_x_small", f"peak x {small:,} entries", "x"),
        ("retained", "retained KiB after", "kib"),
        ("wall", "wall s (untraced)", "s"),
        ("entries_per_s", "entries/s", "rate"),
        ("deepest_page", "deepest page ms", "ms"),
        ("per_entry", "whole read us/entry", "us"),
    ]
    result.targets.extend(grown_targets)
    result.targets.append(
        Target(
            f"memory while iterating history does not grow: peak for {big:,} entries / peak for {small:,}",
            big_row["peak_x_small"],
            1.25,
            detail=f"({big_row['peak'] / 1024:,.0f} KiB against {small_row['peak'] / 1024:,.0f} KiB)",
        )
    )
    result.notes.append(
        f"Seeded {big:,} SMS with {big // BATCH} sms.bulk_send calls in {seconds:.1f} s. Peak is tracemalloc's peak over the "
        "iteration above what was allocated before it, in this process (the sandbox runs in a child process); the timing "
        "is a second, untraced iteration. The limit allows 25 % for noise; a pager that kept entries would grow 100-fold."
    )
    return result
