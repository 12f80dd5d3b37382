"""The control API's operations are declared once (hoiio.sandbox.operations): the dispatch of a
running sandbox answers exactly them, SandboxControl has each one's twin and sends each request
by the operation's name, the CLI's sub-commands are theirs, and docs/sandbox.md's Control API
table is the table rendered."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import List, Set

import requests
from hoiio.sandbox import cli, operations
from hoiio.sandbox.console import Console
from hoiio.sandbox.control import Control
from hoiio.sandbox.operations import BY_NAME, OPERATIONS
from hoiio.sandbox.remote import SandboxControl
from hoiio.sandbox.server import Sandbox

DOC = Path(__file__).resolve().parents[2] / "docs" / "sandbox.md"

#: SandboxControl's methods that are no control operation: the plumbing and the SDK clients.
PLUMBING = {"call", "request", "client", "async_client", "close", "base_url"}


def test_the_docs_table_is_the_operations_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("| Request | Python | Command | What |")
    table = text[start : text.index("\n\n", start) + 1]
    assert table == operations.doc_table(), "docs/sandbox.md's Control API table is stale: paste `python -m hoiio.sandbox.operations`"


def test_each_operation_is_declared_once() -> None:
    assert len(BY_NAME) == len(OPERATIONS)
    requests_made = [(op.method, op.path) for op in OPERATIONS]
    assert len(set(requests_made)) == len(requests_made)


def test_the_running_dispatch_answers_exactly_the_operations(sandbox: Sandbox) -> None:
    # an unknown request answers 404 with the requests the dispatch routes: the table's
    res = requests.get(sandbox.url + "_sandbox/no-such-thing", timeout=10)
    assert res.status_code == 404
    assert set(res.json()["endpoints"]) == {f"{op.method} /_sandbox/{op.path}" for op in OPERATIONS if "<" not in op.path}
    # each operation's handler is the owner's method of that name
    owners = {"control": Control, "console": Console}
    for op in OPERATIONS:
        assert callable(getattr(owners[op.owner], op.name)), op
    # the files, by their prefix
    assert requests.get(sandbox.url + "_sandbox/files/nope/x.pdf", timeout=10).json() == {"error": "no such file"}


def _twins() -> Set[str]:
    return {name for name, value in vars(SandboxControl).items() if not name.startswith("_") and name not in PLUMBING
            and (inspect.isfunction(value) or isinstance(value, property))}  # fmt: skip


def test_every_operation_has_its_client_twin_and_every_twin_its_operation() -> None:
    named: List[str] = [re.match(r"\w+", call).group(0) for op in OPERATIONS for call in op.python]  # type: ignore[union-attr]
    assert len(named) == len(set(named))
    assert set(named) == _twins()
    # each twin sends its request by the operation's name, not by a method and path of its own
    source = inspect.getsource(SandboxControl)
    assert 'self.request("' not in source
    for name in set(re.findall(r'self\.call\("(\w+)"', source)):
        assert name in BY_NAME, name
    assert {op.name for op in OPERATIONS if op.python} == set(re.findall(r'self\.call\("(\w+)"', source))


def test_the_cli_commands_are_the_operations(sandbox: Sandbox) -> None:
    commands = {c.split()[0] for op in OPERATIONS for c in op.commands}
    assert commands == set(cli.COMMANDS)


def test_the_new_twins_reach_their_operations(sandbox: Sandbox) -> None:
    app_ids = [a["app_id"] for a in sandbox.accounts()]
    assert sandbox.app_id in app_ids
    sandbox.script("+6590000001", call="busy")
    assert {"kind": "number", "target": "+6590000001", "call": "busy"} in sandbox.scripts()
    sandbox.clear_script("+6590000001")
    assert {"kind": "number", "target": "+6590000001", "call": "busy"} not in sandbox.scripts()
    sandbox.clear_faults()
    sandbox.fault("rate_limit", 2)
    assert [f["kind"] for f in sandbox.faults()] == ["rate_limit"]
    sandbox.clear_faults()
    assert sandbox.faults() == []
    assert isinstance(sandbox.events(), list)
