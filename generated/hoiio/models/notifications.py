# Generated from spec/notifications.yaml by `make generate`; do not edit.
"""Typed notifications: what Hoiio POSTs to your notify_url and forwarding URLs."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple, Type

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Notification
from .enums import CallState, CallStatus, FaxStatus, SmsStatus

__all__ = [
    "SmsDeliveryNotification",
    "IncomingSmsNotification",
    "CallNotification",
    "ConferenceLegNotification",
    "FaxNotification",
    "IncomingFaxNotification",
    "IvrNotification",
    "IncomingCallNotification",
    "DialNotification",
    "PlayNotification",
    "GatherNotification",
    "RecordNotification",
    "MonitorNotification",
    "UnholdNotification",
    "TransferNotification",
    "HangupNotification",
    "NOTIFICATIONS",
]


class SmsDeliveryNotification(Notification):
    """Delivery status of an SMS sent with a notify_url (may arrive more than once; the last is current).

    txn_ref: The SMS's own transaction reference.
    bulk_txn_ref: The batch reference, for a bulk send.
    tag: Your reference, as sent.
    sms_status: queued, delivered, failed or error.
    date: When the transaction happened (GMT+8).
    dest: Recipient.
    split_count: Number of parts.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "sms_delivery"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = ("sms_status",)
    txn_ref: Optional[str]
    bulk_txn_ref: Optional[str]
    tag: Optional[str]
    sms_status: Optional[SmsStatus]
    date: Optional[datetime.datetime]
    dest: Optional[str]
    split_count: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "bulk_txn_ref": C.to_str,
        "tag": C.to_str,
        "sms_status": C.enum_of(SmsStatus),
        "date": C.parse_datetime,
        "dest": C.to_str,
        "split_count": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {}


class IncomingSmsNotification(Notification):
    """An SMS received on your Hoiio Number (longer ones arrive in pieces of up to 152 characters).

    txn_ref: The transaction reference.
    msg: The text.
    from_: The sender.
    to: Your Hoiio Number.
    date: When the transaction happened (GMT+8).
    currency: Currency code of the account, such as SGD or USD.
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "sms_incoming"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = (
        "msg",
        "from",
    )
    txn_ref: Optional[str]
    msg: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    currency: Optional[str]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "msg": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "currency": C.to_str,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class CallNotification(Notification):
    """A call back has ended.

    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    dest1: First leg.
    dest2: Second leg.
    call_status_dest1: Outcome of the first leg.
    call_status_dest2: Outcome of the second leg.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "call_ended"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = (
        "call_status_dest1",
        "call_status_dest2",
    )
    txn_ref: Optional[str]
    tag: Optional[str]
    dest1: Optional[str]
    dest2: Optional[str]
    call_status_dest1: Optional[CallStatus]
    call_status_dest2: Optional[CallStatus]
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
        "call_status_dest1": C.enum_of(CallStatus),
        "call_status_dest2": C.enum_of(CallStatus),
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {}


class ConferenceLegNotification(CallNotification):
    """One participant's call in a conference has ended. The reference gives a leg the call notification's fields (this class extends CallNotification): call_status_dest1 without call_status_dest2 marks a leg; one with both parses as CallNotification.

    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    dest1: The participant's number.
    dest2: Second leg.
    call_status_dest1: Outcome of the participant's call.
    call_status_dest2: Outcome of the second leg.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    dest: The participant, where Hoiio names it dest (presumed in the reference, unconfirmed; else dest1).
    """

    KEY: ClassVar[str] = "conference_leg_ended"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = ("call_status_dest1",)
    txn_ref: Optional[str]
    tag: Optional[str]
    dest1: Optional[str]
    dest2: Optional[str]
    call_status_dest1: Optional[CallStatus]
    call_status_dest2: Optional[CallStatus]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    dest: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "dest1": C.to_str,
        "dest2": C.to_str,
        "call_status_dest1": C.enum_of(CallStatus),
        "call_status_dest2": C.enum_of(CallStatus),
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "dest": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {}


class FaxNotification(Notification):
    """The result of a fax you sent. The reference presumes the incoming fax's fields (from, to); dest, fax_pages and rate are inferred from fax/query_status. Both shapes are accepted (dest reads to); one without dest parses as IncomingFaxNotification unless parse(..., kind="fax_result").

    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    fax_status: answered, or a failure.
    dest: The fax number (to in the incoming-fax shape).
    from_: The sender (your caller ID), in the incoming-fax shape.
    to: The fax number, in the incoming-fax shape.
    fax_pages: Pages sent (inferred from fax/query_status).
    fax_url: The PDF.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per minute (inferred from fax/query_status).
    debit: Amount charged.
    fax_error_code: Why it failed, such as busy.
    """

    KEY: ClassVar[str] = "fax_result"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = (
        "fax_status",
        "dest",
    )
    txn_ref: Optional[str]
    tag: Optional[str]
    fax_status: Optional[FaxStatus]
    dest: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    fax_pages: Optional[int]
    fax_url: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    fax_error_code: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "fax_status": C.enum_of(FaxStatus),
        "dest": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "fax_pages": C.to_int,
        "fax_url": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "fax_error_code": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }
    _ALIASES: ClassVar[Dict[str, Tuple[str, ...]]] = {
        "dest": ("to",),
    }


class IncomingFaxNotification(Notification):
    """A fax received on your Hoiio Number.

    txn_ref: The transaction reference.
    fax_status: answered or failed.
    from_: The sender.
    to: Your Hoiio Number.
    fax_url: The PDF.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    debit: Amount charged.
    fax_error_code: Why it failed, such as busy.
    """

    KEY: ClassVar[str] = "fax_incoming"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = (
        "fax_status",
        "from",
    )
    txn_ref: Optional[str]
    fax_status: Optional[FaxStatus]
    from_: Optional[str]
    to: Optional[str]
    fax_url: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    debit: Optional[float]
    fax_error_code: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "fax_status": C.enum_of(FaxStatus),
        "from": C.to_str,
        "to": C.to_str,
        "fax_url": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "debit": C.to_float,
        "fax_error_code": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class IvrNotification(Notification):
    """Fields every IVR notification may carry; billing fields come when the call has ended.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "ivr"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = ()
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class IncomingCallNotification(IvrNotification):
    """A call to your Hoiio Number (the Answer start block); answer it with any middle block or transfer.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "call_incoming"
    IVR_BLOCK: ClassVar[Optional[str]] = "answer"
    DETECT: ClassVar[Tuple[str, ...]] = ("call_state=ringing",)
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class DialNotification(IvrNotification):
    """The Dial block completed.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    dest: The number dialled.
    dial_status: answered, unanswered, failed or busy.
    """

    KEY: ClassVar[str] = "ivr_dial"
    IVR_BLOCK: ClassVar[Optional[str]] = "dial"
    DETECT: ClassVar[Tuple[str, ...]] = ("dial_status",)
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    dest: Optional[str]
    dial_status: Optional[CallStatus]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "dest": C.to_str,
        "dial_status": C.enum_of(CallStatus),
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class PlayNotification(IvrNotification):
    """The Play block finished.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "ivr_play"
    IVR_BLOCK: ClassVar[Optional[str]] = "play"
    DETECT: ClassVar[Tuple[str, ...]] = ()
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class GatherNotification(IvrNotification):
    """The Gather block collected the caller's keys.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    digits: The keys pressed, as a string (leading zeros kept; empty if none).
    """

    KEY: ClassVar[str] = "ivr_gather"
    IVR_BLOCK: ClassVar[Optional[str]] = "gather"
    DETECT: ClassVar[Tuple[str, ...]] = ("digits",)
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    digits: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "digits": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class RecordNotification(IvrNotification):
    """The Record block's recording is ready.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    record_url: The recording (MP3).
    """

    KEY: ClassVar[str] = "ivr_record"
    IVR_BLOCK: ClassVar[Optional[str]] = "record"
    DETECT: ClassVar[Tuple[str, ...]] = ("record_url",)
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    record_url: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "record_url": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class MonitorNotification(IvrNotification):
    """Monitoring is set up, or (with monitor_url) the whole conversation's recording is ready.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    monitor_url: The recording of the conversation (MP3), once the call has ended.
    """

    KEY: ClassVar[str] = "ivr_monitor"
    IVR_BLOCK: ClassVar[Optional[str]] = "monitor"
    DETECT: ClassVar[Tuple[str, ...]] = ("monitor_url",)
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    monitor_url: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "monitor_url": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class UnholdNotification(IvrNotification):
    """The session is off hold and ready for the next block.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "ivr_unhold"
    IVR_BLOCK: ClassVar[Optional[str]] = "unhold"
    DETECT: ClassVar[Tuple[str, ...]] = ()
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class TransferNotification(IvrNotification):
    """The transferred call ended, or the transfer failed (with on_failure="continue").

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    transfer_status: answered, or unanswered, failed or busy.
    room: The conference room, when transferred to one.
    """

    KEY: ClassVar[str] = "ivr_transfer"
    IVR_BLOCK: ClassVar[Optional[str]] = "transfer"
    DETECT: ClassVar[Tuple[str, ...]] = ("transfer_status",)
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    transfer_status: Optional[CallStatus]
    room: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
        "transfer_status": C.enum_of(CallStatus),
        "room": C.to_str,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class HangupNotification(IvrNotification):
    """The call was hung up.

    ivr_block: The block this is about: answer, dial, play, gather, record, monitor, unhold, transfer or hangup.
    call_state: ringing, ongoing or ended.
    session: The IVR session for the next block.
    txn_ref: The transaction reference.
    tag: Your reference, as sent.
    from_: The caller, for incoming calls.
    to: Your Hoiio Number, for incoming calls.
    date: When the transaction happened (GMT+8).
    duration: Billed minutes.
    currency: Currency code of the account, such as SGD or USD.
    rate: Price per unit (SMS part or minute).
    debit: Amount charged.
    """

    KEY: ClassVar[str] = "ivr_hangup"
    IVR_BLOCK: ClassVar[Optional[str]] = "hangup"
    DETECT: ClassVar[Tuple[str, ...]] = ()
    ivr_block: Optional[str]
    call_state: Optional[CallState]
    session: Optional[str]
    txn_ref: Optional[str]
    tag: Optional[str]
    from_: Optional[str]
    to: Optional[str]
    date: Optional[datetime.datetime]
    duration: Optional[int]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ivr_block": C.to_str,
        "call_state": C.enum_of(CallState),
        "session": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "from": C.to_str,
        "to": C.to_str,
        "date": C.parse_datetime,
        "duration": C.to_int,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


#: Every concrete notification class, by its key in spec/notifications.yaml.
NOTIFICATIONS: Dict[str, Type[Notification]] = {
    "sms_delivery": SmsDeliveryNotification,
    "sms_incoming": IncomingSmsNotification,
    "call_ended": CallNotification,
    "conference_leg_ended": ConferenceLegNotification,
    "fax_result": FaxNotification,
    "fax_incoming": IncomingFaxNotification,
    "call_incoming": IncomingCallNotification,
    "ivr_dial": DialNotification,
    "ivr_play": PlayNotification,
    "ivr_gather": GatherNotification,
    "ivr_record": RecordNotification,
    "ivr_monitor": MonitorNotification,
    "ivr_unhold": UnholdNotification,
    "ivr_transfer": TransferNotification,
    "ivr_hangup": HangupNotification,
}
