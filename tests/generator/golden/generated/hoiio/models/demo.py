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
    "DemoSendResponse",
    "DemoItemsResponse",
    "DemoItemResponse",
]


class Item(Model):
    """One item, as demo.items lists it.

    ref (str): The reference.
    colour (Colour (a str)): red, green or blue.
    count (int): How many.
    price (float): Price of one.
    date (datetime (GMT+8)): When it happened (GMT+8).
    labels (list of str): Labels of the item.
    """

    ref: Optional[str]
    colour: Optional[str]
    count: Optional[int]
    price: Optional[float]
    date: Optional[datetime.datetime]
    labels: Optional[List[str]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ref": C.to_str,
        "colour": C.enum_of(Colour),
        "count": C.to_int,
        "price": C.to_float,
        "date": C.parse_datetime,
        "labels": C.str_list,
    }


class DemoSendResponse(Response):
    """Send a greeting to some numbers, or to a group.

    status (str): success_ok, or the error code.
    batch_ref (str): The batch reference (some responses call it ref).
    from_ (str): The number the greeting is sent from.
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


class DemoItemsResponse(Response):
    """List items, 10 a page.

    status (str): success_ok, or the error code.
    total (int): Number of items in all pages.
    entries (list of Item): The items of this page.
    """

    total: Optional[int]
    entries: Optional[List[Item]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "total": C.to_int,
        "entries": C.entries(Item),
    }


class DemoItemResponse(Response):
    """One item.

    status (str): success_ok, or the error code.
    ref (str): The reference.
    colour (Colour (a str)): red, green or blue.
    count (int): How many.
    price (float): Price of one.
    date (datetime (GMT+8)): When it happened (GMT+8).
    labels (list of str): Labels of the item.
    """

    ref: Optional[str]
    colour: Optional[str]
    count: Optional[int]
    price: Optional[float]
    date: Optional[datetime.datetime]
    labels: Optional[List[str]]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "status": C.to_str,
        "ref": C.to_str,
        "colour": C.enum_of(Colour),
        "count": C.to_int,
        "price": C.to_float,
        "date": C.parse_datetime,
        "labels": C.str_list,
    }
