"""A new kind of parameter value is a row of the spec's kinds table (and a class in
hoiio/_runtime/kinds.py and a reader in hoiio/sandbox/reading.py, tests/unit/test_kinds.py):
the generator reads the row for the kind's registry, the annotation, the docs, the OpenAPI
schema and the CLI's option, and checks the keys a param of it may have.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

COUNTRY = """kinds:
  country:
    python: Literal["SG", "US"]
    doc: country code
    words: ISO 3166 alpha-2
    schema: {type: string, pattern: "^[A-Z]{2}$", description: Upper case.}
    masked: true
    cli: {metavar: CC, help: " (two letters)"}
"""


def add_country(root: Path) -> None:
    api = root / "spec" / "api.yaml"
    api.write_text(api.read_text(encoding="utf-8").replace("kinds:\n", COUNTRY, 1), encoding="utf-8")
    demo = root / "spec" / "demo.yaml"
    text = demo.read_text(encoding="utf-8")
    old = "      - name: group\n        type: str\n        doc: Instead of dests, a group name.\n"
    assert text.count(old) == 1
    demo.write_text(text.replace(old, "      - name: group\n        type: country\n        doc: Instead of dests, a country.\n"), encoding="utf-8")


def test_a_new_kind_is_one_row(mini_root, run_generator):
    add_country(mini_root)
    proc = run_generator(mini_root)
    assert proc.returncode == 0, proc.stderr
    generated = mini_root / "generated" / "hoiio"

    kinds = (generated / "_generated" / "kinds.py").read_text(encoding="utf-8")
    assert '"country": Country(masked=True),' in kinds
    assert re.search(r"from \.\._runtime\.kinds import \(?[^)]*\bCountry\b", kinds)  # where its class goes

    service = (generated / "service" / "demo.py").read_text(encoding="utf-8")
    assert 'group: Optional[Literal["SG", "US"]] = None' in service

    openapi = json.loads((generated / "_generated" / "openapi.json").read_text(encoding="utf-8"))
    schema = openapi["components"]["schemas"]["DemoSendRequest"]["properties"]["group"]
    assert schema == {"type": "string", "pattern": "^[A-Z]{2}$", "description": "Instead of dests, a country. Upper case."}

    commands = (generated / "_generated" / "commands.py").read_text(encoding="utf-8")
    assert "\"cli\": {\"metavar\": \"CC\", \"help\": \" (two letters)\"}" in commands
    assert "[ISO 3166 alpha-2]" in commands

    api_md = (mini_root / "docs" / "api.md").read_text(encoding="utf-8")
    assert "country code" in api_md and "ISO 3166 alpha-2" in api_md


def test_a_param_takes_only_the_keys_its_kind_lists(mini_root, run_generator):
    add_country(mini_root)
    demo = mini_root / "spec" / "demo.yaml"
    text = demo.read_text(encoding="utf-8").replace("        type: country\n", "        type: country\n        max_length: 2\n", 1)
    demo.write_text(text, encoding="utf-8")
    proc = run_generator(mini_root)
    assert proc.returncode == 2
    assert "param group: max_length: only a param of type str has one (this one is country); see takes in spec/api.yaml's kinds" in proc.stderr


def test_an_unknown_pattern_in_a_kinds_schema_is_named(mini_root, run_generator):
    api = mini_root / "spec" / "api.yaml"
    text = api.read_text(encoding="utf-8").replace('"^<e164>(,<e164>)<more_items>$"', '"^<e164>(,<e.164>)<phone>$"', 1)
    api.write_text(text, encoding="utf-8")
    proc = run_generator(mini_root)
    assert proc.returncode == 2
    assert "spec/api.yaml: kinds: phone_list: schema: <phone> is neither a wire_patterns entry" in proc.stderr
