"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_milliseconds(operation: Callable[[], object], repeats: int = 7) -> float:
    """Median milliseconds of `operation` over `repeats` runs."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        operation()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
