"""Importing a program of examples/ in a test, as the module its own file makes."""

from __future__ import annotations

import importlib.util
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, Iterator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@contextmanager
def example(name: str) -> Iterator[ModuleType]:
    """examples/<name>.py imported as the module ``name`` (registered while in use, since
    dataclasses look their module up in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@contextmanager
def attendant_office(sandbox: Any, module: ModuleType, sales: str, support: str) -> Iterator[SimpleNamespace]:
    """A fresh account of ``sandbox`` with a subscribed number whose calls go to the
    auto-attendant (``module``), served on a free loopback port in a thread, as its ``main()``
    serves it: app_id, token, number, attendant, url, client."""
    acct = sandbox.create_account()
    client = sandbox.client(app_id=acct["app_id"], access_token=acct["access_token"])
    attendant = module.AutoAttendant(client, acct["access_token"], sales, support)
    server = module.serve(attendant, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        number = module.subscribe_a_number(client)
        module.point_forwarding_here(client, number, attendant.public_url)
        yield SimpleNamespace(app_id=acct["app_id"], token=acct["access_token"], number=number, attendant=attendant,
                              url=attendant.public_url, client=client)  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        client.close()
