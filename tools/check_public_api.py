"""``python tools/check_public_api.py [--root DIR]``: the package uses its libraries through their
public APIs only, and builds no code at run time (docs/architecture.md, "The rules").

Reads every module of the package (generated/hoiio) with ``ast`` and reports:

- an import of a private name or module of a library (``from requests.models import _x``,
  ``import urllib3._collections``, ``from io import _y``);
- an attribute with a leading underscore that the package itself never defines (so one of
  another library's: ``response._content``, ``raw._fp``, ``headers._store``): the package's own
  private names are those it defines (a ``def``, a ``class``, an assignment to a name or to an
  attribute of ``self``, ``cls`` or a class, an entry of ``__slots__``, a keyword of a call it makes) outside the classes that
  derive from a library's class: such a subclass keeps to public names, since a private one
  set there may be the library's own;
- code built at run time: a call of ``exec``, ``eval`` or ``compile`` (the builtins), and any
  use of ``__code__``, ``types.CodeType`` or ``types.FunctionType``.

Dunder names (``__dict__``, ``__class__``) are the language's and always allowed. Prints one line
per finding (file:line, what, why) and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path
from typing import Iterator, List, Set, Tuple

#: Libraries whose private names the package must not touch (import names).
LIBRARIES = ("requests", "urllib3", "http", "httpx", "httpcore", "h11", "aiohttp", "cheroot", "werkzeug", "io", "_pyio", "socket", "ssl")
BUILDERS = {"exec", "eval", "compile"}
CODE_NAMES = {"__code__", "CodeType", "FunctionType"}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _owner(target: ast.expr) -> bool:
    """Whether an attribute set on ``target`` defines a name of the package's own: set on
    ``self``, ``cls`` or a class by name (not on another library's object: ``http._content = b""``
    defines nothing)."""
    return isinstance(target, ast.Name) and (target.id in ("self", "cls") or target.id[:1].isupper())


def library_classes(tree: ast.AST) -> Set[ast.ClassDef]:
    """The classes of a module that derive from a library's class (directly, or through another
    class of the same module)."""
    from_library: Set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module and node.module.split(".")[0] in LIBRARIES:
            from_library.update(a.asname or a.name for a in node.names)
        elif isinstance(node, ast.Import):
            from_library.update((a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] in LIBRARIES)
    found: Set[ast.ClassDef] = set()
    classes = [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    changed = True
    while changed:
        changed = False
        for cls in classes:
            if cls in found:
                continue
            for base in cls.bases:
                root = base
                while isinstance(root, ast.Attribute):
                    root = root.value
                if isinstance(root, ast.Name) and (root.id in from_library or any(c.name == root.id for c in found)):
                    found.add(cls)
                    changed = True
                    break
    return found


def defined_names(trees: List[ast.AST]) -> Set[str]:
    """Every private name the package defines itself, outside the classes that derive from a
    library's (a name set there may be the library's own: such a class keeps to public names)."""
    names: Set[str] = set()
    for tree in trees:
        skip: Set[int] = set()
        for cls in library_classes(tree):
            skip.update(id(n) for n in ast.walk(cls) if n is not cls)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
                if not isinstance(node, ast.ClassDef):
                    names.update(a.arg for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del)) and _owner(node.value):
                names.add(node.attr)
            elif isinstance(node, ast.keyword) and node.arg:
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add(node.asname or node.name.split(".")[0])
            elif isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets):
                for const in ast.walk(node.value):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        names.add(const.value)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
                if len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                    names.add(node.args[1].value)
    return {n for n in names if _private(n)}


def findings(path: Path, tree: ast.AST, own: Set[str]) -> Iterator[Tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            top = node.module.split(".")[0]
            if top in LIBRARIES:
                if any(_private(part) for part in node.module.split(".")):
                    yield node.lineno, f"imports the private module {node.module}"
                for alias in node.names:
                    if _private(alias.name):
                        yield node.lineno, f"imports the private name {alias.name} from {node.module}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES and any(_private(p) for p in alias.name.split(".")):
                    yield node.lineno, f"imports the private module {alias.name}"
        elif isinstance(node, ast.Attribute):
            if node.attr in CODE_NAMES:
                yield node.lineno, f"uses {node.attr}: no code objects"
            elif _private(node.attr) and node.attr not in own:
                yield node.lineno, f"reads .{node.attr}, a private name the package does not define (another library's internals)"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in BUILDERS:
            yield node.lineno, f"calls {node.func.id}(): no code built at run time"
        elif isinstance(node, ast.Name) and node.id in CODE_NAMES:
            yield node.lineno, f"uses {node.id}: no code objects"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr", "hasattr"):
            if len(node.args) >= 2 and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str):
                name = node.args[1].value
                if _private(name) and name not in own:
                    yield node.lineno, f"{node.func.id}(..., {name!r}): a private name the package does not define"


def check(root: Path) -> List[str]:
    paths = sorted((root / "generated" / "hoiio").rglob("*.py"))
    trees = [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in paths]
    own = defined_names(trees)
    return [f"{path}:{line}: {what}" for path, tree in zip(paths, trees) for line, what in findings(path, tree, own)]


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/check_public_api.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project root")
    args = parser.parse_args(argv)
    problems = check(args.root)
    for problem in problems:
        print(f"public-api: {problem}", file=sys.stderr)
    if not problems:
        print("public-api: no private name of another library, no code built at run time")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
