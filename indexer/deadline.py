"""One deadline for a whole search.

Every stage that may take time (probing the index, running clauses, reading hits) asks the
same :class:`Deadline`, so a search costs at most its time limit however many stages or
terms it has, instead of each stage restarting its own clock.
"""
from __future__ import annotations

import os
import time

DEFAULT_SECONDS = 1.0
ENV = "REPORTSEARCH_TIME_LIMIT"


def default_time_limit() -> float:
    """``$REPORTSEARCH_TIME_LIMIT`` in seconds, else one second."""
    value = os.environ.get(ENV, "").strip()
    try:
        seconds = float(value) if value else DEFAULT_SECONDS
    except ValueError:
        return DEFAULT_SECONDS
    return seconds if seconds > 0 else DEFAULT_SECONDS


class Deadline:
    """A point in time after which a search stops and returns what it has found."""

    def __init__(self, seconds: float | None = None, clock=time.monotonic) -> None:
        self.seconds = default_time_limit() if seconds is None else float(seconds)
        self._clock = clock
        self._end = clock() + self.seconds
        self.hit = False  # set once anything was cut short by this deadline

    def remaining(self) -> float:
        return max(0.0, self._end - self._clock())

    def expired(self) -> bool:
        """Whether time is up; remembers it, so the result can say it was cut short."""
        if self._clock() >= self._end:
            self.hit = True
        return self.hit
