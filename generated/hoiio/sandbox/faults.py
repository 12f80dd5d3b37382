"""Injected faults, for testing how an application copes with a bad day at Hoiio.

Each fault applies to the next ``count`` API requests (those under /open/, optionally only one
``path`` such as "sms/send"), then disappears:

- ``rate_limit``: answer error_rate_limit_exceeded without doing anything (with ``seconds``,
  also a ``Retry-After: <seconds>`` header);
- ``server_error``: answer error_internal_server_error without doing anything;
- ``delay``: wait ``seconds`` before handling the request (then handle it normally);
- ``drop``: close the connection without an answer; with ``after=True`` the request is handled
  first (so it took effect, but the client cannot know: an unknown outcome);
- ``bad_gateway``: answer an HTML "502 Bad Gateway" page, as a failing proxy would.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from typing import Any, Dict, List, Optional

KINDS = ("rate_limit", "server_error", "delay", "drop", "bad_gateway")


@dataclass
class Fault:
    id: int
    kind: str
    count: int
    path: Optional[str] = None
    seconds: float = 0.0
    after: bool = False


class Faults:
    def __init__(self) -> None:
        self._faults: List[Fault] = []
        self._lock = threading.Lock()
        self._next = 1

    def add(self, kind: str, count: int = 1, path: Optional[str] = None, seconds: float = 0.0, after: bool = False) -> Fault:
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; expected one of: {', '.join(KINDS)}")
        if count < 1:
            raise ValueError("count must be at least 1")
        if not 0 <= seconds <= 300:  # NaN fails this too
            raise ValueError("seconds must be between 0 and 300")
        with self._lock:
            fault = Fault(self._next, kind, int(count), path.strip("/") if path else None, float(seconds), bool(after))
            self._next += 1
            self._faults.append(fault)
            return fault

    def take(self, path: str) -> List[Fault]:
        """The faults that apply to this request (one of each kind), each counted down once."""
        taken: List[Fault] = []
        with self._lock:
            kinds = set()
            for fault in list(self._faults):
                if fault.kind in kinds or (fault.path and fault.path != path):
                    continue
                kinds.add(fault.kind)
                fault.count -= 1
                taken.append(Fault(fault.id, fault.kind, 1, fault.path, fault.seconds, fault.after))
                if fault.count <= 0:
                    self._faults.remove(fault)
        return taken

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def list(self) -> List[Dict[str, Any]]:
        with self._lock:
            return [asdict(f) for f in self._faults]
