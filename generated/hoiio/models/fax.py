# Generated from spec/fax.yaml by `make generate`; do not edit.
"""Response and entry models of the fax service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response
from .enums import FaxStatus

__all__ = [
    "FaxRecord",
    "FaxSendResponse",
    "FaxHistoryResponse",
    "FaxRateResponse",
    "FaxStatusResponse",
]


class FaxRecord(Model):
    """One fax, as fax.status and fax.history report it.

    txn_ref (str): The transaction reference.
    tag (str): Your reference, as sent.
    src (str): Sender (empty for outgoing faxes).
    dest (str): Destination fax number.
    fax_status (FaxStatus (a str)): answered, unanswered, failed, busy or ongoing.
    fax_pages (int): Pages sent.
    fax_url (str): Where to download the PDF.
    date (datetime (GMT+8)): When the transaction happened (GMT+8).
    currency (str): Currency code of the account, such as SGD or USD.
    rate (float): Price per minute.
    debit (float): Amount charged.
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    src: Optional[str]
    dest: Optional[str]
    fax_status: Optional[str]
    fax_pages: Optional[int]
    fax_url: Optional[str]
    date: Optional[datetime.datetime]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "src": C.to_str,
        "dest": C.to_str,
        "fax_status": C.enum_of(FaxStatus),
        "fax_pages": C.to_int,
        "fax_url": C.to_str,
        "date": C.parse_datetime,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }


class FaxSendResponse(Response):
    """Fax a PDF (A4 or Letter, at most 2 MB).

    status (str): success_ok, or the error code.
    txn_ref (str): The transaction reference.
    """

    txn_ref: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
    }


class FaxHistoryResponse(Response):
    """List sent and received faxes, 100 a page.

    status (str): success_ok, or the error code.
    entries_count (int): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of FaxRecord): The faxes of this page.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: Optional[List[FaxRecord]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(FaxRecord),
    }


class FaxRateResponse(Response):
    """Price per minute of sending a fax to a number, or of receiving one on your Hoiio Number.

    status (str): success_ok, or the error code.
    currency (str): Currency code of the account, such as SGD or USD.
    rate (float): Price per minute.
    """

    currency: Optional[str]
    rate: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "rate": C.to_float,
    }


class FaxStatusResponse(Response):
    """Status of one fax, sent or received.

    status (str): success_ok, or the error code.
    txn_ref (str): The transaction reference.
    tag (str): Your reference, as sent.
    src (str): Sender (empty for outgoing faxes).
    dest (str): Destination fax number.
    fax_status (FaxStatus (a str)): answered, unanswered, failed, busy or ongoing.
    fax_pages (int): Pages sent.
    fax_url (str): Where to download the PDF.
    date (datetime (GMT+8)): When the transaction happened (GMT+8).
    currency (str): Currency code of the account, such as SGD or USD.
    rate (float): Price per minute.
    debit (float): Amount charged.
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    src: Optional[str]
    dest: Optional[str]
    fax_status: Optional[str]
    fax_pages: Optional[int]
    fax_url: Optional[str]
    date: Optional[datetime.datetime]
    currency: Optional[str]
    rate: Optional[float]
    debit: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
        "tag": C.to_str,
        "src": C.to_str,
        "dest": C.to_str,
        "fax_status": C.enum_of(FaxStatus),
        "fax_pages": C.to_int,
        "fax_url": C.to_str,
        "date": C.parse_datetime,
        "currency": C.to_str,
        "rate": C.to_float,
        "debit": C.to_float,
    }
