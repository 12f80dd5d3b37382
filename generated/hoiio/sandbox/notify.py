"""Delivering notifications: each queued notification is POSTed once and its outcome recorded.
Nothing is retried (Hoiio never resent one).

Each POST is form-encoded with the header X-Hoiio-Signature: the hex HMAC-SHA256 of the raw
body keyed with the account's access token. Proxies from the environment are ignored, so a
notification goes only to the URL the user gave, and redirects are not followed.

- Where: the delivery policy (``DeliveryPolicy``) decides before any connection or name lookup.
  By default only loopback and private addresses, ``localhost`` and single-label names (such as
  a Docker Compose service) receive; anything else is recorded as ``refused`` with the reason.
  ``notify_hosts`` (``--notify-host``, ``$HOIIO_SANDBOX_NOTIFY_HOSTS``) allows more.
- How long: a delivery takes at most ``timeout`` seconds in all (connecting, sending, the
  receiver's answer); a watchdog closes the connection of one that runs over.
- In what order: deliveries to one receiver (scheme, host and port) go one at a time in the
  order they were made; different receivers are served by a small pool of workers, so one slow
  receiver never delays the others.
"""

from __future__ import annotations

import fnmatch
import http.client
import ipaddress
import logging
import os
import socket
import ssl
import threading
import time
from collections import deque
from typing import Callable, Deque, Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

from .._generated.facts import SIGNATURE_HEADER
from .store import Store

log = logging.getLogger("hoiio.sandbox")

USER_AGENT = "Hoiio-Sandbox/1.0"

#: Hosts notifications may go to besides the default ones, comma-separated.
ENV_NOTIFY_HOSTS = "HOIIO_SANDBOX_NOTIFY_HOSTS"

#: How much of a receiver's answer is kept.
ANSWER_CHARS = 2000


class DeliveryPolicy:
    """Where notifications may go. ``allow``: more hosts: a name (``hooks.example.com``), a
    pattern (``*.example.com``), an address or network (``203.0.113.7``, ``203.0.113.0/24``),
    or ``*`` for anywhere. The decision reads only the URL: no name is looked up."""

    def __init__(self, allow: Optional[Iterable[str]] = None, *, environ: bool = True) -> None:
        patterns = [a.strip().lower() for a in (allow or ()) if a.strip()]
        if environ:
            patterns += [a.strip().lower() for a in os.environ.get(ENV_NOTIFY_HOSTS, "").split(",") if a.strip()]
        self.patterns: Tuple[str, ...] = tuple(patterns)
        self._networks = []
        for pattern in patterns:
            try:
                self._networks.append(ipaddress.ip_network(pattern.strip("[]"), strict=False))
            except ValueError:
                pass

    def refusal(self, url: str) -> Optional[str]:
        """Why the sandbox will not deliver to ``url``, or None when it will."""
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
            parts.port  # noqa: B018 - raises on a bad port
        except ValueError as exc:
            return f"the notify_url is not a URL the sandbox can deliver to ({exc})"
        if parts.scheme not in ("http", "https") or not host:
            return "the notify_url is not an http:// or https:// URL"
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if address is not None:
            if address.is_loopback or address.is_private or any(address in net for net in self._networks):
                return None
        elif host == "localhost" or host.endswith(".localhost") or "." not in host:
            return None
        if any(p == "*" or fnmatch.fnmatchcase(host, p) for p in self.patterns):
            return None
        what = "public address" if address is not None else "name outside this machine's network"
        return (
            f"{host} is a {what}: by default the sandbox delivers only to loopback and private addresses, localhost and "
            f"single-label names; allow it with --notify-host {host} (or notify_hosts=[...], ${ENV_NOTIFY_HOSTS})"
        )


class Notifier:
    def __init__(
        self,
        store: Store,
        now: Callable[[], float],
        timeout: float = 5.0,
        *,
        policy: Optional[DeliveryPolicy] = None,
        workers: int = 8,
    ) -> None:
        self.store = store
        self.now = now
        self.timeout = timeout
        self.policy = policy or DeliveryPolicy()
        self._lock = threading.Condition()
        self._pending = 0
        self._queues: Dict[str, Deque[Tuple[int, str]]] = {}  # receiver -> (id, url) in order
        self._ready: Deque[str] = deque()  # receivers with work and no worker on them
        self._busy: Dict[int, Tuple[float, Optional[socket.socket]]] = {}  # worker -> (deadline, its connection)
        self._stopping = False
        self._stopped = threading.Event()  # the workers are gone: the watchdog may go too
        self._threads: List[threading.Thread] = []
        for i in range(max(1, workers)):
            thread = threading.Thread(target=self._run, args=(i,), name=f"hoiio-sandbox-notifier-{i}", daemon=True)
            thread.start()
            self._threads.append(thread)
        self._watchdog = threading.Thread(target=self._watch, name="hoiio-sandbox-notifier-watchdog", daemon=True)
        self._watchdog.start()

    # ---- the queue ----

    def submit(self, note_ids: Iterable[int]) -> None:
        ids = list(note_ids)
        if not ids:
            return
        with self.store.transaction():
            urls = {i: (self.store.notification(i) or {}).get("url", "") for i in ids}
        with self._lock:
            for note_id in ids:
                key = _receiver(urls[note_id])
                self._pending += 1
                queue = self._queues.get(key)
                if queue is None:
                    self._queues[key] = deque([(note_id, urls[note_id])])
                    self._ready.append(key)
                else:
                    queue.append((note_id, urls[note_id]))
            self._lock.notify_all()

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until every queued notification was tried; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    @property
    def pending(self) -> int:
        return self._pending

    def stop(self) -> None:
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        for thread in self._threads:
            thread.join(timeout=self.timeout + 2)
        self._stopped.set()
        self._watchdog.join(timeout=2)

    def _run(self, worker: int) -> None:
        while True:
            with self._lock:
                while not self._ready and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                key = self._ready.popleft()
                note_id, url = self._queues[key][0]
            try:
                self._deliver(worker, note_id)
            except Exception:  # pragma: no cover - never let a worker die
                log.exception("notification %s could not be recorded", note_id)
            finally:
                with self._lock:
                    queue = self._queues[key]
                    queue.popleft()
                    if queue:
                        self._ready.append(key)  # the receiver's next one, after the others waiting
                    else:
                        del self._queues[key]
                    self._pending -= 1
                    self._lock.notify_all()

    def _watch(self) -> None:
        """Close the connection of any delivery past its deadline."""
        while not self._stopped.wait(0.05):
            with self._lock:
                now = time.monotonic()
                late = [sock for deadline, sock in self._busy.values() if sock is not None and now >= deadline]
            for sock in late:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    # ---- one delivery ----

    def _deliver(self, worker: int, note_id: int) -> None:
        with self.store.transaction():
            note = self.store.notification(note_id)
        if note is None:  # the state was reset meanwhile
            return
        refusal = self.policy.refusal(note["url"])
        if refusal is not None:
            log.info("notification %s (%s) to %s: refused: %s", note_id, note["kind"], note["url"], refusal)
            self._record(note_id, "refused", None, None, refusal, refusal, 0.0)
            return
        started = time.monotonic()
        state, status, answer, error = "failed", None, None, None
        try:
            status, answer = self._post(worker, note["url"], note["body"].encode("utf-8"), note["signature"], started + self.timeout)
            if 200 <= status < 300:
                state = "delivered"
            else:
                error = f"HTTP {status}"
        except Exception as exc:  # OSError, http.client.HTTPException, a bad URL: recorded, never raised
            took = time.monotonic() - started
            if took >= self.timeout - 0.01:
                error = f"no complete answer within {self.timeout:g} s ({type(exc).__name__})"
            else:
                error = f"{type(exc).__name__}: {exc}"[:500]
        finally:
            with self._lock:
                self._busy.pop(worker, None)
        took = time.monotonic() - started
        log.info("notification %s (%s) to %s: %s", note_id, note["kind"], note["url"], error or state)
        self._record(note_id, state, status, answer, error, None, took)

    def _post(self, worker: int, url: str, body: bytes, signature: str, deadline: float) -> Tuple[int, str]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        left = max(0.01, deadline - time.monotonic())
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(host, parts.port, timeout=left, context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(host, parts.port, timeout=left)
        with self._lock:
            self._busy[worker] = (deadline, None)
        try:
            conn.connect()
            with self._lock:
                self._busy[worker] = (deadline, conn.sock)
            if time.monotonic() >= deadline:
                raise TimeoutError("the deadline passed while connecting")
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            conn.putrequest("POST", path, skip_accept_encoding=True)
            for name, value in (("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", str(len(body))),
                                (SIGNATURE_HEADER, signature), ("User-Agent", USER_AGENT), ("Connection", "close")):  # fmt: skip
                conn.putheader(name, value)
            conn.endheaders(body)
            res = conn.getresponse()
            raw = res.read(ANSWER_CHARS * 4)
            if time.monotonic() >= deadline:
                raise TimeoutError("the deadline passed while reading the answer")
            return res.status, raw.decode("utf-8", errors="replace")[:ANSWER_CHARS]
        finally:
            conn.close()

    def _record(self, note_id: int, state: str, status: Optional[int], answer: Optional[str], error: Optional[str],
                refusal: Optional[str], took: float) -> None:  # fmt: skip
        with self.store.transaction():
            if self.store.notification(note_id) is not None:
                self.store.finish_notification(note_id, state, status, error, self.now(), answer=answer, refusal=refusal, duration=took)


def _receiver(url: str) -> str:
    """The receiver a URL names (its deliveries keep their order): scheme, host and port."""
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.hostname}:{parts.port}"
    except ValueError:
        return url
