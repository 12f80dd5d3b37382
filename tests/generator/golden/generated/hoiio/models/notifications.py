# Generated from spec/notifications.yaml by `make generate`; do not edit.
"""Typed notifications: what Hoiio POSTs to your notify_url and forwarding URLs."""

from __future__ import annotations

import datetime
from typing import ClassVar, Dict, List, Optional, Tuple, Type

from .._runtime import coerce as C
from .._runtime.coerce import Coercer
from .._runtime.model import Notification

__all__ = ["DemoEvent", "DemoDelivered", "NOTIFICATIONS"]


class DemoEvent(Notification):
    """Any event of the demo group.

    ref: The reference.
    date: When it happened (GMT+8).
    """

    KEY: ClassVar[str] = "demo_event"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = ()
    ref: Optional[str]
    date: Optional[datetime.datetime]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ref": C.to_str,
        "date": C.parse_datetime,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {}


class DemoDelivered(DemoEvent):
    """A greeting was delivered.

    ref: The reference.
    date: When it happened (GMT+8).
    delivered_to: The recipient.
    from_: The sender.
    parts: Number of parts.
    """

    KEY: ClassVar[str] = "demo_delivered"
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = ("delivered_to",)
    ref: Optional[str]
    date: Optional[datetime.datetime]
    delivered_to: Optional[str]
    from_: Optional[str]
    parts: Optional[int]
    _FIELDS: ClassVar[Dict[str, Coercer]] = {
        "ref": C.to_str,
        "date": C.parse_datetime,
        "delivered_to": C.to_str,
        "from": C.to_str,
        "parts": C.to_int,
    }
    _PYTHON: ClassVar[Dict[str, str]] = {
        "from_": "from",
    }


#: Every concrete notification class, by its key in spec/notifications.yaml.
NOTIFICATIONS: Dict[str, Type[Notification]] = {
    "demo_delivered": DemoDelivered,
}
