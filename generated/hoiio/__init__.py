"""hoiio: a typed Python SDK for the Hoiio telephony API, generated from a spec.

    from hoiio import Hoiio
    Hoiio.init("MY_APP_ID", "MY_ACCESS_TOKEN")
    res = Hoiio.sms.send("Hoiio World", "+6511111111")

or, with a client of your own (safe to share between threads):

    import hoiio
    with hoiio.Client("MY_APP_ID", "MY_ACCESS_TOKEN", prefix="65") as client:
        res = client.voice.call("+6511111111", "22222222")

or, in asyncio code (``pip install 'hoiio[async]'``):

    async with hoiio.AsyncClient("MY_APP_ID", "MY_ACCESS_TOKEN", prefix="65") as client:
        res = await client.sms.send("Hoiio World", "+6511111111")

Everything below is loaded on first use, so ``import hoiio`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .exceptions import (
    APIError,
    AuthenticationError,
    HoiioException,
    InsufficientCreditError,
    InvalidRequestError,
    MalformedResponseError,
    NotFoundError,
    RateLimitError,
    ServerError,
    SessionStateError,
    TransportError,
    ValidationError,
)

#: The one version of the package: pyproject.toml reads it from here (its metadata), and so do
#: ``hoiio --version``, the User-Agent and the sandbox's status.
__version__ = "0.3.0"

__all__ = [
    "Hoiio",
    "Client",
    "AsyncClient",
    "Response",
    "HTTPResponse",
    "CallStatus",
    "SmsStatus",
    "FaxStatus",
    "CallState",
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
    "measure_sms",
    "SmsLength",
    "__version__",
]

_LAZY = {
    "Hoiio": "hoiio._runtime.facade",
    "Client": "hoiio._runtime.client",
    "AsyncClient": "hoiio._runtime.aclient",
    "Response": "hoiio._runtime.model",
    "HTTPResponse": "hoiio._runtime.response",
    "CallStatus": "hoiio.models.enums",
    "SmsStatus": "hoiio.models.enums",
    "FaxStatus": "hoiio.models.enums",
    "CallState": "hoiio.models.enums",
    "measure_sms": "hoiio._runtime.sms_length",
    "SmsLength": "hoiio._runtime.sms_length",
}

#: Submodules reachable as attributes after ``import hoiio`` (``hoiio.bulk.send_in_chunks``,
#: ``hoiio.testing.Stubber``), each imported on first use: ``import hoiio`` loads none of them,
#: nor their optional dependencies (jsonschema for hoiio.testing).
_SUBMODULES = frozenset({"bulk", "testing", "flow", "notifications", "enums"})

if TYPE_CHECKING:  # pragma: no cover
    from . import bulk as bulk
    from . import enums as enums
    from . import flow as flow
    from . import notifications as notifications
    from . import testing as testing
    from ._runtime.aclient import AsyncClient
    from ._runtime.client import Client
    from ._runtime.facade import Hoiio
    from ._runtime.model import Response
    from ._runtime.response import HTTPResponse
    from ._runtime.sms_length import SmsLength, measure_sms
    from .models.enums import CallState, CallStatus, FaxStatus, SmsStatus


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None and name not in _SUBMODULES:
        raise AttributeError(f"module 'hoiio' has no attribute {name!r}")
    import importlib

    if module is None:  # a submodule: importing it sets the attribute as well
        return importlib.import_module(f"hoiio.{name}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | _SUBMODULES)
