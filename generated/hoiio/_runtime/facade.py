"""``Hoiio``: the original SDK's process-wide facade, a thin wrapper around one default Client."""

from __future__ import annotations

import inspect
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

from .._generated.api import SERVICES
from .._generated.services import FacadeServices
from ..exceptions import ValidationError
from .client import Client, Service
from .params import Method
from .phone import PhoneError, clean_prefix

_lock = threading.Lock()


class _FacadeService:
    """``Hoiio.sms`` and the like: the client's service, called as the original SDK was, with the
    optional parameters under their Python or wire names (``**{"from": ...}``). An unknown
    keyword is a ValidationError naming it (with the closest valid name), before anything is sent."""

    __slots__ = ("_service", "_wrapped")

    def __init__(self, service: Service) -> None:
        self._service = service
        self._wrapped: Dict[str, Callable[..., Any]] = {}

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance(Hoiio.voice, Voice) holds, as in the original SDK
        return type(self._service)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        wrapped = self._wrapped.get(name)
        if wrapped is None:
            target = getattr(self._service, name)
            methods = getattr(type(self._service), "_METHODS", {})
            method = methods.get(name)
            if method is None and name.endswith("_iter"):
                method = methods.get(name[: -len("_iter")])
            if method is None:
                return target
            # an alias (user/account, active_numbers/subscribed_numbers) is the same function
            key = f"{method.name}_iter" if name.endswith("_iter") else method.name
            wrapped = self._wrapped.get(key)
            if wrapped is None:
                wrapped = self._wrapped[key] = _legacy_call(target, method, skip_page=name.endswith("_iter"))
            self._wrapped[name] = wrapped
        return wrapped

    def __dir__(self) -> List[str]:
        return dir(self._service)

    def __repr__(self) -> str:
        return f"<Hoiio.{type(self._service).__name__.lower()} service>"

    def __reduce__(self) -> Any:
        raise TypeError("a Hoiio service cannot be pickled (its client holds credentials and connections)")


def _legacy_call(target: Callable[..., Any], method: "Method[Any]", skip_page: bool = False) -> Callable[..., Any]:
    """The facade's form of one method: the required arguments by position (as the generated
    method takes them), the rest by keyword under their Python or wire names; every problem,
    an unknown keyword among them, is reported at once in one ValidationError."""
    signature = inspect.signature(target)
    positional = [p.name for p in signature.parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    variadic = next((p.name for p in signature.parameters.values() if p.kind is inspect.Parameter.VAR_POSITIONAL), None)
    if skip_page:  # an _iter method: the same names, passed on to it
        wires = {p.wire: p.python for p in method.params if p.wire != p.python}

        def iterate(*args: Any, **optional: Any) -> Any:
            kwargs = {wires.get(key, key): value for key, value in optional.items()}
            if len(kwargs) < len(optional):
                raise ValidationError([f"{wires[k]}: given twice (as {wires[k]!r} and {k!r})" for k in optional if k in wires], method.name)
            return target(*args, **kwargs)

        return iterate
    index = {p.python: i for i, p in enumerate(method.params)}
    for i, (alias, _wire) in enumerate(method.aliases):  # the original SDK's names (rate_in's dest)
        index[alias] = len(method.params) + i
    service: Service = getattr(target, "__self__")

    def call(*args: Any, **optional: Any) -> Any:
        if variadic is None and len(args) > len(positional):
            raise TypeError(f"{method.name}() takes {len(positional)} positional arguments but {len(args)} were given")
        values: List[Any] = [None] * (len(method.params) + len(method.aliases))
        for name, value in zip(positional, args):
            values[index[name]] = value
        if variadic is not None:
            values[index[variadic]] = tuple(args[len(positional) :])
        options: Dict[str, Any] = {}
        for key, value in optional.items():
            if key in index and key != variadic:
                if key in positional[: len(args)]:
                    raise TypeError(f"{method.name}() got multiple values for argument {key!r}")
                values[index[key]] = value
            else:  # call options, wire names and unknown keywords: checked with the rest
                options[key] = value
        return service._call(method, values, options)

    call.__name__ = getattr(target, "__name__", method.name)
    call.__doc__ = getattr(target, "__doc__", None)
    shown = [p for p in signature.parameters.values() if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)]
    optional = inspect.Parameter("optional", inspect.Parameter.VAR_KEYWORD, annotation="Any")
    setattr(call, "__signature__", signature.replace(parameters=[*shown, optional]))
    return call


class _FacadeClient(Client):
    """The default client; its prefix is whatever ``Hoiio.prefix`` says at call time. It returns
    error answers (``raise_on_error=False``, the original SDK's contract) unless told otherwise."""

    def __init__(self, *args: Any, raise_on_error: bool = False, **options: Any) -> None:
        super().__init__(*args, raise_on_error=raise_on_error, **options)
        self._facades: Dict[str, _FacadeService] = {}

    def _facade_service(self, name: str) -> _FacadeService:
        service = getattr(self, name)
        key = type(service).__name__  # user and account are one service
        with self._lock:
            facade = self._facades.get(key)
            if facade is None:
                facade = self._facades[key] = _FacadeService(service)
        return facade

    @property
    def prefix(self) -> Optional[str]:
        try:
            return clean_prefix(Hoiio.prefix)
        except PhoneError:
            from ..exceptions import ValidationError

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
