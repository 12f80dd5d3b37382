# Generated from spec/account.yaml by `make generate`; do not edit.
"""Your credit balance and account profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.account import BalanceResponse, InfoResponse

if TYPE_CHECKING:  # pragma: no cover
    from ..models.account import UncheckedBalanceResponse, UncheckedInfoResponse

__all__ = ["Account", "AsyncAccount", "AccountFacade"]

_USER_GET_BALANCE = Endpoint(
    "user/get_balance",
    kind="query",
    charged=False,
    params=(),
)
_BALANCE = Method("account.balance", _USER_GET_BALANCE, BalanceResponse, ())

_USER_GET_INFO = Endpoint(
    "user/get_info",
    kind="query",
    charged=False,
    params=(),
)
_INFO = Method("account.info", _USER_GET_INFO, InfoResponse, ())


class Account(Service):
    """Your credit balance and account profile.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "balance": _BALANCE,
        "info": _INFO,
    }

    def balance(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> BalanceResponse:
        """Credit balance (points plus bonus).

        ``user/get_balance``; a free query, retried on failure.

        Returns:
            BalanceResponse.
        """
        return self._client._call(
            _BALANCE,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def info(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> InfoResponse:
        """The account's profile.

        ``user/get_info``; a free query, retried on failure.

        Returns:
            InfoResponse.
        """
        return self._client._call(
            _INFO,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class AsyncAccount(AsyncService):
    """Your credit balance and account profile.

    The async twin of :class:`Account` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "balance": _BALANCE,
        "info": _INFO,
    }

    async def balance(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> BalanceResponse:
        """Credit balance (points plus bonus).

        ``user/get_balance``; a free query, retried on failure.

        Returns:
            BalanceResponse.
        """
        return await self._client._call(
            _BALANCE,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def info(
        self,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> InfoResponse:
        """The account's profile.

        ``user/get_info``; a free query, retried on failure.

        Returns:
            InfoResponse.
        """
        return await self._client._call(
            _INFO,
            (),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class AccountFacade(FacadeService):
    """``Hoiio.account``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def balance(self, **optional: Any) -> UncheckedBalanceResponse:
        """Credit balance (points plus bonus). See :meth:`Account.balance`."""
        return self._legacy(_BALANCE, {}, optional)

    def info(self, **optional: Any) -> UncheckedInfoResponse:
        """The account's profile. See :meth:`Account.info`."""
        return self._legacy(_INFO, {}, optional)
