"""A spec change becomes working, documented code.

A new endpoint added to a scratch copy of the real spec (with the hand-written runtime that
lives in generated/) becomes a method that validates its arguments, sends the right form,
returns coerced fields, shows its keyword parameters to help() and is in docs/api.md. The mini
spec's package, generated over a copy of the real tree, removes the real groups and works the
same way. The generated code runs in a subprocess that imports hoiio from the scratch tree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict

import pytest

REPO = Path(__file__).resolve().parents[2]

NEW_MODEL = """\
  SmsTemplate:
    doc: One saved SMS template.
    fields:
      template_id: {type: int, doc: The template's id.}
      name: {type: str, doc: Its name.}
      body: {type: str, doc: 'The text, with Mustache variables.'}
      created: {type: datetime, doc: When it was saved (GMT+8).}
      rate: {use: rate, doc: Price per SMS part sent with it.}
      tags: {type: str_list, doc: Its tags.}
"""

NEW_ENDPOINT = """
  - path: sms/get_templates
    summary: List the saved SMS templates of a category.
    kind: query
    methods:
      - {name: templates, positional: [category]}
    params:
      - name: category
        type: enum
        values: [marketing, alerts, otp]
        required: true
        doc: Which templates to list.
      - name: active_only
        type: flag
        doc: Only the templates in use.
      - use: page
    response:
      name: SmsTemplatesResponse
      fields:
        total_entries_count: {use: total_entries_count}
        entries: {type: list, entry: SmsTemplate, doc: The templates of this page.}
    statuses: [error_page_invalid]
"""


def copy_project(root: Path) -> None:
    """The real spec, the generated package (with its hand-written runtime), docs/api.md and docs/reference/."""
    shutil.copytree(REPO / "spec", root / "spec")
    shutil.copytree(
        REPO / "generated" / "hoiio",
        root / "generated" / "hoiio",
        ignore=shutil.ignore_patterns("__pycache__", "sandbox"),
    )
    (root / "docs").mkdir()
    shutil.copy2(REPO / "docs" / "api.md", root / "docs" / "api.md")
    shutil.copytree(REPO / "docs" / "reference", root / "docs" / "reference")
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")  # as in the repository (the version is hoiio.__version__)


def run_client(root: Path, script: str) -> Dict[str, Any]:
    """Run script with the scratch package first on the path; it prints one JSON object."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HOIIO_")}
    env["PYTHONPATH"] = str(root / "generated")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    result: Dict[str, Any] = json.loads(proc.stdout)
    assert (
        Path(result["hoiio"]).resolve() == (root / "generated" / "hoiio" / "__init__.py").resolve()
    ), "hoiio was not the scratch copy"
    return result


NEW_ENDPOINT_CLIENT = """
    import datetime, inspect, json, pydoc, typing
    from urllib.parse import parse_qs

    import responses

    import hoiio
    from hoiio._generated.commands import COMMANDS
    from hoiio.service.sms import Sms

    out = {"hoiio": hoiio.__file__}
    body = {
        "status": "success_ok",
        "total_entries_count": "2",
        "entries": [
            {"template_id": "17", "name": "Outage", "body": "We are down, {{name}}",
             "created": "2012-05-01 09:30:00", "rate": "0.05", "tags": "ops, alerts"},
            {"template_id": 18, "name": "Back", "created": "2012-05-02 10:00:00", "tags": ["ops"]},
        ],
    }
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, "https://secure.hoiio.com/open/sms/get_templates", json=body)
        with hoiio.Client("app-1", "token-1") as client:
            res = client.sms.templates("alerts", active_only=True, page=2)
            try:
                client.sms.templates("weather", page=0)
            except hoiio.ValidationError as exc:
                out["problems"] = exc.problems
        out["sent"] = {k: v for k, v in parse_qs(rsps.calls[0].request.body).items()}
        out["url"] = rsps.calls[0].request.url
        out["requests"] = len(rsps.calls)

    out["type"] = type(res).__name__
    out["status"] = res.status
    out["total"] = res.total_entries_count
    first, second = res.entries
    out["entry_type"] = type(first).__name__
    out["first"] = {
        "template_id": first.template_id,
        "name": first.name,
        "body": first.body,
        "created": first.created.isoformat(),
        "rate": first.rate,
        "tags": first.tags,
    }
    out["second"] = {"template_id": second.template_id, "tags": second.tags, "body": second.body}
    assert isinstance(first.created, datetime.datetime)

    sig = inspect.signature(Sms.templates)
    out["signature"] = {
        name: [str(p.kind), None if p.default is inspect.Parameter.empty else repr(p.default)]
        for name, p in sig.parameters.items()
    }
    out["annotations"] = {name: str(hint) for name, hint in typing.get_type_hints(Sms.templates).items()}
    out["help"] = pydoc.render_doc(Sms.templates, renderer=pydoc.plaintext)
    out["command"] = COMMANDS["sms"]["templates"]
    print(json.dumps(out))
"""


def test_a_new_endpoint_becomes_a_working_documented_method(tmp_path, run_generator):
    root = tmp_path / "project"
    copy_project(root)
    sms = root / "spec" / "sms.yaml"
    text = sms.read_text(encoding="utf-8")
    assert text.count("\nmodels:\n") == 1 and text.endswith("\n")
    sms.write_text(text.replace("\nmodels:\n", "\nmodels:\n" + NEW_MODEL, 1) + NEW_ENDPOINT, encoding="utf-8")

    proc = run_generator(root)
    assert proc.returncode == 0, proc.stderr
    # Exactly what the new endpoint touches; every other file is left as it was.
    assert set(proc.stdout.splitlines()) == {
        "wrote docs/api.md",
        "wrote docs/reference/index.md",
        "wrote docs/reference/sms.md",
        "wrote generated/hoiio/_generated/commands.py",
        "wrote generated/hoiio/_generated/openapi.json",
        "wrote generated/hoiio/models/sms.py",
        "wrote generated/hoiio/schemas/sms__get_templates.json",
        "wrote generated/hoiio/service/sms.py",
    }
    # The OpenAPI document describes it: the form, its enum, and the answer with its entries.
    openapi = json.loads((root / "generated/hoiio/_generated/openapi.json").read_text(encoding="utf-8"))
    schemas = openapi["components"]["schemas"]
    request = schemas["SmsGetTemplatesRequest"]
    assert request["required"] == ["app_id", "access_token", "category"]
    assert request["properties"]["category"]["enum"] == ["marketing", "alerts", "otp"]
    assert request["properties"]["active_only"]["enum"] == ["enabled"]
    answer = schemas["SmsTemplatesResponse"]
    assert answer["properties"]["entries"]["items"] == {"$ref": "#/components/schemas/SmsTemplate"}
    assert "error_page_invalid" in answer["properties"]["status"]["enum"]
    assert "/sms/get_templates" in openapi["paths"]

    out = run_client(root, NEW_ENDPOINT_CLIENT)

    # The request: the form Hoiio expects, to the new path; the bad call sent nothing.
    assert out["url"] == "https://secure.hoiio.com/open/sms/get_templates"
    assert out["requests"] == 1
    assert out["sent"] == {
        "category": ["alerts"],
        "active_only": ["enabled"],
        "page": ["2"],
        "app_id": ["app-1"],
        "access_token": ["token-1"],
    }
    assert any(
        "category" in p and "weather" in p and "marketing, alerts, otp" in p for p in out["problems"]
    ), out["problems"]
    assert any(p.startswith("page") for p in out["problems"]), out["problems"]

    # The response: typed, with its fields coerced.
    assert (out["type"], out["status"], out["total"], out["entry_type"]) == (
        "SmsTemplatesResponse",
        "success_ok",
        2,
        "SmsTemplate",
    )
    assert out["first"] == {
        "template_id": 17,
        "name": "Outage",
        "body": "We are down, {{name}}",
        "created": "2012-05-01T09:30:00+08:00",
        "rate": 0.05,
        "tags": ["ops", "alerts"],
    }
    assert out["second"] == {"template_id": 18, "tags": ["ops"], "body": None}

    # help() and the signature: category positional, the others keyword-only.
    assert out["signature"] == {
        "self": ["POSITIONAL_OR_KEYWORD", None],
        "category": ["POSITIONAL_OR_KEYWORD", None],
        "active_only": ["KEYWORD_ONLY", "None"],
        "page": ["KEYWORD_ONLY", "None"],
        # the per-call options, typed and keyword-only (no **options: nothing else is accepted)
        "app_id": ["KEYWORD_ONLY", "None"],
        "access_token": ["KEYWORD_ONLY", "None"],
        "extra_params": ["KEYWORD_ONLY", "None"],
        "request_timeout": ["KEYWORD_ONLY", "None"],
        "max_retries": ["KEYWORD_ONLY", "None"],
    }
    assert out["annotations"]["category"] == "typing.Literal['marketing', 'alerts', 'otp']"
    assert out["annotations"]["active_only"] == "typing.Optional[bool]"
    assert out["annotations"]["page"] == "typing.Optional[int]"
    # (help() quotes the annotations, which are strings under `from __future__ import annotations`)
    assert re.search(
        r"templates\(self, category: \W*Literal\[.marketing., .alerts., .otp.\]\W*, \*, "
        r"active_only: \W*Optional\[bool\]\W* = None, page: \W*Optional\[int\]\W* = None, app_id: \W*Optional\[str\]\W* = None, ",
        re.sub(r"\(\s+", "(", " ".join(out["help"].split())),  # (3.13's help() puts a long signature's parameters a line each)
    ), out["help"]
    assert "List the saved SMS templates of a category." in out["help"]
    assert "category (str, required; one of marketing, alerts, otp): Which templates to list." in out["help"]
    assert "active_only (bool): Only the templates in use." in out["help"]
    assert "SmsTemplatesResponse" in out["help"]

    # The command line's table knows it too.
    assert out["command"]["path"] == "sms/get_templates"
    assert [p["python"] for p in out["command"]["params"]] == ["category", "active_only", "page"]

    # The API reference documents the method, its parameters and its fields.
    doc = (root / "docs" / "api.md").read_text(encoding="utf-8")
    assert "### `sms.templates(category, *, active_only=None, page=None)`" in doc
    assert (
        "List the saved SMS templates of a category. `sms/get_templates`, a free query (retried on failure)."
        in doc
    )
    assert (
        "| `category` | `category` | str | yes | one of marketing, alerts, otp | Which templates to list. |"
        in doc
    )
    assert "| `active_only` | `active_only` | bool | no |  | Only the templates in use. |" in doc
    assert "Returns `SmsTemplatesResponse`:" in doc
    assert "| `total_entries_count` | int | Number of entries in the whole period. |" in doc
    assert "| `entries` | list of SmsTemplate | The templates of this page. |" in doc
    assert (
        "Each `SmsTemplate` in `entries`: `template_id` (int), `name` (str), `body` (str), "
        "`created` (datetime (GMT+8)), `rate` (float), `tags` (list of str)." in doc
    )
    # So does the docs site's page of the service: signature, parameters, statuses, fields.
    page = (root / "docs" / "reference" / "sms.md").read_text(encoding="utf-8")
    section = page[page.index("\n## templates\n") :]
    assert "client.sms.templates(\n    category: Literal[" in section
    assert "| `category` | `category` | str | yes | one of marketing, alerts, otp | Which templates to list. |" in section
    assert "**Response** `SmsTemplatesResponse`" in section
    assert "| `template_id` | int |" in section
    assert "[`templates`](sms.md#templates)" in (root / "docs" / "reference" / "index.md").read_text(encoding="utf-8")
    # And its JSON Schema accepts what Hoiio answers.
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(
        (root / "generated/hoiio/schemas/sms__get_templates.json").read_text(encoding="utf-8")
    )
    jsonschema.validate(
        {
            "status": "success_ok",
            "total_entries_count": "2",
            "entries": [{"template_id": "17", "created": "2012-05-01 09:30:00"}],
        },
        schema,
    )
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"status": "success_ok", "entries": [{"template_id": "seventeen"}]}, schema)


MINI_CLIENT = """
    import json
    from urllib.parse import parse_qs

    import responses

    import hoiio

    out = {"hoiio": hoiio.__file__}
    ITEM = {"ref": "r-{n}", "colour": "red", "count": "{n}", "price": "1.5", "date": "2012-01-02 03:04:05", "labels": "a, b"}

    def page_of_items(request):
        page = int(parse_qs(request.body)["page"][0])
        count = 10 if page == 1 else 2
        entries = [{k: v.format(n=(page - 1) * 10 + i) for k, v in ITEM.items()} for i in range(count)]
        return 200, {}, json.dumps({"status": "success_ok", "total": "12", "entries": entries})

    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, "https://api.example.invalid/open/demo/send",
                 json={"status": "success_ok", "ref": "B-1", "from": "+6560000000"})
        rsps.add_callback(responses.POST, "https://api.example.invalid/open/demo/get_items", callback=page_of_items)
        with hoiio.Client("app-1", "token-1") as client:
            res = client.dm.greet("Hello", "+6511111111", "+6522222222", tag="t-1")
            items = list(client.demo.items_iter("red"))
            problems = []
            for call in (lambda: client.demo.send("Hello"), lambda: client.demo.items("purple")):
                try:
                    call()
                except hoiio.ValidationError as exc:
                    problems.extend(exc.problems)
        out["sent"] = [(c.request.url, parse_qs(c.request.body)) for c in rsps.calls]
    out["problems"] = problems
    out["send"] = {"type": type(res).__name__, "batch_ref": res.batch_ref, "from_": res.from_}
    out["items"] = [[i.ref, i.count, i.price, i.date.isoformat(), i.labels] for i in items[:2]] + [len(items)]
    print(json.dumps(out))
"""

#: The same program with hoiio.AsyncClient (the generated async twins): the same forms must go
#: out and the same results come back. An aiohttp.web server on loopback plays the part of
#: `responses` (the URLs it records are given the sync program's host).
MINI_ASYNC_CLIENT = """
    import asyncio
    import inspect
    import json
    from urllib.parse import parse_qs

    from aiohttp import web

    import hoiio
    from hoiio.service.demo import AsyncDemo, Demo

    out = {"hoiio": hoiio.__file__}
    ITEM = {"ref": "r-{n}", "colour": "red", "count": "{n}", "price": "1.5", "date": "2012-01-02 03:04:05", "labels": "a, b"}
    sent = []

    def answer(body):
        return web.Response(body=json.dumps(body).encode(), content_type="application/json")

    async def handler(request):
        form = parse_qs((await request.read()).decode())
        sent.append(("https://api.example.invalid" + request.path, form))
        if request.path.endswith("/demo/send"):
            return answer({"status": "success_ok", "ref": "B-1", "from": "+6560000000"})
        page = int(form["page"][0])
        count = 10 if page == 1 else 2
        entries = [{k: v.format(n=(page - 1) * 10 + i) for k, v in ITEM.items()} for i in range(count)]
        return answer({"status": "success_ok", "total": "12", "entries": entries})

    async def main():
        app = web.Application()
        app.router.add_post("/{tail:.*}", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        async with hoiio.AsyncClient("app-1", "token-1", base_url=f"http://127.0.0.1:{port}/open/") as client:
            assert type(client.demo) is AsyncDemo and client.dm is client.demo
            res = await client.dm.greet("Hello", "+6511111111", "+6522222222", tag="t-1")
            items = [item async for item in client.demo.items_iter("red")]
            problems = []
            for call in (lambda: client.demo.send("Hello"), lambda: client.demo.items("purple")):
                try:
                    await call()
                except hoiio.ValidationError as exc:
                    problems.extend(exc.problems)
        await runner.cleanup()
        return res, items, problems

    res, items, problems = asyncio.run(main())
    out["sent"] = sent
    out["problems"] = problems
    out["send"] = {"type": type(res).__name__, "batch_ref": res.batch_ref, "from_": res.from_}
    out["items"] = [[i.ref, i.count, i.price, i.date.isoformat(), i.labels] for i in items[:2]] + [len(items)]
    names = [n for n in vars(Demo) if not n.startswith("_")]
    out["twins"] = {
        "names": names == [n for n in vars(AsyncDemo) if not n.startswith("_")],
        "signatures": all(inspect.signature(getattr(Demo, n)) == inspect.signature(getattr(AsyncDemo, n)) for n in names if n != "items_iter"),
        "docs": all(getattr(Demo, n).__doc__ == getattr(AsyncDemo, n).__doc__ for n in names if n != "items_iter"),
        "coroutines": [n for n in names if inspect.iscoroutinefunction(getattr(AsyncDemo, n))],
    }
    print(json.dumps(out))
"""


def test_the_mini_package_replaces_the_real_groups_and_works(tmp_path, run_generator):
    root = tmp_path / "project"
    copy_project(root)
    shutil.rmtree(root / "spec")
    shutil.copytree(REPO / "tests" / "generator" / "mini" / "spec", root / "spec")
    shutil.copy2(REPO / "spec" / "schema.json", root / "spec" / "schema.json")
    runtime_before = sorted(p.name for p in (root / "generated/hoiio/_runtime").iterdir())

    proc = run_generator(root)
    assert proc.returncode == 0, proc.stderr
    assert "removed generated/hoiio/service/sms.py" in proc.stdout.splitlines()
    package = root / "generated" / "hoiio"
    assert sorted(p.name for p in (package / "service").glob("*.py")) == ["__init__.py", "demo.py"]
    assert sorted(p.name for p in (package / "models").glob("*.py")) == [
        "__init__.py",
        "demo.py",
        "enums.py",
        "notifications.py",
    ]
    assert sorted(p.name for p in (package / "schemas").iterdir()) == [
        "demo__get_item.json",
        "demo__get_items.json",
        "demo__send.json",
    ]
    assert sorted(p.name for p in (package / "_runtime").iterdir()) == runtime_before
    assert (package / "exceptions.py").exists() and (package / "__init__.py").exists()

    out = run_client(root, MINI_CLIENT)
    (send_url, send_form), *pages = out["sent"]
    assert send_url == "https://api.example.invalid/open/demo/send"
    assert send_form == {
        "msg": ["Hello"],
        "dest": ["+6511111111,+6522222222"],
        "tag": ["t-1"],
        "app_id": ["app-1"],
        "access_token": ["token-1"],
    }
    assert [form["page"] for _, form in pages] == [["1"], ["2"]]
    assert all(form["colour"] == ["red"] for _, form in pages)
    # The alias "ref" fills batch_ref; the wire name "from" is the attribute from_.
    assert out["send"] == {"type": "DemoSendResponse", "batch_ref": "B-1", "from_": "+6560000000"}
    assert out["items"] == [
        ["r-0", 0, 1.5, "2012-01-02T03:04:05+08:00", ["a", "b"]],
        ["r-1", 1, 1.5, "2012-01-02T03:04:05+08:00", ["a", "b"]],
        12,
    ]
    assert any("dest" in p and "group" in p for p in out["problems"]), out["problems"]
    assert any("colour" in p and "purple" in p for p in out["problems"]), out["problems"]

    # The async twins, generated from the same template, send and return exactly the same.
    twin = run_client(root, MINI_ASYNC_CLIENT)
    assert twin.pop("twins") == {"names": True, "signatures": True, "docs": True,
                                 "coroutines": ["send", "greet", "items", "item"]}  # fmt: skip
    twin["sent"] = [(url, form) for url, form in twin["sent"]]
    out["sent"] = [(url, form) for url, form in out["sent"]]
    assert twin == out


#: User code over the mini package: each group's typed attribute (and its alias) on Client,
#: AsyncClient and the Hoiio facade, from the YAML alone; mypy reports the lines marked `# E:`.
MINI_TYPED = '''\
import hoiio
from hoiio import Hoiio

client = hoiio.Client("APP", "TOKEN")
total: int = client.demo.items("red").total
same: int = client.dm.items("red").total
Hoiio.demo.send("Hello", "+6511111111")


async def main() -> int:
    page = await hoiio.AsyncClient("APP", "TOKEN").dm.items("red")
    return page.total


client.sms.send("Hi", "+6511111111")  # E: the mini spec has no sms group
wrong: str = client.demo.items("red").total  # E: an int
'''


def test_the_clients_typed_service_attributes_come_from_the_groups(tmp_path, run_generator):
    root = tmp_path / "project"
    copy_project(root)
    shutil.rmtree(root / "spec")
    shutil.copytree(REPO / "tests" / "generator" / "mini" / "spec", root / "spec")
    shutil.copy2(REPO / "spec" / "schema.json", root / "spec" / "schema.json")
    proc = run_generator(root)
    assert proc.returncode == 0, proc.stderr
    services = (root / "generated/hoiio/_generated/services.py").read_text(encoding="utf-8")
    assert "    def demo(self) -> Demo:\n" in services and "    def dm(self) -> Demo:\n" in services
    assert "        demo: DemoFacade\n        dm: DemoFacade\n" in services
    assert "def sms(" not in services and "sms:" not in services

    user = tmp_path / "user.py"
    user.write_text(MINI_TYPED, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--hide-error-context", "--cache-dir",
         str(tmp_path / ".mypy_cache"), "--python-version", "3.11", str(user)],
        cwd=tmp_path, env={**os.environ, "MYPYPATH": str(root / "generated")}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    # (the hand-written hoiio/__init__.py names the real spec's enums, which the mini one lacks: not the user's lines)
    errors = [line for line in run.stdout.splitlines() if line.startswith("user.py:") and ": error:" in line]
    marked = [n for n, line in enumerate(MINI_TYPED.splitlines(), 1) if "# E:" in line]
    assert sorted({int(line.split(":")[1]) for line in errors}) == marked, run.stdout + run.stderr
    assert any('"Client" has no attribute "sms"' in line for line in errors), run.stdout
