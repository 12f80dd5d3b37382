# Generated from spec/api.yaml by `make generate`; do not edit.
"""Value sets of the API. Members are strings, so they compare equal to what Hoiio sends."""

from enum import Enum

__all__ = [
    "CallState",
    "CallStatus",
    "FaxStatus",
    "SmsStatus",
]


class CallState(str, Enum):
    """State of an IVR call in a notification."""

    RINGING = "ringing"
    ONGOING = "ongoing"
    ENDED = "ended"

    def __str__(self) -> str:
        return str(self.value)


class CallStatus(str, Enum):
    """Outcome of a call leg, a Dial or a Transfer."""

    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    FAILED = "failed"
    BUSY = "busy"
    ONGOING = "ongoing"

    def __str__(self) -> str:
        return str(self.value)


class FaxStatus(str, Enum):
    """Outcome of a fax."""

    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    FAILED = "failed"
    BUSY = "busy"
    ONGOING = "ongoing"

    def __str__(self) -> str:
        return str(self.value)


class SmsStatus(str, Enum):
    """Delivery state of an SMS (received marks an incoming SMS in the history)."""

    QUEUED = "queued"
    DELIVERED = "delivered"
    FAILED = "failed"
    ERROR = "error"
    RECEIVED = "received"

    def __str__(self) -> str:
        return str(self.value)
