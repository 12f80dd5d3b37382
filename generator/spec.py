"""Load the spec, check it against spec/schema.json and its own cross-references, resolve it.

Every problem is reported at once, each naming the file, the endpoint (or model) and the field.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import jsonschema
import yaml


class SpecError(Exception):
    """The spec is broken; the message lists every problem found."""

    def __init__(self, problems: List[str]) -> None:
        self.problems = problems
        super().__init__("the spec is broken:\n" + "\n".join(f"  - {p}" for p in problems))


#: The keys of a parameter that each name the status a kind of bad value causes: ``invalid``
#: (any bad value, and the others' fallback), ``too_many`` (more items than max_items),
#: ``too_big`` (a file over max_bytes), ``empty_status`` (a required value sent empty),
#: ``too_long`` (text over max_length), ``unresolvable`` (a URL whose host does not resolve;
#: answered only where the endpoint lists it).
PARAM_STATUS_KEYS = ("invalid", "too_many", "too_big", "empty_status", "too_long", "unresolvable")


@dataclass
class Param:
    wire: str
    python: str
    type: str
    doc: str
    required: bool = False
    variadic: bool = False
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    max_items: Optional[int] = None
    max_bytes: Optional[int] = None
    #: SMS text: at most this many parts, as sms_length in api.yaml counts them
    max_parts: Optional[int] = None
    minimum: Optional[int] = None
    maximum: Optional[int] = None
    values: Optional[List[str]] = None
    pattern: Optional[str] = None
    pattern_doc: Optional[str] = None
    send_also_as: List[str] = field(default_factory=list)
    invalid: Optional[str] = None
    too_many: Optional[str] = None
    too_big: Optional[str] = None
    empty_status: Optional[str] = None
    too_long: Optional[str] = None
    unresolvable: Optional[str] = None
    statuses: List[str] = field(default_factory=list)
    #: What "" means, where Hoiio documents an empty value (else an empty optional value is absent).
    empty: Optional[str] = None
    #: The row of spec/api.yaml's kinds table for ``type``: what the generator writes for the kind.
    kind: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def codes(self) -> List[str]:
        """Every status a bad value of this parameter causes wherever it is taken (not
        ``unresolvable``, which an endpoint answers only where it lists it)."""
        own = (self.invalid, self.too_many, self.too_big, self.empty_status, self.too_long)
        return [c for c in (*own, *self.statuses) if c]


@dataclass
class Field:
    name: str
    python: str
    type: str
    doc: str
    entry: Optional[str] = None
    enum: Optional[str] = None
    aliases: List[str] = field(default_factory=list)
    #: Present in every success answer (typed without Optional on Client, required by the schema).
    always: bool = False
    #: A str_list Hoiio wrote as one comma-separated string, not a JSON array.
    csv: bool = False


@dataclass
class Model:
    name: str
    doc: str
    fields: List[Field]
    source: str
    from_string: Optional[str] = None
    is_response: bool = False


@dataclass
class Method:
    name: str
    aliases: List[str]
    params: List[Param]  # in signature order: positional first
    positional: List[str]  # wire names
    require: List[str]
    summary: Optional[str] = None  # the method's own, where the endpoint serves several methods
    #: Extra keyword -> wire name of one of the method's params (the original SDK's names).
    param_aliases: Dict[str, str] = field(default_factory=dict)


@dataclass
class Endpoint:
    path: str
    summary: str
    kind: str
    charged: bool
    multipart: bool
    stage: Optional[str]
    paginated: Optional[Dict[str, Any]]
    params: List[Param]
    one_of: List[Dict[str, Any]]
    exclusive: List[Dict[str, Any]]
    different: List[str]
    different_status: Optional[str]
    ordered: List[str]
    ordered_status: Optional[str]
    response: Model
    statuses: List[str]
    notifications: List[str]
    methods: List[Method]
    source: str

    @property
    def action(self) -> str:
        return self.path.split("/", 1)[1].replace("/", "_")


@dataclass
class Group:
    name: str
    class_name: str
    aliases: List[str]
    summary: str
    models: List[Model]
    endpoints: List[Endpoint]
    source: str


@dataclass
class Notification:
    key: str
    class_name: str
    doc: str
    abstract: bool
    extends: Optional[str]
    ivr_block: Optional[str]
    detect: List[str]
    fields: List[Field]  # own and inherited, in order


@dataclass
class Spec:
    root: Path
    api: Dict[str, Any]
    groups: List[Group]
    notifications: List[Notification]
    status_codes: Dict[str, Dict[str, Any]]
    enums: Dict[str, Dict[str, Any]]
    #: spec/api.yaml's kinds table, in its order: kind -> its row
    kinds: Dict[str, Dict[str, Any]]

    def endpoint(self, path: str) -> Endpoint:
        for group in self.groups:
            for ep in group.endpoints:
                if ep.path == path:
                    return ep
        raise KeyError(path)


def _load_yaml(path: Path, problems: List[str]) -> Any:
    rel = f"spec/{path.name}"
    try:
        with path.open(encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except FileNotFoundError:
        problems.append(f"{rel}: file not found")
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:  # one line: where, and what is wrong there
            what = "; ".join(str(part) for part in (getattr(exc, "context", None), getattr(exc, "problem", None)) if part)
            problems.append(f"{rel}: not valid YAML at line {mark.line + 1}, column {mark.column + 1}: {what}")
        else:
            problems.append(f"{rel}: not valid YAML: {' '.join(str(exc).split())}")
    else:
        if doc is None:
            problems.append(f"{rel}: the file is empty")
        return doc
    return None


def _where(doc: Any, path: List[Any]) -> str:
    """Name the endpoint, model or notification a schema error sits in, then the field."""
    parts: List[str] = []
    node = doc
    i = 0
    while i < len(path):
        key = path[i]
        if key == "endpoints" and i + 1 < len(path) and isinstance(node, dict):
            eps = node.get("endpoints") or []
            idx = path[i + 1]
            ep = eps[idx] if isinstance(idx, int) and idx < len(eps) else {}
            parts.append(f"endpoint {ep.get('path', '#' + str(idx)) if isinstance(ep, dict) else idx}")
            node = ep
            i += 2
            continue
        if key in ("params",) and i + 1 < len(path) and isinstance(node, dict):
            items = node.get(key) or []
            idx = path[i + 1]
            item = items[idx] if isinstance(idx, int) and idx < len(items) else {}
            label = item.get("name") or item.get("use") if isinstance(item, dict) else None
            parts.append(f"param {label or '#' + str(idx)}")
            node = item
            i += 2
            continue
        if key in ("models", "notifications", "fields", "status_codes", "parameters", "enums"):
            if i + 1 < len(path):
                parts.append(f"{key[:-1] if key != 'status_codes' else 'status code'} {path[i + 1]}")
                node = node.get(key, {}).get(path[i + 1], {}) if isinstance(node, dict) else {}
                i += 2
                continue
        parts.append(str(key))
        node = node[key] if isinstance(node, (dict, list)) and _has(node, key) else None
        i += 1
    return ", ".join(parts) or "top level"


def _has(node: Any, key: Any) -> bool:
    if isinstance(node, dict):
        return key in node
    return isinstance(key, int) and 0 <= key < len(node)


def _schema_problems(validator: Any, doc: Any, defn: str, rel: str) -> Iterator[str]:
    schema = {"$ref": f"#/$defs/{defn}"}
    errors = validator.evolve(schema={**validator.schema, **schema}).iter_errors(doc)
    for err in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        yield f"{rel}: {_where(doc, list(err.absolute_path))}: {_explain(err)}"


def _explain(err: Any) -> str:
    if err.validator == "additionalProperties":
        extra = sorted(map(str, set(err.instance) - set(err.schema.get("properties", {}))))
        return f"unknown key {', '.join(map(repr, extra))}; allowed: {', '.join(sorted(err.schema.get('properties', {})))}"
    if err.validator == "enum":
        return f"{err.instance!r} is not one of: {', '.join(map(str, err.validator_value))}"
    return err.message


def load(root: Path) -> Spec:
    """Read spec/ under root, validate it, and return it resolved. Raise SpecError on any problem."""
    spec_dir = root / "spec"
    problems: List[str] = []
    schema = json.loads((spec_dir / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)

    api = _load_yaml(spec_dir / "api.yaml", problems)
    if isinstance(api, dict) and isinstance(api.get("kinds"), dict) and api["kinds"]:  # a param's type: a kind of the table
        schema["$defs"]["paramType"] = {"enum": [str(kind) for kind in api["kinds"]]}
        validator = jsonschema.Draft202012Validator(schema)
    if api is not None:
        problems.extend(_schema_problems(validator, api, "api", "spec/api.yaml"))
    notes_doc = _load_yaml(spec_dir / "notifications.yaml", problems)
    if notes_doc is not None:
        problems.extend(_schema_problems(validator, notes_doc, "notificationsFile", "spec/notifications.yaml"))
    group_docs: Dict[str, Any] = {}
    for name in (api or {}).get("groups", []) if isinstance(api, dict) else []:
        rel = f"spec/{name}.yaml"
        doc = _load_yaml(spec_dir / f"{name}.yaml", problems)
        if doc is None:
            continue
        problems.extend(_schema_problems(validator, doc, "group", rel))
        if isinstance(doc, dict) and doc.get("group") != name:
            problems.append(f"{rel}: group: is {doc.get('group')!r}, but the file is listed as {name!r} in spec/api.yaml")
        group_docs[name] = doc
    if problems:
        raise SpecError(problems)
    return _resolve(root, api, notes_doc, group_docs)


@dataclass
class _Shared:
    """What every stage of the resolution reads: spec/api.yaml's shared tables."""

    statuses: Dict[str, Dict[str, Any]]
    enums: Dict[str, Any]
    params: Dict[str, Any]
    fields: Dict[str, Any]
    #: spec/api.yaml's kinds table: kind -> its row
    kinds: Dict[str, Any]
    #: spec/api.yaml's sms_length.max_parts: the most a param's max_parts may say
    sms_max_parts: Optional[int] = None

    def status_known(self, code: str) -> bool:
        return code in self.statuses or bool(re.fullmatch(r"error_[a-z0-9_]+_param_missing", code))

    def status_problems(self, code: Optional[str], where: str) -> List[str]:
        if code and not self.status_known(code):
            return [f"{where}: unknown status code {code!r}; add it to status_codes in spec/api.yaml"]
        return []


def _resolve(root: Path, api: Dict[str, Any], notes_doc: Dict[str, Any], group_docs: Dict[str, Any]) -> Spec:
    """Resolve the schema-checked documents, stage by stage (each group: its models, then each
    endpoint's parameters, response, rules across parameters and methods; then the API-wide
    facts; then the notifications), and raise SpecError with every problem the stages found."""
    shared = _Shared(api["status_codes"], api["enums"], api["parameters"], api["fields"], api["kinds"], (api.get("sms_length") or {}).get("max_parts"))
    problems: List[str] = []
    for code in api["generic_statuses"]:
        problems += shared.status_problems(code, "spec/api.yaml: generic_statuses")
    raw_endpoints = {ep["path"]: ep for gdoc in group_docs.values() for ep in gdoc["endpoints"]}
    groups: List[Group] = []
    seen_classes: Dict[str, str] = {}
    for gname, gdoc in group_docs.items():
        group, found = _resolve_group(shared, gname, gdoc, raw_endpoints, seen_classes)
        groups.append(group)
        problems += found
    problems += _check_facts(api, groups, shared.status_known)
    notes, found = _resolve_notifications(shared, notes_doc["notifications"])
    problems += found
    problems += _check_notifications_named(groups, notes)
    if problems:
        raise SpecError(problems)
    return Spec(root, api, groups, notes, shared.statuses, shared.enums, shared.kinds)


def _resolve_field(shared: _Shared, name: str, raw: Dict[str, Any], where: str, models: Dict[str, Any]) -> Tuple[Field, List[str]]:
    """One response or notification field (``use:`` merged in); ``models``: the names an
    ``entry:`` may give."""
    problems: List[str] = []
    data = dict(raw)
    if "use" in data:
        base = shared.fields.get(data.pop("use"))
        if base is None:
            problems.append(f"{where}: field {name}: use: {raw['use']!r} is not a field of spec/api.yaml")
            base = {"type": "str", "doc": "?"}
        data = {**base, **data}
    for key in ("type", "doc"):
        if key not in data:
            problems.append(f"{where}: field {name}: '{key}' is missing")
    fld = Field(
        name=name,
        python=data.get("python", name),
        type=data.get("type", "str"),
        doc=data.get("doc", ""),
        entry=data.get("entry"),
        enum=data.get("enum"),
        aliases=list(data.get("aliases", [])),
        always=bool(data.get("always", False)),
        csv=bool(data.get("csv", False)),
    )
    if fld.csv and fld.type != "str_list":
        problems.append(f"{where}: field {name}: csv: only a str_list can be comma-separated")
    if fld.entry and fld.entry not in models:
        problems.append(f"{where}: field {name}: entry: no model {fld.entry!r} in this file")
    if fld.enum and fld.enum not in shared.enums:
        problems.append(f"{where}: field {name}: enum: no enum {fld.enum!r} in spec/api.yaml")
    return fld, problems


#: The param keys a kind must list in its ``takes`` for a param of the kind to have them.
KIND_KEYS = ("min_length", "max_length", "max_items", "max_bytes", "max_parts", "minimum", "maximum", "values", "pattern",
             "pattern_doc", "too_many", "too_big", "too_long", "unresolvable")  # fmt: skip


def _resolve_param(shared: _Shared, raw: Dict[str, Any], where: str) -> Tuple[Param, List[str]]:
    """One request parameter (``use:`` merged in), its status codes and pattern checked."""
    problems: List[str] = []
    data = copy.deepcopy(raw)
    if "use" in data:
        key = data.pop("use")
        base = shared.params.get(key)
        if base is None:
            problems.append(f"{where}: use: {key!r} is not a parameter of spec/api.yaml")
            base = {"name": key, "type": "str", "doc": "?"}
        data = {**base, **data}
    data.pop("positional", None)
    for code in [data.get(k) for k in PARAM_STATUS_KEYS] + list(data.get("statuses", [])):
        problems += shared.status_problems(code, f"{where}: param {data.get('name')}")
    if data.get("empty") and data.get("required"):
        problems.append(f"{where}: param {data.get('name')}: empty: only an optional parameter can mean something empty")
    if data.get("max_parts") is not None and data.get("type") == "str":
        if shared.sms_max_parts is None or data["max_parts"] > shared.sms_max_parts:
            problems.append(f"{where}: param {data.get('name')}: max_parts {data['max_parts']} is more than sms_length.max_parts "
                            f"({shared.sms_max_parts}) in spec/api.yaml")  # fmt: skip
    if data.get("pattern"):
        try:
            re.compile(data["pattern"])
        except re.error as exc:
            problems.append(f"{where}: param {data.get('name')}: pattern: {exc}")
    kind = shared.kinds.get(data.get("type"), {})  # (a type of no kind is a schema problem, found before this stage)
    for key in KIND_KEYS:
        if data.get(key) is not None and key not in kind.get("takes", []):
            takers = " or ".join(name for name, row in shared.kinds.items() if key in row.get("takes", []))
            whose = f"only a param of type {takers} has one" if takers else "no kind takes one"
            problems.append(f"{where}: param {data.get('name')}: {key}: {whose} (this one is {data.get('type')}); "
                            "see takes in spec/api.yaml's kinds")  # fmt: skip
    param = Param(wire=data["name"], python=data.pop("python", data["name"]), **{k: v for k, v in data.items() if k != "name"})
    param.kind = kind
    return param, problems


def _resolve_group(
    shared: _Shared, gname: str, gdoc: Dict[str, Any], raw_endpoints: Dict[str, Dict[str, Any]], seen_classes: Dict[str, str]
) -> Tuple[Group, List[str]]:
    """One group file: its models, then its endpoints, then the names it defines (``seen_classes``:
    class name -> the file that defined it first, filled in as the groups go)."""
    rel = f"spec/{gname}.yaml"
    raw_models = gdoc.get("models", {})
    models, problems = _resolve_models(shared, rel, raw_models)
    by_name = {m.name: m for m in models}
    endpoints: List[Endpoint] = []
    for raw_ep in gdoc["endpoints"]:
        ep_doc, found = _merge_like(raw_ep, raw_endpoints, f"{rel}: endpoint {raw_ep['path']}")
        problems += found
        if ep_doc is None:
            continue
        endpoint, found = _resolve_endpoint(shared, rel, ep_doc, by_name, raw_models)
        endpoints.append(endpoint)
        problems += found
    problems += _check_group_names(rel, models, endpoints, seen_classes)
    return Group(gname, gdoc["class"], list(gdoc.get("aliases", [])), gdoc["summary"], models, endpoints, rel), problems


def _resolve_models(shared: _Shared, rel: str, raw_models: Dict[str, Any]) -> Tuple[List[Model], List[str]]:
    """The models a group file defines (``models:``)."""
    problems: List[str] = []
    models: List[Model] = []
    for mname, mdoc in raw_models.items():
        where = f"{rel}: model {mname}"
        flds: List[Field] = []
        for n, f in mdoc["fields"].items():
            fld, found = _resolve_field(shared, n, f, where, raw_models)
            flds.append(fld)
            problems += found
        if mdoc.get("from_string") and mdoc["from_string"] not in mdoc["fields"]:
            problems.append(f"{where}: from_string: {mdoc['from_string']!r} is not one of its fields")
        models.append(Model(mname, mdoc["doc"], flds, rel, mdoc.get("from_string")))
    return models, problems


def _merge_like(raw_ep: Dict[str, Any], raw_endpoints: Dict[str, Dict[str, Any]], where: str) -> Tuple[Optional[Dict[str, Any]], List[str]]:
    """The endpoint's document with what ``like:`` copies from another endpoint merged in (None
    when that endpoint does not exist)."""
    ep_doc = dict(raw_ep)
    if "like" not in ep_doc:
        return ep_doc, []
    base = raw_endpoints.get(ep_doc["like"])
    if base is None:
        return None, [f"{where}: like: no endpoint {ep_doc['like']!r}"]
    merged = copy.deepcopy(base)
    resp = {**merged.get("response", {}), **ep_doc.pop("response", {})}
    merged.update({k: v for k, v in ep_doc.items() if k != "like"})
    merged["response"] = resp
    return merged, []


def _resolve_endpoint(
    shared: _Shared, rel: str, ep_doc: Dict[str, Any], by_name: Dict[str, Model], raw_models: Dict[str, Any]
) -> Tuple[Endpoint, List[str]]:
    """One endpoint: its parameters, its response, its rules across parameters, its methods."""
    where = f"{rel}: endpoint {ep_doc['path']}"
    params, problems = _resolve_params(shared, ep_doc["params"], where)
    response, found = _resolve_response(shared, ep_doc, rel, where, by_name, raw_models)
    problems += found
    problems += _check_rules(shared, ep_doc, where, params, response)
    methods, found = _resolve_methods(shared, ep_doc, params, where, clean=not problems)
    problems += found
    endpoint = Endpoint(
        path=ep_doc["path"],
        summary=ep_doc["summary"],
        kind=ep_doc["kind"],
        charged=bool(ep_doc.get("charged", False)),
        multipart=bool(ep_doc.get("multipart", False)),
        stage=ep_doc.get("stage"),
        paginated=ep_doc.get("paginated"),
        params=params,
        one_of=list(ep_doc.get("one_of", [])),
        exclusive=list(ep_doc.get("exclusive", [])),
        different=list(ep_doc.get("different", [])),
        different_status=ep_doc.get("different_status"),
        ordered=list(ep_doc.get("ordered", [])),
        ordered_status=ep_doc.get("ordered_status"),
        response=response,
        statuses=_all_statuses(ep_doc, params),
        notifications=list(ep_doc.get("notifications", [])),
        methods=methods,
        source=rel,
    )
    return endpoint, problems


def _resolve_params(shared: _Shared, raw_params: List[Dict[str, Any]], where: str) -> Tuple[List[Param], List[str]]:
    """The endpoint's parameters, in spec order; a wire name given twice is a problem."""
    problems: List[str] = []
    params: List[Param] = []
    for raw in raw_params:
        param, found = _resolve_param(shared, raw, where)
        params.append(param)
        problems += found
    wire_names = [p.wire for p in params]
    for dup in sorted({w for w in wire_names if wire_names.count(w) > 1}):
        problems.append(f"{where}: param {dup} is listed twice")
    return params, problems


def _resolve_response(
    shared: _Shared, ep_doc: Dict[str, Any], rel: str, where: str, by_name: Dict[str, Model], raw_models: Dict[str, Any]
) -> Tuple[Model, List[str]]:
    """The endpoint's response model: the fields of the model it ``extends``, then its own."""
    problems: List[str] = []
    resp = ep_doc["response"]
    resp_fields: List[Field] = []
    if resp.get("extends"):
        parent = by_name.get(resp["extends"])
        if parent is None:
            problems.append(f"{where}: response: extends: no model {resp['extends']!r} in this file")
        else:
            resp_fields.extend(copy.deepcopy(parent.fields))
    for n, f in (resp.get("fields") or {}).items():
        fld, found = _resolve_field(shared, n, f, f"{where}: response", raw_models)
        resp_fields.append(fld)
        problems += found
    return Model(resp["name"], ep_doc["summary"], resp_fields, rel, is_response=True), problems


#: Parameter types whose values order (what ``ordered:`` may compare).
def _check_rules(shared: _Shared, ep_doc: Dict[str, Any], where: str, params: List[Param], response: Model) -> List[str]:
    """The endpoint's rules across parameters (``paginated``, ``one_of``, ``exclusive``,
    ``different``, ``ordered``) name its parameters and known status codes."""
    wire_names = [p.wire for p in params]
    problems = _check_pagination(ep_doc, where, wire_names, response)
    for code in ep_doc.get("statuses", []):
        problems += shared.status_problems(code, f"{where}: statuses")
    problems += shared.status_problems(ep_doc.get("different_status"), f"{where}: different_status")
    for grp in ep_doc.get("one_of", []) + ep_doc.get("exclusive", []):
        for name in grp["params"]:
            if name not in wire_names:
                problems.append(f"{where}: one_of/exclusive names {name!r}, which is not a param")
        problems += shared.status_problems(grp.get("both"), f"{where}: one_of")
        problems += shared.status_problems(grp.get("none"), f"{where}: one_of")
    for name in ep_doc.get("different", []):
        if name not in wire_names:
            problems.append(f"{where}: different names {name!r}, which is not a param")
    problems += _check_ordered(shared, ep_doc, where, params)
    problems += shared.status_problems(ep_doc.get("ordered_status"), f"{where}: ordered_status")
    return problems


def _check_pagination(ep_doc: Dict[str, Any], where: str, wire_names: List[str], response: Model) -> List[str]:
    """``paginated`` names the page param, and the response's list of items and total."""
    pages = ep_doc.get("paginated")
    if not pages:
        return []
    problems: List[str] = []
    types = {f.name: f.type for f in response.fields}
    if pages["page_param"] not in wire_names:
        problems.append(f"{where}: paginated: page_param names {pages['page_param']!r}, which is not a param")
    if types.get(pages["items"]) != "list":
        problems.append(f"{where}: paginated: items names {pages['items']!r}, which is not a list field of the response")
    if pages["total"] not in types:
        problems.append(f"{where}: paginated: total names {pages['total']!r}, which is not a field of the response")
    return problems


def _check_ordered(shared: _Shared, ep_doc: Dict[str, Any], where: str, params: List[Param]) -> List[str]:
    """``ordered`` names two params of the endpoint, of one kind that orders (``ordered`` in the kinds table)."""
    ordered = ep_doc.get("ordered", [])
    types_of = {p.wire: p.type for p in params}
    problems = [f"{where}: ordered names {name!r}, which is not a param" for name in ordered if name not in types_of]
    kinds = {types_of[name] for name in ordered if name in types_of}
    orders = [name for name, row in shared.kinds.items() if row.get("ordered")]
    if len(kinds) > 1 or not kinds <= set(orders):
        problems.append(f"{where}: ordered: {' and '.join(ordered)} are of types {', '.join(sorted(kinds))}; "
                        f"expected params of one type that orders ({', '.join(orders)})")  # fmt: skip
    return problems


def _resolve_methods(shared: _Shared, ep_doc: Dict[str, Any], params: List[Param], where: str, clean: bool) -> Tuple[List[Method], List[str]]:
    """The methods the endpoint gives, each with its parameters in signature order. ``clean``:
    no problem found in the endpoint so far (else a ``param_aliases`` target that is not a
    param is a cascade, not reported)."""
    problems: List[str] = []
    wire_names = [p.wire for p in params]
    positional_flags = {param.wire for param, p in zip(params, ep_doc["params"]) if _positional(p, shared.params)}
    methods: List[Method] = []
    for m in ep_doc["methods"]:
        mwhere = f"{where}: method {m['name']}"
        positional = m.get("positional", [w for w in wire_names if w in positional_flags])
        for key in ("positional", "exclude", "require"):
            for name in m.get(key, []):
                if name not in wire_names:
                    problems.append(f"{mwhere}: {key} names {name!r}, which is not a param of the endpoint")
        shown = [p for p in params if p.wire not in m.get("exclude", [])]
        ordered = [p for w in positional for p in shown if p.wire == w]
        ordered += [p for p in shown if p.wire not in positional]
        param_aliases = dict(m.get("param_aliases", {}))
        pythons = {p.python for p in ordered}
        for alias, target in param_aliases.items():
            if target not in [p.wire for p in ordered] and clean and not problems:  # else a cascade
                problems.append(f"{mwhere}: param_aliases: {alias} names {target!r}, which is not a param of the method")
            if alias in pythons:
                problems.append(f"{mwhere}: param_aliases: {alias!r} is already a param of the method")
        methods.append(
            Method(
                m["name"], list(m.get("aliases", [])), ordered, positional, list(m.get("require", [])),
                summary=m.get("summary"), param_aliases=param_aliases,
            )  # fmt: skip
        )
    return methods, problems


def _check_group_names(rel: str, models: List[Model], endpoints: List[Endpoint], seen_classes: Dict[str, str]) -> List[str]:
    """A method name is used once in a group; a class name is defined once in the spec (the same
    model again with the same fields is the same class)."""
    problems: List[str] = []
    method_names = [n for ep in endpoints for m in ep.methods for n in [m.name, *m.aliases]]
    for dup in sorted({n for n in method_names if method_names.count(n) > 1}):
        problems.append(f"{rel}: method name {dup!r} is used twice")
    shapes: Dict[str, Any] = {}
    for mod in models + [ep.response for ep in endpoints]:
        shape = [(f.name, f.type, f.entry) for f in mod.fields]
        if mod.name in shapes and shapes[mod.name] != shape:
            problems.append(f"{rel}: class {mod.name!r} is defined twice with different fields")
        shapes[mod.name] = shape
    for cls in shapes:
        if cls in seen_classes:
            problems.append(f"{rel}: class name {cls!r} is also defined in {seen_classes[cls]}")
        seen_classes[cls] = rel
    return problems


def _check_notifications_named(groups: List[Group], notes: List[Notification]) -> List[str]:
    """Every notification an endpoint names is in spec/notifications.yaml."""
    known = {n.key for n in notes}
    return [
        f"{group.source}: endpoint {ep.path}: notifications: no notification {key!r} in spec/notifications.yaml"
        for group in groups
        for ep in group.endpoints
        for key in ep.notifications
        if key not in known
    ]


def _check_facts(api: Dict[str, Any], groups: List[Group], status_known: Any) -> List[str]:
    """The API-wide facts name real endpoints and codes, and every status code is attached to
    something: an endpoint, the generic or account lists, an omitted endpoint, or the unplaced."""
    where = "spec/api.yaml"
    problems: List[str] = []
    room = api["parameters"].get("room") or {}
    if not (room.get("pattern") and room.get("max_length")):
        problems.append(f"{where}: parameters: a shared 'room' parameter with pattern and max_length is required (the room id rule)")
    problems += _check_wire_values(api["wire_values"])
    problems += _check_kinds(api["kinds"], api["wire_patterns"])
    paths = {ep.path for g in groups for ep in g.endpoints}
    for key in ("rate_limits", "unlimited"):
        for path in api.get(key) or []:
            if path not in paths:
                problems.append(f"{where}: {key}: {path!r} is not an endpoint of the spec")
    for item in api.get("omitted") or []:
        if item["path"] in paths:
            problems.append(f"{where}: omitted: {item['path']!r} is an endpoint of the spec, so it is not omitted")
    lists = {"account_statuses": api.get("account_statuses") or [], "unplaced_statuses": api.get("unplaced_statuses") or []}
    for item in api.get("omitted") or []:
        lists[f"omitted {item['path']}"] = item.get("statuses") or []
    for name, codes in lists.items():
        for code in codes:
            if not status_known(code):
                problems.append(f"{where}: {name}: unknown status code {code!r}; add it to status_codes in spec/api.yaml")
    attached = set(api["generic_statuses"]).union(*lists.values())
    for g in groups:
        for ep in g.endpoints:
            attached.update(ep.statuses)
    for code in api["status_codes"]:
        if code not in attached:
            problems.append(
                f"{where}: status code {code}: attached to no endpoint; list it where it is answered, "
                "or in account_statuses or unplaced_statuses"
            )
    return problems


def _check_wire_values(words: Dict[str, Any]) -> List[str]:
    """The hidden caller ID's listed form is one of the words caller_id takes for it."""
    private = words["caller_id_private"]
    if private["listed_as"] not in private["values"]:
        return [f"spec/api.yaml: wire_values: caller_id_private: listed_as {private['listed_as']!r} is not one of its values"]
    return []


#: What a ``<name>`` string of a kind's schema may stand for besides a wire_patterns entry.
SCHEMA_TOKENS = ("room", "caller_id_private", "flag_set", "max_items", "more_items")
TOKEN = re.compile(r"<([a-z][a-z0-9_]*)>")


def schema_strings(node: Any) -> Iterator[str]:
    """Every string in a JSON Schema (keys excepted), depth first."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from schema_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_strings(value)


def _check_kinds(kinds: Dict[str, Any], patterns: Dict[str, Any]) -> List[str]:
    """Every wire pattern compiles, and every ``<name>`` in a kind's schema is one the generator fills in."""
    problems: List[str] = []
    for name, row in patterns.items():
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            problems.append(f"spec/api.yaml: wire_patterns: {name}: {exc}")
    known = set(patterns) | set(SCHEMA_TOKENS)
    for name, row in kinds.items():
        for text in schema_strings(row["schema"]):
            for token in TOKEN.findall(text):
                if token not in known:
                    problems.append(f"spec/api.yaml: kinds: {name}: schema: <{token}> is neither a wire_patterns entry "
                                    f"nor one of {', '.join(f'<{t}>' for t in SCHEMA_TOKENS)}")  # fmt: skip
    return problems


def _all_statuses(ep_doc: Dict[str, Any], params: List[Param]) -> List[str]:
    """The endpoint's statuses as listed, then those its parameters, groups, `different` and
    `ordered` declare (each once, in spec order): a code is written where its cause is."""
    codes = list(ep_doc.get("statuses", []))
    for p in params:
        codes += p.codes()
    for grp in ep_doc.get("one_of", []) + ep_doc.get("exclusive", []):
        codes += [grp[k] for k in ("both", "none") if grp.get(k)]
    if ep_doc.get("different_status"):
        codes.append(ep_doc["different_status"])
    if ep_doc.get("ordered_status"):
        codes.append(ep_doc["ordered_status"])
    return list(dict.fromkeys(codes))


def _positional(raw: Dict[str, Any], shared: Dict[str, Any]) -> bool:
    if "positional" in raw:
        return bool(raw["positional"])
    return bool(shared.get(raw.get("use", ""), {}).get("positional", False))


def _resolve_notifications(shared: _Shared, raw: Dict[str, Any]) -> Tuple[List[Notification], List[str]]:
    """The notifications of spec/notifications.yaml, each with its inherited fields first."""
    problems: List[str] = []
    out: List[Notification] = []
    by_key: Dict[str, Notification] = {}
    for key, doc in raw.items():
        where = f"spec/notifications.yaml: notification {key}"
        inherited: List[Field] = []
        if doc.get("extends"):
            parent = by_key.get(doc["extends"])
            if parent is None:
                problems.append(f"{where}: extends: no notification {doc['extends']!r} above it")
            else:
                inherited = copy.deepcopy(parent.fields)
        own: List[Field] = []
        for n, f in doc["fields"].items():
            fld, found = _resolve_field(shared, n, f, where, {})
            own.append(fld)
            problems += found
        redefined = {f.name: f for f in own if any(i.name == f.name for i in inherited)}  # a field may be redefined (its doc)
        inherited = [redefined.get(i.name, i) for i in inherited]
        own = [f for f in own if f.name not in redefined]
        note = Notification(
            key=key,
            class_name=doc["class"],
            doc=doc["doc"],
            abstract=bool(doc.get("abstract", False)),
            extends=doc.get("extends"),
            ivr_block=doc.get("ivr_block"),
            detect=list(doc.get("detect", [])),
            fields=inherited + own,
        )
        by_key[key] = note
        out.append(note)
    return out, problems
