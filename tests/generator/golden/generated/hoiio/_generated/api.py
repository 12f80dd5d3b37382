# Generated from spec/api.yaml by `make generate`; do not edit.
"""Constants of the API: base URL, time zone, the services, and every status code."""

from typing import Dict, Tuple

BASE_URL = "https://api.example.invalid/open/"
TZ_HOURS = 8

#: Client attribute -> (module, class) of the service it holds.
SERVICES: Dict[str, Tuple[str, str]] = {
    "demo": ("hoiio.service.demo", "Demo"),
    "dm": ("hoiio.service.demo", "Demo"),
}

#: Status codes every endpoint may answer.
GENERIC_STATUSES: Tuple[str, ...] = (
    "success_ok",
    "error_param_missing",
    "error_internal_server_error",
)

#: Status codes about the account's state that any endpoint may answer.
ACCOUNT_STATUSES: Tuple[str, ...] = ("error_account_suspended",)

#: Endpoints the evidence names that the SDK does not have: path -> why.
OMITTED: Dict[str, str] = {
    "demo/get_secret": "Its answer is a credential, which the SDK never hands out.",
}

#: Status code -> (category, whether retrying can help, meaning).
STATUS_CODES: Dict[str, Tuple[str, bool, str]] = {
    "error_account_suspended": ("authentication", False, "The account is suspended."),
    "error_dest_group_both_missing": ("validation", False, "Give dest or group."),
    "error_dest_group_both_present": ("validation", False, "Give dest or group, not both."),
    "error_dest_invalid": ("validation", False, "A destination is not a valid number."),
    "error_internal_server_error": ("server", True, "Unexpected failure on the server."),
    "error_invalid_ref": ("not_found", False, "No such reference."),
    "error_param_missing": ("validation", False, "A required parameter is missing."),
    "error_secret_locked": ("authentication", False, "The secret is locked."),
    "error_tag_invalid_length": ("validation", False, "The tag is too long."),
    "success_ok": ("success", False, "The request was processed."),
}
