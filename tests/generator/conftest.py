"""Fixtures of the generator's own tests: scratch project roots and a way to run the generator on them.

The generator always runs as ``python -m generator --root DIR`` in a subprocess, exactly as
``make generate`` runs it, so that its exit status, stdout and stderr are what is tested.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MINI_SPEC = HERE / "mini" / "spec"

Run = Callable[..., "subprocess.CompletedProcess[str]"]


def _run_generator(
    root: Path, *args: str, env: Optional[Dict[str, str]] = None
) -> "subprocess.CompletedProcess[str]":
    environ = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        cwd=REPO,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def run_generator() -> Run:
    """``run_generator(root, "--check")``: the CompletedProcess of ``python -m generator --root root --check``."""
    return _run_generator


@pytest.fixture
def mini_root(tmp_path: Path) -> Path:
    """A scratch root holding the mini spec and the real spec/schema.json, nothing generated yet."""
    root = tmp_path / "mini"
    shutil.copytree(MINI_SPEC, root / "spec")
    shutil.copy2(REPO / "spec" / "schema.json", root / "spec" / "schema.json")
    return root
