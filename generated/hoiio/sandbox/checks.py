"""Request checking, driven by the same Endpoint tables the SDK is generated with.

``endpoints()`` collects every Endpoint the generated service modules define; ``authenticate``
checks app_id and access_token; ``check`` checks one request's parameters against its Endpoint
(required ones, one-of and exclusive groups, each value read by its kind's reader in
``reading.py``, different and ordered pairs) and returns the values converted for the
behaviour code, or raises ApiError with the status the spec names for the problem.

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
from typing import Any, Dict, List, Mapping, Optional, Tuple

from .._generated.api import SERVICES, STATUS_CODES
from .._generated.facts import CALLER_ID_PRIVATE_LISTED, EMPTY_MEANS
from .._generated.kinds import KINDS
from .._runtime.kinds import Bad
from .._runtime.params import Endpoint, Group, Param
from .context import ApiError, Ctx
from .reading import READ
from .store import Account, Store

#: An uploaded file: (file name, content).
Upload = Tuple[str, bytes]

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
        value: Any = files.get(p.wire) if KINDS[p.kind].file and p.wire in files else params.get(p.wire)
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
    at = _Reading(ep, ctx)
    for p in ep.params:
        value = raw[p.wire]
        if value is None:
            continue
        try:
            values[p.wire] = READ[p.kind](value if KINDS[p.kind].file else str(value), p, at)
        except Bad as bad:
            raise ApiError(code(p, bad)) from None

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


def _one_of(ep: Endpoint, group: Group, raw: Mapping[str, Any]) -> None:
    present = [w for w in group.params if not _blank(raw.get(w))]
    if len(present) > 1:
        raise ApiError(_known(group.both) or "error_malformed_params")
    if group.required and not present:
        raise ApiError(_known(group.none) or f"error_{group.params[0]}_param_missing")


def code(p: Param, bad: Bad) -> str:
    """The status for a value of ``p`` its kind refused: the exact status the kind named, else the
    spec's status for the problem (too_long, too_many, too_big), else the param's ``invalid``,
    else error_malformed_params."""
    own = {"too_many": p.too_many, "too_big": p.too_big, "too_long": p.too_long}.get(bad.problem)
    return bad.status or _known(own) or _known(p.invalid) or "error_malformed_params"


class _Reading:
    """What the kinds' readers ask of the sandbox (reading.Reading)."""

    __slots__ = ("statuses", "ctx")

    def __init__(self, ep: Endpoint, ctx: Ctx) -> None:
        self.statuses = ep.statuses
        self.ctx = ctx

    def caller_ids(self) -> List[str]:
        return caller_ids(self.ctx)
