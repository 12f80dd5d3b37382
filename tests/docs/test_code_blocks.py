"""Every Python block of the docs (the site's pages, the README they include, the generated
reference's signatures aside) is valid Python: a typo in an example fails here, not in a reader's
editor."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterator, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.M | re.S)
PAGES = sorted([REPO / "README.md", *(REPO / "docs").rglob("*.md")])


def blocks() -> Iterator[Tuple[str, str]]:
    for page in PAGES:
        if page.parent.name == "reference":  # signatures, not statements
            continue
        text = page.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            if m.group(1).startswith("--8<--"):  # an included file, checked as itself
                continue
            line = text.count("\n", 0, m.start()) + 2
            yield f"{page.relative_to(REPO)}:{line}", m.group(1)


@pytest.mark.parametrize("where, code", list(blocks()), ids=lambda v: v if ":" in v else "")
def test_the_block_is_valid_python(where: str, code: str) -> None:
    try:
        ast.parse(code)
    except SyntaxError as exc:
        pytest.fail(f"{where}: {exc}")


def test_there_are_blocks_to_check() -> None:
    assert len(list(blocks())) >= 15
