# Generated from spec/account.yaml by `make generate`; do not edit.
"""Response and entry models of the account service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "UncheckedBalanceResponse",
    "BalanceResponse",
    "UncheckedInfoResponse",
    "InfoResponse",
]


class UncheckedBalanceResponse(Response):
    """Credit balance (points plus bonus): any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`BalanceResponse`.
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


class BalanceResponse(UncheckedBalanceResponse):
    """Credit balance (points plus bonus). (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    balance (float, always present): Usable credit, points plus bonus.
    points (float): Hoiio Points (transferable; spent after bonus).
    bonus (float): Bonus Points (not transferable; spent first).
    """

    currency: str
    balance: float


class UncheckedInfoResponse(Response):
    """The account's profile: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`InfoResponse`.
    """

    uid: Optional[str]
    name: Optional[str]
    mobile_number: Optional[str]
    caller_ids: List[str]
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


class InfoResponse(UncheckedInfoResponse):
    """The account's profile. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    uid (str): Account id.
    name (str, always present): Account holder's name.
    mobile_number (str, always present): Registered mobile number.
    caller_ids (list of str, always present): Caller IDs you may use ("p" or "private" for a hidden one).
    email (str): Email address, if verified.
    country (str, always present): ISO 3166-1 alpha-2 country code.
    prefix (str, always present): Country calling code without "+", as the original SDK gave it (the wire has "+65").
    currency (str, always present): Currency code of the account, such as SGD or USD.
    time_zone (str): Offset from GMT, such as GMT+0800.
    user_status (str): trial or active.
    sms_rebrand_status (bool (enabled/disabled)): Whether SMS sender rebranding is enabled.
    call_rebrand_status (bool (enabled/disabled)): Whether caller-ID rebranding is enabled.
    """

    name: str
    mobile_number: str
    country: str
    prefix: str
    currency: str
