"""The generated OpenAPI document: valid OpenAPI 3.1, shipped in the package, true to the spec,
and in agreement with what the SDK really sends and the sandbox really answers."""

from __future__ import annotations

import datetime
import fnmatch
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any, Dict, List, Tuple
from urllib.parse import parse_qsl, urlsplit

import jsonschema
import pytest
import requests
from hoiio.sandbox.receiver import Receiver
from hoiio.sandbox.server import Sandbox
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from generator.openapi import document, statuses
from generator.spec import load

ROOT = Path(__file__).resolve().parents[2]
PATH = ROOT / "generated" / "hoiio" / "_generated" / "openapi.json"
DOC: Dict[str, Any] = json.loads(PATH.read_text(encoding="utf-8"))
SPEC = load(ROOT)
URN = "urn:hoiio:openapi"
REGISTRY = Registry().with_resource(URN, Resource.from_contents(DOC, default_specification=DRAFT202012))


def validator(component: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": f"{URN}#/components/schemas/{component}"}, registry=REGISTRY)


def operation(path: str) -> Dict[str, Any]:
    op: Dict[str, Any] = DOC["paths"]["/" + path]["post"]
    return op


def schema_name(op: Dict[str, Any], media: str = "application/x-www-form-urlencoded") -> str:
    return str(op["requestBody"]["content"][media]["schema"]["$ref"]).rsplit("/", 1)[1]


def answer_name(op: Dict[str, Any]) -> str:
    return str(op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]).rsplit("/", 1)[1]


def test_the_document_is_valid_openapi_3_1() -> None:
    validate(DOC, cls=OpenAPIV31SpecValidator)  # raises with the first problem
    assert DOC["openapi"].startswith("3.1")


def test_a_broken_document_is_refused_by_the_validator() -> None:
    """The validator really looks: a dangling $ref and a wrong type are caught."""
    broken = json.loads(json.dumps(DOC))
    broken["paths"]["/sms/send"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"] = "#/components/schemas/Nope"
    with pytest.raises(Exception, match="Nope"):
        validate(broken, cls=OpenAPIV31SpecValidator)
    broken = json.loads(json.dumps(DOC))
    del broken["info"]
    assert list(OpenAPIV31SpecValidator(broken).iter_errors())
    broken = json.loads(json.dumps(DOC))
    broken["components"]["schemas"]["SmsSendRequest"]["properties"]["msg"]["type"] = "text"
    assert list(OpenAPIV31SpecValidator(broken).iter_errors())


def test_the_committed_file_is_what_the_spec_generates() -> None:
    # the package's one version (pyproject.toml reads it from there)
    version = re.search(r'^__version__\s*=\s*"([^"]+)"', (ROOT / "generated" / "hoiio" / "__init__.py").read_text(encoding="utf-8"), re.M)
    assert version is not None
    assert document(SPEC, version.group(1)) == DOC
    assert DOC["info"]["version"] == version.group(1)


def test_it_is_shipped_in_the_package() -> None:
    shipped = resources.files("hoiio._generated").joinpath("openapi.json").read_text(encoding="utf-8")
    assert json.loads(shipped) == DOC
    data = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = data.split("[tool.setuptools.package-data]", 1)[1].split("\n[", 1)[0]
    patterns = re.findall(r'"([^"]+)"', block)
    assert any(fnmatch.fnmatch("_generated/openapi.json", p) for p in patterns), patterns


def test_every_endpoint_is_a_form_post_with_its_parameters_and_their_limits() -> None:
    endpoints = [ep for g in SPEC.groups for ep in g.endpoints]
    assert sorted(DOC["paths"]) == sorted(f"/{ep.path}" for ep in endpoints)
    for ep in endpoints:
        item = DOC["paths"]["/" + ep.path]
        assert list(item) == ["post"], ep.path
        op = item["post"]
        request = DOC["components"]["schemas"][schema_name(op)]
        props = request["properties"]
        assert list(props) == ["app_id", "access_token"] + [p.wire for p in ep.params], ep.path
        assert request["required"] == ["app_id", "access_token"] + [p.wire for p in ep.params if p.required], ep.path
        for p in ep.params:
            prop = props[p.wire]
            if p.max_length is not None and p.type in ("str", "url"):
                assert prop["maxLength"] == p.max_length, (ep.path, p.wire)
            if p.minimum is not None:
                assert prop["minimum"] == p.minimum, (ep.path, p.wire)
            if p.values:
                assert prop["enum"] == p.values, (ep.path, p.wire)
            if p.pattern:
                assert prop["pattern"] == p.pattern, (ep.path, p.wire)
            assert prop["description"].startswith(p.doc), (ep.path, p.wire)
        assert op["x-hoiio-charged"] is ep.charged


def test_phone_numbers_dates_and_urls_have_the_wire_patterns() -> None:
    props = DOC["components"]["schemas"]["SmsSendRequest"]["properties"]
    dest = re.compile(props["dest"]["pattern"])
    assert dest.search("+6591234567") and not dest.search("6591234567") and not dest.search("+0591234567")
    assert not dest.search("+65 9123 4567") and not dest.search("+65912345678901234")
    url = re.compile(props["notify_url"]["pattern"])
    assert url.search("https://example.com/hook?x=1") and not url.search("ftp://example.com/") and not url.search("https:///x")
    history = DOC["components"]["schemas"]["SmsGetHistoryRequest"]["properties"]
    when = re.compile(history["from"]["pattern"])
    assert when.search("2026-12-01 08:30:00")
    assert not when.search("2026-12-01T08:30:00") and not when.search("2026-13-01 08:30:00") and not when.search("2026-12-01")
    dests = re.compile(DOC["components"]["schemas"]["VoiceConferenceRequest"]["properties"]["dest"]["pattern"])
    assert dests.search(",".join(["+6591234567"] * 8)) and not dests.search(",".join(["+6591234567"] * 9))


def test_the_fax_upload_is_multipart_with_a_pdf_part_or_base64_in_a_form() -> None:
    content = operation("fax/send")["requestBody"]["content"]
    assert set(content) == {"multipart/form-data", "application/x-www-form-urlencoded"}
    assert content["multipart/form-data"]["encoding"] == {"file": {"contentType": "application/pdf"}}
    multipart = DOC["components"]["schemas"][schema_name(operation("fax/send"), "multipart/form-data")]
    assert multipart["properties"]["file"]["contentMediaType"] == "application/pdf"
    assert multipart["properties"]["file"]["format"] == "binary"
    base64 = DOC["components"]["schemas"][schema_name(operation("fax/send"))]
    assert base64["properties"]["file"]["contentEncoding"] == "base64"
    assert "file" in multipart["required"] and "file" in base64["required"]


def test_the_credentials_are_required_form_fields_and_explained() -> None:
    for item in DOC["paths"].values():
        for media in item["post"]["requestBody"]["content"].values():
            request = DOC["components"]["schemas"][media["schema"]["$ref"].rsplit("/", 1)[1]]
            assert request["required"][:2] == ["app_id", "access_token"]
            assert request["properties"]["access_token"]["writeOnly"] is True
    assert "securitySchemes" not in DOC["components"]
    assert "no security scheme" in DOC["info"]["description"]


def test_each_answer_lists_the_statuses_its_endpoint_may_answer() -> None:
    for group in SPEC.groups:
        for ep in group.endpoints:
            op = operation(ep.path)
            answer = DOC["components"]["schemas"][answer_name(op)]
            enum = answer["properties"]["status"]["enum"]
            assert enum == statuses(ep, SPEC) == op["x-hoiio-statuses"], ep.path
            assert "success_ok" in enum and "error_app_id_param_missing" in enum and "error_param_missing" not in enum
            assert set(ep.statuses) <= set(enum)
            for code in enum:
                assert f"| `{code}` |" in op["description"], (ep.path, code)
    assert "error_same_dest1_dest2" in operation("voice/call")["x-hoiio-statuses"]
    assert "error_dest2_param_missing" in operation("voice/call")["x-hoiio-statuses"]
    assert "error_dest1_param_missing" not in operation("voice/call")["x-hoiio-statuses"]  # dest1 is optional


def test_the_answer_schemas_are_the_generated_json_schemas() -> None:
    """One source: the OpenAPI answer schema is the package's JSON Schema with its $defs lifted."""
    for group in SPEC.groups:
        for ep in group.endpoints:
            standalone = json.loads((ROOT / "generated/hoiio/schemas" / f"{ep.path.replace('/', '__')}.json").read_text("utf-8"))
            lifted = DOC["components"]["schemas"][answer_name(operation(ep.path))]
            assert set(lifted["properties"]) == set(standalone["properties"]), ep.path
            for name, sub in standalone.get("$defs", {}).items():
                assert json.dumps(DOC["components"]["schemas"][name], sort_keys=True) == \
                    json.dumps(sub, sort_keys=True).replace("#/$defs/", "#/components/schemas/")  # fmt: skip
            assert "$defs" not in json.dumps(lifted)


def test_the_notifications_are_webhooks() -> None:
    notes = [n for n in SPEC.notifications if not n.abstract]
    assert sorted(DOC["webhooks"]) == sorted(n.key for n in notes)
    for note in notes:
        hook = DOC["webhooks"][note.key]["post"]
        ref = hook["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]["$ref"]
        body = DOC["components"]["schemas"][ref.rsplit("/", 1)[1]]
        assert set(body["properties"]) >= {f.name for f in note.fields}
        assert hook["parameters"][0]["name"] == "X-Hoiio-Signature"
    gather = DOC["components"]["schemas"]["GatherNotification"]
    assert gather["properties"]["ivr_block"]["const"] == "gather"
    for ep in (ep for g in SPEC.groups for ep in g.endpoints):
        assert operation(ep.path).get("x-hoiio-notifications", []) == ep.notifications


# ---- against the real SDK and the real sandbox ----


def _coerce(form: Dict[str, str], schema: Dict[str, Any]) -> Dict[str, Any]:
    """A form as OpenAPI's form serialization reads it: integer fields as numbers."""
    props = schema["properties"]
    return {k: int(v) if props.get(k, {}).get("type") == "integer" else v for k, v in form.items()}


def test_what_the_sdk_sends_and_the_sandbox_answers_fits_the_document(tmp_path: Path) -> None:
    seen: List[Tuple[str, Dict[str, str], Dict[str, Any]]] = []

    def hook(res: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        body = res.request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8")
        form = dict(parse_qsl(body or "", keep_blank_values=True)) if "urlencoded" in res.request.headers.get("Content-Type", "") else {}
        seen.append((urlsplit(res.url).path.split("/open/", 1)[1], form, res.json()))
        return res

    session = requests.Session()
    session.hooks["response"].append(hook)
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    with Sandbox(freeze=True) as sb, Receiver() as rx:
        client = sb.client(session=session, raise_on_error=False)  # error answers are checked too
        try:
            sent = client.sms.send("hello", "+6591234567", tag="t1", notify_url=rx.url("/sms"))
            client.sms.bulk_send("hi {{name}}", recipients=[{"dest": "+6591234567", "name": "Ann"}])
            client.sms.bulk_send("hi", "+6591234567", "+6591234568")
            client.sms.history(from_=datetime.datetime(2026, 1, 1, 8, 0), to="2026-12-31 23:59:59", page=1)
            client.sms.status(sent.txn_ref)
            client.sms.rate("hi", "+6591234567")
            client.voice.call("+6591234567", "+6591234568", max_duration=60)
            client.voice.conference("+6591234567", "+6591234568", room="r.1")
            dial = client.ivr.dial("+6591234567", msg="hello", notify_url=rx.url("/ivr"))
            client.ivr.gather(dial.session, msg="press", max_digits=2, notify_url=rx.url("/gather"))
            client.ivr.transfer(dial.session, "room:lobby")
            client.fax.send("+6561234567", pdf, fax_header="Hello 1")
            client.fax.history(type="outgoing")
            client.number.available_countries()
            client.number.rate("SG")
            client.account.balance()
            client.account.info()
        finally:
            client.close()
    assert len(seen) >= 17
    for path, form, answer in seen:
        op = operation(path)
        if form:  # the multipart upload is checked above; here the urlencoded forms
            request = schema_name(op)
            errors = [e.message for e in validator(request).iter_errors(_coerce(form, DOC["components"]["schemas"][request]))]
            assert not errors, (path, form, errors)
        # the IVR blocks after dial meet a call not answered yet (a frozen clock); the rest succeed
        assert answer["status"] == "success_ok" or path.startswith("ivr/middle/") or path.startswith("ivr/end/"), (path, answer)
        errors = [e.message for e in validator(answer_name(op)).iter_errors(answer)]
        assert not errors, (path, answer, errors)


def test_the_document_refuses_what_the_sandbox_refuses() -> None:
    """A few values the sandbox answers with an error fail the request schema too."""
    request = validator("SmsSendRequest")
    good = {"app_id": "a", "access_token": "t", "msg": "hi", "dest": "+6591234567"}
    assert request.is_valid(good)
    for bad in ({"dest": "6591234567"}, {"msg": ""}, {"tag": "x" * 257}, {"notify_url": "ftp://x/"}, {"sender_name": "ab"}):
        assert not request.is_valid({**good, **bad}), bad
    assert not request.is_valid({k: v for k, v in good.items() if k != "access_token"})
    rate = validator("SmsGetRateRequest")
    assert rate.is_valid({"app_id": "a", "access_token": "t", "dest": "+6591234567"})
    assert not rate.is_valid({"app_id": "a", "access_token": "t"})  # one of dest, incoming
    assert not rate.is_valid({"app_id": "a", "access_token": "t", "dest": "+6591234567", "incoming": "+6561234567"})
    hangup = validator("IvrEndHangupRequest")
    assert hangup.is_valid({"app_id": "a", "access_token": "t", "session": "S-1", "force": "enabled"})
    assert not hangup.is_valid({"app_id": "a", "access_token": "t", "session": "S-1", "force": "enabled", "msg": "bye"})
