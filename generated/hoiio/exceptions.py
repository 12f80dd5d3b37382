"""Exceptions raised by the SDK. Every one of them is a :class:`HoiioException`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from ._runtime.model import Response

__all__ = [
    "HoiioException",
    "ValidationError",
    "TransportError",
    "MalformedResponseError",
    "APIError",
    "AuthenticationError",
    "InvalidRequestError",
    "InsufficientCreditError",
    "RateLimitError",
    "NotFoundError",
    "SessionStateError",
    "ServerError",
    "api_error_class",
]


class HoiioException(Exception):
    """Base of every exception the SDK raises (the original SDK's only exception)."""


class ValidationError(HoiioException, ValueError):
    """The arguments are wrong; nothing was sent. ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[str], method: str = "") -> None:
        self.problems: List[str] = list(problems)
        self.method = method
        where = f"{method}: " if method else ""
        if len(self.problems) == 1:
            message = f"{where}{self.problems[0]}"
        else:
            message = f"{where}{len(self.problems)} problems:\n" + "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(message)


class TransportError(HoiioException):
    """The request failed on the network, or timed out.

    ``outcome_unknown`` is True when the request may have reached Hoiio: a send may have gone
    out, so look it up (status or history, by ``tag``, which holds the tag sent) before sending
    it again.
    """

    def __init__(
        self, message: str, *, method: str = "", outcome_unknown: bool = False, attempts: int = 1, tag: Optional[str] = None
    ) -> None:
        self.method = method
        self.tag = tag
        self.outcome_unknown = outcome_unknown
        self.attempts = attempts
        super().__init__(message)


class MalformedResponseError(HoiioException):
    """Hoiio's answer is not the JSON object the API documents (an HTML error page, say)."""

    def __init__(self, message: str, *, http_status: Optional[int] = None, body: str = "", response: Any = None) -> None:
        self.http_status = http_status
        self.body = body
        self.response = response
        super().__init__(message)


class APIError(HoiioException):
    """Hoiio answered with an error status.

    ``status`` is the code (such as ``error_insufficient_credit``), ``method`` the SDK method
    (``sms.send``), ``response`` the Response (its ``json``, ``text`` and HTTP ``response``),
    ``retryable`` whether sending the same request again later can succeed (from the spec's
    status table: a rate limit or a server failure, say) and ``category`` the kind of failure,
    which names the subclass: catch the subclass for what you would do about it.
    """

    category = "unknown"

    def __init__(
        self, status: str, response: Optional["Response"] = None, *, method: str = "", doc: str = "", retryable: bool = False
    ) -> None:
        self.status = status
        self.response = response
        self.method = method
        self.retryable = retryable
        detail = f" ({doc})" if doc else ""
        where = f"{method}: " if method else ""
        super().__init__(f"{where}Hoiio answered {status}{detail}")


class AuthenticationError(APIError):
    """Bad credentials, or the account may not do this (suspended, trial, not permitted): fix
    the app_id/access_token or the account; retrying does not help."""

    category = "authentication"


class InvalidRequestError(APIError):
    """Hoiio rejected a parameter (an invalid or unserved number, a message too long, ...):
    change the request."""

    category = "validation"


class InsufficientCreditError(APIError):
    """The account's credit is too low: top it up."""

    category = "insufficient_credit"


class RateLimitError(APIError):
    """Too many requests (or calls at once): slow down and try again later."""

    category = "rate_limit"


class NotFoundError(APIError):
    """No such transaction, session or number, or access to it is denied (it is not yours)."""

    category = "not_found"


class SessionStateError(APIError):
    """The IVR session cannot take this block now (ended, on hold, ...)."""

    category = "session_state"


class ServerError(APIError):
    """The service is unavailable or failed on its side: try again later."""

    category = "server"


_BY_CATEGORY = {cls.category: cls for cls in APIError.__subclasses__()}


def api_error_class(category: str) -> type:
    """The APIError subclass for a status category from the spec."""
    return _BY_CATEGORY.get(category, APIError)
