# Generated from spec/sms.yaml by `make generate`; do not edit.
"""Response and entry models of the sms service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response
from .enums import SmsStatus

__all__ = [
    "SmsRecord",
    "UncheckedSmsSendResponse",
    "SmsSendResponse",
    "UncheckedSmsBulkSendResponse",
    "SmsBulkSendResponse",
    "UncheckedSmsHistoryResponse",
    "SmsHistoryResponse",
    "UncheckedSmsRateResponse",
    "SmsRateResponse",
    "UncheckedSmsStatusResponse",
    "SmsStatusResponse",
]


class SmsRecord(Model):
    """One SMS, as sms.status and sms.history report it.

    txn_ref (str, always present): The transaction reference.
    tag (str): Your reference, as sent.
    sms_status (SmsStatus, always present): queued, delivered, failed, error (or received for an incoming SMS).
    src (str): Sender; your number or the rebranded name (missing in some real responses).
    dest (str, always present): Recipient (E.164).
    date (datetime (GMT+8), always present): When the transaction happened (GMT+8).
    split_count (int): Number of SMS parts.
    msg (str): The message text.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per SMS part.
    debit (float): Amount charged.
    """

    txn_ref: str
    tag: Optional[str]
    sms_status: SmsStatus
    src: Optional[str]
    dest: str
    date: datetime.datetime
    split_count: Optional[int]
    msg: Optional[str]
    currency: str
    rate: float
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "sms_status": C.enum_of(SmsStatus),
        "src": C.to_str,
        "dest": C.to_str,
        "date": C.parse_datetime,
        "split_count": C.to_int,
        "msg": C.to_str,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }


class UncheckedSmsSendResponse(Response):
    """Send one SMS: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`SmsSendResponse`.
    """

    txn_ref: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
    }


class SmsSendResponse(UncheckedSmsSendResponse):
    """Send one SMS. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str, always present): The transaction reference.
    """

    txn_ref: str


class UncheckedSmsBulkSendResponse(Response):
    """Send one message to up to 1000 numbers: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`SmsBulkSendResponse`.
    """

    bulk_txn_ref: Optional[str]
    txn_ref: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "bulk_txn_ref": C.to_str,
        "txn_ref": C.to_str,
    }
    _ALIASES: ClassVar[Dict[str, Tuple[str, ...]]] = {
        "bulk_txn_ref": ("txn_ref",),
        "txn_ref": ("bulk_txn_ref",),
    }


class SmsBulkSendResponse(UncheckedSmsBulkSendResponse):
    """Send one message to up to 1000 numbers. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    bulk_txn_ref (str, always present): The batch reference (some responses call it txn_ref).
    txn_ref (str): The batch reference, as bulk_txn_ref (the name the live API answered with for years).
    """

    bulk_txn_ref: str


class UncheckedSmsHistoryResponse(Response):
    """List sent and received SMS, 100 a page: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`SmsHistoryResponse`.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: List[SmsRecord]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(SmsRecord),
    }


class SmsHistoryResponse(UncheckedSmsHistoryResponse):
    """List sent and received SMS, 100 a page. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    entries_count (int, always present): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of SmsRecord, always present): The SMS of this page.
    """

    entries_count: int


class UncheckedSmsRateResponse(Response):
    """Price of sending an SMS to a number, or of receiving one on your Hoiio Number: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`SmsRateResponse`.
    """

    currency: Optional[str]
    rate: Optional[float]
    split_count: Optional[int]
    total_cost: Optional[float]
    is_unicode: Optional[bool]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "rate": C.to_float,
        "split_count": C.to_int,
        "total_cost": C.to_float,
        "is_unicode": C.to_bool,
    }


class SmsRateResponse(UncheckedSmsRateResponse):
    """Price of sending an SMS to a number, or of receiving one on your Hoiio Number. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per SMS part (per SMS when incoming).
    split_count (int): Parts the message needs.
    total_cost (float): rate times split_count.
    is_unicode (bool): Whether the message needs Unicode.
    """

    currency: str
    rate: float


class UncheckedSmsStatusResponse(Response):
    """Status of one SMS: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`SmsStatusResponse`.
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    sms_status: Optional[SmsStatus]
    src: Optional[str]
    dest: Optional[str]
    date: Optional[datetime.datetime]
    split_count: Optional[int]
    msg: Optional[str]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "sms_status": C.enum_of(SmsStatus),
        "src": C.to_str,
        "dest": C.to_str,
        "date": C.parse_datetime,
        "split_count": C.to_int,
        "msg": C.to_str,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }


class SmsStatusResponse(UncheckedSmsStatusResponse):
    """Status of one SMS. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str, always present): The transaction reference.
    tag (str): Your reference, as sent.
    sms_status (SmsStatus, always present): queued, delivered, failed, error (or received for an incoming SMS).
    src (str): Sender; your number or the rebranded name (missing in some real responses).
    dest (str, always present): Recipient (E.164).
    date (datetime (GMT+8), always present): When the transaction happened (GMT+8).
    split_count (int): Number of SMS parts.
    msg (str): The message text.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per SMS part.
    debit (float): Amount charged.
    """

    txn_ref: str
    sms_status: SmsStatus
    dest: str
    date: datetime.datetime
    currency: str
    rate: float
