"""Client-side rate limits shared by every job of a batch: requests and tokens per minute.

Two token buckets, each refilled continuously at its per-minute rate and
holding at most one minute's worth, so a batch starts at full speed and then
settles at the limit. A Retry-After from the server pauses every job, not just
the one that was told: the limit is the account's, not the request's.

The sync and async paths share the buckets and the arithmetic (``_take``);
they differ only in how they wait.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable

from ..clock import current


class RateLimiter:
    """Before each request ``await limiter.acquire(tokens)`` (async) or ``limiter.wait(tokens)`` (sync);
    ``pause(seconds)`` on a Retry-After."""

    def __init__(
        self,
        requests_per_minute: float | None = None,
        tokens_per_minute: float | None = None,
        *,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
        block: Callable[[float], None] | None = None,
    ) -> None:
        """``clock``, ``sleep`` (async) and ``block`` (sync) are the time it keeps and waits on; by default
        ``summarizer.clock.current()``'s, looked up at each use."""
        for name, value in (("requests_per_minute", requests_per_minute), ("tokens_per_minute", tokens_per_minute)):
            if value is not None and value <= 0:
                raise ValueError(f"{name} must be positive, got {value}")
        self.rpm = requests_per_minute
        self.tpm = tokens_per_minute
        self._clock = clock or (lambda: current().monotonic())
        self._sleep = sleep or (lambda seconds: current().asleep(seconds))
        self._block = block or (lambda seconds: current().sleep(seconds))
        now = self._clock()
        self._requests = float(requests_per_minute or 0)
        self._tokens = float(tokens_per_minute or 0)
        self._updated = now
        self._paused_until = now
        self._lock: asyncio.Lock | None = None  # async callers wait in line
        self._line = threading.Lock()  # sync callers wait in line
        self._state = threading.Lock()  # the buckets, shared by threads and event loops
        self.waited = 0.0  # seconds spent waiting, for the usage report

    def pause(self, seconds: float) -> None:
        """Hold every request for ``seconds`` (a server's Retry-After)."""
        with self._state:
            self._paused_until = max(self._paused_until, self._clock() + max(seconds, 0.0))

    def _refill(self, now: float) -> None:
        elapsed = max(now - self._updated, 0.0)
        self._updated = now
        if self.rpm is not None:
            self._requests = min(self.rpm, self._requests + elapsed * self.rpm / 60)
        if self.tpm is not None:
            self._tokens = min(self.tpm, self._tokens + elapsed * self.tpm / 60)

    def _delay(self, tokens: int, now: float) -> float:
        """Seconds until one request of ``tokens`` fits; 0 when it fits now."""
        delay = max(self._paused_until - now, 0.0)
        if self.rpm is not None and self._requests < 1:
            delay = max(delay, (1 - self._requests) * 60 / self.rpm)
        if self.tpm is not None:
            wanted = min(float(tokens), self.tpm)  # a request larger than a minute's budget waits for a full bucket
            if self._tokens < wanted:
                delay = max(delay, (wanted - self._tokens) * 60 / self.tpm)
        return delay

    def _take(self, tokens: int) -> float:
        """Take one request of ``tokens`` if it fits now and return 0; else the seconds to wait first."""
        with self._state:
            now = self._clock()
            self._refill(now)
            delay = self._delay(tokens, now)
            if delay > 0:
                self.waited += delay
                return delay
            if self.rpm is not None:
                self._requests -= 1
            if self.tpm is not None:
                self._tokens -= min(float(tokens), self.tpm)
            return 0.0

    async def acquire(self, tokens: int = 0) -> None:
        """Wait until one more request of about ``tokens`` tokens is within the limits, then take it."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:  # first come, first served: waiting jobs queue in order
            while (delay := self._take(tokens)) > 0:
                await self._sleep(delay)

    def wait(self, tokens: int = 0) -> None:
        """``acquire`` for sync callers: blocks this thread until the request is within the limits."""
        with self._line:
            while (delay := self._take(tokens)) > 0:
                self._block(delay)

    def settle(self, estimated: int, actual: int) -> None:
        """Correct the token bucket once the server reports what a request really used."""
        if self.tpm is not None:
            with self._state:
                self._tokens = min(self.tpm, self._tokens + estimated - actual)
