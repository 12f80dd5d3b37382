"""``Hoiio``: the original SDK's process-wide facade, a thin wrapper around one default Client."""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple, TypeVar

from .._generated.api import SERVICES
from .._generated.services import FacadeServices
from ..exceptions import ValidationError
from .client import Client, Service
from .params import Method
from .phone import PhoneError, clean_prefix

if TYPE_CHECKING:  # pragma: no cover
    from .pager import Pager

M = TypeVar("M")
_lock = threading.Lock()


class FacadeService:
    """Base of the generated facade services (``Hoiio.sms`` is an ``SmsFacade``): the client's
    service, called as the original SDK was, with the optional parameters under their Python or
    wire names (``**{"from": ...}``). An unknown keyword is a ValidationError naming it (with
    the closest valid name), before anything is sent."""

    __slots__ = ("_service",)

    def __init__(self, service: Service) -> None:
        self._service = service

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(Hoiio.voice, Voice) holds, as in the original SDK
        return type(self._service)

    @property
    def app_id(self) -> Optional[str]:
        return self._service.app_id

    @property
    def access_token(self) -> Optional[str]:
        return self._service.access_token

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._service, name)

    def __dir__(self) -> List[str]:
        return dir(self._service)

    def __repr__(self) -> str:
        return f"<Hoiio.{type(self._service).__name__.lower()} service>"

    def __reduce__(self) -> Any:
        raise TypeError("a Hoiio service cannot be pickled (its client holds credentials and connections)")

    def _legacy(self, method: "Method[M]", given: Mapping[str, Any], optional: Mapping[str, Any]) -> M:
        """Call ``method`` with the arguments given by position (``given``, by Python name) and by
        keyword (``optional``): a parameter's Python name, or the original SDK's name for it
        (rate_in's dest), gives its value; anything else (a wire name, a call option, an unknown
        keyword) goes with the call options, where every problem is reported at once."""
        index = {p.python: i for i, p in enumerate(method.params)}
        index.update((alias, len(method.params) + i) for i, (alias, _wire) in enumerate(method.aliases))
        values: List[Any] = [None] * len(index)
        options: Dict[str, Any] = {}
        for key, value in given.items():
            values[index[key]] = value
        for key, value in optional.items():
            if key in index and key not in given:
                values[index[key]] = value
            else:
                options[key] = value
        return self._service._call(method, values, options)

    def _legacy_iter(self, name: str, method: "Method[Any]", args: Tuple[Any, ...], optional: Mapping[str, Any]) -> "Pager[Any]":
        """The service's ``_iter`` method ``name``, its keywords also under their wire names."""
        wires = {p.wire: p.python for p in method.params if p.wire != p.python}
        kwargs = {wires.get(key, key): value for key, value in optional.items()}
        if len(kwargs) < len(optional):
            raise ValidationError([f"{wires[k]}: given twice (as {wires[k]!r} and {k!r})" for k in optional if k in wires], method.name)
        pager: Pager[Any] = getattr(self._service, name)(*args, **kwargs)
        return pager


def facade_of(service: Service) -> FacadeService:
    """The facade of a client's service (``Hoiio.sms`` of ``client.sms``): the generated
    ``SmsFacade`` beside ``Sms``."""
    cls = type(service)
    facade: FacadeService = getattr(sys.modules[cls.__module__], cls.__name__ + "Facade")(service)
    return facade


class _FacadeClient(Client):
    """The default client; its prefix is whatever ``Hoiio.prefix`` says at call time. It returns
    error answers (``raise_on_error=False``, the original SDK's contract) unless told otherwise."""

    def __init__(self, *args: Any, raise_on_error: bool = False, **options: Any) -> None:
        super().__init__(*args, raise_on_error=raise_on_error, **options)
        self._facades: Dict[str, FacadeService] = {}

    def _facade_service(self, name: str) -> FacadeService:
        service = getattr(self, name)
        key = type(service).__name__  # user and account are one service
        with self._lock:
            facade = self._facades.get(key)
            if facade is None:
                facade = self._facades[key] = facade_of(service)
        return facade

    @property
    def prefix(self) -> Optional[str]:
        try:
            return clean_prefix(Hoiio.prefix)
        except PhoneError:
            raise ValidationError([f"Hoiio.prefix {Hoiio.prefix!r} is not a country calling code; expected digits such as '65'"]) from None

    @prefix.setter
    def prefix(self, value: Optional[str]) -> None:
        Hoiio.prefix = value


class _HoiioType(type, FacadeServices):
    if not TYPE_CHECKING:

        def __getattr__(cls, name: str) -> Any:
            if name in SERVICES:
                return cls.client()._facade_service(name)
            raise AttributeError(f"Hoiio has no attribute {name!r}")


class Hoiio(metaclass=_HoiioType):
    """``Hoiio.init(app_id, access_token)`` once, then ``Hoiio.sms.send(msg, dest)`` and so on.

    As in the original SDK, an error status is returned, not raised: test ``res.is_success()``
    (``Hoiio.init(..., raise_on_error=True)`` raises instead). ``Hoiio.prefix`` (default None)
    is the country code given to numbers without "+".
    """

    prefix: Optional[str] = None
    debuglevel: int = 0  # kept for old code; use the "hoiio" logger instead
    _default: Optional[_FacadeClient] = None

    @staticmethod
    def init(app_id: str, access_token: str, **options: Any) -> None:
        """Set the credentials (and any Client option) of the default client."""
        if "prefix" in options:
            Hoiio.prefix = options.pop("prefix")
        client = _FacadeClient(app_id, access_token, **options)
        with _lock:
            old, Hoiio._default = Hoiio._default, client
        if old is not None:
            old.close()

    @staticmethod
    def client() -> _FacadeClient:
        """The default client (made from the environment if ``init`` was not called)."""
        client = Hoiio._default
        if client is None:
            with _lock:
                if Hoiio._default is None:
                    Hoiio._default = _FacadeClient()
                client = Hoiio._default
        return client
