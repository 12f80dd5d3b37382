# Generated from spec/ by `make generate`; do not edit.
"""The generated service classes (one module per API group), and the names the original SDK
exported from ``hoiio.service``."""

from .._runtime.client import Service
from .._runtime.coerce import date_to_str, str_to_date
from .._runtime.model import Response

__all__ = ["Service", "Response", "str_to_date", "date_to_str"]
