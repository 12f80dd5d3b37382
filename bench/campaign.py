"""Benchmark 9, campaigns (issue 24): numbers a second through the sandbox, the runner's memory
at two sizes, and the journal's write cost per chunk.

The sandbox runs in a child process (clock frozen), the runner in another (``hoiio.campaign``
on a numbers file, as ``hoiio campaign send`` does), so that its peak RSS is its own; both
share this machine's cores. The full run sends 1,000,000 numbers (the issue's target: at most
10 minutes); the quick run 20,000, and the 10-minute figure is then an extrapolation (said so).
Memory is flat when the runner's peak RSS at the larger size is within 25 % of the smaller's:
the numbers file is read streamed and the journal holds the chunks on disk.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict

from bench.common import Result, Target
from bench.sandbox_support import SandboxProcess, unavailable

NAME = "campaign"
TITLE = "9. Campaigns: a million numbers through the sandbox, the runner's memory, the journal's cost per chunk"

RUNNER = r"""
import json, resource, sys, time
import hoiio
from hoiio.campaign import Campaign
url, app_id, token, path, journal = sys.argv[1:6]
def numbers():
    with open(path) as fh:
        for line in fh:
            yield line.strip()
t0 = time.perf_counter()
with hoiio.Client(app_id, token, base_url=url) as client:
    campaign = Campaign.create(client, journal, "Sale today: 20% off everything", numbers(), workers=4)
    t1 = time.perf_counter()
    with campaign:
        s = campaign.run()
t2 = time.perf_counter()
print(json.dumps({"plan": t1 - t0, "send": t2 - t1, "sent": s.sent, "state": s.state,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def campaign_run(sb: Any, count: int, folder: str) -> Dict[str, Any]:
    path = os.path.join(folder, f"numbers-{count}.txt")
    with open(path, "w") as fh:
        for i in range(count):
            fh.write(f"+65{80000000 + i}\n")
    journal = os.path.join(folder, f"campaign-{count}.db")
    control = sb.control
    account = control.create_account()
    control.topup(points=str(count), app_id=account["app_id"])
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", RUNNER, control.base_url, account["app_id"], account["access_token"], path, journal],
                          capture_output=True, text=True, timeout=3600)  # fmt: skip
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"the campaign runner failed: {proc.stderr[-2000:]}")
    got: Dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if got["sent"] != count or got["state"] != "done":
        raise RuntimeError(f"the campaign sent {got['sent']} of {count} ({got['state']})")
    got.update(count=count, wall=wall, rate=count / wall, journal_mb=os.path.getsize(journal) / 1e6)
    return got


def journal_cost(folder: str, chunks: int) -> Dict[str, float]:
    """Milliseconds a chunk for the journal's two writes (sending, then sent), each committed."""
    from hoiio.campaign.journal import SQLiteJournal

    out = {}
    for mode in ("FULL", "NORMAL"):
        path = os.path.join(folder, f"journal-{mode}.db")
        j = SQLiteJournal(path, create=True, synchronous=mode)
        j.begin_plan("bench")
        for i in range(chunks):
            j.add_chunk(i, [f"+65{80000000 + i * 1000 + k}" for k in range(1000)], "38.000")
        j.commit_plan(campaign_id="bench", msg="x")
        t0 = time.perf_counter()
        for i in range(chunks):
            j.update(i, expect=("planned",), state="sending", sending_at=time.time(), first_at=time.time())
            j.update(i, state="sent", bulk_txn_ref=f"B{i}", status="success_ok")
        out[mode] = (time.perf_counter() - t0) / chunks * 1000
        j.close()
    return out


def run(ctx: Any) -> Result:
    why = unavailable()
    if why:
        return Result(NAME, TITLE, skipped=why)
    big, small = (20_000, 2_000) if ctx.quick else (1_000_000, 100_000)
    result = Result(NAME, TITLE, params={"numbers": [small, big], "chunk_size": 1000, "workers": 4})
    with tempfile.TemporaryDirectory(prefix="hoiio-bench-campaign-") as folder:
        with SandboxProcess() as sb:
            runs = [campaign_run(sb, n, folder) for n in (small, big)]
        cost = journal_cost(folder, 50 if ctx.quick else 500)
    for r in runs:
        result.rows.append({"key": f"run:{r['count']}", "what": f"{r['count']:,} numbers", "seconds": r["wall"], "plan": r["plan"],
                            "rate": r["rate"], "rss_mb": r["maxrss_kb"] / 1024, "journal_mb": r["journal_mb"]})  # fmt: skip
    result.columns = [
        ("what", "campaign", "text"),
        ("seconds", "wall s (runner start to summary)", "s"),
        ("plan", "of which planning s", "s"),
        ("rate", "numbers/s", "rate"),
        ("rss_mb", "runner peak RSS MB", "s"),
        ("journal_mb", "journal MB", "s"),
    ]
    big_run, small_run = runs[1], runs[0]
    minutes = 1_000_000 / big_run["rate"] / 60
    how = "measured" if big == 1_000_000 else f"extrapolated from {big:,} numbers at {big_run['rate']:,.0f}/s"
    result.targets.append(Target("1,000,000 numbers through the sandbox, minutes (<= 10)", minutes, 10.0, unit="min", detail=f"({how})"))
    result.targets.append(Target(f"the runner's peak RSS at {big:,} numbers over {small:,} (flat: <= 1.25)", big_run["maxrss_kb"] / small_run["maxrss_kb"],
                                 1.25, unit="ratio", detail=f"({big_run['maxrss_kb'] / 1024:.0f} MB against {small_run['maxrss_kb'] / 1024:.0f} MB)"))  # fmt: skip
    result.notes.append(
        f"The journal's write cost per chunk (its 'sending' and 'sent' rows, each committed: WAL): {cost['FULL']:.2f} ms with synchronous=FULL "
        f"(the default: on disk before the request leaves, through a power cut), {cost['NORMAL']:.2f} ms with NORMAL (survives a crash of the "
        "process, not of the machine). A chunk is 1,000 numbers: a million numbers are 1,000 chunks."
    )
    result.notes.append("The sandbox and the runner share this machine's cores; the sandbox's own SQLite holds every SMS (in memory).")
    return result
