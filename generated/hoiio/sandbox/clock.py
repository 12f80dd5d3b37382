"""The sandbox clock: real time plus an offset that /_sandbox/advance moves, or a frozen moment.

Everything the sandbox dates or schedules uses this clock, so a test can freeze it and move it
on by exact amounts, and statuses settle exactly when the test says.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Callable, Optional, Tuple

#: The sandbox's times stay between the epoch and the year 3000 (Hoiio's dates have four-digit
#: years; a clock beyond them would break every answer that carries a date).
LATEST = 32503680000.0


def sane(offset: float, frozen_at: Optional[float], source: Callable[[], float] = time.time) -> bool:
    """Whether a stored clock gives a time the sandbox can date."""
    moment = frozen_at if frozen_at is not None else source() + offset
    return math.isfinite(offset) and math.isfinite(moment) and 0 <= moment < LATEST


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

    def state(self) -> Tuple[float, Optional[float]]:
        with self._lock:
            return self._offset, self._frozen_at

    def restore(self, state: Tuple[float, Optional[float]]) -> None:
        with self._lock:
            self._offset, self._frozen_at = state

    def advance(self, seconds: float) -> float:
        """Move the clock on by ``seconds`` (never back); return the new time. ValueError, and
        no change, when ``seconds`` is not a finite number >= 0 or the time would pass LATEST."""
        with self._lock:
            seconds = float(seconds)
            if not math.isfinite(seconds) or seconds < 0:
                raise ValueError(f"the clock moves on by a finite number of seconds >= 0, not {seconds!r}")
            current = self._frozen_at if self._frozen_at is not None else self._source() + self._offset
            if current + seconds >= LATEST:
                raise ValueError("the sandbox clock cannot pass the year 3000")
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
