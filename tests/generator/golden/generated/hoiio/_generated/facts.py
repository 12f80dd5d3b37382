# Generated from spec/api.yaml by `make generate`; do not edit.
"""Facts of the API that the SDK, the sandbox and the docs share: how a notification is signed,
how an SMS is counted, the patterns of the wire's values, the room id rule, the words for a hidden caller ID and a flag, the
account's limits, the request limits and what numbers can do."""

from typing import Dict, FrozenSet, Optional, Tuple

#: The header that carries a notification's signature: hex(HMAC-SHA256(key=access token, message=raw body)).
SIGNATURE_HEADER = "X-Mini-Signature"
#: The hashlib digest of the signature's HMAC (keyed by the access token, over the raw body, hex).
SIGNATURE_DIGEST = "sha256"

#: A greeting takes one part up to 20 characters (10 Unicode), 15 (8) a part beyond, at most 2 parts.
SMS_MAX_PARTS = 2
#: GSM text: characters in a one-part message, and in each part of a longer one.
SMS_GSM: Tuple[int, int] = (20, 15)
#: Unicode text: the same.
SMS_UNICODE: Tuple[int, int] = (10, 8)
#: GSM characters that count as two.
SMS_DOUBLE_WIDTH: FrozenSet[str] = frozenset("[]")
#: The characters GSM text is made of (besides SMS_DOUBLE_WIDTH); any other needs Unicode.
SMS_GSM_CHARSET: FrozenSet[str] = frozenset("abc []")

#: A conference room id (voice.conference's room, ivr.transfer's room:<id>): lower-case letters,
#: at most 8 characters.
ROOM_PATTERN = "^[a-z]+$"
ROOM_MAX_LENGTH = 8
#: The status a bad room id answers (the shared `room` parameter's `invalid`), where an endpoint lists it.
ROOM_INVALID: Optional[str] = None

#: A phone number in E.164 form.
E164_PATTERN = "\\+[1-9][0-9]{6,14}"
#: A date and time.
WIRE_DATETIME_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"
#: An http or https URL.
HTTP_URL_PATTERN = "^https?://\\S+$"

#: A hidden caller ID.
CALLER_ID_PRIVATE: Tuple[str, ...] = ("private", "p")
#: How user/get_info lists the hidden caller ID among caller_ids.
CALLER_ID_PRIVATE_LISTED = "p"

#: How a flag is sent when set; answers say either word.
FLAG_SET = "enabled"
FLAG_UNSET = "disabled"

#: Account-wide limits, by name.
LIMITS: Dict[str, int] = {
    "concurrent_sends": 3,  # Sends in progress at once.
}

#: Request limits per application: path -> (requests, in seconds); more is error_rate_limit_exceeded.
RATE_LIMITS: Dict[str, Tuple[int, int]] = {
    "demo/get_items": (10, 60),
}
#: Endpoints documented to have no request limit.
UNLIMITED: Tuple[str, ...] = ("demo/send",)

#: What a country's Hoiio Numbers can do: ISO 3166-1 alpha-2 code -> VOICE, FAX, SMS.
NUMBER_CAPABILITIES: Dict[str, Tuple[str, ...]] = {
    "XX": ("VOICE", "SMS"),
}

#: Response fields Hoiio wrote as one comma-separated string ("AA-C-1,AA-C-2"), not a JSON
#: array: path -> field names (the spec's ``csv: true``). The sandbox answers them so; the
#: SDK's models read either form as a list.
CSV_FIELDS: Dict[str, Tuple[str, ...]] = {}

#: Optional parameters whose empty value means something (the spec's ``empty``): path -> {name:
#: what "" means}. Any other optional parameter sent empty is the parameter left out.
EMPTY_MEANS: Dict[str, Dict[str, str]] = {}
