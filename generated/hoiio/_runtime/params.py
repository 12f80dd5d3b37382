"""Endpoint descriptions (filled in by the generated service modules) and the one generic
routine that checks a call's arguments against them and builds the form to send.

Every problem is collected and reported at once in a single ValidationError, before anything
is sent.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from typing import Any, Dict, Generic, List, Mapping, Optional, Sequence, Tuple, Type, TypeVar

from .._generated.facts import CALLER_ID_PRIVATE, FLAG_SET, ROOM_MAX_LENGTH, ROOM_PATTERN, SMS_GSM, SMS_UNICODE
from ..exceptions import ValidationError
from .coerce import format_datetime
from .phone import E164, PhoneError, normalize
from .sms_length import measure_sms

M = TypeVar("M")

#: Per-call options every method takes besides the API's parameters.
CALL_OPTIONS = ("app_id", "access_token", "extra_params", "request_timeout", "max_retries")

_WIRE_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


class Param:
    """One request parameter, as the spec describes it."""

    __slots__ = (
        "wire", "python", "kind", "required", "variadic", "min_length", "max_length", "max_items",
        "max_bytes", "max_parts", "minimum", "maximum", "values", "pattern", "pattern_doc", "send_also_as",
        "invalid", "too_many", "too_big", "empty_status", "too_long", "unresolvable", "_regex",
    )  # fmt: skip

    def __init__(
        self,
        wire: str,
        python: str,
        kind: str,
        *,
        required: bool = False,
        variadic: bool = False,
        min_length: Optional[int] = None,
        max_length: Optional[int] = None,
        max_items: Optional[int] = None,
        max_bytes: Optional[int] = None,
        max_parts: Optional[int] = None,
        minimum: Optional[int] = None,
        maximum: Optional[int] = None,
        values: Optional[Tuple[str, ...]] = None,
        pattern: Optional[str] = None,
        pattern_doc: Optional[str] = None,
        send_also_as: Tuple[str, ...] = (),
        invalid: Optional[str] = None,
        too_many: Optional[str] = None,
        too_big: Optional[str] = None,
        empty_status: Optional[str] = None,
        too_long: Optional[str] = None,
        unresolvable: Optional[str] = None,
    ) -> None:
        self.wire = wire
        self.python = python
        self.kind = kind
        self.required = required
        self.variadic = variadic
        self.min_length = min_length
        self.max_length = max_length
        self.max_items = max_items
        self.max_bytes = max_bytes
        #: SMS text: at most this many SMS parts (sms_length in the spec); checked by _as_str
        self.max_parts = max_parts
        self.minimum = minimum
        self.maximum = maximum
        self.values = values
        self.pattern = pattern
        self.pattern_doc = pattern_doc
        self.send_also_as = send_also_as
        self.invalid = invalid
        self.too_many = too_many
        self.too_big = too_big
        self.empty_status = empty_status
        self.too_long = too_long
        self.unresolvable = unresolvable
        self._regex = re.compile(pattern) if pattern else None

    def __repr__(self) -> str:
        return f"Param({self.wire!r}, {self.kind!r})"


class Group:
    """Parameters that go together: ``one_of`` (at most one; ``required``: exactly one) or
    ``exclusive`` (at most one)."""

    __slots__ = ("params", "required", "both", "none")

    def __init__(self, params: Tuple[str, ...], *, required: bool = False, both: Optional[str] = None, none: Optional[str] = None) -> None:
        self.params = params
        self.required = required
        self.both = both
        self.none = none


class Endpoint:
    """One API path and what it takes."""

    __slots__ = (
        "path", "kind", "charged", "multipart", "stage", "params", "by_wire", "one_of", "exclusive",
        "different", "different_status", "ordered", "ordered_status", "paginated", "statuses", "notifications", "retry_safe",
    )  # fmt: skip

    def __init__(
        self,
        path: str,
        *,
        kind: str,
        charged: bool,
        params: Tuple[Param, ...],
        multipart: bool = False,
        stage: Optional[str] = None,
        one_of: Tuple[Group, ...] = (),
        exclusive: Tuple[Group, ...] = (),
        different: Tuple[str, ...] = (),
        different_status: Optional[str] = None,
        ordered: Tuple[str, ...] = (),
        ordered_status: Optional[str] = None,
        paginated: Optional[Mapping[str, Any]] = None,
        statuses: Tuple[str, ...] = (),
        notifications: Tuple[str, ...] = (),
    ) -> None:
        self.path = path
        self.kind = kind
        self.charged = charged
        self.multipart = multipart
        self.stage = stage
        self.params = params
        self.by_wire = {p.wire: p for p in params}
        self.one_of = one_of
        self.exclusive = exclusive
        self.different = different
        self.different_status = different_status
        self.ordered = ordered
        self.ordered_status = ordered_status
        self.paginated = dict(paginated) if paginated else None
        self.statuses = statuses
        self.notifications = notifications
        #: a free query without side effects: safe to send again when the outcome is unknown
        self.retry_safe: bool = kind == "query" and not charged


class Method(Generic[M]):
    """One SDK method: an endpoint, the order of its arguments, and the model it returns."""

    __slots__ = ("name", "endpoint", "model", "params", "require", "aliases", "_lookup", "_names", "_plan")

    def __init__(
        self,
        name: str,
        endpoint: Endpoint,
        model: Type[M],
        params: Tuple[str, ...],
        require: Tuple[str, ...] = (),
        aliases: Tuple[Tuple[str, str], ...] = (),
    ) -> None:
        self.name = name
        self.endpoint = endpoint
        self.model = model
        self.params = tuple(endpoint.by_wire[w] for w in params)
        self.require = frozenset(require)
        #: (keyword, wire name) pairs: keywords standing for a param (the original SDK's names),
        #: whose values follow the params' in ``build``'s values.
        self.aliases = aliases
        lookup: Dict[str, Param] = {}
        for p in self.params:
            lookup[p.python] = p
            lookup.setdefault(p.wire, p)
        self._lookup = lookup
        self._names = [p.python for p in self.params]
        #: per param, what ``build`` needs, looked up once: (param, its converter, required?)
        self._plan = tuple((p, _CONVERT[p.kind], p.required or p.wire in self.require) for p in self.params)

    def build(
        self, values: Sequence[Any], options: Mapping[str, Any], prefix: Optional[str]
    ) -> Tuple[Dict[str, str], Optional[Dict[str, Any]], Dict[str, Any]]:
        """Check the arguments and the per-call options (the one place they are checked); return
        (form, files, call options) or raise a ValidationError listing every problem."""
        problems: List[str] = []
        given: Dict[str, Any] = {}
        for param, value in zip(self.params, values):
            if value is not None and not (param.variadic and not value):
                given[param.wire] = value
        for (alias, wire), value in zip(self.aliases, values[len(self.params) :]):
            if value is None:
                continue
            if given.get(wire) is not None:
                python = self.endpoint.by_wire[wire].python
                problems.append(f"{python}: given twice (as {python!r} and {alias!r})")
            else:
                given[wire] = value
        call: Dict[str, Any] = {}
        if options:
            self._merge_options(options, given, call, problems)
        form, files, found = self._convert([given.get(p.wire) for p in self.params], prefix)
        problems += found
        self._check_groups(given, form, problems)
        extra = call.pop("extra_params", None)
        if extra:
            self._merge_extra(extra, form, problems)
        if problems:
            raise ValidationError(problems, self.name)
        return form, files, call

    def _convert(self, values: Sequence[Any], prefix: Optional[str]) -> Tuple[Dict[str, str], Optional[Dict[str, Any]], List[str]]:
        """Each param's value (in ``values``, in the params' order; None: not given) checked and
        converted: (form, files, problems)."""
        problems: List[str] = []
        form: Dict[str, str] = {}
        files: Optional[Dict[str, Any]] = None
        for (param, convert, required), value in zip(self._plan, values):
            if value is None or (param.variadic and not value):
                if required:
                    problems.append(f"missing required parameter {param.python!r}")
                continue
            try:
                wire_value: Any = convert(value, param, prefix)
            except _Bad as bad:
                problems.append(f"{param.python}: {bad}")
                continue
            if param.kind == "pdf":
                files = {param.wire: wire_value}
            elif wire_value is not None:
                form[param.wire] = wire_value
                for alias in param.send_also_as:
                    form[alias] = wire_value
        return form, files, problems

    def _merge_options(self, options: Mapping[str, Any], given: Dict[str, Any], call: Dict[str, Any], problems: List[str]) -> None:
        for key, value in options.items():
            if key in CALL_OPTIONS:
                if value is not None:
                    problem = _option_problem(key, value)
                    if problem:
                        problems.append(problem)
                    else:
                        call[key] = value
                continue
            param = self._lookup.get(key)
            if param is not None and key == param.wire:
                if given.get(param.wire) is not None and value is not None:
                    problems.append(f"{param.python}: given twice (as {param.python!r} and {key!r})")
                elif value is not None:
                    given[param.wire] = value
                continue
            valid = self._names + list(CALL_OPTIONS)
            import difflib  # only for a misspelt parameter: off the import path

            close = difflib.get_close_matches(key, valid + [p.wire for p in self.params], n=1, cutoff=0.6)
            hint = f" (did you mean {self._lookup[close[0]].python if close[0] in self._lookup else close[0]!r}?)" if close else ""
            if close and close[0] in self._lookup:
                hint = f" (did you mean {self._lookup[close[0]].python!r}?)"
            problems.append(f"unknown parameter {key!r}{hint}; valid parameters: {', '.join(self._names) or '(none)'}")

    def _check_groups(self, given: Mapping[str, Any], form: Mapping[str, str], problems: List[str]) -> None:
        ep = self.endpoint
        visible = self._lookup
        for group in ep.one_of + ep.exclusive:
            names = [w for w in group.params if w in ep.by_wire and ep.by_wire[w].python in visible]
            # A flag given as False is not sent, so it does not count as given (force=False, msg=...).
            present = [w for w in names if w in given and given[w] is not False]
            shown = [ep.by_wire[w].python for w in names]
            if len(present) > 1:
                together = " and ".join(ep.by_wire[w].python for w in present)
                problems.append(f"{together} cannot be used together; give only one of: {', '.join(shown)}")
            elif group.required and not present and not any(w in self.require for w in names) and names:
                # With one member visible (sms.rate_in's incoming), that member is required.
                if len(names) == 1:
                    problems.append(f"missing required parameter {shown[0]!r}")
                else:
                    problems.append(f"missing a required parameter: give one of {', '.join(shown)}")
        if ep.different and all(w in form for w in ep.different) and len({form[w] for w in ep.different}) == 1:
            problems.append(f"{' and '.join(ep.by_wire[w].python for w in ep.different)} must be different numbers")
        if ep.ordered and all(w in form for w in ep.ordered):
            first, second = (form[w] for w in ep.ordered)
            if second < first:
                a, b = (ep.by_wire[w].python for w in ep.ordered)
                problems.append(f"{b}: {second!r} is before {a} {first!r}; expected {b} at or after {a}")

    def _merge_extra(self, extra: Any, form: Dict[str, str], problems: List[str]) -> None:
        if not isinstance(extra, Mapping):
            problems.append(f"extra_params: expected a mapping of wire names to values, got {type(extra).__name__}")
            return
        for key, value in extra.items():
            if not isinstance(key, str) or not key:
                problems.append(f"extra_params: key {key!r} is not a parameter name")
            elif not _encodable(key):
                problems.append(f"extra_params: key {key!r} contains a lone surrogate; expected a name that UTF-8 can encode")
            elif key in form:
                problems.append(f"extra_params: {key!r} is already given as a parameter")
            elif key in self.endpoint.by_wire:
                known = self.endpoint.by_wire[key]
                problems.append(f"extra_params: {key!r} is a parameter the spec knows; pass it as {known.python}= so that it is checked")
            elif key in ("app_id", "access_token"):
                problems.append(f"extra_params: pass {key!r} as a keyword argument, not in extra_params")
            elif value is not None:
                try:
                    text = value if isinstance(value, str) else str(value)
                except ValueError:  # an int of more digits than str() gives
                    problems.append(f"extra_params: {key!r} is a number too large to send as text")
                    continue
                if not _encodable(text):
                    problems.append(f"extra_params: {key!r} contains a lone surrogate; expected text that UTF-8 can encode")
                else:
                    form[key] = text


def _option_problem(key: str, value: Any) -> Optional[str]:
    from .rules import retries_problem, timeout_problem

    if key == "request_timeout":
        return timeout_problem(value, "request_timeout")
    if key == "max_retries":
        return retries_problem(value, "max_retries")
    if key in ("app_id", "access_token") and not (isinstance(value, str) and value and _encodable(value)):
        if isinstance(value, str) and value:  # its value is never shown
            return f"{key} contains a lone surrogate (a broken character); expected text that UTF-8 can encode"
        return f"{key}: expected a non-empty string, got {'an empty string' if isinstance(value, str) else type(value).__name__}"
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Bad(Exception):
    """A value that cannot be sent; the message says what is wrong and what is expected."""


def _type_name(value: Any) -> str:
    return type(value).__name__


def _as_str(value: Any, param: Param, prefix: Optional[str]) -> str:
    if not isinstance(value, str):
        raise _Bad(f"expected a string, got {_type_name(value)} {_shown(value)}")
    if not value.isascii() and not _encodable(value):
        raise _Bad("contains a lone surrogate (a broken character); expected text that UTF-8 can encode")
    if param.min_length and len(value) < param.min_length:
        raise _Bad("must not be empty" if param.min_length == 1 else f"{_shown(value)} is {len(value)} characters; expected at least {param.min_length}")
    if param.max_length is not None and len(value) > param.max_length:
        raise _Bad(f"is {len(value)} characters long; expected at most {param.max_length}")
    if param.max_parts is not None and not (value.isascii() and 2 * len(value) <= _SMS_GSM_CHARS):  # else it fits
        _check_sms_parts(value, param.max_parts)
    if param._regex is not None and not param._regex.fullmatch(value):  # fullmatch: "$" alone lets "SG\n" through
        raise _Bad(f"{_clip(value)} is not valid; expected {param.pattern_doc or param.pattern}")
    return value


#: the GSM characters that fit in one part: ASCII text of half as many fits, whatever it holds
_SMS_GSM_CHARS = SMS_GSM[0]


def _check_sms_parts(value: str, max_parts: int) -> None:
    """SMS text in at most ``max_parts`` parts, as Hoiio counts them (sms_length in the spec)."""
    unicode, length, parts = measure_sms(value)
    if parts > max_parts:
        gsm, uni = (single if max_parts == 1 else part * max_parts for single, part in (SMS_GSM, SMS_UNICODE))
        counted = f"{len(value)} characters{' with Unicode' if unicode else ''}"
        if length != len(value):
            counted += f" (counted as {length}: some characters count as two)"
        raise _Bad(f"{counted} is too long ({parts} SMS parts); at most {max_parts} parts: {gsm} GSM-7 characters or {uni} with Unicode")


def _shown(value: Any, limit: int = 60) -> str:
    """repr(value), clipped; safe for values whose repr fails (an int of 5000 digits)."""
    try:
        text = repr(value)
    except Exception:
        return f"<{_type_name(value)} too large to show>"
    return text if len(text) <= limit else text[:limit] + "..."


def _clip(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")


_INTEGER = re.compile(r"-?[0-9]+")
_MAX_DIGITS = 18
_MAX_INT = 10**_MAX_DIGITS - 1


def _as_int(value: Any, param: Param, prefix: Optional[str]) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise _Bad(f"expected an integer, got {_type_name(value)} {_shown(value)}")
    if isinstance(value, str):
        text = value.strip()
        if not _INTEGER.fullmatch(text):  # ASCII digits only: str.isdigit() takes "²" too
            raise _Bad(f"{_clip(value)} is not an integer")
        if len(text.lstrip("-")) > _MAX_DIGITS:
            raise _Bad(f"has {len(text.lstrip('-'))} digits; expected at most {_MAX_DIGITS}")
        value = int(text)
    elif not -_MAX_INT <= value <= _MAX_INT:  # compared, never printed: str() of a huge int raises
        raise _Bad(f"is an integer of {value.bit_length()} bits; expected at most {_MAX_DIGITS} digits")
    if param.minimum is not None and value < param.minimum:
        raise _Bad(f"{value} is too small; expected at least {param.minimum}" + _upto(param))
    if param.maximum is not None and value > param.maximum:
        raise _Bad(f"{value} is too large; expected at most {param.maximum}")
    return str(value)


def _upto(param: Param) -> str:
    return f" and at most {param.maximum}" if param.maximum is not None else ""


def _as_phone(value: Any, param: Param, prefix: Optional[str]) -> str:
    try:
        return normalize(value, prefix)
    except PhoneError as exc:
        raise _Bad(str(exc)) from None


class CheckedNumbers(str):
    """Numbers already normalised and joined with commas (by hoiio.bulk, which checks every
    number once before the first request): sent as they are, not checked a second time."""

    __slots__ = ()


def _as_phone_list(value: Any, param: Param, prefix: Optional[str]) -> str:
    if isinstance(value, tuple) and len(value) == 1:
        value = value[0] if isinstance(value[0], CheckedNumbers) else value
    if isinstance(value, CheckedNumbers):
        if param.max_items is not None and value.count(",") >= param.max_items:
            raise _Bad(f"{value.count(',') + 1} numbers; expected at most {param.max_items}")
        return str(value)
    items = _flatten(value)
    if not items:
        raise _Bad("expected at least one number")
    if param.max_items is not None and len(items) > param.max_items:
        raise _Bad(f"{len(items)} numbers; expected at most {param.max_items}")
    out, bad = [], []
    for index, item in enumerate(items):
        try:
            out.append(normalize(item, prefix))
        except PhoneError as exc:
            bad.append(f"#{index + 1} {exc}")
    if bad:
        raise _Bad("; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else ""))
    return ",".join(out)


def _flatten(value: Any) -> List[Any]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")] if "," in value else [value]
    if isinstance(value, (list, tuple)):
        out: List[Any] = []
        for item in value:
            out.extend(_flatten(item) if isinstance(item, (list, tuple)) else [item])
        return out
    return [value]


def _as_transfer_dest(value: Any, param: Param, prefix: Optional[str]) -> str:
    if isinstance(value, str) and value.startswith("room:"):
        room = value[5:]
        if room and (len(room) > ROOM_MAX_LENGTH or not re.fullmatch(ROOM_PATTERN, room)):
            raise _Bad(f"room id {room!r} is not valid; expected letters, digits, '.' and '_', at most {ROOM_MAX_LENGTH}")
        return value
    return _as_phone(value, param, prefix)


def _as_caller_id(value: Any, param: Param, prefix: Optional[str]) -> str:
    if value in CALLER_ID_PRIVATE:  # the spec's words for a hidden caller ID ("private", and "p" as user/get_info lists it)
        return str(value)
    if not isinstance(value, str) or not E164.fullmatch(value):  # ASCII digits only (\d would take any script's)
        raise _Bad(f"{_shown(value)} is not valid; expected \"{CALLER_ID_PRIVATE[0]}\" or a number in E.164 form (+ and 7 to 15 digits)")
    return value


def _as_url(value: Any, param: Param, prefix: Optional[str]) -> str:
    text = _as_str(value, param, prefix)
    scheme, _, rest = text.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or rest.startswith("/") or any(c.isspace() for c in text):
        raise _Bad(f"{_clip(text)} is not an http or https URL")
    return text


def _as_enum(value: Any, param: Param, prefix: Optional[str]) -> str:
    values = param.values or ()
    if isinstance(value, int) and not isinstance(value, bool) and -_MAX_INT <= value <= _MAX_INT:
        value = str(value)
    if not isinstance(value, str) or value not in values:
        raise _Bad(f"{_shown(value)} is not allowed; expected one of: {', '.join(values)}")
    return value


def _as_datetime(value: Any, param: Param, prefix: Optional[str]) -> str:
    if isinstance(value, (_dt.datetime, _dt.date)):
        try:
            return format_datetime(value)  # type: ignore[return-value]
        except (OverflowError, ValueError):  # an aware datetime near year 1 or 9999 in GMT+8
            raise _Bad(f"{_shown(value)} cannot be expressed in GMT+8 (Hoiio's time zone); expected a date between years 1 and 9999 there") from None
    if isinstance(value, str):
        text = value.strip()
        if _WIRE_DATETIME.match(text):
            try:
                _dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
            except ValueError:
                raise _Bad(f"{_shown(value)} is not a real date and time") from None
            return text
    raise _Bad(f"{_shown(value)} is not a date and time; expected a datetime or 'YYYY-MM-DD HH:MM:SS' (GMT+8)")


def _as_pdf(value: Any, param: Param, prefix: Optional[str]) -> Tuple[str, bytes, str]:
    name = "document.pdf"
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    elif isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        name = os.path.basename(path) or name
        try:
            with open(path, "rb") as fh:
                data = fh.read((param.max_bytes or 0) + 1) if param.max_bytes else fh.read()
        except (OSError, ValueError) as exc:  # ValueError: a NUL byte, or a path the OS cannot encode
            raise _Bad(f"cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}") from None
    elif hasattr(value, "read"):
        data = value.read((param.max_bytes or 0) + 1) if param.max_bytes else value.read()
        if not isinstance(data, (bytes, bytearray)):
            raise _Bad("the file object gives text; open it in binary mode ('rb')")
        data = bytes(data)
        name = os.path.basename(str(getattr(value, "name", "") or "")) or name
    else:
        raise _Bad(f"expected a path, bytes or a binary file object, got {_type_name(value)}")
    if not data:
        raise _Bad("the file is empty; expected a PDF")
    if param.max_bytes is not None and len(data) > param.max_bytes:
        raise _Bad(f"the file is larger than {param.max_bytes // (1024 * 1024)} MB; expected at most {param.max_bytes} bytes")
    if not data.startswith(b"%PDF-"):
        raise _Bad("the file is not a PDF (it does not start with %PDF-); expected a PDF document")
    return (name, data, "application/pdf")


def _as_recipients(value: Any, param: Param, prefix: Optional[str]) -> str:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise _Bad(f"expected a list of mappings each with 'dest', got {_type_name(value)}")
    if not value:
        raise _Bad("expected at least one recipient")
    if param.max_items is not None and len(value) > param.max_items:
        raise _Bad(f"{len(value)} recipients; expected at most {param.max_items}")
    out, bad = [], []
    for index, item in enumerate(value):
        if not isinstance(item, Mapping) or "dest" not in item:
            bad.append(f"#{index + 1} is not a mapping with 'dest'")
            continue
        try:
            out.append({**{str(k): v for k, v in item.items()}, "dest": normalize(item["dest"], prefix)})
        except PhoneError as exc:
            bad.append(f"#{index + 1} dest {exc}")
    if bad:
        raise _Bad("; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else ""))
    try:
        return json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise _Bad(f"cannot be sent as JSON: {exc}") from None


def _as_flag(value: Any, param: Param, prefix: Optional[str]) -> Optional[str]:
    if not isinstance(value, bool):
        raise _Bad(f"expected True or False, got {_type_name(value)} {_shown(value)}")
    return FLAG_SET if value else None


_CONVERT = {
    "str": _as_str,
    "int": _as_int,
    "phone": _as_phone,
    "phone_list": _as_phone_list,
    "transfer_dest": _as_transfer_dest,
    "caller_id": _as_caller_id,
    "url": _as_url,
    "enum": _as_enum,
    "datetime": _as_datetime,
    "pdf": _as_pdf,
    "recipients": _as_recipients,
    "flag": _as_flag,
}
