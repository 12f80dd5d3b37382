"""The kinds of parameter value, one class each; spec/api.yaml's ``kinds`` table lists them, and
the generated ``hoiio._generated.kinds.KINDS`` makes one of each with the kind's traits.

``send`` turns what a caller gives into what the wire carries, or raises Bad saying what was
wrong and what is expected: the SDK, before anything is sent. The sandbox reads the wire's
values back with its own readers (``hoiio.sandbox.reading``), which raise the same Bad and
share the checks below that have public names (``check_text``, ``check_room``, ``check_pdf``,
``http_host``, ``in_range``, ``wire_moment``), so the SDK refuses what the sandbox refuses.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from typing import TYPE_CHECKING, Any, List, Mapping, Optional, Sequence, Tuple

from .._generated.facts import (
    CALLER_ID_PRIVATE,
    FLAG_SET,
    ROOM_MAX_LENGTH,
    ROOM_PATTERN,
    SMS_GSM,
    SMS_UNICODE,
    WIRE_DATETIME_PATTERN,
)
from .coerce import GMT8, WIRE_DATETIME, WIRE_SHAPE, format_datetime
from .phone import E164, PhoneError, clip, normalize
from .sms_length import measure_sms

if TYPE_CHECKING:  # pragma: no cover
    from .params import Param


class Bad(Exception):
    """A value that cannot be sent, or that Hoiio refused. The message says what was wrong and
    what is expected; ``problem`` names the parameter's status key that applies (invalid,
    too_long, too_many, too_big); ``status``, where set, is the exact status instead."""

    def __init__(self, message: str = "", problem: str = "invalid", status: Optional[str] = None) -> None:
        super().__init__(message)
        self.problem = problem
        self.status = status


class Kind:
    """One kind of parameter value. ``masked``: personal data, masked in debug logs; ``file``:
    sent as a file part; ``ordered``: two values compare (an endpoint's ``ordered`` pair)."""

    def __init__(self, *, masked: bool = False, file: bool = False, ordered: bool = False) -> None:
        self.masked = masked
        self.file = file
        self.ordered = ordered

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> Any:
        """``value`` as the wire carries it: text; None to leave the parameter out; a (name,
        content, media type) triple for a file part. ``prefix``: the default country code."""
        raise NotImplementedError

    def __repr__(self) -> str:
        traits = ", ".join(f"{name}=True" for name in ("masked", "file", "ordered") if getattr(self, name))
        return f"{type(self).__name__}({traits})"


class Str(Kind):
    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        text = _text(value)
        check_text(text, param)
        if param.max_parts is not None and not (text.isascii() and 2 * len(text) <= SMS_GSM[0]):  # else it fits
            _check_sms_parts(text, param.max_parts)
        return text


class Int(Kind):
    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise Bad(f"expected an integer, got {type_name(value)} {shown(value)}")
        if isinstance(value, str):
            text = value.strip()
            if not _INTEGER.fullmatch(text):  # ASCII digits only: str.isdigit() takes "²" too
                raise Bad(f"{clip(value)} is not an integer")
            if len(text.lstrip("-")) > _MAX_DIGITS:
                raise Bad(f"has {len(text.lstrip('-'))} digits; expected at most {_MAX_DIGITS}")
            value = int(text)
        elif not -_MAX_INT <= value <= _MAX_INT:  # compared, never printed: str() of a huge int raises
            raise Bad(f"is an integer of {value.bit_length()} bits; expected at most {_MAX_DIGITS} digits")
        return str(in_range(value, param))


class Phone(Kind):
    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        return _phone(value, prefix)


class CheckedNumbers(str):
    """Numbers already normalised and joined with commas (by hoiio.bulk, which checks every
    number once before the first request): sent as they are, not checked a second time."""


class PhoneList(Kind):
    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        if isinstance(value, tuple) and len(value) == 1:
            value = value[0] if isinstance(value[0], CheckedNumbers) else value
        if isinstance(value, CheckedNumbers):
            if param.max_items is not None and value.count(",") >= param.max_items:
                raise Bad(f"{value.count(',') + 1} numbers; expected at most {param.max_items}")
            return str(value)
        items = flatten(value)
        if not items:
            raise Bad("expected at least one number")
        if param.max_items is not None and len(items) > param.max_items:
            raise Bad(f"{len(items)} numbers; expected at most {param.max_items}")
        out, bad = [], []
        for index, item in enumerate(items):
            try:
                out.append(normalize(item, prefix))
            except PhoneError as exc:
                bad.append(f"#{index + 1} {exc}")
        _all_good(bad)
        return ",".join(out)


class TransferDest(Kind):
    """A phone number, or ``room:<id>`` (a conference room)."""

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        if isinstance(value, str) and value.startswith("room:"):
            return check_room(value)
        return _phone(value, prefix)


class CallerId(Kind):
    """A phone number, or a word for a hidden caller ID (the spec's wire_values)."""

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        if value in CALLER_ID_PRIVATE:
            return str(value)
        if not isinstance(value, str) or not E164.fullmatch(value):  # ASCII digits only (\d would take any script's)
            raise Bad(f"{shown(value)} is not valid; expected \"{CALLER_ID_PRIVATE[0]}\" or a number in E.164 form (+ and 7 to 15 digits)")
        return value


class Url(Kind):
    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        text = _text(value)
        check_text(text, param)
        if http_host(text) is None:
            raise Bad(f"{clip(text)} is not an http or https URL")
        return text


class Enum(Kind):
    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        values = param.values or ()
        if isinstance(value, int) and not isinstance(value, bool) and -_MAX_INT <= value <= _MAX_INT:
            value = str(value)
        if not isinstance(value, str) or value not in values:
            raise Bad(f"{shown(value)} is not allowed; expected one of: {', '.join(values)}")
        return value


class Datetime(Kind):
    """A datetime (aware: converted to GMT+8; naive: taken as GMT+8), a date, or the wire's text."""

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        if isinstance(value, (_dt.datetime, _dt.date)):
            try:
                return format_datetime(value)  # type: ignore[return-value]
            except (OverflowError, ValueError):  # an aware datetime near year 1 or 9999 in GMT+8
                raise Bad(f"{shown(value)} cannot be expressed in GMT+8 (Hoiio's time zone); expected a date between years 1 and 9999 there") from None
        if isinstance(value, str):
            text = value.strip()
            if WIRE_SHAPE.fullmatch(text):
                if wire_moment(text) is None:
                    raise Bad(f"{shown(value)} is not a real date and time")
                return text
        raise Bad(f"{shown(value)} is not a date and time; expected a datetime or 'YYYY-MM-DD HH:MM:SS' (GMT+8)")


class Pdf(Kind):
    """A PDF: a path, bytes or a binary file object; on the wire a file part, or base64 text."""

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> Tuple[str, bytes, str]:
        name = "document.pdf"
        limit = param.max_bytes + 1 if param.max_bytes else None  # read no more than shows it is too big
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
        elif isinstance(value, (str, os.PathLike)):
            path = os.fspath(value)
            name = os.path.basename(path) or name
            try:
                with open(path, "rb") as fh:
                    data = fh.read() if limit is None else fh.read(limit)
            except (OSError, ValueError) as exc:  # ValueError: a NUL byte, or a path the OS cannot encode
                raise Bad(f"cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}") from None
        elif hasattr(value, "read"):
            data = value.read() if limit is None else value.read(limit)
            if not isinstance(data, (bytes, bytearray)):
                raise Bad("the file object gives text; open it in binary mode ('rb')")
            data = bytes(data)
            name = os.path.basename(str(getattr(value, "name", "") or "")) or name
        else:
            raise Bad(f"expected a path, bytes or a binary file object, got {type_name(value)}")
        if not data:
            raise Bad("the file is empty; expected a PDF")
        check_pdf(data, param)
        return (name, data, "application/pdf")


class Recipients(Kind):
    """A list of mappings, each with a ``dest`` number; on the wire a JSON array."""

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> str:
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise Bad(f"expected a list of mappings each with 'dest', got {type_name(value)}")
        if not value:
            raise Bad("expected at least one recipient")
        if param.max_items is not None and len(value) > param.max_items:
            raise Bad(f"{len(value)} recipients; expected at most {param.max_items}")
        out, bad = [], []
        for index, item in enumerate(value):
            if not isinstance(item, Mapping) or "dest" not in item:
                bad.append(f"#{index + 1} is not a mapping with 'dest'")
                continue
            try:
                out.append({**{str(k): v for k, v in item.items()}, "dest": normalize(item["dest"], prefix)})
            except PhoneError as exc:
                bad.append(f"#{index + 1} dest {exc}")
        _all_good(bad)
        try:
            return json.dumps(out, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            raise Bad(f"cannot be sent as JSON: {exc}") from None


class Flag(Kind):
    """True or False; sent as the spec's word when set, left out when not."""

    def send(self, value: Any, param: Param, prefix: Optional[str]) -> Optional[str]:
        if not isinstance(value, bool):
            raise Bad(f"expected True or False, got {type_name(value)} {shown(value)}")
        return FLAG_SET if value else None


# ---- shared by the kinds; the public checks also by the sandbox's readers ----

_INTEGER = re.compile(r"-?[0-9]+")
_MAX_DIGITS = 18
_MAX_INT = 10**_MAX_DIGITS - 1
_ROOM = re.compile(ROOM_PATTERN)
_WIRE_DATETIME = re.compile(WIRE_DATETIME_PATTERN)
_CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f]")


def encodable(text: str) -> bool:
    """Whether UTF-8 can encode ``text`` (no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def type_name(value: Any) -> str:
    return type(value).__name__


def shown(value: Any, limit: int = 60) -> str:
    """repr(value), clipped; safe for values whose repr fails (an int of 5000 digits)."""
    try:
        text = repr(value)
    except Exception:
        return f"<{type_name(value)} too large to show>"
    return text if len(text) <= limit else text[:limit] + "..."


def flatten(value: Any) -> List[Any]:
    """Numbers given as one string (comma-separated), or nested lists and tuples of them -> a flat list."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")] if "," in value else [value]
    if isinstance(value, (list, tuple)):
        out: List[Any] = []
        for item in value:
            out.extend(flatten(item) if isinstance(item, (list, tuple)) else [item])
        return out
    return [value]


def wire_moment(text: str) -> Optional[_dt.datetime]:
    """ "YYYY-MM-DD HH:MM:SS" (GMT+8, a real date) -> an aware datetime, or None when it is not one."""
    text = text.strip()
    if not _WIRE_DATETIME.fullmatch(text):
        return None
    try:
        return _dt.datetime.strptime(text, WIRE_DATETIME).replace(tzinfo=GMT8)
    except ValueError:  # the 31st of a shorter month
        return None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise Bad(f"expected a string, got {type_name(value)} {shown(value)}")
    if not value.isascii() and not encodable(value):
        raise Bad("contains a lone surrogate (a broken character); expected text that UTF-8 can encode")
    return value


def check_text(text: str, param: Param) -> None:
    """Raise Bad unless ``text`` keeps the param's min_length, max_length (too_long) and pattern."""
    if param.min_length and len(text) < param.min_length:
        raise Bad("must not be empty" if param.min_length == 1 else f"{shown(text)} is {len(text)} characters; expected at least {param.min_length}")
    if param.max_length is not None and len(text) > param.max_length:
        raise Bad(f"is {len(text)} characters long; expected at most {param.max_length}", "too_long")
    if param.pattern and not re.fullmatch(param.pattern, text):  # fullmatch: "$" alone lets "SG\n" through (re caches the pattern)
        raise Bad(f"{clip(text)} is not valid; expected {param.pattern_doc or param.pattern}")


def _check_sms_parts(value: str, max_parts: int) -> None:
    """SMS text in at most ``max_parts`` parts, as Hoiio counts them (sms_length in the spec)."""
    unicode, length, parts = measure_sms(value)
    if parts > max_parts:
        gsm, uni = (single if max_parts == 1 else part * max_parts for single, part in (SMS_GSM, SMS_UNICODE))
        counted = f"{len(value)} characters{' with Unicode' if unicode else ''}"
        if length != len(value):
            counted += f" (counted as {length}: some characters count as two)"
        raise Bad(f"{counted} is too long ({parts} SMS parts); at most {max_parts} parts: {gsm} GSM-7 characters or {uni} with Unicode")


def in_range(number: int, param: Param) -> int:
    """``number``, or Bad when it is below the param's minimum or above its maximum."""
    if param.minimum is not None and number < param.minimum:
        upto = f" and at most {param.maximum}" if param.maximum is not None else ""
        raise Bad(f"{number} is too small; expected at least {param.minimum}{upto}")
    if param.maximum is not None and number > param.maximum:
        raise Bad(f"{number} is too large; expected at most {param.maximum}")
    return number


def _phone(value: Any, prefix: Optional[str]) -> str:
    try:
        return normalize(value, prefix)
    except PhoneError as exc:
        raise Bad(str(exc)) from None


def check_room(value: str, status: Optional[str] = None) -> str:
    """``room:<id>`` as given, or Bad (with ``status``) unless the id is empty or keeps the spec's room rule."""
    room = value[5:]
    if room and (len(room) > ROOM_MAX_LENGTH or not _ROOM.fullmatch(room)):
        raise Bad(f"room id {room!r} is not valid; expected letters, digits, '.' and '_', at most {ROOM_MAX_LENGTH}", status=status)
    return value


def http_host(text: str) -> Optional[str]:
    """The host of an http or https URL, or None when ``text`` is not one (a control character
    or a space anywhere, another scheme, no host)."""
    if _CONTROL_CHARS.search(text) or any(c.isspace() for c in text):  # urlsplit would drop some quietly
        return None
    from urllib.parse import urlsplit  # only for a URL parameter: off the import path

    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # a bad port or IPv6 literal
        return None
    return host if host and parts.scheme.lower() in ("http", "https") else None


def check_pdf(content: bytes, param: Param) -> None:
    """Raise Bad unless ``content`` starts as a PDF does and is within the param's max_bytes (too_big)."""
    if param.max_bytes is not None and len(content) > param.max_bytes:
        raise Bad(f"the file is larger than {param.max_bytes // (1024 * 1024)} MB; expected at most {param.max_bytes} bytes", "too_big")
    if not content.startswith(b"%PDF-"):
        raise Bad("the file is not a PDF (it does not start with %PDF-); expected a PDF document")


def _all_good(bad: List[str]) -> None:
    """Raise Bad listing the first five problems of a list's items, if any."""
    if bad:
        raise Bad("; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else ""))
