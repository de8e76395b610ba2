"""The time that retries and rate limits keep and wait on: one seam, so tests never wait.

A retry's backoff, a rate limit, a server's Retry-After pause and the digest
scheduler all ask ``current()`` for the time and for the wait, sync (``sleep``) or async
(``asleep``). ``using(clock)`` puts another clock in place for a block, as the
tests do with ``summarizer.testing.VirtualClock``: time that passes only when
something waits. Code that wants its own time for one object passes it there
instead (``RetryPolicy(sleep=...)``, ``RateLimiter(clock=..., sleep=..., block=...)``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def time(self) -> float:
        """Wall-clock seconds since the epoch: for what happens at a time of day (the digest scheduler)."""
        ...

    def sleep(self, seconds: float) -> None: ...

    async def asleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real time: ``time.monotonic``, ``time.time``, ``time.sleep``, ``asyncio.sleep``."""

    def monotonic(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    async def asleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


_current: Clock = SystemClock()


def current() -> Clock:
    """The clock in place now (looked up at each wait, so ``using`` reaches objects built before it)."""
    return _current


@contextmanager
def using(clock: Clock) -> Iterator[Clock]:
    """Within the block, every wait that has no clock of its own keeps ``clock``'s time."""
    global _current
    previous, _current = _current, clock
    try:
        yield clock
    finally:
        _current = previous
