"""Turn the strings Hoiio sends into Python values, and Python values into what Hoiio expects.

Reading is lenient: a value that does not parse, or that the target type cannot represent (a
400-digit integer in a float field), is kept as it came, never raised.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Callable, List, Optional

from .._generated.api import TZ_HOURS
from .._generated.facts import FLAG_SET, FLAG_UNSET

GMT8 = _dt.timezone(_dt.timedelta(hours=TZ_HOURS))
WIRE_DATETIME = "%Y-%m-%d %H:%M:%S"

Coercer = Callable[[Any], Any]


def to_str(value: Any) -> Any:
    if isinstance(value, str) or value is None or not isinstance(value, (int, float)):
        return value
    try:
        return str(value)
    except ValueError:  # an int over sys.get_int_max_str_digits() digits (never from JSON text)
        return value


def to_int(value: Any) -> Any:
    # Fast path for the wire shape ("123"). The whitespace int() skips around a number is
    # whitespace to str.strip() too, so whenever int(value) succeeds, the slow path's
    # int(value.strip()) gives the same number; whatever it refuses goes the slow way.
    # tests/unit/test_fast_coercion.py pins each fast path to its slow path.
    if type(value) is str:
        try:
            return int(value)
        except ValueError:
            pass
    return _int_slow(value)


def _int_slow(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                as_float = float(value)
            except ValueError:
                return value
            return int(as_float) if as_float.is_integer() else value
    return value


def to_float(value: Any) -> Any:
    if type(value) is str:  # fast path for "0.038", as in to_int
        try:
            return float(value)
        except ValueError:
            pass
    return _float_slow(value)


def _float_slow(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        try:
            return float(value)
        except OverflowError:  # an int beyond the largest float (a 400-digit JSON number): as it came
            return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return value
    return value


_TRUE = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def to_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _TRUE.get(value.strip().lower(), value)
    if isinstance(value, int):
        return bool(value)
    return value


def enabled(value: Any) -> Any:
    """``enabled`` -> True, ``disabled`` -> False (the spec's flag words; the original SDK had
    this inverted)."""
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered == FLAG_SET:
            return True
        if lowered == FLAG_UNSET:
            return False
    return to_bool(value)


_fromisoformat = _dt.datetime.fromisoformat
#: the wire's datetime shape, ASCII digits only (the dates in it may still not be real)
WIRE_SHAPE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")
_combine = _dt.datetime.combine


def parse_datetime(value: Any) -> Any:
    """``YYYY-MM-DD HH:MM:SS[.fff]`` in GMT+8 -> an aware datetime."""
    # Fast path for exactly the wire shape (ASCII digits, "-- ::" between them): for such a
    # string datetime.fromisoformat reads the same six fields as the slow path, on every Python
    # (since 3.11 it accepts more shapes, "00:Z\x00:00" among them on 3.12, so the shape is
    # matched first); whatever it refuses goes the lenient way below.
    if type(value) is str and WIRE_SHAPE.fullmatch(value) is not None:
        try:
            moment = _fromisoformat(value)
        except ValueError:
            pass
        else:
            return _combine(moment, moment.time(), GMT8)  # 3x faster than .replace(tzinfo=)
    return _datetime_slow(value)


def _datetime_slow(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        if len(text) == 19 and text[4] == "-" and text[10] in " T":
            return _dt.datetime(
                int(text[0:4]), int(text[5:7]), int(text[8:10]),
                int(text[11:13]), int(text[14:16]), int(text[17:19]), tzinfo=GMT8,
            )  # fmt: skip
        if len(text) > 20 and text[19] == ".":
            base = _datetime_slow(text[:19])
            if isinstance(base, _dt.datetime):
                digits = text[20:26]
                if digits.isdigit():
                    return base.replace(microsecond=int(digits.ljust(6, "0")))
        if len(text) == 10:
            day = _dt.date.fromisoformat(text)
            return _dt.datetime(day.year, day.month, day.day, tzinfo=GMT8)
    except ValueError:
        return value
    return value


def parse_date(value: Any) -> Any:
    """``YYYY-MM-DD`` (or a datetime string) -> a date."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    try:
        return _dt.date.fromisoformat(text[:10]) if len(text) == 10 else _date_of(parse_datetime(text), value)
    except ValueError:
        return value


def _date_of(parsed: Any, raw: Any) -> Any:
    return parsed.date() if isinstance(parsed, _dt.datetime) else raw


def str_list(value: Any) -> Any:
    """A JSON array of strings, or one comma-separated string -> a list of strings."""
    if isinstance(value, list):
        return [to_str(v) for v in value]
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


str_list.is_list = True  # type: ignore[attr-defined]  # an absent field reads as []


def prefix(value: Any) -> Any:
    """A country calling code without its leading ``+`` (as the original SDK gave it)."""
    return value.lstrip("+") if isinstance(value, str) else value


def enum_of(enum: Any) -> Coercer:
    """A value of a str-based Enum (equal to the string it came as); other values as they came."""
    members = {member.value: member for member in enum}

    def coerce(value: Any) -> Any:
        return members.get(value, value) if isinstance(value, str) else value

    coerce.members = members  # type: ignore[attr-defined]  # inlined by a model's builder
    return coerce


def entries(model: Any) -> Coercer:
    """A list of JSON objects -> a list of ``model`` (bare strings fill the model's from_string field).

    Each entry is made by the model's builder (``Model._builder()``), which coerces all its
    known fields in one go: whoever reads an entries list nearly always reads its entries."""

    def coerce(value: Any) -> Any:
        if not isinstance(value, list):
            return value
        builder = getattr(model, "_builder", None)
        build = builder() if builder is not None else model
        from_string = model._FROM_STRING
        out: List[Any] = []
        append = out.append
        for item in value:
            if isinstance(item, dict):
                append(build(item))
            elif from_string and isinstance(item, str):
                append(build({from_string: item}))
            else:
                append(item)
        return out

    coerce.is_list = True  # type: ignore[attr-defined]  # an absent field reads as []
    return coerce


# ---- writing: Python values to the wire ----


def format_datetime(value: Any) -> Optional[str]:
    """A datetime (aware: converted to GMT+8; naive: taken as GMT+8) or date -> the wire format."""
    if isinstance(value, _dt.datetime):
        moment: _dt.datetime = value.astimezone(GMT8) if value.tzinfo is not None else value
        return moment.strftime(WIRE_DATETIME)
    if isinstance(value, _dt.date):
        return value.strftime("%Y-%m-%d 00:00:00")
    return None


def str_to_date(text: str) -> Any:
    """Compatibility with the original SDK: parse a Hoiio date string (now GMT+8-aware)."""
    return parse_datetime(text)


def date_to_str(value: Any) -> Optional[str]:
    """Compatibility with the original SDK: format a datetime the way Hoiio expects."""
    return format_datetime(value)
