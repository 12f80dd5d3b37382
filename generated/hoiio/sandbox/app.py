"""The sandbox's WSGI application (werkzeug): the API under /open/, the control API under
/_sandbox/, and the console (a web page, sandbox/console.py) at / (a short guide for clients
that do not ask for HTML).

API requests are read the way Hoiio read them: GET or POST, parameters in the query string and
in a form body (urlencoded, or multipart with the fax file as a file part), the body winning.
Bytes that are not UTF-8 give error_malformed_params. Injected faults apply here, before (or,
for a dropped connection with after=True, after) the request is handled.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from typing import Any, Dict, Iterable, List, Optional, Tuple
from urllib.parse import parse_qsl, unquote

from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wrappers import Request, Response

from .checks import Upload
from .console import Console
from .control import SAFE_METHODS, Control
from .engine import UNKNOWN_PATH, Engine
from .guard import HostPolicy
from .store import StoreError

log = logging.getLogger("hoiio.sandbox")

MAX_BODY = 16 * 1024 * 1024

BAD_GATEWAY = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


class Malformed(Exception):
    """The parameters cannot be read."""


def _pairs(raw: bytes) -> List[Tuple[str, str]]:
    """Form pairs; percent-escapes and raw bytes alike must make UTF-8."""
    if raw.isascii():  # the usual case: only the escapes can be bad UTF-8, and strict decoding says so
        try:
            return _ascii_pairs(raw.decode("ascii"))
        except UnicodeError:
            raise Malformed() from None
    # latin-1 maps each byte to one character and back, so nothing is lost before the UTF-8 check
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="latin-1")
    try:
        return [(k.encode("latin-1").decode("utf-8"), v.encode("latin-1").decode("utf-8")) for k, v in pairs]
    except UnicodeError:
        raise Malformed() from None


def _ascii_pairs(text: str) -> List[Tuple[str, str]]:
    """``parse_qsl(text, keep_blank_values=True, errors="strict")``, in fewer steps: pieces
    split on "&" (empty ones skipped), a name without "=" has the value "", "+" is a space,
    percent-escapes are UTF-8 (UnicodeError otherwise)."""
    pairs: List[Tuple[str, str]] = []
    for piece in text.split("&"):
        if not piece:
            continue
        name, _, value = piece.partition("=")
        if "+" in name:
            name = name.replace("+", " ")
        if "%" in name:
            name = unquote(name, errors="strict")
        if "+" in value:
            value = value.replace("+", " ")
        if "%" in value:
            value = unquote(value, errors="strict")
        pairs.append((name, value))
    return pairs


class TooLarge(Exception):
    """The body is larger than MAX_BODY."""


def _body(environ: Dict[str, Any]) -> bytes:
    """The request body, refused (TooLarge) beyond MAX_BODY before it is read."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise TooLarge()
    stream = environ["wsgi.input"]
    if length > 0:
        data: bytes = stream.read(length)
        return data
    if not environ.get("wsgi.input_terminated"):
        return b""
    data = stream.read(MAX_BODY + 1)  # chunked: no further than the limit
    if len(data) > MAX_BODY:
        raise TooLarge()
    return data


def read_params(environ: Dict[str, Any]) -> Tuple[Dict[str, str], Dict[str, Upload]]:
    """(parameters, uploaded files) of an API request."""
    query = environ.get("QUERY_STRING", "")
    params: Dict[str, str] = dict(_pairs(query.encode("latin-1"))) if query else {}
    files: Dict[str, Upload] = {}
    mimetype = environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
    if mimetype == "multipart/form-data":
        request = Request(environ)
        request.max_content_length = MAX_BODY
        request.max_form_memory_size = MAX_BODY
        params.update(request.form.to_dict())
        for name, storage in request.files.items():
            files[name] = (storage.filename or "document.pdf", storage.read())
    elif mimetype in ("application/x-www-form-urlencoded", "") and environ.get("REQUEST_METHOD") == "POST":
        params.update(_pairs(_body(environ)))
    return params, files


class Reply:
    """A complete answer, as light as an API request needs (werkzeug's Response is for the rest)."""

    __slots__ = ("body", "status", "headers")

    def __init__(self, body: bytes, status: int = 200, content_type: str = "application/json", headers: Iterable[Tuple[str, str]] = ()) -> None:
        self.body = body
        self.status = status
        self.headers = [("Content-Type", content_type), ("Content-Length", str(len(body))), *headers]

    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        line = _STATUS_LINES.get(self.status)
        if line is None:
            line = _STATUS_LINES[self.status] = f"{self.status} {HTTP_STATUS_CODES.get(self.status, 'Unknown')}"
        start_response(line, self.headers)
        return [self.body]


_STATUS_LINES: Dict[int, str] = {}
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(body: Dict[str, Any], status: int = 200, headers: Iterable[Tuple[str, str]] = ()) -> Reply:
    return Reply(_ENCODER.encode(body).encode("utf-8"), status, headers=headers)


def _drop(environ: Dict[str, Any]) -> None:
    """Close the request's connection without an answer."""
    sock = environ.get("werkzeug.socket") or environ.get("hoiio.socket")  # (werkzeug's server, or ours: server.py)
    if isinstance(sock, socket.socket):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class SandboxApp:
    """``hosts``: the Host/Origin rules (guard.py); by default those of a sandbox on 127.0.0.1."""

    def __init__(self, engine: Engine, hosts: Optional[HostPolicy] = None) -> None:
        self.engine = engine
        self.control = Control(engine)
        self.console = Console(engine)
        self.console.register(self.control)
        self.hosts = hosts or HostPolicy()

    def __call__(self, environ: Dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        api = path.startswith("/open/")
        refusal = self.hosts.refusal(environ, acts=api or environ.get("REQUEST_METHOD", "GET") not in SAFE_METHODS)
        response: Any
        if refusal is not None:
            response = _json({"error": refusal}, 403)
        else:
            try:
                response = self.dispatch(environ, path)
            except TooLarge:
                response = _json({"status": "error_internal_server_error"} if api else {"error": f"the body is over {MAX_BODY} bytes"}, 413,
                                 [("Connection", "close")])  # fmt: skip
            except HTTPException as exc:
                body = {"status": "error_internal_server_error"} if api else {"error": exc.description or exc.name}
                response = _json(body, exc.code or 500)
            except StoreError as exc:  # the disk is full, the file went away: say so in JSON
                log.error("the sandbox's database failed: %s", exc)
                response = _json({"status": "error_internal_server_error"} if api else {"error": str(exc)}, 507 if exc.full and not api else 500)
            except Exception:
                log.exception("the sandbox failed on %s", path)
                response = _json({"status": "error_internal_server_error"} if api else {"error": "the sandbox failed (see its log)"}, 500)
        result: Iterable[bytes] = response(environ, start_response)
        return result

    def dispatch(self, environ: Dict[str, Any], path: str) -> Any:
        if path.startswith("/open/"):
            return self.api(environ, path[len("/open/") :].strip("/"))
        if path == "/_sandbox" or path.startswith("/_sandbox/"):
            request = Request(environ)
            request.max_content_length = MAX_BODY
            request.max_form_memory_size = MAX_BODY
            return self.control(request, path[len("/_sandbox") :].strip("/"))
        if path == "/" and "text/html" not in environ.get("HTTP_ACCEPT", ""):
            return Response(self.guide(), 200, mimetype="text/plain")
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD") and self.console.serves(path):
            return self.console(path)
        return _json(UNKNOWN_PATH[1], UNKNOWN_PATH[0])  # an API client with a base URL outside /open/ lands here too

    def api(self, environ: Dict[str, Any], path: str) -> Reply:
        faults = {f.kind: f for f in self.engine.faults.take(path)} if path in self.engine.endpoints else {}
        if "delay" in faults:
            time.sleep(faults["delay"].seconds)
        drop = faults.get("drop")
        if drop is not None and not drop.after:
            _drop(environ)
            return _json({"status": "error_internal_server_error"}, 500)
        if "bad_gateway" in faults:
            return Reply(BAD_GATEWAY.encode("ascii"), 502, "text/html; charset=utf-8")
        if "rate_limit" in faults:
            wait = faults["rate_limit"].seconds
            return _json({"status": "error_rate_limit_exceeded"}, headers=[("Retry-After", f"{wait:g}")] if wait else [])
        if "server_error" in faults:
            return _json({"status": "error_internal_server_error"}, 500)
        try:
            params, files = read_params(environ)
        except Malformed:
            return _json({"status": "error_malformed_params"})
        status, body = self.engine.api(path, environ.get("REQUEST_METHOD", "GET"), params, files)
        if drop is not None:
            _drop(environ)
        return _json(body, status)

    def guide(self) -> str:
        e = self.engine
        return (
            "Hoiio sandbox\n\n"
            f"API base URL (HOIIO_BASE_URL): {e.public_url}open/\n"
            f"app_id: {e.default_app_id}\naccess_token: {e.default_access_token}\n"
            f"Control API: {e.public_url}_sandbox/ (see docs/sandbox.md)\n"
            f"Console (open it in a browser): {e.public_url}\n"
        )
