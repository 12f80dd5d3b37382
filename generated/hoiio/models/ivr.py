# Generated from spec/ivr.yaml by `make generate`; do not edit.
"""Response and entry models of the ivr service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "DialResponse",
    "IvrResponse",
    "TransferResponse",
]


class DialResponse(Response):
    """Start block; call a number and open an IVR session.

    status (str): success_ok, or the error code.
    txn_ref (str): The transaction reference.
    session (str): The IVR session for the next blocks.
    """

    txn_ref: Optional[str]
    session: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
        "session": C.to_str,
    }


class IvrResponse(Response):
    """Middle block; play a message.

    status (str): success_ok, or the error code.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class TransferResponse(Response):
    """End block; transfer the call to a number or a conference room.

    status (str): success_ok, or the error code.
    room (str): The conference room, when dest was one.
    """

    room: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "room": C.to_str,
    }
