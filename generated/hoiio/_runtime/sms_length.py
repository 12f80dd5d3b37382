"""How Hoiio counts an SMS: its encoding, its length as counted and the parts it takes, by the
rule in the spec (spec/api.yaml ``sms_length``, generated into ``hoiio._generated.facts``)."""

from __future__ import annotations

from typing import NamedTuple

from .._generated.facts import SMS_DOUBLE_WIDTH, SMS_GSM, SMS_GSM_CHARSET, SMS_MAX_PARTS, SMS_UNICODE

__all__ = ["SmsLength", "measure_sms"]


class SmsLength(NamedTuple):
    """What an SMS takes: ``unicode`` (whether it needs Unicode), ``length`` (characters as
    Hoiio counts them), ``parts`` (SMS parts billed), and ``fits`` (at most three parts;
    longer is refused with error_msg_too_big)."""

    unicode: bool
    length: int
    parts: int

    @property
    def fits(self) -> bool:
        return self.parts <= SMS_MAX_PARTS


def measure_sms(text: str) -> SmsLength:
    """Encoding, counted length and parts of ``text``: GSM text takes 160 characters in one part
    and 153 a part beyond, some characters counting as two; Unicode text 70, then 67 (a
    character beyond the BMP counting as two). ``measure_sms("Hoiio World").parts == 1``."""
    if not isinstance(text, str):
        from ..exceptions import ValidationError

        raise ValidationError([f"text: expected a string, got {type(text).__name__}"], "measure_sms")
    unicode = any(c not in SMS_GSM_CHARSET and c not in SMS_DOUBLE_WIDTH for c in text)
    if unicode:
        length = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
        single, part = SMS_UNICODE
    else:
        length = sum(2 if c in SMS_DOUBLE_WIDTH else 1 for c in text)
        single, part = SMS_GSM
    parts = 1 if length <= single else -(-length // part)
    return SmsLength(unicode, length, parts)
