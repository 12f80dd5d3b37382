"""Wire values as Hoiio wrote them: money with three decimals, dates in GMT+8, numbers as
strings; and the parsing of what clients send."""

from __future__ import annotations

import base64
import binascii
import calendar
import datetime as _dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import List, Optional, Tuple

from .._generated.api import TZ_HOURS

GMT8 = _dt.timezone(_dt.timedelta(hours=TZ_HOURS))
WIRE_DATETIME = "%Y-%m-%d %H:%M:%S"
E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*")
_URL_SAFE = str.maketrans("-_", "+/")


def to_milli(text: str) -> int:
    """ "0.038" -> 38 (thousandths)."""
    try:
        return int((Decimal(text) * 1000).to_integral_value())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not an amount") from None


def money(milli: int) -> str:
    """38 -> "0.038"."""
    sign = "-" if milli < 0 else ""
    milli = abs(milli)
    return f"{sign}{milli // 1000}.{milli % 1000:03d}"


def wire_date(moment: float) -> str:
    """A sandbox time (epoch seconds) as Hoiio wrote it: "YYYY-MM-DD HH:MM:SS" in GMT+8."""
    second = _dt.datetime.fromtimestamp(moment, GMT8).replace(microsecond=0)
    last = _last_date[0]
    if last[0] != second:  # strftime once a second
        last = _last_date[0] = (second, second.strftime(WIRE_DATETIME))
    return last[1]


#: The second wire_date wrote last, and how (one tuple, replaced whole: threads may share it).
_last_date: List[Tuple[Optional[_dt.datetime], str]] = [(None, "")]


def wire_day(moment: float) -> str:
    return _dt.datetime.fromtimestamp(moment, GMT8).strftime("%Y-%m-%d")


def parse_wire_date(text: str) -> Optional[float]:
    """ "YYYY-MM-DD HH:MM:SS" (GMT+8) -> epoch seconds, or None when it is not one."""
    if not _DATETIME.fullmatch(text.strip()):
        return None
    try:
        moment = _dt.datetime.strptime(text.strip(), WIRE_DATETIME).replace(tzinfo=GMT8)
    except ValueError:
        return None
    return moment.timestamp()


def add_months(day: _dt.date, months: int) -> _dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def day_of(moment: float) -> _dt.date:
    return _dt.datetime.fromtimestamp(moment, GMT8).date()


def end_of_day(day: _dt.date) -> float:
    """The first second after ``day`` (GMT+8), as epoch seconds."""
    nxt = day + _dt.timedelta(days=1)
    return _dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=GMT8).timestamp()


def minutes(seconds: float) -> int:
    """Billed minutes: every started minute counts; nothing for no talk."""
    return 0 if seconds <= 0 else max(1, math.ceil(seconds / 60 - 1e-9))


def is_phone(value: str) -> bool:
    return bool(E164.fullmatch(value))


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
