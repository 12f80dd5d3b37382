"""`make setup demo` installs hoiio with its sandbox extra alone (README "First commands"): the
demo must run with nothing else. It runs here in a fresh interpreter in which every package of
the other extras (dev, docs, testing, async) fails to import, and the Makefile's setup installs
exactly the sandbox extra."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

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
    for target in ("test", "check", "bench"):
        assert re.search(rf"^{target}: setup-(dev|docs)$", makefile, re.M), f"make {target} installs the tools it needs"
    # make generate installs the generator's tools alone (the generator extra), not the dev tools
    assert re.search(r"^generate: setup-gen$", makefile, re.M), "make generate installs the tools it needs"
    assert "-e '.[generator,sandbox]'" in makefile
    line = re.search(r"^generator = \[(.*)\]$", (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    assert line is not None, "pyproject.toml has a generator extra"
    assert set(re.findall(r'"([a-z0-9]+)[<>=]', line.group(1))) == {"jinja2", "pyyaml", "jsonschema", "black"}
