"""``python tools/check_imports.py [--root DIR]``: the import rules of docs/architecture.md.

Reads every module of the package (generated/hoiio) and of the generator with ``ast``, every
import included (lazy ones inside functions and ``TYPE_CHECKING`` blocks too), and checks each
against the table below: which parts of hoiio a part may import, and which third-party packages.
Then imports ``hoiio`` in a fresh interpreter and checks that no optional dependency came along.
Prints one line per broken rule (file:line, what imports what, what the rule allows) and exits 1
if there is any.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Set

#: The parts of the package, by module prefix (the longest prefix wins).
PARTS: Dict[str, str] = {
    "hoiio": "package",  # hoiio/__init__.py: the public names, mostly lazy
    "hoiio.__main__": "cli",
    "hoiio.enums": "package",
    "hoiio.service": "generated",
    "hoiio.models": "generated",
    "hoiio._generated": "generated",
    "hoiio._runtime": "runtime",
    "hoiio.exceptions": "runtime",
    "hoiio.flow": "helpers",
    "hoiio.notifications": "helpers",
    "hoiio.testing": "helpers",
    "hoiio.bulk": "helpers",
    "hoiio.campaign": "helpers",
    "hoiio.campaign.cli": "cli",
    "hoiio.campaign.distributed": "campaign_distributed",
    "hoiio.sandbox": "sandbox",
    "hoiio.cli": "cli",
}

#: part -> the parts it may import (its own included).
MAY_IMPORT: Dict[str, FrozenSet[str]] = {
    # generated code: a few lines over the runtime; it never reaches the helpers, sandbox or CLI
    "generated": frozenset({"generated", "runtime"}),
    # the runtime (client, transport, validation, models, exceptions) wires the generated services
    # into the client; it never imports the helpers, the sandbox, the CLI or the generator
    "runtime": frozenset({"runtime", "generated", "package"}),
    "package": frozenset({"package", "runtime", "generated"}),
    # what users import beside the client: built on the runtime and the generated services
    "helpers": frozenset({"helpers", "runtime", "generated", "package"}),
    # the sandbox may use the SDK's runtime, models and notification code, never the CLI
    "sandbox": frozenset({"sandbox", "runtime", "generated", "helpers", "package"}),
    # the distributed campaign (an extra): the campaign's engine in Celery workers, its journal in PostgreSQL
    "campaign_distributed": frozenset({"campaign_distributed", "helpers", "runtime", "generated", "package"}),
    # the command line sits on top of everything
    "cli": frozenset({"cli", "sandbox", "helpers", "campaign_distributed", "runtime", "generated", "package"}),
}

#: exact module -> the parts it may import, where it differs from its part's rule: hoiio/__init__.py
#: names the helper modules for type checkers (under TYPE_CHECKING) and imports them on first
#: attribute access (``hoiio.bulk``); the run-time check below keeps ``import hoiio`` from loading them.
MAY_IMPORT_MODULE: Dict[str, FrozenSet[str]] = {
    "hoiio": MAY_IMPORT["package"] | {"helpers"},
}

#: part (or exact module) -> the third-party packages it may import; the rest is the stdlib.
THIRD_PARTY: Dict[str, FrozenSet[str]] = {
    "generated": frozenset(),
    "runtime": frozenset({"requests", "urllib3"}),  # urllib3: requests' own connection classes
    # the async client alone uses aiohttp (its transport, and the client that checks an
    # http_client of yours is an aiohttp.ClientSession), lazily
    "hoiio._runtime.atransport": frozenset({"requests", "aiohttp"}),
    "hoiio._runtime.aclient": frozenset({"requests", "aiohttp"}),
    "package": frozenset(),
    "helpers": frozenset({"requests"}),
    "hoiio.testing": frozenset({"requests", "jsonschema"}),  # the testing extra
    "sandbox": frozenset({"requests", "werkzeug", "cheroot"}),
    "hoiio.sandbox.pytest_plugin": frozenset({"requests", "werkzeug", "cheroot", "pytest"}),
    "cli": frozenset({"requests"}),
    "campaign_distributed": frozenset({"requests", "celery", "kombu", "redis", "psycopg"}),
}

#: Never imported by the package: the build-time and test-time code.
NEVER = ("generator", "tests", "bench", "tools")

#: Optional dependencies (the extras' import names) that `import hoiio` must not load.
OPTIONAL = (
    "werkzeug", "cheroot", "jsonschema", "aiohttp", "httpx", "h11", "jinja2", "yaml", "black", "pytest", "responses", "hypothesis",
    "flask", "django", "fastapi", "starlette", "uvicorn", "mkdocs", "material", "selenium",
    "hoiio.sandbox", "hoiio.cli", "hoiio.testing", "hoiio.campaign", "sqlite3", "celery", "kombu", "redis", "psycopg",
    "hoiio.bulk", "hoiio.flow", "hoiio.notifications",
)  # fmt: skip


@dataclass
class Import:
    path: Path
    line: int
    importer: str
    target: str  # absolute module name


def module_name(path: Path, package_root: Path) -> str:
    parts = list(path.relative_to(package_root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, module: str) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, module, alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:  # from . import x: x may be a module
                    for alias in node.names:
                        yield Import(path, node.lineno, module, f"{target}.{alias.name}")
                    continue
            else:
                target = node.module or ""
            if target != "__future__":
                yield Import(path, node.lineno, module, target)


def part_of(module: str) -> Optional[str]:
    best = ""
    for prefix in PARTS:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    return PARTS.get(best)


def allowed_third_party(module: str, part: str) -> FrozenSet[str]:
    return THIRD_PARTY.get(module, THIRD_PARTY[part])


def stdlib_names() -> Set[str]:
    names = getattr(sys, "stdlib_module_names", None)  # Python 3.10+
    if names is None:  # 3.9: what lies in the stdlib's folder
        lib = Path(sysconfig.get_paths()["stdlib"])
        names = {p.stem for p in lib.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
        names |= set(sys.builtin_module_names)
        names |= {p.name.split(".")[0] for p in (lib / "lib-dynload").glob("*.so")}
    return set(names) | {"__future__"}


def check_package(package_root: Path) -> List[str]:
    problems: List[str] = []
    stdlib = stdlib_names()
    for path in sorted((package_root / "hoiio").rglob("*.py")):
        module = module_name(path, package_root)
        part = part_of(module)
        if part is None:
            problems.append(f"{path}: {module} belongs to no part of the import rules (add it to PARTS)")
            continue
        for imp in imports_of(path, module):
            top = imp.target.split(".")[0]
            where = f"{path}:{imp.line}"
            if top in NEVER:
                problems.append(f"{where}: {module} imports {imp.target}; the package never imports {', '.join(NEVER)}")
            elif top == "hoiio":
                target_part = part_of(imp.target)
                may = MAY_IMPORT_MODULE.get(module, MAY_IMPORT[part])
                if target_part is not None and target_part not in may:
                    problems.append(
                        f"{where}: {module} ({part}) imports {imp.target} ({target_part}); "
                        f"{part} may import only {', '.join(sorted(may))}"
                    )
            elif top not in stdlib and top not in allowed_third_party(module, part):
                allowed = ", ".join(sorted(allowed_third_party(module, part))) or "nothing"
                problems.append(f"{where}: {module} ({part}) imports {imp.target}; beside the stdlib it may import {allowed}")
    return problems


def check_generator(root: Path) -> List[str]:
    problems: List[str] = []
    for path in sorted((root / "generator").rglob("*.py")):
        for imp in imports_of(path, module_name(path, root)):
            if imp.target.split(".")[0] == "hoiio":
                problems.append(f"{path}:{imp.line}: the generator imports {imp.target}; it reads the spec, never the package it writes")
    return problems


def check_import_hoiio(package_root: Path) -> List[str]:
    """`import hoiio` in a fresh interpreter loads none of the optional dependencies."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import hoiio; "
        "print('\\n'.join(m for m in sys.modules if m.split('.')[0] in sys.argv[2:] or m in sys.argv[2:]))"
    )
    names = sorted({name.split(".")[0] if not name.startswith("hoiio.") else name for name in OPTIONAL})
    run = subprocess.run([sys.executable, "-c", code, str(package_root), *names], capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        return [f"import hoiio failed: {run.stderr.strip().splitlines()[-1] if run.stderr.strip() else run.returncode}"]
    loaded = sorted(set(run.stdout.split()))
    return [f"import hoiio loads {name}, an optional dependency (import it lazily, where it is used)" for name in loaded]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/check_imports.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project root")
    args = parser.parse_args(argv)
    package_root = args.root / "generated"
    problems = check_package(package_root) + check_generator(args.root) + check_import_hoiio(package_root)
    for problem in problems:
        print(f"imports: {problem}", file=sys.stderr)
    if not problems:
        count = sum(1 for _ in (package_root / "hoiio").rglob("*.py"))
        print(f"imports: {count} modules follow the import rules; import hoiio loads no optional dependency")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

