# Generated from spec/api.yaml by `make generate`; do not edit.
"""Constants of the API: base URL, time zone, the services, and every status code."""

from typing import Dict, Tuple

BASE_URL = "https://secure.hoiio.com/open/"
TZ_HOURS = 8

#: Client attribute -> (module, class) of the service it holds.
SERVICES: Dict[str, Tuple[str, str]] = {
    "account": ("hoiio.service.account", "Account"),
    "conference": ("hoiio.service.conference", "Conference"),
    "fax": ("hoiio.service.fax", "Fax"),
    "ivr": ("hoiio.service.ivr", "Ivr"),
    "number": ("hoiio.service.number", "Number"),
    "sms": ("hoiio.service.sms", "Sms"),
    "user": ("hoiio.service.account", "Account"),
    "voice": ("hoiio.service.voice", "Voice"),
}

#: Status codes every endpoint may answer.
GENERIC_STATUSES: Tuple[str, ...] = (
    "success_ok",
    "error_invalid_http_method",
    "error_malformed_params",
    "error_param_missing",
    "error_invalid_access_token",
    "error_invalid_app_id",
    "error_rate_limit_exceeded",
    "error_internal_server_error",
)

#: Status codes about the account's state that any endpoint may answer.
ACCOUNT_STATUSES: Tuple[str, ...] = (
    "error_developer_suspended",
    "error_user_not_found",
    "error_user_not_live",
    "error_permission_denied",
)

#: Endpoints the evidence names that the SDK does not have: path -> why.
OMITTED: Dict[str, str] = {
    "connect/get_token": "Hoiio Connect (an application gets an access token for another user\u0027s account from an authorization code). No documentation page survives; SDK-java-old has only the path and the one app that calls it mangles its field names, so the request parameters are unknown, and its answer is an access token, which this SDK never hands out.",
}

#: Status code -> (category, whether retrying can help, meaning).
STATUS_CODES: Dict[str, Tuple[str, bool, str]] = {
    "error_add_notification_failed": ("server", True, "The notification could not be set up."),
    "error_application_not_published": (
        "authentication",
        False,
        "The application is not published (Hoiio Connect).",
    ),
    "error_auto_extend_not_available": ("validation", False, "Auto extension needs a stored credit card."),
    "error_call_service_not_available": ("validation", False, "Calls are not offered to that destination."),
    "error_caller_id_invalid": ("validation", False, "The caller_id is not one you may use."),
    "error_code_expired": ("authentication", False, "The Hoiio Connect authorization code has expired."),
    "error_concurrent_call_limit_reached": (
        "rate_limit",
        True,
        "At most 8 calls or faxes at once per account.",
    ),
    "error_connect_not_enabled": (
        "authentication",
        False,
        "Hoiio Connect is not enabled for the application.",
    ),
    "error_dest1_invalid": ("validation", False, "dest1 is not a valid number."),
    "error_dest1_invalid_number_id": ("validation", False, "The dest1 number id is not valid."),
    "error_dest1_not_supported": ("validation", False, "dest1 is not served."),
    "error_dest2_invalid": ("validation", False, "dest2 is not a valid number."),
    "error_dest2_invalid_number_id": ("validation", False, "The dest2 number id is not valid."),
    "error_dest2_not_supported": ("validation", False, "dest2 is not served."),
    "error_dest_incoming_both_missing": ("validation", False, "Give dest or incoming."),
    "error_dest_incoming_both_present": ("validation", False, "Give dest or incoming, not both."),
    "error_dest_invalid": ("validation", False, "The destination is not a valid number."),
    "error_dest_invalid_number_id": ("validation", False, "The destination number id is not valid."),
    "error_dest_not_supported": ("validation", False, "The destination is not served."),
    "error_dest_too_many": (
        "validation",
        False,
        "Too many destinations (1000 for bulk SMS, 8 for a conference).",
    ),
    "error_destination_not_supported": ("validation", False, "The destination is not served."),
    "error_developer_suspended": ("authentication", False, "The developer account is suspended."),
    "error_exceed_max_subscriptions": ("validation", False, "Too many subscribed numbers."),
    "error_file_invalid": ("validation", False, "The file is not a PDF."),
    "error_file_too_big": ("validation", False, "The file is larger than 2 MB."),
    "error_forward_to_invalid": ("validation", False, "forward_to is not a valid URL."),
    "error_from_invalid": ("validation", False, "from is not a valid date."),
    "error_incoming_sms_not_supported": ("validation", False, "The number cannot receive SMS."),
    "error_insufficient_credit": ("insufficient_credit", False, "The account\u0027s credit is too low."),
    "error_internal_server_error": ("server", True, "Unexpected failure on the server."),
    "error_invalid_access_token": ("authentication", False, "The access token is wrong, expired or revoked."),
    "error_invalid_app_id": ("authentication", False, "The application ID is wrong or revoked."),
    "error_invalid_attempts": ("validation", False, "attempts is not valid."),
    "error_invalid_code": ("authentication", False, "The Hoiio Connect authorization code is not valid."),
    "error_invalid_destination": ("validation", False, "The destination is not valid."),
    "error_invalid_duration": ("validation", False, "duration must be 1, 3, 12 or auto_extend."),
    "error_invalid_http_method": ("validation", False, "Only GET and POST are allowed."),
    "error_invalid_max_digits": ("validation", False, "max_digits must be 0 to 255."),
    "error_invalid_max_duration": ("validation", False, "max_duration is not valid."),
    "error_invalid_notify_url": ("validation", False, "The notify_url is not a valid http(s) URL."),
    "error_invalid_room": ("validation", False, "The room id is not valid."),
    "error_invalid_sender_name": (
        "validation",
        False,
        "The sender_name breaks the rules (3 to 11 characters).",
    ),
    "error_invalid_session": ("not_found", False, "No such IVR session."),
    "error_invalid_timeout": ("validation", False, "timeout is not valid."),
    "error_invalid_txn_ref": ("not_found", False, "No such transaction."),
    "error_invalid_type": ("validation", False, "type must be incoming, outgoing or all."),
    "error_malformed_params": ("validation", False, "The parameters contain unreadable bytes."),
    "error_max_duration_invalid": ("validation", False, "max_duration is not valid."),
    "error_mode_invalid": ("validation", False, "mode must be voice or fax."),
    "error_monitor_in_progress": ("session_state", False, "The session is already monitored."),
    "error_msg_cannot_convert_text": ("validation", False, "The text cannot be spoken."),
    "error_msg_download_failed": ("validation", False, "The audio in msg could not be downloaded."),
    "error_msg_empty": ("validation", False, "The message is empty."),
    "error_msg_invalid_file_format": ("validation", False, "The audio must be mp3, wav or gsm."),
    "error_msg_invalid_file_size": ("validation", False, "The audio is larger than 10 MB."),
    "error_msg_invalid_gender": ("validation", False, "The speech gender is not supported."),
    "error_msg_invalid_language": ("validation", False, "The speech language is not supported."),
    "error_msg_invalid_url": ("validation", False, "The \u003curl\u003e in msg is not valid."),
    "error_msg_invalid_xml": ("validation", False, "The msg markup is not well formed."),
    "error_msg_too_big": ("validation", False, "The message is too long."),
    "error_no_number_available": ("not_found", False, "No number is available there."),
    "error_not_allowed_for_trial": ("authentication", False, "Not allowed for trial accounts."),
    "error_number_invalid": ("validation", False, "The number is not valid."),
    "error_number_not_assigned": ("not_found", False, "The number is not one of yours."),
    "error_number_not_available": ("not_found", False, "The number is not available."),
    "error_on_failure_invalid": ("validation", False, "on_failure must be hangup or continue."),
    "error_page_invalid": ("validation", False, "page is not a valid page number."),
    "error_page_size_invalid": (
        "validation",
        False,
        "A page of the fax is not A4 or Letter (part 2\u0027s reading of SDK-java; part 1 guesses a history page_size).",
    ),
    "error_param_missing": ("validation", False, "A required parameter is missing."),
    "error_permission_denied": ("authentication", False, "Not permitted."),
    "error_pick_number_not_available": ("not_found", False, "The picked number is not available."),
    "error_rate_limit_exceeded": (
        "rate_limit",
        True,
        "The request limit of this API was exceeded; slow down.",
    ),
    "error_same_dest1_dest2": ("validation", False, "dest1 and dest2 are the same number."),
    "error_service_not_available": ("validation", False, "The service is not offered to that destination."),
    "error_session_access_denied": ("not_found", False, "The session belongs to another account."),
    "error_session_ended": ("session_state", False, "The session has ended or expired."),
    "error_session_not_on_hold": ("session_state", False, "Unhold on a session that is not on hold."),
    "error_session_not_ready": (
        "session_state",
        True,
        "The session cannot take this block now (on hold, or a block is still running).",
    ),
    "error_sms_rebrand_not_enabled": (
        "validation",
        False,
        "sender_name needs SMS rebranding enabled on the account.",
    ),
    "error_sms_service_not_available": ("validation", False, "SMS is not offered to that destination."),
    "error_subscribe_number_not_available": ("not_found", False, "The number cannot be subscribed."),
    "error_tag_invalid_length": ("validation", False, "The tag is longer than 256 characters."),
    "error_to_before_from": ("validation", False, "to is before from."),
    "error_to_invalid": ("validation", False, "to is not a valid date."),
    "error_txn_ref_access_denied": ("not_found", False, "The transaction belongs to another account."),
    "error_txn_ref_invalid": ("not_found", False, "No such transaction."),
    "error_unable_to_resolve_forward_to": ("validation", False, "The host of forward_to cannot be resolved."),
    "error_unable_to_resolve_notify_url": (
        "validation",
        False,
        "The host of the notify_url cannot be resolved.",
    ),
    "error_user_not_found": ("authentication", False, "No such user."),
    "error_user_not_live": ("authentication", False, "The user account is not live."),
    "success_ok": ("success", False, "The request was processed."),
}
