"""Broken specs: each mutation of the mini spec makes ``python -m generator`` exit 2, write
nothing, and name the file, the endpoint (or model, notification, shared entry) and the field."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import List, Optional, Tuple

import pytest

REPO = Path(__file__).resolve().parents[2]
HEADER = "generate: the spec is broken:"

# (id, file, text to replace (None: the whole file), replacement, fragments one problem line must all hold)
Mutation = Tuple[str, str, Optional[str], str, List[str]]

MUTATIONS: List[Mutation] = [
    (
        "param-max-parts-over-the-sms-limit",
        "demo.yaml",
        "      - name: group\n        type: str\n",
        "      - name: group\n        type: str\n        max_parts: 3\n",
        ["spec/demo.yaml", "endpoint demo/send", "param group", "max_parts 3 is more than sms_length.max_parts (2) in spec/api.yaml"],
    ),
    (
        "param-max-parts-not-text",
        "demo.yaml",
        "      - name: group\n        type: str\n",
        "      - name: group\n        type: int\n        max_parts: 1\n",
        ["spec/demo.yaml", "endpoint demo/send", "param group", "max_parts: only a param of type str has one"],
    ),
    (
        "endpoint-missing-summary",
        "demo.yaml",
        "    summary: Send a greeting to some numbers, or to a group.\n",
        "",
        ["spec/demo.yaml", "endpoint demo/send", "'summary' is a required property"],
    ),
    (
        "endpoint-unknown-key",
        "demo.yaml",
        "    kind: query\n    paginated:",
        "    kind: query\n    retries: 3\n    paginated:",
        ["spec/demo.yaml", "endpoint demo/get_items", "unknown key 'retries'", "allowed: "],
    ),
    (
        "param-unknown-type",
        "demo.yaml",
        "      - name: group\n        type: str\n",
        "      - name: group\n        type: colour\n",
        ["spec/demo.yaml", "endpoint demo/send", "param group", "type", "'colour' is not one of: str, int, phone_list, enum"],
    ),
    (
        "param-use-of-unknown-shared-param",
        "demo.yaml",
        "      - use: ref\n",
        "      - use: reference\n",
        ["spec/demo.yaml", "endpoint demo/get_item", "use: 'reference' is not a parameter of spec/api.yaml"],
    ),
    (
        "unknown-status-code-in-statuses",
        "demo.yaml",
        "    statuses: [error_invalid_ref]\n",
        "    statuses: [error_invalid_ref, error_no_such_thing]\n",
        ["spec/demo.yaml", "endpoint demo/get_item", "statuses", "unknown status code 'error_no_such_thing'"],
    ),
    (
        "unknown-status-code-of-a-positional-param",  # was reported twice
        "demo.yaml",
        "      - use: ref\n",
        "      - use: ref\n        invalid: error_gone\n",
        ["spec/demo.yaml", "endpoint demo/get_item", "param ref", "unknown status code 'error_gone'"],
    ),
    (
        "response-entry-naming-no-model",
        "demo.yaml",
        "entry: Item,",
        "entry: Itme,",
        ["spec/demo.yaml", "endpoint demo/get_items", "field entries", "entry: no model 'Itme'"],
    ),
    (
        "yaml-syntax-error",
        "demo.yaml",
        "      - {name: item}\n",
        "      - {name: item\n",
        [
            "spec/demo.yaml",
            "not valid YAML at line 80, column 11",
            "while parsing a flow mapping; expected ',' or '}', but got ':'",
        ],
    ),
    (
        "model-field-missing-doc",
        "demo.yaml",
        "      count: {type: int, doc: How many.}\n",
        "      count: {type: int}\n",
        ["spec/demo.yaml", "model Item", "field count", "'doc' is a required property"],
    ),
    (
        "field-of-unknown-enum",
        "demo.yaml",
        "enum: Colour,",
        "enum: Color,",
        ["spec/demo.yaml", "model Item", "field colour", "enum: no enum 'Color' in spec/api.yaml"],
    ),
    (
        "method-positional-names-no-param",
        "demo.yaml",
        "positional: [msg, dest]}",
        "positional: [msg, dests]}",
        ["spec/demo.yaml", "endpoint demo/send", "method send", "positional names 'dests'"],
    ),
    (
        "one-of-names-no-param",
        "demo.yaml",
        "params: [dest, group]",
        "params: [dest, groups]",
        ["spec/demo.yaml", "endpoint demo/send", "one_of/exclusive names 'groups'"],
    ),
    (
        "unknown-notification",
        "demo.yaml",
        "notifications: [demo_delivered]",
        "notifications: [demo_delivery]",
        ["spec/demo.yaml", "endpoint demo/send", "notifications: no notification 'demo_delivery'"],
    ),
    (
        "paginated-items-naming-no-list-field",  # crashed in Jinja before
        "demo.yaml",
        "items: entries,",
        "items: entry,",
        ["spec/demo.yaml", "endpoint demo/get_items", "paginated: items names 'entry'"],
    ),
    (
        "paginated-page-param-naming-no-param",  # generated a pager that fails at run time before
        "demo.yaml",
        "page_param: page,",
        "page_param: pages,",
        ["spec/demo.yaml", "endpoint demo/get_items", "paginated: page_param names 'pages'"],
    ),
    (
        "group-key-differs-from-file-name",
        "demo.yaml",
        "group: demo\n",
        "group: dem\n",
        ["spec/demo.yaml", "group: is 'dem'", "listed as 'demo' in spec/api.yaml"],
    ),
    (
        "empty-group-file",  # silently dropped the group (and deleted its generated files) before
        "demo.yaml",
        None,
        "",
        ["spec/demo.yaml", "the file is empty"],
    ),
    (
        "empty-api-file",  # crashed with a TypeError before
        "api.yaml",
        None,
        "# nothing yet\n",
        ["spec/api.yaml", "the file is empty"],
    ),
    (
        "listed-group-without-file",
        "api.yaml",
        "groups: [demo]\n",
        "groups: [demo, extra]\n",
        ["spec/extra.yaml", "file not found"],
    ),
    (
        "shared-param-unknown-key",
        "api.yaml",
        "    positional: true\n    min_length: 1\n",
        "    positional: true\n    optional: true\n    min_length: 1\n",
        ["spec/api.yaml", "parameter ref", "unknown key 'optional'"],
    ),
    (
        "status-code-unknown-category",
        "api.yaml",
        "error_invalid_ref: {category: not_found,",
        "error_invalid_ref: {category: missing,",
        ["spec/api.yaml", "status code error_invalid_ref", "category", "'missing' is not one of"],
    ),
    (
        "notification-field-unknown-type",
        "notifications.yaml",
        "parts: {type: int,",
        "parts: {type: integer,",
        [
            "spec/notifications.yaml",
            "notification demo_delivered",
            "field parts",
            "type",
            "'integer' is not one of",
        ],
    ),
    (
        "status-code-attached-to-nothing",
        "api.yaml",
        "  error_secret_locked: {category: authentication, retry: false, doc: The secret is locked.}\n",
        "  error_secret_locked: {category: authentication, retry: false, doc: The secret is locked.}\n"
        "  error_never_answered: {category: server, retry: true, doc: Listed nowhere.}\n",
        ["spec/api.yaml", "status code error_never_answered", "attached to no endpoint", "account_statuses or unplaced_statuses"],
    ),
    (
        "rate-limit-of-an-unknown-endpoint",
        "api.yaml",
        "  demo/get_items: {requests: 10, seconds: 60, documented: true}\n",
        "  demo/get_itemz: {requests: 10, seconds: 60, documented: true}\n",
        ["spec/api.yaml", "rate_limits", "'demo/get_itemz' is not an endpoint of the spec"],
    ),
    (
        "omitted-endpoint-that-exists",
        "api.yaml",
        "  - path: demo/get_secret\n",
        "  - path: demo/get_item\n",
        ["spec/api.yaml", "omitted", "'demo/get_item' is an endpoint of the spec"],
    ),
    (
        "unknown-status-code-of-an-omitted-endpoint",
        "api.yaml",
        "    statuses: [error_secret_locked]\n",
        "    statuses: [error_secret_locked, error_no_such_code]\n",
        ["spec/api.yaml", "omitted demo/get_secret", "unknown status code 'error_no_such_code'"],
    ),
    (
        "sms-length-missing-a-part-size",
        "api.yaml",
        "  gsm: {single: 20, part: 15}\n",
        "  gsm: {single: 20}\n",
        ["spec/api.yaml", "sms_length", "gsm", "'part' is a required property"],
    ),
    (
        "capability-not-voice-fax-or-sms",
        "api.yaml",
        "  XX: [VOICE, SMS]\n",
        "  XX: [VOICE, MMS]\n",
        ["spec/api.yaml", "number_capabilities", "'MMS' is not one of: VOICE, FAX, SMS"],
    ),
    (
        "param-alias-of-no-param",
        "demo.yaml",
        "param_aliases: {hue: colour}",
        "param_aliases: {hue: color}",
        ["spec/demo.yaml", "endpoint demo/get_items", "method items", "param_aliases: hue names 'color', which is not a param of the method"],
    ),
    (
        "param-alias-shadowing-a-param",
        "demo.yaml",
        "param_aliases: {hue: colour}",
        "param_aliases: {page: colour}",
        ["spec/demo.yaml", "endpoint demo/get_items", "method items", "param_aliases: 'page' is already a param of the method"],
    ),
    (
        "notification-extends-unknown",
        "notifications.yaml",
        "extends: demo_event\n",
        "extends: demo_events\n",
        ["spec/notifications.yaml", "notification demo_delivered", "extends: no notification 'demo_events'"],
    ),
    (
        "unresolvable-on-a-param-that-is-no-url",
        "demo.yaml",
        "      - name: group\n        type: str\n",
        "      - name: group\n        type: str\n        unresolvable: error_dest_invalid\n",
        ["spec/demo.yaml", "endpoint demo/send", "param group", "unresolvable:", "(this one is str)"],
    ),
    (
        "param-status-key-unknown-code",
        "demo.yaml",
        "        min_length: 1\n        max_length: 160\n",
        "        min_length: 1\n        max_length: 160\n        too_long: error_msg_too_long\n",
        ["spec/demo.yaml", "endpoint demo/send", "param msg", "unknown status code 'error_msg_too_long'"],
    ),
    (
        "private-caller-id-listed-as-none-of-its-values",
        "api.yaml",
        "listed_as: p,",
        "listed_as: x,",
        ["spec/api.yaml", "wire_values: caller_id_private: listed_as 'x' is not one of its values"],
    ),
    (
        "wire-values-missing-the-flag",
        "api.yaml",
        "  flag: {set: enabled, unset: disabled, doc: How a flag is sent when set; answers say either word.}\n",
        "",
        ["spec/api.yaml", "wire_values", "'flag' is a required property"],
    ),
    (
        "ordered-names-no-param",
        "demo.yaml",
        "    kind: query\n    paginated:",
        "    kind: query\n    ordered: [page, last_page]\n    ordered_status: error_dest_invalid\n    paginated:",
        ["spec/demo.yaml", "endpoint demo/get_items", "ordered names 'last_page', which is not a param"],
    ),
    (
        "ordered-params-that-do-not-order",
        "demo.yaml",
        "    kind: query\n    paginated:",
        "    kind: query\n    ordered: [colour, page]\n    ordered_status: error_dest_invalid\n    paginated:",
        ["spec/demo.yaml", "endpoint demo/get_items", "ordered: colour and page are of types enum, int", "expected params of one type that orders (int)"],
    ),
    (
        "ordered-without-its-status",
        "demo.yaml",
        "    kind: query\n    paginated:",
        "    kind: query\n    ordered: [page, page]\n    paginated:",
        ["spec/demo.yaml", "endpoint demo/get_items", "'ordered_status' is a dependency of 'ordered'"],
    ),
    (
        "ordered-status-unknown",
        "demo.yaml",
        "    kind: query\n    paginated:",
        "    kind: query\n    ordered: [page, page]\n    ordered_status: error_page_before_page\n    paginated:",
        ["spec/demo.yaml", "endpoint demo/get_items", "ordered_status: unknown status code 'error_page_before_page'"],
    ),
    (
        "csv-on-a-field-that-is-no-list",
        "demo.yaml",
        "entry: Item,",
        "entry: Item, csv: true,",
        ["spec/demo.yaml", "endpoint demo/get_items", "field entries", "csv: only a str_list can be comma-separated"],
    ),
    (
        "empty-meaning-on-a-required-param",
        "demo.yaml",
        "        min_length: 1\n        max_length: 160\n        doc: The greeting.\n",
        "        min_length: 1\n        max_length: 160\n        empty: no greeting\n        doc: The greeting.\n",
        ["spec/demo.yaml", "endpoint demo/send", "param msg", "empty: only an optional parameter can mean something empty"],
    ),
]


def mutate(root: Path, name: str, old: Optional[str], new: str) -> None:
    path = root / "spec" / name
    text = path.read_text(encoding="utf-8")
    if old is None:
        text = new
    else:
        assert text.count(old) == 1, f"the mutation's text {old!r} is not once in spec/{name}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def problems(stderr: str) -> List[str]:
    lines = stderr.splitlines()
    assert lines and lines[0] == HEADER, stderr
    assert all(line.startswith("  - ") for line in lines[1:]), stderr
    return [line[4:] for line in lines[1:]]


def assert_nothing_written(root: Path) -> None:
    assert sorted(p.name for p in root.iterdir()) == ["spec"], "a broken spec still generated files"


@pytest.mark.parametrize("case", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_broken_spec_exits_2_and_names_file_place_and_field(case: Mutation, mini_root, run_generator):
    _, name, old, new, fragments = case
    mutate(mini_root, name, old, new)
    proc = run_generator(mini_root)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    found = problems(proc.stderr)
    assert [
        p for p in found if all(f in p for f in fragments)
    ], f"no problem names all of {fragments}:\n{proc.stderr}"
    assert len(found) == 1, f"one mistake, one problem:\n{proc.stderr}"
    assert_nothing_written(mini_root)


def test_the_unmutated_mini_spec_is_valid(mini_root, run_generator):
    """The mutations above break a spec that works."""
    proc = run_generator(mini_root)
    assert proc.returncode == 0, proc.stderr


def test_every_schema_problem_is_listed_at_once(mini_root, run_generator):
    cases = {m[0]: m for m in MUTATIONS}
    chosen = ["endpoint-missing-summary", "endpoint-unknown-key", "param-unknown-type", "status-code-unknown-category",
              "notification-field-unknown-type"]  # fmt: skip
    for key in chosen:
        mutate(mini_root, *cases[key][1:4])
    proc = run_generator(mini_root)
    assert proc.returncode == 2
    found = problems(proc.stderr)
    assert len(found) == len(chosen), proc.stderr
    for key in chosen:
        assert [p for p in found if all(f in p for f in cases[key][4])], f"{key} not reported:\n{proc.stderr}"
    assert_nothing_written(mini_root)


def test_every_cross_reference_problem_is_listed_at_once_by_spec_error(mini_root, run_generator):
    cases = {m[0]: m for m in MUTATIONS}
    chosen = ["param-use-of-unknown-shared-param", "unknown-status-code-in-statuses", "response-entry-naming-no-model",
              "field-of-unknown-enum", "unknown-notification", "notification-extends-unknown"]  # fmt: skip
    for key in chosen:
        mutate(mini_root, *cases[key][1:4])
    proc = run_generator(mini_root)
    assert proc.returncode == 2
    found = problems(proc.stderr)
    assert len(found) == len(chosen), proc.stderr

    # The same, in process: SpecError carries the list, and its message is that list.
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    spec_module = importlib.import_module("generator.spec")
    assert Path(spec_module.__file__).resolve() == REPO / "generator" / "spec.py"
    with pytest.raises(spec_module.SpecError) as info:
        spec_module.load(mini_root)
    assert info.value.problems == found
    assert str(info.value) == "\n".join(proc.stderr.splitlines())[len("generate: ") :]
    for key in chosen:
        assert [p for p in info.value.problems if all(f in p for f in cases[key][4])], key
