# Generated from spec/api.yaml by `make generate`; do not edit.
"""The typed service attributes of the clients, one per group of the spec and per alias: what
type checkers see on ``hoiio.Client`` (``ClientServices``), ``hoiio.AsyncClient``
(``AsyncClientServices``) and the ``Hoiio`` facade (``FacadeServices``), which inherit them. At
run time each attribute is made on first use (``BaseClient.__getattr__``, from ``api.SERVICES``),
so these classes hold nothing."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..service.account import Account, AccountFacade, AsyncAccount
    from ..service.conference import AsyncConference, Conference, ConferenceFacade
    from ..service.fax import AsyncFax, Fax, FaxFacade
    from ..service.ivr import AsyncIvr, Ivr, IvrFacade
    from ..service.number import AsyncNumber, Number, NumberFacade
    from ..service.sms import AsyncSms, Sms, SmsFacade
    from ..service.voice import AsyncVoice, Voice, VoiceFacade


class ClientServices:
    """The service attributes of ``hoiio.Client``, created on first use."""

    __slots__ = ()

    if TYPE_CHECKING:
        sms: Sms
        voice: Voice
        conference: Conference
        fax: Fax
        ivr: Ivr
        number: Number
        account: Account
        user: Account


class AsyncClientServices:
    """The service attributes of ``hoiio.AsyncClient``, created on first use."""

    __slots__ = ()

    if TYPE_CHECKING:
        sms: AsyncSms
        voice: AsyncVoice
        conference: AsyncConference
        fax: AsyncFax
        ivr: AsyncIvr
        number: AsyncNumber
        account: AsyncAccount
        user: AsyncAccount


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
