"""The command line: `python -m hoiio sandbox` starts, prints the base URL and credentials,
answers the SDK, takes control commands, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from typing import Any, Dict, List

import hoiio


def start(*args: str) -> "tuple[subprocess.Popen[str], Dict[str, str]]":
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "hoiio", "sandbox", "--port", "0", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    printed: Dict[str, str] = {}
    deadline = time.monotonic() + 20
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if "=" in line and line.strip().startswith("HOIIO_"):
            key, _, value = line.strip().partition("=")
            printed[key] = value
        if line.startswith("Press Ctrl-C"):
            return proc, printed
    proc.kill()
    raise AssertionError(f"the sandbox did not start: {proc.stderr.read() if proc.stderr else ''}")


def control(url: str, *args: str) -> Any:
    out = subprocess.run([sys.executable, "-m", "hoiio", "sandbox", *args, "--url", url], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_serve_control_and_stop_on_ctrl_c(tmp_path: Any) -> None:
    proc, printed = start("--db", str(tmp_path / "cli.db"), "--app-id", "MY-APP", "--access-token", "my-secret", "--freeze")
    try:
        assert printed["HOIIO_APP_ID"] == "MY-APP" and printed["HOIIO_ACCESS_TOKEN"] == "my-secret"
        base = printed["HOIIO_BASE_URL"]
        assert base.startswith("http://127.0.0.1:") and base.endswith("/open/")
        with hoiio.Client("MY-APP", "my-secret", base_url=base) as client:
            sent = client.sms.send("from the CLI test", "+6591234567")
            assert sent.is_success()
            root = base[: -len("open/")]
            assert control(root, "status")["app_id"] == "MY-APP"
            assert control(root, "advance", "10")["events"] == 1
            assert client.sms.status(sent.txn_ref).sms_status == "delivered"
            assert control(root, "topup", "--points", "5")["balance"] == "59.612"
            notes: List[Any] = control(root, "notifications")
            assert notes == []
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
        assert proc.returncode == 0, err
        assert "stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_control_without_a_sandbox_fails_clearly() -> None:
    out = subprocess.run([sys.executable, "-m", "hoiio", "sandbox", "status", "--url", "http://127.0.0.1:1/"], capture_output=True,
                         text=True, timeout=30)  # fmt: skip
    assert out.returncode == 3 and "cannot reach the sandbox" in out.stderr


def test_the_demo_tells_its_story() -> None:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = subprocess.run([sys.executable, os.path.join(root, "examples", "demo.py")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "SIGNATURE DOES NOT MATCH" not in out.stdout
    for step in ("SmsDeliveryNotification", "CallNotification", "GatherNotification", "TransferNotification", "FaxNotification",
                 "IncomingCallNotification", "the caller pressed '2'", "8 delivered"):  # fmt: skip
        assert step in out.stdout
