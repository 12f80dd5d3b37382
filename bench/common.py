"""What the benchmarks share: timing side by side in rounds, medians, results and their tables."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

#: (key in each row, column header, format: "text", "int", "us", "ms", "x" (ratio), "pct", "rate")
Column = Tuple[str, str, str]


@dataclass
class Target:
    """A goal of an issue, checked against this run's numbers. Missing one is reported, never fatal."""

    name: str
    value: float
    limit: float
    unit: str = "x"  # "x": a ratio, "pct": a percentage, "ratio": a ratio of memory
    detail: str = ""

    @property
    def met(self) -> bool:
        return self.value <= self.limit

    def to_json(self) -> Dict[str, Any]:
        return {"name": self.name, "value": self.value, "limit": self.limit, "unit": self.unit, "met": self.met, "detail": self.detail}


@dataclass
class Result:
    """One benchmark's outcome: a table (columns, rows), notes and the targets it checks."""

    name: str
    title: str
    columns: List[Column] = field(default_factory=list)
    rows: List[Dict[str, Any]] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)
    targets: List[Target] = field(default_factory=list)
    params: Dict[str, Any] = field(default_factory=dict)
    skipped: Optional[str] = None
    seconds: float = 0.0

    def to_json(self) -> Dict[str, Any]:
        return {
            "title": self.title,
            "skipped": self.skipped,
            "params": self.params,
            "columns": [{"key": k, "header": h, "format": f} for k, h, f in self.columns],
            "rows": self.rows,
            "notes": self.notes,
            "targets": [t.to_json() for t in self.targets],
            "seconds": round(self.seconds, 2),
        }


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: Sequence[float]) -> float:
    """The interquartile range over the median, in percent: how much the rounds disagree
    (robust to one round disturbed by something else running)."""
    if len(values) < 2:
        return 0.0
    mid = median(values)
    if len(values) < 4:
        return (max(values) - min(values)) / mid * 100 if mid else 0.0
    q1, _, q3 = statistics.quantiles(values, n=4)
    return (q3 - q1) / mid * 100 if mid else 0.0


def ratio(rounds: Sequence[float], base_rounds: Sequence[float]) -> float:
    """The median over rounds of the per-round ratio: each round's variants ran close together,
    so this cancels the machine's drift between rounds better than a ratio of medians."""
    return median([a / b for a, b in zip(rounds, base_rounds) if b])


def side_by_side(
    variants: Dict[str, Callable[[], Any]], *, calls: int, rounds: int, warmup: int
) -> Dict[str, Dict[str, Any]]:
    """Run each variant ``calls`` times per round, the variants taking turns (in a rotating
    order) within each round, so that drift of the machine hits them all alike. Returns per
    variant the median over rounds of the client CPU time and the wall time per call, in
    seconds, the spread of the CPU times, and the per-round times (for :func:`ratio`)."""
    for fn in variants.values():
        for _ in repeat(None, warmup):
            fn()
    cpu: Dict[str, List[float]] = {name: [] for name in variants}
    wall: Dict[str, List[float]] = {name: [] for name in variants}
    items = list(variants.items())
    for r in range(rounds):
        shift = r % len(items)
        for name, fn in items[shift:] + items[:shift]:
            c0 = time.process_time()
            w0 = time.perf_counter()
            for _ in repeat(None, calls):
                fn()
            w1 = time.perf_counter()
            c1 = time.process_time()
            cpu[name].append((c1 - c0) / calls)
            wall[name].append((w1 - w0) / calls)
    return {
        name: {
            "cpu": median(cpu[name]), "wall": median(wall[name]), "cpu_spread": spread(cpu[name]),
            "cpu_rounds": cpu[name], "wall_rounds": wall[name],
        }  # fmt: skip
        for name in variants
    }


def child_env(pycache: str) -> Dict[str, str]:
    """The environment for a timed child Python: bytecode cached (as after an install) but in
    ``pycache`` (PYTHONPYCACHEPREFIX), never next to the sources, whatever
    PYTHONDONTWRITEBYTECODE says here; no import-time or tracing switches."""
    env = dict(os.environ)
    for key in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONDEVMODE", "PYTHONTRACEMALLOC", "PYTHONVERBOSE"):
        env.pop(key, None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    return env


# ---- rendering ----


def fmt(value: Any, kind: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value != value:  # NaN
        return "-"
    if kind == "text":
        return str(value)
    if kind == "int":
        return f"{int(value):,}"
    if kind == "us":
        return f"{value * 1e6:,.1f}"
    if kind == "ms":
        return f"{value * 1e3:,.1f}"
    if kind == "s":
        return f"{value:,.2f}"
    if kind == "x":
        return f"{value:.2f}x"
    if kind == "pct":
        return f"{value:.1f} %"
    if kind == "rate":
        return f"{value:,.0f}"
    if kind == "mib":
        return f"{value / (1024 * 1024):,.2f}"
    if kind == "kib":
        return f"{value / 1024:,.1f}"
    return str(value)


def table(result: Result, markdown: bool = False) -> str:
    headers = [h for _, h, _ in result.columns]
    body = [[fmt(row.get(k), f) for k, _, f in result.columns] for row in result.rows]
    numeric = [f != "text" for _, _, f in result.columns]
    if markdown:
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---:" if n else "---" for n in numeric) + "|"]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(cells[i]) for cells in body)) if body else len(h) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.rjust(w) if n else c.ljust(w) for c, w, n in zip(cells, widths, numeric)).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(cells) for cells in body]
    return "\n".join(out)


def target_line(t: Target) -> str:
    mark = "met   " if t.met else "MISSED"
    if t.unit == "pct":
        shown = f"{t.value:.1f} % (limit {t.limit:g} %)"
    elif t.unit == "min":
        shown = f"{t.value:.1f} min (limit {t.limit:g} min)"
    else:
        shown = f"{t.value:.2f}x (limit {t.limit:g}x)"
    return f"[{mark}] {t.name}: {shown}" + (f"  {t.detail}" if t.detail else "")


def stop_process(proc: "subprocess.Popen[Any]", *, close_stdin_first: bool = False) -> None:
    """Stop a child process: first, if asked, close its stdin and give it 10 s to finish on its
    own; then terminate it, and kill it if it is still there 5 s later. Closes its stdout."""
    stopped = False
    if close_stdin_first:
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
            stopped = True
        except subprocess.TimeoutExpired:
            pass
    if not stopped:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
