"""The one timer the benchmark scripts share: the best wall time of a few runs.

Run a benchmark as a script (``python benchmarks/NAME.py``): its folder is then on the
path, so ``from timing import best_of`` finds this module.

>>> best_of(lambda: None, 3) >= 0.0
True
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["best_of"]


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """The shortest wall time, in seconds, of ``repeat`` calls of ``fn``."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best
