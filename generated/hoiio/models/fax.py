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
    "UncheckedFaxSendResponse",
    "FaxSendResponse",
    "UncheckedFaxHistoryResponse",
    "FaxHistoryResponse",
    "UncheckedFaxRateResponse",
    "FaxRateResponse",
    "UncheckedFaxStatusResponse",
    "FaxStatusResponse",
]


class FaxRecord(Model):
    """One fax, as fax.status and fax.history report it.

    txn_ref (str, always present): The transaction reference.
    tag (str): Your reference, as sent.
    src (str): Sender (empty for outgoing faxes).
    dest (str, always present): Destination fax number.
    fax_status (FaxStatus, always present): answered, unanswered, failed, busy or ongoing.
    fax_pages (int): Pages sent.
    fax_url (str): Where to download the PDF.
    date (datetime (GMT+8), always present): When the transaction happened (GMT+8).
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per minute.
    debit (float): Amount charged.
    """

    txn_ref: str
    tag: Optional[str]
    src: Optional[str]
    dest: str
    fax_status: FaxStatus
    fax_pages: Optional[int]
    fax_url: Optional[str]
    date: datetime.datetime
    currency: str
    rate: float
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


class UncheckedFaxSendResponse(Response):
    """Fax a PDF (A4 or Letter, at most 2 MB): any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`FaxSendResponse`.
    """

    txn_ref: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "txn_ref": C.to_str,
    }


class FaxSendResponse(UncheckedFaxSendResponse):
    """Fax a PDF (A4 or Letter, at most 2 MB). (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str, always present): The transaction reference.
    """

    txn_ref: str


class UncheckedFaxHistoryResponse(Response):
    """List sent and received faxes, 100 a page: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`FaxHistoryResponse`.
    """

    entries_count: Optional[int]
    total_entries_count: Optional[int]
    entries: List[FaxRecord]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "entries_count": C.to_int,
        "total_entries_count": C.to_int,
        "entries": C.entries(FaxRecord),
    }


class FaxHistoryResponse(UncheckedFaxHistoryResponse):
    """List sent and received faxes, 100 a page. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    entries_count (int, always present): Number of entries in this page.
    total_entries_count (int): Number of entries in the whole period.
    entries (list of FaxRecord, always present): The faxes of this page.
    """

    entries_count: int


class UncheckedFaxRateResponse(Response):
    """Price per minute of sending a fax to a number, or of receiving one on your Hoiio Number: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`FaxRateResponse`.
    """

    currency: Optional[str]
    rate: Optional[float]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "currency": C.to_str,
        "rate": C.to_float,
    }


class FaxRateResponse(UncheckedFaxRateResponse):
    """Price per minute of sending a fax to a number, or of receiving one on your Hoiio Number. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per minute.
    """

    currency: str
    rate: float


class UncheckedFaxStatusResponse(Response):
    """Status of one fax, sent or received: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`FaxStatusResponse`.
    """

    txn_ref: Optional[str]
    tag: Optional[str]
    src: Optional[str]
    dest: Optional[str]
    fax_status: Optional[FaxStatus]
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


class FaxStatusResponse(UncheckedFaxStatusResponse):
    """Status of one fax, sent or received. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    txn_ref (str, always present): The transaction reference.
    tag (str): Your reference, as sent.
    src (str): Sender (empty for outgoing faxes).
    dest (str, always present): Destination fax number.
    fax_status (FaxStatus, always present): answered, unanswered, failed, busy or ongoing.
    fax_pages (int): Pages sent.
    fax_url (str): Where to download the PDF.
    date (datetime (GMT+8), always present): When the transaction happened (GMT+8).
    currency (str, always present): Currency code of the account, such as SGD or USD.
    rate (float, always present): Price per minute.
    debit (float): Amount charged.
    """

    txn_ref: str
    dest: str
    fax_status: FaxStatus
    date: datetime.datetime
    currency: str
    rate: float
