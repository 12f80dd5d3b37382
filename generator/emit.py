"""Render the resolved spec into the hoiio package, its JSON Schemas and the API reference.

Output is formatted with black and written only where it changed, so that a regeneration
without a spec change touches nothing. Generated files that the spec no longer produces are
removed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import black
import jinja2

from .spec import PARAM_STATUS_KEYS, Endpoint, Field, Group, Method, Model, Param, Spec

MARKER = "Generated from {source} by `make generate`; do not edit."
PACKAGE = Path("generated/hoiio")
#: The layout rule (docs/architecture.md): inside the package, a file is generated if and only
#: if it lies in one of these folders; everything else there is written by hand.
GENERATED_DIRS = ("_generated", "models", "schemas", "service")
DOCS = Path("docs/api.md")
#: The docs site's API reference: an index, one page per service, the notifications.
REFERENCE = Path("docs/reference")
OPENAPI = PACKAGE / "_generated" / "openapi.json"
TEMPLATES = Path(__file__).parent / "templates"

FIELD_TYPES = {
    "str": ("str", "to_str", "str"),
    "int": ("int", "to_int", "int"),
    "float": ("float", "to_float", "float"),
    "bool": ("bool", "to_bool", "bool"),
    "enabled": ("bool", "enabled", "bool (enabled/disabled)"),
    "datetime": ("datetime.datetime", "parse_datetime", "datetime (GMT+8)"),
    "date": ("datetime.date", "parse_date", "date"),
    "str_list": ("List[str]", "str_list", "list of str"),
    "prefix": ("str", "prefix", "str"),
}

#: The per-call options every generated method takes, keyword-only, after the API's parameters.
CALL_OPTIONS = (
    ("app_id", "Optional[str] = None"),
    ("access_token", "Optional[str] = None"),
    ("extra_params", "Optional[Mapping[str, Any]] = None"),
    ("request_timeout", "Optional[Timeout] = None"),
    ("max_retries", "Optional[int] = None"),
)


def param_annotation(p: Param) -> str:
    """The parameter's annotation: its kind's ``python`` (the kinds table), a Literal of its values."""
    if p.values:
        literal = "Literal[" + ", ".join(json.dumps(v) for v in p.values or []) + "]"
        return f"Union[{literal}, int]" if any(v.isdigit() for v in p.values or []) else literal
    if p.variadic:
        return "Union[str, Sequence[str]]"
    return str(p.kind["python"])


def limits(p: Param) -> str:
    """The constraints of a parameter in words."""
    out: List[str] = [p.kind["words"]] if p.kind.get("words") else []
    if p.values:
        out.append("one of " + ", ".join(p.values))
    if p.min_length and p.max_length:
        out.append(f"{p.min_length} to {p.max_length} characters")
    elif p.max_length:
        out.append(f"at most {p.max_length} characters")
    elif p.min_length == 1:
        out.append("not empty")
    if p.max_items:
        out.append(f"at most {p.max_items} items")
    if p.max_parts:
        out.append(f"at most {p.max_parts} SMS parts")
    if p.max_bytes:
        out.append(f"at most {p.max_bytes // (1024 * 1024)} MB")
    if p.minimum is not None and p.maximum is not None:
        out.append(f"{p.minimum} to {p.maximum}")
    elif p.minimum is not None:
        out.append(f"at least {p.minimum}")
    if p.pattern_doc:
        out.append(p.pattern_doc)
    return "; ".join(out)


def signature(method: Method, skip: Iterable[str] = (), extra: Iterable[str] = ()) -> List[Dict[str, Any]]:
    """The method's parameters as the template writes them, in order, with '*' where keyword-only
    begins, then ``extra`` (more keyword-only parameters) and the per-call options: the one
    source of every generated method's signature (sync and async). ``skip`` leaves out the
    parameters of these wire names (the page of an ``_iter`` method)."""
    items = [item for item in _api_signature(method) if item["param"] is None or item["param"].wire not in set(skip)]
    if not any(item["text"] == "*" or item["text"].startswith("*") for item in items):
        items.append({"text": "*", "param": None})
    items += [{"text": text, "param": None} for text in extra]
    items += [{"text": f"{name}: {ann}", "param": None} for name, ann in CALL_OPTIONS]
    return items


def call_options() -> str:
    """The dict of per-call options a generated method passes on (the names of CALL_OPTIONS)."""
    return "{" + ", ".join(f"{name!r}: {name}" for name, _ in CALL_OPTIONS) + "}"


def facade_signature(method: Method) -> List[str]:
    """How the Hoiio facade's method is typed: the positional parameters, then ``**optional``
    (Python or wire names, as the original SDK took them)."""
    out = [item["text"] for item in _api_signature(method) if item["text"] != "*" and item["param"] is not None and item["param"].wire in method.positional]
    return out + ["**optional: Any"]


def star_variadic(name: str, method: Method) -> str:
    """A parameter's Python name as an argument: ``*dests`` for the variadic one."""
    return "*" + name if any(p.variadic and p.python == name for p in method.params) else name


def facade_positional(method: Method) -> List[str]:
    """The Python names of the facade method's positional parameters (those of
    ``facade_signature``), in order, the variadic one among them."""
    return [item["param"].python for item in _api_signature(method) if item["text"] != "*" and item["param"] is not None and item["param"].wire in method.positional]


def doc_signature(method: Method) -> str:
    """The API part of the signature as the reference shows it: ``msg, dest, *, sender_name=None, ...``."""
    parts = []
    for item in _api_signature(method):
        name = item["text"].split(":")[0]
        parts.append(name + ("=None" if "= None" in item["text"] else ""))
    return ", ".join(parts)


def _api_signature(method: Method) -> List[Dict[str, Any]]:
    aliased = set(method.param_aliases.values())  # may come by another keyword, so not required here
    required = ({p.wire for p in method.params if p.required} | set(method.require)) - aliased
    positional = [p for p in method.params if p.wire in method.positional]
    out: List[Dict[str, Any]] = []
    for i, p in enumerate(positional):
        if p.variadic:
            out.append({"text": f"*{p.python}: str", "param": p})
            continue
        later_required = any(q.wire in required for q in positional[i + 1 :] if not q.variadic)
        ann = param_annotation(p)
        if p.wire in required:
            out.append({"text": f"{p.python}: {ann}", "param": p})
        elif later_required:
            out.append({"text": f"{p.python}: Optional[{ann}]", "param": p})
        else:
            out.append({"text": f"{p.python}: Optional[{ann}] = None", "param": p})
    keyword = [p for p in method.params if p.wire not in method.positional]
    if (keyword or method.param_aliases) and not any(p.variadic for p in positional):
        out.append({"text": "*", "param": None})
    for p in keyword:
        out.append({"text": f"{p.python}: Optional[{param_annotation(p)}] = None", "param": p})
    by_wire = {p.wire: p for p in method.params}
    for alias, wire in method.param_aliases.items():
        out.append({"text": f"{alias}: Optional[{param_annotation(by_wire[wire])}] = None", "param": None, "alias_of": by_wire[wire]})
    return out


def reference_signature(method: Method) -> List[str]:
    """The lines of a method's signature as the reference shows it (types included)."""
    return [item["text"] for item in signature(method)]


def mdcell(text: Any) -> str:
    """Text that stays in one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")
def python_names(ep: Endpoint, wires: Iterable[str]) -> List[str]:
    """The Python names of the endpoint's params with these wire names (``dest`` -> ``dests``)."""
    by_wire = {p.wire: p.python for p in ep.params}
    return [by_wire.get(w, w) for w in wires]


def call_names(method: Method) -> List[str]:
    """The variables a generated method passes on, in Method order: its params, then its aliases."""
    return [p.python for p in method.params] + list(method.param_aliases)


def alias_args(method: Method) -> str:
    """The ``aliases=`` argument of the runtime Method, or nothing."""
    if not method.param_aliases:
        return ""
    return f", aliases={tuple(method.param_aliases.items())!r}"


def model_fields(model: Model, status: bool) -> List[Dict[str, Any]]:
    """Each field with its annotations: ``annotation`` as the model (a success answer) has it,
    without Optional where the spec says the field is always there; ``unchecked`` as an answer
    not yet known to be a success has it (Optional but for lists, which read as [] when absent)."""
    fields = ([Field("status", "status", "str", "success_ok, or the error code.")] if status else []) + model.fields
    out = []
    for f in fields:
        if f.type == "list":
            base, coerce, doc_type = f"List[{f.entry}]", f"C.entries({f.entry})", f"list of {f.entry}"
        elif f.enum:
            base, coerce, doc_type = f.enum, f"C.enum_of({f.enum})", f.enum
        else:
            base, name, doc_type = FIELD_TYPES[f.type]
            coerce = f"C.{name}"
        is_list = f.type in ("list", "str_list")
        unchecked = base if is_list else f"Optional[{base}]"
        ann = base if is_list or f.always else unchecked
        if f.csv:
            doc_type += ", comma-separated on the wire"
        if f.always:
            doc_type += ", always present"
        out.append({"field": f, "annotation": ann, "unchecked": unchecked, "coerce": coerce, "doc_type": doc_type})
    return out


def field_annotation(f: Field) -> str:
    """A field's annotation where nothing is known to be always there (notifications): its
    Enum or type, Optional but for lists (which read as [] when absent)."""
    return str(model_fields(Model("", "", [f], ""), False)[0]["unchecked"])


def enums_used(models: Iterable[Model]) -> List[str]:
    """The enum classes the fields of these models are coerced to."""
    return sorted({f.enum for m in models for f in m.fields if f.enum})


def _py_repr(value: Any) -> str:
    return repr(tuple(value)) if isinstance(value, list) else repr(value)


def endpoint_args(ep: Endpoint) -> List[Tuple[str, str]]:
    """Keyword arguments of the runtime Endpoint(...) for this endpoint, only where not default."""
    args = [("kind", repr(ep.kind)), ("charged", repr(ep.charged))]
    if ep.multipart:
        args.append(("multipart", "True"))
    if ep.stage:
        args.append(("stage", repr(ep.stage)))
    if ep.one_of:
        args.append(("one_of", "(" + "".join(_group(g) + ", " for g in ep.one_of) + ")"))
    if ep.exclusive:
        args.append(("exclusive", "(" + "".join(_group(g) + ", " for g in ep.exclusive) + ")"))
    if ep.different:
        args.append(("different", _py_repr(ep.different)))
    if ep.different_status:
        args.append(("different_status", repr(ep.different_status)))
    if ep.ordered:
        args.append(("ordered", _py_repr(ep.ordered)))
    if ep.ordered_status:
        args.append(("ordered_status", repr(ep.ordered_status)))
    if ep.paginated:
        args.append(("paginated", repr(dict(sorted(ep.paginated.items())))))
    if ep.statuses:
        args.append(("statuses", _py_repr(ep.statuses)))
    if ep.notifications:
        args.append(("notifications", _py_repr(ep.notifications)))
    return args


def _group(g: Dict[str, Any]) -> str:
    extra = "".join(f", {k}={g[k]!r}" for k in ("required", "both", "none") if g.get(k))
    return f"Group({tuple(g['params'])!r}{extra})"


def param_args(p: Param) -> str:
    args = [repr(p.wire), repr(p.python), repr(p.type)]
    for key in ("required", "variadic", "min_length", "max_length", "max_items", "max_bytes", "max_parts", "minimum",
                "maximum", "values", "pattern", "pattern_doc", "send_also_as", *PARAM_STATUS_KEYS):  # fmt: skip
        value = getattr(p, key)
        if value is not None and value is not False and value != []:
            args.append(f"{key}={_py_repr(value)}")
    return ", ".join(args)


def kind_class(name: str) -> str:
    """The class of a kind in hoiio._runtime.kinds: its name in CamelCase (phone_list: PhoneList)."""
    return "".join(part.capitalize() for part in name.split("_"))


def kind_traits(row: Dict[str, Any]) -> str:
    """The keyword arguments that give a kind's class the kind's traits from the table."""
    return ", ".join(f"{trait}=True" for trait in ("masked", "file", "ordered") if row.get(trait))


def names_tuple(names: List[str]) -> str:
    """A tuple expression of the given variable names."""
    if len(names) == 1:
        return f"({names[0]},)"
    return "(" + ", ".join(names) + ")"


def method_const(ep: Endpoint, method: Method) -> str:
    return "_" + method.name.upper()


class Emitter:
    def __init__(self, spec: Spec, root: Path) -> None:
        self.spec = spec
        self.root = root
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(TEMPLATES)),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(
            signature=signature, facade_signature=facade_signature, facade_positional=facade_positional, call_options=call_options, field_annotation=field_annotation, doc_signature=doc_signature, model_fields=model_fields, enums_used=enums_used, endpoint_args=endpoint_args, param_args=param_args,
            limits=limits, param_doc_type=lambda p: p.kind["doc"], method_const=method_const,
            call_names=call_names, alias_args=alias_args, python_names=python_names,
            marker=lambda source: MARKER.format(source=source), json=json,
            reference_signature=reference_signature, notification_senders=self.notification_senders, kind_traits=kind_traits,
        )  # fmt: skip
        self.env.filters.update(
            pytuple=lambda items: repr(tuple(items)),
            kind_class=kind_class,
            pyrepr=repr,
            names_tuple=names_tuple,
            star_variadic=star_variadic,
            mdcell=mdcell,
            replace_page=lambda name, page: "None" if name == page else name,
            unchecked=lambda name: "Unchecked" + name,
        )
        self.files: Dict[Path, str] = {}

    def python(self, rel: Path, template: str, **context: Any) -> None:
        text = self.env.get_template(template).render(**context)
        self.files[rel] = black.format_str(text, mode=black.Mode(line_length=110))

    def text(self, rel: Path, template: str, **context: Any) -> None:
        self.files[rel] = self.env.get_template(template).render(**context)

    def emit(self) -> Dict[Path, str]:
        spec = self.spec
        services: Dict[str, Tuple[str, str]] = {}
        for group in spec.groups:
            self.python(PACKAGE / "service" / f"{group.name}.py", "service.py.j2", group=group, spec=spec)
            self.python(PACKAGE / "models" / f"{group.name}.py", "models.py.j2", group=group, models=_ordered_models(group))
            for name in [group.name, *group.aliases]:
                services[name] = (f"hoiio.service.{group.name}", group.class_name)
            for ep in group.endpoints:
                self.files[PACKAGE / "schemas" / f"{ep.path.replace('/', '__')}.json"] = _schema_text(ep, group, spec)
        self.python(PACKAGE / "models" / "notifications.py", "notifications.py.j2", notes=spec.notifications)
        self.python(PACKAGE / "models" / "enums.py", "enums.py.j2", enums=spec.enums)
        self.python(PACKAGE / "_generated" / "api.py", "api.py.j2", spec=spec, services=services)
        self.python(PACKAGE / "_generated" / "commands.py", "commands.py.j2", spec=spec)
        self.python(PACKAGE / "_generated" / "facts.py", "facts.py.j2", spec=spec)
        self.python(PACKAGE / "_generated" / "kinds.py", "kinds.py.j2", spec=spec)
        self.python(PACKAGE / "_generated" / "services.py", "services.py.j2", spec=spec)
        for folder, template in (("service", "service_init.py.j2"), ("models", "models_init.py.j2"), ("_generated", "generated_init.py.j2")):
            self.python(PACKAGE / folder / "__init__.py", template)
        self.text(DOCS, "api.md.j2", spec=spec)
        self.reference()
        from . import openapi  # it builds on response_schema below

        document = openapi.document(spec, _version(self.root))
        self.files[OPENAPI] = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        return self.files

    def reference(self) -> None:
        """The docs site's API reference (docs/reference/): an index, a page per service, the notifications."""
        spec = self.spec
        self.text(REFERENCE / "index.md", "reference_index.md.j2", spec=spec)
        for group in spec.groups:
            self.text(REFERENCE / f"{group.name}.md", "reference_service.md.j2", group=group, spec=spec)
        self.text(REFERENCE / "notifications.md", "reference_notifications.md.j2", spec=spec)

    def notification_senders(self, key: str) -> List[Tuple[str, str]]:
        """(group, method) of every method whose endpoint triggers this notification."""
        return [(g.name, m.name) for g in self.spec.groups for ep in g.endpoints if key in ep.notifications for m in ep.methods]


def _version(root: Path) -> str:
    """The package version: ``__version__`` of generated/hoiio/__init__.py, which pyproject.toml
    reads too (read as text: the generator never imports the package), else a version in
    pyproject.toml; "0" where there is none, as for a scratch spec."""
    for path, pattern in ((root / "generated" / "hoiio" / "__init__.py", r'^__version__\s*=\s*"([^"]+)"'),
                          (root / "pyproject.toml", r'^version\s*=\s*"([^"]+)"')):  # fmt: skip
        match = re.search(pattern, path.read_text(encoding="utf-8"), re.M) if path.exists() else None
        if match:
            return match.group(1)
    return "0"


def _ordered_models(group: Group) -> List[Model]:
    """Entry models before the models that list them, then the responses (each once)."""
    models = {m.name: m for m in group.models}
    done: List[Model] = []

    def visit(m: Model) -> None:
        if m in done:
            return
        for f in m.fields:
            if f.type == "list" and f.entry in models:
                visit(models[f.entry])
        done.append(m)

    for m in group.models:
        visit(m)
    seen = set()
    for ep in group.endpoints:
        if ep.response.name not in seen:
            seen.add(ep.response.name)
            done.append(ep.response)
    return done


# ---- JSON Schemas: what Hoiio can send and nothing else the evidence does not show. Numbers
# come as JSON strings in every documented example and as JSON numbers in some SDK tests, so
# both are accepted; fields the API may add later are allowed (additionalProperties). ----

_INT_STRING = r"^-?[0-9]+$"
_NUMERIC_STRING = r"^-?[0-9]+(\.[0-9]+)?$"
_DATETIME_STRING = r"^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?$"
_DATE_STRING = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?)?$"
_PREFIX_STRING = r"^\+?[0-9]{1,4}$"


def field_schema(f: Field, defs: Dict[str, Any], models: Dict[str, Model], enums: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """The JSON Schema of one response field (entry models go to ``defs``); ``enums`` (the
    spec's, ``spec.enums``) lists the values of an enum field."""
    t = f.type
    out: Dict[str, Any]
    if f.enum and enums is not None and f.enum in enums:
        out = {"type": "string", "enum": list(enums[f.enum]["values"])}
    elif t == "str":
        out = {"type": "string"}
    elif t == "prefix":
        out = {"type": "string", "pattern": _PREFIX_STRING}
    elif t == "int":
        out = {"type": ["integer", "string"], "pattern": _INT_STRING}
    elif t == "float":
        out = {"type": ["number", "string"], "pattern": _NUMERIC_STRING}
    elif t == "bool":
        out = {"enum": [True, False, "true", "false"]}
    elif t == "enabled":
        out = {"type": "string", "enum": ["enabled", "disabled"]}
    elif t == "datetime":
        out = {"type": "string", "pattern": _DATETIME_STRING}
    elif t == "date":
        out = {"type": "string", "pattern": _DATE_STRING}
    elif t == "str_list":  # a JSON array, or one comma-separated string (the older API)
        out = {"type": ["array", "string"], "items": {"type": "string"}}
    else:
        entry = models[f.entry or ""]
        if entry.name not in defs:
            defs[entry.name] = {}
            defs[entry.name] = object_schema(entry.fields, defs, models, entry.doc, enums, required=True)
        ref: Dict[str, Any] = {"$ref": f"#/$defs/{entry.name}"}
        out = {"type": "array", "items": {"anyOf": [ref, {"type": "string"}]} if entry.from_string else ref}
    out["description"] = f.doc
    return out


def required_fields(fields: Iterable[Field]) -> Tuple[List[str], List[Dict[str, Any]]]:
    """The always-present fields as JSON Schema: (names for ``required``, ``anyOf`` alternatives
    for the fields that may come under an alias, such as bulk_txn_ref or txn_ref)."""
    names: List[str] = []
    alternatives: List[Dict[str, Any]] = []
    for f in fields:
        if not f.always:
            continue
        if f.aliases:
            alternatives.append({"anyOf": [{"required": [name]} for name in [f.name, *f.aliases]]})
        else:
            names.append(f.name)
    return names, alternatives


def object_schema(
    fields: Iterable[Field], defs: Dict[str, Any], models: Dict[str, Model], doc: str,
    enums: Optional[Dict[str, Any]] = None, required: bool = False,
) -> Dict[str, Any]:  # fmt: skip
    """An object of these fields; with ``required``, its always-present fields are required."""
    fields = list(fields)
    props = {}
    for f in fields:
        props[f.name] = field_schema(f, defs, models, enums)
        for alias in f.aliases:
            props.setdefault(alias, {**props[f.name], "description": f"Also seen on the wire for {f.name}."})
    out: Dict[str, Any] = {"type": "object", "description": doc, "properties": props, "additionalProperties": True}
    if required:
        names, alternatives = required_fields(fields)
        if names:
            out["required"] = names
        if alternatives:
            out["allOf"] = alternatives
    return out


def endpoint_statuses(ep: Endpoint, spec: Spec) -> Tuple[List[str], str]:
    """The statuses an endpoint can answer: (success_ok, the generic and the endpoint's codes;
    a pattern for the ``error_<param>_param_missing`` codes of its parameters and credentials)."""
    codes = sorted(set(spec.api["generic_statuses"]) | set(ep.statuses) | {"success_ok"})
    names = sorted({"app_id", "access_token", *(p.wire for p in ep.params)})
    return codes, "^error_(" + "|".join(names) + ")_param_missing$"


def response_schema(ep: Endpoint, group: Group, spec: Spec) -> Dict[str, Any]:
    """The JSON Schema of an endpoint's answer: ``status`` one of the codes it can answer, the
    fields as the spec types them, and, when ``status`` is ``success_ok``, every field the spec
    marks ``always`` required. Reusable (the OpenAPI document embeds it)."""
    models = {m.name: m for m in group.models}
    defs: Dict[str, Any] = {}
    body = object_schema(ep.response.fields, defs, models, ep.summary, spec.enums)
    codes, missing = endpoint_statuses(ep, spec)
    body["properties"] = {
        "status": {
            "type": "string",
            "anyOf": [{"enum": codes}, {"pattern": missing}],
            "description": "success_ok, or the error code (one of the enum, or error_<parameter>_param_missing).",
        },
        **body["properties"],
    }
    schema: Dict[str, Any] = {
        "$comment": MARKER.format(source=group.source),
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://hoiio.invalid/schemas/{ep.path.replace('/', '__')}.json",
        "title": ep.response.name,
        **body,
        "required": ["status"],
    }
    names, alternatives = required_fields(ep.response.fields)
    if names or alternatives:
        success: Dict[str, Any] = {}
        if names:
            success["required"] = names
        if alternatives:
            success["allOf"] = alternatives
        schema["if"] = {"properties": {"status": {"const": "success_ok"}}, "required": ["status"]}
        schema["then"] = success
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def _schema_text(ep: Endpoint, group: Group, spec: Spec) -> str:
    return json.dumps(response_schema(ep, group, spec), indent=2, ensure_ascii=False) + "\n"


def layout_problems(root: Path, files: Dict[Path, str]) -> List[str]:
    """Where the tree breaks the layout rule: a generated file outside GENERATED_DIRS, a file in
    them that the spec does not produce, or a hand-written file that carries the marker."""
    problems: List[str] = []
    for rel in files:
        if rel.parts[: len(PACKAGE.parts)] == PACKAGE.parts and rel.relative_to(PACKAGE).parts[0] not in GENERATED_DIRS:
            problems.append(f"{rel}: generated outside the generated folders {', '.join(GENERATED_DIRS)}")
    for path in sorted((root / PACKAGE).rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        inside = rel.relative_to(PACKAGE).parts[0] in GENERATED_DIRS
        if inside and rel not in files:
            problems.append(f"{rel}: in a generated folder, but `make generate` does not write it (move it out, or generate it)")
        elif not inside and path.suffix in (".py", ".json") and _is_generated(path):
            problems.append(f"{rel}: carries the generated marker but lies outside the generated folders")
    return problems


def write(root: Path, files: Dict[Path, str], check: bool = False) -> List[Path]:
    """Write what changed (or, with check, only report it); remove stale generated files."""
    changed: List[Path] = []
    for rel, text in sorted(files.items()):
        path = root / rel
        old: Optional[str] = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            changed.append(rel)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    stale = [*sorted((root / PACKAGE).rglob("*")), *sorted((root / REFERENCE).glob("*.md"))]
    for path in stale:
        rel = path.relative_to(root)
        if path.is_file() and rel not in files and path.suffix in (".py", ".json", ".md") and _is_generated(path):
            changed.append(rel)
            if not check:
                path.unlink()
    return changed


def _is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as fh:
            head = fh.read(300)
    except (OSError, UnicodeDecodeError):
        return False
    return "by `make generate`; do not edit." in head
