"""Importing a program of examples/ in a test, as the module its own file makes."""

from __future__ import annotations

import importlib.util
import sys
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Iterator

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
