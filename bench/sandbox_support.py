"""The sandbox for benchmarks 5 and 6: ``hoiio.sandbox.Sandbox`` started in a child process, so
that what this process measures (client CPU, memory, threads) is the client's alone, and driven
from here through its control API (``hoiio.sandbox.SandboxControl``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any, Optional

from bench.common import stop_process

# The child: start the sandbox on a free port, say where it is, run until stdin closes.
CHILD = """
import json, sys
from hoiio.sandbox import Sandbox
with Sandbox(freeze=True) as sb:
    print(json.dumps({"url": sb.url, "app_id": sb.app_id, "access_token": sb.access_token}), flush=True)
    sys.stdin.read()
"""


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

    def __init__(self) -> None:
        self._proc: Optional[subprocess.Popen] = None
        self.control: Any = None

    def __enter__(self) -> "SandboxProcess":
        from hoiio.sandbox import SandboxControl

        env = dict(os.environ)
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

    def __exit__(self, *exc: object) -> None:
        if self.control is not None:
            self.control.close()
            self.control = None
        proc, self._proc = self._proc, None
        if proc is None:
            return
        stop_process(proc, close_stdin_first=True)  # the child leaves its with-block and stops the sandbox
