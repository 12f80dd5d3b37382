"""The committed package is what the committed spec generates, and every file in it is either
generated (and says from which spec file) or one of the known hand-written files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "generated" / "hoiio"
MARKER = " by `make generate`; do not edit."

#: The generated folders of generated/hoiio (generator.emit.GENERATED_DIRS): everything in them
#: is generated, nothing outside them is.
GENERATED_DIRS = ("_generated", "models", "schemas", "service")
#: Hand-written directories (everything under them) and files of generated/hoiio.
HAND_WRITTEN_DIRS = ("_runtime", "sandbox", "campaign")
HAND_WRITTEN_FILES = {
    "__init__.py",
    "__main__.py",
    "enums.py",
    "exceptions.py",
    "py.typed",
    # Hand-written features on top of the runtime, committed with it.
    "bulk.py",
    "cli.py",
    "flow.py",
    "notifications.py",
    "testing.py",
}


def marker_source(path: Path) -> Optional[str]:
    """The spec file a generated file names in its marker, or None if it has no marker."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        # a JSON Schema says it in $comment; the OpenAPI document (no $comment at its root) in x-generated
        key = next((k for k in ("$comment", "x-generated") if text.startswith(f'{{\n  "{k}": ')), None)
        head = json.loads(text).get(key, "") if key else ""
    else:
        head = text.split("\n", 1)[0].removeprefix("# ") if text.startswith("# Generated from ") else ""
    if not (head.startswith("Generated from ") and head.endswith(MARKER)):
        return None
    return head[len("Generated from ") : -len(MARKER)]


def test_committed_generated_code_is_up_to_date_with_the_spec(run_generator):
    proc = run_generator(REPO, "--check")
    assert proc.returncode == 0, f"run `make generate`:\n{proc.stdout}{proc.stderr}"
    assert proc.stdout.startswith("generate: ") and proc.stdout.endswith(" files up to date\n")


def test_every_package_file_is_generated_or_known_hand_written():
    generated, unknown = [], []
    for path in sorted(PACKAGE.rglob("*")):
        rel = path.relative_to(PACKAGE).as_posix()
        if not path.is_file() or path.suffix not in (".py", ".json") or "__pycache__" in path.parts:
            continue
        hand_written = rel in HAND_WRITTEN_FILES or rel.split("/", 1)[0] in HAND_WRITTEN_DIRS
        assert hand_written != (rel.split("/", 1)[0] in GENERATED_DIRS), f"{rel} breaks the layout rule"
        source = marker_source(path)
        if hand_written:
            # The generator deletes any file under the package whose head has the marker.
            head = path.read_text(encoding="utf-8")[:300]
            assert (
                "by `make generate`; do not edit." not in head
            ), f"{rel} is hand-written but carries the generated marker"
        elif source is None:
            unknown.append(rel)
        else:
            assert (REPO / source).exists(), f"{rel} names {source}, which does not exist"
            assert source.startswith("spec/"), rel
            generated.append(rel)
    assert not unknown, f"neither generated nor known hand-written: {unknown}"
    # The generated ones are the generator's: one service and one models module per group.
    groups = yaml.safe_load((REPO / "spec" / "api.yaml").read_text(encoding="utf-8"))["groups"]
    assert groups
    for name in groups:
        assert f"service/{name}.py" in generated and f"models/{name}.py" in generated, name
    assert {"_generated/api.py", "_generated/commands.py", "models/enums.py", "models/notifications.py"} <= set(generated)
    assert {"service/__init__.py", "models/__init__.py", "_generated/__init__.py"} <= set(generated)


def test_the_layout_rule_is_the_generators():
    from generator.emit import GENERATED_DIRS as RULE

    assert RULE == GENERATED_DIRS


def test_generated_modules_name_their_own_spec_file():
    for path in sorted((PACKAGE / "service").glob("*.py")) + sorted((PACKAGE / "models").glob("*.py")):
        if path.name in ("__init__.py", "enums.py"):
            continue
        expected = "spec/notifications.yaml" if path.name == "notifications.py" else f"spec/{path.stem}.yaml"
        assert marker_source(path) == expected, path
    schemas = sorted((PACKAGE / "schemas").glob("*.json"))
    assert schemas
    for path in schemas:
        source = marker_source(path)
        assert source is not None and (REPO / source).is_file(), path
        # The endpoint the schema is for is in the file it names.
        assert f"path: {path.stem.replace('__', '/')}\n" in (REPO / source).read_text(encoding="utf-8"), path


def test_an_endpoint_lists_the_statuses_its_parameters_and_groups_declare():
    """A code is written once, where its cause is (a parameter's invalid/too_many/too_big or
    statuses, a group's both/none), and every endpoint that takes the parameter lists it."""
    from hoiio.sandbox.checks import endpoints

    ENDPOINTS = endpoints()
    gather = ENDPOINTS["ivr/middle/gather"]
    for code in ("error_invalid_max_digits", "error_invalid_timeout", "error_invalid_attempts", "error_msg_invalid_language"):
        assert code in gather.statuses, code
    assert "error_invalid_max_duration" in ENDPOINTS["ivr/middle/record"].statuses
    for path, ep in ENDPOINTS.items():
        declared = {c for p in ep.params for c in (p.invalid, p.too_many, p.too_big) if c}
        declared |= {c for g in ep.one_of + ep.exclusive for c in (g.both, g.none) if c}
        assert declared <= set(ep.statuses), (path, declared - set(ep.statuses))
        assert len(ep.statuses) == len(set(ep.statuses)), path
