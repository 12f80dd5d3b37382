# Generated from spec/conference.yaml by `make generate`; do not edit.
"""Response and entry models of the conference service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response

__all__ = [
    "UncheckedConferenceCallResponse",
    "ConferenceCallResponse",
    "UncheckedConferenceModerateResponse",
    "ConferenceModerateResponse",
]


class UncheckedConferenceCallResponse(Response):
    """Call up to 8 numbers into a conference room: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`ConferenceCallResponse`.
    """

    txn_refs: List[str]
    room: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_refs": C.str_list,
        "room": C.to_str,
    }


class ConferenceCallResponse(UncheckedConferenceCallResponse):
    """Call up to 8 numbers into a conference room. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_refs (list of str, always present): One transaction reference per number, in the order given.
    room (str, always present): The room id.
    """

    room: str


class UncheckedConferenceModerateResponse(Response):
    """Kick, mute or unmute one participant: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`ConferenceModerateResponse`.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class ConferenceModerateResponse(UncheckedConferenceModerateResponse):
    """Kick, mute or unmute one participant. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    """
