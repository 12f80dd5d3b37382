"""Fixtures of the campaign tests: one real sandbox over TCP for the module, a fresh account
with credit per test, and the sandbox's own records to count what was really sent."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Any]:
    from hoiio.sandbox import Sandbox

    with Sandbox(freeze=True) as sb:
        yield sb


@pytest.fixture
def account(sandbox: Any) -> Dict[str, Any]:
    sandbox.clear_faults()
    acc: Dict[str, Any] = sandbox.create_account()
    sandbox.topup(points="100000", app_id=acc["app_id"])
    return acc


@pytest.fixture
def client(sandbox: Any, account: Dict[str, Any]) -> Iterator[Any]:
    c = sandbox.client(app_id=account["app_id"], access_token=account["access_token"])
    try:
        yield c
    finally:
        c.close()

