"""``hoiio.HTTPResponse``: the HTTP answer behind a result of :class:`hoiio.AsyncClient`
(``res.response``), owned by hoiio and read-only.

The async client reads an answer's body as it arrives (within the size cap, decompressing it
itself), so its HTTP library's response object is spent by then; what it hands out instead is
this small record of the exchange: ``status_code``, ``reason``, ``headers`` (a case-insensitive
mapping), ``url``, ``content``, ``text``, ``json()``, ``elapsed`` and ``request`` (the
:class:`HTTPRequest` as sent). The access token is scrubbed from all of it: the reason, every
header value (``Set-Cookie`` included), the body and the request's body.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

__all__ = ["HTTPHeaders", "HTTPRequest", "HTTPResponse"]


class HTTPHeaders(Mapping[str, str]):
    """Read-only, case-insensitive headers, in the order they came. A name that came more than
    once reads as its values joined with ", " (``get_all`` gives them one by one)."""

    __slots__ = ("_items", "_index")

    def __init__(self, items: Sequence[Tuple[str, str]] = ()) -> None:
        self._items: Tuple[Tuple[str, str], ...] = tuple((str(k), str(v)) for k, v in items)
        self._index: Optional[Dict[str, str]] = None

    @classmethod
    def _trusted(cls, items: Tuple[Tuple[str, str], ...]) -> "HTTPHeaders":
        """Of (name, value) pairs that are plain strings already (the async transport's)."""
        headers = cls.__new__(cls)
        headers._items, headers._index = items, None
        return headers

    def _lookup(self) -> Dict[str, str]:
        index = self._index
        if index is None:
            index = {}
            for name, value in self._items:
                key = name.lower()
                index[key] = index[key] + ", " + value if key in index else value
            self._index = index
        return index

    def __getitem__(self, name: str) -> str:
        if not isinstance(name, str):
            raise KeyError(name)
        return self._lookup()[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._lookup()

    def __iter__(self) -> Iterator[str]:
        seen = set()
        for name, _ in self._items:
            if name.lower() not in seen:
                seen.add(name.lower())
                yield name

    def __len__(self) -> int:
        return len(self._lookup())

    def get_all(self, name: str) -> List[str]:
        """Every value of ``name``, in order (``[]`` when absent)."""
        key = name.lower()
        return [v for k, v in self._items if k.lower() == key]

    def raw(self) -> List[Tuple[str, str]]:
        """The (name, value) pairs as they came, repeated names included."""
        return list(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            try:
                return dict(self._lookup()) == {str(k).lower(): v for k, v in other.items()}
            except AttributeError:  # pragma: no cover - a mapping of non-strings
                return False
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"HTTPHeaders({list(self._items)!r})"


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class HTTPRequest:
    """The request as it was sent, without the token: ``method``, ``url``, ``headers`` and
    ``body`` (bytes, the token replaced by ``***``; ``content`` is the same)."""

    method: str
    url: str
    headers: HTTPHeaders
    body: bytes

    @property
    def content(self) -> bytes:
        return self.body

    def __repr__(self) -> str:
        return f"<HTTPRequest {self.method} {self.url}>"


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class HTTPResponse:
    """The HTTP answer of one call (the last attempt's), read-only; see the module's doc.
    ``content`` is the body, decompressed, the token scrubbed; ``elapsed`` runs from sending
    the request to the end of the answer's body."""

    status_code: int
    reason: str
    headers: HTTPHeaders
    url: str
    content: bytes
    request: HTTPRequest
    elapsed: datetime.timedelta = datetime.timedelta(0)
    http_version: str = "HTTP/1.1"

    @property
    def text(self) -> str:
        """The body as text: in the charset the Content-Type names, else UTF-8 (bad bytes
        replaced)."""
        charset = "utf-8"
        for part in self.headers.get("Content-Type", "").split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.strip().lower() == "charset" and value.strip():
                charset = value.strip().strip('"')
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:  # a charset Python does not know
            return self.content.decode("utf-8", errors="replace")

    def json(self, **kwargs: Any) -> Any:
        """The body decoded as JSON (``json.loads``; a ValueError when it is not JSON)."""
        return json.loads(self.text, **kwargs)

    @property
    def ok(self) -> bool:
        """True for a status below 400."""
        return self.status_code < 400

    def __repr__(self) -> str:
        return f"<HTTPResponse [{self.status_code}]>"


# frozen=True with slots=True raises a TypeError, not FrozenInstanceError, for a name that is not a
# field (``text``, a misspelt one) before Python 3.14 (CPython gh-105936): every name raises the
# AttributeError that FrozenInstanceError is, as the properties without a setter did.
def _read_only(self: object, name: str, *value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"{name!r} of a {type(self).__name__} is read-only")


HTTPRequest.__setattr__ = HTTPRequest.__delattr__ = _read_only  # type: ignore[method-assign]
HTTPResponse.__setattr__ = HTTPResponse.__delattr__ = _read_only  # type: ignore[method-assign]
