"""Request checking, driven by the same Endpoint tables the SDK is generated with.

``endpoints()`` collects every Endpoint the generated service modules define; ``authenticate``
checks app_id and access_token; ``check`` checks one request's parameters against its Endpoint
(required ones, one-of and exclusive groups, each value by its kind and limits, different and
ordered pairs) and returns the values converted for the behaviour code, or raises ApiError with
the status the spec names for the problem.

An optional parameter sent empty is the parameter left out (clients such as the Go SDK send
every optional parameter, empty when unset), unless the spec says what its empty value means
(``empty``: fax_header, present but empty, prints no header); a required one sent empty is
missing (or the parameter's ``empty_status``).

Each status comes from the spec: the parameter's own for the problem (``invalid``, ``too_many``,
``too_big``, ``too_long``, ``empty_status``, ``unresolvable``), else its ``invalid``, else
error_malformed_params; the endpoint's ``different_status`` and ``ordered_status``, the groups'
``both`` and ``none``. Nothing is derived from a parameter's name but Hoiio's one naming rule,
error_<name>_param_missing.
"""

from __future__ import annotations

import hmac
import importlib
import json
import re
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import urlsplit

from .._generated.api import SERVICES, STATUS_CODES
from .._generated.facts import (
    CALLER_ID_PRIVATE,
    CALLER_ID_PRIVATE_LISTED,
    EMPTY_MEANS,
    FLAG_SET,
    FLAG_UNSET,
    ROOM_INVALID,
    ROOM_MAX_LENGTH,
    ROOM_PATTERN,
)
from .._runtime.params import Endpoint, Group, Param
from .context import ApiError, Ctx
from .store import Account, Store
from .values import decode_base64, is_phone, parse_wire_date

#: An uploaded file: (file name, content).
Upload = Tuple[str, bytes]

_ROOM = re.compile(ROOM_PATTERN)  # the spec's shared `room` parameter
_INT = re.compile(r"[0-9]{1,9}")
#: A flag's value: the spec's words, and the usual spellings of yes and no (the sandbox's leniency)
_FLAG_TRUE = (FLAG_SET, "true", "1", "yes")
_FLAG_FALSE = (FLAG_UNSET, "false", "0", "no")

_ENDPOINTS: Dict[str, Endpoint] = {}


def endpoints() -> Dict[str, Endpoint]:
    """Path -> Endpoint, for every endpoint of the spec."""
    if not _ENDPOINTS:
        for module_name in sorted({module for module, _ in SERVICES.values()}):
            module = importlib.import_module(module_name)
            for obj in vars(module).values():
                if isinstance(obj, Endpoint):
                    _ENDPOINTS[obj.path] = obj
    return _ENDPOINTS


def authenticate(store: Store, params: Mapping[str, str]) -> Account:
    app_id = params.get("app_id", "")
    if not app_id:
        raise ApiError("error_app_id_param_missing")
    token = params.get("access_token", "")
    if not token:
        raise ApiError("error_access_token_param_missing")
    account = store.account(app_id)
    if account is None:
        raise ApiError("error_invalid_app_id")
    if not hmac.compare_digest(account.access_token.encode("utf-8"), token.encode("utf-8")):
        raise ApiError("error_invalid_access_token")
    return account


def caller_ids(ctx: Ctx) -> List[str]:
    """What the account may show as caller ID: its registered number, its Hoiio Numbers, and
    the hidden caller ID as user/get_info lists it (the spec's "p")."""
    ids = [str(ctx.account.data.get("mobile_number", ""))]
    ids += [n["number"] for n in ctx.store.numbers(ctx.account.app_id)]
    return [i for i in ids if i] + [CALLER_ID_PRIVATE_LISTED]


def check(ctx: Ctx, ep: Endpoint, params: Mapping[str, str], files: Mapping[str, Upload]) -> Dict[str, Any]:
    raw: Dict[str, Any] = {}
    meaningful = EMPTY_MEANS.get(ep.path, {})
    for p in ep.params:
        value: Any = files.get(p.wire) if p.kind == "pdf" and p.wire in files else params.get(p.wire)
        if value is None or value == "":
            for alias in p.send_also_as:
                if params.get(alias):
                    value = params[alias]
                    break
        if value == "" and not p.required and p.wire not in meaningful:
            value = None  # an optional parameter sent empty is left out
        raw[p.wire] = value

    for p in ep.params:
        value = raw[p.wire]
        if p.required and _blank(value):
            if isinstance(value, str) and _known(p.empty_status):
                raise ApiError(str(p.empty_status))
            raise ApiError(f"error_{p.wire}_param_missing")
    for group in ep.one_of:
        _one_of(ep, group, raw)
    for group in ep.exclusive:
        present = [w for w in group.params if not _blank(raw.get(w))]
        if len(present) > 1:
            raise ApiError(_known(group.both) or "error_malformed_params")

    values: Dict[str, Any] = {}
    for p in ep.params:
        value = raw[p.wire]
        if value is None:
            continue
        values[p.wire] = _convert(ctx, ep, p, value)

    if ep.different and all(w in values for w in ep.different) and len({str(values[w]) for w in ep.different}) == 1:
        raise ApiError(_known(ep.different_status) or "error_malformed_params")
    if ep.ordered and all(w in values for w in ep.ordered):
        first, second = ep.ordered
        if values[second] < values[first]:
            raise ApiError(_known(ep.ordered_status) or "error_malformed_params")
    return values


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _known(status: Optional[str]) -> Optional[str]:
    return status if status and status in STATUS_CODES else None


def _listed(ep: Endpoint, status: str) -> Optional[str]:
    return status if status in ep.statuses else None


def _one_of(ep: Endpoint, group: Group, raw: Mapping[str, Any]) -> None:
    present = [w for w in group.params if not _blank(raw.get(w))]
    if len(present) > 1:
        raise ApiError(_known(group.both) or "error_malformed_params")
    if group.required and not present:
        raise ApiError(_known(group.none) or f"error_{group.params[0]}_param_missing")


def code(ep: Endpoint, p: Param, problem: str) -> str:
    """The status for a bad value of ``p``; ``problem`` is invalid, too_long, too_many or too_big:
    the spec's status for that problem, else the param's ``invalid``, else error_malformed_params."""
    own = {"too_many": p.too_many, "too_big": p.too_big, "too_long": p.too_long}.get(problem)
    return _known(own) or _known(p.invalid) or "error_malformed_params"


def _convert(ctx: Ctx, ep: Endpoint, p: Param, value: Any) -> Any:
    kind = p.kind
    if kind == "pdf":
        return _pdf(ep, p, value)
    text = str(value)
    if kind == "str":
        return _str(ep, p, text)
    if kind == "int":
        if not _INT.fullmatch(text.strip()):
            raise ApiError(code(ep, p, "invalid"))
        number = int(text.strip())
        if (p.minimum is not None and number < p.minimum) or (p.maximum is not None and number > p.maximum):
            raise ApiError(code(ep, p, "invalid"))
        return number
    if kind == "phone":
        if not is_phone(text.strip()):
            raise ApiError(code(ep, p, "invalid"))
        return text.strip()
    if kind == "phone_list":
        items = [item.strip() for item in text.split(",")]
        if p.max_items is not None and len(items) > p.max_items:
            raise ApiError(code(ep, p, "too_many"))
        if not all(is_phone(item) for item in items):
            raise ApiError(code(ep, p, "invalid"))
        return items
    if kind == "recipients":
        return _recipients(ep, p, text)
    if kind == "transfer_dest":
        if text.startswith("room:"):
            room = text[5:]
            if room and (len(room) > ROOM_MAX_LENGTH or not _ROOM.fullmatch(room)):
                raise ApiError((ROOM_INVALID and _listed(ep, ROOM_INVALID)) or code(ep, p, "invalid"))
            return text
        if not is_phone(text.strip()):
            raise ApiError(code(ep, p, "invalid"))
        return text.strip()
    if kind == "caller_id":
        wanted = CALLER_ID_PRIVATE_LISTED if text in CALLER_ID_PRIVATE else text
        if wanted not in caller_ids(ctx):
            raise ApiError(code(ep, p, "invalid"))
        return text
    if kind == "url":
        return _url(ep, p, text)
    if kind == "enum":
        if text not in (p.values or ()):
            raise ApiError(code(ep, p, "invalid"))
        return text
    if kind == "datetime":
        moment = parse_wire_date(text)
        if moment is None:
            raise ApiError(code(ep, p, "invalid"))
        return moment
    if kind == "flag":
        if text.lower() in _FLAG_TRUE:
            return True
        if text.lower() in _FLAG_FALSE:
            return False
        raise ApiError(code(ep, p, "invalid"))
    return text


def _str(ep: Endpoint, p: Param, text: str) -> str:
    if p.min_length and len(text) < p.min_length:
        raise ApiError(code(ep, p, "invalid"))
    if p.max_length is not None and len(text) > p.max_length:
        raise ApiError(code(ep, p, "too_long"))
    if p.pattern and not re.fullmatch(p.pattern, text):
        raise ApiError(code(ep, p, "invalid"))
    return text


def _url(ep: Endpoint, p: Param, text: str) -> str:
    if p.max_length is not None and len(text) > p.max_length:
        raise ApiError(code(ep, p, "too_long"))
    if _CONTROL_CHARS.search(text):  # a NUL, CR, LF, DEL, ...: no URL holds one (urlsplit would drop some quietly)
        raise ApiError(code(ep, p, "invalid"))
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
    except ValueError:
        raise ApiError(code(ep, p, "invalid")) from None
    if parts.scheme.lower() not in ("http", "https") or not host or any(c.isspace() for c in text):
        raise ApiError(code(ep, p, "invalid"))
    if host.endswith(".invalid") or host == "invalid":
        # RFC 2606 reserves .invalid: such a host never resolves, and the sandbox looks nothing up.
        if p.unresolvable and _listed(ep, p.unresolvable):
            raise ApiError(p.unresolvable)
    return text


_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _recipients(ep: Endpoint, p: Param, text: str) -> List[Dict[str, str]]:
    try:
        parsed = json.loads(text)
    except ValueError:
        raise ApiError(code(ep, p, "invalid")) from None
    if isinstance(parsed, dict) and isinstance(parsed.get("recipients"), list):
        parsed = parsed["recipients"]
    if not isinstance(parsed, list) or not parsed:
        raise ApiError(code(ep, p, "invalid"))
    if p.max_items is not None and len(parsed) > p.max_items:
        raise ApiError(code(ep, p, "too_many"))
    out: List[Dict[str, str]] = []
    for item in parsed:
        if not isinstance(item, dict) or not is_phone(str(item.get("dest", ""))):
            raise ApiError(code(ep, p, "invalid"))
        out.append({str(k): "" if v is None else str(v) for k, v in item.items()})
    return out


def _pdf(ep: Endpoint, p: Param, value: Any) -> Upload:
    if isinstance(value, tuple):
        name, content = value
    else:
        name = "document.pdf"
        decoded = decode_base64(str(value))
        if decoded is None:  # never a file other than the one sent
            raise ApiError(code(ep, p, "invalid"))
        content = decoded
    if p.max_bytes is not None and len(content) > p.max_bytes:
        raise ApiError(code(ep, p, "too_big"))
    if not content.startswith(b"%PDF-"):
        raise ApiError(code(ep, p, "invalid"))
    return (name or "document.pdf", content)
