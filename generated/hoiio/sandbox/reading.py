"""The sandbox's reading of each kind of parameter value (spec/api.yaml's ``kinds``).

``READ[kind](value, param, at)`` turns what the wire carries (text; a file kind's may be an
uploaded (name, content)) into the value the behaviour works with, or raises Bad naming which of
the parameter's statuses Hoiio answered (``problem``: invalid, too_long, too_many, too_big) or
the exact status (``status``); ``checks.code`` makes it the answer's status. Every kind of the
table has its reader here (a kind without one fails at import), and the readers check with the
SDK's own checks (``hoiio._runtime.kinds``: text limits, the room rule, the PDF's size and magic,
what an http URL is, integer range, the wire's date and time), so the SDK refuses first what the
sandbox refuses.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any, Callable, Dict, List, Optional, Protocol, Sequence, Tuple

from .._generated.facts import CALLER_ID_PRIVATE, CALLER_ID_PRIVATE_LISTED, FLAG_SET, FLAG_UNSET, ROOM_INVALID
from .._generated.kinds import KINDS
from .._runtime.kinds import Bad, check_pdf, check_room, check_text, http_host, in_range, wire_moment
from .._runtime.params import Param
from .._runtime.phone import E164, clip


class Reading(Protocol):
    """What a reader may ask of the sandbox (``checks._Reading``, one per request)."""

    #: the statuses the endpoint answers (a status of the spec only where it is listed)
    statuses: Tuple[str, ...]

    def caller_ids(self) -> Sequence[str]:
        """What the account may show as caller ID, as user/get_info lists them."""


Reader = Callable[[Any, Param, Reading], Any]


def read_str(value: Any, param: Param, at: Reading) -> str:
    check_text(value, param)
    return str(value)


def read_int(value: Any, param: Param, at: Reading) -> int:
    text = str(value).strip()
    if not _WIRE_INT.fullmatch(text):
        raise Bad()
    return in_range(int(text), param)


def read_phone(value: Any, param: Param, at: Reading) -> str:
    return _wire_phone(value)


def read_phone_list(value: Any, param: Param, at: Reading) -> List[str]:
    items = [item.strip() for item in str(value).split(",")]
    if param.max_items is not None and len(items) > param.max_items:
        raise Bad(problem="too_many")
    return [_wire_phone(item) for item in items]


def read_transfer_dest(value: Any, param: Param, at: Reading) -> str:
    if value.startswith("room:"):
        return check_room(value, ROOM_INVALID if ROOM_INVALID in at.statuses else None)
    return _wire_phone(value)


def read_caller_id(value: Any, param: Param, at: Reading) -> str:
    """Hoiio took a caller ID the account may show (its number, its Hoiio Numbers, hidden)."""
    if (CALLER_ID_PRIVATE_LISTED if value in CALLER_ID_PRIVATE else value) not in at.caller_ids():
        raise Bad()
    return str(value)


def read_url(value: Any, param: Param, at: Reading) -> str:
    check_text(value, param)
    host = http_host(value)
    if host is None:
        raise Bad()
    # RFC 2606 reserves .invalid: such a host never resolves, and the sandbox looks nothing up.
    if (host == "invalid" or host.endswith(".invalid")) and param.unresolvable in at.statuses:
        raise Bad(status=param.unresolvable)
    return str(value)


def read_enum(value: Any, param: Param, at: Reading) -> str:
    if value not in (param.values or ()):
        raise Bad()
    return str(value)


def read_datetime(value: Any, param: Param, at: Reading) -> float:
    """The moment as epoch seconds."""
    moment = wire_moment(str(value))
    if moment is None:
        raise Bad()
    return moment.timestamp()


def read_pdf(value: Any, param: Param, at: Reading) -> Tuple[str, bytes]:
    if isinstance(value, tuple):
        name, content = value
    else:
        name, content = "document.pdf", decode_base64(str(value))
        if content is None:  # never a file other than the one sent
            raise Bad()
    check_pdf(content, param)
    return (name or "document.pdf", content)


def read_recipients(value: Any, param: Param, at: Reading) -> List[Dict[str, str]]:
    try:
        parsed = json.loads(value)
    except ValueError:
        raise Bad() from None
    if isinstance(parsed, dict) and isinstance(parsed.get("recipients"), list):
        parsed = parsed["recipients"]
    if not isinstance(parsed, list) or not parsed:
        raise Bad()
    if param.max_items is not None and len(parsed) > param.max_items:
        raise Bad(problem="too_many")
    out: List[Dict[str, str]] = []
    for item in parsed:
        if not isinstance(item, dict) or not E164.fullmatch(str(item.get("dest", ""))):
            raise Bad()
        out.append({str(k): "" if v is None else str(v) for k, v in item.items()})
    return out


def read_flag(value: Any, param: Param, at: Reading) -> bool:
    """The spec's words, and the usual spellings of yes and no (the sandbox's leniency)."""
    word = str(value).lower()
    if word in (FLAG_SET, "true", "1", "yes"):
        return True
    if word in (FLAG_UNSET, "false", "0", "no"):
        return False
    raise Bad()


#: The kind's name (a key of spec/api.yaml's kinds) -> its reader.
READ: Dict[str, Reader] = {
    "str": read_str,
    "int": read_int,
    "phone": read_phone,
    "phone_list": read_phone_list,
    "transfer_dest": read_transfer_dest,
    "caller_id": read_caller_id,
    "url": read_url,
    "enum": read_enum,
    "datetime": read_datetime,
    "pdf": read_pdf,
    "recipients": read_recipients,
    "flag": read_flag,
}

if READ.keys() != KINDS.keys():  # a new kind is a row of the spec, a class in the runtime and a reader here
    raise ImportError(f"hoiio.sandbox.reading: no reader for the kinds {sorted(set(KINDS) - set(READ))}, none in the spec for {sorted(set(READ) - set(KINDS))}")


_WIRE_INT = re.compile(r"[0-9]{1,9}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*")
_URL_SAFE = str.maketrans("-_", "+/")


def _wire_phone(text: str) -> str:
    """A number as the wire carries it: E.164 (space around it aside)."""
    number = text.strip()
    if not E164.fullmatch(number):
        raise Bad(f"{clip(number)} is not a phone number; expected E.164")
    return number


def decode_base64(text: str) -> Optional[bytes]:
    """The bytes of base64 ``text``, or None when it is not base64.

    Both alphabets are read: the standard one ("+" and "/", as Java's and Python's encoders
    write it) and the URL-safe one ("-" and "_", as Go's base64.URLEncoding writes it), padded
    with "=" or not; line breaks (a MIME encoder's 76-character lines) are ignored. Anything else
    (a space, which is what an unescaped "+" becomes in a form body; both alphabets at once;
    padding in the middle; a length no encoder writes) is None: the decoder never drops a
    character it cannot read, so what it returns is what was sent or nothing.
    """
    data = text.strip().replace("\r", "").replace("\n", "")
    if "-" in data or "_" in data:
        if "+" in data or "/" in data:
            return None
        data = data.translate(_URL_SAFE)
    body = data.rstrip("=")
    padding = len(data) - len(body)
    if len(body) % 4 == 1 or padding > 2 or (padding and len(data) % 4) or not _BASE64.fullmatch(body):
        return None
    try:
        return base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except (binascii.Error, ValueError):  # pragma: no cover - the checks above leave nothing it refuses
        return None
