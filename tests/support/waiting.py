"""Waiting for a condition: poll it until it holds, or fail at a deadline.

The tests never sleep for a fixed time in the hope that something happened;
they ask, again and again, whether it has.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_for(
    what: str, probe: Callable[[], bool], timeout: float = 90, every: float = 0.2
) -> float:
    """Poll PROBE every EVERY seconds until it holds; return the seconds it took.

    Raises TimeoutError naming WHAT when it still fails after TIMEOUT seconds.
    """
    started = time.monotonic()
    while not probe():
        if time.monotonic() - started > timeout:
            raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(every)
    return time.monotonic() - started
