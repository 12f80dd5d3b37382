# Generated from spec/ivr.yaml by `make generate`; do not edit.
"""Response and entry models of the ivr service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "UncheckedDialResponse",
    "DialResponse",
    "UncheckedIvrResponse",
    "IvrResponse",
    "UncheckedTransferResponse",
    "TransferResponse",
]


class UncheckedDialResponse(Response):
    """Start block; call a number and open an IVR session: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`DialResponse`.
    """

    txn_ref: Optional[str]
    session: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
        "session": C.to_str,
    }


class DialResponse(UncheckedDialResponse):
    """Start block; call a number and open an IVR session. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str, always present): The transaction reference.
    session (str, always present): The IVR session for the next blocks.
    """

    txn_ref: str
    session: str


class UncheckedIvrResponse(Response):
    """Middle block; play a message: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`IvrResponse`.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class IvrResponse(UncheckedIvrResponse):
    """Middle block; play a message. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    """


class UncheckedTransferResponse(Response):
    """End block; transfer the call to a number or a conference room: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`TransferResponse`.
    """

    room: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "room": C.to_str,
    }


class TransferResponse(UncheckedTransferResponse):
    """End block; transfer the call to a number or a conference room. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    room (str): The conference room, when dest was one.
    """
