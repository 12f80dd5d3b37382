"""Parse and verify what Hoiio POSTs to your URLs.

    from hoiio import notifications

    note = notifications.parse(request_body, query_string=request_query,
                               signature=request.headers.get("X-Hoiio-Signature"),
                               access_token=MY_ACCESS_TOKEN)
    if isinstance(note, notifications.GatherNotification):
        print(note.session, note.digits)

Hoiio has put the fields in the query string of the POST as well as in its body. The body
decides: its fields pick the class, and the query string (which the signature does not cover)
only adds fields the body lacks; once the signature is checked, it adds only pass-through
fields (your own URL's parameters, which no notification has). X-Hoiio-Signature signs the raw
body and nothing else, so what is verified is what the body holds: a notification whose body
holds no fields (Hoiio's documented form, all in the query string) cannot be verified, and with
``access_token`` it raises SignatureError (the signature of an empty body is the same for every
such notification, so it would vouch for any query string); without ``access_token`` it is read
from the query string, unverified. Bodies over MAX_BODY bytes are refused before they are read
whole. Only NotificationError (and its subclasses) comes out of parsing. The typed classes come
from spec/notifications.yaml.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Callable, Dict, FrozenSet, List, Optional, Type, Union
from urllib.parse import parse_qsl, urlencode

from ._generated.facts import SIGNATURE_DIGEST, SIGNATURE_HEADER
from ._runtime.model import Notification
from .exceptions import HoiioException
from .models.notifications import *  # noqa: F403
from .models.notifications import NOTIFICATIONS, IvrNotification

__all__ = [
    "parse",
    "verify_signature",
    "sign",
    "classify",
    "from_wsgi_environ",
    "wsgi_app",
    "from_flask",
    "from_django",
    "from_starlette",
    "NotificationError",
    "SignatureError",
    "NotificationTooLarge",
    "MAX_BODY",
    "NOTIFICATIONS",
    "SIGNATURE_HEADER",
]

#: SIGNATURE_HEADER (X-Hoiio-Signature) and the HMAC's digest come from the spec
#: (spec/api.yaml notification_signature); WSGI and Django name the header this way.
_ENVIRON_SIGNATURE = "HTTP_" + SIGNATURE_HEADER.upper().replace("-", "_")

#: The largest notification body read (Hoiio's are a few hundred bytes).
MAX_BODY = 1024 * 1024


class NotificationError(HoiioException, ValueError):
    """The notification cannot be read: not form or JSON, or not any notification Hoiio sends."""


class SignatureError(NotificationError):
    """X-Hoiio-Signature is missing or does not match the body."""


class NotificationTooLarge(NotificationError):
    """The body is larger than MAX_BODY bytes: no notification Hoiio sends is."""

    def __init__(self, size: Optional[int] = None) -> None:
        told = f" ({size} bytes)" if size is not None else ""
        super().__init__(f"the body is larger than {MAX_BODY} bytes{told}: not a Hoiio notification")


def sign(raw_body: Union[bytes, str], access_token: str) -> str:
    """The X-Hoiio-Signature of a body: hex HMAC-SHA256 of the raw body, keyed with the token.
    A body or token that is not bytes or text UTF-8 can encode is a NotificationError."""
    body = _utf8(raw_body, "the body")
    key = _utf8(access_token, "the access token")
    return hmac.new(key, body, getattr(hashlib, SIGNATURE_DIGEST)).hexdigest()


def verify_signature(raw_body: Union[bytes, str], header: Optional[str], access_token: str) -> bool:
    """True when ``header`` is the signature of ``raw_body`` (compared in constant time)."""
    if not header or not access_token:
        return False
    try:
        given = (header if isinstance(header, bytes) else str(header).encode("ascii")).strip().lower()
        expected = sign(raw_body, access_token).encode("ascii")
    except (UnicodeError, NotificationError):  # a hex digest is ASCII; what cannot be signed cannot match
        return False
    return hmac.compare_digest(expected, given)


def _utf8(value: Any, what: str) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    if not isinstance(value, str):
        raise NotificationError(f"{what} is {type(value).__name__}; expected bytes or text")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise NotificationError(f"{what} contains a lone surrogate (a broken character); expected text that UTF-8 can encode") from None


def parse(
    body: Union[bytes, str, None],
    *,
    query_string: Union[bytes, str] = "",
    content_type: str = "application/x-www-form-urlencoded",
    signature: Optional[str] = None,
    access_token: Optional[str] = None,
    kind: Optional[str] = None,
) -> Notification:
    """The typed notification in a request Hoiio made to your URL.

    With ``access_token``, the ``signature`` (the X-Hoiio-Signature header) must match the
    raw body, and the body must hold the notification's fields (the signature covers the body
    only, never the query string), or SignatureError is raised. Parameters you put in your own URL (pass-through
    parameters) and fields the spec does not know stay readable as attributes. ``kind`` (a
    key of NOTIFICATIONS, such as "fax_result") says which notification it is, where you know
    from the URL it came to: some shapes cannot be told apart by their fields.
    """
    forced = NOTIFICATIONS.get(kind) if isinstance(kind, str) else None
    if kind is not None and forced is None:
        raise NotificationError(f"kind {kind!r} is not a notification; expected one of: {', '.join(NOTIFICATIONS)}")
    raw = _utf8(body, "the body") if body is not None else b""
    if len(raw) > MAX_BODY:
        raise NotificationTooLarge(len(raw))
    if access_token is not None:
        try:  # a token that cannot be encoded is said so, not "does not match"
            _utf8(access_token, "the access token")
        except NotificationError as exc:
            raise SignatureError(f"{exc}, so no signature can be checked") from None
        if not verify_signature(raw, signature, access_token):
            raise SignatureError(
                "the X-Hoiio-Signature header is missing" if not signature else "the X-Hoiio-Signature header does not match the body"
            )
    signed = _body_fields(raw, content_type)
    query = _pairs(query_string)
    if access_token is not None and not signed:
        # The signature is of the raw body only: of an empty body it is the same for every
        # notification, so it vouches for nothing in the query string.
        raise SignatureError(
            "the signed body holds no fields: X-Hoiio-Signature covers the body only, not the query string, so a "
            "notification carried in the query string cannot be verified (parse it without access_token to read "
            "it unverified)"
        )
    cls = (forced or classify(signed or query)) if signed or query else None
    if cls is None:
        raise NotificationError("the notification is empty: no fields in the query string or the body")
    fields: Dict[str, Any] = dict(signed)
    for key, value in query.items():
        # the query string never overrides the body; once the body is verified it adds only
        # the pass-through parameters of your own URL, none of the notification's fields
        if key not in fields and not (signed and access_token is not None and key in _notification_fields()):
            fields[key] = value
    return cls(fields)


_FIELD_NAMES: Optional[FrozenSet[str]] = None


def _notification_fields() -> FrozenSet[str]:
    """Every wire name (and alias) any notification has."""
    global _FIELD_NAMES
    if _FIELD_NAMES is None:
        names = {"ivr_block", "session", "call_state"}
        for cls in NOTIFICATIONS.values():
            names.update(cls._FIELDS)
            for aliases in cls._ALIASES.values():
                names.update(aliases)
        _FIELD_NAMES = frozenset(names)
    return _FIELD_NAMES


def classify(fields: Dict[str, Any]) -> Type[Notification]:
    """The notification class for these fields: by ivr_block where given, else by the fields
    each notification is known by (spec/notifications.yaml `detect`)."""
    block = fields.get("ivr_block")
    candidates = list(NOTIFICATIONS.values())
    if block:
        for cls in candidates:
            if cls.IVR_BLOCK == block:
                return cls
        return IvrNotification
    ivr = "session" in fields or "call_state" in fields
    best: Optional[Type[Notification]] = None
    best_score = 0
    for cls in candidates:
        if issubclass(cls, IvrNotification) != ivr or not cls.DETECT:
            continue
        if all(_holds(cond, fields) for cond in cls.DETECT) and len(cls.DETECT) > best_score:
            best, best_score = cls, len(cls.DETECT)
    if best is not None:
        return best
    if ivr:
        return IvrNotification
    known = ", ".join(sorted(fields)[:12])
    raise NotificationError(f"cannot tell which notification this is from its fields: {known}")


def _check_length(value: Any) -> None:
    """NotificationTooLarge when a declared Content-Length is over the limit."""
    try:
        length = int(value) if value not in (None, "") else 0
    except (TypeError, ValueError):
        return
    if length > MAX_BODY:
        raise NotificationTooLarge(length)


def _read_bounded(read: Callable[[int], bytes]) -> bytes:
    chunks: List[bytes] = []
    size = 0
    while True:
        chunk = read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > MAX_BODY:
            raise NotificationTooLarge()
        chunks.append(chunk)


def _holds(cond: str, fields: Dict[str, Any]) -> bool:
    key, eq, value = cond.partition("=")
    return key in fields and (not eq or fields[key] == value)


def _pairs(data: Union[bytes, str, None]) -> Dict[str, str]:
    if data is None:
        return {}
    if isinstance(data, (bytes, bytearray, memoryview)):
        text = bytes(data).decode("utf-8", errors="replace")
    elif isinstance(data, str):
        text = data.encode("utf-8", errors="replace").decode("utf-8")  # a lone surrogate is a broken character
    else:
        raise NotificationError(f"the query string is {type(data).__name__}; expected bytes or text")
    return dict(parse_qsl(text.lstrip("?"), keep_blank_values=True))


def _body_fields(raw: bytes, content_type: Any) -> Dict[str, Any]:
    if not raw:
        return {}
    text = raw.decode("utf-8", errors="replace")
    kind = (content_type if isinstance(content_type, str) else "").split(";")[0].strip().lower()
    if kind == "application/json" or (not kind and text.lstrip().startswith("{")):
        try:
            data = json.loads(text)
        except ValueError:
            raise NotificationError(f"the body is not valid JSON: {text[:80]!r}") from None
        except RecursionError:
            raise NotificationError("the JSON body is nested too deeply: not a Hoiio notification") from None
        if not isinstance(data, dict):
            raise NotificationError("the JSON body is not an object")
        try:
            return {k: v if isinstance(v, str) else json.dumps(v) if isinstance(v, (dict, list)) else str(v) for k, v in data.items()}
        except (RecursionError, ValueError):  # a nested value too deep to write back
            raise NotificationError("the JSON body is nested too deeply: not a Hoiio notification") from None
    if kind in ("application/x-www-form-urlencoded", "", "text/plain"):
        return _pairs(text)
    raise NotificationError(f"cannot read a {content_type} body; expected a form or JSON")


# ---- web frameworks: each adapter only reads the request object it is given, so no framework
# is a dependency of hoiio ----


def from_wsgi_environ(environ: Dict[str, Any], *, access_token: Optional[str] = None) -> Notification:
    """The notification in a WSGI request (reads the body from ``wsgi.input``)."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise NotificationTooLarge(length)
    stream = environ["wsgi.input"]
    if length > 0:
        body = stream.read(length)
    elif environ.get("wsgi.input_terminated"):  # chunked: read to the end, but no further than the limit
        body = _read_bounded(stream.read)
    else:
        body = b""
    return parse(
        body,
        query_string=environ.get("QUERY_STRING", ""),
        content_type=environ.get("CONTENT_TYPE", "application/x-www-form-urlencoded"),
        signature=environ.get(_ENVIRON_SIGNATURE),
        access_token=access_token,
    )


def wsgi_app(handler: Callable[[Notification], Any], *, access_token: Optional[str] = None) -> Callable[..., Any]:
    """A WSGI application that parses each notification and passes it to ``handler``.

    It answers 200 (Hoiio ignores the body), 403 when the signature does not match or covers
    none of the notification's fields (a body without fields, all of them in the query string),
    413 when the body is too large, and 400 when the request is not a notification; the handler
    is called with verified notifications only, unless ``access_token`` is None (then nothing
    is verified).
    """

    def app(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Any:
        try:
            note = from_wsgi_environ(environ, access_token=access_token)
        except NotificationTooLarge as exc:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain"), ("Connection", "close")])
            return [str(exc).encode()]
        except SignatureError as exc:
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [str(exc).encode()]
        except NotificationError as exc:
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [str(exc).encode()]
        handler(note)
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    return app


def from_flask(request: Any, *, access_token: Optional[str] = None) -> Notification:
    """The notification in a Flask (or Werkzeug) request.

    Call it before anything reads ``request.form``: Werkzeug keeps no raw body once it has
    parsed the form, and the signature is of the raw body. If the form was read first, with
    ``access_token`` this raises SignatureError saying so; without, the parsed form is used.
    """
    _check_length(getattr(request, "content_length", None))
    stream = getattr(request, "stream", None)
    if stream is not None and getattr(request, "content_length", None) is None:
        body = _read_bounded(stream.read)  # no Content-Length (chunked): no further than the limit
    else:
        body = request.get_data()
    content_type = request.content_type or ""
    if not body and getattr(request, "content_length", None):  # a body came, but it was consumed (request.form)
        if access_token is not None:
            raise SignatureError(
                "the request body was already read (request.form), so its signature cannot be checked: "
                "call from_flask before anything reads request.form"
            )
        body = urlencode(list(request.form.items(multi=True))).encode("utf-8")
        content_type = "application/x-www-form-urlencoded"
    return parse(
        body,
        query_string=request.query_string,
        content_type=content_type,
        signature=request.headers.get(SIGNATURE_HEADER),
        access_token=access_token,
    )


def from_django(request: Any, *, access_token: Optional[str] = None) -> Notification:
    """The notification in a Django HttpRequest."""
    _check_length(request.META.get("CONTENT_LENGTH"))
    return parse(
        request.body,
        query_string=request.META.get("QUERY_STRING", ""),
        content_type=request.META.get("CONTENT_TYPE", ""),
        signature=request.META.get(_ENVIRON_SIGNATURE),
        access_token=access_token,
    )


async def from_starlette(request: Any, *, access_token: Optional[str] = None) -> Notification:
    """The notification in a Starlette or FastAPI Request."""
    _check_length(request.headers.get("content-length"))
    if hasattr(request, "stream"):
        chunks: List[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise NotificationTooLarge()
            chunks.append(chunk)
        body = b"".join(chunks)
    else:
        body = await request.body()
    return parse(
        body,
        query_string=request.url.query,
        content_type=request.headers.get("content-type", ""),
        signature=request.headers.get(SIGNATURE_HEADER),
        access_token=access_token,
    )
