"""``python -m generator [--check] [--root DIR]``: regenerate the package from the spec.

With --check, write nothing and exit 1 if any generated file would change.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .emit import Emitter, layout_problems, write
from .spec import SpecError, load


def main(argv: object = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent, help="project root (default: this checkout)")
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    args = parser.parse_args(argv if isinstance(argv, list) else None)
    try:
        spec = load(args.root)
    except SpecError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    files = Emitter(spec, args.root).emit()
    changed = write(args.root, files, check=args.check)
    layout = layout_problems(args.root, files)
    for problem in layout:
        print(f"generate: layout: {problem}", file=sys.stderr)
    for rel in changed:
        if rel in files:
            print(f"{'would change' if args.check else 'wrote'} {rel}")
        else:
            print(f"{'would remove' if args.check else 'removed'} {rel}")
    if not changed:
        print(f"generate: {len(files)} files up to date")
    return 1 if (args.check and changed) or layout else 0


if __name__ == "__main__":
    sys.exit(main())
