"""Response and entry objects: attribute access to every field, coerced on first read; the
entries of a list field are made with every known field coerced at once (``Model._builder``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, Iterator, List, Mapping, Optional, Tuple, Union

from .coerce import Coercer
from .coerce import to_str as _to_str
from .status import error_for, succeeded

if TYPE_CHECKING:  # pragma: no cover
    import requests

_REPR_ITEMS = 3


class Model:
    """A JSON object from Hoiio. Known fields read as their spec types (absent ones as None);
    unknown fields read as they came. ``to_dict()`` gives the coerced values as plain data."""

    _FIELDS: ClassVar[Dict[str, Coercer]] = {}
    _ALIASES: ClassVar[Dict[str, Tuple[str, ...]]] = {}
    _PYTHON: ClassVar[Dict[str, str]] = {}
    _FROM_STRING: ClassVar[Optional[str]] = None
    _SERVED: ClassVar[Dict[str, "_Field"]] = {}  #: wire name -> the _Field that serves it

    def __init__(self, data: Mapping[str, Any]) -> None:
        self._data: Dict[str, Any] = data if isinstance(data, dict) else dict(data)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _install_fields(cls)

    @classmethod
    def _builder(cls) -> Callable[[Dict[str, Any]], Any]:
        """A function making an instance of this very class from a decoded JSON object (a
        dict), every known field already coerced into its ``__dict__`` as reading each would
        leave it, in one call instead of one per field: what an entries list is made with.
        Kept in the class's own ``__dict__`` (a subclass makes its own)."""
        found: Optional[Callable[[Dict[str, Any]], Any]] = cls.__dict__.get("_build")
        if found is not None:
            return found
        fields = tuple(cls._SERVED.values())
        plain = cls.__init__ is Model.__init__ and cls.__new__ is object.__new__

        def build(data: Dict[str, Any]) -> Any:
            values: Dict[str, Any] = {"_data": data}
            for field in fields:
                values[field.name] = field.value_in(data)
            obj: Any
            if plain:
                obj = object.__new__(cls)
                obj.__dict__ = values
            else:  # a class with its own constructor gets it called; what it sets is kept
                obj = cls(data)
                obj.__dict__ = {**values, **obj.__dict__}
            return obj

        setattr(cls, "_build", build)  # read back only through cls.__dict__, never bound
        return build

    if not TYPE_CHECKING:  # type checkers see the declared fields only

        def __getattr__(self, name: str) -> Any:
            # Known fields are read through their _Field descriptors; this is the fallback for
            # unknown fields, aliases, wire names and fields added to _FIELDS after the class.
            if name.startswith("_"):
                raise AttributeError(name)
            wire = self._PYTHON.get(name, name)
            if wire not in self._FIELDS and wire not in self._data:
                import difflib  # only for a misspelt field: off the hot path

                python = {w: py for py, w in self._PYTHON.items()}
                known = [python.get(w, w) for w in [*self._FIELDS, *self._data]]
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise AttributeError(f"{type(self).__name__} has no field {name!r}{hint}")
            value = self._value(wire)
            self.__dict__[name] = value
            return value

    def _value(self, wire: str) -> Any:
        """The value of the field with this wire name: a known field coerced (read under one of
        its aliases if need be; an absent list as []), an unknown one as it came."""
        return _Field(wire, wire, self._ALIASES.get(wire, ()), self._FIELDS.get(wire)).value_in(self._data)

    def _read(self, wire: str) -> Any:
        """Like _value, but through the instance's cache when a _Field serves this field."""
        field = self._SERVED.get(wire)
        return self._value(wire) if field is None else getattr(self, field.name)

    def get(self, name: str, default: Any = None) -> Any:
        """The field's value (by Python or wire name), or ``default`` when the field is absent or unknown."""
        try:
            value = self[name]
        except KeyError:
            return default
        return default if value is None else value

    def __getitem__(self, name: str) -> Any:
        """The field's value by Python or wire name, known or not (``res["x_new_field"]``);
        never a method or attribute of the object (a field named ``keys`` reads as the field)."""
        if not isinstance(name, str):
            raise KeyError(name)
        wire = self._PYTHON.get(name, name)
        if wire in self._FIELDS:
            return self._read(wire)
        if wire in self._data:
            return self._data[wire]
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        wire = self._PYTHON.get(name, name)
        return wire in self._data or any(alias in self._data for alias in self._ALIASES.get(wire, ()))

    def keys(self) -> List[str]:
        """The wire names present, known fields first; a known field that came under one of its
        aliases (bulk_txn_ref as txn_ref) is listed under its own name, not the alias."""
        data = self._data
        known: List[str] = []
        used = set()
        for key in self._FIELDS:
            if key in data:
                known.append(key)
                continue
            alias = next((a for a in self._ALIASES.get(key, ()) if a in data), None)
            if alias is not None:
                known.append(key)
                used.add(alias)
        return known + [k for k in data if k not in self._FIELDS and k not in used]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def to_dict(self) -> Dict[str, Any]:
        """The fields present, coerced, as plain dicts and lists (entries included)."""
        return {key: _plain(self._read(key) if key in self._FIELDS else self._data[key]) for key in self.keys()}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and isinstance(other, Model) and other._data == self._data

    __hash__ = None  # type: ignore[assignment]

    def __dir__(self) -> List[str]:
        names = set(self._FIELDS) | set(self._data)
        return sorted(set(super().__dir__()) | {k for k in names if k.isidentifier() and not k.startswith("_")})

    def __repr__(self) -> str:
        python = {wire: py for py, wire in self._PYTHON.items()}
        parts = []
        for key in self.keys():
            value = self._read(key) if key in self._FIELDS else self._data[key]
            parts.append(f"{python.get(key, key)}={_short(value)}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def __getstate__(self) -> Dict[str, Any]:
        return {"_data": self._data}

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)


class _Field:
    """A known field of a model class: coerced on first read, then kept in the instance's
    ``__dict__``, which takes precedence over this non-data descriptor (as with
    ``functools.cached_property``)."""

    __slots__ = ("name", "wire", "aliases", "coercer", "is_list")

    def __init__(self, name: str, wire: str, aliases: Tuple[str, ...], coercer: Optional[Coercer]) -> None:
        self.name = name
        self.wire = wire
        self.aliases = aliases
        self.coercer = coercer
        self.is_list = bool(getattr(coercer, "is_list", False))

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.value_in(obj._data)
        return value

    def value_in(self, data: Dict[str, Any]) -> Any:
        """This field's value in a decoded JSON object: coerced, read under one of its aliases
        if need be, an absent list as []."""
        wire = self.wire
        if wire in data:
            raw = data[wire]
        else:
            raw = None
            for alias in self.aliases:
                if alias in data:
                    raw = data[alias]
                    break
        coercer = self.coercer
        if raw is None:
            return [] if self.is_list else None
        if coercer is None or (coercer is _to_str and type(raw) is str):  # to_str(a str) is that str
            return raw
        return coercer(raw)

    def __repr__(self) -> str:
        return f"<field {self.name!r}>"


def _defined(cls: type, name: str) -> Any:
    """What the class hierarchy of ``cls`` defines under ``name`` (None when nothing does)."""
    return next((klass.__dict__[name] for klass in cls.__mro__ if name in klass.__dict__), None)


def _install_fields(cls: Any) -> None:
    """Give ``cls`` a _Field for each known field whose Python name nothing else in the class
    hierarchy defines (a property such as ``Response.status`` or a method keeps precedence,
    as it does over ``__getattr__``); ``cls._SERVED`` lists those that serve their field."""
    aliases: Dict[str, Tuple[str, ...]] = cls._ALIASES
    python = {wire: py for py, wire in cls._PYTHON.items()}
    installed = []
    for wire, coercer in cls._FIELDS.items():
        name = python.get(wire, wire)
        if not name.isidentifier() or name.startswith("_"):
            continue
        defined = _defined(cls, name)
        if defined is not None and not isinstance(defined, _Field):
            continue
        field = _Field(name, wire, tuple(aliases.get(wire, ())), coercer)
        setattr(cls, name, field)
        installed.append(field)
    cls._SERVED = {f.wire: f for f in installed if cls.__dict__.get(f.name) is f}


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _short(value: Any) -> str:
    if isinstance(value, list) and len(value) > _REPR_ITEMS:
        shown = ", ".join(repr(v) for v in value[:_REPR_ITEMS])
        return f"[{shown}, ... {len(value) - _REPR_ITEMS} more]"
    return repr(value)


class Response(Model):
    """What a method returns: the fields of Hoiio's answer as attributes, plus

    ``status`` (``success_ok`` or the error code), ``is_success()``, ``raise_for_status()``,
    ``json`` (the decoded body, a dict), ``text`` (the body) and ``response`` (the
    ``requests.Response``).
    """

    method: str = ""

    def __init__(self, data: "Union[Mapping[str, Any], requests.Response]", *, text: str = "", response: Any = None, method: str = "") -> None:
        if type(data) is not dict and not isinstance(data, Mapping):  # the original SDK's Response(requests_response)
            data, text, response = _from_http(data)
        super().__init__(data)
        self.json: Dict[str, Any] = self._data
        self.text = text
        self.response = response
        if method:
            self.method = method

    @classmethod
    def _answer(cls, data: Dict[str, Any], text: str, response: Any, method: str) -> "Response":
        """``cls(data, text=text, response=response, method=method)`` for a decoded answer (a
        dict): what the client returns, made without the two ``__init__`` calls when the
        class has no constructor of its own (the generated models)."""
        if cls.__init__ is not Response.__init__:
            return cls(data, text=text, response=response, method=method)
        obj = object.__new__(cls)
        obj.__dict__ = {"_data": data, "json": data, "text": text, "response": response, "method": method or cls.method}
        return obj

    @property
    def status(self) -> Optional[str]:
        value = self._data.get("status")
        return value if isinstance(value, str) or value is None else str(value)

    def is_success(self) -> bool:
        """True when Hoiio answered ``success_ok``."""
        return succeeded(self._data)

    def raise_for_status(self) -> "Response":
        """Raise the matching :class:`hoiio.APIError` subclass unless the status is ``success_ok``."""
        if not self.is_success():
            raise error_for(str(self.status), self, self.method)
        return self

    def __getstate__(self) -> Dict[str, Any]:
        return {"_data": self._data, "json": self._data, "text": self.text, "response": None, "method": self.method}


def _from_http(http: Any) -> Tuple[Dict[str, Any], str, Any]:
    """(decoded body, body text, http) of a ``requests.Response`` whose body is a Hoiio answer:
    a JSON object with a ``status``. Anything else raises a HoiioException."""
    from ..exceptions import MalformedResponseError, ValidationError

    content = getattr(http, "content", None)
    if not isinstance(content, (bytes, str)) or not hasattr(http, "status_code"):
        raise ValidationError([f"expected a mapping or a requests.Response, got {type(http).__name__}"], "Response")
    text = content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested too deep
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("status"), str):
        flat = " ".join(text.split())
        raise MalformedResponseError(
            f"Response: HTTP {http.status_code} is not a Hoiio answer (a JSON object with a status): {flat[:200]!r}",
            http_status=http.status_code, body=text, response=http,
        )  # fmt: skip
    return data, text, http


class Notification(Model):
    """Base of the generated notification classes: what Hoiio POSTs to your URLs."""

    KEY: ClassVar[str] = ""
    IVR_BLOCK: ClassVar[Optional[str]] = None
    DETECT: ClassVar[Tuple[str, ...]] = ()
