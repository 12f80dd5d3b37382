"""The sandbox clock: real time plus an offset that /_sandbox/advance moves, or a frozen moment.

Everything the sandbox dates or schedules uses this clock, so a test can freeze it and move it
on by exact amounts, and statuses settle exactly when the test says.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Optional


class Clock:
    def __init__(self, offset: float = 0.0, frozen_at: Optional[float] = None, source: Callable[[], float] = time.time) -> None:
        self._offset = offset
        self._frozen_at = frozen_at
        self._source = source
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._frozen_at if self._frozen_at is not None else self._source() + self._offset

    @property
    def offset(self) -> float:
        return self._offset

    @property
    def frozen(self) -> bool:
        return self._frozen_at is not None

    @property
    def frozen_at(self) -> Optional[float]:
        return self._frozen_at

    def advance(self, seconds: float) -> float:
        """Move the clock on by ``seconds`` (never back); return the new time."""
        with self._lock:
            seconds = max(0.0, float(seconds))
            if self._frozen_at is not None:
                self._frozen_at += seconds
            else:
                self._offset += seconds
            return self._frozen_at if self._frozen_at is not None else self._source() + self._offset

    def freeze(self) -> float:
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = self._source() + self._offset
            return self._frozen_at

    def unfreeze(self) -> float:
        with self._lock:
            if self._frozen_at is not None:
                # carry on from the frozen moment: time never runs backwards
                self._offset = self._frozen_at - self._source()
                self._frozen_at = None
            return self._source() + self._offset
