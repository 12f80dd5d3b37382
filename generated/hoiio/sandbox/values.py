"""Wire values as Hoiio wrote them: money with three decimals, dates in GMT+8, numbers as
strings. (What clients send is read by the parameters' kinds' readers, reading.py.)"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from decimal import Decimal, InvalidOperation
from typing import List, Optional, Tuple

from .._generated.api import TZ_HOURS
from .._generated.facts import E164_PATTERN

GMT8 = _dt.timezone(_dt.timedelta(hours=TZ_HOURS))
WIRE_DATETIME = "%Y-%m-%d %H:%M:%S"
E164 = re.compile(E164_PATTERN)


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
