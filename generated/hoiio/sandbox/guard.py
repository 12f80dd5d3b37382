"""What keeps a web page the developer visits from using the sandbox (docs/sandbox.md, "What
the sandbox refuses").

- ``Host`` must name the sandbox itself: an IP address, ``localhost`` (or a name under
  ``.localhost``), the name it was told to listen on, one allowed with ``--allow-host``, or,
  serving https (``--tls``), ``secure.hoiio.com``, the real API's name, which it then stands in for. A
  page on ``evil.example`` whose name was rebound to 127.0.0.1 (DNS rebinding) sends
  ``Host: evil.example`` and is refused, so it can read neither the credentials nor the state.
- On a request that may act (any API request; a control call other than GET and HEAD),
  ``Origin``, where a browser sends one, must be the sandbox's own (``http://``, or ``https://``
  with ``--tls``, + its Host),
  and ``Sec-Fetch-Site`` must not say the request came from another site: a page elsewhere
  cannot make the sandbox act (send SMS with the well-known default credentials, drain the
  balance, reset the state).
- A control call that changes state must be ``Content-Type: application/json``
  (control.py): no HTML form can send that, and a script on another origin cannot without a
  CORS preflight, which the sandbox never grants.

Requests without these headers (the SDK, curl, test suites) are not browsers and pass.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Any, Dict, FrozenSet, Iterable, Optional

#: The real API's host name, which the sandbox answers to when it serves https (tls.py).
HOIIO_HOST = "secure.hoiio.com"

#: Extra names the sandbox answers to, comma-separated (``--allow-host`` adds to them).
ENV_ALLOWED_HOSTS = "HOIIO_SANDBOX_ALLOWED_HOSTS"


def split_host(host: str) -> str:
    """The name or address of a Host header value, without the port, lower case."""
    host = host.strip().lower()
    if host.startswith("["):
        end = host.find("]")
        rest = host[end + 1 :] if end > 0 else "?"
        return host[1:end] if rest == "" or (rest[:1] == ":" and rest[1:].isdigit()) else ""
    name, _, port = host.rpartition(":")
    return name if name and port.isdigit() else host.rstrip(":")


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostPolicy:
    """Which Host and Origin headers the sandbox accepts."""

    def __init__(self, bind_host: str = "127.0.0.1", allowed_hosts: Optional[Iterable[str]] = None, *, tls: bool = False) -> None:
        names = {split_host(h) for h in (allowed_hosts or ()) if h.strip()}
        if tls:  # hoiio sandbox --tls stands in for the real API, under its name (tls.py)
            names.add(HOIIO_HOST)
        self.scheme = "https" if tls else "http"
        names |= {split_host(h) for h in os.environ.get(ENV_ALLOWED_HOSTS, "").split(",") if h.strip()}
        if bind_host and not _is_ip(bind_host.strip("[]")):
            names.add(bind_host.lower())
        self.names: FrozenSet[str] = frozenset(names)
        self._seen: Dict[str, bool] = {}  # Host values decided already (a few, in practice)

    def host_ok(self, host: str) -> bool:
        ok = self._seen.get(host)
        if ok is None:
            name = split_host(host)
            ok = bool(name) and (_is_ip(name) or name == "localhost" or name.endswith(".localhost") or name in self.names)
            if len(self._seen) < 256:
                self._seen[host] = ok
        return ok

    def refusal(self, environ: Dict[str, Any], acts: bool) -> Optional[str]:
        """Why this request is refused, or None when it may go on. ``acts``: the request may
        change something (any API request, a control call other than GET or HEAD); only those
        must come from the sandbox's own pages, so a link from elsewhere still opens a page."""
        host = environ.get("HTTP_HOST")
        if host is not None and not self.host_ok(host):
            return (
                f"Host {host!r} is not this sandbox's address (it answers to IP addresses, localhost and names allowed with "
                f"--allow-host or ${ENV_ALLOWED_HOSTS}); a request under another name may be a DNS rebinding attack"
            )
        if not acts:
            return None
        origin = environ.get("HTTP_ORIGIN")
        if origin is not None:
            own = f"{self.scheme}://{host}".lower() if host else None
            if own is None or origin.strip().lower().rstrip("/") != own:
                return f"Origin {origin!r} is not this sandbox's own origin: a page of another site cannot use the sandbox"
        site = environ.get("HTTP_SEC_FETCH_SITE")
        if site is not None and site.strip().lower() not in ("same-origin", "none"):
            return f"Sec-Fetch-Site {site!r}: a page of another site cannot use the sandbox"
        return None
