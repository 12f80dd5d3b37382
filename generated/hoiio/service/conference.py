# Generated from spec/conference.yaml by `make generate`; do not edit.
"""Conference rooms, on the newer conference/ paths."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.conference import ConferenceCallResponse, ConferenceModerateResponse

if TYPE_CHECKING:  # pragma: no cover
    from ..models.conference import UncheckedConferenceCallResponse, UncheckedConferenceModerateResponse

__all__ = ["Conference", "AsyncConference", "ConferenceFacade"]

_CONFERENCE_CALL = Endpoint(
    "conference/call",
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
_CALL = Method(
    "conference.call",
    _CONFERENCE_CALL,
    ConferenceCallResponse,
    ("dest", "room", "caller_id", "tag", "notify_url"),
)

_CONFERENCE_MODERATE = Endpoint(
    "conference/moderate",
    kind="action",
    charged=False,
    statuses=("error_invalid_txn_ref", "error_txn_ref_access_denied", "error_txn_ref_invalid"),
    params=(
        Param("txn_ref", "txn_ref", "str", required=True, min_length=1, invalid="error_invalid_txn_ref"),
        Param("action", "action", "enum", required=True, values=("kick", "mute", "unmute")),
    ),
)
_MODERATE = Method(
    "conference.moderate", _CONFERENCE_MODERATE, ConferenceModerateResponse, ("txn_ref", "action")
)


class Conference(Service):
    """Conference rooms, on the newer conference/ paths.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "call": _CALL,
        "moderate": _MODERATE,
    }

    def call(
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
    ) -> ConferenceCallResponse:
        """Call up to 8 numbers into a conference room.

        ``conference/call``; costs money.

        Args:
            dests (phone numbers, required; E.164 each; at most 8 items): The numbers to call into the room (at most 8), sent comma-separated.
            room (str; at most 32 characters; letters, digits, "." and "_"): The room to create or join (letters, digits, "." and "_", at most 32); omitted, a new room.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when each participant's call ends.

        Returns:
            ConferenceCallResponse; notifications: conference_leg_ended.
        """
        return self._client._call(
            _CALL,
            (dests, room, caller_id, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def moderate(
        self,
        txn_ref: str,
        action: Literal["kick", "mute", "unmute"],
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ConferenceModerateResponse:
        """Kick, mute or unmute one participant.

        ``conference/moderate``.

        Args:
            txn_ref (str, required; not empty): The participant's transaction reference.
            action (str, required; one of kick, mute, unmute): kick, mute or unmute.

        Returns:
            ConferenceModerateResponse.
        """
        return self._client._call(
            _MODERATE,
            (txn_ref, action),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class AsyncConference(AsyncService):
    """Conference rooms, on the newer conference/ paths.

    The async twin of :class:`Conference` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "call": _CALL,
        "moderate": _MODERATE,
    }

    async def call(
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
    ) -> ConferenceCallResponse:
        """Call up to 8 numbers into a conference room.

        ``conference/call``; costs money.

        Args:
            dests (phone numbers, required; E.164 each; at most 8 items): The numbers to call into the room (at most 8), sent comma-separated.
            room (str; at most 32 characters; letters, digits, "." and "_"): The room to create or join (letters, digits, "." and "_", at most 32); omitted, a new room.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when each participant's call ends.

        Returns:
            ConferenceCallResponse; notifications: conference_leg_ended.
        """
        return await self._client._call(
            _CALL,
            (dests, room, caller_id, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def moderate(
        self,
        txn_ref: str,
        action: Literal["kick", "mute", "unmute"],
        *,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> ConferenceModerateResponse:
        """Kick, mute or unmute one participant.

        ``conference/moderate``.

        Args:
            txn_ref (str, required; not empty): The participant's transaction reference.
            action (str, required; one of kick, mute, unmute): kick, mute or unmute.

        Returns:
            ConferenceModerateResponse.
        """
        return await self._client._call(
            _MODERATE,
            (txn_ref, action),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class ConferenceFacade(FacadeService):
    """``Hoiio.conference``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def call(self, *dests: str, **optional: Any) -> UncheckedConferenceCallResponse:
        """Call up to 8 numbers into a conference room. See :meth:`Conference.call`."""
        return self._legacy(_CALL, {"dests": dests}, optional)

    def moderate(
        self, txn_ref: str, action: Literal["kick", "mute", "unmute"], **optional: Any
    ) -> UncheckedConferenceModerateResponse:
        """Kick, mute or unmute one participant. See :meth:`Conference.moderate`."""
        return self._legacy(_MODERATE, {"txn_ref": txn_ref, "action": action}, optional)
