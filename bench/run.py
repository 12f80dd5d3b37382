"""Run the hoiio benchmark suite and print its tables; write the results as JSON.

    python bench/run.py                  # the full suite (make bench), a few minutes
    python bench/run.py --quick          # every benchmark once, small counts (make bench-quick, CI)
    python bench/run.py --only overhead,parsing --json /tmp/b.json
    python bench/run.py --compare bench/results/old.json
    python bench/run.py --show bench/results/latest.json --markdown   # print a saved run's tables

Benchmarks are not tests: a missed target is reported, never an error. The exit status is
non-zero only when a benchmark itself breaks (or, with --fail-on-skip, when one is skipped).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Result, Target, table, target_line  # noqa: E402
from bench.server import LoopbackServer  # noqa: E402

BENCHMARKS = ("overhead", "imports", "parsing", "generate", "pagination", "sandbox_load", "bulk", "async_client", "campaign")
NEEDS_SERVER = ("overhead", "parsing", "bulk", "async_client")
DEFAULT_JSON = ROOT / "bench" / "results" / "latest.json"


class Context:
    """What a benchmark's run() gets: the mode and the shared loopback server."""

    def __init__(self, quick: bool, server: Optional[LoopbackServer]) -> None:
        self.quick = quick
        self.server = server


def _git(*args: str) -> Optional[str]:
    try:
        out = subprocess.run(["git", *args], cwd=str(ROOT), capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def _meta(quick: bool) -> Dict[str, Any]:
    import hoiio
    import requests

    dirty = _git("status", "--porcelain", "--", "generated", "generator", "spec", "bench")
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "HEAD"),
        "dirty": bool(dirty),
        "quick": quick,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "hoiio": hoiio.__version__,
        "requests": requests.__version__,
    }


def _print_result(result: Result, markdown: bool) -> None:
    print()
    print(f"### {result.title}" if markdown else result.title)
    if not markdown:
        print("=" * min(len(result.title), 100))
    if result.skipped:
        print(f"skipped: {result.skipped}")
        return
    print()
    print(table(result, markdown=markdown))
    print()
    for note in result.notes:
        print(f"- {note}" if markdown else note)
    for target in result.targets:
        print(f"- {target_line(target)}" if markdown else target_line(target))
    sys.stdout.flush()


def _load_results(path: Path) -> List[Result]:
    saved = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for name, res in saved.get("benchmarks", {}).items():
        result = Result(name, res["title"], skipped=res.get("skipped"), params=res.get("params", {}))
        result.columns = [(c["key"], c["header"], c["format"]) for c in res.get("columns", [])]
        result.rows = res.get("rows", [])
        result.notes = res.get("notes", [])
        result.targets = [Target(t["name"], t["value"], t["limit"], t.get("unit", "x"), t.get("detail", "")) for t in res.get("targets", [])]
        out.append(result)
    return out


def _show(path: Path, markdown: bool) -> int:
    saved = json.loads(path.read_text(encoding="utf-8"))
    meta = saved.get("meta", {})
    print(
        f"hoiio {meta.get('hoiio')} benchmarks ({'quick mode' if meta.get('quick') else 'full run'}, {meta.get('date')}): "
        f"Python {meta.get('python')}, requests {meta.get('requests')}, {meta.get('cpus')} CPUs, {meta.get('platform')}, "
        f"commit {str(meta.get('commit'))[:12]}{' (dirty)' if meta.get('dirty') else ''}"
    )
    results = _load_results(path)
    for result in results:
        _print_result(result, markdown)
    _print_targets([t for r in results for t in r.targets], markdown)
    return 0


def _print_targets(targets: List[Target], markdown: bool) -> None:
    if targets:
        print("\nTargets" if not markdown else "\n### Targets\n")
        for t in targets:
            print(("- " if markdown else "  ") + target_line(t))


def _compare(old_path: Path, new: Dict[str, Any]) -> None:
    try:
        old = json.loads(old_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"\ncannot compare with {old_path}: {exc}")
        return
    print(f"\nCompared with {old_path} (commit {str(old.get('meta', {}).get('commit'))[:12]}, {old.get('meta', {}).get('date')}):")
    for name, res in new["benchmarks"].items():
        before = old.get("benchmarks", {}).get(name)
        if not before or res.get("skipped") or before.get("skipped"):
            continue
        old_rows = {r.get("key") or r.get(res["columns"][0]["key"]): r for r in before.get("rows", [])}
        numeric = [c for c in res["columns"] if c["format"] in ("us", "ms", "s", "x", "pct", "rate", "mib", "kib")]
        for row in res["rows"]:
            key = row.get("key") or row.get(res["columns"][0]["key"])
            prev = old_rows.get(key)
            if prev is None or not numeric:
                continue
            col = numeric[0]["key"]
            a, b = prev.get(col), row.get(col)
            if isinstance(a, (int, float)) and isinstance(b, (int, float)) and a:
                label = row.get(res["columns"][0]["key"])
                print(f"  {name}: {label}: {numeric[0]['header']} {b / a:.2f}x of before")
    old_targets = {t["name"]: t for r in old.get("benchmarks", {}).values() for t in r.get("targets", [])}
    for res in new["benchmarks"].values():
        for t in res.get("targets", []):
            prev = old_targets.get(t["name"])
            if prev:
                print(f"  target {t['name']}: {prev['value']:.3g} -> {t['value']:.3g}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small counts and one or few rounds: checks that the suite works")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"where to write the results (default: {DEFAULT_JSON.relative_to(ROOT)})")
    parser.add_argument("--only", default="", help=f"comma-separated benchmarks to run, of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown (for docs/performance.md)")
    parser.add_argument("--compare", type=Path, help="a previous results JSON to compare with")
    parser.add_argument("--show", type=Path, metavar="JSON", help="print the tables of a saved run instead of running")
    parser.add_argument("--fail-on-skip", action="store_true", help="exit 1 when a benchmark is skipped")
    args = parser.parse_args(argv)
    if args.show:
        return _show(args.show, args.markdown)
    chosen = [n.strip() for n in args.only.split(",") if n.strip()] or list(BENCHMARKS)
    unknown = [n for n in chosen if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")

    meta = _meta(args.quick)
    mode = "quick mode, numbers not meaningful" if args.quick else "full run"
    print(
        f"hoiio {meta['hoiio']} benchmarks ({mode}): Python {meta['python']}, requests {meta['requests']}, "
        f"{meta['cpus']} CPUs, {meta['platform']}, commit {str(meta['commit'])[:12]}{' (dirty)' if meta['dirty'] else ''}"
    )
    results: List[Result] = []
    broken: List[str] = []
    server: Optional[LoopbackServer] = None
    started = time.perf_counter()
    try:
        if any(n in NEEDS_SERVER for n in chosen):
            server = LoopbackServer().__enter__()
        ctx = Context(args.quick, server)
        for name in chosen:
            t0 = time.perf_counter()
            try:
                module = importlib.import_module(f"bench.{name}")
                result = module.run(ctx)
            except Exception as exc:  # a broken benchmark is reported, and the others still run
                traceback.print_exc()
                broken.append(name)
                result = Result(name, f"{name}: BROKEN", skipped=f"error: {type(exc).__name__}: {exc}")
            result.seconds = time.perf_counter() - t0
            results.append(result)
            _print_result(result, args.markdown)
    finally:
        if server is not None:
            server.__exit__()

    targets = [t for r in results for t in r.targets]
    _print_targets(targets, args.markdown)
    out = {"meta": meta, "benchmarks": {r.name: r.to_json() for r in results}, "targets": [t.to_json() for t in targets]}
    out["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json} ({out['meta']['seconds']} s)")
    if args.compare:
        _compare(args.compare, out)
    if broken:
        print(f"BROKEN: {', '.join(broken)}", file=sys.stderr)
        return 1
    if args.fail_on_skip and any(r.skipped for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
