# Generated from spec/conference.yaml by `make generate`; do not edit.
"""Response and entry models of the conference service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "ConferenceCallResponse",
    "ConferenceModerateResponse",
]


class ConferenceCallResponse(Response):
    """Call up to 8 numbers into a conference room.

    status (str): success_ok, or the error code.
    txn_refs (list of str): One transaction reference per number, in the order given.
    room (str): The room id.
    """

    txn_refs: Optional[List[str]]
    room: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_refs": C.str_list,
        "room": C.to_str,
    }


class ConferenceModerateResponse(Response):
    """Kick, mute or unmute one participant.

    status (str): success_ok, or the error code.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }
