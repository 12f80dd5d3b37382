# Generated from spec/voice.yaml by `make generate`; do not edit.
"""Response and entry models of the voice service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response
from .enums import CallStatus

__all__ = [
    "CallRecord",
    "UncheckedVoiceCallResponse",
    "VoiceCallResponse",
    "UncheckedConferenceResponse",
    "ConferenceResponse",
    "UncheckedVoiceHangupResponse",
    "VoiceHangupResponse",
    "UncheckedVoiceHistoryResponse",
    "VoiceHistoryResponse",
    "UncheckedVoiceRateResponse",
    "VoiceRateResponse",
    "UncheckedVoiceStatusResponse",
    "VoiceStatusResponse",
]


class CallRecord(Model):
    """One call, as voice.status and voice.history report it.

    txn_ref (str): The transaction reference.
    tag (str): Your reference, as sent.
    dest1 (str): First leg (E.164).
    dest2 (str): Second leg (E.164).
    number (str): The Hoiio Number, for IVR transactions.
    call_status_dest1 (CallStatus): Outcome of the first leg: answered, unanswered, failed, busy, or ongoing.
    call_status_dest2 (CallStatus): Outcome of the second leg: answered, unanswered, failed, busy, or ongoing.
    date (datetime (GMT+8), always present): When the transaction happened (GMT+8).
    duration (int): Billed duration in minutes (absent while ongoing).
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per minute.
    debit (float): Amount charged (absent while ongoing).
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    dest1: Optional[str]
    dest2: Optional[str]
    number: Optional[str]
    call_status_dest1: Optional[CallStatus]
    call_status_dest2: Optional[CallStatus]
    date: datetime.datetime
    duration: Optional[int]
    currency: str
    rate: float
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "dest1": C.to_str,
        "dest2": C.to_str,
        "number": C.to_str,
        "call_status_dest1": C.enum_of(CallStatus),
        "call_status_dest2": C.enum_of(CallStatus),
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }


class UncheckedVoiceCallResponse(Response):
    """Call back; Hoiio calls dest1, then dest2, and connects them: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`VoiceCallResponse`.
    """

    txn_ref: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
    }


class VoiceCallResponse(UncheckedVoiceCallResponse):
    """Call back; Hoiio calls dest1, then dest2, and connects them. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str, always present): The transaction reference.
    """

    txn_ref: str


class UncheckedConferenceResponse(Response):
    """Call up to 8 numbers into a conference room (the original path; see conference.call): any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`ConferenceResponse`.
    """

    txn_refs: List[str]
    room: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_refs": C.str_list,
        "room": C.to_str,
    }


class ConferenceResponse(UncheckedConferenceResponse):
    """Call up to 8 numbers into a conference room (the original path; see conference.call). (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_refs (list of str, comma-separated on the wire, always present): One transaction reference per number, in the order given.
    room (str, always present): The room id.
    """

    room: str


class UncheckedVoiceHangupResponse(Response):
    """Hang up a call in progress (a call back's both legs, or one conference participant): any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`VoiceHangupResponse`.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class VoiceHangupResponse(UncheckedVoiceHangupResponse):
    """Hang up a call in progress (a call back's both legs, or one conference participant). (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    """


class UncheckedVoiceHistoryResponse(Response):
    """List calls, 100 a page: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`VoiceHistoryResponse`.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: List[CallRecord]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(CallRecord),
    }


class VoiceHistoryResponse(UncheckedVoiceHistoryResponse):
    """List calls, 100 a page. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    entries_count (int, always present): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of CallRecord, always present): The calls of this page.
    """

    entries_count: int


class UncheckedVoiceRateResponse(Response):
    """Price per minute of a call back, and how long the balance lasts: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`VoiceRateResponse`.
    """

    currency: Optional[str]
    rate: Optional[float]
    talktime: Optional[int]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "rate": C.to_float,
        "talktime": C.to_int,
    }


class VoiceRateResponse(UncheckedVoiceRateResponse):
    """Price per minute of a call back, and how long the balance lasts. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per minute.
    talktime (int): Minutes the call could last with the current balance.
    """

    currency: str
    rate: float


class UncheckedVoiceStatusResponse(Response):
    """Status of one call (call back, conference leg, or IVR call): any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`VoiceStatusResponse`.
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    dest1: Optional[str]
    dest2: Optional[str]
    number: Optional[str]
    call_status_dest1: Optional[CallStatus]
    call_status_dest2: Optional[CallStatus]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "dest1": C.to_str,
        "dest2": C.to_str,
        "number": C.to_str,
        "call_status_dest1": C.enum_of(CallStatus),
        "call_status_dest2": C.enum_of(CallStatus),
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }


class VoiceStatusResponse(UncheckedVoiceStatusResponse):
    """Status of one call (call back, conference leg, or IVR call). (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str): The transaction reference.
    tag (str): Your reference, as sent.
    dest1 (str): First leg (E.164).
    dest2 (str): Second leg (E.164).
    number (str): The Hoiio Number, for IVR transactions.
    call_status_dest1 (CallStatus): Outcome of the first leg: answered, unanswered, failed, busy, or ongoing.
    call_status_dest2 (CallStatus): Outcome of the second leg: answered, unanswered, failed, busy, or ongoing.
    date (datetime (GMT+8), always present): When the transaction happened (GMT+8).
    duration (int): Billed duration in minutes (absent while ongoing).
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per minute.
    debit (float): Amount charged (absent while ongoing).
    """

    date: datetime.datetime
    currency: str
    rate: float
