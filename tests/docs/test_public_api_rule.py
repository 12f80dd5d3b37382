"""The public-API rule of docs/architecture.md, as `make check` enforces it
(tools/check_public_api.py): the committed package reaches no private name of another library and
builds no code at run time, and a scratch copy that does either fails, naming the file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "check_public_api.py"


def run(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), "--root", str(root)], capture_output=True, text=True, timeout=120)


def test_the_package_uses_public_apis_only() -> None:
    done = run(REPO)
    assert done.returncode == 0, done.stderr
    assert "no private name" in done.stdout


@pytest.mark.parametrize(
    "code, finding",
    [
        ("def f(r):\n    return r._original_response\n", "reads ._original_response"),
        ("def f(r):\n    return r.raw._fp\n", "reads ._fp"),
        ("from httpx._utils import get_environment_proxies\n", "private module httpx._utils"),
        ("from requests.models import _x\n", "private name _x"),
        ("import io\nclass R(io.RawIOBase):\n    def f(self):\n        self._buf = 1\n        return self._buf\n", "reads ._buf"),
        ("def f(o):\n    return getattr(o, '_store', None)\n", "'_store'"),
        ("exec('x = 1')\n", "calls exec()"),
        ("def f(g):\n    return g.__code__\n", "__code__"),
        ("import types\nT = types.CodeType\n", "CodeType"),
    ],
)
def test_a_private_name_or_built_code_fails(tmp_path: Path, code: str, finding: str) -> None:
    shutil.copytree(REPO / "generated" / "hoiio", tmp_path / "generated" / "hoiio", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "generated" / "hoiio" / "_runtime" / "scratch.py").write_text(code, encoding="utf-8")
    done = run(tmp_path)
    assert done.returncode == 1
    assert "scratch.py:" in done.stderr and finding in done.stderr, done.stderr


def test_own_private_names_pass(tmp_path: Path) -> None:
    shutil.copytree(REPO / "generated" / "hoiio", tmp_path / "generated" / "hoiio", ignore=shutil.ignore_patterns("__pycache__"))
    code = "class Mine:\n    def __init__(self):\n        self._secret_sauce = 1\n\ndef f(m):\n    return m._secret_sauce\n"
    (tmp_path / "generated" / "hoiio" / "_runtime" / "scratch.py").write_text(code, encoding="utf-8")
    assert "scratch.py" not in run(tmp_path).stderr
