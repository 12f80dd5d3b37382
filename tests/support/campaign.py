"""Helpers of the campaign tests: the sandbox's own records, and the CLI as a real process."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from typing import Any, Dict, List


def sent_records(sandbox: Any, account: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Every SMS the sandbox holds for the account (what Hoiio charged for): read from the
    sandbox's own store when it runs in this process (a hundred thousand records through the
    control API's JSON take long on a busy machine), else through its control API."""
    engine = getattr(sandbox, "engine", None)
    if engine is not None:
        with engine.store.transaction():
            return [{**t.data, "kind": t.kind} for t in engine.store.txns(account["app_id"]) if t.kind == "sms"]
    return [t for t in sandbox.transactions(kind="sms", app_id=account["app_id"]) if t.get("kind") == "sms"]


def assert_exactly_once(sandbox: Any, account: Dict[str, Any], numbers: List[str]) -> List[Dict[str, Any]]:
    records = sent_records(sandbox, account)
    counts = collections.Counter(r["dest"] for r in records)
    twice = {n: c for n, c in counts.items() if c > 1}
    missing = set(numbers) - set(counts)
    extra = set(counts) - set(numbers)
    assert not twice, f"{len(twice)} numbers got the SMS more than once, e.g. {sorted(twice.items())[:5]}"
    assert not missing, f"{len(missing)} numbers never got the SMS, e.g. {sorted(missing)[:5]}"
    assert not extra, f"SMS to numbers not in the list: {sorted(extra)[:5]}"
    return records


def cli(args: List[str], sandbox: Any, account: Dict[str, Any], timeout: float = 300) -> "subprocess.CompletedProcess[str]":
    env = {**os.environ, "HOIIO_BASE_URL": sandbox.base_url, "HOIIO_APP_ID": account["app_id"], "HOIIO_ACCESS_TOKEN": account["access_token"]}
    return subprocess.run([sys.executable, "-m", "hoiio", "campaign", *args], env=env, capture_output=True, text=True, timeout=timeout)


def cli_popen(args: List[str], sandbox: Any, account: Dict[str, Any]) -> "subprocess.Popen[str]":
    env = {**os.environ, "HOIIO_BASE_URL": sandbox.base_url, "HOIIO_APP_ID": account["app_id"], "HOIIO_ACCESS_TOKEN": account["access_token"]}
    return subprocess.Popen([sys.executable, "-m", "hoiio", "campaign", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
