"""The Hoiio sandbox: a local, stateful emulator of the whole Hoiio API.

    hoiio sandbox [--host 127.0.0.1] [--port 8765] [--db PATH] [--app-id ID --access-token TOKEN]

or, in Python (tests, demos):

    from hoiio.sandbox import Sandbox

    with Sandbox(freeze=True) as sb:
        client = sb.client()
        ...
        sb.advance(60)

It answers every endpoint of the spec under /open/ (checking requests against the same spec
the SDK is generated from), keeps its state in SQLite, sends signed notifications from a
background worker, and has a control API under /_sandbox/ (see docs/sandbox.md). Serving it
needs werkzeug: ``pip install 'hoiio[sandbox]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Sandbox", "SandboxControl", "SandboxError", "make_sandbox_server"]

_LAZY = {
    "Sandbox": "hoiio.sandbox.server",
    "make_sandbox_server": "hoiio.sandbox.server",
    "SandboxControl": "hoiio.sandbox.remote",
    "SandboxError": "hoiio.sandbox.remote",
}

if TYPE_CHECKING:  # pragma: no cover
    from .remote import SandboxControl, SandboxError
    from .server import Sandbox, make_sandbox_server


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'hoiio.sandbox' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
