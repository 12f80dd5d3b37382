"""Golden output of the mini spec, determinism, ``--check`` and the removal of stale files.

Refresh the golden files after an intended change of the templates with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/generator`` (see README.md).
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path
from typing import Dict

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"

#: What the mini spec (one group "demo" with three endpoints) must produce, at the least.
EXPECTED = {
    "docs/api.md",
    "docs/reference/demo.md",
    "docs/reference/index.md",
    "docs/reference/notifications.md",
    "generated/hoiio/_generated/__init__.py",
    "generated/hoiio/_generated/api.py",
    "generated/hoiio/_generated/commands.py",
    "generated/hoiio/_generated/facts.py",
    "generated/hoiio/_generated/kinds.py",
    "generated/hoiio/_generated/services.py",
    "generated/hoiio/_generated/openapi.json",
    "generated/hoiio/models/__init__.py",
    "generated/hoiio/models/enums.py",
    "generated/hoiio/service/__init__.py",
    "generated/hoiio/models/demo.py",
    "generated/hoiio/models/notifications.py",
    "generated/hoiio/schemas/demo__get_item.json",
    "generated/hoiio/schemas/demo__get_items.json",
    "generated/hoiio/schemas/demo__send.json",
    "generated/hoiio/service/demo.py",
}


def outputs(root: Path) -> Dict[str, bytes]:
    """Every file under root except the spec, by relative path."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != "spec"
    }


def mtimes(root: Path) -> Dict[str, int]:
    return {rel: (root / rel).stat().st_mtime_ns for rel in outputs(root)}


def test_mini_spec_output_matches_the_golden_files(mini_root, run_generator):
    proc = run_generator(mini_root)
    assert proc.returncode == 0, proc.stderr
    got = outputs(mini_root)
    assert set(got) == EXPECTED
    assert sorted(proc.stdout.splitlines()) == sorted(f"wrote {rel}" for rel in EXPECTED)

    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in got.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)

    golden = outputs(GOLDEN)
    assert set(got) == set(golden), "files generated and golden files differ; UPDATE_GOLDEN=1 refreshes them"
    for rel in sorted(got):
        if got[rel] != golden[rel]:
            diff = difflib.unified_diff(
                golden[rel].decode().splitlines(),
                got[rel].decode().splitlines(),
                f"golden/{rel}",
                f"generated/{rel}",
                lineterm="",
            )
            raise AssertionError(
                f"{rel} differs from its golden file (UPDATE_GOLDEN=1 refreshes it):\n"
                + "\n".join(list(diff)[:80])
            )


def test_every_generated_file_carries_the_marker_of_its_spec_file(mini_root, run_generator):
    assert run_generator(mini_root).returncode == 0
    got = outputs(mini_root)
    marker = "Generated from {} by `make generate`; do not edit."
    assert (
        got["generated/hoiio/service/demo.py"]
        .decode()
        .startswith("# " + marker.format("spec/demo.yaml") + "\n")
    )
    assert (
        got["generated/hoiio/models/demo.py"]
        .decode()
        .startswith("# " + marker.format("spec/demo.yaml") + "\n")
    )
    assert (
        got["generated/hoiio/models/notifications.py"]
        .decode()
        .startswith("# " + marker.format("spec/notifications.yaml") + "\n")
    )
    assert got["generated/hoiio/models/enums.py"].decode().startswith("# " + marker.format("spec/api.yaml") + "\n")
    assert got["docs/api.md"].decode().startswith("<!-- " + marker.format("spec/") + " -->\n")
    assert (
        got["generated/hoiio/schemas/demo__send.json"]
        .decode()
        .startswith('{\n  "$comment": "' + marker.format("spec/demo.yaml") + '",\n')
    )


def test_generation_is_deterministic_and_a_second_run_changes_nothing(mini_root, run_generator, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(mini_root / "spec", other / "spec")

    assert run_generator(mini_root, env={"PYTHONHASHSEED": "1"}).returncode == 0
    first, first_mtimes = outputs(mini_root), mtimes(mini_root)

    again = run_generator(mini_root, env={"PYTHONHASHSEED": "2"})
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"generate: {len(EXPECTED)} files up to date\n"
    assert outputs(mini_root) == first
    assert mtimes(mini_root) == first_mtimes, "an unchanged file was rewritten"

    # A fresh root, another hash seed: the same bytes.
    assert run_generator(other, env={"PYTHONHASHSEED": "3"}).returncode == 0
    assert outputs(other) == first


def test_check_exits_0_when_up_to_date_and_1_after_a_spec_change_without_writing(mini_root, run_generator):
    assert run_generator(mini_root).returncode == 0
    check = run_generator(mini_root, "--check")
    assert (check.returncode, check.stdout) == (0, f"generate: {len(EXPECTED)} files up to date\n")

    demo = mini_root / "spec" / "demo.yaml"
    demo.write_text(
        demo.read_text().replace("summary: One item.\n", "summary: One item, by its reference.\n")
    )
    before, before_mtimes = outputs(mini_root), mtimes(mini_root)

    check = run_generator(mini_root, "--check")
    assert check.returncode == 1, check.stderr
    # The summary is the method's docstring, the response's docstring, the schema's
    # description, the command's help and the API reference (one page and the service's own
    # page of the docs site): those six files, no other.
    touched = {
        "docs/reference/demo.md",
        "generated/hoiio/service/demo.py",
        "generated/hoiio/models/demo.py",
        "generated/hoiio/schemas/demo__get_item.json",
        "generated/hoiio/_generated/commands.py",
    "generated/hoiio/_generated/openapi.json",
        "docs/api.md",
    }
    assert set(check.stdout.splitlines()) == {f"would change {rel}" for rel in touched}
    assert outputs(mini_root) == before and mtimes(mini_root) == before_mtimes, "--check wrote something"

    write = run_generator(mini_root)
    assert write.returncode == 0
    assert set(write.stdout.splitlines()) == {f"wrote {rel}" for rel in touched}
    assert "One item, by its reference." in (mini_root / "generated/hoiio/service/demo.py").read_text()
    assert run_generator(mini_root, "--check").returncode == 0


def test_a_removed_endpoint_removes_its_generated_files_and_nothing_hand_written(mini_root, run_generator):
    assert run_generator(mini_root).returncode == 0
    package = mini_root / "generated" / "hoiio"
    (package / "handmade.py").write_text('"""Hand-written."""\n')
    (package / "_runtime").mkdir()
    (package / "_runtime" / "handmade.json").write_text("{}\n")
    stale = package / "schemas" / "demo__get_item.json"

    demo = mini_root / "spec" / "demo.yaml"
    text = demo.read_text()
    demo.write_text(text[: text.index("  - path: demo/get_item\n")])
    api = mini_root / "spec" / "api.yaml"  # its one status code is now attached to nothing
    api.write_text(api.read_text() + "unplaced_statuses: [error_invalid_ref]\n")

    check = run_generator(mini_root, "--check")
    assert check.returncode == 1
    assert "would remove generated/hoiio/schemas/demo__get_item.json" in check.stdout.splitlines()
    assert stale.exists()

    proc = run_generator(mini_root)
    assert proc.returncode == 0, proc.stderr
    assert "removed generated/hoiio/schemas/demo__get_item.json" in proc.stdout.splitlines()
    assert not stale.exists()
    assert (package / "handmade.py").exists() and (package / "_runtime" / "handmade.json").exists()
    service = (package / "service" / "demo.py").read_text()
    assert "def item(" not in service and "DemoItemResponse" not in service
    assert "def items(" in service
    assert "demo.item(" not in (mini_root / "docs" / "api.md").read_text()
    reference = (mini_root / "docs" / "reference" / "demo.md").read_text()
    assert "## item\n" not in reference and "## items\n" in reference


def test_the_layout_rule_fails_the_check(mini_root, run_generator):
    """Generated folders hold only what the spec generates; a marker outside them is refused."""
    assert run_generator(mini_root).returncode == 0
    package = mini_root / "generated" / "hoiio"
    (package / "schemas" / "handmade.json").write_text("{}\n")
    (package / "stray.py").write_text("# Generated from spec/demo.yaml by `make generate`; do not edit.\n")
    proc = run_generator(mini_root, "--check")
    assert proc.returncode == 1
    assert "generated/hoiio/schemas/handmade.json: in a generated folder" in proc.stderr
    # A stray marked file outside the folders is removed by a write (as any stale generated file)
    # and named by the check meanwhile.
    assert "generated/hoiio/stray.py" in proc.stdout + proc.stderr
