# Generated from spec/demo.yaml by `make generate`; do not edit.
"""Send greetings and list items."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.demo import DemoSendResponse, DemoItemsResponse, DemoItemResponse, Item

if TYPE_CHECKING:  # pragma: no cover
    from ..models.demo import UncheckedDemoSendResponse, UncheckedDemoItemsResponse, UncheckedDemoItemResponse

__all__ = ["Demo", "AsyncDemo", "DemoFacade"]

_DEMO_SEND = Endpoint(
    "demo/send",
    kind="action",
    charged=True,
    one_of=(
        Group(
            ("dest", "group"),
            required=True,
            both="error_dest_group_both_present",
            none="error_dest_group_both_missing",
        ),
    ),
    statuses=(
        "error_dest_invalid",
        "error_dest_group_both_present",
        "error_dest_group_both_missing",
        "error_tag_invalid_length",
    ),
    notifications=("demo_delivered",),
    params=(
        Param("msg", "msg", "str", required=True, min_length=1, max_length=160),
        Param("dest", "dests", "phone_list", variadic=True, max_items=10, invalid="error_dest_invalid"),
        Param("group", "group", "str"),
        Param("tag", "tag", "str", max_length=32, invalid="error_tag_invalid_length"),
    ),
)
_SEND = Method("demo.send", _DEMO_SEND, DemoSendResponse, ("msg", "dest", "group", "tag"))

_DEMO_GET_ITEMS = Endpoint(
    "demo/get_items",
    kind="query",
    charged=False,
    paginated={"items": "entries", "page_param": "page", "page_size": 10, "total": "total"},
    params=(
        Param("colour", "colour", "enum", values=("red", "green", "blue")),
        Param("page", "page", "int", minimum=1),
    ),
)
_ITEMS = Method(
    "demo.items", _DEMO_GET_ITEMS, DemoItemsResponse, ("colour", "page"), aliases=(("hue", "colour"),)
)

_DEMO_GET_ITEM = Endpoint(
    "demo/get_item",
    kind="query",
    charged=False,
    statuses=("error_invalid_ref",),
    params=(Param("ref", "ref", "str", required=True, min_length=1, invalid="error_invalid_ref"),),
)
_ITEM = Method("demo.item", _DEMO_GET_ITEM, DemoItemResponse, ("ref",))


class Demo(Service):
    """Send greetings and list items.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "send": _SEND,
        "greet": _SEND,
        "items": _ITEMS,
        "item": _ITEM,
    }

    def send(
        self,
        msg: str,
        *dests: str,
        group: Optional[str] = None,
        tag: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DemoSendResponse:
        """Send a greeting to some numbers, or to a group.

        ``demo/send``; costs money.

        Args:
            msg (str, required; 1 to 160 characters): The greeting.
            dests (phone numbers; E.164 each; at most 10 items): The recipients' numbers (at most 10), sent comma-separated.
            group (str): Instead of dests, a group name.
            tag (str; at most 32 characters): Your own reference, echoed back.

        Returns:
            DemoSendResponse; notifications: demo_delivered.
        """
        return self._client._call(
            _SEND,
            (msg, dests, group, tag),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    greet = send

    def items(
        self,
        colour: Optional[Literal["red", "green", "blue"]] = None,
        *,
        page: Optional[int] = None,
        hue: Optional[Literal["red", "green", "blue"]] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DemoItemsResponse:
        """List items, 10 a page.

        ``demo/get_items``; a free query, retried on failure.

        Args:
            colour (str; one of red, green, blue): Only items of this colour.
            page (int; at least 1): The page to fetch, counting from 1.
            hue: The same as colour (the original SDK's name for it).

        Returns:
            DemoItemsResponse.
        """
        return self._client._call(
            _ITEMS,
            (colour, page, hue),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def items_iter(
        self,
        colour: Optional[Literal["red", "green", "blue"]] = None,
        *,
        hue: Optional[Literal["red", "green", "blue"]] = None,
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> Pager[Item]:
        """Iterate over every Item of ``items``, fetching pages of 10 lazily.

        Takes the same arguments as ``items`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return Pager(
            self,
            _ITEMS,
            (colour, None, hue),
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

    def item(
        self,
        ref: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DemoItemResponse:
        """One item.

        ``demo/get_item``; a free query, retried on failure.

        Args:
            ref (str, required; not empty): The reference a send returned.

        Returns:
            DemoItemResponse.
        """
        return self._client._call(
            _ITEM,
            (ref,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class AsyncDemo(AsyncService):
    """Send greetings and list items.

    The async twin of :class:`Demo` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "send": _SEND,
        "greet": _SEND,
        "items": _ITEMS,
        "item": _ITEM,
    }

    async def send(
        self,
        msg: str,
        *dests: str,
        group: Optional[str] = None,
        tag: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DemoSendResponse:
        """Send a greeting to some numbers, or to a group.

        ``demo/send``; costs money.

        Args:
            msg (str, required; 1 to 160 characters): The greeting.
            dests (phone numbers; E.164 each; at most 10 items): The recipients' numbers (at most 10), sent comma-separated.
            group (str): Instead of dests, a group name.
            tag (str; at most 32 characters): Your own reference, echoed back.

        Returns:
            DemoSendResponse; notifications: demo_delivered.
        """
        return await self._client._call(
            _SEND,
            (msg, dests, group, tag),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    greet = send

    async def items(
        self,
        colour: Optional[Literal["red", "green", "blue"]] = None,
        *,
        page: Optional[int] = None,
        hue: Optional[Literal["red", "green", "blue"]] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DemoItemsResponse:
        """List items, 10 a page.

        ``demo/get_items``; a free query, retried on failure.

        Args:
            colour (str; one of red, green, blue): Only items of this colour.
            page (int; at least 1): The page to fetch, counting from 1.
            hue: The same as colour (the original SDK's name for it).

        Returns:
            DemoItemsResponse.
        """
        return await self._client._call(
            _ITEMS,
            (colour, page, hue),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def items_iter(
        self,
        colour: Optional[Literal["red", "green", "blue"]] = None,
        *,
        hue: Optional[Literal["red", "green", "blue"]] = None,
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> AsyncPager[Item]:
        """Iterate over every Item of ``items`` with ``async for``, fetching pages of 10 lazily.

        Takes the same arguments as ``items`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return AsyncPager(
            self,
            _ITEMS,
            (colour, None, hue),
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

    async def item(
        self,
        ref: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DemoItemResponse:
        """One item.

        ``demo/get_item``; a free query, retried on failure.

        Args:
            ref (str, required; not empty): The reference a send returned.

        Returns:
            DemoItemResponse.
        """
        return await self._client._call(
            _ITEM,
            (ref,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class DemoFacade(FacadeService):
    """``Hoiio.demo``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def send(self, msg: str, *dests: str, **optional: Any) -> UncheckedDemoSendResponse:
        """Send a greeting to some numbers, or to a group. See :meth:`Demo.send`."""
        return self._legacy(_SEND, {"msg": msg, "dests": dests}, optional)

    greet = send

    def items(
        self, colour: Optional[Literal["red", "green", "blue"]] = None, **optional: Any
    ) -> UncheckedDemoItemsResponse:
        """List items, 10 a page. See :meth:`Demo.items`."""
        return self._legacy(_ITEMS, {"colour": colour}, optional)

    def items_iter(
        self, colour: Optional[Literal["red", "green", "blue"]] = None, **optional: Any
    ) -> Pager[Item]:
        """Iterate over every Item of ``items``. See :meth:`Demo.items_iter`."""
        return self._legacy_iter("items_iter", _ITEMS, (colour,), optional)

    def item(self, ref: str, **optional: Any) -> UncheckedDemoItemResponse:
        """One item. See :meth:`Demo.item`."""
        return self._legacy(_ITEM, {"ref": ref}, optional)
