"""``Hoiio``: the original SDK's process-wide facade, a thin wrapper around one default Client."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Optional

from .._generated.api import SERVICES
from .client import Client
from .phone import PhoneError, clean_prefix

if TYPE_CHECKING:  # pragma: no cover
    from ..service.account import Account
    from ..service.conference import Conference
    from ..service.fax import Fax
    from ..service.ivr import Ivr
    from ..service.number import Number
    from ..service.sms import Sms
    from ..service.voice import Voice

_lock = threading.Lock()


class _FacadeClient(Client):
    """The default client; its prefix is whatever ``Hoiio.prefix`` says at call time."""

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


class _HoiioType(type):
    def __getattr__(cls, name: str) -> Any:
        if name in SERVICES:
            return getattr(cls.client(), name)
        raise AttributeError(f"Hoiio has no attribute {name!r}")

    if TYPE_CHECKING:
        sms: Sms
        voice: Voice
        conference: Conference
        fax: Fax
        ivr: Ivr
        number: Number
        account: Account
        user: Account


class Hoiio(metaclass=_HoiioType):
    """``Hoiio.init(app_id, access_token)`` once, then ``Hoiio.sms.send(msg, dest)`` and so on.

    ``Hoiio.prefix`` (default None) is the country code given to numbers without "+".
    """

    prefix: Optional[str] = None
    debuglevel: int = 0  # kept for old code; use the "hoiio" logger instead
    _default: Optional[Client] = None

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
    def client() -> Client:
        """The default client (made from the environment if ``init`` was not called)."""
        client = Hoiio._default
        if client is None:
            with _lock:
                if Hoiio._default is None:
                    Hoiio._default = _FacadeClient()
                client = Hoiio._default
        return client
