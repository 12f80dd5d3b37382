"""The spec as an OpenAPI 3.1 document (generated/hoiio/_generated/openapi.json).

Every endpoint is a POST with a form body (multipart as well for fax/send); each parameter
carries its type, limits, pattern and enum from the spec; app_id and access_token are required
form fields (OpenAPI has no security scheme for credentials in a form body); the answer schemas
are emit.response_schema's, their $defs lifted into components; the statuses an endpoint may
answer are the enum of its ``status``; the notifications are webhooks.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Dict, List

from .emit import object_schema, response_schema
from .spec import TOKEN, Endpoint, Group, Notification, Param, Spec

AUTH_NOTE = (
    "Every request carries `app_id` and `access_token` as ordinary form fields, beside the "
    "endpoint's own parameters (no header, no signature). OpenAPI has no security scheme for "
    "credentials in a form body, so each request schema lists them as required properties."
)

DESCRIPTION = f"""\
The Hoiio Open API as the hoiio SDK's spec describes it (generated from spec/ by `make generate`).

- Requests: POST with an `application/x-www-form-urlencoded` body (`fax/send` also takes
  `multipart/form-data`, the PDF as a file part). Hoiio accepted GET with the same parameters in
  the query string too; only POST is described here.
- Authentication: {AUTH_NOTE}
- Answers: a JSON object whose `status` is `success_ok` or an error code; the HTTP status is 200
  either way, so read `status`. Numbers and money arrive as JSON strings (the schemas accept both).
  Each operation lists the statuses it may answer, with their meaning.
- Dates and times are `YYYY-MM-DD HH:MM:SS` in GMT+8, in requests, answers and notifications.
- Notifications: Hoiio POSTs form-encoded parameters to the `notify_url` of a request (or to the
  URL configured on a Hoiio Number); see `webhooks`. Verify them with the `X-Hoiio-Signature`
  header: hex HMAC-SHA256 of the raw body, keyed with your access token.
"""


def tokens(spec: Spec, p: Param) -> Dict[str, Any]:
    """What each ``<name>`` of a kind's schema stands for, for parameter ``p`` (None: leave the key out)."""
    room = spec.api["parameters"]["room"]
    out: Dict[str, Any] = {name: row["pattern"] for name, row in spec.api["wire_patterns"].items()}
    out.update(
        room=f"{room['pattern'].strip('^$').rstrip('+')}{{0,{room['max_length']}}}",
        caller_id_private="|".join(re.escape(v) for v in spec.api["wire_values"]["caller_id_private"]["values"]),
        flag_set=spec.api["wire_values"]["flag"]["set"],
        max_items=p.max_items,
        more_items=f"{{0,{p.max_items - 1}}}" if p.max_items else "*",
    )
    return out


def fill(node: Any, values: Dict[str, Any]) -> Any:
    """A copy of the JSON Schema ``node`` with each ``<name>`` replaced by ``values[name]``; a
    string that is one ``<name>`` alone takes its value as it is, and a key whose value is None is
    left out."""
    if isinstance(node, dict):
        filled = {key: fill(value, values) for key, value in node.items()}
        return {key: value for key, value in filled.items() if value is not None}
    if isinstance(node, list):
        return [fill(value, values) for value in node]
    if isinstance(node, str):
        whole = TOKEN.fullmatch(node)
        if whole and whole.group(1) in values:
            return values[whole.group(1)]
        return TOKEN.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), node)
    return node


def param_schema(p: Param, spec: Spec) -> Dict[str, Any]:
    """The JSON Schema of one form parameter's value on the wire: its kind's ``schema`` (the kinds
    table) with the ``<name>`` strings filled in, and the parameter's own limits."""
    out: Dict[str, Any] = fill(p.kind["schema"], tokens(spec, p))
    note = out.pop("description", None)
    for key, target in (("pattern", "pattern"), ("minimum", "minimum"), ("maximum", "maximum"), ("min_length", "minLength"), ("max_length", "maxLength")):
        if getattr(p, key) is not None and (key != "min_length" or p.min_length):
            out[target] = getattr(p, key)
    if p.values:
        out["enum"] = list(p.values)
    doc = p.doc + (f" {note}" if note else "")
    if p.pattern_doc and p.pattern_doc not in doc:
        doc += f" ({p.pattern_doc})"
    if p.max_bytes:
        doc += f" At most {p.max_bytes} bytes."
    codes = p.codes()
    if codes:
        doc += " A bad value answers " + ", ".join(f"`{c}`" for c in dict.fromkeys(codes)) + "."
    out["description"] = doc
    return out


def auth_properties() -> Dict[str, Any]:
    return {
        "app_id": {
            "type": "string",
            "minLength": 1,
            "description": "Your application's ID (Developer Portal). Missing: `error_app_id_param_missing`; unknown: `error_invalid_app_id`.",
        },
        "access_token": {
            "type": "string",
            "minLength": 1,
            "format": "password",
            "writeOnly": True,
            "description": "Your application's secret access token; keep it out of URLs and logs. Missing: "
            "`error_access_token_param_missing`; wrong: `error_invalid_access_token`.",
        },
    }


def request_schema(spec: Spec, ep: Endpoint, *, base64_file: bool = False) -> Dict[str, Any]:
    props = auth_properties()
    for p in ep.params:
        schema = param_schema(p, spec)
        if p.kind.get("file") and base64_file:
            schema = {
                "type": "string",
                "contentEncoding": "base64",
                "contentMediaType": "application/pdf",
                "description": schema["description"] + " Here base64-encoded.",
            }
        props[p.wire] = schema
    required = ["app_id", "access_token"] + [p.wire for p in ep.params if p.required]
    # Open to other fields: the sandbox ignores them, and the SDK's extra_params sends what the spec does not know.
    out: Dict[str, Any] = {"type": "object", "properties": props, "required": required}
    rules: List[Dict[str, Any]] = []
    for group in ep.one_of:
        names = group["params"]
        if group.get("required"):
            rules.append({"oneOf": [{"required": [n]} for n in names]})
        else:
            rules.append({"not": {"required": names}})
    for group in ep.exclusive:
        rules.append({"not": {"required": group["params"]}})
    if len(rules) == 1:
        out.update(rules[0])
    elif rules:
        out["allOf"] = rules
    return out


def statuses(ep: Endpoint, spec: Spec) -> List[str]:
    """Every status the endpoint may answer: the generic ones (error_param_missing spelled out
    for each required parameter) and the endpoint's own."""
    missing = ["app_id", "access_token"] + [p.wire for p in ep.params if p.required]
    missing += [g["params"][0] for g in ep.one_of if g.get("required") and not g.get("none")]
    codes: List[str] = []
    for code in spec.api["generic_statuses"]:
        if code == "error_param_missing":
            codes += [f"error_{name}_param_missing" for name in missing]
        else:
            codes.append(code)
    return list(dict.fromkeys(codes + ep.statuses))


def status_doc(code: str, spec: Spec) -> str:
    known = spec.status_codes.get(code)
    if known:
        return str(known["doc"])
    match = re.fullmatch(r"error_([a-z0-9_]+)_param_missing", code)
    return f"The required parameter {match.group(1)} is missing." if match else ""


def _lift_defs(schema: Dict[str, Any], components: Dict[str, Any]) -> Dict[str, Any]:
    """A standalone JSON Schema document as an OpenAPI component: its $defs moved into
    components (model names are unique across the spec) and its refs pointed there."""
    body = copy.deepcopy(schema)
    for key in ("$schema", "$id", "$comment"):
        body.pop(key, None)
    defs = body.pop("$defs", {})
    for name, sub in defs.items():
        components.setdefault(name, _retarget(sub))
    return _retarget(body)


def _retarget(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: (v.replace("#/$defs/", "#/components/schemas/") if k == "$ref" and isinstance(v, str) else _retarget(v))
                for k, v in node.items()}  # fmt: skip
    if isinstance(node, list):
        return [_retarget(v) for v in node]
    return node


def operation(ep: Endpoint, group: Group, spec: Spec, components: Dict[str, Any], name: str) -> Dict[str, Any]:
    """The POST operation of one endpoint; its answer schema goes into components as ``name``."""
    answer = _lift_defs(response_schema(ep, group, spec), components)
    codes = statuses(ep, spec)
    status = answer["properties"]["status"]
    if "enum" not in status and "const" not in status:
        status["enum"] = codes
    status["description"] = "success_ok, or one of the error codes listed for this operation."
    components[name] = answer
    request_name = _request_name(ep)
    components[request_name] = request_schema(spec, ep)
    content: Dict[str, Any] = {}
    if ep.multipart:
        files = [p.wire for p in ep.params if p.kind.get("file")]
        content["multipart/form-data"] = {
            "schema": {"$ref": f"#/components/schemas/{request_name}"},
            "encoding": {f: {"contentType": "application/pdf"} for f in files},
        }
        components[request_name + "Base64"] = request_schema(spec, ep, base64_file=True)
        content["application/x-www-form-urlencoded"] = {"schema": {"$ref": f"#/components/schemas/{request_name}Base64"}}
    else:
        content["application/x-www-form-urlencoded"] = {"schema": {"$ref": f"#/components/schemas/{request_name}"}}
    lines = [ep.summary, ""]
    if ep.charged:
        lines.append("**Costs money.** Sent again, it may be charged again: never resend it on your own once it may have reached Hoiio.")
    if ep.paginated:
        pages = ep.paginated
        lines.append(f"Paginated: `{pages['page_param']}` counts from 1, {pages['page_size']} `{pages['items']}` a page, "
                     f"`{pages['total']}` in all.")  # fmt: skip
    if ep.different:
        lines.append(f"{' and '.join(f'`{w}`' for w in ep.different)} must differ (`{ep.different_status}`).")
    if ep.ordered:
        first, second = ep.ordered
        lines.append(f"`{second}` must not be before `{first}` (`{ep.ordered_status}`).")
    for g in ep.one_of:
        how = "exactly one" if g.get("required") else "at most one"
        lines.append(f"Give {how} of {', '.join(f'`{n}`' for n in g['params'])}.")
    for g in ep.exclusive:
        lines.append(f"Give at most one of {', '.join(f'`{n}`' for n in g['params'])}.")
    if ep.notifications:
        lines.append("Notifications: " + ", ".join(f"`{n}` (see webhooks)" for n in ep.notifications) + ".")
    lines += ["", "| status | meaning |", "| --- | --- |"]
    lines += [f"| `{c}` | {status_doc(c, spec)} |" for c in codes]
    op: Dict[str, Any] = {
        "operationId": ep.path.replace("/", "_"),
        "tags": [group.name],
        "summary": ep.summary,
        "description": "\n".join(lines).replace("\n\n\n", "\n\n"),
        "requestBody": {"required": True, "content": content},
        "responses": {
            "200": {
                "description": "The answer, success or error alike: read `status`.",
                "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
            },
            "default": {"description": "An error of the HTTP front (such as a 502 from its proxy), not an API answer: no JSON body."},
        },
        "x-hoiio-kind": ep.kind,
        "x-hoiio-charged": ep.charged,
        "x-hoiio-statuses": codes,
    }
    if ep.notifications:
        op["x-hoiio-notifications"] = list(ep.notifications)
    if ep.paginated:
        op["x-hoiio-paginated"] = dict(sorted(ep.paginated.items()))
    return op


def _request_name(ep: Endpoint) -> str:
    return "".join(part.capitalize() for part in re.split(r"[/_]", ep.path)) + "Request"


def webhook(note: Notification, components: Dict[str, Any]) -> Dict[str, Any]:
    schema = object_schema(note.fields, {}, {}, note.doc)
    schema = _retarget(schema)
    if note.ivr_block:
        schema["properties"]["ivr_block"] = {**schema["properties"]["ivr_block"], "const": note.ivr_block}
    components[note.class_name] = schema
    ref = {"$ref": f"#/components/schemas/{note.class_name}"}
    return {
        "post": {
            "operationId": f"notification_{note.key}",
            "summary": note.doc,
            "description": note.doc + "\n\nThe parameters arrive form-encoded in the body (Hoiio's pages say in the query "
            "string of the POST; accept both). Every value is a string. Answer with HTTP 200; the body is ignored.",
            "parameters": [
                {
                    "name": "X-Hoiio-Signature",
                    "in": "header",
                    "required": False,
                    "description": "hex(HMAC-SHA256(key=access_token, message=raw body)).",
                    "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                }
            ],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": ref}}},
            "responses": {"200": {"description": "Received (any 2xx; the body is ignored)."}},
        }
    }


def document(spec: Spec, version: str) -> Dict[str, Any]:
    """The OpenAPI 3.1 document of the whole spec."""
    components: Dict[str, Any] = {}
    paths: Dict[str, Any] = {}
    shared = [ep.response.name for g in spec.groups for ep in g.endpoints]
    for group in spec.groups:
        for ep in group.endpoints:
            # an answer model several endpoints share gets one component per endpoint (statuses differ)
            name = ep.response.name if shared.count(ep.response.name) == 1 else _request_name(ep)[: -len("Request")] + "Response"
            paths[f"/{ep.path}"] = {"post": operation(ep, group, spec, components, name)}
    webhooks = {n.key: webhook(n, components) for n in spec.notifications if not n.abstract}
    return {
        "x-generated": "Generated from spec/ by `make generate`; do not edit.",
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": spec.api.get("title", "Hoiio Open API"),
            "version": version,
            "summary": "SMS, voice call-back and conference, fax, IVR call flows, Hoiio Numbers and account queries.",
            "description": DESCRIPTION,
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [
            {"url": spec.api["base_url"], "description": "Hoiio (the service has closed)."},
            {
                "url": "http://127.0.0.1:{port}/open/",
                "description": "The hoiio sandbox (`hoiio sandbox` prints its port and credentials).",
                "variables": {"port": {"default": "8765"}},
            },
        ],
        "tags": [{"name": g.name, "description": g.summary} for g in spec.groups],
        "paths": paths,
        "webhooks": webhooks,
        "components": {"schemas": dict(sorted(components.items()))},
    }
