# Generated from spec/account.yaml by `make generate`; do not edit.
"""Your credit balance and account profile."""

from __future__ import annotations

from typing import Any, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput
from ..models.account import BalanceResponse, InfoResponse

__all__ = ["Account", "AsyncAccount"]

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

    Every method also takes the keyword options app_id, access_token (override the client's),
    extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries.
    """

    def balance(
        self,
        **options: Any,
    ) -> BalanceResponse:
        """Credit balance (points plus bonus).

        ``user/get_balance``; a free query, retried on failure.

        Returns:
            BalanceResponse.
        """
        return self._call(_BALANCE, (), options)

    def info(
        self,
        **options: Any,
    ) -> InfoResponse:
        """The account's profile.

        ``user/get_info``; a free query, retried on failure.

        Returns:
            InfoResponse.
        """
        return self._call(_INFO, (), options)


class AsyncAccount(AsyncService):
    """Your credit balance and account profile.

    The async twin of :class:`Account` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword options app_id, access_token (override the client's),
    extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries.
    """

    async def balance(
        self,
        **options: Any,
    ) -> BalanceResponse:
        """Credit balance (points plus bonus).

        ``user/get_balance``; a free query, retried on failure.

        Returns:
            BalanceResponse.
        """
        return await self._call(_BALANCE, (), options)

    async def info(
        self,
        **options: Any,
    ) -> InfoResponse:
        """The account's profile.

        ``user/get_info``; a free query, retried on failure.

        Returns:
            InfoResponse.
        """
        return await self._call(_INFO, (), options)
