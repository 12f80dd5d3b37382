# Generated from spec/demo.yaml by `make generate`; do not edit.
"""Response and entry models of the demo service."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Model, Response
from .enums import Colour

__all__ = [
    "Item",
    "UncheckedDemoSendResponse",
    "DemoSendResponse",
    "UncheckedDemoItemsResponse",
    "DemoItemsResponse",
    "UncheckedDemoItemResponse",
    "DemoItemResponse",
]


class Item(Model):
    """One item, as demo.items lists it.

    ref (str, always present): The reference.
    colour (Colour): red, green or blue.
    count (int): How many.
    price (float): Price of one.
    date (datetime (GMT+8)): When it happened (GMT+8).
    labels (list of str): Labels of the item.
    """

    ref: str
    colour: Optional[Colour]
    count: Optional[int]
    price: Optional[float]
    date: Optional[datetime.datetime]
    labels: List[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ref": C.to_str,
        "colour": C.enum_of(Colour),
        "count": C.to_int,
        "price": C.to_float,
        "date": C.parse_datetime,
        "labels": C.str_list,
    }


class UncheckedDemoSendResponse(Response):
    """Send a greeting to some numbers, or to a group: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`DemoSendResponse`.
    """

    batch_ref: Optional[str]
    from_: Optional[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "batch_ref": C.to_str,
        "from": C.to_str,
    }
    _ALIASES: ClassVar[Dict[str, Tuple[str, ...]]] = {
        "batch_ref": ("ref",),
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


class DemoSendResponse(UncheckedDemoSendResponse):
    """Send a greeting to some numbers, or to a group. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    batch_ref (str, always present): The batch reference (some responses call it ref).
    from_ (str): The number the greeting is sent from.
    """

    batch_ref: str


class UncheckedDemoItemsResponse(Response):
    """List items, 10 a page: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`DemoItemsResponse`.
    """

    total: Optional[int]
    entries: List[Item]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "total": C.to_int,
        "entries": C.entries(Item),
    }


class DemoItemsResponse(UncheckedDemoItemsResponse):
    """List items, 10 a page. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    total (int, always present): Number of items in all pages.
    entries (list of Item): The items of this page.
    """

    total: int


class UncheckedDemoItemResponse(Response):
    """One item: any answer, success or error.

    What the ``Hoiio`` facade (and a client with ``raise_on_error=False``) returns: test
    ``is_success()`` first; on an error every field but the lists reads None. The fields are
    those of :class:`DemoItemResponse`.
    """

    ref: Optional[str]
    colour: Optional[Colour]
    count: Optional[int]
    price: Optional[float]
    date: Optional[datetime.datetime]
    labels: List[str]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "ref": C.to_str,
        "colour": C.enum_of(Colour),
        "count": C.to_int,
        "price": C.to_float,
        "date": C.parse_datetime,
        "labels": C.str_list,
    }


class DemoItemResponse(UncheckedDemoItemResponse):
    """One item. (a success answer, what ``hoiio.Client`` returns)

    status (str): success_ok, or the error code.
    ref (str, always present): The reference.
    colour (Colour): red, green or blue.
    count (int): How many.
    price (float): Price of one.
    date (datetime (GMT+8)): When it happened (GMT+8).
    labels (list of str): Labels of the item.
    """

    ref: str
