# Generated from spec/account.yaml by `make generate`; do not edit.
"""Response and entry models of the account service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "BalanceResponse",
    "InfoResponse",
]


class BalanceResponse(Response):
    """Credit balance (points plus bonus).

    status (str): success_ok, or the error code.
    currency (str): Currency code of the account, such as SGD or USD.
    balance (float): Usable credit, points plus bonus.
    points (float): Hoiio Points (transferable; spent after bonus).
    bonus (float): Bonus Points (not transferable; spent first).
    """

    currency: Optional[str]
    balance: Optional[float]
    points: Optional[float]
    bonus: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "balance": C.to_float,
        "points": C.to_float,
        "bonus": C.to_float,
    }


class InfoResponse(Response):
    """The account's profile.

    status (str): success_ok, or the error code.
    uid (str): Account id.
    name (str): Account holder's name.
    mobile_number (str): Registered mobile number.
    caller_ids (list of str): Caller IDs you may use ("p" or "private" for a hidden one).
    email (str): Email address, if verified.
    country (str): ISO 3166-1 alpha-2 country code.
    prefix (str): Country calling code without "+", as the original SDK gave it (the wire has "+65").
    currency (str): Currency code of the account, such as SGD or USD.
    time_zone (str): Offset from GMT, such as GMT+0800.
    user_status (str): trial or active.
    sms_rebrand_status (bool (enabled/disabled)): Whether SMS sender rebranding is enabled.
    call_rebrand_status (bool (enabled/disabled)): Whether caller-ID rebranding is enabled.
    """

    uid: Optional[str]
    name: Optional[str]
    mobile_number: Optional[str]
    caller_ids: Optional[List[str]]
    email: Optional[str]
    country: Optional[str]
    prefix: Optional[str]
    currency: Optional[str]
    time_zone: Optional[str]
    user_status: Optional[str]
    sms_rebrand_status: Optional[bool]
    call_rebrand_status: Optional[bool]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "uid": C.to_str,
        "name": C.to_str,
        "mobile_number": C.to_str,
        "caller_ids": C.str_list,
        "email": C.to_str,
        "country": C.to_str,
        "prefix": C.prefix,
        "currency": C.to_str,
        "time_zone": C.to_str,
        "user_status": C.to_str,
        "sms_rebrand_status": C.enabled,
        "call_rebrand_status": C.enabled,
    }
