"""Benchmark 2, import time: ``python -c "import hoiio"`` against ``python -c "import requests"``,
each as a whole process, and the number of modules each loads.

Also timed: a bare interpreter (``python -c pass``), ``from hoiio import Hoiio`` (the facade,
which loads the client and requests) and the ``hoiio --help`` console script when it works.
The processes take turns, round after round; wall time is measured around the process, CPU
time from the kernel's accounting of the child (user + system).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List

from bench.common import Result, Target, child_env, median, ratio, spread

NAME = "imports"
TITLE = "2. Import time, whole processes (median wall and CPU per process)"

SNIPPETS = {
    "python -c pass": "pass",
    'python -c "import requests"': "import requests",
    'python -c "import hoiio"': "import hoiio",
    'python -c "from hoiio import Hoiio"': "from hoiio import Hoiio",
}


def _console_script(env: Dict[str, str]) -> Any:
    """The ``hoiio`` console script next to this interpreter, if it exists and --help works."""
    path = Path(sys.executable).parent / "hoiio"
    found = str(path) if path.exists() else shutil.which("hoiio")
    if not found:
        return None, "the hoiio console script is not installed"
    proc = subprocess.run([found, "--help"], capture_output=True, text=True, env=env, timeout=60)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return None, f"`hoiio --help` exits {proc.returncode}: {last}"
    return [found, "--help"], None


def _module_count(code: str, env: Dict[str, str]) -> int:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(len(sys.modules))"],
        capture_output=True, text=True, check=True, env=env,
    )  # fmt: skip
    return int(out.stdout.split()[-1])


def run(ctx: Any) -> Result:
    with tempfile.TemporaryDirectory(prefix="hoiio-bench-pycache-") as pycache:
        return _run(ctx, child_env(pycache))


def _run(ctx: Any, env: Dict[str, str]) -> Result:
    rounds = 3 if ctx.quick else 21
    commands: Dict[str, List[str]] = {label: [sys.executable, "-c", code] for label, code in SNIPPETS.items()}
    script, why_not = _console_script(env)
    if script:
        commands["hoiio --help"] = script
    for argv in commands.values():  # warm the bytecode caches and the page cache
        subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    wall: Dict[str, List[float]] = {k: [] for k in commands}
    cpu: Dict[str, List[float]] = {k: [] for k in commands}
    items = list(commands.items())
    for r in range(rounds):
        shift = r % len(items)
        for label, argv in items[shift:] + items[:shift]:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            w0 = time.perf_counter()
            subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
            w1 = time.perf_counter()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall[label].append(w1 - w0)
            cpu[label].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))

    bare_modules = _module_count("pass", env)
    modules = {label: _module_count(code, env) for label, code in SNIPPETS.items()}
    base_wall, base_cpu = wall['python -c "import requests"'], cpu['python -c "import requests"']
    bare_wall = median(wall["python -c pass"])
    result = Result(NAME, TITLE, params={"rounds": rounds})
    result.columns = [
        ("command", "command", "text"),
        ("wall", "wall ms", "ms"),
        ("cpu", "CPU ms", "ms"),
        ("over_bare", "wall over bare python, ms", "ms"),
        ("wall_x_requests", "wall x import requests", "x"),
        ("cpu_x_requests", "CPU x import requests", "x"),
        ("modules", "modules loaded", "int"),
        ("new_modules", "over bare python", "int"),
        ("wall_spread", "wall spread", "pct"),
    ]
    for label in commands:
        w, c = median(wall[label]), median(cpu[label])
        result.rows.append(
            {
                "command": label,
                "wall": w,
                "cpu": c,
                "over_bare": w - bare_wall,
                "wall_x_requests": ratio(wall[label], base_wall),
                "cpu_x_requests": ratio(cpu[label], base_cpu),
                "modules": modules.get(label),
                "new_modules": modules[label] - bare_modules if label in modules else None,
                "wall_spread": spread(wall[label]),
            }
        )
    rows = {r["command"]: r for r in result.rows}
    hoiio_row = rows['python -c "import hoiio"']
    requests_row = rows['python -c "import requests"']
    result.targets.append(
        Target(
            "import hoiio <= 1.1x import requests (whole process, wall)",
            hoiio_row["wall_x_requests"],
            1.1,
            detail=f"(CPU {hoiio_row['cpu_x_requests']:.2f}x; {hoiio_row['modules']} modules against {requests_row['modules']})",
        )
    )
    facade_row = rows['python -c "from hoiio import Hoiio"']
    result.targets.append(
        Target(
            "from hoiio import Hoiio <= 1.0x import requests (whole process, wall; requests is loaded on the first request)",
            facade_row["wall_x_requests"],
            1.0,
            detail=f"(CPU {facade_row['cpu_x_requests']:.2f}x; {facade_row['modules']} modules against {requests_row['modules']})",
        )
    )
    result.notes.append(
        f"{rounds} rounds, the commands taking turns; medians (ratios: of the per-round ratios). Interpreter: {sys.executable}. Bytecode is cached for every "
        "command, as after an install (in a temporary PYTHONPYCACHEPREFIX, so the checkout is not written to)."
    )
    if why_not:
        result.notes.append(f"hoiio --help not timed: {why_not}.")
    return result
