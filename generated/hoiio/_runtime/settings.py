"""The checks of a client's settings, in one place: the credentials and the base URL that
``hoiio.Client``, ``hoiio.AsyncClient`` and ``Hoiio.init`` are given (or read from the
environment). Every problem is collected into one ValidationError naming the setting, raised
when the client is made, before anything is sent. A credential's value never appears in a
message."""

from __future__ import annotations

import os
from typing import Any, Callable, List, Optional, Tuple
from urllib.parse import SplitResult, urlsplit

from .._generated.api import BASE_URL
from ..exceptions import ValidationError
from .kinds import encodable as _encodable

#: the environment variables a setting falls back to
ENV = {"app_id": "HOIIO_APP_ID", "access_token": "HOIIO_ACCESS_TOKEN", "base_url": "HOIIO_BASE_URL"}


def check_settings(
    where: str, app_id: Any, access_token: Any, base_url: Any, allow_http: Any = False, requestable: Optional[Callable[[str], bool]] = None
) -> Tuple[Optional[str], Optional[str], str]:
    """(app_id, access_token, base_url) of a client, each the given value or else its environment
    variable's (the base URL falls back to Hoiio's), checked; every problem found is raised at
    once as a ValidationError of ``where`` (the client's name). ``requestable``: whether the
    client's HTTP library can request a URL that passed the checks (None: no such check)."""
    problems: List[str] = []
    app = check_credential("app_id", app_id, problems)
    token = check_credential("access_token", access_token, problems)
    url = _base_url(base_url, bool(allow_http), problems, requestable)
    if problems:
        raise ValidationError(problems, where)
    assert url is not None  # no problem: a URL
    return app, token, url


def check_credential(name: str, value: Any, problems: List[str]) -> Optional[str]:
    """The credential ``name`` given as ``value`` (None: its environment variable's), or None when
    neither is set (a call without it then says so); a problem is added to ``problems``. A
    credential is text that UTF-8 can encode (it is sent in a form); its value is never shown."""
    source = name
    if value is None:
        value = os.environ.get(ENV[name])
        source = f"{name} (from the environment variable {ENV[name]})"
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(f"{source}: expected a string, got {type(value).__name__}")
        return None
    if not _encodable(value):
        problems.append(
            f"{source} contains a lone surrogate (from bytes that are not UTF-8, or a broken character); "
            "expected text that UTF-8 can encode"
        )
        return None
    return value


def _base_url(url: Any, allow_http: bool, problems: List[str], requestable: Optional[Callable[[str], bool]]) -> Optional[str]:
    source = "base_url"
    if not url:
        env = os.environ.get(ENV["base_url"])
        url, source = (env, f"base_url (from the environment variable {ENV['base_url']})") if env else (BASE_URL, source)
    if not isinstance(url, str):
        problems.append(f"{source}: expected a string, got {type(url).__name__}")
        return None
    if not _encodable(url):
        problems.append(f"{source} contains a lone surrogate; expected an http(s) URL in text that UTF-8 can encode")
        return None
    shown = url if len(url) <= 200 else url[:200] + "..."
    if any(ch <= " " or ch == "\x7f" for ch in url):
        problems.append(f"{source} {shown!r} contains a space or a control character; expected an http(s) URL")
        return None
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "Invalid IPv6 URL" (a bracket not closed), ...
        problems.append(f"{source} {shown!r} is not a valid URL ({exc}); expected an http(s) URL such as {BASE_URL!r}")
        return None
    found = len(problems)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        problems.append(f"{source} {shown!r} is not an http(s) URL")
    elif parts.scheme == "http" and not allow_http and not _is_loopback(parts.hostname):
        problems.append(
            f"{source} {shown!r} is plain http; credentials would travel unencrypted. "
            "Use https, a loopback address (a local sandbox), or pass allow_http=True"
        )
    elif not _labels_ok(parts.hostname, "[" in parts.netloc):
        problems.append(f"{source} {shown!r}: the host name is not valid (an IP address out of range, an empty label, or an 'xn--' label that is not punycode)")
    port_problem = _port_problem(parts)
    if port_problem:
        problems.append(f"{source} {shown!r}: {port_problem}")
    if parts.query or parts.fragment:
        problems.append(f"{source} {shown!r} must not have a query or fragment")
    if len(problems) == found and requestable is not None and not requestable(url):
        problems.append(f"{source} {shown!r} is not a URL that can be requested; expected an http(s) URL such as {BASE_URL!r}")
    if len(problems) > found:
        return None
    return url if url.endswith("/") else url + "/"


def _port_problem(parts: SplitResult) -> Optional[str]:
    try:
        port = parts.port
    except ValueError:  # not digits, or out of 0-65535
        text = parts.netloc.rpartition("]")[2].rpartition(":")[2]
        return f"the port {text!r} is not valid; expected a number from 1 to 65535"
    if port == 0:
        return "the port is not valid; expected a number from 1 to 65535"
    return None


def _labels_ok(host: str, bracketed: bool) -> bool:
    """A host in brackets is an IPv6 address; four dotted numbers are an IPv4 address; a host
    name's labels are not empty (but a final dot), each 'xn--' label is punycode, and a label
    that is not ASCII encodes as IDNA."""
    import ipaddress  # off the import path of hoiio

    if bracketed or ":" in host:
        try:
            ipaddress.IPv6Address(host.partition("%")[0])  # (a zone, "%25eth0", follows a link-local address)
        except ValueError:
            return False
        return True
    if all(part.isdigit() and part.isascii() for part in host.split(".")) and host.count(".") == 3:
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
        return True
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    for label in labels:
        if not label:
            return False
        try:
            if label[:4].lower() == "xn--":
                label.encode("ascii").decode("idna")
            elif not label.isascii():
                label.encode("idna")
        except UnicodeError:
            return False
    return True


def requests_accepts(url: str) -> bool:
    """Whether requests can prepare a request to this URL (its own checks of the host): the sync
    client's ``requestable``."""
    import requests

    try:
        requests.Request("POST", url).prepare()
    except (requests.RequestException, ValueError, UnicodeError):
        return False
    return True


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress  # off the import path of hoiio

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


