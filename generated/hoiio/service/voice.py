# Generated from spec/voice.yaml by `make generate`; do not edit.
"""Call back two numbers, conference many, hang up, and look up calls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.voice import (
    VoiceCallResponse,
    ConferenceResponse,
    VoiceHangupResponse,
    VoiceHistoryResponse,
    VoiceRateResponse,
    VoiceStatusResponse,
    CallRecord,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..models.voice import (
        UncheckedVoiceCallResponse,
        UncheckedConferenceResponse,
        UncheckedVoiceHangupResponse,
        UncheckedVoiceHistoryResponse,
        UncheckedVoiceRateResponse,
        UncheckedVoiceStatusResponse,
    )

__all__ = ["Voice", "AsyncVoice", "VoiceFacade"]

_VOICE_CALL = Endpoint(
    "voice/call",
    kind="action",
    charged=True,
    different=("dest1", "dest2"),
    different_status="error_same_dest1_dest2",
    statuses=(
        "error_dest1_invalid",
        "error_dest2_invalid",
        "error_dest1_not_supported",
        "error_dest2_not_supported",
        "error_dest1_invalid_number_id",
        "error_dest2_invalid_number_id",
        "error_call_service_not_available",
        "error_same_dest1_dest2",
        "error_caller_id_invalid",
        "error_invalid_max_duration",
        "error_concurrent_call_limit_reached",
        "error_insufficient_credit",
        "error_not_allowed_for_trial",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_max_duration_invalid",
    ),
    notifications=("call_ended",),
    params=(
        Param("dest1", "dest1", "phone", invalid="error_dest1_invalid"),
        Param("dest2", "dest2", "phone", required=True, invalid="error_dest2_invalid"),
        Param("caller_id", "caller_id", "caller_id", invalid="error_caller_id_invalid"),
        Param("max_duration", "max_duration", "int", minimum=1, invalid="error_invalid_max_duration"),
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
_CALL = Method(
    "voice.call",
    _VOICE_CALL,
    VoiceCallResponse,
    ("dest1", "dest2", "caller_id", "max_duration", "tag", "notify_url"),
)

_VOICE_CONFERENCE = Endpoint(
    "voice/conference",
    kind="action",
    charged=True,
    statuses=(
        "error_dest_invalid",
        "error_dest_too_many",
        "error_call_service_not_available",
        "error_invalid_room",
        "error_caller_id_invalid",
        "error_concurrent_call_limit_reached",
        "error_insufficient_credit",
        "error_not_allowed_for_trial",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
    ),
    notifications=("conference_leg_ended",),
    params=(
        Param(
            "dest",
            "dests",
            "phone_list",
            required=True,
            variadic=True,
            max_items=8,
            invalid="error_dest_invalid",
            too_many="error_dest_too_many",
        ),
        Param(
            "room",
            "room",
            "str",
            max_length=32,
            pattern="^[A-Za-z0-9._]+$",
            pattern_doc='letters, digits, "." and "_"',
            invalid="error_invalid_room",
        ),
        Param("caller_id", "caller_id", "caller_id", invalid="error_caller_id_invalid"),
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
_CONFERENCE = Method(
    "voice.conference",
    _VOICE_CONFERENCE,
    ConferenceResponse,
    ("dest", "room", "caller_id", "tag", "notify_url"),
)

_VOICE_HANGUP = Endpoint(
    "voice/hangup",
    kind="action",
    charged=False,
    statuses=("error_invalid_txn_ref", "error_txn_ref_access_denied", "error_txn_ref_invalid"),
    params=(
        Param("txn_ref", "txn_ref", "str", required=True, min_length=1, invalid="error_invalid_txn_ref"),
    ),
)
_HANGUP = Method("voice.hangup", _VOICE_HANGUP, VoiceHangupResponse, ("txn_ref",))

_VOICE_GET_HISTORY = Endpoint(
    "voice/get_history",
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
_HISTORY = Method("voice.history", _VOICE_GET_HISTORY, VoiceHistoryResponse, ("from", "to", "page"))

_VOICE_GET_RATE = Endpoint(
    "voice/get_rate",
    kind="query",
    charged=False,
    statuses=(
        "error_dest1_invalid",
        "error_dest2_invalid",
        "error_dest1_not_supported",
        "error_dest2_not_supported",
        "error_dest1_invalid_number_id",
        "error_dest2_invalid_number_id",
        "error_call_service_not_available",
    ),
    params=(
        Param("dest1", "dest1", "phone", required=True, invalid="error_dest1_invalid"),
        Param("dest2", "dest2", "phone", required=True, invalid="error_dest2_invalid"),
    ),
)
_RATE = Method("voice.rate", _VOICE_GET_RATE, VoiceRateResponse, ("dest1", "dest2"))

_VOICE_QUERY_STATUS = Endpoint(
    "voice/query_status",
    kind="query",
    charged=False,
    statuses=("error_invalid_txn_ref", "error_txn_ref_access_denied", "error_txn_ref_invalid"),
    params=(
        Param("txn_ref", "txn_ref", "str", required=True, min_length=1, invalid="error_invalid_txn_ref"),
    ),
)
_STATUS = Method("voice.status", _VOICE_QUERY_STATUS, VoiceStatusResponse, ("txn_ref",))


class Voice(Service):
    """Call back two numbers, conference many, hang up, and look up calls.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "call": _CALL,
        "conference": _CONFERENCE,
        "hangup": _HANGUP,
        "history": _HISTORY,
        "rate": _RATE,
        "status": _STATUS,
    }

    def call(
        self,
        dest1: Optional[str],
        dest2: str,
        *,
        caller_id: Optional[str] = None,
        max_duration: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> VoiceCallResponse:
        """Call back; Hoiio calls dest1, then dest2, and connects them.

        ``voice/call``; costs money.

        Args:
            dest1 (phone number; E.164): The first number to call; None calls your registered number.
            dest2 (phone number, required; E.164): The second number to call.
            caller_id (phone number or "private"): Caller ID shown to dest2; your registered number, one of your Hoiio Numbers, or "private".
            max_duration (int; at least 1): Cut the call after this many seconds from when dest2 answers.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when the call ends.

        Returns:
            VoiceCallResponse; notifications: call_ended.
        """
        return self._client._call(
            _CALL,
            (dest1, dest2, caller_id, max_duration, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def conference(
        self,
        *dests: str,
        room: Optional[str] = None,
        caller_id: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ConferenceResponse:
        """Call up to 8 numbers into a conference room (the original path; see conference.call).

        ``voice/conference``; costs money.

        Args:
            dests (phone numbers, required; E.164 each; at most 8 items): The numbers to call into the room (at most 8), sent comma-separated.
            room (str; at most 32 characters; letters, digits, "." and "_"): The room to create or join (letters, digits, "." and "_", at most 32); omitted, a new room.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when each participant's call ends.

        Returns:
            ConferenceResponse; notifications: conference_leg_ended.
        """
        return self._client._call(
            _CONFERENCE,
            (dests, room, caller_id, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def hangup(
        self,
        txn_ref: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> VoiceHangupResponse:
        """Hang up a call in progress (a call back's both legs, or one conference participant).

        ``voice/hangup``.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            VoiceHangupResponse.
        """
        return self._client._call(
            _HANGUP,
            (txn_ref,),
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
    ) -> VoiceHistoryResponse:
        """List calls, 100 a page.

        ``voice/get_history``; a free query, retried on failure.

        Args:
            from_ (datetime or str): Only transactions at or after this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            to (datetime or str): Only transactions before this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            page (int; at least 1): The page to fetch, counting from 1 (100 entries a page).

        Returns:
            VoiceHistoryResponse.
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
    ) -> Pager[CallRecord]:
        """Iterate over every CallRecord of ``history``, fetching pages of 100 lazily.

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
        dest1: str,
        dest2: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> VoiceRateResponse:
        """Price per minute of a call back, and how long the balance lasts.

        ``voice/get_rate``; a free query, retried on failure.

        Args:
            dest1 (phone number, required; E.164): The first number.
            dest2 (phone number, required; E.164): The second number.

        Returns:
            VoiceRateResponse.
        """
        return self._client._call(
            _RATE,
            (dest1, dest2),
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
    ) -> VoiceStatusResponse:
        """Status of one call (call back, conference leg, or IVR call).

        ``voice/query_status``; a free query, retried on failure.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            VoiceStatusResponse.
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


class AsyncVoice(AsyncService):
    """Call back two numbers, conference many, hang up, and look up calls.

    The async twin of :class:`Voice` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "call": _CALL,
        "conference": _CONFERENCE,
        "hangup": _HANGUP,
        "history": _HISTORY,
        "rate": _RATE,
        "status": _STATUS,
    }

    async def call(
        self,
        dest1: Optional[str],
        dest2: str,
        *,
        caller_id: Optional[str] = None,
        max_duration: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> VoiceCallResponse:
        """Call back; Hoiio calls dest1, then dest2, and connects them.

        ``voice/call``; costs money.

        Args:
            dest1 (phone number; E.164): The first number to call; None calls your registered number.
            dest2 (phone number, required; E.164): The second number to call.
            caller_id (phone number or "private"): Caller ID shown to dest2; your registered number, one of your Hoiio Numbers, or "private".
            max_duration (int; at least 1): Cut the call after this many seconds from when dest2 answers.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when the call ends.

        Returns:
            VoiceCallResponse; notifications: call_ended.
        """
        return await self._client._call(
            _CALL,
            (dest1, dest2, caller_id, max_duration, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def conference(
        self,
        *dests: str,
        room: Optional[str] = None,
        caller_id: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ConferenceResponse:
        """Call up to 8 numbers into a conference room (the original path; see conference.call).

        ``voice/conference``; costs money.

        Args:
            dests (phone numbers, required; E.164 each; at most 8 items): The numbers to call into the room (at most 8), sent comma-separated.
            room (str; at most 32 characters; letters, digits, "." and "_"): The room to create or join (letters, digits, "." and "_", at most 32); omitted, a new room.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when each participant's call ends.

        Returns:
            ConferenceResponse; notifications: conference_leg_ended.
        """
        return await self._client._call(
            _CONFERENCE,
            (dests, room, caller_id, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def hangup(
        self,
        txn_ref: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> VoiceHangupResponse:
        """Hang up a call in progress (a call back's both legs, or one conference participant).

        ``voice/hangup``.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            VoiceHangupResponse.
        """
        return await self._client._call(
            _HANGUP,
            (txn_ref,),
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
    ) -> VoiceHistoryResponse:
        """List calls, 100 a page.

        ``voice/get_history``; a free query, retried on failure.

        Args:
            from_ (datetime or str): Only transactions at or after this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            to (datetime or str): Only transactions before this time (a datetime, or "YYYY-MM-DD HH:MM:SS" in GMT+8).
            page (int; at least 1): The page to fetch, counting from 1 (100 entries a page).

        Returns:
            VoiceHistoryResponse.
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
    ) -> AsyncPager[CallRecord]:
        """Iterate over every CallRecord of ``history`` with ``async for``, fetching pages of 100 lazily.

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
        dest1: str,
        dest2: str,
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> VoiceRateResponse:
        """Price per minute of a call back, and how long the balance lasts.

        ``voice/get_rate``; a free query, retried on failure.

        Args:
            dest1 (phone number, required; E.164): The first number.
            dest2 (phone number, required; E.164): The second number.

        Returns:
            VoiceRateResponse.
        """
        return await self._client._call(
            _RATE,
            (dest1, dest2),
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
    ) -> VoiceStatusResponse:
        """Status of one call (call back, conference leg, or IVR call).

        ``voice/query_status``; a free query, retried on failure.

        Args:
            txn_ref (str, required; not empty): The transaction reference returned when the transaction was made.

        Returns:
            VoiceStatusResponse.
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


class VoiceFacade(FacadeService):
    """``Hoiio.voice``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def call(self, dest1: Optional[str], dest2: str, **optional: Any) -> UncheckedVoiceCallResponse:
        """Call back; Hoiio calls dest1, then dest2, and connects them. See :meth:`Voice.call`."""
        return self._legacy(_CALL, {"dest1": dest1, "dest2": dest2}, optional)

    def conference(self, *dests: str, **optional: Any) -> UncheckedConferenceResponse:
        """Call up to 8 numbers into a conference room (the original path; see conference.call). See :meth:`Voice.conference`."""
        return self._legacy(_CONFERENCE, {"dests": dests}, optional)

    def hangup(self, txn_ref: str, **optional: Any) -> UncheckedVoiceHangupResponse:
        """Hang up a call in progress (a call back's both legs, or one conference participant). See :meth:`Voice.hangup`."""
        return self._legacy(_HANGUP, {"txn_ref": txn_ref}, optional)

    def history(self, **optional: Any) -> UncheckedVoiceHistoryResponse:
        """List calls, 100 a page. See :meth:`Voice.history`."""
        return self._legacy(_HISTORY, {}, optional)

    def history_iter(self, **optional: Any) -> Pager[CallRecord]:
        """Iterate over every CallRecord of ``history``. See :meth:`Voice.history_iter`."""
        return self._legacy_iter("history_iter", _HISTORY, (), optional)

    def rate(self, dest1: str, dest2: str, **optional: Any) -> UncheckedVoiceRateResponse:
        """Price per minute of a call back, and how long the balance lasts. See :meth:`Voice.rate`."""
        return self._legacy(_RATE, {"dest1": dest1, "dest2": dest2}, optional)

    def status(self, txn_ref: str, **optional: Any) -> UncheckedVoiceStatusResponse:
        """Status of one call (call back, conference leg, or IVR call). See :meth:`Voice.status`."""
        return self._legacy(_STATUS, {"txn_ref": txn_ref}, optional)
