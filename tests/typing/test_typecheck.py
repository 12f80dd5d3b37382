"""Static types catch mistakes: `mypy --strict` passes on the README's Python examples, on
examples/ and on tests/typing/good.py, and reports each typical mistake of
tests/typing/mistakes.py (one error on each line marked `# E:`, nowhere else)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

#: Names the README's snippets use without defining them (they continue one another).
PRELUDE = """\
from typing import Any, Dict
import hoiio
from hoiio import Hoiio
client: hoiio.Client = hoiio.Client("APP", "TOKEN")
app_id = access_token = MY_ACCESS_TOKEN = URL = query = ctype = "x"
raw_body = b""
headers: Dict[str, str] = {}
note: Any = None
"""


def mypy(paths: List[Path], cwd: Path) -> List[str]:
    """mypy --strict on these files (the package from this checkout); its error lines."""
    env = {**os.environ, "MYPYPATH": str(ROOT / "generated")}
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--show-error-codes", "--hide-error-context",
         "--cache-dir", str(cwd / ".mypy_cache"), "--python-version", "3.11", *map(str, paths)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode in (0, 1), run.stderr
    return [line for line in run.stdout.splitlines() if ": error:" in line]


def readme_snippets() -> Dict[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 4
    return {f"readme_{i}.py": PRELUDE + textwrap.dedent(block) for i, block in enumerate(blocks)}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> List[str]:
    """One mypy run over everything (mypy is slow to start): the error lines."""
    work = tmp_path_factory.mktemp("typecheck")
    paths = []
    for name, text in readme_snippets().items():
        (work / name).write_text(text, encoding="utf-8")
        paths.append(work / name)
    for source in [HERE / "good.py", HERE / "mistakes.py", *sorted((ROOT / "examples").glob("*.py"))]:
        target = work / (source.parent.name + "_" + source.name)
        target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(target)
    return mypy(paths, work)


def test_the_readme_examples_and_good_code_pass(results: List[str]) -> None:
    bad = [line for line in results if not line.startswith("typing_mistakes.py:")]
    assert bad == []


def test_each_typical_mistake_is_one_error(results: List[str]) -> None:
    lines = (HERE / "mistakes.py").read_text(encoding="utf-8").splitlines()
    expected = {i + 1 for i, line in enumerate(lines) if re.search(r"^[^#]*[^\s#].*  # E: ", line)}
    assert len(expected) >= 8
    got: Dict[int, List[str]] = {}
    for line in results:
        if line.startswith("typing_mistakes.py:"):
            number = int(line.split(":")[1])
            got.setdefault(number, []).append(line)
    assert sorted(got) == sorted(expected), "\n".join(results)
    assert all(len(errors) == 1 for errors in got.values()), got
    # the messages name what is wrong
    text = "\n".join(results)
    assert 'Unexpected keyword argument "sender"' in text
    assert '"SmsSendResponse" has no attribute "txn_reff"' in text
    assert "Item \"None\" of \"Optional[str]\" has no attribute \"upper\"" in text or "str | None" in text
