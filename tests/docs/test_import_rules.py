"""The import rules of docs/architecture.md, as `make check` enforces them (tools/check_imports.py):
the committed tree follows them, and a scratch copy that breaks one fails, naming the file, the
line, what imported what and what the rule allows."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "check_imports.py"


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), "--root", str(root)], capture_output=True, text=True, timeout=120)


def scratch(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "generated" / "hoiio", tmp_path / "generated" / "hoiio", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_tree_follows_the_rules() -> None:
    done = run(REPO)
    assert done.returncode == 0, done.stderr
    assert "follow the import rules" in done.stdout


def test_a_lazy_import_of_the_sandbox_from_the_runtime_fails(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    client = root / "generated" / "hoiio" / "_runtime" / "client.py"
    text = client.read_text(encoding="utf-8")
    client.write_text(text + "\n\ndef _peek() -> None:\n    from ..sandbox import Sandbox  # noqa\n", encoding="utf-8")
    line = text.count("\n") + 4
    done = run(root)
    assert done.returncode == 1
    assert f"client.py:{line}: hoiio._runtime.client (runtime) imports hoiio.sandbox (sandbox)" in done.stderr
    assert "runtime may import only generated, package, runtime" in done.stderr


def test_generated_code_reaching_the_helpers_fails(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    sms = root / "generated" / "hoiio" / "service" / "sms.py"
    edit(sms, "from __future__ import annotations\n", "from __future__ import annotations\nfrom .. import flow\n")
    done = run(root)
    assert done.returncode == 1
    assert "hoiio.service.sms (generated) imports hoiio.flow (helpers)" in done.stderr


def test_an_optional_dependency_at_import_time_fails_twice(tmp_path: Path) -> None:
    """Statically (exceptions may import only the stdlib and requests) and at run time (import
    hoiio in a fresh interpreter loads it)."""
    root = scratch(tmp_path)
    exc = root / "generated" / "hoiio" / "exceptions.py"
    edit(exc, "from __future__ import annotations\n", "from __future__ import annotations\nimport jsonschema  # noqa\n")
    done = run(root)
    assert done.returncode == 1
    assert "hoiio.exceptions (runtime) imports jsonschema; beside the stdlib it may import requests" in done.stderr
    assert "import hoiio loads jsonschema, an optional dependency" in done.stderr


def test_the_generator_importing_the_package_fails(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    edit(root / "generator" / "emit.py", "import black\n", "import black\nimport hoiio\n")
    done = run(root)
    assert done.returncode == 1
    assert "the generator imports hoiio" in done.stderr


def test_the_single_machine_campaign_reaching_the_distributed_extra_fails(tmp_path: Path) -> None:
    root = scratch(tmp_path)
    core = root / "generated" / "hoiio" / "campaign" / "core.py"
    text = core.read_text(encoding="utf-8")
    core.write_text(text + "\n\ndef _peek() -> None:\n    import celery  # noqa\n    from .distributed import app  # noqa\n", encoding="utf-8")
    done = run(root)
    assert done.returncode == 1
    assert "hoiio.campaign.core (helpers) imports celery" in done.stderr
    assert "hoiio.campaign.core (helpers) imports hoiio.campaign.distributed (campaign_distributed)" in done.stderr


def test_the_helper_modules_are_reachable_from_import_hoiio_and_loaded_on_first_use() -> None:
    """README: `hoiio.bulk.send_in_chunks(...)` and `hoiio.testing.Stubber(client)` after a bare
    `import hoiio` (an AttributeError before 0.3.0), without `import hoiio` loading them."""
    code = (
        "import sys, hoiio\n"
        "helpers = ('hoiio.bulk', 'hoiio.testing', 'hoiio.flow', 'hoiio.notifications')\n"
        "assert not [m for m in helpers if m in sys.modules], [m for m in helpers if m in sys.modules]\n"
        "assert {'bulk', 'testing', 'flow', 'notifications'} <= set(dir(hoiio))\n"
        "assert callable(hoiio.bulk.send_in_chunks) and callable(hoiio.bulk.asend_in_chunks)\n"
        "assert hoiio.testing.Stubber.__module__ == 'hoiio.testing'\n"
        "assert hoiio.flow.IvrSession and hoiio.notifications.parse\n"
        "assert 'jsonschema' not in sys.modules, 'hoiio.testing loads jsonschema only to check a schema'\n"
        "try:\n"
        "    hoiio.bluk\n"
        "except AttributeError as exc:\n"
        "    assert str(exc) == \"module 'hoiio' has no attribute 'bluk'\", exc\n"
        "else:\n"
        "    raise AssertionError('hoiio.bluk')\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"
