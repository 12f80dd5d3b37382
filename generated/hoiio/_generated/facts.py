# Generated from spec/api.yaml by `make generate`; do not edit.
"""Facts of the API that the SDK, the sandbox and the docs share: how a notification is signed,
how an SMS is counted, the patterns of the wire's values, the room id rule, the words for a hidden caller ID and a flag, the
account's limits, the request limits and what numbers can do."""

from typing import Dict, FrozenSet, Optional, Tuple

#: The header that carries a notification's signature: hex(HMAC-SHA256(key=access token, message=raw HTTP body)); compare it with your own computation.
SIGNATURE_HEADER = "X-Hoiio-Signature"
#: The hashlib digest of the signature's HMAC (keyed by the access token, over the raw body, hex).
SIGNATURE_DIGEST = "sha256"

#: An SMS takes one part up to 160 GSM (70 Unicode) characters and 153 (67) a part beyond, at most 3 parts; some GSM characters count as two.
SMS_MAX_PARTS = 3
#: GSM text: characters in a one-part message, and in each part of a longer one.
SMS_GSM: Tuple[int, int] = (160, 153)
#: Unicode text: the same.
SMS_UNICODE: Tuple[int, int] = (70, 67)
#: GSM characters that count as two.
SMS_DOUBLE_WIDTH: FrozenSet[str] = frozenset("\n[]\\^{}|€~\x0c")
#: The characters GSM text is made of (besides SMS_DOUBLE_WIDTH); any other needs Unicode.
SMS_GSM_CHARSET: FrozenSet[str] = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)

#: A conference room id (voice.conference's room, ivr.transfer's room:<id>): letters, digits, "." and "_",
#: at most 32 characters.
ROOM_PATTERN = "^[A-Za-z0-9._]+$"
ROOM_MAX_LENGTH = 32
#: The status a bad room id answers (the shared `room` parameter's `invalid`), where an endpoint lists it.
ROOM_INVALID: Optional[str] = "error_invalid_room"

#: A phone number in E.164 form, "+" and the country code [O send-sms]: a non-zero digit, then 6 to 14 digits (the length is inferred from E.164).
E164_PATTERN = "\\+[1-9][0-9]{6,14}"
#: A date and time as requests carry it, "YYYY-MM-DD HH:MM:SS" in GMT+8 [O query-sms-status]; the day is not checked against the month.
WIRE_DATETIME_PATTERN = (
    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"
)
#: An http or https URL with a host (inferred).
HTTP_URL_PATTERN = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+([/?#]\\S*)?$"

#: A hidden caller ID: caller_id takes "private" [O voice/call] or "p", the form user/get_info lists among caller_ids [O example].
CALLER_ID_PRIVATE: Tuple[str, ...] = ("private", "p")
#: How user/get_info lists the hidden caller ID among caller_ids.
CALLER_ID_PRIVATE_LISTED = "p"

#: A flag is sent as "enabled" when set (force=enabled [O ivr/end/hangup]) and left out when not; answers say "enabled" or "disabled" (sms_rebrand_status, auto_extend_status [O]).
FLAG_SET = "enabled"
FLAG_UNSET = "disabled"

#: Account-wide limits, by name.
LIMITS: Dict[str, int] = {
    "concurrent_calls": 8,  # Calls and faxes in progress at once, per account; more is error_concurrent_call_limit_reached.
    "conference_room": 8,  # Participants in one conference room (and numbers in one conference request).
    "incoming_sms_part": 152,  # An incoming SMS longer than incoming_sms_single arrives in notifications of at most this many characters [O receive-sms].
    "incoming_sms_single": 160,  # An incoming SMS up to this many characters arrives in one notification [O receive-sms].
}

#: Request limits per application: path -> (requests, in seconds); more is error_rate_limit_exceeded.
RATE_LIMITS: Dict[str, Tuple[int, int]] = {
    "conference/moderate": (60, 60),
    "fax/get_rate": (60, 60),  # inferred from the general limits page
    "sms/get_rate": (60, 60),  # inferred from the general limits page
    "user/get_balance": (60, 60),
    "voice/get_rate": (60, 60),  # inferred from the general limits page
    "voice/hangup": (60, 60),
}
#: Endpoints documented to have no request limit.
UNLIMITED: Tuple[str, ...] = (
    "sms/send",
    "sms/bulk_send",
)

#: What a country's Hoiio Numbers can do: ISO 3166-1 alpha-2 code -> VOICE, FAX, SMS.
NUMBER_CAPABILITIES: Dict[str, Tuple[str, ...]] = {
    "AU": ("VOICE",),
    "HK": ("VOICE", "FAX"),
    "MY": ("FAX",),
    "NZ": ("VOICE",),
    "SG": ("VOICE", "FAX"),
    "US": ("VOICE", "SMS"),
    "VN": ("VOICE",),
}

#: Response fields Hoiio wrote as one comma-separated string ("AA-C-1,AA-C-2"), not a JSON
#: array: path -> field names (the spec's ``csv: true``). The sandbox answers them so; the
#: SDK's models read either form as a list.
CSV_FIELDS: Dict[str, Tuple[str, ...]] = {
    "voice/conference": ("txn_refs",),
}

#: Optional parameters whose empty value means something (the spec's ``empty``): path -> {name:
#: what "" means}. Any other optional parameter sent empty is the parameter left out.
EMPTY_MEANS: Dict[str, Dict[str, str]] = {
    "fax/send": {
        "fax_header": "no header is printed",
    },
}
