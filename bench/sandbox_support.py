"""The sandbox for benchmarks 5 and 6: ``hoiio.sandbox.Sandbox`` started in a child process, so
that what this process measures (client CPU, memory, threads) is the client's alone, and driven
from here through its control API (``hoiio.sandbox.SandboxControl``)."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, Optional

from bench.common import stop_process

# The child: start the sandbox on a free port, say where it is, run until stdin closes.
CHILD = """
import json, sys
from hoiio.sandbox import Sandbox
with Sandbox(freeze=True) as sb:
    print(json.dumps({"url": sb.url, "app_id": sb.app_id, "access_token": sb.access_token}), flush=True)
    sys.stdin.read()
"""


#: The commit whose sandbox is "today's" in issue 13's targets (werkzeug's development server,
#: COUNT(*) and OFFSET on every history page): benchmarks run it beside the current one.
BASELINE_COMMIT = "159c65c"
ROOT = Path(__file__).resolve().parent.parent
_trees: Dict[str, Optional[str]] = {}


def baseline_tree(commit: str = BASELINE_COMMIT) -> Optional[str]:
    """A directory holding the ``hoiio`` package as it was at ``commit`` (from git), or None
    when git or the commit is not at hand."""
    if commit not in _trees:
        where = tempfile.mkdtemp(prefix="hoiio-baseline-")
        atexit.register(shutil.rmtree, where, True)
        try:
            archive = subprocess.run(["git", "archive", commit, "generated/hoiio"], cwd=str(ROOT), capture_output=True, timeout=60)
            ok = archive.returncode == 0 and subprocess.run(["tar", "-x", "-C", where], input=archive.stdout, timeout=60).returncode == 0
        except (OSError, subprocess.SubprocessError):
            ok = False
        _trees[commit] = os.path.join(where, "generated") if ok else None
    return _trees[commit]


def unavailable() -> Optional[str]:
    """Why the sandbox cannot be used here, or None when it can."""
    try:
        import hoiio.sandbox as sandbox

        sandbox.Sandbox  # noqa: B018 - loads hoiio.sandbox.server (and werkzeug)
        sandbox.SandboxControl  # noqa: B018
    except Exception as exc:  # ImportError, AttributeError, or a sandbox still being written
        return f"sandbox not available (hoiio.sandbox: {type(exc).__name__}: {exc})"
    return None


class SandboxProcess:
    """``with SandboxProcess() as sb:`` a running sandbox; ``sb.control`` is its SandboxControl,
    ``sb.client(**kwargs)`` a hoiio.Client for its account."""

    def __init__(self, tree: Optional[str] = None) -> None:
        """``tree``: run the ``hoiio`` package found there (baseline_tree()) instead of this one."""
        self._proc: Optional[subprocess.Popen] = None
        self.control: Any = None
        self.tree = tree

    def __enter__(self) -> "SandboxProcess":
        from hoiio.sandbox import SandboxControl

        env = dict(os.environ)
        if self.tree is not None:
            env["PYTHONPATH"] = self.tree + os.pathsep + env.get("PYTHONPATH", "")
        self._proc = subprocess.Popen(
            [sys.executable, "-c", CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True,
        )  # fmt: skip
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        try:
            where = json.loads(line)
        except ValueError:
            self.__exit__()
            raise RuntimeError(f"the sandbox process did not start (it printed {line!r})") from None
        self.control = SandboxControl(where["url"], app_id=where["app_id"], access_token=where["access_token"])
        return self

    def client(self, **kwargs: Any) -> Any:
        return self.control.client(**kwargs)

    def cpu_seconds(self) -> Optional[float]:
        """The sandbox process's CPU time so far (user and system), where /proc tells it."""
        if self._proc is None:
            return None
        try:
            with open(f"/proc/{self._proc.pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError, IndexError, AttributeError):
            return None

    def __exit__(self, *exc: object) -> None:
        if self.control is not None:
            self.control.close()
            self.control = None
        proc, self._proc = self._proc, None
        if proc is None:
            return
        stop_process(proc, close_stdin_first=True)  # the child leaves its with-block and stops the sandbox
