"""pytest fixtures for testing an application's Hoiio code against the sandbox.

They are there in every test once ``hoiio[sandbox]`` is installed (a pytest11 entry point
named after this module). With plugin autoloading off (PYTEST_DISABLE_PLUGIN_AUTOLOAD), enable
them in your conftest.py, which is harmless when they are loaded already:

    pytest_plugins = ["hoiio.sandbox.pytest_plugin"]

- ``hoiio_sandbox`` (one per test session): a running Sandbox with a frozen clock on a free
  loopback port; ``hoiio_sandbox.advance(60)`` moves time on.
- ``hoiio_account`` (one per test): a fresh account of that sandbox (its own balance,
  numbers and history): a dict with app_id and access_token.
- ``hoiio_client`` (one per test): a hoiio.Client for that account.
- ``hoiio_async_client`` (one per test): a hoiio.AsyncClient for that account, closed after
  the test; an async fixture, for async tests run by anyio's pytest plugin
  (``@pytest.mark.anyio``) or pytest-asyncio (``asyncio_mode = "auto"``). Needs hoiio[async].
- ``hoiio_receiver`` (one per test session): a local server recording notifications.
"""

from __future__ import annotations

from typing import Any, AsyncIterator, Dict, Iterator

import pytest


@pytest.fixture(scope="session")
def hoiio_sandbox() -> Iterator[Any]:
    from .server import Sandbox

    with Sandbox(freeze=True) as sandbox:
        yield sandbox


@pytest.fixture
def hoiio_account(hoiio_sandbox: Any) -> Dict[str, Any]:
    account: Dict[str, Any] = hoiio_sandbox.create_account()
    return account


@pytest.fixture
def hoiio_client(hoiio_sandbox: Any, hoiio_account: Dict[str, Any]) -> Iterator[Any]:
    client = hoiio_sandbox.client(app_id=hoiio_account["app_id"], access_token=hoiio_account["access_token"])
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
async def hoiio_async_client(hoiio_sandbox: Any, hoiio_account: Dict[str, Any]) -> AsyncIterator[Any]:
    client = hoiio_sandbox.async_client(app_id=hoiio_account["app_id"], access_token=hoiio_account["access_token"])
    try:
        yield client
    finally:
        await client.aclose()


@pytest.fixture(scope="session")
def hoiio_receiver() -> Iterator[Any]:
    from .receiver import Receiver

    with Receiver() as receiver:
        yield receiver
