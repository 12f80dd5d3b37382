"""What a status code means: its category and whether a retry can help (from the spec)."""

from __future__ import annotations

from typing import Any, Tuple

from .._generated.api import STATUS_CODES
from ..exceptions import APIError, api_error_class

_UNKNOWN = ("unknown", False, "")


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
