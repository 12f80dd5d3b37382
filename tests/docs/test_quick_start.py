"""README's Quick start runs as written, against the sandbox it starts with: `hoiio sandbox` in a
process of its own, what it prints exported, then each Python block of the section run as a
program (twice against the same sandbox: the examples are sized to the default account, so a
second run succeeds too). The sandbox runs on a free port (``--port 0``); the rest is as the
README says."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
      b"3 0 obj<</Type/Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"  # fmt: skip


def section(name: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split(f"<!-- --8<-- [start:{name}] -->", 1)[1].split(f"<!-- --8<-- [end:{name}] -->", 1)[0]


def blocks(text: str, lang: str) -> List[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text, flags=re.M | re.S)


def clean_env() -> Dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("HOIIO_")}


@contextmanager
def sandbox_process() -> Iterator[Tuple[Dict[str, str], List[str]]]:
    """`hoiio sandbox --port 0` as a process of its own: the HOIIO_* variables it printed, and
    (once it has stopped) the lines of its log (stderr)."""
    proc = subprocess.Popen([sys.executable, "-m", "hoiio", "sandbox", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=clean_env())  # fmt: skip
    assert proc.stdout is not None
    log: List[str] = []
    try:
        printed: Dict[str, str] = {}
        for line in proc.stdout:
            m = re.fullmatch(r"\s*(HOIIO_[A-Z_]+)=(\S+)\s*", line)
            if m:
                printed[m.group(1)] = m.group(2)
            if line.startswith("Press Ctrl-C"):
                break
        assert set(printed) == {"HOIIO_BASE_URL", "HOIIO_APP_ID", "HOIIO_ACCESS_TOKEN"}, printed
        yield printed, log
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        log += err.splitlines()


@pytest.fixture(scope="module")
def sandbox_env() -> Iterator[Dict[str, str]]:
    with sandbox_process() as (printed, _):
        yield printed


def test_the_quick_start_starts_the_sandbox_and_exports_what_it_prints(sandbox_env: Dict[str, str]) -> None:
    text = section("quick-start")
    shell = blocks(text, "sh")
    assert len(shell) == 2 and shell[0].split()[:2] == ["hoiio", "sandbox"], "the sandbox comes first"
    exported = dict(re.findall(r"(HOIIO_[A-Z_]+)=(\S+)", shell[1]))
    assert shell[1].startswith("export ") and set(exported) == set(sandbox_env)
    # what the README exports is what the sandbox prints on its default port
    assert exported["HOIIO_BASE_URL"] == re.sub(r":\d+/", ":8765/", sandbox_env["HOIIO_BASE_URL"])
    assert (exported["HOIIO_APP_ID"], exported["HOIIO_ACCESS_TOKEN"]) == (sandbox_env["HOIIO_APP_ID"], sandbox_env["HOIIO_ACCESS_TOKEN"])
    python = blocks(text, "python")
    assert "hoiio.Client(prefix=" in python[0], "the client takes its credentials from the environment"
    assert "except hoiio.TransportError" in python[0]
    assert "Hoiio.init(" not in python[1]


def test_the_quick_start_blocks_run_as_written_twice(sandbox_env: Dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "invoice.pdf").write_bytes(PDF)  # the facade's block faxes a PDF by its path
    env = {**clean_env(), **sandbox_env}
    outputs = []
    for run in range(2):
        for i, code in enumerate(blocks(section("quick-start"), "python")):
            done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, (run, i, done.stderr[-2000:])
            assert done.stderr == "", (run, i, done.stderr[-2000:])
            outputs.append(done.stdout)
    client_out, facade_out = outputs[2], outputs[3]  # the second run's
    assert re.search(r"^sent: AA-S-\d+$", client_out, re.M), client_out
    for bad in ("top up", "check HOIIO_", "could not reach", "retry later", "error"):
        assert bad not in client_out, client_out
    assert re.search(r"^sent: AA-S-\d+$", facade_out, re.M) and "error" not in facade_out, facade_out
    assert "success_ok" in facade_out  # the fax


def test_a_spent_account_says_what_to_do_and_the_readme_advice_works(tmp_path: Path) -> None:
    """A long-running sandbox whose account is spent: the quick start says "top up first", the
    sandbox's log says how (`hoiio sandbox topup`), and after that command the block runs."""
    client_block = blocks(section("quick-start"), "python")[0]
    with sandbox_process() as (printed, log):
        env = {**clean_env(), **printed}

        def hoiio_sandbox(*argv: str) -> None:
            done = subprocess.run([sys.executable, "-m", "hoiio", "sandbox", *argv], env=env, capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr

        hoiio_sandbox("drain")
        spent = subprocess.run([sys.executable, "-c", client_block], env=env, capture_output=True, text=True, timeout=120)
        assert spent.returncode == 0 and "top up first (the sandbox: hoiio sandbox topup --points 50): error_insufficient_credit" in spent.stdout
        hoiio_sandbox("topup", "--points", "50")
        again = subprocess.run([sys.executable, "-c", client_block], env=env, capture_output=True, text=True, timeout=120)
        assert again.returncode == 0 and "sent: AA-S-" in again.stdout and "top up" not in again.stdout, again.stdout
    hints = [line for line in log if "hint:" in line]
    assert hints == ["sms/send answered error_insufficient_credit (account AP-SANDBOX); hint: the balance does not cover it: "
                     "`hoiio sandbox topup --points 50` adds credit, `hoiio sandbox reset` starts afresh"], log  # fmt: skip


def test_the_quick_start_without_a_sandbox_says_where_it_looked_and_why(tmp_path: Path) -> None:
    """Its TransportError clause: the base URL it tried, the hint, and the error naming the host
    and the cause (here a refused connection)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    env = {**clean_env(), "HOIIO_BASE_URL": f"http://127.0.0.1:{port}/open/", "HOIIO_APP_ID": "AP-SANDBOX",
           "HOIIO_ACCESS_TOKEN": "sandbox-access-token"}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", blocks(section("quick-start"), "python")[0]], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr
    [line] = done.stdout.splitlines()
    assert line.startswith(f"could not reach http://127.0.0.1:{port}/open/ (is `hoiio sandbox` running, HOIIO_BASE_URL set?): sms.send:")
    assert f"127.0.0.1:{port} refused the connection" in line, line
