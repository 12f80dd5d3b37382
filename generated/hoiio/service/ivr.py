# Generated from spec/ivr.yaml by `make generate`; do not edit.
"""Build interactive call flows, block by block."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Sequence, Union

from .._runtime.aclient import AsyncService
from .._runtime.client import Service
from .._runtime.facade import FacadeService
from .._runtime.pager import AsyncPager, Pager
from .._runtime.params import Endpoint, Group, Method, Param
from .._runtime.types import DateLike, FileInput, Timeout
from ..models.ivr import DialResponse, IvrResponse, TransferResponse

if TYPE_CHECKING:  # pragma: no cover
    from ..models.ivr import UncheckedDialResponse, UncheckedIvrResponse, UncheckedTransferResponse

__all__ = ["Ivr", "AsyncIvr", "IvrFacade"]

_IVR_START_DIAL = Endpoint(
    "ivr/start/dial",
    kind="action",
    charged=True,
    stage="start",
    statuses=(
        "error_dest_invalid",
        "error_dest_not_supported",
        "error_call_service_not_available",
        "error_caller_id_invalid",
        "error_invalid_max_duration",
        "error_concurrent_call_limit_reached",
        "error_insufficient_credit",
        "error_not_allowed_for_trial",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_invalid_xml",
        "error_msg_empty",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
        "error_max_duration_invalid",
    ),
    notifications=("ivr_dial",),
    params=(
        Param("dest", "dest", "phone", required=True, invalid="error_dest_invalid"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
        ),
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
_DIAL = Method(
    "ivr.dial",
    _IVR_START_DIAL,
    DialResponse,
    ("dest", "msg", "caller_id", "max_duration", "tag", "notify_url"),
)

_IVR_MIDDLE_PLAY = Endpoint(
    "ivr/middle/play",
    kind="action",
    charged=False,
    stage="middle",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_invalid_xml",
        "error_msg_empty",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
    ),
    notifications=("ivr_play",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
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
_PLAY = Method(
    "ivr.play", _IVR_MIDDLE_PLAY, IvrResponse, ("session", "msg", "tag", "notify_url"), require=("msg",)
)

_IVR_MIDDLE_GATHER = Endpoint(
    "ivr/middle/gather",
    kind="action",
    charged=False,
    stage="middle",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_invalid_xml",
        "error_msg_empty",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
        "error_invalid_max_digits",
        "error_invalid_timeout",
        "error_invalid_attempts",
    ),
    notifications=("ivr_gather",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
        ),
        Param("max_digits", "max_digits", "int", minimum=0, maximum=255, invalid="error_invalid_max_digits"),
        Param("timeout", "timeout", "int", minimum=1, invalid="error_invalid_timeout"),
        Param("attempts", "attempts", "int", minimum=1, invalid="error_invalid_attempts"),
        Param("tag", "tag", "str", max_length=256, invalid="error_tag_invalid_length"),
        Param(
            "notify_url",
            "notify_url",
            "url",
            required=True,
            max_length=4000,
            invalid="error_invalid_notify_url",
            unresolvable="error_unable_to_resolve_notify_url",
        ),
    ),
)
_GATHER = Method(
    "ivr.gather",
    _IVR_MIDDLE_GATHER,
    IvrResponse,
    ("session", "msg", "max_digits", "timeout", "attempts", "tag", "notify_url"),
)

_IVR_MIDDLE_RECORD = Endpoint(
    "ivr/middle/record",
    kind="action",
    charged=False,
    stage="middle",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_invalid_xml",
        "error_msg_empty",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
        "error_invalid_max_duration",
        "error_max_duration_invalid",
    ),
    notifications=("ivr_record",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
        ),
        Param("max_duration", "max_duration", "int", minimum=1, invalid="error_invalid_max_duration"),
        Param("tag", "tag", "str", max_length=256, invalid="error_tag_invalid_length"),
        Param(
            "notify_url",
            "notify_url",
            "url",
            required=True,
            max_length=4000,
            invalid="error_invalid_notify_url",
            unresolvable="error_unable_to_resolve_notify_url",
        ),
    ),
)
_RECORD = Method(
    "ivr.record", _IVR_MIDDLE_RECORD, IvrResponse, ("session", "msg", "max_duration", "tag", "notify_url")
)

_IVR_MIDDLE_MONITOR = Endpoint(
    "ivr/middle/monitor",
    kind="action",
    charged=False,
    stage="middle",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_monitor_in_progress",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_invalid_xml",
        "error_msg_empty",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
    ),
    notifications=("ivr_monitor",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
        ),
        Param("tag", "tag", "str", max_length=256, invalid="error_tag_invalid_length"),
        Param(
            "notify_url",
            "notify_url",
            "url",
            required=True,
            max_length=4000,
            invalid="error_invalid_notify_url",
            unresolvable="error_unable_to_resolve_notify_url",
        ),
        Param(
            "monitor_notify_url",
            "monitor_notify_url",
            "url",
            max_length=4000,
            invalid="error_invalid_notify_url",
            unresolvable="error_unable_to_resolve_notify_url",
        ),
    ),
)
_MONITOR = Method(
    "ivr.monitor",
    _IVR_MIDDLE_MONITOR,
    IvrResponse,
    ("session", "msg", "tag", "notify_url", "monitor_notify_url"),
)

_IVR_MIDDLE_HOLD = Endpoint(
    "ivr/middle/hold",
    kind="action",
    charged=False,
    stage="middle",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_msg_too_big",
        "error_msg_invalid_xml",
        "error_msg_empty",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
    ),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
        ),
    ),
)
_HOLD = Method("ivr.hold", _IVR_MIDDLE_HOLD, IvrResponse, ("session", "msg"))

_IVR_MIDDLE_UNHOLD = Endpoint(
    "ivr/middle/unhold",
    kind="action",
    charged=False,
    stage="middle",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_on_hold",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
    ),
    notifications=("ivr_unhold",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
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
_UNHOLD = Method("ivr.unhold", _IVR_MIDDLE_UNHOLD, IvrResponse, ("session", "tag", "notify_url"))

_IVR_END_TRANSFER = Endpoint(
    "ivr/end/transfer",
    kind="action",
    charged=True,
    stage="end",
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_dest_invalid",
        "error_dest_not_supported",
        "error_call_service_not_available",
        "error_invalid_room",
        "error_on_failure_invalid",
        "error_caller_id_invalid",
        "error_insufficient_credit",
        "error_concurrent_call_limit_reached",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_empty",
        "error_msg_invalid_xml",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
    ),
    notifications=("ivr_transfer",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param("dest", "dest", "transfer_dest", required=True, invalid="error_dest_invalid"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
        ),
        Param("caller_id", "caller_id", "caller_id", invalid="error_caller_id_invalid"),
        Param(
            "on_failure",
            "on_failure",
            "enum",
            values=("hangup", "continue"),
            invalid="error_on_failure_invalid",
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
_TRANSFER = Method(
    "ivr.transfer",
    _IVR_END_TRANSFER,
    TransferResponse,
    ("session", "dest", "msg", "caller_id", "on_failure", "tag", "notify_url"),
)

_IVR_END_HANGUP = Endpoint(
    "ivr/end/hangup",
    kind="action",
    charged=False,
    stage="end",
    exclusive=(Group(("force", "msg")),),
    statuses=(
        "error_invalid_session",
        "error_session_access_denied",
        "error_session_ended",
        "error_session_not_ready",
        "error_tag_invalid_length",
        "error_invalid_notify_url",
        "error_unable_to_resolve_notify_url",
        "error_msg_too_big",
        "error_msg_empty",
        "error_msg_invalid_xml",
        "error_msg_invalid_language",
        "error_msg_invalid_gender",
        "error_msg_invalid_url",
        "error_msg_download_failed",
        "error_msg_invalid_file_format",
        "error_msg_invalid_file_size",
        "error_msg_cannot_convert_text",
    ),
    notifications=("ivr_hangup",),
    params=(
        Param("session", "session", "str", required=True, min_length=1, invalid="error_invalid_session"),
        Param("force", "force", "flag"),
        Param(
            "msg", "msg", "str", max_length=1000, empty_status="error_msg_empty", too_long="error_msg_too_big"
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
_HANGUP = Method("ivr.hangup", _IVR_END_HANGUP, IvrResponse, ("session", "force", "msg", "tag", "notify_url"))


class Ivr(Service):
    """Build interactive call flows, block by block.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "dial": _DIAL,
        "play": _PLAY,
        "gather": _GATHER,
        "record": _RECORD,
        "monitor": _MONITOR,
        "hold": _HOLD,
        "unhold": _UNHOLD,
        "transfer": _TRANSFER,
        "hangup": _HANGUP,
    }

    def dial(
        self,
        dest: str,
        *,
        msg: Optional[str] = None,
        caller_id: Optional[str] = None,
        max_duration: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DialResponse:
        """Start block; call a number and open an IVR session.

        ``ivr/start/dial``; costs money.

        Args:
            dest (phone number, required; E.164): The number to call.
            msg (str; at most 1000 characters): Played once the callee answers.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            max_duration (int; at least 1): Hang up after this many seconds.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when the Dial block completes; without it the call hangs up after msg.

        Returns:
            DialResponse; notifications: ivr_dial.
        """
        return self._client._call(
            _DIAL,
            (dest, msg, caller_id, max_duration, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def play(
        self,
        session: str,
        msg: str,
        *,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; play a message.

        ``ivr/middle/play``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str, required; at most 1000 characters): What to say or play; plain text, <speech language=".." gender="..">text</speech> or <url>https://...</url> (at most 1000 characters).
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when playback finishes; without it the call hangs up after msg.

        Returns:
            IvrResponse; notifications: ivr_play.
        """
        return self._client._call(
            _PLAY,
            (session, msg, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def gather(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        max_digits: Optional[int] = None,
        timeout: Optional[int] = None,
        attempts: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; play a prompt and collect the keys the caller presses.

        ``ivr/middle/gather``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): The prompt.
            max_digits (int; 0 to 255): Stop after this many digits (0, the default, waits for "#" or the timeout).
            timeout (int; at least 1): Seconds the caller has to respond.
            attempts (int; at least 1): How many times to prompt when nothing is pressed.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL, required; at most 4000 characters): URL that receives the digits.

        Returns:
            IvrResponse; notifications: ivr_gather.
        """
        return self._client._call(
            _GATHER,
            (session, msg, max_digits, timeout, attempts, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def record(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        max_duration: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; record a voice message.

        ``ivr/middle/record``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): Announcement before recording starts.
            max_duration (int; at least 1): Stop recording after this many seconds ("#" also stops it).
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL, required; at most 4000 characters): URL that receives the record_url.

        Returns:
            IvrResponse; notifications: ivr_record.
        """
        return self._client._call(
            _RECORD,
            (session, msg, max_duration, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def monitor(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        monitor_notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; record the rest of the conversation.

        ``ivr/middle/monitor``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): Announcement before monitoring starts.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL, required; at most 4000 characters): URL notified when monitoring is set up (ready for the next block).
            monitor_notify_url (http(s) URL; at most 4000 characters): URL that receives the monitor_url when the call ends; defaults to notify_url.

        Returns:
            IvrResponse; notifications: ivr_monitor.
        """
        return self._client._call(
            _MONITOR,
            (session, msg, tag, notify_url, monitor_notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def hold(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; put the caller on hold with a looping message or music.

        ``ivr/middle/hold``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): Played in a loop; omitted, hold music.

        Returns:
            IvrResponse.
        """
        return self._client._call(
            _HOLD,
            (session, msg),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def unhold(
        self,
        session: str,
        *,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; take the caller off hold.

        ``ivr/middle/unhold``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified once the session is ready again.

        Returns:
            IvrResponse; notifications: ivr_unhold.
        """
        return self._client._call(
            _UNHOLD,
            (session, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    def transfer(
        self,
        session: str,
        dest: str,
        *,
        msg: Optional[str] = None,
        caller_id: Optional[str] = None,
        on_failure: Optional[Literal["hangup", "continue"]] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> TransferResponse:
        """End block; transfer the call to a number or a conference room.

        ``ivr/end/transfer``; costs money.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            dest (phone number or room:<id>, required): A number, or "room:<id>" for a conference room ("room:" alone opens a new room).
            msg (str; at most 1000 characters): Played before transferring.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            on_failure (str; one of hangup, continue): hangup (the default) ends the call if the transfer fails; continue notifies and lets you go on.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when the transferred call ends, or when the transfer fails with on_failure="continue".

        Returns:
            TransferResponse; notifications: ivr_transfer.
        """
        return self._client._call(
            _TRANSFER,
            (session, dest, msg, caller_id, on_failure, tag, notify_url),
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
        session: str,
        *,
        force: Optional[bool] = None,
        msg: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """End block; hang up, after an optional message.

        ``ivr/end/hangup``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            force (bool): True hangs up at once, even in the middle of a block (sent as force=enabled); not with msg.
            msg (str; at most 1000 characters): Played before hanging up.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified after the hang-up.

        Returns:
            IvrResponse; notifications: ivr_hangup.
        """
        return self._client._call(
            _HANGUP,
            (session, force, msg, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class AsyncIvr(AsyncService):
    """Build interactive call flows, block by block.

    The async twin of :class:`Ivr` (``hoiio.AsyncClient``): the same methods, arguments
    and responses, each awaited.

    Every method also takes the keyword-only options app_id, access_token (override the
    client's), extra_params (a mapping of parameters the spec does not know, sent as given),
    request_timeout and max_retries. An error status raises its :class:`hoiio.APIError`
    subclass, unless the client has ``raise_on_error=False``.
    """

    _METHODS: ClassVar[Dict[str, Method[Any]]] = {
        "dial": _DIAL,
        "play": _PLAY,
        "gather": _GATHER,
        "record": _RECORD,
        "monitor": _MONITOR,
        "hold": _HOLD,
        "unhold": _UNHOLD,
        "transfer": _TRANSFER,
        "hangup": _HANGUP,
    }

    async def dial(
        self,
        dest: str,
        *,
        msg: Optional[str] = None,
        caller_id: Optional[str] = None,
        max_duration: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> DialResponse:
        """Start block; call a number and open an IVR session.

        ``ivr/start/dial``; costs money.

        Args:
            dest (phone number, required; E.164): The number to call.
            msg (str; at most 1000 characters): Played once the callee answers.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            max_duration (int; at least 1): Hang up after this many seconds.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when the Dial block completes; without it the call hangs up after msg.

        Returns:
            DialResponse; notifications: ivr_dial.
        """
        return await self._client._call(
            _DIAL,
            (dest, msg, caller_id, max_duration, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def play(
        self,
        session: str,
        msg: str,
        *,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; play a message.

        ``ivr/middle/play``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str, required; at most 1000 characters): What to say or play; plain text, <speech language=".." gender="..">text</speech> or <url>https://...</url> (at most 1000 characters).
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when playback finishes; without it the call hangs up after msg.

        Returns:
            IvrResponse; notifications: ivr_play.
        """
        return await self._client._call(
            _PLAY,
            (session, msg, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def gather(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        max_digits: Optional[int] = None,
        timeout: Optional[int] = None,
        attempts: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; play a prompt and collect the keys the caller presses.

        ``ivr/middle/gather``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): The prompt.
            max_digits (int; 0 to 255): Stop after this many digits (0, the default, waits for "#" or the timeout).
            timeout (int; at least 1): Seconds the caller has to respond.
            attempts (int; at least 1): How many times to prompt when nothing is pressed.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL, required; at most 4000 characters): URL that receives the digits.

        Returns:
            IvrResponse; notifications: ivr_gather.
        """
        return await self._client._call(
            _GATHER,
            (session, msg, max_digits, timeout, attempts, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def record(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        max_duration: Optional[int] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; record a voice message.

        ``ivr/middle/record``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): Announcement before recording starts.
            max_duration (int; at least 1): Stop recording after this many seconds ("#" also stops it).
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL, required; at most 4000 characters): URL that receives the record_url.

        Returns:
            IvrResponse; notifications: ivr_record.
        """
        return await self._client._call(
            _RECORD,
            (session, msg, max_duration, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def monitor(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        monitor_notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; record the rest of the conversation.

        ``ivr/middle/monitor``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): Announcement before monitoring starts.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL, required; at most 4000 characters): URL notified when monitoring is set up (ready for the next block).
            monitor_notify_url (http(s) URL; at most 4000 characters): URL that receives the monitor_url when the call ends; defaults to notify_url.

        Returns:
            IvrResponse; notifications: ivr_monitor.
        """
        return await self._client._call(
            _MONITOR,
            (session, msg, tag, notify_url, monitor_notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def hold(
        self,
        session: str,
        *,
        msg: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; put the caller on hold with a looping message or music.

        ``ivr/middle/hold``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            msg (str; at most 1000 characters): Played in a loop; omitted, hold music.

        Returns:
            IvrResponse.
        """
        return await self._client._call(
            _HOLD,
            (session, msg),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def unhold(
        self,
        session: str,
        *,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """Middle block; take the caller off hold.

        ``ivr/middle/unhold``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified once the session is ready again.

        Returns:
            IvrResponse; notifications: ivr_unhold.
        """
        return await self._client._call(
            _UNHOLD,
            (session, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )

    async def transfer(
        self,
        session: str,
        dest: str,
        *,
        msg: Optional[str] = None,
        caller_id: Optional[str] = None,
        on_failure: Optional[Literal["hangup", "continue"]] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> TransferResponse:
        """End block; transfer the call to a number or a conference room.

        ``ivr/end/transfer``; costs money.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            dest (phone number or room:<id>, required): A number, or "room:<id>" for a conference room ("room:" alone opens a new room).
            msg (str; at most 1000 characters): Played before transferring.
            caller_id (phone number or "private"): Caller ID shown to the callee; your registered number, one of your Hoiio Numbers, or "private".
            on_failure (str; one of hangup, continue): hangup (the default) ends the call if the transfer fails; continue notifies and lets you go on.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified when the transferred call ends, or when the transfer fails with on_failure="continue".

        Returns:
            TransferResponse; notifications: ivr_transfer.
        """
        return await self._client._call(
            _TRANSFER,
            (session, dest, msg, caller_id, on_failure, tag, notify_url),
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
        session: str,
        *,
        force: Optional[bool] = None,
        msg: Optional[str] = None,
        tag: Optional[str] = None,
        notify_url: Optional[str] = None,
        app_id: Optional[str] = None,
        access_token: Optional[str] = None,
        extra_params: Optional[Mapping[str, Any]] = None,
        request_timeout: Optional[Timeout] = None,
        max_retries: Optional[int] = None,
    ) -> IvrResponse:
        """End block; hang up, after an optional message.

        ``ivr/end/hangup``.

        Args:
            session (str, required; not empty): The IVR session, from the Dial response or the incoming-call notification.
            force (bool): True hangs up at once, even in the middle of a block (sent as force=enabled); not with msg.
            msg (str; at most 1000 characters): Played before hanging up.
            tag (str; at most 256 characters): Your own reference for this transaction (at most 256 characters), echoed in notifications, status and history.
            notify_url (http(s) URL; at most 4000 characters): URL notified after the hang-up.

        Returns:
            IvrResponse; notifications: ivr_hangup.
        """
        return await self._client._call(
            _HANGUP,
            (session, force, msg, tag, notify_url),
            {
                "app_id": app_id,
                "access_token": access_token,
                "extra_params": extra_params,
                "request_timeout": request_timeout,
                "max_retries": max_retries,
            },
        )


class IvrFacade(FacadeService):
    """``Hoiio.ivr``: the original SDK's calls (the required arguments by position, the
    rest by keyword, under their Python or wire names) returning any answer, success or error
    (test ``is_success()``; every field but the lists may be None)."""

    def dial(self, dest: str, **optional: Any) -> UncheckedDialResponse:
        """Start block; call a number and open an IVR session. See :meth:`Ivr.dial`."""
        return self._legacy(_DIAL, {"dest": dest}, optional)

    def play(self, session: str, msg: str, **optional: Any) -> UncheckedIvrResponse:
        """Middle block; play a message. See :meth:`Ivr.play`."""
        return self._legacy(_PLAY, {"session": session, "msg": msg}, optional)

    def gather(self, session: str, **optional: Any) -> UncheckedIvrResponse:
        """Middle block; play a prompt and collect the keys the caller presses. See :meth:`Ivr.gather`."""
        return self._legacy(_GATHER, {"session": session}, optional)

    def record(self, session: str, **optional: Any) -> UncheckedIvrResponse:
        """Middle block; record a voice message. See :meth:`Ivr.record`."""
        return self._legacy(_RECORD, {"session": session}, optional)

    def monitor(self, session: str, **optional: Any) -> UncheckedIvrResponse:
        """Middle block; record the rest of the conversation. See :meth:`Ivr.monitor`."""
        return self._legacy(_MONITOR, {"session": session}, optional)

    def hold(self, session: str, **optional: Any) -> UncheckedIvrResponse:
        """Middle block; put the caller on hold with a looping message or music. See :meth:`Ivr.hold`."""
        return self._legacy(_HOLD, {"session": session}, optional)

    def unhold(self, session: str, **optional: Any) -> UncheckedIvrResponse:
        """Middle block; take the caller off hold. See :meth:`Ivr.unhold`."""
        return self._legacy(_UNHOLD, {"session": session}, optional)

    def transfer(self, session: str, dest: str, **optional: Any) -> UncheckedTransferResponse:
        """End block; transfer the call to a number or a conference room. See :meth:`Ivr.transfer`."""
        return self._legacy(_TRANSFER, {"session": session, "dest": dest}, optional)

    def hangup(self, session: str, **optional: Any) -> UncheckedIvrResponse:
        """End block; hang up, after an optional message. See :meth:`Ivr.hangup`."""
        return self._legacy(_HANGUP, {"session": session}, optional)
