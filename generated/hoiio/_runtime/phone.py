"""Phone numbers: E.164 checks and the optional default country prefix."""

from __future__ import annotations

import re
from typing import Any, Optional

from .._generated.facts import E164_PATTERN

E164 = re.compile(E164_PATTERN)  #: a number in E.164 form (whole: fullmatch)


class PhoneError(ValueError):
    """Not a phone number Hoiio accepts; the message says why."""


def clean_prefix(prefix: Any) -> Optional[str]:
    """A country calling code given as "65", "+65" or 65 -> "65"; None or "" -> None."""
    if prefix is None or prefix == "":
        return None
    text = str(prefix).strip().lstrip("+")
    if not re.fullmatch(r"[0-9]{1,4}", text):  # ASCII digits: str.isdigit() takes "²" too
        raise PhoneError(f"prefix {prefix!r} is not a country calling code; expected 1 to 4 digits, such as '65'")
    return text


def normalize(value: Any, prefix: Optional[str]) -> str:
    """Return ``value`` in E.164 form, adding ``+`` and the prefix to a number without ``+``."""
    if not isinstance(value, str):
        raise PhoneError(f"expected a phone number as a string, got {type(value).__name__}")
    number: str = value
    if not number.startswith("+"):
        if prefix is None:
            raise PhoneError(f"{clip(number)} has no country code; expected E.164 such as '+6511111111' (or set a prefix)")
        number = f"+{prefix}{number}"
    if not E164.fullmatch(number):
        raise PhoneError(f"{clip(number)} is not a phone number; expected E.164: '+' and 7 to 15 digits")
    return number


def clip(text: str, limit: int = 40) -> str:
    """repr(text), clipped to ``limit`` characters."""
    return repr(text if len(text) <= limit else text[:limit] + "...")
