# Generated from spec/sms.yaml by `make generate`; do not edit.
"""Send SMS and look up their status, price and history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.sms import (
    SmsSendResponse,
    SmsBulkSendResponse,
    SmsHistoryResponse,
    SmsRateResponse,
    SmsStatusResponse,
    SmsRecord,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..models.sms import (
        UncheckedSmsSendResponse,
        UncheckedSmsBulkSendResponse,
        UncheckedSmsHistoryResponse,
        UncheckedSmsRateResponse,
        UncheckedSmsStatusResponse,
    )

__all__ = ["Sms", "AsyncSms", "SmsFacade"]

_SMS_SEND = Endpoint(
    "sms/send",
    kind="action",
    charged=True,
    statuses=(
        "error_dest_invalid",
        "error_dest_not_supported",
        "error_sms_service_not_available",
        "error_msg_empty",
        "error_msg_too_big",
        "error_sms_rebrand_not_enabled",
        "error_invalid_sender_name",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_insufficient_credit",
        "error_not_allowed_for_trial",
    ),
    notifications=("sms_delivery",),
    params=(
        Param(
            "msg",
            "msg",
            "str",
            required=True,
            min_length=1,
            max_parts=3,
            invalid="error_msg_too_big",
            empty_status="error_msg_empty",
        ),
        Param("dest", "dest", "phone", required=True, invalid="error_dest_invalid"),
        Param(
            "sender_name",
            "sender_name",
            "str",
            min_length=3,
            max_length=11,
            invalid="error_invalid_sender_name",
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
_SEND = Method("sms.send", _SMS_SEND, SmsSendResponse, ("msg", "dest", "sender_name", "tag", "notify_url"))

_SMS_BULK_SEND = Endpoint(
    "sms/bulk_send",
    kind="action",
    charged=True,
    one_of=(Group(("dest", "recipients"), required=True),),
    statuses=(
        "error_dest_invalid",
        "error_dest_not_supported",
        "error_sms_service_not_available",
        "error_dest_too_many",
        "error_msg_empty",
        "error_msg_too_big",
        "error_sms_rebrand_not_enabled",
        "error_invalid_sender_name",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_insufficient_credit",
        "error_not_allowed_for_trial",
    ),
    notifications=("sms_delivery",),
    params=(
        Param(
            "msg",
            "msg",
            "str",
            required=True,
            min_length=1,
            invalid="error_msg_too_big",
            empty_status="error_msg_empty",
        ),
        Param(
            "dest",
            "dests",
            "phone_list",
            variadic=True,
            max_items=1000,
            invalid="error_dest_invalid",
            too_many="error_dest_too_many",
        ),
        Param(
            "recipients",
            "recipients",
            "recipients",
            max_items=1000,
            invalid="error_dest_invalid",
            too_many="error_dest_too_many",
        ),
        Param(
            "sender_name",
            "sender_name",
            "str",
            min_length=3,
            max_length=11,
            invalid="error_invalid_sender_name",
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
_BULK_SEND = Method(
    "sms.bulk_send",
    _SMS_BULK_SEND,
    SmsBulkSendResponse,
    ("msg", "dest", "recipients", "sender_name", "tag", "notify_url"),
)

_SMS_GET_HISTORY = Endpoint(
    "sms/get_history",
    kind="query",
    charged=False,
    ordered=("from", "to"),
    ordered_status="error_to_before_from",
    paginated={"items": "entries", "page_param": "page", "page_size": 100, "total": "total_entries_count"},
    statuses=("error_from_invalid", "error_to_invalid", "error_to_before_from", "error_page_invalid"),
    params=(
        Param("from", "from_", "datetime", invalid="error_from_invalid"),
        Param("to", "to", "datetime", invalid="error_to_invalid"),
        Param("page", "page", "int", minimum=1, invalid="error_page_invalid"),
    ),
)
_HISTORY = Method("sms.history", _SMS_GET_HISTORY, SmsHistoryResponse, ("from", "to", "page"))

_SMS_GET_RATE = Endpoint(
    "sms/get_rate",
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
        "error_dest_not_supported",
        "error_sms_service_not_available",
        "error_incoming_sms_not_supported",
    ),
    params=(
        Param("dest", "dest", "phone", invalid="error_dest_invalid"),
        Param("incoming", "incoming", "phone", invalid="error_dest_invalid"),
        Param("msg", "msg", "str", max_parts=3),
    ),
)
_RATE = Method("sms.rate", _SMS_GET_RATE, SmsRateResponse, ("msg", "dest"), require=("dest",))
_RATE_IN = Method(
    "sms.rate_in",
    _SMS_GET_RATE,
    SmsRateResponse,
    ("incoming",),
    require=("incoming",),
    aliases=(("dest", "incoming"),),
)

_SMS_QUERY_STATUS = Endpoint(
    "sms/query_status",
    kind="query",
    charged=False,
    statuses=("error_invalid_txn_ref", "error_txn_ref_access_denied", "error_txn_ref_invalid"),
    params=(
        Param("txn_ref", "txn_ref", "str", required=True, min_length=1, invalid="error_invalid_txn_ref"),
    ),
)
_STATUS = Method("sms.status", _SMS_QUERY_STATUS, SmsStatusResponse, ("txn_ref",))


class Sms(Service):
    """Send SMS and look up their status, price and history.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "send": _SEND,
        "bulk_send": _BULK_SEND,
        "history": _HISTORY,
        "rate": _RATE,
        "rate_in": _RATE_IN,
        "status": _STATUS,
    }

    def send(
        self,
        msg: str,
        dest: str,
        *,
        sender_name: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsSendResponse:
        """Send one SMS.

        ``sms/send``; costs money.

        Args:
            msg (str, required; not empty; at most 3 SMS parts): The message; up to 3 parts (459 GSM or 201 Unicode characters).
            dest (phone number, required; E.164): The recipient's mobile number (E.164).
            sender_name (str; 3 to 11 characters): Name shown as the sender, 3 to 11 characters; needs SMS rebranding enabled.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL that receives delivery notifications.

        Returns:
            SmsSendResponse; notifications: sms_delivery.
        """
        return self._client._call(
            _SEND,
            (msg, dest, sender_name, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def bulk_send(
        self,
        msg: str,
        *dests: str,
        recipients: Optional[Sequence[Mapping[str, Any]]] = None,
        sender_name: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsBulkSendResponse:
        """Send one message to up to 1000 numbers.

        ``sms/bulk_send``; costs money.

        Args:
            msg (str, required; not empty): The message, or a Mustache template filled from each recipient's fields.
            dests (phone numbers; E.164 each; at most 1000 items): The recipients' numbers (at most 1000), sent comma-separated.
            recipients (list of mappings; at most 1000 items): Instead of dests: a list of mappings, each with "dest" and the template variables for that recipient.
            sender_name (str; 3 to 11 characters): Name shown as the sender, 3 to 11 characters; needs SMS rebranding enabled.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL that receives a delivery notification for each SMS.

        Returns:
            SmsBulkSendResponse; notifications: sms_delivery.
        """
        return self._client._call(
            _BULK_SEND,
            (msg, dests, recipients, sender_name, tag, notify_url),
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
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsHistoryResponse:
        """List sent and received SMS, 100 a page.

        ``sms/get_history``; a free query, retried on failure.

        Args:
            from_ (datetime or str): Only transactions at or after this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            to (datetime or str): Only transactions before this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            page (int; at least 1): The page to fetch, counting from 1 (100 entries a page).

        Returns:
            SmsHistoryResponse.
        """
        return self._client._call(
            _HISTORY,
            (from_, to, page),
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
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> Pager[SmsRecord]:
        """Iterate over every SmsRecord of ``history``, fetching pages of 100 lazily.

        Takes the same arguments as ``history`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return Pager(
            self,
            _HISTORY,
            (from_, to, None),
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
        msg: Optional[str],
        dest: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsRateResponse:
        """Price of sending an SMS to a number (and of a message's parts).

        ``sms/get_rate``; a free query, retried on failure.

        Args:
            msg (str; at most 3 SMS parts): The message; gives the part count and total cost as well.
            dest (phone number, required; E.164): The number the SMS would go to.

        Returns:
            SmsRateResponse.
        """
        return self._client._call(
            _RATE,
            (msg, dest),
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
    ) -> SmsRateResponse:
        """Price of receiving an SMS on your Hoiio Number.

        ``sms/get_rate``; a free query, retried on failure.

        Args:
            incoming (phone number, required; E.164): Your Hoiio Number that would receive the SMS.
            dest: The same as incoming (the original SDK's name for it).

        Returns:
            SmsRateResponse.
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
    ) -> SmsStatusResponse:
        """Status of one SMS.

        ``sms/query_status``; a free query, retried on failure.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            SmsStatusResponse.
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


class AsyncSms(AsyncService):
    """Send SMS and look up their status, price and history.

    The async twin of :class:`Sms` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "send": _SEND,
        "bulk_send": _BULK_SEND,
        "history": _HISTORY,
        "rate": _RATE,
        "rate_in": _RATE_IN,
        "status": _STATUS,
    }

    async def send(
        self,
        msg: str,
        dest: str,
        *,
        sender_name: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsSendResponse:
        """Send one SMS.

        ``sms/send``; costs money.

        Args:
            msg (str, required; not empty; at most 3 SMS parts): The message; up to 3 parts (459 GSM or 201 Unicode characters).
            dest (phone number, required; E.164): The recipient's mobile number (E.164).
            sender_name (str; 3 to 11 characters): Name shown as the sender, 3 to 11 characters; needs SMS rebranding enabled.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL that receives delivery notifications.

        Returns:
            SmsSendResponse; notifications: sms_delivery.
        """
        return await self._client._call(
            _SEND,
            (msg, dest, sender_name, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def bulk_send(
        self,
        msg: str,
        *dests: str,
        recipients: Optional[Sequence[Mapping[str, Any]]] = None,
        sender_name: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsBulkSendResponse:
        """Send one message to up to 1000 numbers.

        ``sms/bulk_send``; costs money.

        Args:
            msg (str, required; not empty): The message, or a Mustache template filled from each recipient's fields.
            dests (phone numbers; E.164 each; at most 1000 items): The recipients' numbers (at most 1000), sent comma-separated.
            recipients (list of mappings; at most 1000 items): Instead of dests: a list of mappings, each with "dest" and the template variables for that recipient.
            sender_name (str; 3 to 11 characters): Name shown as the sender, 3 to 11 characters; needs SMS rebranding enabled.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL that receives a delivery notification for each SMS.

        Returns:
            SmsBulkSendResponse; notifications: sms_delivery.
        """
        return await self._client._call(
            _BULK_SEND,
            (msg, dests, recipients, sender_name, tag, notify_url),
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
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsHistoryResponse:
        """List sent and received SMS, 100 a page.

        ``sms/get_history``; a free query, retried on failure.

        Args:
            from_ (datetime or str): Only transactions at or after this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            to (datetime or str): Only transactions before this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            page (int; at least 1): The page to fetch, counting from 1 (100 entries a page).

        Returns:
            SmsHistoryResponse.
        """
        return await self._client._call(
            _HISTORY,
            (from_, to, page),
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
        limit: Optional[int] = None,
        max_pages: Optional[int] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> AsyncPager[SmsRecord]:
        """Iterate over every SmsRecord of ``history`` with ``async for``, fetching pages of 100 lazily.

        Takes the same arguments as ``history`` except ``page``; ``limit`` stops after
        that many entries, ``max_pages`` after that many pages. The pager's ``total`` is the total count, once the
        first page is in. Without ``max_pages``, a server that gives no total count and still has more after
        1,000 full pages raises MalformedResponseError.
        """
        return AsyncPager(
            self,
            _HISTORY,
            (from_, to, None),
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
        msg: Optional[str],
        dest: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> SmsRateResponse:
        """Price of sending an SMS to a number (and of a message's parts).

        ``sms/get_rate``; a free query, retried on failure.

        Args:
            msg (str; at most 3 SMS parts): The message; gives the part count and total cost as well.
            dest (phone number, required; E.164): The number the SMS would go to.

        Returns:
            SmsRateResponse.
        """
        return await self._client._call(
            _RATE,
            (msg, dest),
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
    ) -> SmsRateResponse:
        """Price of receiving an SMS on your Hoiio Number.

        ``sms/get_rate``; a free query, retried on failure.

        Args:
            incoming (phone number, required; E.164): Your Hoiio Number that would receive the SMS.
            dest: The same as incoming (the original SDK's name for it).

        Returns:
            SmsRateResponse.
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
    ) -> SmsStatusResponse:
        """Status of one SMS.

        ``sms/query_status``; a free query, retried on failure.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            SmsStatusResponse.
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


class SmsFacade(FacadeService):
    """``Hoiio.sms``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def send(self, msg: str, dest: str, **optional: Any) -> UncheckedSmsSendResponse:
        """Send one SMS. See :meth:`Sms.send`."""
        return self._legacy(_SEND, {"msg": msg, "dest": dest}, optional)

    def bulk_send(self, msg: str, *dests: str, **optional: Any) -> UncheckedSmsBulkSendResponse:
        """Send one message to up to 1000 numbers. See :meth:`Sms.bulk_send`."""
        return self._legacy(_BULK_SEND, {"msg": msg, "dests": dests}, optional)

    def history(self, **optional: Any) -> UncheckedSmsHistoryResponse:
        """List sent and received SMS, 100 a page. See :meth:`Sms.history`."""
        return self._legacy(_HISTORY, {}, optional)

    def history_iter(self, **optional: Any) -> Pager[SmsRecord]:
        """Iterate over every SmsRecord of ``history``. See :meth:`Sms.history_iter`."""
        return self._legacy_iter("history_iter", _HISTORY, (), optional)

    def rate(self, msg: Optional[str], dest: str, **optional: Any) -> UncheckedSmsRateResponse:
        """Price of sending an SMS to a number (and of a message's parts). See :meth:`Sms.rate`."""
        return self._legacy(_RATE, {"msg": msg, "dest": dest}, optional)

    def rate_in(self, incoming: Optional[str] = None, **optional: Any) -> UncheckedSmsRateResponse:
        """Price of receiving an SMS on your Hoiio Number. See :meth:`Sms.rate_in`."""
        return self._legacy(_RATE_IN, {"incoming": incoming}, optional)

    def status(self, txn_ref: str, **optional: Any) -> UncheckedSmsStatusResponse:
        """Status of one SMS. See :meth:`Sms.status`."""
        return self._legacy(_STATUS, {"txn_ref": txn_ref}, optional)
