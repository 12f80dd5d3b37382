"""Endpoint descriptions (filled in by the generated service modules) and the one generic
routine that checks a call's arguments against them and builds the form to send; each value is
converted by its kind (``kinds.py``, listed in the spec's kinds table).

Every problem is collected and reported at once in a single ValidationError, before anything
is sent.
"""

from __future__ import annotations

from typing import Any, Dict, Generic, List, Mapping, NamedTuple, Optional, Sequence, Tuple, Type, TypeVar

from .._generated.kinds import KINDS
from ..exceptions import ValidationError
from .kinds import Bad
from .kinds import encodable as _encodable

M = TypeVar("M")

#: Per-call options every method takes besides the API's parameters.
CALL_OPTIONS = ("app_id", "access_token", "extra_params", "request_timeout", "max_retries")


class Param(NamedTuple):
    """One request parameter, as the spec describes it: its wire and Python names, its kind (a
    key of the spec's kinds table), its limits and the statuses Hoiio answers for it."""

    wire: str
    python: str
    kind: str
    required: bool = False
    variadic: bool = False
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    max_items: Optional[int] = None
    max_bytes: Optional[int] = None
    #: SMS text: at most this many SMS parts (sms_length in the spec)
    max_parts: Optional[int] = None
    minimum: Optional[int] = None
    maximum: Optional[int] = None
    values: Optional[Tuple[str, ...]] = None
    pattern: Optional[str] = None
    pattern_doc: Optional[str] = None
    send_also_as: Tuple[str, ...] = ()
    invalid: Optional[str] = None
    too_many: Optional[str] = None
    too_big: Optional[str] = None
    empty_status: Optional[str] = None
    too_long: Optional[str] = None
    unresolvable: Optional[str] = None

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
        #: per param, what ``build`` needs, looked up once: (param, its kind, required?)
        self._plan = tuple((p, KINDS[p.kind], p.required or p.wire in self.require) for p in self.params)

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
        for (param, kind, required), value in zip(self._plan, values):
            if value is None or (param.variadic and not value):
                if required:
                    problems.append(f"missing required parameter {param.python!r}")
                continue
            try:
                wire_value: Any = kind.send(value, param, prefix)
            except Bad as bad:
                problems.append(f"{param.python}: {bad}")
                continue
            if kind.file:
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
            hint = f" (did you mean {(self._lookup[close[0]].python if close[0] in self._lookup else close[0])!r}?)" if close else ""
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
