"""One deadline for a whole search."""
from __future__ import annotations

from indexer.deadline import DEFAULT_SECONDS, Deadline, default_time_limit


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_deadline_expires_once_its_seconds_have_passed_and_remembers_it():
    clock = Clock()
    deadline = Deadline(0.5, clock=clock)
    assert not deadline.expired() and not deadline.hit and deadline.remaining() == 0.5
    clock.now += 0.6
    assert deadline.expired() and deadline.hit and deadline.remaining() == 0.0


def test_the_default_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("REPORTSEARCH_TIME_LIMIT", "2.5")
    assert default_time_limit() == 2.5 and Deadline().seconds == 2.5
    for bad in ("", "soon", "-1", "0"):
        monkeypatch.setenv("REPORTSEARCH_TIME_LIMIT", bad)
        assert default_time_limit() == DEFAULT_SECONDS
