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
    "VoiceCallResponse",
    "ConferenceResponse",
    "VoiceHangupResponse",
    "VoiceHistoryResponse",
    "VoiceRateResponse",
    "VoiceStatusResponse",
]


class CallRecord(Model):
    """One call, as voice.status and voice.history report it.

    txn_ref (str): The transaction reference.
    tag (str): Your reference, as sent.
    dest1 (str): First leg (E.164).
    dest2 (str): Second leg (E.164).
    number (str): The Hoiio Number, for IVR transactions.
    call_status_dest1 (CallStatus (a str)): Outcome of the first leg: answered, unanswered, failed, busy, or ongoing.
    call_status_dest2 (CallStatus (a str)): Outcome of the second leg: answered, unanswered, failed, busy, or ongoing.
    date (datetime (GMT+8)): When the transaction happened (GMT+8).
    duration (int): Billed duration in minutes (absent while ongoing).
    currency (str): Currency code of the account, such as SGD or USD.
    rate (float): Price per minute.
    debit (float): Amount charged (absent while ongoing).
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    dest1: Optional[str]
    dest2: Optional[str]
    number: Optional[str]
    call_status_dest1: Optional[str]
    call_status_dest2: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
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


class VoiceCallResponse(Response):
    """Call back; Hoiio calls dest1, then dest2, and connects them.

    status (str): success_ok, or the error code.
    txn_ref (str): The transaction reference.
    """

    txn_ref: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
    }


class ConferenceResponse(Response):
    """Call up to 8 numbers into a conference room (the original path; see conference.call).

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


class VoiceHangupResponse(Response):
    """Hang up a call in progress (a call back's both legs, or one conference participant).

    status (str): success_ok, or the error code.
    """

    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
    }


class VoiceHistoryResponse(Response):
    """List calls, 100 a page.

    status (str): success_ok, or the error code.
    entries_count (int): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of CallRecord): The calls of this page.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: Optional[List[CallRecord]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(CallRecord),
    }


class VoiceRateResponse(Response):
    """Price per minute of a call back, and how long the balance lasts.

    status (str): success_ok, or the error code.
    currency (str): Currency code of the account, such as SGD or USD.
    rate (float): Price per minute.
    talktime (int): Minutes the call could last with the current balance.
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


class VoiceStatusResponse(Response):
    """Status of one call (call back, conference leg, or IVR call).

    status (str): success_ok, or the error code.
    txn_ref (str): The transaction reference.
    tag (str): Your reference, as sent.
    dest1 (str): First leg (E.164).
    dest2 (str): Second leg (E.164).
    number (str): The Hoiio Number, for IVR transactions.
    call_status_dest1 (CallStatus (a str)): Outcome of the first leg: answered, unanswered, failed, busy, or ongoing.
    call_status_dest2 (CallStatus (a str)): Outcome of the second leg: answered, unanswered, failed, busy, or ongoing.
    date (datetime (GMT+8)): When the transaction happened (GMT+8).
    duration (int): Billed duration in minutes (absent while ongoing).
    currency (str): Currency code of the account, such as SGD or USD.
    rate (float): Price per minute.
    debit (float): Amount charged (absent while ongoing).
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    dest1: Optional[str]
    dest2: Optional[str]
    number: Optional[str]
    call_status_dest1: Optional[str]
    call_status_dest2: Optional[str]
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
