"""`make setup demo` installs hoiio with its sandbox extra alone (README "First commands"): the
demo must run with nothing else. It runs here in a fresh interpreter in which every package of
the other extras (dev, docs, testing, async) fails to import, and the Makefile's setup installs
exactly the sandbox extra."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import List, Set

REPO = Path(__file__).resolve().parents[2]
#: What the demo may not need: the import names of the other extras' packages.
NOT_INSTALLED = ("jinja2", "yaml", "jsonschema", "black", "pytest", "responses", "hypothesis", "mypy", "flask",
                 "django", "fastapi", "starlette", "uvicorn", "httpx", "mkdocs", "material", "selenium",
                 "celery", "kombu", "redis", "psycopg")  # fmt: skip

RUN_WITHOUT = textwrap.dedent(
    """
    import importlib.abc, runpy, sys
    blocked = set(sys.argv[2:])

    class Absent(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in blocked:
                raise ModuleNotFoundError(f"No module named {name!r} (not installed by make setup)", name=name)
            return None

    sys.meta_path.insert(0, Absent())
    sys.argv = [sys.argv[1]]
    runpy.run_path(sys.argv[0], run_name="__main__")
    """
)


def test_the_demo_runs_with_the_sandbox_extra_alone() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT, str(REPO / "examples" / "demo.py"), *NOT_INSTALLED],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Hoiio sandbox demo" in done.stdout and "signature verified" in done.stdout
    assert "SIGNATURE DOES NOT MATCH" not in done.stdout


def test_make_setup_installs_the_sandbox_extra_and_nothing_more() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(VENV)/.installed: pyproject.toml setup.cfg\n", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"\$\(PIP\) (.*?) \$\(SAY\)", recipe) == ["-e '.[sandbox]'"]
    assert "echo" in recipe, "setup says what it installs"
    for target in ("check", "bench"):
        assert re.search(rf"^{target}: setup-dev$", makefile, re.M), f"make {target} installs the tools it needs"
    assert re.search(r"^test: setup-dev setup-docs$", makefile, re.M), "make test installs the dev and the docs tools"
    # make generate installs the generator's tools alone (the generator extra), not the dev tools
    assert re.search(r"^generate: setup-gen$", makefile, re.M), "make generate installs the tools it needs"
    assert "-e '.[generator,sandbox]'" in makefile
    line = re.search(r"^generator = \[(.*)\]$", (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert line is not None, "pyproject.toml has a generator extra"
    assert set(re.findall(r'"([a-z0-9]+)[<>=]', line.group(1))) == {"jinja2", "pyyaml", "jsonschema", "black"}


def make_dry_run(tmp_path: Path, target: str) -> List[str]:
    """The extras `make -n TARGET` would install in a fresh clone (a copy of the Makefile and the
    package's metadata, no .venv yet), in order."""
    for name in ("Makefile", "pyproject.toml", "setup.cfg"):
        shutil.copy(REPO / name, tmp_path / name)
    done = subprocess.run(["make", "-n", target], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return re.findall(r"pip install .*?-e '\.\[([a-z,]+)\]'", done.stdout)


def extra(name: str) -> Set[str]:
    """The distribution names of one extra of pyproject.toml."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(rf"^{name} = \[(.*?)\]$", text, re.M | re.S)
    assert block is not None, f"pyproject.toml has a {name} extra"
    return set(re.findall(r'^\s*"([A-Za-z0-9_.-]+?)[<>=\[;"]', block.group(1), re.M))


def test_make_docs_installs_mkdocs_and_its_theme_alone(tmp_path: Path) -> None:
    """README "First commands": `make docs` installs the docs tools alone (MkDocs, Material,
    pymdown-extensions: the docs extra) over what `make setup` installs, not the dev tools
    (Django, FastAPI, schemathesis, ...); the docs' browser test (selenium) comes with make test."""
    assert make_dry_run(tmp_path, "docs") == ["sandbox", "docs,sandbox"]
    assert extra("docs") == {"mkdocs", "mkdocs-material", "pymdown-extensions"}
    assert "selenium" in extra("dev")
    installs = make_dry_run(tmp_path, "test")
    assert {e for line in installs for e in line.split(",")} == {"sandbox", "dev", "docs"}
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "`make docs` the docs\ntools alone (MkDocs, Material, pymdown-extensions: the `docs` extra)" in readme


def test_no_readme_line_is_said_twice() -> None:
    """A line followed by itself, or by itself continued (the testing section had both), on the
    README and so on the docs site that includes its sections."""
    lines = [line.strip() for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()]
    for a, b in zip(lines, lines[1:]):
        if a and not a.startswith(("```", "<!--", "|", "#")):
            assert not b.startswith(a.rstrip(".")), f"said twice: {a!r} / {b!r}"


def test_the_readme_serves_the_built_site_on_loopback_only() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"python -m http\.server[^`]*", readme)
    assert commands and all("--bind 127.0.0.1" in c for c in commands), commands
