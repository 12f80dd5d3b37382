"""Benchmark 4, ``make generate`` on the full spec: wall time of ``python -m generator`` on a scratch
copy of the repository (spec/, generator/, generated/, docs/), once with every generated file
removed and once as a no-op regeneration. The checkout is never touched; the regenerated files
are compared with the checkout's, byte for byte.
"""

from __future__ import annotations

import filecmp
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

from bench.common import Result, child_env, median

NAME = "generate"
TITLE = "4. make generate on the full spec (python -m generator on a scratch copy)"

ROOT = Path(__file__).resolve().parent.parent
COPY = ("spec", "generator", "generated", "docs")
MARKER = "by `make generate`; do not edit."


def _generated_files(root: Path) -> List[Path]:
    out = []
    for path in sorted((root / "generated").rglob("*")) + sorted((root / "docs").rglob("*.md")):
        if path.is_file() and path.suffix in (".py", ".json", ".md"):
            try:
                head = path.read_text(encoding="utf-8")[:300]
            except (OSError, UnicodeDecodeError):
                continue
            if MARKER in head:
                out.append(path)
    return out


def _generate(root: Path, env: Dict[str, str]) -> Dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    w0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator"], cwd=str(root), capture_output=True, text=True, env=env)
    wall = time.perf_counter() - w0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"python -m generator failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    written = sum(1 for line in proc.stdout.splitlines() if line.startswith("wrote "))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "written": written, "output": proc.stdout.strip().splitlines()[-1:]}


def run(ctx: Any) -> Result:
    rounds = 1 if ctx.quick else 3
    full: List[Dict[str, Any]] = []
    noop: List[Dict[str, Any]] = []
    mismatched: List[str] = []
    with tempfile.TemporaryDirectory(prefix="hoiio-bench-generate-") as tmp:
        scratch = Path(tmp) / "repo"
        env = child_env(str(Path(tmp) / "pycache"))
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".mypy_cache", ".ruff_cache")
        for name in COPY:
            shutil.copytree(ROOT / name, scratch / name, ignore=ignore)
        shutil.copy2(ROOT / "pyproject.toml", scratch / "pyproject.toml")
        originals = {p.relative_to(scratch) for p in _generated_files(scratch)}
        _generate(scratch, env)  # warm up: bytecode of the generator, black and jinja2
        for _ in range(rounds):
            for path in _generated_files(scratch):
                path.unlink()
            full.append(_generate(scratch, env))
            noop.append(_generate(scratch, env))
        regenerated = {p.relative_to(scratch) for p in _generated_files(scratch)}
        for rel in sorted(originals | regenerated):
            ours, theirs = ROOT / rel, scratch / rel
            if not (ours.exists() and theirs.exists() and filecmp.cmp(ours, theirs, shallow=False)):
                mismatched.append(str(rel))
    files = len(regenerated)
    result = Result(NAME, TITLE, params={"rounds": rounds, "generated_files": files})
    result.columns = [
        ("what", "run", "text"),
        ("wall", "wall s", "s"),
        ("cpu", "CPU s", "s"),
        ("written", "files written", "int"),
    ]
    result.rows = [
        {
            "key": "full",
            "what": "full generation (generated files removed)",
            "wall": median([r["wall"] for r in full]),
            "cpu": median([r["cpu"] for r in full]),
            "written": full[-1]["written"],
        },
        {
            "key": "noop",
            "what": "no-op regeneration (nothing changed)",
            "wall": median([r["wall"] for r in noop]),
            "cpu": median([r["cpu"] for r in noop]),
            "written": noop[-1]["written"],
        },
    ]
    result.notes.append(
        f"{files} generated files (marked 'do not edit'); {rounds} round(s), medians; CPU is the generator process's user + system time."
    )
    if noop[-1]["written"]:
        result.notes.append(f"NOTE: the no-op regeneration rewrote {noop[-1]['written']} files; generation is not idempotent.")
    if mismatched:
        shown = ", ".join(mismatched[:5]) + (f" and {len(mismatched) - 5} more" if len(mismatched) > 5 else "")
        result.notes.append(f"NOTE: the regenerated files differ from the checkout's ({shown}); run make generate / make check.")
    else:
        result.notes.append("The regenerated files are byte-identical to the checkout's.")
    return result
