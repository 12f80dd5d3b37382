# Generated from spec/api.yaml by `make generate`; do not edit.
"""The service attributes of the clients, one per group of the spec and per alias:
``hoiio.Client``'s (``ClientServices``) and ``hoiio.AsyncClient``'s (``AsyncClientServices``),
each made on first use (its module imported then) and kept; and how the ``Hoiio`` facade's are
typed (``FacadeServices``, which the metaclass of ``Hoiio`` inherits)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # pragma: no cover
    from .._runtime.aclient import AsyncClient
    from .._runtime.client import Client
    from ..service.account import Account, AccountFacade, AsyncAccount
    from ..service.conference import AsyncConference, Conference, ConferenceFacade
    from ..service.fax import AsyncFax, Fax, FaxFacade
    from ..service.ivr import AsyncIvr, Ivr, IvrFacade
    from ..service.number import AsyncNumber, Number, NumberFacade
    from ..service.sms import AsyncSms, Sms, SmsFacade
    from ..service.voice import AsyncVoice, Voice, VoiceFacade


class ClientServices:
    """The service attributes of ``hoiio.Client``, each made on first use."""

    @cached_property
    def sms(self) -> Sms:
        from ..service.sms import Sms

        return Sms(cast("Client", self))

    @cached_property
    def voice(self) -> Voice:
        from ..service.voice import Voice

        return Voice(cast("Client", self))

    @cached_property
    def conference(self) -> Conference:
        from ..service.conference import Conference

        return Conference(cast("Client", self))

    @cached_property
    def fax(self) -> Fax:
        from ..service.fax import Fax

        return Fax(cast("Client", self))

    @cached_property
    def ivr(self) -> Ivr:
        from ..service.ivr import Ivr

        return Ivr(cast("Client", self))

    @cached_property
    def number(self) -> Number:
        from ..service.number import Number

        return Number(cast("Client", self))

    @cached_property
    def account(self) -> Account:
        from ..service.account import Account

        return Account(cast("Client", self))

    @property
    def user(self) -> Account:
        return self.account


class AsyncClientServices:
    """The service attributes of ``hoiio.AsyncClient``, each made on first use."""

    @cached_property
    def sms(self) -> AsyncSms:
        from ..service.sms import AsyncSms

        return AsyncSms(cast("AsyncClient", self))

    @cached_property
    def voice(self) -> AsyncVoice:
        from ..service.voice import AsyncVoice

        return AsyncVoice(cast("AsyncClient", self))

    @cached_property
    def conference(self) -> AsyncConference:
        from ..service.conference import AsyncConference

        return AsyncConference(cast("AsyncClient", self))

    @cached_property
    def fax(self) -> AsyncFax:
        from ..service.fax import AsyncFax

        return AsyncFax(cast("AsyncClient", self))

    @cached_property
    def ivr(self) -> AsyncIvr:
        from ..service.ivr import AsyncIvr

        return AsyncIvr(cast("AsyncClient", self))

    @cached_property
    def number(self) -> AsyncNumber:
        from ..service.number import AsyncNumber

        return AsyncNumber(cast("AsyncClient", self))

    @cached_property
    def account(self) -> AsyncAccount:
        from ..service.account import AsyncAccount

        return AsyncAccount(cast("AsyncClient", self))

    @property
    def user(self) -> AsyncAccount:
        return self.account


class FacadeServices:
    """The services of the ``Hoiio`` facade (``Hoiio.sms`` and the like): the metaclass of
    ``Hoiio`` inherits them."""

    __slots__ = ()

    if TYPE_CHECKING:
        sms: SmsFacade
        voice: VoiceFacade
        conference: ConferenceFacade
        fax: FaxFacade
        ivr: IvrFacade
        number: NumberFacade
        account: AccountFacade
        user: AccountFacade
