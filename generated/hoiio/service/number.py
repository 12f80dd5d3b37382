# Generated from spec/number.yaml by `make generate`; do not edit.
"""Buy Hoiio Numbers and configure where their calls, faxes and SMS are notified."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.number import (
    CountriesResponse,
    AvailableNumbersResponse,
    NumberRatesResponse,
    SubscribeResponse,
    ConfigureResponse,
    ActiveNumbersResponse,
    State,
    Country,
    AvailableNumber,
    NumberRate,
    ActiveNumber,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..models.number import (
        UncheckedCountriesResponse,
        UncheckedAvailableNumbersResponse,
        UncheckedNumberRatesResponse,
        UncheckedSubscribeResponse,
        UncheckedConfigureResponse,
        UncheckedActiveNumbersResponse,
    )

__all__ = ["Number", "AsyncNumber", "NumberFacade"]

_NUMBER_GET_COUNTRIES = Endpoint(
    "number/get_countries",
    kind="query",
    charged=False,
    params=(),
)
_AVAILABLE_COUNTRIES = Method("number.available_countries", _NUMBER_GET_COUNTRIES, CountriesResponse, ())

_NUMBER_GET_CHOICES = Endpoint(
    "number/get_choices",
    kind="query",
    charged=False,
    paginated={"items": "entries", "page_param": "page", "page_size": 20, "total": "total_entries_count"},
    statuses=("error_page_invalid", "error_no_number_available"),
    params=(
        Param(
            "country",
            "country",
            "str",
            required=True,
            pattern="^[A-Z]{2}$",
            pattern_doc="an ISO 3166-1 alpha-2 code such as SG or US",
        ),
        Param("state", "state", "str", pattern="^[A-Z]{2}$", pattern_doc="an ISO 3166-2 code such as AL"),
        Param("page", "page", "int", minimum=1, invalid="error_page_invalid"),
    ),
)
_AVAILABLE_NUMBERS = Method(
    "number.available_numbers", _NUMBER_GET_CHOICES, AvailableNumbersResponse, ("country", "state", "page")
)

_NUMBER_GET_RATES = Endpoint(
    "number/get_rates",
    kind="query",
    charged=False,
    params=(
        Param(
            "country",
            "country",
            "str",
            required=True,
            pattern="^[A-Z]{2}$",
            pattern_doc="an ISO 3166-1 alpha-2 code such as SG or US",
        ),
    ),
)
_RATE = Method("number.rate", _NUMBER_GET_RATES, NumberRatesResponse, ("country",))

_NUMBER_SUBSCRIBE = Endpoint(
    "number/subscribe",
    kind="action",
    charged=True,
    statuses=(
        "error_number_invalid",
        "error_number_not_available",
        "error_subscribe_number_not_available",
        "error_pick_number_not_available",
        "error_invalid_duration",
        "error_insufficient_credit",
        "error_exceed_max_subscriptions",
        "error_auto_extend_not_available",
        "error_not_allowed_for_trial",
    ),
    params=(
        Param("number", "number", "phone", required=True, invalid="error_number_invalid"),
        Param(
            "duration",
            "duration",
            "enum",
            required=True,
            values=("1", "3", "12", "auto_extend"),
            invalid="error_invalid_duration",
        ),
    ),
)
_SUBSCRIBE = Method("number.subscribe", _NUMBER_SUBSCRIBE, SubscribeResponse, ("number", "duration"))

_NUMBER_UPDATE_FORWARDING = Endpoint(
    "number/update_forwarding",
    kind="action",
    charged=False,
    statuses=(
        "error_number_not_assigned",
        "error_forward_to_invalid",
        "error_unable_to_resolve_forward_to",
        "error_mode_invalid",
        "error_incoming_sms_not_supported",
        "error_add_notification_failed",
    ),
    params=(
        Param("number", "number", "phone", required=True, invalid="error_number_not_assigned"),
        Param(
            "forward_to",
            "forward_to",
            "url",
            max_length=4000,
            invalid="error_forward_to_invalid",
            unresolvable="error_unable_to_resolve_forward_to",
        ),
        Param(
            "forward_sms_to",
            "forward_sms_to",
            "url",
            max_length=4000,
            send_also_as=("forward_to_sms",),
            invalid="error_forward_to_invalid",
            unresolvable="error_unable_to_resolve_forward_to",
        ),
        Param("mode", "mode", "enum", values=("voice", "fax"), invalid="error_mode_invalid"),
    ),
)
_CONFIGURE = Method(
    "number.configure",
    _NUMBER_UPDATE_FORWARDING,
    ConfigureResponse,
    ("number", "forward_to", "forward_sms_to", "mode"),
)

_NUMBER_GET_ACTIVE = Endpoint(
    "number/get_active",
    kind="query",
    charged=False,
    params=(),
)
_SUBSCRIBED_NUMBERS = Method("number.subscribed_numbers", _NUMBER_GET_ACTIVE, ActiveNumbersResponse, ())


class Number(Service):
    """Buy Hoiio Numbers and configure where their calls, faxes and SMS are notified.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "available_countries": _AVAILABLE_COUNTRIES,
        "available_numbers": _AVAILABLE_NUMBERS,
        "rate": _RATE,
        "subscribe": _SUBSCRIBE,
        "configure": _CONFIGURE,
        "subscribed_numbers": _SUBSCRIBED_NUMBERS,
        "active_numbers": _SUBSCRIBED_NUMBERS,
    }

    def available_countries(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> CountriesResponse:
        """Countries (and states) with Hoiio Numbers for sale.

        ``number/get_countries``; a free query, retried on failure.

        Returns:
            CountriesResponse.
        """
        return self._client._call(
            _AVAILABLE_COUNTRIES,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def available_numbers(
        self,
        country: str,
        state: Optional[str] = None,
        *,
        page: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> AvailableNumbersResponse:
        """Numbers for sale in a country (and state), 20 a page.

        ``number/get_choices``; a free query, retried on failure.

        Args:
            country (str, required; an ISO 3166-1 alpha-2 code such as SG or US): ISO 3166-1 alpha-2 country code.
            state (str; an ISO 3166-2 code such as AL): ISO 3166-2 state code; needed where numbers are sold by state (US).
            page (int; at least 1): The page to fetch, counting from 1 (20 numbers a page).

        Returns:
            AvailableNumbersResponse.
        """
        return self._client._call(
            _AVAILABLE_NUMBERS,
            (country, state, page),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def available_numbers_iter(
        self,
        country: str,
        state: Optional[str] = None,
        *,
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> Pager[AvailableNumber]:
        """Iterate over every AvailableNumber of ``available_numbers``, fetching pages of 20 lazily.

        Takes the same arguments as ``available_numbers`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return Pager(
            self,
            _AVAILABLE_NUMBERS,
            (country, state, None),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
            limit,
            max_pages,
        )

    def rate(
        self,
        country: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> NumberRatesResponse:
        """Subscription prices for a country's numbers.

        ``number/get_rates``; a free query, retried on failure.

        Args:
            country (str, required; an ISO 3166-1 alpha-2 code such as SG or US): ISO 3166-1 alpha-2 country code.

        Returns:
            NumberRatesResponse.
        """
        return self._client._call(
            _RATE,
            (country,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def subscribe(
        self,
        number: str,
        duration: Union[Literal["1", "3", "12", "auto_extend"], int],
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SubscribeResponse:
        """Subscribe to a number, or extend one you have.

        ``number/subscribe``; costs money.

        Args:
            number (phone number, required; E.164): The number, from available_numbers or one of yours.
            duration (str, required; one of 1, 3, 12, auto_extend): 1, 3 or 12 months, or "auto_extend" to renew monthly (needs a stored credit card).

        Returns:
            SubscribeResponse.
        """
        return self._client._call(
            _SUBSCRIBE,
            (number, duration),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def configure(
        self,
        number: str,
        *,
        forward_to: Optional[str] = None,
        forward_sms_to: Optional[str] = None,
        mode: Optional[Literal["voice", "fax"]] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ConfigureResponse:
        """Set the URLs notified of a number's incoming calls, faxes and SMS.

        ``number/update_forwarding``.

        Args:
            number (phone number, required; E.164): One of your Hoiio Numbers.
            forward_to (http(s) URL; at most 4000 characters): URL notified of incoming calls (mode voice) or faxes (mode fax).
            forward_sms_to (http(s) URL; at most 4000 characters): URL notified of incoming SMS.
            mode (str; one of voice, fax): Whether forward_to receives voice calls (the default) or faxes.

        Returns:
            ConfigureResponse.
        """
        return self._client._call(
            _CONFIGURE,
            (number, forward_to, forward_sms_to, mode),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def subscribed_numbers(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ActiveNumbersResponse:
        """Your subscribed Hoiio Numbers.

        ``number/get_active``; a free query, retried on failure.

        Returns:
            ActiveNumbersResponse.
        """
        return self._client._call(
            _SUBSCRIBED_NUMBERS,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    active_numbers = subscribed_numbers


class AsyncNumber(AsyncService):
    """Buy Hoiio Numbers and configure where their calls, faxes and SMS are notified.

    The async twin of :class:`Number` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "available_countries": _AVAILABLE_COUNTRIES,
        "available_numbers": _AVAILABLE_NUMBERS,
        "rate": _RATE,
        "subscribe": _SUBSCRIBE,
        "configure": _CONFIGURE,
        "subscribed_numbers": _SUBSCRIBED_NUMBERS,
        "active_numbers": _SUBSCRIBED_NUMBERS,
    }

    async def available_countries(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> CountriesResponse:
        """Countries (and states) with Hoiio Numbers for sale.

        ``number/get_countries``; a free query, retried on failure.

        Returns:
            CountriesResponse.
        """
        return await self._client._call(
            _AVAILABLE_COUNTRIES,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def available_numbers(
        self,
        country: str,
        state: Optional[str] = None,
        *,
        page: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> AvailableNumbersResponse:
        """Numbers for sale in a country (and state), 20 a page.

        ``number/get_choices``; a free query, retried on failure.

        Args:
            country (str, required; an ISO 3166-1 alpha-2 code such as SG or US): ISO 3166-1 alpha-2 country code.
            state (str; an ISO 3166-2 code such as AL): ISO 3166-2 state code; needed where numbers are sold by state (US).
            page (int; at least 1): The page to fetch, counting from 1 (20 numbers a page).

        Returns:
            AvailableNumbersResponse.
        """
        return await self._client._call(
            _AVAILABLE_NUMBERS,
            (country, state, page),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def available_numbers_iter(
        self,
        country: str,
        state: Optional[str] = None,
        *,
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> AsyncPager[AvailableNumber]:
        """Iterate over every AvailableNumber of ``available_numbers`` with ``async for``, fetching pages of 20 lazily.

        Takes the same arguments as ``available_numbers`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return AsyncPager(
            self,
            _AVAILABLE_NUMBERS,
            (country, state, None),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
            limit,
            max_pages,
        )

    async def rate(
        self,
        country: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> NumberRatesResponse:
        """Subscription prices for a country's numbers.

        ``number/get_rates``; a free query, retried on failure.

        Args:
            country (str, required; an ISO 3166-1 alpha-2 code such as SG or US): ISO 3166-1 alpha-2 country code.

        Returns:
            NumberRatesResponse.
        """
        return await self._client._call(
            _RATE,
            (country,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def subscribe(
        self,
        number: str,
        duration: Union[Literal["1", "3", "12", "auto_extend"], int],
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SubscribeResponse:
        """Subscribe to a number, or extend one you have.

        ``number/subscribe``; costs money.

        Args:
            number (phone number, required; E.164): The number, from available_numbers or one of yours.
            duration (str, required; one of 1, 3, 12, auto_extend): 1, 3 or 12 months, or "auto_extend" to renew monthly (needs a stored credit card).

        Returns:
            SubscribeResponse.
        """
        return await self._client._call(
            _SUBSCRIBE,
            (number, duration),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def configure(
        self,
        number: str,
        *,
        forward_to: Optional[str] = None,
        forward_sms_to: Optional[str] = None,
        mode: Optional[Literal["voice", "fax"]] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ConfigureResponse:
        """Set the URLs notified of a number's incoming calls, faxes and SMS.

        ``number/update_forwarding``.

        Args:
            number (phone number, required; E.164): One of your Hoiio Numbers.
            forward_to (http(s) URL; at most 4000 characters): URL notified of incoming calls (mode voice) or faxes (mode fax).
            forward_sms_to (http(s) URL; at most 4000 characters): URL notified of incoming SMS.
            mode (str; one of voice, fax): Whether forward_to receives voice calls (the default) or faxes.

        Returns:
            ConfigureResponse.
        """
        return await self._client._call(
            _CONFIGURE,
            (number, forward_to, forward_sms_to, mode),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def subscribed_numbers(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ActiveNumbersResponse:
        """Your subscribed Hoiio Numbers.

        ``number/get_active``; a free query, retried on failure.

        Returns:
            ActiveNumbersResponse.
        """
        return await self._client._call(
            _SUBSCRIBED_NUMBERS,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    active_numbers = subscribed_numbers


class NumberFacade(FacadeService):
    """``Hoiio.number``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def available_countries(self, **optional: Any) -> UncheckedCountriesResponse:
        """Countries (and states) with Hoiio Numbers for sale. See :meth:`Number.available_countries`."""
        return self._legacy(_AVAILABLE_COUNTRIES, {}, optional)

    def available_numbers(
        self, country: str, state: Optional[str] = None, **optional: Any
    ) -> UncheckedAvailableNumbersResponse:
        """Numbers for sale in a country (and state), 20 a page. See :meth:`Number.available_numbers`."""
        return self._legacy(_AVAILABLE_NUMBERS, {"country": country, "state": state}, optional)

    def available_numbers_iter(
        self, country: str, state: Optional[str] = None, **optional: Any
    ) -> Pager[AvailableNumber]:
        """Iterate over every AvailableNumber of ``available_numbers``. See :meth:`Number.available_numbers_iter`."""
        return self._legacy_iter("available_numbers_iter", _AVAILABLE_NUMBERS, (country, state), optional)

    def rate(self, country: str, **optional: Any) -> UncheckedNumberRatesResponse:
        """Subscription prices for a country's numbers. See :meth:`Number.rate`."""
        return self._legacy(_RATE, {"country": country}, optional)

    def subscribe(
        self, number: str, duration: Union[Literal["1", "3", "12", "auto_extend"], int], **optional: Any
    ) -> UncheckedSubscribeResponse:
        """Subscribe to a number, or extend one you have. See :meth:`Number.subscribe`."""
        return self._legacy(_SUBSCRIBE, {"number": number, "duration": duration}, optional)

    def configure(self, number: str, **optional: Any) -> UncheckedConfigureResponse:
        """Set the URLs notified of a number's incoming calls, faxes and SMS. See :meth:`Number.configure`."""
        return self._legacy(_CONFIGURE, {"number": number}, optional)

    def subscribed_numbers(self, **optional: Any) -> UncheckedActiveNumbersResponse:
        """Your subscribed Hoiio Numbers. See :meth:`Number.subscribed_numbers`."""
        return self._legacy(_SUBSCRIBED_NUMBERS, {}, optional)

    active_numbers = subscribed_numbers
