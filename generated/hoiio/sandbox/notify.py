"""Delivering notifications: a background worker POSTs each queued notification once, in the
order they were made, and records the outcome. Nothing is retried (Hoiio never resent one).

Each POST is form-encoded with the header X-Hoiio-Signature: the hex HMAC-SHA256 of the raw
body keyed with the account's access token. Proxies from the environment are ignored, so a
notification goes only to the URL the user gave.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Callable, Iterable, Optional

import requests

from .._generated.facts import SIGNATURE_HEADER
from .store import Store

log = logging.getLogger("hoiio.sandbox")

USER_AGENT = "Hoiio-Sandbox/1.0"


class Notifier:
    def __init__(self, store: Store, now: Callable[[], float], timeout: float = 5.0) -> None:
        self.store = store
        self.now = now
        self.timeout = timeout
        self._queue: "queue.Queue[Optional[int]]" = queue.Queue()
        self._session = requests.Session()
        self._session.trust_env = False
        self._idle = threading.Condition()
        self._pending = 0
        self._thread = threading.Thread(target=self._run, name="hoiio-sandbox-notifier", daemon=True)
        self._thread.start()

    def submit(self, note_ids: Iterable[int]) -> None:
        for note_id in note_ids:
            with self._idle:
                self._pending += 1
            self._queue.put(note_id)

    def wait(self, timeout: float = 10.0) -> bool:
        """Block until every queued notification was tried; False on timeout."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    @property
    def pending(self) -> int:
        return self._pending

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=self.timeout + 2)
        self._session.close()

    def _run(self) -> None:
        while True:
            note_id = self._queue.get()
            if note_id is None:
                return
            try:
                self._deliver(note_id)
            except Exception:  # pragma: no cover - never let the worker die
                log.exception("notification %s could not be recorded", note_id)
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()

    def _deliver(self, note_id: int) -> None:
        with self.store.transaction():
            note = self.store.notification(note_id)
        if note is None:  # the state was reset meanwhile
            return
        state, http_status, error = "failed", None, None
        try:
            res = self._session.post(
                note["url"],
                data=note["body"].encode("utf-8"),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    SIGNATURE_HEADER: note["signature"],
                    "User-Agent": USER_AGENT,
                },
                timeout=self.timeout,
                allow_redirects=False,
            )
            http_status = res.status_code
            res.close()
            if 200 <= res.status_code < 300:
                state = "delivered"
            else:
                error = f"HTTP {res.status_code}"
        except requests.RequestException as exc:
            error = f"{type(exc).__name__}: {exc}"[:500]
        log.info("notification %s (%s) to %s: %s", note_id, note["kind"], note["url"], error or state)
        with self.store.transaction():
            if self.store.notification(note_id) is not None:
                self.store.finish_notification(note_id, state, http_status, error, self.now())
