"""What a status code means: success or not, its category, whether a retry can help (from the
spec's status table). The one place that interprets an answer's status."""

from __future__ import annotations

from typing import Any, Tuple

from .._generated.api import STATUS_CODES
from ..exceptions import APIError, api_error_class

_UNKNOWN = ("unknown", False, "")
SUCCESS = "success_ok"


def succeeded(data: Any) -> bool:
    """Whether a decoded answer says the request was processed."""
    return isinstance(data, dict) and data.get("status") == SUCCESS


def retry_helps(code: Any) -> bool:
    """Whether sending again can help with this status (the spec's ``retry:``)."""
    return isinstance(code, str) and lookup(code)[1]


def lookup(code: str) -> Tuple[str, bool, str]:
    """(category, retry helps, description) of a status code; unknown codes are tolerated."""
    info = STATUS_CODES.get(code)
    if info is None and code.startswith("error_") and code.endswith("_param_missing"):
        info = STATUS_CODES["error_param_missing"]
    return info or _UNKNOWN


def error_for(code: str, response: Any = None, method: str = "") -> APIError:
    """The exception for an error status, of the class its category names."""
    category, retry, doc = lookup(code)
    cls = api_error_class(category)
    return cls(code, response, method=method, doc=doc, retryable=retry)  # type: ignore[no-any-return]
