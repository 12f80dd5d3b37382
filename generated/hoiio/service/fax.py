# Generated from spec/fax.yaml by `make generate`; do not edit.
"""Send faxes and look up their status, price and history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.fax import FaxSendResponse, FaxHistoryResponse, FaxRateResponse, FaxStatusResponse, FaxRecord

if TYPE_CHECKING:  # pragma: no cover
    from ..models.fax import (
        UncheckedFaxSendResponse,
        UncheckedFaxHistoryResponse,
        UncheckedFaxRateResponse,
        UncheckedFaxStatusResponse,
    )

__all__ = ["Fax", "AsyncFax", "FaxFacade"]

_FAX_SEND = Endpoint(
    "fax/send",
    kind="action",
    charged=True,
    multipart=True,
    statuses=(
        "error_dest_invalid",
        "error_dest_not_supported",
        "error_service_not_available",
        "error_file_invalid",
        "error_file_too_big",
        "error_page_size_invalid",
        "error_caller_id_invalid",
        "error_concurrent_call_limit_reached",
        "error_insufficient_credit",
        "error_not_allowed_for_trial",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
    ),
    notifications=("fax_result",),
    params=(
        Param("dest", "dest", "phone", required=True, invalid="error_dest_invalid"),
        Param(
            "file",
            "file",
            "pdf",
            required=True,
            max_bytes=2097152,
            invalid="error_file_invalid",
            too_big="error_file_too_big",
        ),
        Param("filename", "filename", "str"),
        Param("caller_id", "caller_id", "caller_id", invalid="error_caller_id_invalid"),
        Param(
            "fax_header",
            "fax_header",
            "str",
            max_length=100,
            pattern="^[A-Za-z0-9 ]*$",
            pattern_doc="letters, digits and spaces",
        ),
        Param("tag", "tag", "str", max_length=256, invalid="error_tag_invalid_length"),
        Param(
            "notify_url",
            "notify_url",
            "url",
            max_length=4000,
            invalid="error_invalid_notify_url",
            unresolvable="error_unable_to_resolve_notify_url",
        ),
    ),
)
_SEND = Method(
    "fax.send",
    _FAX_SEND,
    FaxSendResponse,
    ("dest", "file", "filename", "caller_id", "fax_header", "tag", "notify_url"),
)

_FAX_GET_HISTORY = Endpoint(
    "fax/get_history",
    kind="query",
    charged=False,
    ordered=("from", "to"),
    ordered_status="error_to_before_from",
    paginated={"items": "entries", "page_param": "page", "page_size": 100, "total": "total_entries_count"},
    statuses=(
        "error_from_invalid",
        "error_to_invalid",
        "error_to_before_from",
        "error_page_invalid",
        "error_invalid_type",
    ),
    params=(
        Param("from", "from_", "datetime", invalid="error_from_invalid"),
        Param("to", "to", "datetime", invalid="error_to_invalid"),
        Param("page", "page", "int", minimum=1, invalid="error_page_invalid"),
        Param("type", "type", "enum", values=("incoming", "outgoing", "all"), invalid="error_invalid_type"),
    ),
)
_HISTORY = Method("fax.history", _FAX_GET_HISTORY, FaxHistoryResponse, ("from", "to", "page", "type"))

_FAX_GET_RATE = Endpoint(
    "fax/get_rate",
    kind="query",
    charged=False,
    one_of=(
        Group(
            ("dest", "incoming"),
            required=True,
            both="error_dest_incoming_both_present",
            none="error_dest_incoming_both_missing",
        ),
    ),
    statuses=(
        "error_dest_invalid",
        "error_dest_incoming_both_present",
        "error_dest_incoming_both_missing",
        "error_service_not_available",
    ),
    params=(
        Param("dest", "dest", "phone", invalid="error_dest_invalid"),
        Param("incoming", "incoming", "phone", invalid="error_dest_invalid"),
    ),
)
_RATE = Method("fax.rate", _FAX_GET_RATE, FaxRateResponse, ("dest",), require=("dest",))
_RATE_IN = Method(
    "fax.rate_in",
    _FAX_GET_RATE,
    FaxRateResponse,
    ("incoming",),
    require=("incoming",),
    aliases=(("dest", "incoming"),),
)

_FAX_QUERY_STATUS = Endpoint(
    "fax/query_status",
    kind="query",
    charged=False,
    statuses=("error_invalid_txn_ref", "error_txn_ref_access_denied", "error_txn_ref_invalid"),
    params=(
        Param("txn_ref", "txn_ref", "str", required=True, min_length=1, invalid="error_invalid_txn_ref"),
    ),
)
_STATUS = Method("fax.status", _FAX_QUERY_STATUS, FaxStatusResponse, ("txn_ref",))


class Fax(Service):
    """Send faxes and look up their status, price and history.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "send": _SEND,
        "history": _HISTORY,
        "rate": _RATE,
        "rate_in": _RATE_IN,
        "status": _STATUS,
    }

    def send(
        self,
        dest: str,
        file: FileInput,
        *,
        filename: Optional[str] = None,
        caller_id: Optional[str] = None,
        fax_header: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxSendResponse:
        """Fax a PDF (A4 or Letter, at most 2 MB).

        ``fax/send``; costs money.

        Args:
            dest (phone number, required; E.164): The fax number.
            file (PDF (path, bytes or file), required; at most 2 MB): The PDF, as a path, bytes or a binary file object (at most 2 MB), uploaded as multipart.
            filename (str): The name Hoiio stores the PDF under; defaults to the file's own name.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            fax_header (str; at most 100 characters; letters, digits and spaces): Header printed on each page (letters, digits and spaces, at most 100); "" prints none.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified with the result.

        Returns:
            FaxSendResponse; notifications: fax_result.
        """
        return self._client._call(
            _SEND,
            (dest, file, filename, caller_id, fax_header, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def history(
        self,
        *,
        from_: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        page: Optional[int] = None,
        type: Optional[Literal["incoming", "outgoing", "all"]] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxHistoryResponse:
        """List sent and received faxes, 100 a page.

        ``fax/get_history``; a free query, retried on failure.

        Args:
            from_ (datetime or str): Only transactions at or after this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            to (datetime or str): Only transactions before this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            page (int; at least 1): The page to fetch, counting from 1 (100 entries a page).
            type (str; one of incoming, outgoing, all): incoming, outgoing or all (the default).

        Returns:
            FaxHistoryResponse.
        """
        return self._client._call(
            _HISTORY,
            (from_, to, page, type),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def history_iter(
        self,
        *,
        from_: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        type: Optional[Literal["incoming", "outgoing", "all"]] = None,
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> Pager[FaxRecord]:
        """Iterate over every FaxRecord of ``history``, fetching pages of 100 lazily.

        Takes the same arguments as ``history`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return Pager(
            self,
            _HISTORY,
            (from_, to, None, type),
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
        dest: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxRateResponse:
        """Price per minute of sending a fax to a number.

        ``fax/get_rate``; a free query, retried on failure.

        Args:
            dest (phone number, required; E.164): The fax number to send to.

        Returns:
            FaxRateResponse.
        """
        return self._client._call(
            _RATE,
            (dest,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def rate_in(
        self,
        incoming: Optional[str] = None,
        *,
        dest: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxRateResponse:
        """Price per minute of receiving a fax on your Hoiio Number.

        ``fax/get_rate``; a free query, retried on failure.

        Args:
            incoming (phone number, required; E.164): Your Hoiio Number that would receive the fax.
            dest: The same as incoming (the original SDK's name for it).

        Returns:
            FaxRateResponse.
        """
        return self._client._call(
            _RATE_IN,
            (incoming, dest),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def status(
        self,
        txn_ref: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxStatusResponse:
        """Status of one fax, sent or received.

        ``fax/query_status``; a free query, retried on failure.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            FaxStatusResponse.
        """
        return self._client._call(
            _STATUS,
            (txn_ref,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class AsyncFax(AsyncService):
    """Send faxes and look up their status, price and history.

    The async twin of :class:`Fax` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "send": _SEND,
        "history": _HISTORY,
        "rate": _RATE,
        "rate_in": _RATE_IN,
        "status": _STATUS,
    }

    async def send(
        self,
        dest: str,
        file: FileInput,
        *,
        filename: Optional[str] = None,
        caller_id: Optional[str] = None,
        fax_header: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxSendResponse:
        """Fax a PDF (A4 or Letter, at most 2 MB).

        ``fax/send``; costs money.

        Args:
            dest (phone number, required; E.164): The fax number.
            file (PDF (path, bytes or file), required; at most 2 MB): The PDF, as a path, bytes or a binary file object (at most 2 MB), uploaded as multipart.
            filename (str): The name Hoiio stores the PDF under; defaults to the file's own name.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            fax_header (str; at most 100 characters; letters, digits and spaces): Header printed on each page (letters, digits and spaces, at most 100); "" prints none.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified with the result.

        Returns:
            FaxSendResponse; notifications: fax_result.
        """
        return await self._client._call(
            _SEND,
            (dest, file, filename, caller_id, fax_header, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def history(
        self,
        *,
        from_: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        page: Optional[int] = None,
        type: Optional[Literal["incoming", "outgoing", "all"]] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxHistoryResponse:
        """List sent and received faxes, 100 a page.

        ``fax/get_history``; a free query, retried on failure.

        Args:
            from_ (datetime or str): Only transactions at or after this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            to (datetime or str): Only transactions before this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            page (int; at least 1): The page to fetch, counting from 1 (100 entries a page).
            type (str; one of incoming, outgoing, all): incoming, outgoing or all (the default).

        Returns:
            FaxHistoryResponse.
        """
        return await self._client._call(
            _HISTORY,
            (from_, to, page, type),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def history_iter(
        self,
        *,
        from_: Optional[DateLike] = None,
        to: Optional[DateLike] = None,
        type: Optional[Literal["incoming", "outgoing", "all"]] = None,
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> AsyncPager[FaxRecord]:
        """Iterate over every FaxRecord of ``history`` with ``async for``, fetching pages of 100 lazily.

        Takes the same arguments as ``history`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return AsyncPager(
            self,
            _HISTORY,
            (from_, to, None, type),
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
        dest: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxRateResponse:
        """Price per minute of sending a fax to a number.

        ``fax/get_rate``; a free query, retried on failure.

        Args:
            dest (phone number, required; E.164): The fax number to send to.

        Returns:
            FaxRateResponse.
        """
        return await self._client._call(
            _RATE,
            (dest,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def rate_in(
        self,
        incoming: Optional[str] = None,
        *,
        dest: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxRateResponse:
        """Price per minute of receiving a fax on your Hoiio Number.

        ``fax/get_rate``; a free query, retried on failure.

        Args:
            incoming (phone number, required; E.164): Your Hoiio Number that would receive the fax.
            dest: The same as incoming (the original SDK's name for it).

        Returns:
            FaxRateResponse.
        """
        return await self._client._call(
            _RATE_IN,
            (incoming, dest),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def status(
        self,
        txn_ref: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> FaxStatusResponse:
        """Status of one fax, sent or received.

        ``fax/query_status``; a free query, retried on failure.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            FaxStatusResponse.
        """
        return await self._client._call(
            _STATUS,
            (txn_ref,),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class FaxFacade(FacadeService):
    """``Hoiio.fax``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def send(self, dest: str, file: FileInput, **optional: Any) -> UncheckedFaxSendResponse:
        """Fax a PDF (A4 or Letter, at most 2 MB). See :meth:`Fax.send`."""
        return self._legacy(_SEND, {"dest": dest, "file": file}, optional)

    def history(self, **optional: Any) -> UncheckedFaxHistoryResponse:
        """List sent and received faxes, 100 a page. See :meth:`Fax.history`."""
        return self._legacy(_HISTORY, {}, optional)

    def history_iter(self, **optional: Any) -> Pager[FaxRecord]:
        """Iterate over every FaxRecord of ``history``. See :meth:`Fax.history_iter`."""
        return self._legacy_iter("history_iter", _HISTORY, (), optional)

    def rate(self, dest: str, **optional: Any) -> UncheckedFaxRateResponse:
        """Price per minute of sending a fax to a number. See :meth:`Fax.rate`."""
        return self._legacy(_RATE, {"dest": dest}, optional)

    def rate_in(self, incoming: Optional[str] = None, **optional: Any) -> UncheckedFaxRateResponse:
        """Price per minute of receiving a fax on your Hoiio Number. See :meth:`Fax.rate_in`."""
        return self._legacy(_RATE_IN, {"incoming": incoming}, optional)

    def status(self, txn_ref: str, **optional: Any) -> UncheckedFaxStatusResponse:
        """Status of one fax, sent or received. See :meth:`Fax.status`."""
        return self._legacy(_STATUS, {"txn_ref": txn_ref}, optional)
