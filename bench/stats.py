"""Latency summaries and the measuring loop shared by the benchmark's processes.

Percentiles are nearest-rank on the sorted sample, so p99 of a small sample is its
maximum rather than an interpolation between two measurements that never happened.
Measured passes are whole passes over the query mix, so a time budget drops passes, never
the queries at the end of the mix: a slow engine gets fewer samples, not a biased sample.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable


def percentile(values: Iterable[float], p: float) -> float | None:
    """The nearest-rank ``p``-th percentile (0 < p <= 100); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: Iterable[float]) -> dict:
    """Count, p50, p95, p99 and max of latencies in milliseconds, rounded to 0.01 ms."""
    values = list(values)

    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, 2)

    return {"n": len(values), "p50": rounded(percentile(values, 50)), "p95": rounded(percentile(values, 95)),
            "p99": rounded(percentile(values, 99)), "max": rounded(max(values) if values else None)}


def ratio(a: float | None, b: float | None) -> float | None:
    """a / b, or None when either is missing or b is zero."""
    return round(a / b, 2) if a is not None and b else None


def warm_up(count: int, budget: float, call: Callable[[int], object]) -> int:
    """Call ``call(i)`` for each item until ``budget`` seconds have passed; how many ran."""
    started = time.perf_counter()
    for i in range(count):
        if time.perf_counter() - started > budget:
            return i
        call(i)
    return count


def measure_passes(count: int, passes: int, budget: float, call: Callable[[int], object]) -> int:
    """Up to ``passes`` whole passes of ``call(i)`` over ``count`` items; a pass starts
    only while the time used plus the last pass's duration fits in ``budget`` seconds (the
    first always runs). How many passes ran."""
    started = time.perf_counter()
    last = 0.0
    for n in range(passes):
        begun = time.perf_counter()
        if n and begun - started + last > budget:
            return n
        for i in range(count):
            call(i)
        last = time.perf_counter() - begun
    return passes
